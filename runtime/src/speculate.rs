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
//!   name reachable from it through speculated calls (the closure, sorted by
//!   name text), the name and the callee identity. The closure is finite, so
//!   recursion and mutual recursion terminate, and entry hashes never depend
//!   on node hashes, so there is no cycle: a recursive function's code calls
//!   its own entry by a name computed without it.

use crate::aot::PER_NODE_MAX_NODES;
use crate::lower::Lowered;
use crate::node::hash::{def_ident, MerkleHasher, NodeHash};
use crate::node::{Ast, NodeId, NodeKind, Operand, OperandType, Sym};
use crate::profile::Profile;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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
    /// Per name and view: whether its body alone may be region code.
    region_bodies: HashMap<(&'a str, RegionView), bool>,
    /// Every name some `def` in the program binds (computed on first use).
    defined: Option<BTreeSet<&'a str>>,
}

/// What region code relies on (see `Speculation::region_of`): the callees
/// of its closure, by name, and the names it calls that no `def` binds (by
/// name text), which must still bind no user function when it is entered.
#[derive(Debug, Clone)]
pub struct Region {
    pub callees: Vec<Callee>,
    pub unbound: BTreeMap<String, Sym>,
}

/// What the decision that a call enters region code may rely on
/// (`Speculation::region_of`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegionView {
    /// The whole program (the AOT unit): region code may call any name
    /// that no `def` in the program binds.
    Program,
    /// Only what the code's symbol covers (a code-store unit, which other
    /// programs and a serving JIT tier derive from the same hash): region
    /// code may call no other names than its closure's and the builtins'.
    Code,
}

/// The names the runtime binds to builtins (`builtin_names` in runtime.c).
pub const BUILTIN_NAMES: [&str; 4] = ["p", "puts", "print", "exit"];

/// What a direct call into a non-recursive callee can use at most: value
/// stack slots from its frame's start, and nested C frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StackNeed {
    pub slots: u64,
    pub depth: u32,
}

/// How a direct call checks the stacks (`nr_target.need`/`.unchecked`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StackCheck {
    /// Skip the C stack check.
    pub unchecked: bool,
    /// Value-stack slots that must be free from the callee's frame start
    /// for the direct path; with less, the call takes the ordinary path,
    /// which checks each frame itself.
    pub need: u64,
}

/// The largest `need` a call may carry: beyond it, the callee is entered
/// with its own frame's need only.
pub const MAX_NEED: u64 = 1 << 20;

/// `NR_UNCHECKED_DEPTH` (naruby.h): how many nested C frames direct calls
/// without a C stack check may add past the checked limit.
pub const UNCHECKED_DEPTH: u32 = 64;

/// Limits of region code (`nr_call_mode` in naruby.h): arguments travel in
/// registers (`NR_REGION_MAX_ARGS`), the frame is a C local array, and a
/// call of an unbound name copies its arguments into the value stack's red
/// zone.
pub const REGION_MAX_ARGS: u32 = 6;
pub const REGION_MAX_SLOTS: u32 = 64;
const REGION_MAX_UNBOUND_ARGS: u32 = 256;

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
            region_bodies: HashMap::new(),
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

    /// How the direct path of call node `call` checks the stacks (see
    /// `nr_target` in naruby.h). Its callee is not recursive under this
    /// speculation and its direct calls, transitively, stay within the
    /// depth limit: the C stack check is skipped, and the value-stack need
    /// covers every frame down the chain, so that the calls inside can take
    /// their direct paths without failing. Otherwise the need is the
    /// callee's own frame.
    pub fn stack_check(&mut self, call: NodeId) -> StackCheck {
        let own = self
            .target_of(call)
            .map_or(0, |callee| u64::from(callee.nslots));
        let checked = StackCheck {
            unchecked: false,
            need: own,
        };
        if !self.unchecked(call) {
            return checked;
        }
        let Some(name) = call_name(self.ast, call) else {
            return checked;
        };
        match self.chain_need(self.ast.name(name)) {
            Some(need) => StackCheck {
                unchecked: true,
                need,
            },
            None => checked,
        }
    }

    /// For a speculated name whose direct calls skip the C stack check:
    /// the value-stack slots its whole chain of direct calls needs.
    pub fn chain_need(&mut self, name: &'a str) -> Option<u64> {
        self.stack_need(name)
            .filter(|n| n.depth <= UNCHECKED_DEPTH && n.slots <= MAX_NEED)
            .map(|n| n.slots)
    }

    /// Whether the direct path of call node `call` may skip the C stack
    /// check: its callee is not recursive under this speculation and its
    /// direct calls, transitively, stay within the depth limit. Calls to recursive callees
    /// are checked, so they bound nothing. A pure function of the callee's
    /// entry hash inputs (its body and the closure of speculated callees).
    pub fn unchecked(&mut self, call: NodeId) -> bool {
        if self.target_of(call).is_none() {
            return false;
        }
        let Some(name) = call_name(self.ast, call) else {
            return false;
        };
        let name = self.ast.name(name);
        self.stack_need(name)
            .is_some_and(|n| n.depth <= UNCHECKED_DEPTH)
    }

    /// The stack need of a direct call to speculated name `name`, or None
    /// when it is recursive (reaches itself through speculated calls).
    fn stack_need(&mut self, name: &'a str) -> Option<StackNeed> {
        if let Some(&need) = self.stack_needs.get(name) {
            return need;
        }
        let callee = self.callee_named(name);
        let need = if self.reaches_itself(name) {
            None
        } else {
            self.need_of_body(&callee)
        };
        self.stack_needs.insert(name, need);
        need
    }

    /// The frame of `callee` (one C frame, `nslots` value slots) plus the
    /// largest need among the non-recursive names its body calls (a
    /// non-recursive callee's callees never lead back to it, so this
    /// terminates).
    fn need_of_body(&mut self, callee: &Callee) -> Option<StackNeed> {
        let names: Vec<&'a str> = self.called(callee.body).iter().copied().collect();
        let mut inner = StackNeed { slots: 0, depth: 0 };
        for name in names {
            if let Some(n) = self.stack_need(name) {
                inner.slots = inner.slots.max(n.slots);
                inner.depth = inner.depth.max(n.depth);
            }
        }
        // a callee's frame starts at most `nslots` into its caller's
        Some(StackNeed {
            slots: u64::from(callee.nslots) + inner.slots,
            depth: inner.depth + 1,
        })
    }

    /// Whether `name` reaches itself through speculated calls: it is in a
    /// strongly connected component with a cycle (Tarjan's algorithm over
    /// all speculated names, computed once, iteratively).
    fn reaches_itself(&mut self, name: &'a str) -> bool {
        if self.recursive.is_none() {
            let mut names: Vec<&'a str> = self.callees.keys().copied().collect();
            names.sort_unstable();
            let edges: HashMap<&'a str, Vec<&'a str>> = names
                .iter()
                .map(|&n| {
                    let body = self.callee_named(n).body;
                    (n, self.called(body).iter().copied().collect())
                })
                .collect();
            self.recursive = Some(cyclic_nodes(&names, &edges));
        }
        self.recursive.as_ref().is_some_and(|r| r.contains(name))
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

    /// Whether speculated name `name` reaches itself through speculated
    /// calls (a recursive callee's code must check the stack).
    pub fn is_recursive(&mut self, name: &'a str) -> bool {
        self.reaches_itself(name)
    }

    /// The call sites in `body` (up to function bodies) that call `body`
    /// itself under this speculation and are not in its tail position.
    /// A node's tail operands (node.def: the node completes with that
    /// child's result as it is) keep the tail position; every other
    /// operand leaves it.
    pub fn non_tail_self_calls(&self, body: NodeId) -> Vec<NodeId> {
        let mut tail = HashSet::from([body]);
        let mut stack = vec![body];
        while let Some(id) = stack.pop() {
            let infos = self.ast.kind(id).info().operands;
            for (info, op) in infos.iter().zip(self.ast.operands(id)) {
                if let (true, Operand::Node(child)) = (info.tail, *op) {
                    tail.insert(child);
                    stack.push(child);
                }
            }
        }
        self.ast
            .subtree(body)
            .filter(|site| !tail.contains(site))
            .filter(|&site| self.target_of(site).is_some_and(|c| c.body == body))
            .collect()
    }

    /// The region a call enters, if its callee can run as region code
    /// (see `nr_call_mode` in naruby.h): the callees of the callee's closure
    /// (itself included, by name), each of whose bodies contains no `def`
    /// and calls only closure names (with their arity) or names no `def`
    /// binds, within the register and frame limits.
    pub fn region_of(&mut self, call: NodeId, view: RegionView) -> Option<Region> {
        let callee = self.target_of(call)?;
        if argc_of(self.ast, call) != callee.nparams {
            return None;
        }
        let name = self.ast.name(call_name(self.ast, call)?);
        let closure = self.closure(callee.body, Some(name));
        let mut region = Region {
            callees: Vec::with_capacity(closure.len()),
            unbound: BTreeMap::new(),
        };
        for name in closure {
            if !self.region_body(name, view) {
                return None;
            }
            let callee = self.callee_named(name);
            region.callees.push(callee);
            for id in self.ast.subtree(callee.body) {
                if has_target(self.ast.kind(id)) && self.target_of(id).is_none() {
                    let sym = call_name(self.ast, id).expect("a call has a name");
                    region.unbound.insert(self.ast.name(sym).to_string(), sym);
                }
            }
        }
        Some(region)
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

    /// Whether the body of `name`, on its own, may be region code.
    fn region_body(&mut self, name: &'a str, view: RegionView) -> bool {
        if let Some(&ok) = self.region_bodies.get(&(name, view)) {
            return ok;
        }
        let callee = self.callee_named(name);
        // (counts as lowering makes them: a serving tier's decoded subtree
        // could claim any, and the register entry writes a line per local)
        let ok = callee.nparams <= REGION_MAX_ARGS
            && callee.nparams <= callee.nlocals
            && callee.nlocals <= callee.nslots
            && callee.nslots <= REGION_MAX_SLOTS
            && self
                .ast
                .subtree(callee.body)
                .all(|id| self.region_node(id, view));
        self.region_bodies.insert((name, view), ok);
        ok
    }

    /// A node region code may contain: no definition, and a call only of
    /// a speculated callee with its arity or of a name nothing binds (as
    /// far as `view` can tell).
    fn region_node(&mut self, id: NodeId, view: RegionView) -> bool {
        let kind = self.ast.kind(id);
        if kind
            .info()
            .operands
            .iter()
            .any(|o| o.ty == OperandType::Entry)
        {
            return false; // a definition changes bindings
        }
        if !has_target(kind) {
            return true;
        }
        let argc = argc_of(self.ast, id);
        match self.target_of(id) {
            Some(callee) => argc == callee.nparams,
            None => {
                let Some(name) = call_name(self.ast, id) else {
                    return false;
                };
                let name = self.ast.name(name);
                let unbound = match view {
                    RegionView::Program => !self.defined_names().contains(name),
                    RegionView::Code => BUILTIN_NAMES.contains(&name),
                };
                argc <= REGION_MAX_UNBOUND_ARGS && unbound
            }
        }
    }

    fn defined_names(&mut self) -> &BTreeSet<&'a str> {
        let ast = self.ast;
        self.defined.get_or_insert_with(|| {
            ast.ids()
                .filter(|&id| {
                    ast.kind(id)
                        .info()
                        .operands
                        .iter()
                        .any(|o| o.ty == OperandType::Entry)
                })
                .filter_map(|id| call_name(ast, id).map(|s| ast.name(s)))
                .collect()
        })
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
    /// its plain hash and the speculated names reachable from it, each with
    /// its callee identity. Equal to the plain hash when nothing is reachable.
    pub fn entry_hash(&mut self, plain: &mut MerkleHasher, body: NodeId) -> NodeHash {
        if let Some(&h) = self.entry_hashes.get(&body) {
            return h;
        }
        let reach = self.closure(body, None);
        let h = if reach.is_empty() {
            plain.hash(body)
        } else {
            let mut h = blake3::Hasher::new();
            h.update(b"naruby-speculative-entry\0")
                .update(&plain.hash(body).0);
            for name in reach {
                let ident = self.callee_named(name).ident;
                update_text(&mut h, name);
                h.update(&ident[0].to_le_bytes())
                    .update(&ident[1].to_le_bytes());
            }
            NodeHash(*h.finalize().as_bytes())
        };
        self.entry_hashes.insert(body, h);
        h
    }
}

/// The nodes of a directed graph that lie on a cycle (in a strongly
/// connected component of more than one node, or with an edge to
/// themselves): Tarjan's algorithm with an explicit stack.
fn cyclic_nodes<'a>(
    nodes: &[&'a str],
    edges: &HashMap<&'a str, Vec<&'a str>>,
) -> BTreeSet<&'a str> {
    let mut index: HashMap<&'a str, usize> = HashMap::new();
    let mut low: HashMap<&'a str, usize> = HashMap::new();
    let mut on_stack: BTreeSet<&'a str> = BTreeSet::new();
    let mut stack: Vec<&'a str> = Vec::new();
    let mut cyclic: BTreeSet<&'a str> = BTreeSet::new();
    let no_edges = Vec::new();
    for &root in nodes {
        if index.contains_key(root) {
            continue;
        }
        // (node, next edge to visit)
        let mut work: Vec<(&'a str, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut next)) = work.last_mut() {
            if *next == 0 && !index.contains_key(v) {
                let i = index.len();
                index.insert(v, i);
                low.insert(v, i);
                stack.push(v);
                on_stack.insert(v);
            }
            let out = edges.get(v).unwrap_or(&no_edges);
            if let Some(&w) = out.get(*next) {
                *next += 1;
                if !index.contains_key(w) {
                    work.push((w, 0));
                } else if on_stack.contains(w) {
                    let lw = index[w];
                    let lv = low.get_mut(v).expect("indexed");
                    *lv = (*lv).min(lw);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                let lv = low[v];
                let lp = low.get_mut(parent).expect("indexed");
                *lp = (*lp).min(lv);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                loop {
                    let w = stack.pop().expect("v is on the stack");
                    on_stack.remove(w);
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 || out.contains(&v) {
                    cyclic.extend(component);
                }
            }
        }
    }
    cyclic
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
mod tests {
    use super::*;

    fn lowered(src: &str) -> Lowered {
        let program = crate::syntax::parse(src).expect("parses");
        crate::lower::lower(&program, src).expect("lowers")
    }

    fn body_of(l: &Lowered, name: &str) -> NodeId {
        let def = *l
            .defs
            .iter()
            .find(|&&d| l.ast.name(def_name(&l.ast, d)) == name)
            .expect("defined");
        callee_of(&l.ast, def).body
    }

    fn entry_hash(l: &Lowered, name: &str) -> NodeHash {
        let mut spec = Speculation::from_text(l);
        let mut plain = MerkleHasher::new(&l.ast);
        spec.entry_hash(&mut plain, body_of(l, name))
    }

    const MUTUAL: &str = "def even(n)\n  if n == 0\n    1\n  else\n    odd(n - 1)\n  end\nend\n\
                          def odd(n)\n  if n == 0\n    0\n  else\n    even(n - 1)\n  end\nend\n";

    #[test]
    fn recursion_and_mutual_recursion_terminate() {
        let fib = lowered(
            "def fib(n)\n  if n < 2\n    n\n  else\n    fib(n - 1) + fib(n - 2)\n  end\nend\np fib(5)\n",
        );
        let plain = MerkleHasher::new(&fib.ast).hash(body_of(&fib, "fib"));
        assert_ne!(entry_hash(&fib, "fib"), plain, "fib speculates on itself");
        let l = lowered(&format!("{MUTUAL}p even(3)\n"));
        assert_ne!(entry_hash(&l, "even"), entry_hash(&l, "odd"));
    }

    #[test]
    fn hashes_do_not_depend_on_definition_or_visiting_order() {
        let swapped = MUTUAL.split_once("def odd").unwrap();
        let reordered = format!("def odd{}{}p even(3)\n", swapped.1, swapped.0);
        let a = lowered(&format!("{MUTUAL}p even(3)\n"));
        let b = lowered(&reordered);
        assert_eq!(entry_hash(&a, "even"), entry_hash(&b, "even"));
        assert_eq!(entry_hash(&a, "odd"), entry_hash(&b, "odd"));
        // visiting odd first, or even first, gives the same hashes
        let mut plain = MerkleHasher::new(&a.ast);
        let mut spec = Speculation::from_text(&a);
        let odd_first = spec.entry_hash(&mut plain, body_of(&a, "odd"));
        assert_eq!(odd_first, entry_hash(&a, "odd"));
        let mut node_hashes = Vec::new();
        for id in a.ast.ids().collect::<Vec<_>>().into_iter().rev() {
            node_hashes.push((id, spec.node_hash(&mut plain, id)));
        }
        let mut fresh = Speculation::from_text(&a);
        let mut plain = MerkleHasher::new(&a.ast);
        for (id, h) in node_hashes {
            assert_eq!(fresh.node_hash(&mut plain, id), h);
        }
    }

    #[test]
    fn the_callee_identity_is_part_of_the_entry_hash() {
        let one = lowered("def f(a)\n  g(a)\nend\ndef g(a)\n  a + 1\nend\np f(1)\n");
        let two = lowered("def f(a)\n  g(a)\nend\ndef g(a)\n  a + 2\nend\np f(1)\n");
        assert_ne!(entry_hash(&one, "f"), entry_hash(&two, "f"));
        // f's own code is the same; only what it speculates on differs
        let mut p1 = MerkleHasher::new(&one.ast);
        let mut p2 = MerkleHasher::new(&two.ast);
        assert_eq!(p1.hash(body_of(&one, "f")), p2.hash(body_of(&two, "f")));
    }

    #[test]
    fn a_name_redefined_by_top_level_statements_means_its_last_definition() {
        let l =
            lowered("def f(a)\n  a\nend\ndef f(a)\n  a + 1\nend\ndef g(a)\n  f(a)\nend\np g(1)\n");
        let spec = Speculation::from_text(&l);
        let call = calls_named(&l, "f").next().expect("g calls f");
        let second = l.defs[1];
        assert_eq!(spec.target_of(call).map(|c| c.def), Some(second));
        let plain = MerkleHasher::new(&l.ast).hash(body_of(&l, "g"));
        assert_ne!(entry_hash(&l, "g"), plain);
    }

    #[test]
    fn a_name_redefined_inside_a_condition_loop_or_function_is_not_speculated_on() {
        for src in [
            "def f(a) = a\nx = 1\nif x == 1\n  def f(a) = a + 1\nend\ndef g(a) = f(a)\np g(1)\n",
            "def f(a) = a\ni = 0\nwhile i < 2\n  def f(a) = a + i\n  i += 1\nend\ndef g(a) = f(a)\np g(1)\n",
            "def f(a) = a\ndef h\n  def f(a) = a + 1\nend\nh\ndef g(a) = f(a)\np g(1)\n",
        ] {
            let l = lowered(src);
            let spec = Speculation::from_text(&l);
            let call = calls_named(&l, "f").next().expect("g calls f");
            assert_eq!(spec.target_of(call).map(|c| c.def), None, "{src}");
            let plain = MerkleHasher::new(&l.ast).hash(body_of(&l, "g"));
            assert_eq!(entry_hash(&l, "g"), plain, "{src}");
        }
    }

    /// The call nodes by `name` in `l`, in program order.
    fn calls_named<'l>(l: &'l Lowered, name: &'l str) -> impl Iterator<Item = NodeId> + 'l {
        l.ast.ids().filter(move |&id| {
            has_target(l.ast.kind(id))
                && call_name(&l.ast, id).is_some_and(|s| l.ast.name(s) == name)
        })
    }

    /// Whether each call by `name` in `l` skips the stack checks.
    fn unchecked_calls(l: &Lowered, name: &str) -> Vec<bool> {
        let mut spec = Speculation::from_text(l);
        calls_named(l, name).map(|id| spec.unchecked(id)).collect()
    }

    #[test]
    fn a_direct_call_needs_room_for_every_frame_down_its_chain() {
        let l = lowered(
            "def leaf(a)\n  a + 1\nend\n\
             def mid(a)\n  leaf(a) * 2\nend\n\
             def fib(n)\n  if n < 2\n    n\n  else\n    fib(n - 1) + mid(n)\n  end\nend\n\
             p fib(3)\n",
        );
        let mut spec = Speculation::from_text(&l);
        let mut check = |name: &str| {
            let call = calls_named(&l, name).next().unwrap();
            let nslots = u64::from(spec.target_of(call).unwrap().nslots);
            (spec.stack_check(call), nslots)
        };
        let (leaf, leaf_slots) = check("leaf");
        let (mid, mid_slots) = check("mid");
        let (fib, fib_slots) = check("fib");
        assert!(leaf.unchecked && mid.unchecked && !fib.unchecked);
        assert_eq!(leaf.need, leaf_slots);
        assert_eq!(mid.need, mid_slots + leaf_slots);
        // recursive: its own frame, checked at every call
        assert_eq!(fib.need, fib_slots);
    }

    #[test]
    fn only_calls_into_bounded_non_recursive_callees_skip_stack_checks() {
        let l = lowered(&format!(
            "{MUTUAL}def leaf(a)\n  a + 1\nend\n\
             def mid(a)\n  leaf(a) + even(a)\nend\n\
             def fib(n)\n  if n < 2\n    n\n  else\n    fib(n - 1) + fib(n - 2)\n  end\nend\n\
             p mid(1) + fib(3) + odd(3)\n"
        ));
        assert_eq!(unchecked_calls(&l, "leaf"), [true]);
        // mid calls a recursive function, but that call checks itself
        assert_eq!(unchecked_calls(&l, "mid"), [true]);
        assert!(unchecked_calls(&l, "fib").iter().all(|&u| !u));
        assert!(unchecked_calls(&l, "even").iter().all(|&u| !u));
        assert!(unchecked_calls(&l, "odd").iter().all(|&u| !u));
        // a chain deeper than UNCHECKED_DEPTH: only its last levels skip
        let depth = UNCHECKED_DEPTH as usize + 6;
        let mut src = String::new();
        for k in 0..depth {
            src.push_str(&format!("def c{k}(a)\n  c{}(a) + 1\nend\n", k + 1));
        }
        src.push_str(&format!("def c{depth}(a)\n  a\nend\np c0(0)\n"));
        let l = lowered(&src);
        assert_eq!(unchecked_calls(&l, "c0"), [false]);
        assert_eq!(unchecked_calls(&l, &format!("c{depth}")), [true]);
        let last_unchecked = (0..=depth)
            .find(|k| unchecked_calls(&l, &format!("c{k}")) == [true])
            .unwrap();
        assert_eq!(depth - last_unchecked + 1, UNCHECKED_DEPTH as usize);
    }

    #[test]
    fn cycles_are_found_iteratively() {
        let graph = |edges: &[(&'static str, &'static str)]| {
            let mut map: HashMap<&str, Vec<&str>> = HashMap::new();
            for &(a, b) in edges {
                map.entry(a).or_default().push(b);
                map.entry(b).or_default();
            }
            let mut nodes: Vec<&str> = map.keys().copied().collect();
            nodes.sort_unstable();
            cyclic_nodes(&nodes, &map).into_iter().collect::<Vec<_>>()
        };
        assert_eq!(graph(&[("a", "b"), ("b", "c")]), Vec::<&str>::new());
        assert_eq!(graph(&[("a", "a"), ("a", "b")]), ["a"]);
        assert_eq!(
            graph(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e")]),
            ["a", "b", "c"]
        );
        // a long chain closing into a cycle: no recursion in the algorithm
        let names: Vec<String> = (0..200_000).map(|i| format!("n{i}")).collect();
        let mut map: HashMap<&str, Vec<&str>> = HashMap::new();
        for w in names.windows(2) {
            map.insert(&w[0], vec![&w[1]]);
        }
        map.insert(&names[names.len() - 1], vec![&names[100]]);
        let nodes: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(cyclic_nodes(&nodes, &map).len(), names.len() - 100);
    }

    #[test]
    fn the_stack_limits_match_naruby_h() {
        let h = crate::entries::NARUBY_H;
        assert!(h.contains(&format!("#define NR_UNCHECKED_DEPTH {UNCHECKED_DEPTH}u")));
        assert!(h.contains(&format!("#define NR_REGION_MAX_ARGS {REGION_MAX_ARGS}u")));
    }

    #[test]
    fn the_builtin_names_match_runtime_c() {
        let c = include_str!("../csrc/runtime.c");
        let table = c.split("builtin_names[] = {").nth(1).unwrap();
        let table = &table[..table.find("};").unwrap()];
        let named = table.matches("] = \"").count();
        assert_eq!(named, BUILTIN_NAMES.len());
        for name in BUILTIN_NAMES {
            assert!(table.contains(&format!("] = \"{name}\",")), "{name}");
        }
    }

    /// For each call by `name` in `l`: the names of the region it enters.
    fn regions(l: &Lowered, name: &str) -> Vec<Option<Vec<String>>> {
        let mut spec = Speculation::from_text(l);
        calls_named(l, name)
            .map(|id| {
                spec.region_of(id, RegionView::Program).map(|region| {
                    region
                        .callees
                        .iter()
                        .map(|c| l.ast.name(def_name(&l.ast, c.def)).to_string())
                        .collect()
                })
            })
            .collect()
    }

    #[test]
    fn regions_are_def_free_closures_that_call_only_their_own_or_unbound_names() {
        let l = lowered(&format!(
            "{MUTUAL}def fib(n)\n  if n < 2\n    n\n  else\n    fib(n - 1) + fib(n - 2)\n  end\nend\n\
             def shows(a)\n  p a, a\n  even(a)\nend\n\
             def defines(a)\n  if a > 0\n    def inner(b) = b\n  end\n  a\nend\n\
             def calls_definer(a)\n  defines(a)\nend\n\
             def twice(a)\n  a\nend\nif 1 == 1\n  def twice(a)\n    a + 1\n  end\nend\n\
             def calls_twice(a)\n  twice(a)\nend\n\
             def again(a)\n  a\nend\ndef again(a)\n  a + 1\nend\n\
             def calls_again(a)\n  again(a)\nend\n\
             def wide(a, b, c, d, e, f, g)\n  a\nend\n\
             def calls_wide(a)\n  wide(a, a, a, a, a, a, a)\nend\n\
             def wrong_arity(a)\n  fib(a, a)\nend\n\
             p fib(3) + shows(1) + calls_definer(1) + calls_twice(1) + calls_again(1) + calls_wide(1)\n\
             p wrong_arity(1)\np fib(1, 2)\n"
        ));
        let some = |names: &[&str]| Some(names.iter().map(|n| n.to_string()).collect());
        // recursion and mutual recursion; builtins may be called from inside
        // (fib's calls in program order: its own two, wrong_arity's, the top level's two)
        let fib = some(&["fib"]);
        assert_eq!(
            regions(&l, "fib"),
            [fib.clone(), fib.clone(), None, fib, None]
        );
        assert!(regions(&l, "odd")
            .iter()
            .all(|r| *r == some(&["even", "odd"])));
        assert_eq!(regions(&l, "shows"), [some(&["even", "odd", "shows"])]);
        let mut spec = Speculation::from_text(&l);
        let shows = calls_named(&l, "shows").next().unwrap();
        let unbound = spec.region_of(shows, RegionView::Program).unwrap().unbound;
        assert_eq!(unbound.keys().collect::<Vec<_>>(), ["p"]);
        // a def inside, or reached: bindings could change while it runs
        assert_eq!(regions(&l, "defines"), [None]);
        assert_eq!(regions(&l, "calls_definer"), [None]);
        // a name redefined in a condition is not speculated on, and not
        // unbound either; one redefined by a top-level statement means its
        // last definition
        assert_eq!(regions(&l, "calls_twice"), [None]);
        assert_eq!(
            regions(&l, "calls_again"),
            [some(&["again", "calls_again"])]
        );
        // more arguments than registers
        assert_eq!(regions(&l, "calls_wide"), [None]);
        // a call with the wrong arity, inside or at the entry
        assert_eq!(regions(&l, "wrong_arity"), [None]);
    }

    #[test]
    fn identical_functions_share_an_identity() {
        let l = lowered("def f(a)\n  a * 3\nend\ndef g(a)\n  a * 3\nend\np f(1) + g(1)\n");
        let ident = |name: &str| {
            let def = *l
                .defs
                .iter()
                .find(|&&d| l.ast.name(def_name(&l.ast, d)) == name)
                .unwrap();
            def_ident(&l.ast, def)
        };
        assert_eq!(ident("f"), ident("g"));
        let other = lowered("def f(a)\n  b = 0\n  a * 3\nend\np f(1)\n");
        let def = other.defs[0];
        assert_ne!(def_ident(&other.ast, def), ident("f"));
    }
    #[test]
    fn self_calls_outside_the_tail_position_are_found() {
        let count = |src: &str, name: &str| {
            let l = lowered(src);
            let spec = Speculation::from_text(&l);
            spec.non_tail_self_calls(body_of(&l, name)).len()
        };
        // both of fib's calls feed the `+`
        let fib = "def fib(n)\n  if n < 2\n    n\n  else\n    fib(n - 1) + fib(n - 2)\n  end\nend\np fib(5)\n";
        assert_eq!(count(fib, "fib"), 2);
        // tak's outer call is its result; the three inner ones are arguments
        let tak = "def tak(x, y, z)\n  if y < x\n    tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))\n  else\n    z\n  end\nend\np tak(6, 4, 2)\n";
        assert_eq!(count(tak, "tak"), 3);
        // ackermann's two calls in the branches are tail calls
        let ack = "def ack(m, n)\n  if m == 0\n    n + 1\n  elsif n == 0\n    ack(m - 1, 1)\n  else\n    ack(m - 1, ack(m, n - 1))\n  end\nend\np ack(2, 2)\n";
        assert_eq!(count(ack, "ack"), 1);
        // a statement before the result is not in the tail position; calls
        // of other functions do not count
        let seq =
            "def g(n)\n  n\nend\ndef f(n)\n  return 0 if n == 0\n  f(n - 1)\n  g(n)\nend\np f(3)\n";
        assert_eq!(count(seq, "f"), 1);
    }
}
