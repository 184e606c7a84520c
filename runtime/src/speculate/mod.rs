//! Speculation: which function a call by name is expected to reach, and the
//! canonical names of the specialized code that calls it directly.
//!
//! A speculation maps names to `def` nodes. Specialized code for a call by a
//! speculated name passes an `nr_target` (the callee identity it baked and
//! the callee body's speculative entry) to `nr_invoke`, which calls that
//! entry directly while the function found by the name has that identity.
//!
//! Names are content hashes, so that identical code is shared and nothing
//! depends on node ids or on the order anything is visited in:
//! - a node whose subtree (up to function bodies) calls no speculated name
//!   keeps its plain Merkle hash;
//! - otherwise its speculative hash covers its plain hash and, for each
//!   speculated name it calls (sorted by name text), the name and the
//!   callee's entry hash;
//! - a body's *entry hash* covers its plain hash and, for every speculated
//!   name it calls (sorted by name text), the name and the *closure key* of
//!   the name's strongly connected component of speculated calls;
//! - a component's closure key covers each of its names (sorted) with its
//!   callee identity, and each name outside it that they call (sorted) with
//!   that name's closure key. Components form a DAG, so this ends, and so
//!   an entry hash covers, through the keys, every speculated name
//!   reachable from the body with its identity, in time linear in the
//!   call graph (hashing each closure whole was quadratic in a chain's
//!   depth). Entry hashes never depend on node hashes, so there is no
//!   cycle: a recursive function's code calls its own entry by a name
//!   computed without it.

use crate::aot::PER_NODE_MAX_NODES;
use crate::lower::Lowered;
use crate::node::hash::{def_ident, MerkleHasher, NodeHash};
use crate::node::{Ast, NodeId, NodeKind, Operand, OperandType, Sym};
use crate::profile::Profile;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

mod graph;
mod held;
mod region;
mod stack;

pub use graph::DefGraph;
pub use region::{Region, RegionView, BUILTIN_NAMES, REGION_MAX_ARGS, REGION_MAX_SLOTS};
pub use stack::{StackCheck, StackNeed, MAX_NEED, UNCHECKED_DEPTH};

/// The callee a speculated name stands for.
#[derive(Debug, Clone, Copy)]
pub struct Callee {
    pub def: NodeId,
    pub body: NodeId,
    pub ident: [i64; 2],
    pub nparams: u32,
    pub nlocals: u32,
    pub nslots: u32,
}

/// A speculation over one `Ast`, with memoized canonical hashes.
#[derive(Clone)]
pub struct Speculation<'a> {
    ast: &'a Ast,
    /// By name text, the order-independent key every hash uses.
    callees: HashMap<&'a str, Callee>,
    /// Per node: the speculated names its subtree calls, by name text.
    called: Vec<Option<BTreeSet<&'a str>>>,
    entry_hashes: HashMap<NodeId, NodeHash>,
    node_hashes: HashMap<NodeId, NodeHash>,
    /// Per name: the stack a direct call may use without checks, if bounded.
    stack_needs: HashMap<&'a str, Option<StackNeed>>,
    /// The names on a cycle of speculated calls (computed on first use).
    recursive: Option<BTreeSet<&'a str>>,
    /// The strongly connected components of speculated calls, and each
    /// name's (computed with `recursive`).
    components: Vec<Vec<&'a str>>,
    component_of: HashMap<&'a str, usize>,
    /// Per component: its closure key (computed on first use).
    closure_keys: Vec<[u8; 32]>,
    /// Per name and view: whether its body alone may be region code.
    region_bodies: HashMap<(&'a str, RegionView), bool>,
    /// Per view and component: whether its closure's bodies all may be.
    region_closures: HashMap<RegionView, Vec<bool>>,
    /// Every name some `def` in the program binds (computed on first use).
    defined: Option<BTreeSet<&'a str>>,
}

impl<'a> Speculation<'a> {
    /// Speculates on `defs` (name → def node).
    pub fn new(ast: &'a Ast, defs: impl IntoIterator<Item = (Sym, NodeId)>) -> Self {
        let callees = defs
            .into_iter()
            .map(|(name, def)| (ast.name(name), callee_of(ast, def)))
            .collect();
        Speculation {
            ast,
            callees,
            called: vec![None; ast.len()],
            entry_hashes: HashMap::new(),
            node_hashes: HashMap::new(),
            stack_needs: HashMap::new(),
            recursive: None,
            components: Vec::new(),
            component_of: HashMap::new(),
            closure_keys: Vec::new(),
            region_bodies: HashMap::new(),
            region_closures: HashMap::new(),
            defined: None,
        }
    }

    /// The rule without a profile (AOT executables, JIT code): what the
    /// program text says each name means. A name defined exactly once means
    /// that definition. A name defined several times, each time by a
    /// statement of the top level itself (`Lowered::top_level_defs`), means
    /// its last definition: those statements run once each, in order, so
    /// the code after the last one finds it bound, and calls made before it
    /// fail the guard and take the ordinary path. A name redefined inside a
    /// function, loop or condition is not speculated on.
    pub fn from_text(lowered: &'a Lowered) -> Self {
        Speculation::from_text_except(lowered, |_| false)
    }

    /// [`Speculation::from_text`], leaving out the names whose body `skip`
    /// says.
    pub fn from_text_except(lowered: &'a Lowered, skip: impl Fn(NodeId) -> bool) -> Self {
        let ast = &lowered.ast;
        let top: HashSet<NodeId> = lowered.top_level_defs.iter().copied().collect();
        let mut by_name: BTreeMap<Sym, Vec<NodeId>> = BTreeMap::new();
        for &def in &lowered.defs {
            by_name.entry(def_name(ast, def)).or_default().push(def);
        }
        let chosen = by_name
            .into_iter()
            .filter_map(|(name, defs)| {
                let sequential = defs.len() == 1 || defs.iter().all(|d| top.contains(d));
                // lowered.defs is in source order
                let last = *defs.last()?;
                sequential.then_some((name, last))
            })
            .filter(|&(_, def)| !skip(callee_of(ast, def).body));
        Speculation::new(ast, chosen)
    }

    /// How many names are speculated on.
    pub fn len(&self) -> usize {
        self.callees.len()
    }

    pub fn is_empty(&self) -> bool {
        self.callees.is_empty()
    }

    /// No speculation at all: every hash is the plain one.
    pub fn none(ast: &'a Ast) -> Self {
        Speculation::new(ast, [])
    }

    /// The callee a call node speculates on, if any.
    pub fn target_of(&self, call: NodeId) -> Option<Callee> {
        if !has_target(self.ast.kind(call)) {
            return None;
        }
        let name = self.ast.name(call_name(self.ast, call)?);
        self.callees.get(name).copied()
    }

    fn callee_named(&self, name: &str) -> Callee {
        self.callees[name]
    }

    /// The speculated names called under `root`, up to function bodies.
    fn called(&mut self, root: NodeId) -> &BTreeSet<&'a str> {
        let mut stack = vec![(root, false)];
        while let Some((id, children_done)) = stack.pop() {
            if self.called[id.0 as usize].is_some() {
                continue;
            }
            let children = self.ast.operands(id).iter().filter_map(|op| match *op {
                Operand::Node(c) => Some(c),
                _ => None,
            });
            if !children_done {
                stack.push((id, true));
                stack.extend(children.map(|c| (c, false)));
                continue;
            }
            let mut names = BTreeSet::new();
            for child in children {
                names.extend(self.called[child.0 as usize].iter().flatten().copied());
            }
            if self.target_of(id).is_some() {
                let name = call_name(self.ast, id).expect("a target has a name");
                names.insert(self.ast.name(name));
            }
            self.called[id.0 as usize] = Some(names);
        }
        self.called[root.0 as usize]
            .as_ref()
            .expect("computed above")
    }

    /// The speculated names reachable from `body` through speculated
    /// calls, plus `root` if given.
    fn closure(&mut self, body: NodeId, root: Option<&'a str>) -> BTreeSet<&'a str> {
        let mut reach: BTreeSet<&'a str> = root.into_iter().collect();
        let mut todo: Vec<&'a str> = self.called(body).iter().copied().collect();
        while let Some(name) = todo.pop() {
            if reach.insert(name) {
                let callee = self.callee_named(name).body;
                todo.extend(self.called(callee).iter().copied());
            }
        }
        reach
    }

    /// The `def` nodes of the speculated names reachable from `root`
    /// through speculated calls, in name order: with the subtree at `root`,
    /// all a compiling tier needs to derive its code (see jit/wire.rs).
    pub fn defs_reached(&mut self, root: NodeId) -> Vec<NodeId> {
        self.closure(root, None)
            .into_iter()
            .map(|name| self.callee_named(name).def)
            .collect()
    }

    /// The hash naming node `id`'s specialized dispatcher under this
    /// speculation (the plain hash when its subtree speculates on nothing).
    pub fn node_hash(&mut self, plain: &mut MerkleHasher, id: NodeId) -> NodeHash {
        if let Some(&h) = self.node_hashes.get(&id) {
            return h;
        }
        let names: Vec<&str> = self.called(id).iter().copied().collect();
        let h = if names.is_empty() {
            plain.hash(id)
        } else {
            let mut h = blake3::Hasher::new();
            h.update(b"naruby-speculative-node\0")
                .update(&plain.hash(id).0);
            for name in names {
                let body = self.callee_named(name).body;
                let entry = self.entry_hash(plain, body);
                update_text(&mut h, name);
                h.update(&entry.0);
            }
            NodeHash(*h.finalize().as_bytes())
        };
        self.node_hashes.insert(id, h);
        h
    }

    /// The hash naming the speculative entry of the function body `body`:
    /// its plain hash and the speculated names it calls, each with its
    /// closure key (see the module comment). Equal to the plain hash when
    /// it calls none.
    pub fn entry_hash(&mut self, plain: &mut MerkleHasher, body: NodeId) -> NodeHash {
        if let Some(&h) = self.entry_hashes.get(&body) {
            return h;
        }
        let names: Vec<&'a str> = self.called(body).iter().copied().collect();
        let h = if names.is_empty() {
            plain.hash(body)
        } else {
            let mut h = blake3::Hasher::new();
            h.update(b"naruby-speculative-entry\0")
                .update(&plain.hash(body).0);
            for name in names {
                let key = self.closure_key(name);
                update_text(&mut h, name);
                h.update(&key);
            }
            NodeHash(*h.finalize().as_bytes())
        };
        self.entry_hashes.insert(body, h);
        h
    }

    /// The closure key of `name`'s component (see the module comment).
    fn closure_key(&mut self, name: &'a str) -> [u8; 32] {
        if self.closure_keys.is_empty() {
            self.closure_keys =
                self.fold_components(|spec, members, below: Vec<(&str, [u8; 32])>| {
                    let mut h = blake3::Hasher::new();
                    h.update(b"naruby-closure\0");
                    for m in members {
                        let ident = spec.callee_named(m).ident;
                        update_text(&mut h, m);
                        h.update(&ident[0].to_le_bytes())
                            .update(&ident[1].to_le_bytes());
                    }
                    h.update(b"\0");
                    for (n, key) in below {
                        update_text(&mut h, n);
                        h.update(&key);
                    }
                    *h.finalize().as_bytes()
                });
        }
        let index = self.component_index(name);
        self.closure_keys[index]
    }
}

fn update_text(h: &mut blake3::Hasher, text: &str) {
    h.update(&(text.len() as u64).to_le_bytes())
        .update(text.as_bytes());
}

/// Whether nodes of this kind have a `target` operand (the call kinds).
pub fn has_target(kind: NodeKind) -> bool {
    kind.info()
        .operands
        .iter()
        .any(|o| o.ty == OperandType::Target)
}

/// The name a call (or def) node refers to.
pub fn call_name(ast: &Ast, call: NodeId) -> Option<Sym> {
    ast.operands(call).iter().find_map(|op| op.as_name())
}

/// How many arguments a call node passes (kinds without `argc` pass none).
pub fn argc_of(ast: &Ast, call: NodeId) -> u32 {
    call_count(ast, call, "argc")
}

/// How many slots into its caller's frame a call node's callee frame
/// starts (0 for a kind without `argbase`).
pub fn argbase_of(ast: &Ast, call: NodeId) -> u32 {
    call_count(ast, call, "argbase")
}

/// The `u32` operand `name` of a call node, 0 when its kind has none.
fn call_count(ast: &Ast, call: NodeId, name: &str) -> u32 {
    let kind = ast.kind(call);
    match kind.info().operands.iter().position(|o| o.name == name) {
        Some(i) => ast.operands(call)[i].as_u32().unwrap_or(0),
        None => 0,
    }
}

fn def_name(ast: &Ast, def: NodeId) -> Sym {
    call_name(ast, def).expect("a def has a name")
}

pub(crate) fn callee_of(ast: &Ast, def: NodeId) -> Callee {
    let count = |name: &str| {
        ast.operand_named(def, name)
            .as_u32()
            .unwrap_or_else(|| panic!("def.{name} is a count"))
    };
    Callee {
        def,
        body: ast
            .operand_named(def, "body")
            .child()
            .expect("def.body is an entry"),
        ident: def_ident(ast, def),
        nparams: count("nparams"),
        nlocals: count("nlocals"),
        nslots: count("nslots"),
    }
}

/// Where a program's speculation comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeculationSource {
    /// A stored `--pg` profile of the program.
    Profile,
    /// The program text ([`Speculation::from_text`]).
    Text,
}

/// The speculation of an AOT executable and of JIT code: the program's
/// stored profile when there is one, else what the program text says each
/// name means ([`Speculation::from_text`]: calls by such a name go straight
/// to that function's code while it is the one defined), except, in a
/// program of more than [`PER_NODE_MAX_NODES`] nodes, names whose body is
/// one node.
pub fn program_speculation<'a>(
    lowered: &'a Lowered,
    profile: Option<&Profile>,
) -> (Speculation<'a>, SpeculationSource) {
    match profile {
        Some(p) => (p.speculation(lowered), SpeculationSource::Profile),
        // A large program's one-node callees are left out: a guarded direct
        // call copies the callee's node into every call site, and a thousand
        // distinct copies outgrow the instruction cache (and took gcc 33 s).
        // benches/NOTES.md, session 12.
        None if lowered.ast.len() > PER_NODE_MAX_NODES => {
            let tiny: std::collections::HashSet<_> = crate::entries::tiny_entry_nodes_of(lowered)
                .into_iter()
                .collect();
            (
                Speculation::from_text_except(lowered, |body| tiny.contains(&body)),
                SpeculationSource::Text,
            )
        }
        None => (Speculation::from_text(lowered), SpeculationSource::Text),
    }
}

#[cfg(test)]
mod tests;
