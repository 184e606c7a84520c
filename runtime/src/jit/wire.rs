//! A subtree in bytes: what a JIT client sends instead of C or a hash, so
//! that the tier that compiles recomputes both from the tree itself and no
//! client can make a hash name code it does not mean.
//!
//! Layout (little-endian): `u32` node count, then the nodes of the subtree
//! and of the `def`s it speculates on, in post-order (children before
//! parents), then the root's index, the `def` count and each `def`'s index
//! (all `u32`). A node is its kind's name (`u8` length, bytes) and its
//! operands in node.def order: `node`/`entry` children as `u32` indices of
//! earlier nodes, locals and counts as `u32`, immediates as `i64`, names as
//! `u16` length and bytes; side data and call targets carry nothing. Lines
//! are not sent (they are never hashed).
//!
//! Decoding checks everything: kinds exist, operands match their kind's
//! descriptor, children come before their parents (no cycles), names are
//! identifiers, sizes and depth stay within limits, every node hangs under
//! the root or a listed `def`, each listed node is a `def` of a name no
//! other lists, no bytes are left over. A `def`'s identity is never taken
//! from the bytes: decoding recomputes it from the body it came with, so a
//! client cannot pair one function's identity with another's code.

use crate::entries::{entry_at, ProgramEntry};
use crate::node::hash::assign_callee_idents;
use crate::node::{Ast, NodeId, NodeKind, Operand, OperandType, Sym};
use crate::speculate::{call_name, Speculation};
use std::collections::{HashMap, HashSet};

/// Most nodes one subtree may have.
pub const MAX_NODES: usize = 1 << 20;
/// Deepest nesting a subtree may have (hashing and specializing recurse).
pub const MAX_DEPTH: usize = 10_000;
/// Longest name.
pub const MAX_NAME: usize = 255;

/// Encodes the subtree at `root` (entries included: a `def`'s hash covers
/// its body) and the `def` nodes `defs` whose functions its code may call
/// directly (`Speculation::defs_reached`).
pub fn encode(ast: &Ast, root: NodeId, defs: &[NodeId]) -> Vec<u8> {
    let order = post_order(ast, std::iter::once(root).chain(defs.iter().copied()));
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
    out.extend_from_slice(&index[&root].to_le_bytes());
    out.extend_from_slice(&(defs.len() as u32).to_le_bytes());
    for def in defs {
        out.extend_from_slice(&index[def].to_le_bytes());
    }
    out
}

/// The nodes under `roots`, children first, each node once (iterative:
/// the tree may be deep).
fn post_order(ast: &Ast, roots: impl Iterator<Item = NodeId>) -> Vec<NodeId> {
    let mut order = Vec::new();
    let mut done = std::collections::HashSet::new();
    let mut stack: Vec<(NodeId, bool)> = roots.map(|r| (r, false)).collect();
    stack.reverse();
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

/// A decoded subtree: its own arena, its root, and the `def`s its code
/// may call directly.
#[derive(Debug)]
pub struct Tree {
    pub ast: Ast,
    pub root: NodeId,
    pub defs: Vec<NodeId>,
}

impl Tree {
    /// The entry a serving tier compiles for this tree: its symbol and C,
    /// speculating on exactly the `def`s that came with it.
    pub fn entry(&self) -> ProgramEntry {
        let defs = self.defs.iter().map(|&d| {
            (
                call_name(&self.ast, d).expect("checked: a def has a name"),
                d,
            )
        });
        entry_at(&self.ast, self.root, Speculation::new(&self.ast, defs))
    }

    /// Whether its code may call functions' code directly (and hold that
    /// code, for the C compiler to inline): whether `def`s came with it.
    pub fn speculates(&self) -> bool {
        !self.defs.is_empty()
    }
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
    let root = r.index(count, "the root")?;
    let ndefs = r.u32()? as usize;
    if ndefs > count {
        return Err(format!("{ndefs} defs in {count} nodes"));
    }
    let mut defs = Vec::with_capacity(ndefs);
    let mut names = HashSet::new();
    for _ in 0..ndefs {
        let def = r.index(count, "a def")?;
        if ast.kind(def) != NodeKind::Def {
            return Err(format!(
                "node {} is listed as a def but is `{}`",
                def.0,
                ast.kind(def).name()
            ));
        }
        if !names.insert(call_name(&ast, def)) {
            return Err("two defs of one name".into());
        }
        defs.push(def);
    }
    if r.at != bytes.len() {
        return Err(format!("{} bytes after the subtree", bytes.len() - r.at));
    }
    // every node must hang under the root or a def: nothing extra rides along
    if post_order(&ast, std::iter::once(root).chain(defs.iter().copied())).len() != count {
        return Err("nodes that are not under the root or a def".into());
    }
    // identities come from the bodies, never from the client
    let all_defs: Vec<NodeId> = (0..count as u32)
        .map(NodeId)
        .filter(|&id| ast.kind(id) == NodeKind::Def)
        .collect();
    assign_callee_idents(&mut ast, &all_defs);
    Ok(Tree { ast, root, defs })
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
    /// A node index below `count`.
    fn index(&mut self, count: usize, what: &str) -> Result<NodeId, String> {
        let i = self.u32()? as usize;
        if i >= count {
            return Err(format!("{what} is node {i} of {count}"));
        }
        Ok(NodeId(i as u32))
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
            let tree = decode(&encode(&l.ast, root, &[])).expect("decodes");
            let mut again = MerkleHasher::new(&tree.ast);
            assert_eq!(again.hash(tree.root), original.hash(root));
        }
    }

    #[test]
    fn every_truncation_and_extension_is_refused() {
        let l = lowered(PROGRAM);
        let bytes = encode(&l.ast, l.root, &[]);
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
        // n nodes, the last one the root, no defs
        let with_count = |n: u32, nodes: &[Vec<u8>]| {
            let mut b = n.to_le_bytes().to_vec();
            for x in nodes {
                b.extend_from_slice(x);
            }
            b.extend_from_slice(&n.saturating_sub(1).to_le_bytes());
            b.extend_from_slice(&0u32.to_le_bytes());
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
        // a root index past the nodes is not
        let mut past = with_count(1, &[node("lget", &0u32.to_le_bytes())]);
        let at = past.len() - 8;
        past[at..at + 4].copy_from_slice(&1u32.to_le_bytes());
        assert!(decode(&past).unwrap_err().contains("the root"));
        assert!(is_name("prime?") && is_name("_x1") && !is_name("1x") && !is_name("a b"));
        assert!(!is_name("a\");system(\"x") && !is_name(""));
    }

    const CHAIN: &str = "def f(x)\n  g(x) + 1\nend\ndef g(x)\n  h(x) * 2\nend\ndef h(x)\n  x - 3\nend\ndef k(x)\n  x\nend\ndef k(x)\n  x + 1\nend\ns = 0\ni = 0\nwhile i < 10\n  s += f(i) + k(i)\n  i += 1\nend\np s\n";

    /// The speculative entry a serving tier derives from the bytes, for
    /// every entry root and loop of a program.
    fn entries_both_ways(l: &crate::lower::Lowered) -> Vec<(ProgramEntry, ProgramEntry)> {
        let (spec, _) = crate::speculate::program_speculation(l, None);
        let mut roots = crate::entries::entry_roots(l);
        roots.extend(crate::entries::loop_bodies(l).iter().map(|b| b.looping));
        roots
            .into_iter()
            .map(|root| {
                let defs = spec.clone().defs_reached(root);
                let tree = decode(&encode(&l.ast, root, &defs)).expect("decodes");
                (entry_at(&l.ast, root, spec.clone()), tree.entry())
            })
            .collect()
    }

    #[test]
    fn a_subtree_sent_with_its_defs_gives_the_speculative_entry() {
        let l = lowered(CHAIN);
        let pairs = entries_both_ways(&l);
        let plain = crate::entries::entry_symbols(&l, &mut Speculation::none(&l.ast));
        for (original, derived) in &pairs {
            assert_eq!(original.symbol, derived.symbol);
            assert_eq!(original.source, derived.source);
        }
        // and speculation changed the code: the top level and f, g call
        // names defined once, and k, defined twice by top-level
        // statements, means its second definition
        let differs = pairs
            .iter()
            .filter(|(o, _)| !plain.iter().any(|(_, p)| *p == o.symbol))
            .count();
        assert!(differs >= 3, "{differs} speculative entries");
    }

    /// A function that defines another when it runs: the inner def's
    /// identity must not feed the outer's.
    const NESTED: &str = "def outer(x)\n  def inner(y)\n    y + 1\n  end\n  inner(x) * 2\nend\ni = 0\nwhile i < 3\n  p outer(i)\n  i += 1\nend\n";

    #[test]
    fn identities_are_recomputed_not_taken_from_the_client() {
        for src in [CHAIN, NESTED] {
            let honest = lowered(src);
            let mut forged = honest.clone();
            let (i0, i1) = (
                Ast::operand_index(NodeKind::Def, "ident0"),
                Ast::operand_index(NodeKind::Def, "ident1"),
            );
            for &def in &forged.defs {
                forged.ast.set_operand(def, i0, Operand::I64(1));
                forged.ast.set_operand(def, i1, Operand::I64(2));
            }
            let (mut spec, _) = crate::speculate::program_speculation(&honest, None);
            let (mut forged_spec, _) = crate::speculate::program_speculation(&forged, None);
            let sent = |l: &crate::lower::Lowered, spec: &mut Speculation, root: NodeId| {
                let defs = spec.defs_reached(root);
                decode(&encode(&l.ast, root, &defs))
                    .expect("decodes")
                    .entry()
            };
            for root in crate::entries::entry_roots(&honest) {
                let a = sent(&honest, &mut spec, root);
                let b = sent(&forged, &mut forged_spec, root);
                assert_eq!(a.symbol, b.symbol, "{src}");
                assert_eq!(a.source, b.source, "{src}");
            }
        }
    }

    #[test]
    fn a_defs_section_that_does_not_fit_is_refused() {
        let l = lowered(CHAIN);
        let (mut spec, _) = crate::speculate::program_speculation(&l, None);
        // f's body: it reaches g and h (the top level holds every def)
        let body = crate::entries::entry_roots(&l)
            .into_iter()
            .find(|&r| r != l.root && spec.defs_reached(r).len() == 2)
            .expect("f's body");
        let defs = spec.defs_reached(body);
        let good = encode(&l.ast, body, &defs);
        let count = u32::from_le_bytes(good[..4].try_into().unwrap());
        let tail = good.len() - 4 * defs.len();
        let with_defs = |list: &[u32]| {
            let mut b = good[..tail - 4].to_vec();
            b.extend_from_slice(&(list.len() as u32).to_le_bytes());
            for d in list {
                b.extend_from_slice(&d.to_le_bytes());
            }
            b
        };
        let listed: Vec<u32> = (0..defs.len())
            .map(|k| u32::from_le_bytes(good[tail + 4 * k..tail + 4 * k + 4].try_into().unwrap()))
            .collect();
        assert!(decode(&with_defs(&listed)).is_ok());
        // a def listed twice (one name, two defs)
        let twice = [listed[0], listed[0]];
        assert!(decode(&with_defs(&twice)).unwrap_err().contains("two defs"));
        // a node that is not a def
        let root = u32::from_le_bytes(good[tail - 8..tail - 4].try_into().unwrap());
        assert!(decode(&with_defs(&[root]))
            .unwrap_err()
            .contains("listed as a def"));
        // past the nodes
        assert!(decode(&with_defs(&[count])).is_err());
        // leaving a def out leaves its nodes under nothing
        assert!(decode(&with_defs(&listed[1..]))
            .unwrap_err()
            .contains("not under"));
    }
}

#[cfg(test)]
mod mutation {
    use super::*;

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
        // each entry alone, and with the defs its speculative code needs
        let (mut spec, _) = crate::speculate::program_speculation(&l, None);
        let originals: Vec<Vec<u8>> = crate::entries::entry_roots(&l)
            .into_iter()
            .flat_map(|r| {
                [
                    encode(&l.ast, r, &[]),
                    encode(&l.ast, r, &spec.defs_reached(r)),
                ]
            })
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
                        let e = t.entry();
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
