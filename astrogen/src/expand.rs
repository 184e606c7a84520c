//! Expansion of `val` operands into concrete kinds, and the node layout.
//!
//! A kind with k `val` operands becomes 3^k concrete kinds, one per shape
//! combination (`n` child node, `l` local slot, `i` immediate), named
//! `<family>_<shapes>`. Every operand field is one 8-byte word (side data:
//! its declared word count) after a two-word header (dispatcher pointer;
//! kind and id), so the C and Rust views can share one offset computation.

use crate::parse::DefError;
use crate::spec::{DefType, Spec};

/// Words taken by the node header: the dispatcher pointer, then `kind` and
/// `id` as two 32-bit halves of the second word.
pub const HEADER_WORDS: usize = 2;

/// A concrete operand type (after `val` expansion).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperandType {
    Node,
    Entry,
    /// A local slot read by `VAL` (the `l` shape of a val operand).
    Local,
    I64,
    U32,
    Name,
    Side(usize),
    /// Takes no storage: the interpreter passes NULL, specialized code may
    /// pass a statically known target.
    Target,
}

impl OperandType {
    /// The variant name in the Rust `OperandType` enum.
    pub fn rust_name(self) -> &'static str {
        match self {
            OperandType::Node => "Node",
            OperandType::Entry => "Entry",
            OperandType::Local => "Local",
            OperandType::I64 => "I64",
            OperandType::U32 => "U32",
            OperandType::Name => "Name",
            OperandType::Side(_) => "Side",
            OperandType::Target => "Target",
        }
    }
}

/// How a `val` operand is realised in one concrete kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Node,
    Local,
    Imm,
}

impl Shape {
    pub const ALL: [Shape; 3] = [Shape::Node, Shape::Local, Shape::Imm];

    pub fn letter(self) -> char {
        match self {
            Shape::Node => 'n',
            Shape::Local => 'l',
            Shape::Imm => 'i',
        }
    }

    fn operand_type(self) -> OperandType {
        match self {
            Shape::Node => OperandType::Node,
            Shape::Local => OperandType::Local,
            Shape::Imm => OperandType::I64,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operand {
    pub name: String,
    pub ty: OperandType,
    /// Offset from the start of the node, in 8-byte words.
    pub word: usize,
    pub words: usize,
    /// Whether node.def declared it `val` (the body reads it with VAL).
    pub is_val: bool,
    /// Whether node.def declared it `swappable` (a `Node` operand).
    pub swappable: bool,
    /// Whether the body completes with this child's RESULT as it is
    /// (`PROPAGATE(EVAL_RAW(child))`): a call that is this child is in the
    /// node's tail position.
    pub tail: bool,
    /// Whether node.def declared it `word` (an `I64` operand that
    /// specialized code reads from the node instead of baking).
    pub read_at_run_time: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    /// Concrete name, e.g. `add_nl`.
    pub name: String,
    /// The node.def name, e.g. `add`.
    pub family: String,
    /// Shape letters of the val operands in order (empty without vals).
    pub shapes: Vec<Shape>,
    pub operands: Vec<Operand>,
    /// Total size in words, header included.
    pub words: usize,
    pub body: String,
    pub body_line: usize,
}

impl Kind {
    pub fn bytes(&self) -> usize {
        self.words * 8
    }
}

/// Expands every definition of `spec` into concrete kinds, in node.def
/// order (variants of one family in shape order n < l < i, leftmost operand
/// varying slowest).
pub fn expand(spec: &Spec) -> Result<Vec<Kind>, DefError> {
    let mut kinds: Vec<Kind> = Vec::new();
    for def in &spec.kinds {
        let vals = def.operands.iter().filter(|o| o.ty == DefType::Val).count();
        let variants = 3usize.pow(vals as u32);
        for variant in 0..variants {
            let shapes: Vec<Shape> = (0..vals)
                .map(|i| Shape::ALL[(variant / 3usize.pow((vals - 1 - i) as u32)) % 3])
                .collect();
            let mut word = HEADER_WORDS;
            let mut next_shape = shapes.iter();
            let mut operands = Vec::new();
            for op in &def.operands {
                let (ty, words) = match &op.ty {
                    DefType::Node | DefType::Swappable => (OperandType::Node, 1),
                    DefType::Entry => (OperandType::Entry, 1),
                    DefType::Val => (
                        next_shape.next().expect("one shape per val").operand_type(),
                        1,
                    ),
                    DefType::I64 | DefType::Word => (OperandType::I64, 1),
                    DefType::U32 => (OperandType::U32, 1),
                    DefType::Name => (OperandType::Name, 1),
                    DefType::Side(i) => (OperandType::Side(*i), spec.sides[*i].words),
                    DefType::Target => (OperandType::Target, 0),
                };
                operands.push(Operand {
                    name: op.name.clone(),
                    ty,
                    word,
                    words,
                    is_val: op.ty == DefType::Val,
                    swappable: op.ty == DefType::Swappable,
                    tail: propagates(&def.body, &op.name),
                    read_at_run_time: op.ty == DefType::Word,
                });
                word += words;
            }
            let name = if shapes.is_empty() {
                def.name.clone()
            } else {
                format!(
                    "{}_{}",
                    def.name,
                    shapes.iter().map(|s| s.letter()).collect::<String>()
                )
            };
            if kinds.iter().any(|k| k.name == name) {
                return Err(DefError {
                    origin: String::new(),
                    line: def.line,
                    message: format!("node `{name}` is defined twice (after val expansion)"),
                });
            }
            kinds.push(Kind {
                name,
                family: def.name.clone(),
                shapes,
                operands,
                words: word,
                body: def.body.clone(),
                body_line: def.body_line,
            });
        }
    }
    Ok(kinds)
}

/// Whether `body` completes with the RESULT of child `operand` as it is,
/// whitespace aside.
fn propagates(body: &str, operand: &str) -> bool {
    let text: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    text.contains(&format!("PROPAGATE(EVAL_RAW({operand}))"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    #[test]
    fn a_child_whose_result_the_body_propagates_is_a_tail_operand() {
        let def = "node pick(c: node, a: node, b: node) {\n    if (EVAL(c)) PROPAGATE( EVAL_RAW(a) );\n    RETURN(EVAL(b));\n}\n";
        let kinds = expand(&parse(def, "t").unwrap()).unwrap();
        let tail: Vec<bool> = kinds[0].operands.iter().map(|o| o.tail).collect();
        assert_eq!(tail, [false, true, false]);
    }

    #[test]
    fn expands_val_operands_in_shape_order() {
        let spec = parse("node add(l: val, k: u32, r: val) {\nx;\n}\n", "t").unwrap();
        let kinds = expand(&spec).unwrap();
        let names: Vec<&str> = kinds.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "add_nn", "add_nl", "add_ni", "add_ln", "add_ll", "add_li", "add_in", "add_il",
                "add_ii"
            ]
        );
        let nl = &kinds[1];
        assert_eq!(nl.operands[0].ty, OperandType::Node);
        assert_eq!(nl.operands[2].ty, OperandType::Local);
        assert_eq!(
            nl.operands.iter().map(|o| o.word).collect::<Vec<_>>(),
            [2, 3, 4]
        );
        assert_eq!(nl.words, 5);
    }

    #[test]
    fn side_data_takes_its_declared_words() {
        let spec = parse(
            "%side C 3\nnode c(a: name, ic: side C, b: node) {\nx;\n}\n",
            "t",
        )
        .unwrap();
        let kinds = expand(&spec).unwrap();
        assert_eq!(kinds[0].operands[2].word, 6);
        assert_eq!(kinds[0].words, 7);
    }

    #[test]
    fn rejects_collisions_after_expansion() {
        let spec = parse("node a(v: val) {\nx;\n}\nnode a_n(x: u32) {\nx;\n}\n", "t").unwrap();
        assert_eq!(expand(&spec).unwrap_err().line, 4);
    }
}
