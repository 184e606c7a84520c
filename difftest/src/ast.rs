//! The generator's own program tree. It is shaped for generating, printing
//! and shrinking, not for evaluating: loop counters, depth guards and the
//! depth argument of recursive calls are structural (printed from the node,
//! not separate statements), so shrinking can never make a program loop or
//! recurse forever by deleting a counter increment or a guard.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    pub stmts: Vec<Stmt>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Shl,
    Shr,
    BitAnd,
    BitOr,
    BitXor,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    Cmp,
    AndAnd,
    OrOr,
    /// The low-precedence keyword forms `and` / `or`.
    And,
    Or,
}

impl BinOp {
    pub fn text(self) -> &'static str {
        use BinOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            Mod => "%",
            Pow => "**",
            Shl => "<<",
            Shr => ">>",
            BitAnd => "&",
            BitOr => "|",
            BitXor => "^",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
            Eq => "==",
            Ne => "!=",
            Cmp => "<=>",
            AndAnd => "&&",
            OrOr => "||",
            And => "and",
            Or => "or",
        }
    }

    /// Operators whose result is a truth value (true/false in Ruby).
    pub fn is_boolean(self) -> bool {
        use BinOp::*;
        matches!(self, Lt | Le | Gt | Ge | Eq | Ne | AndAnd | OrOr | And | Or)
    }

    /// Operators whose operands are truth values.
    pub fn takes_booleans(self) -> bool {
        matches!(self, BinOp::AndAnd | BinOp::OrOr | BinOp::And | BinOp::Or)
    }

    /// Operators usable in compound assignment.
    pub const COMPOUND: [BinOp; 11] = [
        BinOp::Add,
        BinOp::Sub,
        BinOp::Mul,
        BinOp::Div,
        BinOp::Mod,
        BinOp::Pow,
        BinOp::Shl,
        BinOp::Shr,
        BinOp::BitAnd,
        BinOp::BitOr,
        BinOp::BitXor,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Plus,
    BitNot,
    Not,
    /// The low-precedence keyword `not`.
    KwNot,
}

/// How an integer literal is spelled (all spell the same value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Radix {
    Dec,
    Underscore,
    Hex,
    Bin,
    Oct,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Int(i64, Radix),
    Var(String),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Un(UnOp, Box<Expr>),
    Ternary(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `name(args)`; `depth` is the structural depth argument of a
    /// recursive function (printed first), `bare` prints a zero-argument
    /// call without parentheses, and a call statement with arguments in
    /// command form (`name a, b`).
    Call {
        name: String,
        depth: Option<Depth>,
        args: Vec<Expr>,
        bare: bool,
    },
    /// `p(e)` used as a value.
    P(Box<Expr>),
    /// `(x = e)` or `(x op= e)` used as a value.
    Assign(String, Option<BinOp>, Box<Expr>),
    Paren(Box<Expr>),
    /// Parenthesized, with a line break after the operator of the binary
    /// expression inside (line continuation).
    Broken(Box<Expr>),
}

/// The depth argument of a call to a recursive function: a literal at the
/// top level, the caller's depth minus one inside a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    Lit(i64),
    Dec,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrintKind {
    P,
    Puts,
    Print,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoopKind {
    /// `while i < n`
    WhileLt,
    /// `while n > i`
    WhileGt,
    /// `until i >= n`
    UntilGe,
    /// `until i == n`
    UntilEq,
}

/// The statement a modifier loop repeats; each form advances the counter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModLoopBody {
    Inc,
    PInc,
    PrintInc,
}

/// How a function's depth guard is written (every form returns `value`
/// when the depth parameter is not positive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuardForm {
    ReturnIf,
    ReturnUnless,
    IfBlock,
    IfThenOneLine,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefStyle {
    Paren,
    /// `def f a, b` (only with parameters)
    Bare,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stmt {
    Expr(Expr),
    Print {
        kind: PrintKind,
        args: Vec<Expr>,
        command: bool,
    },
    Assign(String, Option<BinOp>, Expr),
    /// `x = if ... end`: the local gets the value of an `If` statement
    /// (the value of the taken branch's last statement; 0 with no branch
    /// taken).
    AssignIf(String, Box<Stmt>),
    If {
        /// `unless` (then no elsif)
        negate: bool,
        cond: Expr,
        then: Vec<Stmt>,
        elsifs: Vec<(Expr, Vec<Stmt>)>,
        els: Option<Vec<Stmt>>,
        then_kw: bool,
    },
    /// `counter = 0`, then a loop whose body starts with `counter += 1`;
    /// `extra` is an additional condition joined with `&&`.
    While {
        counter: String,
        limit: i64,
        kind: LoopKind,
        extra: Option<Expr>,
        do_kw: bool,
        body: Vec<Stmt>,
    },
    /// `stmt if cond` / `stmt unless cond`
    Modifier {
        negate: bool,
        stmt: Box<Stmt>,
        cond: Expr,
    },
    /// `counter = 0`, then `body while counter < limit` (or `until`).
    ModLoop {
        counter: String,
        limit: i64,
        until: bool,
        body: ModLoopBody,
    },
    Break,
    Next,
    Return(Option<Expr>),
    Exit(i64),
    Def(Def),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Def {
    pub name: String,
    /// The depth parameter `d` comes first when present; every call then
    /// passes a `Depth`, and the body starts with the guard.
    pub guard: Option<(GuardForm, i64)>,
    pub params: Vec<String>,
    pub style: DefStyle,
    pub body: DefBody,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DefBody {
    Block(Vec<Stmt>),
    /// `def f(a) = expr` (a guarded one is `d <= 0 ? value : expr`)
    Endless(Expr),
}

/// The depth parameter's name.
pub const DEPTH: &str = "d";
