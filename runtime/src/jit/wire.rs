//! A subtree in bytes: what a JIT client sends instead of C or a hash, so
//! that the tier that compiles recomputes both from the tree itself and no
//! client can make a hash name code it does not mean.
//!
//! Layout (little-endian): `u32` node count, then every node of the subtree
//! in post-order (children before parents, the root last). A node is its
//! kind's name (`u8` length, bytes) and its operands in node.def order:
//! `node`/`entry` children as `u32` indices of earlier nodes, locals and
//! counts as `u32`, immediates as `i64`, names as `u16` length and bytes;
//! side data and call targets carry nothing. Lines are not sent (they are
//! never hashed).
//!
//! Decoding checks everything: kinds exist, operands match their kind's
//! descriptor, children come before their parents (no cycles), names are
//! identifiers, sizes and depth stay within limits, no bytes are left over.

use crate::node::{Ast, NodeId, NodeKind, Operand, OperandType, Sym};
use std::collections::HashMap;

/// Most nodes one subtree may have.
pub const MAX_NODES: usize = 1 << 20;
/// Deepest nesting a subtree may have (hashing and specializing recurse).
pub const MAX_DEPTH: usize = 10_000;
/// Longest name.
pub const MAX_NAME: usize = 255;

/// Encodes the subtree at `root` (entries included: a `def`'s hash covers
/// its body).
pub fn encode(ast: &Ast, root: NodeId) -> Vec<u8> {
    let order = post_order(ast, root);
    let index: HashMap<NodeId, u32> = order
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, i as u32))
        .collect();
    let mut out = Vec::with_capacity(16 * order.len());
    out.extend_from_slice(&(order.len() as u32).to_le_bytes());
    for &id in &order {
        let name = ast.kind(id).name();
        out.push(name.len() as u8);
        out.extend_from_slice(name.as_bytes());
        for op in ast.operands(id) {
            match *op {
                Operand::Node(c) | Operand::Entry(c) => {
                    out.extend_from_slice(&index[&c].to_le_bytes())
                }
                Operand::Local(v) | Operand::U32(v) => out.extend_from_slice(&v.to_le_bytes()),
                Operand::I64(v) => out.extend_from_slice(&v.to_le_bytes()),
                Operand::Name(sym) => {
                    let text = ast.name(sym).as_bytes();
                    out.extend_from_slice(&(text.len() as u16).to_le_bytes());
                    out.extend_from_slice(text);
                }
                Operand::Side | Operand::Target => {}
            }
        }
    }
    out
}

/// Children first, each node once, the root last (iterative: the tree may
/// be deep).
fn post_order(ast: &Ast, root: NodeId) -> Vec<NodeId> {
    let mut order = Vec::new();
    let mut done = std::collections::HashSet::new();
    let mut stack = vec![(root, false)];
    while let Some((id, expanded)) = stack.pop() {
        if done.contains(&id) {
            continue;
        }
        if expanded {
            done.insert(id);
            order.push(id);
        } else {
            stack.push((id, true));
            for c in ast.children(id).collect::<Vec<_>>().into_iter().rev() {
                if !done.contains(&c) {
                    stack.push((c, false));
                }
            }
        }
    }
    order
}

/// A decoded subtree: its own arena and root.
#[derive(Debug)]
pub struct Tree {
    pub ast: Ast,
    pub root: NodeId,
}

/// Decodes and checks a subtree.
pub fn decode(bytes: &[u8]) -> Result<Tree, String> {
    let mut r = Reader { bytes, at: 0 };
    let count = r.u32()? as usize;
    if count == 0 {
        return Err("empty subtree".into());
    }
    if count > MAX_NODES {
        return Err(format!("{count} nodes: more than {MAX_NODES}"));
    }
    let kinds: HashMap<&str, NodeKind> = NodeKind::ALL.iter().map(|k| (k.name(), *k)).collect();
    let mut ast = Ast::new();
    let mut depth: Vec<usize> = Vec::with_capacity(count);
    for i in 0..count {
        let len = r.u8()? as usize;
        let name = std::str::from_utf8(r.take(len)?).map_err(|_| "a kind name is not UTF-8")?;
        let kind = *kinds
            .get(name)
            .ok_or_else(|| format!("unknown node kind `{name}`"))?;
        let mut operands = Vec::with_capacity(kind.info().operands.len());
        let mut deepest = 0;
        for info in kind.info().operands {
            let op = match info.ty {
                OperandType::Node | OperandType::Entry => {
                    let c = r.u32()? as usize;
                    if c >= i {
                        return Err(format!("node {i} (`{name}`) names node {c}, not before it"));
                    }
                    deepest = deepest.max(depth[c]);
                    let child = NodeId(c as u32);
                    if info.ty == OperandType::Node {
                        Operand::Node(child)
                    } else {
                        Operand::Entry(child)
                    }
                }
                OperandType::Local => Operand::Local(r.u32()?),
                OperandType::U32 => Operand::U32(r.u32()?),
                OperandType::I64 => Operand::I64(r.i64()?),
                OperandType::Name => Operand::Name(r.name(&mut ast)?),
                OperandType::Side(_) => Operand::Side,
                OperandType::Target => Operand::Target,
            };
            operands.push(op);
        }
        if deepest + 1 > MAX_DEPTH {
            return Err(format!("nested more than {MAX_DEPTH} deep"));
        }
        depth.push(deepest + 1);
        ast.push_checked(kind, 0, &operands)?;
    }
    if r.at != bytes.len() {
        return Err(format!("{} bytes after the subtree", bytes.len() - r.at));
    }
    // every node must hang under the root: nothing extra rides along
    let root = NodeId(count as u32 - 1);
    if post_order(&ast, root).len() != count {
        return Err("nodes that are not under the root".into());
    }
    Ok(Tree { ast, root })
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or("the subtree ends early")?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn i64(&mut self) -> Result<i64, String> {
        Ok(i64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
    fn name(&mut self, ast: &mut Ast) -> Result<Sym, String> {
        let len = u16::from_le_bytes(self.take(2)?.try_into().expect("2 bytes")) as usize;
        if len == 0 || len > MAX_NAME {
            return Err(format!("a name of {len} bytes"));
        }
        let text = std::str::from_utf8(self.take(len)?).map_err(|_| "a name is not UTF-8")?;
        if !is_name(text) {
            return Err(format!("`{}` is not a name", text.escape_default()));
        }
        Ok(ast.intern(text))
    }
}

/// A naruby identifier, possibly ending in `?`, `!` or `=`.
fn is_name(s: &str) -> bool {
    let body = s.strip_suffix(['?', '!', '=']).unwrap_or(s);
    let mut chars = body.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::hash::MerkleHasher;

    fn lowered(src: &str) -> crate::lower::Lowered {
        let program = crate::syntax::parse(src).expect("parses");
        crate::lower::lower(&program, src).expect("lowers")
    }

    const PROGRAM: &str = "def prime?(n)\n  return 0 if n < 2\n  i = 2\n  while i * i <= n\n    return 0 if n % i == 0\n    i += 1\n  end\n  1\nend\nc = 0\ni = 0\nwhile i <= 100\n  c += 1 if prime?(i) == 1\n  i += 1\nend\np c\n";

    #[test]
    fn a_decoded_subtree_hashes_as_the_original() {
        let l = lowered(PROGRAM);
        let mut original = MerkleHasher::new(&l.ast);
        for root in crate::entries::entry_roots(&l) {
            let tree = decode(&encode(&l.ast, root)).expect("decodes");
            let mut again = MerkleHasher::new(&tree.ast);
            assert_eq!(again.hash(tree.root), original.hash(root));
        }
    }

    #[test]
    fn every_truncation_and_extension_is_refused() {
        let l = lowered(PROGRAM);
        let bytes = encode(&l.ast, l.root);
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_err());
    }

    #[test]
    fn bad_kinds_children_and_names_are_refused() {
        // one node: `lget` of slot 0 is fine ...
        let node = |kind: &str, rest: &[u8]| {
            let mut b = vec![kind.len() as u8];
            b.extend_from_slice(kind.as_bytes());
            b.extend_from_slice(rest);
            b
        };
        let with_count = |n: u32, nodes: &[Vec<u8>]| {
            let mut b = n.to_le_bytes().to_vec();
            for x in nodes {
                b.extend_from_slice(x);
            }
            b
        };
        assert!(decode(&with_count(1, &[node("lget", &0u32.to_le_bytes())])).is_ok());
        // ... an unknown kind is not
        assert!(decode(&with_count(1, &[node("nope", &0u32.to_le_bytes())]))
            .unwrap_err()
            .contains("unknown node kind"));
        // a node naming itself or a later node (a cycle) is not
        let seq_self = node("seq", &[0u32.to_le_bytes(), 0u32.to_le_bytes()].concat());
        assert!(decode(&with_count(1, &[seq_self])).is_err());
        // a node that is not under the root is not
        let lget = node("lget", &0u32.to_le_bytes());
        assert!(decode(&with_count(2, &[lget.clone(), lget])).is_err());
        // zero nodes, or a count past the limit, are not
        assert!(decode(&with_count(0, &[])).is_err());
        assert!(decode(&((MAX_NODES as u32) + 1).to_le_bytes()).is_err());
        assert!(is_name("prime?") && is_name("_x1") && !is_name("1x") && !is_name("a b"));
        assert!(!is_name("a\");system(\"x") && !is_name(""));
    }
}

#[cfg(test)]
mod mutation {
    use super::*;
    use crate::entries::entry_at;
    use crate::speculate::Speculation;

    /// Deterministic xorshift, so a failure reproduces.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    /// A serving tier decodes and then specializes whatever a client sends:
    /// mutated subtrees must be refused or turned into C, never panic.
    #[test]
    fn mutated_subtrees_never_panic_the_decoder_or_the_specializer() {
        let src = "def f(a, b)\n  c = a * b\n  while c > 0\n    c -= 3\n    return c if c % 7 == 0\n  end\n  g(c) + 1\nend\ndef g(x)\n  x\nend\np f(5, 9)\n";
        let program = crate::syntax::parse(src).expect("parses");
        let l = crate::lower::lower(&program, src).expect("lowers");
        let originals: Vec<Vec<u8>> = crate::entries::entry_roots(&l)
            .into_iter()
            .map(|r| encode(&l.ast, r))
            .collect();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let (mut decoded, mut total) = (0, 0);
        for original in &originals {
            for _ in 0..3000 {
                let mut b = original.clone();
                for _ in 0..1 + rng.next() % 4 {
                    let i = (rng.next() as usize) % b.len();
                    b[i] = match rng.next() % 3 {
                        0 => rng.next() as u8,
                        1 => b[i].wrapping_add(1),
                        _ => 0,
                    };
                }
                total += 1;
                let outcome = std::panic::catch_unwind(|| match decode(&b) {
                    Ok(t) => {
                        let e = entry_at(&t.ast, t.root, Speculation::none(&t.ast));
                        assert!(e.symbol.starts_with("SD_"));
                        true
                    }
                    Err(_) => false,
                });
                match outcome {
                    Ok(true) => decoded += 1,
                    Ok(false) => {}
                    Err(_) => panic!("panicked on mutation {b:?}"),
                }
            }
        }
        assert!(
            decoded > 0 && decoded < total,
            "{decoded} of {total} decoded"
        );
    }
}
