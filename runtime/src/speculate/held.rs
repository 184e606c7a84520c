//! Function bodies that need no code-store entry of their own: under a
//! speculation, every entry's unit holds its speculated callees' code
//! (static, so that the C compiler can inline across it), and a body whose
//! every call reaches it that way is never entered through its own
//! dispatcher. Compiling its entry anyway copies its whole closure once
//! more, which made `--pg` quadratic in the depth of a call chain
//! (benches/NOTES.md, "Deep call chains").

use super::{call_name, callee_of, def_name, has_target, Speculation};
use crate::entries::tiny_entry_nodes_of;
use crate::lower::Lowered;
use crate::node::NodeId;
use std::collections::{HashMap, HashSet};

impl<'a> Speculation<'a> {
    /// The bodies of speculated callees that the program's entries, once
    /// compiled under this speculation, only ever call directly. A body is
    /// held when
    /// - no tiny entry (which stays interpreted) calls its name: every call
    ///   site of a speculated name elsewhere lies in some entry's compiled
    ///   code, where it calls the callee's code in the same unit; and
    /// - every name of its closure, its own included, is bound by exactly
    ///   one `def` in the program: a guard or a region check can then only
    ///   fail before that `def` has run, when the call fails or takes a
    ///   path that does not need the name.
    ///
    /// Anything else reaching a held body (a region check failing because
    /// a callee is not defined yet, a direct call short of stack room)
    /// takes the ordinary path into its dispatcher and runs it interpreted:
    /// slower, never wrong.
    pub fn held_bodies(&mut self, lowered: &Lowered) -> HashSet<NodeId> {
        if self.is_empty() {
            return HashSet::new();
        }
        let ast = self.ast;
        let mut defs_per_name: HashMap<&str, usize> = HashMap::new();
        for &def in &lowered.defs {
            *defs_per_name
                .entry(ast.name(def_name(ast, def)))
                .or_default() += 1;
        }
        let called_interpreted: HashSet<&str> = tiny_entry_nodes_of(lowered)
            .into_iter()
            .filter(|&id| has_target(ast.kind(id)))
            .filter_map(|id| call_name(ast, id))
            .map(|name| ast.name(name))
            .collect();
        // per component: whether a name of its closure is bound by some
        // number of `def`s other than one
        let rebound = self.fold_components(|_, members, below| {
            members.iter().any(|m| defs_per_name.get(m) != Some(&1))
                || below.iter().any(|&(_, rebound)| rebound)
        });
        let names: Vec<&'a str> = self.callees.keys().copied().collect();
        let mut held = HashSet::new();
        for name in names {
            if !called_interpreted.contains(name) && !rebound[self.component_index(name)] {
                held.insert(self.callee_named(name).body);
            }
        }
        held
    }

    /// For a tier that compiles bodies one at a time as they become hot
    /// (the JIT): each body [`Speculation::held_bodies`] allows to go
    /// without code of its own, with the entries whose code calls its name
    /// (the top level's root and function bodies; its own calls left out),
    /// callers' components before callees'. Such a tier may leave out a
    /// body's speculative code while every caller listed runs speculative
    /// code, or will, or is itself left out: its callers' units then hold
    /// its code. Taking the bodies in this order, one pass decides a chain
    /// of any depth.
    pub fn held_callers(&mut self, lowered: &Lowered) -> Vec<(NodeId, Vec<NodeId>)> {
        let held = self.held_bodies(lowered);
        if held.is_empty() {
            return Vec::new();
        }
        let ast = self.ast;
        let roots = std::iter::once(lowered.root)
            .chain(lowered.defs.iter().map(|&def| callee_of(ast, def).body));
        let mut callers: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
        for root in roots {
            let names: Vec<&'a str> = self.called(root).iter().copied().collect();
            for name in names {
                let body = self.callee_named(name).body;
                if body != root && held.contains(&body) {
                    callers.entry(body).or_default().push(root);
                }
            }
        }
        self.find_cycles();
        let mut out = Vec::with_capacity(held.len());
        for i in (0..self.components.len()).rev() {
            for name in self.components[i].clone() {
                let body = self.callee_named(name).body;
                if held.contains(&body) {
                    out.push((body, callers.remove(&body).unwrap_or_default()));
                }
            }
        }
        out
    }
}
