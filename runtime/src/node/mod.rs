//! Nodes on the Rust side: the generated kind enum, descriptor tables and
//! builders (from node.def via astrogen), and the `Ast` arena they build into.
//!
//! The arena is plain safe data (kinds, operands, lines). The C view of the
//! same nodes is produced from it by `crate::ffi::Image` using the
//! descriptor tables' word offsets, which the generated C asserts.

pub mod dump;
pub mod hash;
pub mod meta;

pub use meta::{KindInfo, OperandInfo, OperandType, SideInfo};
use std::collections::HashMap;

include!(concat!(env!("OUT_DIR"), "/nodes.rs"));

impl NodeKind {
    pub fn info(self) -> &'static KindInfo {
        &KINDS[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }
}

/// A C literal for an `i64` (INT64_MIN has no literal of its own); used by
/// the generated partial evaluator.
pub fn c_int64(v: i64) -> String {
    if v == i64::MIN {
        "(-INT64_C(9223372036854775807) - 1)".to_string()
    } else {
        format!("INT64_C({v})")
    }
}

/// Index of a node in its `Ast`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// An interned name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(pub u32);

/// One operand value, in the order node.def lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    Node(NodeId),
    Entry(NodeId),
    Local(u32),
    I64(i64),
    U32(u32),
    Name(Sym),
    /// Side data has no value on the Rust side; C zero-initialises it.
    Side,
    /// A `target` operand: no storage; the specializer decides what it is.
    Target,
}

impl Operand {
    fn fits(self, ty: OperandType) -> bool {
        matches!(
            (self, ty),
            (Operand::Node(_), OperandType::Node)
                | (Operand::Entry(_), OperandType::Entry)
                | (Operand::Local(_), OperandType::Local)
                | (Operand::I64(_), OperandType::I64)
                | (Operand::U32(_), OperandType::U32)
                | (Operand::Name(_), OperandType::Name)
                | (Operand::Side, OperandType::Side(_))
                | (Operand::Target, OperandType::Target)
        )
    }

    pub fn as_u32(self) -> Option<u32> {
        match self {
            Operand::U32(v) | Operand::Local(v) => Some(v),
            _ => None,
        }
    }

    pub fn as_i64(self) -> Option<i64> {
        match self {
            Operand::I64(v) => Some(v),
            _ => None,
        }
    }

    pub fn as_name(self) -> Option<Sym> {
        match self {
            Operand::Name(s) => Some(s),
            _ => None,
        }
    }

    /// The child this operand points to, if any.
    pub fn child(self) -> Option<NodeId> {
        match self {
            Operand::Node(c) | Operand::Entry(c) => Some(c),
            _ => None,
        }
    }
}

/// A value operand as lowering sees it; the builder picks the kind variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Val {
    Node(NodeId),
    Local(u32),
    Imm(i64),
}

/// The node arena of one program.
#[derive(Debug, Default, Clone)]
pub struct Ast {
    kinds: Vec<NodeKind>,
    lines: Vec<u32>,
    first_operand: Vec<u32>,
    operands: Vec<Operand>,
    names: Vec<String>,
    name_ids: HashMap<String, Sym>,
}

impl Ast {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a node. The generated builders are the only callers, so the
    /// operand list always matches the kind's descriptor.
    fn push(&mut self, kind: NodeKind, line: u32, operands: &[Operand]) -> NodeId {
        let info = kind.info();
        debug_assert_eq!(info.operands.len(), operands.len());
        debug_assert!(operands
            .iter()
            .zip(info.operands)
            .all(|(o, i)| o.fits(i.ty)));
        let id = NodeId(self.kinds.len() as u32);
        self.kinds.push(kind);
        self.lines.push(line);
        self.first_operand.push(self.operands.len() as u32);
        self.operands.extend_from_slice(operands);
        id
    }

    /// Appends a node from operands that were not built by lowering (a
    /// subtree received over the wire): refuses operands that do not match
    /// the kind's descriptor, and children that are not already in the
    /// arena (so the result is acyclic).
    pub fn push_checked(
        &mut self,
        kind: NodeKind,
        line: u32,
        operands: &[Operand],
    ) -> Result<NodeId, String> {
        let info = kind.info();
        if info.operands.len() != operands.len() {
            return Err(format!(
                "`{}` takes {} operands, got {}",
                info.name,
                info.operands.len(),
                operands.len()
            ));
        }
        for (o, i) in operands.iter().zip(info.operands) {
            if !o.fits(i.ty) {
                return Err(format!(
                    "operand `{}` of `{}` cannot be {o:?}",
                    i.name, info.name
                ));
            }
            if let Some(child) = o.child() {
                if child.0 as usize >= self.kinds.len() {
                    return Err(format!(
                        "`{}` names node {} before it exists",
                        info.name, child.0
                    ));
                }
            }
            if let Operand::Name(sym) = o {
                if sym.0 as usize >= self.names.len() {
                    return Err(format!("`{}` names an unknown name", info.name));
                }
            }
        }
        Ok(self.push(kind, line, operands))
    }

    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    pub fn kind(&self, id: NodeId) -> NodeKind {
        self.kinds[id.0 as usize]
    }

    /// The source line a node came from (not part of its hash).
    pub fn line(&self, id: NodeId) -> u32 {
        self.lines[id.0 as usize]
    }

    pub fn lines(&self) -> &[u32] {
        &self.lines
    }

    pub fn operands(&self, id: NodeId) -> &[Operand] {
        let start = self.first_operand[id.0 as usize] as usize;
        let count = self.kind(id).info().operands.len();
        &self.operands[start..start + count]
    }

    /// The position of operand `name` in nodes of `kind` (node.def owns the
    /// order, so code that needs one operand looks it up by name).
    pub fn operand_index(kind: NodeKind, name: &str) -> usize {
        kind.info()
            .operands
            .iter()
            .position(|o| o.name == name)
            .unwrap_or_else(|| panic!("node.def's `{}` has an operand `{name}`", kind.name()))
    }

    /// Operand `name` of node `id`.
    pub fn operand_named(&self, id: NodeId, name: &str) -> Operand {
        self.operands(id)[Ast::operand_index(self.kind(id), name)]
    }

    /// Replaces one operand (e.g. to link nodes after construction). The
    /// new value must have the operand's type.
    pub fn set_operand(&mut self, id: NodeId, index: usize, value: Operand) {
        let ty = self.kind(id).info().operands[index].ty;
        assert!(
            value.fits(ty),
            "operand {index} of {:?} cannot hold {value:?}",
            self.kind(id)
        );
        let start = self.first_operand[id.0 as usize] as usize;
        self.operands[start + index] = value;
    }

    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.operands(id).iter().filter_map(|o| o.child())
    }

    /// The nodes under `root` (itself included) up to function bodies:
    /// `node` operands are followed, `entry` operands are not.
    pub fn subtree(&self, root: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut stack = vec![root];
        std::iter::from_fn(move || {
            let id = stack.pop()?;
            stack.extend(self.operands(id).iter().filter_map(|o| match *o {
                Operand::Node(c) => Some(c),
                _ => None,
            }));
            Some(id)
        })
    }

    pub fn intern(&mut self, name: &str) -> Sym {
        if let Some(&sym) = self.name_ids.get(name) {
            return sym;
        }
        let sym = Sym(self.names.len() as u32);
        self.names.push(name.to_string());
        self.name_ids.insert(name.to_string(), sym);
        sym
    }

    pub fn name(&self, sym: Sym) -> &str {
        &self.names[sym.0 as usize]
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn ids(&self) -> impl Iterator<Item = NodeId> {
        (0..self.kinds.len() as u32).map(NodeId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_consistent() {
        for (i, info) in KINDS.iter().enumerate() {
            assert_eq!(info.kind as usize, i);
            assert_eq!(NodeKind::ALL[i], info.kind);
            let mut word = 2;
            for op in info.operands {
                assert_eq!(op.word, word, "{}.{}", info.name, op.name);
                word += op.words;
            }
            assert_eq!(info.words, word);
        }
    }

    #[test]
    fn builders_pick_shape_variants() {
        let mut ast = Ast::new();
        let one = ast.lit(1, 1);
        let a = ast.add(1, Val::Node(one), Val::Local(3));
        assert_eq!(ast.kind(a), NodeKind::AddNl);
        assert_eq!(ast.operands(a), &[Operand::Node(one), Operand::Local(3)]);
        let b = ast.add(2, Val::Imm(4), Val::Imm(5));
        assert_eq!(ast.kind(b), NodeKind::AddIi);
        assert_eq!(ast.line(b), 2);
    }

    #[test]
    fn interning_is_stable() {
        let mut ast = Ast::new();
        let f = ast.intern("f");
        let g = ast.intern("g");
        assert_ne!(f, g);
        assert_eq!(ast.intern("f"), f);
        assert_eq!(ast.name(g), "g");
    }
}
