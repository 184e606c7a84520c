//! The descriptor types that astrogen's generated tables are made of.

use super::NodeKind;

/// What an operand is, after `val` expansion (see node.def's header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperandType {
    /// A child evaluated inline by the body.
    Node,
    /// A child compiled as its own entry (a function body).
    Entry,
    /// A local slot (the `l` shape of a val operand); baked.
    Local,
    /// An immediate integer; baked.
    I64,
    /// An immediate count or slot; baked.
    U32,
    /// An interned name; hashed by its text, read at run time.
    Name,
    /// Per-node mutable side data (index into `SIDE_TYPES`); never hashed.
    Side(usize),
    /// A call target known to specialized code (speculation); no storage,
    /// not part of the node's own hash.
    Target,
}

#[derive(Debug)]
pub struct OperandInfo {
    pub name: &'static str,
    pub ty: OperandType,
    /// Offset from the start of the node, in 8-byte words.
    pub word: usize,
    pub words: usize,
    /// node.def's `swappable`: a child the node evaluates again and again (a
    /// loop's body), which the JIT may compile and swap in while it runs.
    pub swappable: bool,
    /// The node completes with this child's result as it is (node.def:
    /// `PROPAGATE(EVAL_RAW(child))`), so a call there is a tail call.
    pub tail: bool,
}

#[derive(Debug)]
pub struct KindInfo {
    pub kind: NodeKind,
    /// Concrete name (`add_nl`): the C names are EVAL_<name>, DISPATCH_<name>.
    pub name: &'static str,
    /// The node.def definition it was expanded from (`add`).
    pub family: &'static str,
    /// Shape letters of its val operands (`nl`), empty without vals.
    pub shapes: &'static str,
    /// Node size in words, header included.
    pub words: usize,
    pub operands: &'static [OperandInfo],
}

#[derive(Debug)]
pub struct SideInfo {
    pub name: &'static str,
    pub words: usize,
}
