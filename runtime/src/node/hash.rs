//! The Merkle hash that names specialized code.
//!
//! A node's hash is blake3 over its kind name, then each operand in node.def
//! order: child hashes for `node`/`entry`, the bytes of baked immediates, the
//! text of names. Side data and line numbers are never hashed; everything
//! specialized code bakes in is. The hash is a pure function of the subtree:
//! it does not depend on node ids, lines, or the order nodes are hashed in.
//!
//! Cycles (which only appear when nodes are linked after construction) are
//! hashed as a back-reference to the ancestor on the current path, by
//! distance. A node whose subgraph contains a cycle is not memoized, because
//! its contribution depends on the path it is reached by; acyclic subtrees
//! (all of a freshly lowered program) are memoized, so hashing is linear.

use super::{Ast, NodeId, NodeKind, Operand};
use std::fmt;

/// A 256-bit node hash; the symbol uses its first 128 bits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeHash(pub [u8; 32]);

impl NodeHash {
    /// The specialized dispatcher's C symbol: `SD_` + 32 hex digits.
    pub fn symbol(&self) -> String {
        let mut s = String::with_capacity(35);
        s.push_str("SD_");
        for b in &self.0[..16] {
            s.push_str(&format!("{b:02x}"));
        }
        s
    }
}

impl fmt::Debug for NodeHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.symbol())
    }
}

impl fmt::Display for NodeHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.symbol())
    }
}

/// The identity of a function as a call target: its body's hash and its
/// parameter, local and slot counts (two defs of identical functions share
/// it). Specialized code that speculates on a callee bakes this identity and
/// runs the speculative path only while the function called by that name
/// has it (see `nr_invoke` in naruby.h).
pub fn callee_ident(body: NodeHash, nparams: u32, nlocals: u32, nslots: u32) -> [i64; 2] {
    let mut h = blake3::Hasher::new();
    h.update(b"naruby-callee\0").update(&body.0);
    for count in [nparams, nlocals, nslots] {
        h.update(&count.to_le_bytes());
    }
    let bytes = h.finalize();
    let word =
        |i: usize| i64::from_le_bytes(bytes.as_bytes()[i..i + 8].try_into().expect("8 bytes"));
    [word(0), word(8)]
}

/// Fills in the identity operands (`ident0`, `ident1`) of every `def` node.
/// The identities are computed while all of them are zero (they are zeroed
/// first: a decoded subtree brings a client's values), so a nested def's
/// identity does not feed its enclosing function's: each is a pure
/// function of the program text of its function, and every def of a
/// structurally identical function gets the same one.
pub fn assign_callee_idents(ast: &mut Ast, defs: &[NodeId]) {
    let i0 = Ast::operand_index(NodeKind::Def, "ident0");
    let i1 = Ast::operand_index(NodeKind::Def, "ident1");
    for &def in defs {
        ast.set_operand(def, i0, Operand::I64(0));
        ast.set_operand(def, i1, Operand::I64(0));
    }
    let count = |ast: &Ast, def: NodeId, name: &str| {
        ast.operand_named(def, name)
            .as_u32()
            .unwrap_or_else(|| panic!("def.{name} is a count"))
    };
    let mut hasher = MerkleHasher::new(ast);
    let idents: Vec<[i64; 2]> = defs
        .iter()
        .map(|&def| {
            let body = ast
                .operand_named(def, "body")
                .child()
                .expect("def.body is an entry");
            callee_ident(
                hasher.hash(body),
                count(ast, def, "nparams"),
                count(ast, def, "nlocals"),
                count(ast, def, "nslots"),
            )
        })
        .collect();
    for (&def, ident) in defs.iter().zip(idents) {
        ast.set_operand(def, i0, Operand::I64(ident[0]));
        ast.set_operand(def, i1, Operand::I64(ident[1]));
    }
}

/// The identity baked in a `def` node (see [`assign_callee_idents`]).
pub fn def_ident(ast: &Ast, def: NodeId) -> [i64; 2] {
    let get = |name: &str| {
        ast.operand_named(def, name)
            .as_i64()
            .unwrap_or_else(|| panic!("def.{name} is an i64"))
    };
    [get("ident0"), get("ident1")]
}

/// What a child contributes to its parent's hash.
#[derive(Clone, Copy)]
enum ChildHash {
    Hash(NodeHash),
    /// Back-reference to the ancestor this many levels up the path.
    Back(u32),
}

struct Frame {
    id: NodeId,
    depth: u32,
    next_operand: usize,
    children: Vec<ChildHash>,
    /// Whether a back-reference was met below this node.
    cyclic: bool,
}

const NOT_ON_PATH: u32 = u32::MAX;

/// Hashes nodes of one `Ast`, memoizing per node. Iterative, so deep trees
/// cannot overflow the Rust stack.
pub struct MerkleHasher<'a> {
    ast: &'a Ast,
    memo: Vec<Option<NodeHash>>,
    path_depth: Vec<u32>,
}

impl<'a> MerkleHasher<'a> {
    pub fn new(ast: &'a Ast) -> Self {
        MerkleHasher {
            ast,
            memo: vec![None; ast.len()],
            path_depth: vec![NOT_ON_PATH; ast.len()],
        }
    }

    /// Whether `id`'s hash is memoized (for tests).
    pub fn is_memoized(&self, id: NodeId) -> bool {
        self.memo[id.0 as usize].is_some()
    }

    pub fn hash(&mut self, root: NodeId) -> NodeHash {
        if let Some(h) = self.memo[root.0 as usize] {
            return h;
        }
        let mut stack = vec![self.enter(root, 0)];
        loop {
            let top = stack.last_mut().expect("stack is never empty here");
            let operands = self.ast.operands(top.id);
            let next_child = operands[top.next_operand..]
                .iter()
                .position(|o| o.child().is_some())
                .map(|i| top.next_operand + i);
            if let Some(index) = next_child {
                top.next_operand = index + 1;
                let child = operands[index].child().expect("position found a child");
                if let Some(h) = self.memo[child.0 as usize] {
                    top.children.push(ChildHash::Hash(h));
                } else if self.path_depth[child.0 as usize] != NOT_ON_PATH {
                    let target = self.path_depth[child.0 as usize];
                    top.children.push(ChildHash::Back(top.depth - target));
                    top.cyclic = true;
                } else {
                    let depth = top.depth + 1;
                    let frame = self.enter(child, depth);
                    stack.push(frame);
                }
                continue;
            }
            let frame = stack.pop().expect("top exists");
            let h = self.digest(frame.id, &frame.children);
            self.path_depth[frame.id.0 as usize] = NOT_ON_PATH;
            if !frame.cyclic {
                self.memo[frame.id.0 as usize] = Some(h);
            }
            match stack.last_mut() {
                Some(parent) => {
                    parent.children.push(ChildHash::Hash(h));
                    parent.cyclic |= frame.cyclic;
                }
                None => return h,
            }
        }
    }

    fn enter(&mut self, id: NodeId, depth: u32) -> Frame {
        self.path_depth[id.0 as usize] = depth;
        Frame {
            id,
            depth,
            next_operand: 0,
            children: Vec::new(),
            cyclic: false,
        }
    }

    fn digest(&self, id: NodeId, children: &[ChildHash]) -> NodeHash {
        let mut h = blake3::Hasher::new();
        h.update(b"naruby-node\0");
        let name = self.ast.kind(id).name();
        h.update(name.as_bytes());
        h.update(&[0]);
        let mut children = children.iter();
        for operand in self.ast.operands(id) {
            match *operand {
                Operand::Node(_) | Operand::Entry(_) => {
                    h.update(if matches!(operand, Operand::Node(_)) {
                        b"n"
                    } else {
                        b"e"
                    });
                    match children.next().expect("one hash per child") {
                        ChildHash::Hash(c) => h.update(&c.0),
                        ChildHash::Back(d) => h.update(b"^").update(&d.to_le_bytes()),
                    };
                }
                Operand::Local(v) => {
                    h.update(b"l").update(&v.to_le_bytes());
                }
                Operand::I64(v) => {
                    h.update(b"i").update(&v.to_le_bytes());
                }
                Operand::U32(v) => {
                    h.update(b"u").update(&v.to_le_bytes());
                }
                Operand::Name(sym) => {
                    let text = self.ast.name(sym);
                    h.update(b"s").update(&(text.len() as u64).to_le_bytes());
                    h.update(text.as_bytes());
                }
                Operand::Side | Operand::Target => {}
            }
        }
        NodeHash(*h.finalize().as_bytes())
    }
}

/// Hashes every node of `ast` (index = node id).
pub fn hash_all(ast: &Ast) -> Vec<NodeHash> {
    let mut hasher = MerkleHasher::new(ast);
    ast.ids().map(|id| hasher.hash(id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::Val;

    fn sample(ast: &mut Ast, k: i64, line: u32) -> NodeId {
        let x = ast.lit(line, k);
        let f = ast.intern("f");
        let args = ast.lset(line, 2, Val::Node(x));
        ast.call(line, f, 1, 2, args)
    }

    #[test]
    fn symbol_is_sd_and_32_hex_digits() {
        let mut ast = Ast::new();
        let n = ast.lit(1, 7);
        let s = MerkleHasher::new(&ast).hash(n).symbol();
        assert_eq!(s.len(), 35);
        assert!(s.starts_with("SD_"));
        assert!(s[3..]
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }

    #[test]
    fn stable_across_runs() {
        // Pinned: a change here changes every stored entry's name.
        let mut ast = Ast::new();
        let n = ast.lit(1, 42);
        assert_eq!(MerkleHasher::new(&ast).hash(n).symbol(), {
            let mut h = blake3::Hasher::new();
            h.update(b"naruby-node\0lit\0i")
                .update(&42i64.to_le_bytes());
            NodeHash(*h.finalize().as_bytes()).symbol()
        });
    }

    #[test]
    fn same_subtree_same_hash_regardless_of_line_and_position() {
        let mut a = Ast::new();
        let _pad = a.lit(1, 0);
        let x = sample(&mut a, 5, 3);
        let mut b = Ast::new();
        b.intern("other");
        let y = sample(&mut b, 5, 90);
        assert_eq!(MerkleHasher::new(&a).hash(x), MerkleHasher::new(&b).hash(y));
    }

    #[test]
    fn different_operands_different_hashes() {
        let mut ast = Ast::new();
        let a = sample(&mut ast, 5, 1);
        let b = sample(&mut ast, 6, 1);
        let one = ast.lit(1, 1);
        let c = ast.lget(1, 0);
        let d = ast.lget(1, 1);
        let e = ast.add(1, Val::Local(0), Val::Imm(1));
        let f = ast.add(1, Val::Local(0), Val::Node(one));
        let g = ast.sub(1, Val::Local(0), Val::Imm(1));
        let fname = ast.intern("f");
        let gname = ast.intern("g");
        let h = ast.call0(1, fname, 0);
        let i = ast.call0(1, gname, 0);
        let j = ast.call0(1, fname, 1);
        let all = [a, b, c, d, e, f, g, h, i, j];
        let mut hasher = MerkleHasher::new(&ast);
        let hashes: Vec<NodeHash> = all.iter().map(|&n| hasher.hash(n)).collect();
        for i in 0..hashes.len() {
            for j in i + 1..hashes.len() {
                assert_ne!(hashes[i], hashes[j], "{i} vs {j}");
            }
        }
    }

    #[test]
    fn memoized_per_node() {
        let mut ast = Ast::new();
        let a = sample(&mut ast, 1, 1);
        let mut hasher = MerkleHasher::new(&ast);
        assert!(!hasher.is_memoized(a));
        let h1 = hasher.hash(a);
        assert!(ast.ids().all(|id| hasher.is_memoized(id)));
        assert_eq!(hasher.hash(a), h1);
    }

    #[test]
    fn deep_trees_do_not_overflow() {
        let mut ast = Ast::new();
        let mut n = ast.lit(1, 0);
        for _ in 0..200_000 {
            n = ast.neg(1, Val::Node(n));
        }
        let h = std::thread::spawn(move || MerkleHasher::new(&ast).hash(n))
            .join()
            .unwrap();
        assert!(h.symbol().starts_with("SD_"));
    }

    #[test]
    fn cycles_terminate_and_are_canonical() {
        // while(cond, body) where body's child points back at the loop.
        let build = |pad: usize| {
            let mut ast = Ast::new();
            for _ in 0..pad {
                ast.lit(9, 9);
            }
            let c = ast.lget(1, 0);
            let inner = ast.lit(1, 0);
            let body = ast.seq(1, inner, inner);
            let w = ast.while_(1, c, body);
            ast.set_operand(body, 1, Operand::Node(w));
            (ast, w, body, c)
        };
        let (a, w, body, c) = build(0);
        let mut hasher = MerkleHasher::new(&a);
        let h = hasher.hash(w);
        // acyclic parts are memoized; the cycle's members are not
        assert!(hasher.is_memoized(c));
        assert!(!hasher.is_memoized(w));
        assert!(!hasher.is_memoized(body));
        assert_eq!(hasher.hash(w), h);
        let (b, w2, ..) = build(3);
        assert_eq!(MerkleHasher::new(&b).hash(w2), h);
        // hashing the body first does not change the loop's hash
        let mut other = MerkleHasher::new(&a);
        let hb = other.hash(body);
        assert_eq!(other.hash(w), h);
        assert_ne!(hb, h);
        // a self-loop
        let mut s = Ast::new();
        let z = s.lit(1, 0);
        let q = s.seq(1, z, z);
        s.set_operand(q, 0, Operand::Node(q));
        let hq = MerkleHasher::new(&s).hash(q);
        assert_eq!(MerkleHasher::new(&s).hash(q), hq);
    }
}
