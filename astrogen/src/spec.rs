//! The data model of node.def as written (before `val` expansion).

/// An operand type as written in node.def.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DefType {
    Node,
    /// `swappable`: a child node like `node` that its parent evaluates
    /// again and again (a loop's body), which a JIT may compile on its own
    /// and swap in while the parent runs.
    Swappable,
    Entry,
    Val,
    I64,
    /// `word`: an integer like `i64`, hashed, but read from the node at run
    /// time instead of baked into specialized code.
    Word,
    U32,
    Name,
    /// `side T`; the index refers to [`Spec::sides`].
    Side(usize),
    /// `target`: a call target the partial evaluator may know statically.
    Target,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefOperand {
    pub name: String,
    pub ty: DefType,
}

/// A `%side NAME WORDS` declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideDecl {
    pub name: String,
    pub words: usize,
}

/// One `node` definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindDef {
    pub name: String,
    pub operands: Vec<DefOperand>,
    /// Body text, verbatim, without the enclosing braces.
    pub body: String,
    /// Line (1-based) of the `node` header, for messages.
    pub line: usize,
    /// Line (1-based) of the first body line, for `#line` directives.
    pub body_line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Spec {
    pub sides: Vec<SideDecl>,
    pub kinds: Vec<KindDef>,
}
