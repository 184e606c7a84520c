//! The partial evaluator's driver: walks subtrees and writes one
//! specialized dispatcher `SD_<hash>` per distinct subtree. The per-kind
//! bodies come from astrogen (`node::specialized_body`); this module only
//! orders, names and deduplicates them, and, under a speculation
//! (`speculate/`), writes the `nr_target` constants that speculating call
//! sites pass and the speculated callees' code they point to.
//!
//! Per node (the AOT unit), a speculated callee that can run as region code
//! (`Speculation::region_of`, `nr_call_mode` in naruby.h) is emitted a
//! second time in the *region flavour*: `RF_<hash>` takes the arguments in
//! registers and keeps the frame in a C local array, and the body's
//! dispatchers that contain calls are written again as `SR_<hash>`, whose
//! calls go straight to other register entries. Call-free subtrees are the
//! same code in both flavours and keep their `SD_` dispatchers.
//!
//! A region body that calls itself at two or more sites outside its tail
//! position recurses as a tree (fib, tak): at those sites its region code
//! calls a third flavour, the *inlined copy* (`RI_<hash>`, forced inline,
//! with dispatchers `SI_<hash>`), whose own calls go back to `RF_<hash>`.
//! That is one level of the recursion inlined into itself, which halves
//! the calls, as gcc does for recursive C but not across our register
//! entries. Each logical call keeps its own frame and stack checks. A
//! body with one such site recurses as a chain (ackermann), where the
//! larger frames cost more than the calls saved (benches/NOTES.md).

mod regions;
#[cfg(test)]
mod tests;

use crate::node::hash::{MerkleHasher, NodeHash};
use crate::node::{specialized_body, Ast, NodeId, Operand};
use crate::speculate::{has_target, Callee, Region, RegionView, Speculation};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write;

/// The guards of a shareable unit's pieces (see `Specializer::shareable`):
/// a symbol's declaration, and its definition (or alias).
const GUARD_DECLARED: &str = "NR_D_";
pub(crate) const GUARD_DEFINED: &str = "NR_F_";

/// Accumulates specialized dispatchers for any number of trees; identical
/// subtrees (same hash) share one function.
pub struct Specializer<'a> {
    ast: &'a Ast,
    hasher: MerkleHasher<'a>,
    spec: Speculation<'a>,
    /// Symbols written so far.
    emitted: HashSet<String>,
    /// The kinds of the nodes written so far (see `kind_selection`).
    kinds: BTreeSet<&'static str>,
    targets: HashSet<String>,
    declarations: String,
    target_definitions: String,
    definitions: String,
    /// Whether to descend into `entry` operands (function bodies). The AOT
    /// unit does; a code-store entry stops there (bodies are entries of
    /// their own, reached through their node's dispatcher at run time).
    follow_entries: bool,
    /// The one dispatcher given external linkage (a code-store entry).
    exported: Option<NodeHash>,
    /// One dispatcher per node instead of per distinct subtree, with the
    /// node's address a constant (`node_<id>`, the AOT unit's static node
    /// data): no child pointer is loaded and none occupies a register. A
    /// speculated target then names its callee's body node, and the guard
    /// also compares bodies (see `nr_target`).
    per_node: bool,
    /// Per node: whether its subtree (up to function bodies) holds a call.
    has_call: HashMap<NodeId, bool>,
    /// While emitting a region body: whether it is `chain_covered`.
    covered: bool,
    /// While emitting a region body's outer code: the sites that call its
    /// inlined copy (see the module comment).
    inline_sites: HashSet<NodeId>,
    /// What the AOT build needs to know to drop region code's C stack
    /// checks (see [`RegionRoom`]).
    room: RegionRoom,
    /// Per speculated callee's body, in a code-store entry: whether it is
    /// kept out of line (still called directly), which it is when it holds
    /// a loop. The loop amortizes the call; inlined into the caller's
    /// loop, collatz's second run was 13% slower (benches/NOTES.md). The
    /// AOT unit gains nothing either way and leaves gcc to choose.
    out_of_line: HashMap<NodeId, bool>,
    /// Per node: the nodes of the top level (outside every function body),
    /// whose frame is always the value stack's first (`nr_vstack`).
    top_level: HashSet<NodeId>,
    /// Dispatchers by their C text (linkage and body): a node whose code
    /// is the same text as one written already, e.g. a call that differs
    /// only in the name it reads from its node at run time, becomes an
    /// alias of it (see `emit`).
    by_text: HashMap<(&'static str, String), String>,
    /// Symbol → the symbol of the dispatcher with the same text.
    aliases: HashMap<String, String>,
    /// Whether this is a code-store entry's unit, which can share one
    /// translation unit with other entries (`entries::batch_source`): its
    /// dispatchers are static code named `SS_<hash>`, each declaration and
    /// definition inside a guard named after its symbol, and the exported
    /// `SD_<hash>` only enters the root's static code. A symbol names the
    /// same code in every entry, so the C compiler sees each dispatcher
    /// the entries share once, and an entry that holds another's root as
    /// its callee's code still inlines it.
    shareable: bool,
}

/// The region code whose calls check the C stack (calls of recursive
/// callees, and of callees nested deeper than `NR_UNCHECKED_DEPTH`): its
/// register entries, the fewest value-stack slots such a call advances
/// the frame's virtual place by, and whether one of them goes into a
/// recursive callee. `naruby --aot` may drop those checks when gcc's
/// frames for this code are small enough per slot (aot.rs,
/// `NR_REGION_ROOM` in naruby.h).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegionRoom {
    pub entries: BTreeSet<String>,
    pub min_advance: Option<u32>,
    pub recursive: bool,
}

/// Which code a dispatcher is: the ordinary one (frame on the value stack)
/// or region code (frame in a C local array, see the module comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flavour {
    Ordinary,
    Region,
    /// A self-recursive region body's inlined copy.
    Inlined,
}

impl Flavour {
    /// The prefix of a dispatcher that holds a call, in this flavour.
    fn prefix(self) -> &'static str {
        match self {
            Flavour::Ordinary => "SD",
            Flavour::Region => "SR",
            Flavour::Inlined => "SI",
        }
    }
}

/// How a speculating call reaches its callee (`enum nr_call_mode`).
#[derive(Debug, Clone)]
enum CallMode {
    Guarded,
    /// Ordinary code entering this region.
    EnterRegion(Region),
    /// Region code calling a register entry: `RF_<hash>`, or with
    /// `inlined` the callee's (its own body's) inlined copy `RI_<hash>`.
    InRegion {
        inlined: bool,
    },
}

/// Code still to emit: a tree, or a body's region flavour or inlined copy.
#[derive(Debug, Clone, Copy)]
enum Pending {
    Tree(NodeId),
    RegionBody(Callee),
    InlinedBody(Callee),
}

impl<'a> Specializer<'a> {
    /// A specializer that speculates on nothing.
    pub fn new(ast: &'a Ast) -> Self {
        Specializer::with_speculation(ast, Speculation::none(ast))
    }

    /// A specializer whose call sites speculate as `spec` says.
    pub fn with_speculation(ast: &'a Ast, spec: Speculation<'a>) -> Self {
        Specializer {
            ast,
            hasher: MerkleHasher::new(ast),
            spec,
            emitted: HashSet::new(),
            kinds: BTreeSet::new(),
            targets: HashSet::new(),
            declarations: String::new(),
            target_definitions: String::new(),
            definitions: String::new(),
            follow_entries: true,
            exported: None,
            per_node: false,
            has_call: HashMap::new(),
            covered: false,
            inline_sites: HashSet::new(),
            room: RegionRoom::default(),
            out_of_line: HashMap::new(),
            top_level: HashSet::new(),
            by_text: HashMap::new(),
            aliases: HashMap::new(),
            shareable: false,
        }
    }

    /// A specializer for the AOT unit of the program rooted at `root`: one
    /// dispatcher per node, naming the static node data (see `per_node`).
    pub fn per_node(ast: &'a Ast, root: NodeId, spec: Speculation<'a>) -> Self {
        let mut sp = Specializer::with_speculation(ast, spec);
        sp.per_node = true;
        sp.top_level = ast.subtree(root).collect();
        sp
    }

    /// A specializer for one code-store entry: the subtree under `root`,
    /// stopping at function bodies (except the speculated callees' bodies,
    /// which it holds as static code), with `root`'s dispatcher exported.
    pub fn for_entry(ast: &'a Ast, root: NodeId, spec: Speculation<'a>) -> Self {
        let mut sp = Specializer::with_speculation(ast, spec);
        sp.follow_entries = false;
        sp.shareable = true;
        sp.exported = Some(sp.hash(root));
        sp.add_tree(root);
        sp
    }

    /// The hash naming `id`'s specialized dispatcher (its plain Merkle hash
    /// unless its subtree speculates).
    pub fn hash(&mut self, id: NodeId) -> NodeHash {
        self.spec.node_hash(&mut self.hasher, id)
    }

    /// The name of `id`'s specialized dispatcher: `SD_<hash>`, per node
    /// `SD_<hash>_<id>`. In a code-store entry every dispatcher is static
    /// code named `SS_<hash>`, and the root's `SD_<hash>` is a wrapper
    /// around its `SS_<hash>` (see `shareable`).
    pub fn symbol(&mut self, id: NodeId) -> String {
        let symbol = self.hash(id).symbol();
        if self.per_node {
            format!("{symbol}_{}", id.0)
        } else if self.shareable {
            format!("SS{}", &symbol[2..])
        } else {
            symbol
        }
    }

    /// The name of `id`'s dispatcher in `flavour`: region code and the
    /// inlined copy differ only where the subtree calls (`SR_`, `SI_`
    /// instead of `SD_`).
    fn flavoured_symbol(&mut self, id: NodeId, flavour: Flavour) -> String {
        let symbol = self.symbol(id);
        if flavour != Flavour::Ordinary && self.has_call(id) {
            format!("{}{}", flavour.prefix(), &symbol[2..])
        } else {
            symbol
        }
    }

    /// The flavour `id`'s code takes under a parent of `flavour`.
    fn child_flavour(&mut self, id: NodeId, flavour: Flavour) -> Flavour {
        if flavour != Flavour::Ordinary && self.has_call(id) {
            flavour
        } else {
            Flavour::Ordinary
        }
    }

    /// Whether `id`'s subtree (up to function bodies) holds a call node.
    fn has_call(&mut self, id: NodeId) -> bool {
        if let Some(&known) = self.has_call.get(&id) {
            return known;
        }
        let found = self.ast.subtree(id).any(|n| has_target(self.ast.kind(n)));
        self.has_call.insert(id, found);
        found
    }

    /// Records whether the speculated callee's `body` is kept out of line
    /// (see `out_of_line`): whether its subtree (up to function bodies)
    /// holds a loop. Worked out once per body.
    fn note_callee_body(&mut self, body: NodeId) {
        let ast = self.ast;
        self.out_of_line.entry(body).or_insert_with(|| {
            ast.subtree(body)
                .any(|n| ast.kind(n).info().operands.iter().any(|op| op.swappable))
        });
    }

    /// The name a speculated callee is called by.
    fn callee_name(&self, callee: Callee) -> &'a str {
        self.ast
            .name(crate::speculate::call_name(self.ast, callee.def).expect("a def has a name"))
    }

    /// Emits dispatchers for every node under `root` (entries included when
    /// following them) and for every speculated callee they reach; returns
    /// the root's hash.
    pub fn add_tree(&mut self, root: NodeId) -> NodeHash {
        let mut pending = vec![Pending::Tree(root)];
        while let Some(next) = pending.pop() {
            let (tree, flavour) = match next {
                Pending::Tree(tree) => (tree, Flavour::Ordinary),
                Pending::RegionBody(callee) => {
                    if !self.emit_region_entry(callee, Flavour::Region) {
                        continue;
                    }
                    self.covered = self.chain_covered(callee);
                    self.inline_sites = self.inline_sites_of(callee.body);
                    let flavour = self.child_flavour(callee.body, Flavour::Region);
                    (callee.body, flavour)
                }
                Pending::InlinedBody(callee) => {
                    if !self.emit_region_entry(callee, Flavour::Inlined) {
                        continue;
                    }
                    self.covered = self.chain_covered(callee);
                    self.inline_sites.clear();
                    let flavour = self.child_flavour(callee.body, Flavour::Inlined);
                    (callee.body, flavour)
                }
            };
            // iterative post-order, so deep trees cannot overflow the stack
            let mut stack = vec![(tree, flavour, false)];
            while let Some((id, flavour, children_done)) = stack.pop() {
                if children_done {
                    pending.extend(self.emit(id, flavour));
                    continue;
                }
                let symbol = self.flavoured_symbol(id, flavour);
                if self.emitted.contains(&symbol) {
                    continue;
                }
                stack.push((id, flavour, true));
                for op in self.ast.operands(id) {
                    match *op {
                        Operand::Node(child) => {
                            let child_flavour = self.child_flavour(child, flavour);
                            stack.push((child, child_flavour, false))
                        }
                        Operand::Entry(child) if self.follow_entries => {
                            stack.push((child, Flavour::Ordinary, false))
                        }
                        _ => {}
                    }
                }
            }
        }
        self.hash(root)
    }

    /// Writes `id`'s dispatcher in `flavour`; returns the code its calls
    /// need that must be emitted too.
    fn emit(&mut self, id: NodeId, flavour: Flavour) -> Vec<Pending> {
        let hash = self.hash(id);
        let symbol = self.flavoured_symbol(id, flavour);
        if !self.emitted.insert(symbol.clone()) {
            return Vec::new();
        }
        self.kinds.insert(self.ast.kind(id).name());
        let mut children = HashMap::new();
        for op in self.ast.operands(id) {
            if let Operand::Node(child) = *op {
                let child_flavour = self.child_flavour(child, flavour);
                let child_symbol = self.flavoured_symbol(child, child_flavour);
                let child_symbol = self
                    .aliases
                    .get(&child_symbol)
                    .cloned()
                    .unwrap_or(child_symbol);
                children.insert(child, child_symbol);
            }
        }
        let mut pending = Vec::new();
        let target = match (flavour, self.spec.target_of(id)) {
            (Flavour::Ordinary, Some(callee)) => {
                let check = self.spec.stack_check(id);
                if !self.per_node {
                    self.note_callee_body(callee.body);
                }
                pending.push(Pending::Tree(callee.body));
                let view = if self.per_node {
                    RegionView::Program
                } else {
                    RegionView::Code
                };
                let region = self.spec.region_of(id, view);
                match region {
                    Some(region) => {
                        pending.push(Pending::RegionBody(callee));
                        self.target(callee, check, CallMode::EnterRegion(region))
                    }
                    None => self.target(callee, check, CallMode::Guarded),
                }
            }
            (Flavour::Region | Flavour::Inlined, Some(callee)) => {
                let mut check = self.spec.stack_check(id);
                // this body's every entry made room for its whole chain
                if self.covered && check.unchecked {
                    check.need = 0;
                }
                if !check.unchecked {
                    self.note_checked_region_call(id, callee);
                }
                let inlined = flavour == Flavour::Region && self.inline_sites.contains(&id);
                pending.push(if inlined {
                    Pending::InlinedBody(callee)
                } else {
                    Pending::RegionBody(callee)
                });
                self.target(callee, check, CallMode::InRegion { inlined })
            }
            (Flavour::Region | Flavour::Inlined, None) if has_target(self.ast.kind(id)) => {
                self.unbound_target()
            }
            (_, None) => "NULL, NULL".to_string(),
        };
        let mut body = specialized_body(
            self.ast,
            id,
            &mut |child| children[&child].clone(),
            &mut |_| target.clone(),
        );
        if self.per_node {
            // the caller's `n` is this node; say so, and its loads fold
            let mut known = format!("    n = &node_{}.head;\n", id.0);
            // so is the top level's frame: its stack checks fold too
            if self.top_level.contains(&id) {
                known.push_str("    fp = nr_vstack;\n");
            }
            body.insert_str(0, &known);
        }
        if self.exported == Some(hash) && flavour == Flavour::Ordinary {
            self.export(hash, &symbol);
        }
        let linkage = if flavour == Flavour::Ordinary && self.out_of_line.get(&id) == Some(&true) {
            "static __attribute__((noinline)) "
        } else if self.per_node && flavour != Flavour::Ordinary {
            // called from one place only: see NR_REGION_INLINE in naruby.h
            "static NR_REGION_INLINE "
        } else {
            "static inline "
        };
        // Same text, same code: the parents of identical code collapse in
        // turn, so a thousand call statements of one shape cost the C
        // compiler a handful of functions, not thousands. (Per node, every
        // dispatcher names its own node, so none would match.)
        let kind = self.ast.kind(id).name();
        if self.per_node {
            self.define(kind, linkage, &symbol, &body);
            return pending;
        }
        let key = (linkage, body);
        if let Some(same) = self.by_text.get(&key) {
            // references made before this point (targets) use the name;
            // in a shared unit it also stands for the symbol's definition
            let alias = format!("#define {symbol} {same}\n");
            let alias = self.guarded(GUARD_DEFINED, &symbol, alias);
            let alias = self.guarded(GUARD_DECLARED, &symbol, alias);
            self.declarations.push_str(&alias);
            self.aliases.insert(symbol, same.clone());
            return pending;
        }
        self.define(kind, linkage, &symbol, &key.1);
        self.by_text.insert(key, symbol);
        pending
    }

    /// Declares and defines the dispatcher `symbol` of a node of `kind`.
    fn define(&mut self, kind: &str, linkage: &str, symbol: &str, body: &str) {
        let signature = format!("{linkage}RESULT {symbol}(NODE *n, VALUE *fp)");
        let declaration = format!("{signature};\n");
        let definition = format!("/* {kind} */\n{signature}\n{{\n{body}}}\n\n");
        let declaration = self.guarded(GUARD_DECLARED, symbol, declaration);
        let definition = self.guarded(GUARD_DEFINED, symbol, definition);
        self.declarations.push_str(&declaration);
        self.definitions.push_str(&definition);
    }

    /// Writes the entry's exported `SD_<hash>`, which enters the root's
    /// static code `code`. The static code is what other entries of a
    /// shared unit reach and inline; one exported function per entry.
    fn export(&mut self, hash: NodeHash, code: &str) {
        let signature = format!("RESULT {}(NODE *n, VALUE *fp)", hash.symbol());
        let _ = writeln!(self.declarations, "{signature};");
        let _ = write!(
            self.definitions,
            "/* the entry */\n{signature}\n{{\n    return {code}(n, fp);\n}}\n\n"
        );
    }

    /// `text` inside the guard `<guard><symbol>` when this unit may share a
    /// translation unit with other entries (see `shareable`), else as is.
    fn guarded(&self, guard: &str, symbol: &str, text: String) -> String {
        if !self.shareable {
            return text;
        }
        format!("#ifndef {guard}{symbol}\n#define {guard}{symbol}\n{text}#endif\n")
    }

    /// How many distinct subtrees (hashes) were given a dispatcher, their
    /// own or, with the same text, an alias of another's.
    pub fn count(&self) -> usize {
        self.emitted.len()
    }

    /// The preprocessor lines that limit `nodes.h` to the kinds written so
    /// far (its kind sections, see astrogen's `gen_c`), for a unit to put
    /// before it includes the header: the C compiler then never parses the
    /// other kinds' evaluators.
    pub fn kind_selection(&self) -> String {
        let mut lines = String::from("#define NR_SOME_KINDS\n");
        for kind in &self.kinds {
            let _ = writeln!(lines, "#define NR_WANT_{kind}");
        }
        lines
    }

    /// Declarations, then the targets (which point to declared
    /// dispatchers), then definitions (which may call each other and use
    /// the targets in any order).
    pub fn finish(self) -> String {
        format!(
            "{}\n{}\n{}",
            self.declarations, self.target_definitions, self.definitions
        )
    }
}
