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

use crate::node::hash::{MerkleHasher, NodeHash};
use crate::node::{c_int64, specialized_body, Ast, NodeId, Operand};
use crate::speculate::{has_target, Callee, Region, RegionView, Speculation, StackCheck};
use astrogen::emit::c_string;
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

    /// Whether `callee`'s register entry is only ever called with room for
    /// its whole chain of direct calls (see `nr_target.need`): then the
    /// direct calls its region code makes to callees that skip the C stack
    /// check need no check at all. (Its region code is reached only through
    /// that entry, and every call of the entry checks the chain's need.)
    fn chain_covered(&mut self, callee: Callee) -> bool {
        let name = self.callee_name(callee);
        self.spec.chain_need(name).is_some()
    }

    /// What names a callee's region code: per node, its body's symbol; in
    /// a code-store unit, its body's symbol and the name that binds it,
    /// since the code learns its body node from that name's binding (two
    /// names may bind equal bodies, whose nodes differ in line numbers).
    fn region_suffix(&mut self, callee: Callee) -> String {
        let symbol = self.symbol(callee.body);
        if self.per_node {
            return symbol[2..].to_string();
        }
        let mut h = blake3::Hasher::new();
        h.update(b"naruby-region-code\0")
            .update(symbol.as_bytes())
            .update(b"\0")
            .update(self.callee_name(callee).as_bytes());
        format!("_{}", &h.finalize().to_hex()[..32])
    }

    /// The name a speculated callee is called by.
    fn callee_name(&self, callee: Callee) -> &'a str {
        self.ast
            .name(crate::speculate::call_name(self.ast, callee.def).expect("a def has a name"))
    }

    /// The register entry of a region body: `RF_<hash>`.
    fn region_entry_symbol(&mut self, callee: Callee) -> String {
        format!("RF{}", self.region_suffix(callee))
    }

    /// The register entry of a region body's inlined copy: `RI_<hash>`.
    fn inlined_entry_symbol(&mut self, callee: Callee) -> String {
        format!("RI{}", self.region_suffix(callee))
    }

    /// The region rooted at `callee`: `RG_<hash>`.
    fn region_symbol(&mut self, callee: Callee) -> String {
        format!("RG{}", self.region_suffix(callee))
    }

    /// In a code-store unit, where a region body's code finds its body
    /// node: the `body` of the callee's own region, which every region
    /// check that binds the callee fills (`nr_binding.slot`). The region
    /// is declared here: it exists whether or not ordinary code enters it.
    fn body_slot(&mut self, callee: Callee) -> String {
        let region = self.region_symbol(callee);
        self.declare_region(&region);
        format!("{region}.body")
    }

    /// Declares region descriptor `symbol` (once): a tentative definition,
    /// which `region` may give an initializer, so that code and other
    /// regions can point to it before it is written.
    fn declare_region(&mut self, symbol: &str) {
        if self.emitted.insert(symbol.to_string()) {
            let declaration = format!("static nr_region {symbol};\n");
            let declaration = self.guarded(GUARD_DECLARED, symbol, declaration);
            self.declarations.push_str(&declaration);
        }
    }

    /// The sites of `body`'s region code that call its inlined copy: its
    /// non-tail calls of itself, when there are two or more (see the
    /// module comment).
    fn inline_sites_of(&self, body: NodeId) -> HashSet<NodeId> {
        let sites = self.spec.non_tail_self_calls(body);
        if sites.len() >= 2 {
            sites.into_iter().collect()
        } else {
            HashSet::new()
        }
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

    /// Records a region call that checks the C stack (see [`RegionRoom`]).
    fn note_checked_region_call(&mut self, site: NodeId, callee: Callee) {
        let advance = crate::speculate::argbase_of(self.ast, site);
        let least = self.room.min_advance.map_or(advance, |m| m.min(advance));
        self.room.min_advance = Some(least);
        let entries = [
            self.region_entry_symbol(callee),
            self.inlined_entry_symbol(callee),
        ];
        self.room.entries.extend(entries);
        let name = crate::speculate::call_name(self.ast, site).map(|n| self.ast.name(n));
        if name.is_some_and(|n| self.spec.is_recursive(n)) {
            self.room.recursive = true;
        }
    }

    /// The region code whose calls check the C stack (see [`RegionRoom`]).
    pub fn region_room(&self) -> &RegionRoom {
        &self.room
    }

    /// Writes the register entry of a region body (`flavour` Region) or of
    /// its inlined copy (Inlined), once; false if it already was.
    fn emit_region_entry(&mut self, callee: Callee, flavour: Flavour) -> bool {
        let symbol = if flavour == Flavour::Inlined {
            self.inlined_entry_symbol(callee)
        } else {
            self.region_entry_symbol(callee)
        };
        if !self.emitted.insert(symbol.clone()) {
            return false;
        }
        if !self.per_node {
            self.note_callee_body(callee.body);
        }
        let params = std::iter::once("VALUE *vsp".to_string())
            .chain((0..callee.nparams).map(|i| format!("VALUE a{i}")))
            .collect::<Vec<_>>()
            .join(", ");
        let name = self.callee_name(callee);
        // In a code-store unit a body with a loop stays out of its
        // callers' code (see `out_of_line`): its root's ordinary dispatcher
        // is out of line already, and when the body calls (so its region
        // code has dispatchers of its own) the register entry is.
        let loop_out_of_line = self.out_of_line.get(&callee.body) == Some(&true)
            && self.child_flavour(callee.body, flavour) != Flavour::Ordinary;
        // recursion stays a call; gcc may inline everything else; the
        // inlined copy is called from its own body's code only
        let attributes = if flavour == Flavour::Inlined {
            "static NR_REGION_INLINE "
        } else if self.spec.is_recursive(name) || loop_out_of_line {
            "__attribute__((noinline)) static "
        } else {
            "static inline "
        };
        let signature = format!("{attributes}RESULT {symbol}({params})");
        // the body node: a constant per node, else what the region check found
        let body_node = if self.per_node {
            format!("&node_{}.head", callee.body.0)
        } else {
            self.body_slot(callee)
        };
        let declaration = format!("{signature};\n");
        let declaration = self.guarded(GUARD_DECLARED, &symbol, declaration);
        self.declarations.push_str(&declaration);
        // slot -1: the frame's virtual place on the value stack (naruby.h)
        let mut body = format!(
            "    VALUE frame[{}];\n    VALUE *fp = frame + 1;\n    fp[-1] = (VALUE)(intptr_t)vsp;\n",
            callee.nslots + 1
        );
        for i in 0..callee.nparams {
            let _ = writeln!(body, "    fp[{i}] = a{i};");
        }
        for i in callee.nparams..callee.nlocals {
            let _ = writeln!(body, "    fp[{i}] = 0;");
        }
        let root = self.flavoured_symbol(callee.body, flavour);
        let _ = writeln!(body, "    return {root}({body_node}, fp);");
        let what = if flavour == Flavour::Inlined {
            "inlined copy"
        } else {
            "register entry"
        };
        let definition = format!("/* {what} of `{name}` */\n{signature}\n{{\n{body}}}\n\n");
        let definition = self.guarded(GUARD_DEFINED, &symbol, definition);
        self.definitions.push_str(&definition);
        true
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

    /// The `nr_target` constant for a speculated callee (written once);
    /// returns the C arguments for a target operand: the constant's address
    /// and the callee's entry.
    fn target(&mut self, callee: Callee, check: StackCheck, mode: CallMode) -> String {
        let entry_hash = self.spec.entry_hash(&mut self.hasher, callee.body);
        let mut h = blake3::Hasher::new();
        h.update(b"naruby-target\0").update(&entry_hash.0);
        h.update(&callee.ident[0].to_le_bytes());
        h.update(&callee.ident[1].to_le_bytes());
        h.update(&[u8::from(check.unchecked)]);
        h.update(&check.need.to_le_bytes());
        // per node, the code is that body node's own
        let body = if self.per_node {
            h.update(&callee.body.0.to_le_bytes());
            format!("&node_{}.head", callee.body.0)
        } else {
            "NULL".to_string()
        };
        let (mode_name, entry, region) = match &mode {
            CallMode::Guarded => ("NR_GUARDED", self.symbol(callee.body), None),
            CallMode::EnterRegion(region) => {
                let symbol = self.region(callee, region);
                ("NR_ENTER_REGION", self.symbol(callee.body), Some(symbol))
            }
            CallMode::InRegion { .. } => ("NR_IN_REGION", "NULL".to_string(), None),
        };
        let rentry = match mode {
            CallMode::Guarded => "NULL".to_string(),
            CallMode::InRegion { inlined: true } => {
                format!("(nr_regs_fn){}", self.inlined_entry_symbol(callee))
            }
            _ => format!("(nr_regs_fn){}", self.region_entry_symbol(callee)),
        };
        h.update(mode_name.as_bytes());
        // (which names the code a region mode calls: the callee's name too)
        h.update(rentry.as_bytes());
        let symbol = format!("TG_{}", &h.finalize().to_hex()[..32]);
        if self.targets.insert(symbol.clone()) {
            let region = region.map_or("NULL".to_string(), |r| format!("&{r}"));
            let definition = format!(
                "static const nr_target {symbol} = {{ .ident = {{ (uint64_t){}, (uint64_t){} }}, \
                 .entry = {entry}, .body = {body}, .nlocals = {}u, .nslots = {}u, .need = {}u, \
                 .unchecked = {}u, .mode = {mode_name}, .rentry = {rentry}, .region = {region} }};\n",
                c_int64(callee.ident[0]),
                c_int64(callee.ident[1]),
                callee.nlocals,
                callee.nslots,
                check.need,
                u8::from(check.unchecked)
            );
            let definition = self.guarded(GUARD_DEFINED, &symbol, definition);
            self.target_definitions.push_str(&definition);
        }
        format!("&{symbol}, {entry}")
    }

    /// The target of a call in region code to a name no `def` binds.
    fn unbound_target(&mut self) -> String {
        let symbol = "TG_unbound".to_string();
        if self.targets.insert(symbol.clone()) {
            let _ = writeln!(
                self.target_definitions,
                "static const nr_target {symbol} = {{ .mode = NR_IN_REGION_UNBOUND }};"
            );
        }
        format!("&{symbol}, NULL")
    }

    /// The region descriptor entered through `callee` (written once), and
    /// those of the regions it holds (`Region::subs`): what its code relies
    /// on. Returns its symbol.
    ///
    /// Per node, names and bodies are the program's own (IDs, node
    /// addresses); a code-store unit names names by text and learns each
    /// body into the slot its region code reads (see `nr_binding`).
    fn region(&mut self, callee: Callee, region: &Region) -> String {
        let symbol = self.region_symbol(callee);
        let view = if self.per_node {
            RegionView::Program
        } else {
            RegionView::Code
        };
        let mut todo = vec![(callee, region.clone())];
        while let Some((callee, region)) = todo.pop() {
            let symbol = self.region_symbol(callee);
            if !self.targets.insert(symbol.clone()) {
                continue;
            }
            self.declare_region(&symbol);
            let bindings = self.bindings(&region);
            let mut subs = Vec::with_capacity(region.subs.len());
            for &sub in &region.subs {
                let sub_symbol = self.region_symbol(sub);
                self.declare_region(&sub_symbol);
                subs.push(format!("&{sub_symbol}"));
                let name = self.callee_name(sub);
                let sub_region = self
                    .spec
                    .region_named(name, view)
                    .expect("a region's closure holds its subs' closures");
                todo.push((sub, sub_region));
            }
            let (nsubs, subs_field) = if subs.is_empty() {
                (0, "NULL".to_string())
            } else {
                (subs.len(), format!("{symbol}_subs"))
            };
            let mut definition = format!(
                "static nr_binding {symbol}_bindings[] = {{ {} }};\n",
                bindings.join(", ")
            );
            if !subs.is_empty() {
                let _ = writeln!(
                    definition,
                    "static nr_region *const {symbol}_subs[] = {{ {} }};",
                    subs.join(", ")
                );
            }
            let _ = writeln!(
                definition,
                "static nr_region {symbol} = {{ .count = {}u, .bindings = {symbol}_bindings, \
                 .nsubs = {nsubs}u, .subs = {subs_field} }};",
                bindings.len()
            );
            let definition = self.guarded(GUARD_DEFINED, &symbol, definition);
            self.target_definitions.push_str(&definition);
        }
        symbol
    }

    /// The bindings of a region's own cycle and its unbound names, as C
    /// initializers of `nr_binding`.
    fn bindings(&mut self, region: &Region) -> Vec<String> {
        let mut bindings = Vec::new();
        for &c in &region.callees {
            let ident = format!(
                "{{ (uint64_t){}, (uint64_t){} }}",
                c_int64(c.ident[0]),
                c_int64(c.ident[1])
            );
            bindings.push(if self.per_node {
                let name = crate::speculate::call_name(self.ast, c.def).expect("named");
                format!("{{ {}u, 0, {ident}, &node_{}.head }}", name.0, c.body.0)
            } else {
                let text = c_string(self.callee_name(c));
                let slot = self.body_slot(c);
                format!("{{ NR_ID_BY_TEXT, 0, {ident}, NULL, {text}, &{slot} }}")
            });
        }
        for (text, sym) in &region.unbound {
            bindings.push(if self.per_node {
                format!("{{ {}u, 1, {{ 0, 0 }}, NULL }}", sym.0)
            } else {
                let text = c_string(text);
                format!("{{ NR_ID_BY_TEXT, 1, {{ 0, 0 }}, NULL, {text}, NULL }}")
            });
        }
        bindings
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::Val;
    use crate::speculate::Speculation;

    #[test]
    fn children_by_name_immediates_as_literals() {
        let mut ast = Ast::new();
        let x = ast.lget(1, 0);
        let sum = ast.add(1, Val::Node(x), Val::Imm(-5));
        let mut sp = Specializer::new(&ast);
        let root = sp.add_tree(sum);
        let child = sp.hash(x).symbol();
        let c = sp.finish();
        assert!(c.contains(&format!(
            "static inline RESULT {}(NODE *n, VALUE *fp)",
            root.symbol()
        )));
        assert!(
            c.contains(&format!(
                "return EVAL_add_ni(n, fp, m->l, {child}, INT64_C(-5));"
            )),
            "{c}"
        );
        assert!(c.contains("return EVAL_lget(n, fp, 0u);"), "{c}");
    }

    #[test]
    fn entries_stop_at_function_bodies_and_export_their_root() {
        let mut ast = Ast::new();
        let body = ast.lget(1, 0);
        let f = ast.intern("f");
        let def = ast.def(1, f, 1, 1, 1, 0, 0, body);
        let sp = Specializer::for_entry(&ast, def, Speculation::none(&ast));
        let mut h = MerkleHasher::new(&ast);
        let (def_sym, body_sym) = (h.hash(def).symbol(), h.hash(body).symbol());
        let c = sp.finish();
        assert!(
            c.contains(&format!("\nRESULT {def_sym}(NODE *n, VALUE *fp)\n")),
            "{c}"
        );
        assert!(!c.contains(&body_sym), "the body is its own entry: {c}");
        assert!(
            c.contains(
                "EVAL_def(n, fp, (ID)m->name, 1u, 1u, 1u, m->ident0, m->ident1, m->body, &m->func)"
            ),
            "{c}"
        );
    }

    fn lowered(src: &str) -> crate::lower::Lowered {
        let program = crate::syntax::parse(src).expect("parses");
        crate::lower::lower(&program, src).expect("lowers")
    }

    #[test]
    fn entries_keep_speculated_callees_with_a_loop_out_of_line() {
        let l = lowered(
            "def f(n)\n  while n > 1\n    n -= 1\n  end\n  n\nend\n\
             def g(a)\n  a + 1\nend\np f(3) + g(2)\n",
        );
        let body = |k: usize| {
            l.ast
                .operands(l.defs[k])
                .iter()
                .find_map(|op| match *op {
                    Operand::Entry(b) => Some(b),
                    _ => None,
                })
                .expect("a body")
        };
        let mut sp = Specializer::for_entry(&l.ast, l.root, Speculation::from_text(&l));
        let (f_body, g_body) = (sp.symbol(body(0)), sp.symbol(body(1)));
        let c = sp.finish();
        assert!(
            c.contains(&format!(
                "static __attribute__((noinline)) RESULT {f_body}(NODE *n, VALUE *fp)\n{{"
            )),
            "{c}"
        );
        assert!(
            c.contains(&format!(
                "static inline RESULT {g_body}(NODE *n, VALUE *fp)\n{{"
            )),
            "{c}"
        );
        // the AOT unit leaves the choice to the C compiler
        let mut sp = Specializer::per_node(&l.ast, l.root, Speculation::from_text(&l));
        sp.add_tree(l.root);
        assert!(!sp.finish().contains("noinline"));
    }

    #[test]
    fn speculating_calls_pass_a_target_and_its_entry_by_name() {
        // (f calls g, which a code-store unit cannot know to be unbound:
        // f is no region)
        let l = lowered(
            "def f(a)\n  g(a) + 1\nend\ndef g(a)\n  a\nend\nif 1 == 1\n  def g(a)\n    a\n  end\nend\np f(1) + g(2)\n",
        );
        let mut sp = Specializer::with_speculation(&l.ast, Speculation::from_text(&l));
        sp.add_tree(l.root);
        let c = sp.finish();
        // f is defined once: its call passes a target and f's body by name
        let target = c
            .lines()
            .find(|line| line.starts_with("static const nr_target TG_"))
            .expect("a target for f");
        let entry = target
            .split(".entry = ")
            .nth(1)
            .and_then(|rest| rest.split(',').next())
            .expect("entry field");
        assert!(entry.starts_with("SD_"), "{target}");
        assert!(target.contains(".mode = NR_GUARDED"), "{target}");
        assert!(c.contains("&m->ic, &TG_"), "{c}");
        assert!(c.contains(&format!(", {entry});")), "{c}");
        assert_eq!(c.matches("static const nr_target").count(), 1, "{c}");
        // g is redefined inside a condition: its call does not speculate
        assert!(c.contains("&m->ic, NULL, NULL);"), "{c}");
    }

    #[test]
    fn per_node_dispatchers_name_their_node_and_targets_their_body() {
        let l = lowered("def f(a)\n  a + 1\nend\ndef g(a)\n  a + 1\nend\np f(1) + g(2)\n");
        let mut sp = Specializer::per_node(&l.ast, l.root, Speculation::from_text(&l));
        sp.add_tree(l.root);
        let symbols: Vec<String> = l.ast.ids().map(|id| sp.symbol(id)).collect();
        let c = sp.finish();
        // one dispatcher per node, even for identical subtrees (f and g)
        for (i, symbol) in symbols.iter().enumerate() {
            assert!(symbol.ends_with(&format!("_{i}")), "{symbol}");
            assert!(
                c.contains(&format!(
                    "RESULT {symbol}(NODE *n, VALUE *fp)\n{{\n    n = &node_{i}.head;\n"
                )),
                "{c}"
            );
        }
        // f and g have one identity but two targets, each naming its body
        let targets: Vec<&str> = c
            .lines()
            .filter(|l| l.starts_with("static const nr_target"))
            .collect();
        assert_eq!(targets.len(), 2, "{c}");
        for def in &l.defs {
            let body = l.ast.operand_named(*def, "body").child().unwrap();
            assert!(
                targets
                    .iter()
                    .any(|t| t.contains(&format!("&node_{}.head", body.0))),
                "{targets:?}"
            );
        }
    }

    #[test]
    fn tree_recursive_region_bodies_call_an_inlined_copy_of_themselves() {
        let region_code = |src: &str| {
            let l = lowered(src);
            let mut sp = Specializer::per_node(&l.ast, l.root, Speculation::from_text(&l));
            sp.add_tree(l.root);
            let callee = crate::speculate::callee_of(&l.ast, l.defs[0]);
            let (rf, ri) = (
                sp.region_entry_symbol(callee),
                sp.inlined_entry_symbol(callee),
            );
            (sp.finish(), rf, ri)
        };
        let fib = "def fib(n)\n  if n < 2\n    n\n  else\n    fib(n - 1) + fib(n - 2)\n  end\nend\np fib(5)\n";
        let (c, rf, ri) = region_code(fib);
        // the copy: forced inline, entering its own dispatchers
        assert!(
            c.contains(&format!(
                "static NR_REGION_INLINE RESULT {ri}(VALUE *vsp, VALUE a0)"
            )),
            "{c}"
        );
        assert!(c.contains("RESULT SI_"), "{c}");
        let targets: Vec<&str> = c.lines().filter(|l| l.contains("NR_IN_REGION")).collect();
        let to = |entry: &str| {
            targets
                .iter()
                .filter(|t| t.contains(&format!(".rentry = (nr_regs_fn){entry},")))
                .count()
        };
        assert_eq!((to(&rf), to(&ri)), (1, 1), "{targets:?}");
        // the outer code's two calls reach the copy, the copy's reach RF_
        let calls_in = |prefix: &str, entry: &str| {
            c.split("\n}\n")
                .filter(|f| f.contains(&format!("RESULT {prefix}")) && f.contains("EVAL_call("))
                .filter(|f| {
                    let tg = f.split("&TG_").nth(1).unwrap()[..32].to_string();
                    targets.iter().any(|t| {
                        t.contains(&tg) && t.contains(&format!(".rentry = (nr_regs_fn){entry},"))
                    })
                })
                .count()
        };
        assert_eq!(calls_in("SR_", &ri), 2, "{c}");
        assert_eq!(calls_in("SI_", &rf), 2, "{c}");
        // a chain (one non-tail self call) keeps one copy of its body
        let ack = "def ack(m, n)\n  if m == 0\n    n + 1\n  elsif n == 0\n    ack(m - 1, 1)\n  else\n    ack(m - 1, ack(m, n - 1))\n  end\nend\np ack(2, 2)\n";
        let (c, _, ri) = region_code(ack);
        assert!(!c.contains(&ri) && !c.contains("SI_"), "{c}");
    }

    #[test]
    fn per_node_region_callees_get_register_entries_and_region_dispatchers() {
        let src = "def fib(n)\n  if n < 2\n    n\n  else\n    fib(n - 1) + fib(n - 2)\n  end\nend\np fib(5)\n";
        let l = lowered(src);
        let mut sp = Specializer::per_node(&l.ast, l.root, Speculation::from_text(&l));
        sp.add_tree(l.root);
        let callee = crate::speculate::callee_of(&l.ast, l.defs[0]);
        let body = callee.body;
        let rentry = sp.region_entry_symbol(callee);
        let symbols: Vec<(NodeId, String)> = l.ast.ids().map(|id| (id, sp.symbol(id))).collect();
        let c = sp.finish();
        // the register entry: its argument into a local frame, then the body's region code
        assert!(
            c.contains(&format!(
                "__attribute__((noinline)) static RESULT {rentry}(VALUE *vsp, VALUE a0)\n{{\n    \
                 VALUE frame[3];\n    VALUE *fp = frame + 1;\n    fp[-1] = (VALUE)(intptr_t)vsp;\n    fp[0] = a0;\n"
            )),
            "{c}"
        );
        // the top level enters the region; fib's own calls go straight to the entry
        assert!(c.contains(".mode = NR_ENTER_REGION"), "{c}");
        assert!(
            c.contains(&format!(
                ".mode = NR_IN_REGION, .rentry = (nr_regs_fn){rentry}"
            )),
            "{c}"
        );
        assert!(
            c.contains(&format!("static nr_region RG{}", &rentry[2..])),
            "{c}"
        );
        // nodes that hold a call have region dispatchers; call-free ones share theirs
        for (id, symbol) in symbols {
            let region = format!("SR{}", &symbol[2..]);
            let calls = l.ast.subtree(id).any(|n| has_target(l.ast.kind(n)));
            let in_body = l.ast.subtree(body).any(|n| n == id);
            assert_eq!(
                c.contains(&format!("RESULT {region}(")),
                calls && in_body,
                "{id:?} {c}"
            );
        }
    }

    #[test]
    fn code_store_region_code_is_named_by_name_and_finds_its_body_through_the_check() {
        // share and split: equal bodies, one identity, different lines
        let src = "def share(a)\n  100 / a\nend\ndef split(a)\n  100 / a\nend\n\
                   def both(a, b)\n  share(a) + split(b)\nend\np both(1, 2)\n";
        let l = lowered(src);
        let callee = |name: &str| {
            let def = *l
                .defs
                .iter()
                .find(|&&d| l.ast.name(crate::speculate::call_name(&l.ast, d).unwrap()) == name)
                .unwrap();
            crate::speculate::callee_of(&l.ast, def)
        };
        let (share, split) = (callee("share"), callee("split"));
        assert_eq!(share.ident, split.ident);
        let mut sp = Specializer::for_entry(&l.ast, l.root, Speculation::from_text(&l));
        let (rf_share, rf_split) = (sp.region_entry_symbol(share), sp.region_entry_symbol(split));
        let (rb_share, rb_split) = (sp.body_slot(share), sp.body_slot(split));
        let c = sp.finish();
        // one register entry per name, each reading its own name's body
        assert_ne!(rf_share, rf_split);
        for (rf, rb) in [(&rf_share, &rb_share), (&rf_split, &rb_split)] {
            let code = c
                .split(&format!("RESULT {rf}(VALUE *vsp, VALUE a0)\n{{"))
                .nth(1);
            let code = code.unwrap_or_else(|| panic!("{rf} defined: {c}"));
            let code = &code[..code.find("\n}").unwrap()];
            assert!(code.contains(&format!("({rb}, fp);")), "{code}");
        }
        // the top level enters the region, whose check binds names by text
        // and leaves each body in its slot
        assert!(c.contains(".mode = NR_ENTER_REGION"), "{c}");
        for (text, rb) in [("share", &rb_share), ("split", &rb_split)] {
            assert!(c.contains(&format!("NULL, \"{text}\", &{rb} }}")), "{c}");
            let region = rb.strip_suffix(".body").unwrap();
            assert!(c.contains(&format!("static nr_region {region};")), "{c}");
        }
        assert!(c.contains("NULL, \"both\", &RG_"), "{c}");
        // a name some other program may bind keeps code-store units out of
        // region code; the whole program's view (AOT) knows nothing binds it
        let src =
            "def f(a)\n  if a > 0\n    f(a - 1)\n  else\n    nowhere(a)\n  end\nend\np f(3)\n";
        let l = lowered(src);
        let c = Specializer::for_entry(&l.ast, l.root, Speculation::from_text(&l)).finish();
        assert!(
            c.contains(".mode = NR_GUARDED") && !c.contains("RF_"),
            "{c}"
        );
        let mut sp = Specializer::per_node(&l.ast, l.root, Speculation::from_text(&l));
        sp.add_tree(l.root);
        assert!(sp.finish().contains(".mode = NR_ENTER_REGION"));
    }

    #[test]
    fn identical_subtrees_share_one_dispatcher() {
        let mut ast = Ast::new();
        let a = ast.add(1, Val::Local(0), Val::Imm(1));
        let b = ast.add(7, Val::Local(0), Val::Imm(1));
        let s = ast.seq(1, a, b);
        let mut sp = Specializer::new(&ast);
        sp.add_tree(s);
        assert_eq!(sp.count(), 2);
    }

    #[test]
    fn nodes_whose_code_is_the_same_text_share_one_dispatcher() {
        // two calls differ only in the name they read at run time, and two
        // definitions only in their identity (a `word`): each pair, and so
        // the statements holding them, is one function
        let src = "def f(a)\n  a + 1\nend\ndef g(a)\n  a + 2\nend\nx = f(1)\ny = g(1)\np x + y\n";
        let l = lowered(src);
        let mut sp = Specializer::new(&l.ast);
        sp.add_tree(l.root);
        let c = sp.finish();
        let calls = c.matches("return EVAL_call(").count();
        let defs = c.matches("return EVAL_def(").count();
        // (the other call is `p`'s, whose argument differs): without
        // sharing it would be (3, 2)
        assert_eq!((calls, defs), (2, 1), "{c}");
        // the second call site of f/g's shape is an alias, so what names it
        // (a parent, a target) still reaches the code
        assert!(c.contains("#define SD_"), "{c}");
        // an entry's exported dispatcher keeps its own name and linkage
        let def_sym = MerkleHasher::new(&l.ast).hash(l.defs[1]).symbol();
        let sp = Specializer::for_entry(&l.ast, l.defs[1], Speculation::none(&l.ast));
        let c = sp.finish();
        assert!(
            c.contains(&format!("\nRESULT {def_sym}(NODE *n, VALUE *fp)\n")),
            "{c}"
        );
    }
}
