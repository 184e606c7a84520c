//! `--dump-ast`: the node tree with each node's kind, immediates, line and
//! Merkle hash (the name its specialized dispatcher gets).

use super::hash::MerkleHasher;
use super::{Ast, NodeId, Operand};
use std::fmt::Write;

/// Renders the tree under `root`, one node per line, children indented and
/// labelled with their operand name.
pub fn dump(ast: &Ast, root: NodeId) -> String {
    let mut hasher = MerkleHasher::new(ast);
    let mut out = String::new();
    let mut on_path = vec![false; ast.len()];
    // (node, depth, label); `None` marks leaving a node.
    let mut work: Vec<Option<(NodeId, usize, Option<&str>)>> = vec![Some((root, 0, None))];
    let mut path: Vec<NodeId> = Vec::new();
    while let Some(item) = work.pop() {
        let Some((id, depth, label)) = item else {
            if let Some(left) = path.pop() {
                on_path[left.0 as usize] = false;
            }
            continue;
        };
        let indent = "  ".repeat(depth);
        let label = label.map(|l| format!("{l}: ")).unwrap_or_default();
        if on_path[id.0 as usize] {
            let _ = writeln!(
                out,
                "{indent}{label}<cycle back to {}>",
                ast.kind(id).name()
            );
            continue;
        }
        let info = ast.kind(id).info();
        let mut imms = Vec::new();
        for (op, value) in info.operands.iter().zip(ast.operands(id)) {
            match *value {
                Operand::Local(v) | Operand::U32(v) => imms.push(format!("{}={v}", op.name)),
                Operand::I64(v) => imms.push(format!("{}={v}", op.name)),
                Operand::Name(s) => imms.push(format!("{}={}", op.name, ast.name(s))),
                Operand::Node(_) | Operand::Entry(_) | Operand::Side | Operand::Target => {}
            }
        }
        let _ = writeln!(
            out,
            "{indent}{label}{}{} {} @{}",
            info.name,
            if imms.is_empty() {
                String::new()
            } else {
                format!("({})", imms.join(", "))
            },
            hasher.hash(id),
            ast.line(id)
        );
        on_path[id.0 as usize] = true;
        path.push(id);
        work.push(None);
        let children: Vec<(NodeId, &'static str)> = info
            .operands
            .iter()
            .zip(ast.operands(id))
            .filter_map(|(op, v)| v.child().map(|c| (c, op.name)))
            .collect();
        for (child, name) in children.into_iter().rev() {
            work.push(Some((child, depth + 1, Some(name))));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::Val;

    #[test]
    fn dumps_kinds_immediates_hashes_and_lines() {
        let mut ast = Ast::new();
        let x = ast.lset(1, 0, Val::Imm(5));
        let f = ast.intern("f");
        let c = ast.call0(2, f, 1);
        let s = ast.seq(1, x, c);
        let text = dump(&ast, s);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(
            lines[0].starts_with("seq SD_") && lines[0].ends_with("@1"),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].starts_with("  first: lset_i(slot=0, v=5) SD_"),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].starts_with("  rest: call0(name=f, argbase=1) SD_"),
            "{}",
            lines[2]
        );
        assert!(lines[2].ends_with("@2"));
    }

    #[test]
    fn cycles_are_marked() {
        let mut ast = Ast::new();
        let z = ast.lit(1, 0);
        let q = ast.seq(1, z, z);
        ast.set_operand(q, 1, Operand::Node(q));
        let text = dump(&ast, q);
        assert!(text.contains("<cycle back to seq>"), "{text}");
    }
}
