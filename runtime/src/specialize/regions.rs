//! Region code and the targets of speculating calls: a speculated callee's
//! register entry, its region, inlined copy and `nr_target` constant (see
//! the module comment of `specialize`).

use super::{CallMode, Flavour, RegionRoom, Specializer, GUARD_DECLARED, GUARD_DEFINED};
use crate::node::c_int64;
use crate::node::NodeId;
use crate::speculate::{Callee, Region, RegionView, StackCheck};
use astrogen::emit::c_string;
use std::collections::HashSet;
use std::fmt::Write;

impl<'a> Specializer<'a> {
    /// Whether `callee`'s register entry is only ever called with room for
    /// its whole chain of direct calls (see `nr_target.need`): then the
    /// direct calls its region code makes to callees that skip the C stack
    /// check need no check at all. (Its region code is reached only through
    /// that entry, and every call of the entry checks the chain's need.)
    pub(super) fn chain_covered(&mut self, callee: Callee) -> bool {
        let name = self.callee_name(callee);
        self.spec.chain_need(name).is_some()
    }

    /// What names a callee's region code: per node, its body's symbol; in
    /// a code-store unit, its body's symbol and the name that binds it,
    /// since the code learns its body node from that name's binding (two
    /// names may bind equal bodies, whose nodes differ in line numbers).
    pub(super) fn region_suffix(&mut self, callee: Callee) -> String {
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

    /// The register entry of a region body: `RF_<hash>`.
    pub(super) fn region_entry_symbol(&mut self, callee: Callee) -> String {
        format!("RF{}", self.region_suffix(callee))
    }

    /// The register entry of a region body's inlined copy: `RI_<hash>`.
    pub(super) fn inlined_entry_symbol(&mut self, callee: Callee) -> String {
        format!("RI{}", self.region_suffix(callee))
    }

    /// The region rooted at `callee`: `RG_<hash>`.
    pub(super) fn region_symbol(&mut self, callee: Callee) -> String {
        format!("RG{}", self.region_suffix(callee))
    }

    /// In a code-store unit, where a region body's code finds its body
    /// node: the `body` of the callee's own region, which every region
    /// check that binds the callee fills (`nr_binding.slot`). The region
    /// is declared here: it exists whether or not ordinary code enters it.
    pub(super) fn body_slot(&mut self, callee: Callee) -> String {
        let region = self.region_symbol(callee);
        self.declare_region(&region);
        format!("{region}.body")
    }

    /// Declares region descriptor `symbol` (once): a tentative definition,
    /// which `region` may give an initializer, so that code and other
    /// regions can point to it before it is written.
    pub(super) fn declare_region(&mut self, symbol: &str) {
        if self.emitted.insert(symbol.to_string()) {
            let declaration = format!("static nr_region {symbol};\n");
            let declaration = self.guarded(GUARD_DECLARED, symbol, declaration);
            self.declarations.push_str(&declaration);
        }
    }

    /// The sites of `body`'s region code that call its inlined copy: its
    /// non-tail calls of itself, when there are two or more (see the
    /// module comment).
    pub(super) fn inline_sites_of(&self, body: NodeId) -> HashSet<NodeId> {
        let sites = self.spec.non_tail_self_calls(body);
        if sites.len() >= 2 {
            sites.into_iter().collect()
        } else {
            HashSet::new()
        }
    }

    /// Records a region call that checks the C stack (see [`RegionRoom`]).
    pub(super) fn note_checked_region_call(&mut self, site: NodeId, callee: Callee) {
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
    pub(super) fn emit_region_entry(&mut self, callee: Callee, flavour: Flavour) -> bool {
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

    /// The `nr_target` constant for a speculated callee (written once);
    /// returns the C arguments for a target operand: the constant's address
    /// and the callee's entry.
    pub(super) fn target(&mut self, callee: Callee, check: StackCheck, mode: CallMode) -> String {
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
    pub(super) fn unbound_target(&mut self) -> String {
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
    pub(super) fn region(&mut self, callee: Callee, region: &Region) -> String {
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
    pub(super) fn bindings(&mut self, region: &Region) -> Vec<String> {
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
}
