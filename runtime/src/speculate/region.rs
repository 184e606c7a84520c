//! Region code: which speculated calls may enter a callee's closure as
//! region code (`nr_call_mode` in naruby.h), with one check on entry and
//! no guards inside.

use super::{argc_of, call_name, has_target, Callee, Speculation};
use crate::node::{NodeId, OperandType, Sym};
use std::collections::{BTreeMap, BTreeSet};

/// What region code relies on (see `Speculation::region_of`): the callees
/// of its root's cycle of speculated calls, by name (the root alone when it
/// is on none); the names those bodies call that no `def` binds (by name
/// text), which must still bind no user function when it is entered; and
/// the callees outside the cycle that they call, whose own regions hold the
/// rest of the closure.
#[derive(Debug, Clone)]
pub struct Region {
    pub callees: Vec<Callee>,
    pub unbound: BTreeMap<String, Sym>,
    pub subs: Vec<Callee>,
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

/// Limits of region code (`nr_call_mode` in naruby.h): arguments travel in
/// registers (`NR_REGION_MAX_ARGS`), the frame is a C local array, and a
/// call of an unbound name copies its arguments into the value stack's red
/// zone.
pub const REGION_MAX_ARGS: u32 = 6;
pub const REGION_MAX_SLOTS: u32 = 64;
const REGION_MAX_UNBOUND_ARGS: u32 = 256;

impl<'a> Speculation<'a> {
    /// The region a call enters, if its callee can run as region code
    /// (see `nr_call_mode` in naruby.h): the callee's own region, when the
    /// call passes as many arguments as it takes (see `region_named`).
    pub fn region_of(&mut self, call: NodeId, view: RegionView) -> Option<Region> {
        let callee = self.target_of(call)?;
        if argc_of(self.ast, call) != callee.nparams {
            return None;
        }
        let name = self.ast.name(call_name(self.ast, call)?);
        self.region_named(name, view)
    }

    /// The region rooted at speculated name `name`, if every callee of its
    /// closure (itself included) has a body that contains no `def` and
    /// calls only closure names (with their arity) or names no `def` binds,
    /// within the register and frame limits.
    pub fn region_named(&mut self, name: &'a str, view: RegionView) -> Option<Region> {
        self.callees.get(name)?;
        if !self.region_closure(name, view) {
            return None;
        }
        let index = self.component_index(name);
        let (cycle, outside) = self.component(index);
        let mut region = Region {
            callees: Vec::with_capacity(cycle.len()),
            unbound: BTreeMap::new(),
            subs: outside.into_iter().map(|n| self.callee_named(n)).collect(),
        };
        for &member in &cycle {
            let callee = self.callee_named(member);
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

    /// Whether every body of `name`'s closure may be region code: worked
    /// out per component, callees' first, once per view.
    fn region_closure(&mut self, name: &'a str, view: RegionView) -> bool {
        if !self.region_closures.contains_key(&view) {
            let ok = self.fold_components(|spec, members, below| {
                below.iter().all(|&(_, ok)| ok)
                    && members.into_iter().all(|m| spec.region_body(m, view))
            });
            self.region_closures.insert(view, ok);
        }
        let index = self.component_index(name);
        self.region_closures[&view][index]
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
}
