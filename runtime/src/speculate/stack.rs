//! How a speculated direct call checks the stacks: which callees are
//! recursive, and how much value stack and how many C frames a chain of
//! direct calls into non-recursive callees can use.

use super::{call_name, Callee, Speculation};
use crate::node::{NodeId, Operand};
use std::collections::{BTreeSet, HashMap, HashSet};

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

impl<'a> Speculation<'a> {
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
    /// strongly connected component with a cycle.
    fn reaches_itself(&mut self, name: &'a str) -> bool {
        self.find_cycles();
        self.recursive.as_ref().is_some_and(|r| r.contains(name))
    }

    /// The index of `name`'s strongly connected component. Components are
    /// numbered callees first: every component a name calls into (other
    /// than its own) has a smaller index.
    pub(super) fn component_index(&mut self, name: &'a str) -> usize {
        self.find_cycles();
        self.component_of[name]
    }

    /// One value per component, callees' components first: `f` gets the
    /// component's names and each name outside it that they call, with
    /// the value already worked out for that name's component. Linear in
    /// the call graph, where the same fact worked out per closure was
    /// quadratic in a chain's depth.
    pub(super) fn fold_components<T: Copy>(
        &mut self,
        mut f: impl FnMut(&mut Self, Vec<&'a str>, Vec<(&'a str, T)>) -> T,
    ) -> Vec<T> {
        self.find_cycles();
        let mut values: Vec<T> = Vec::with_capacity(self.components.len());
        for i in 0..self.components.len() {
            let (members, external) = self.component(i);
            let below = external
                .into_iter()
                .map(|n| (n, values[self.component_of[n]]))
                .collect();
            let value = f(self, members, below);
            values.push(value);
        }
        values
    }

    /// The names of component `i`, sorted, and the names outside it that
    /// they call (each in a component of a smaller index).
    pub(super) fn component(&mut self, i: usize) -> (Vec<&'a str>, BTreeSet<&'a str>) {
        self.find_cycles();
        let members = self.components[i].clone();
        let mut external = BTreeSet::new();
        for &m in &members {
            let body = self.callee_named(m).body;
            external.extend(self.called(body).iter().copied());
        }
        external.retain(|n| self.component_of[n] != i);
        (members, external)
    }

    /// The strongly connected components of the speculated call graph, and
    /// the names on a cycle (computed once, iteratively).
    pub(super) fn find_cycles(&mut self) {
        if self.recursive.is_some() {
            return;
        }
        let mut names: Vec<&'a str> = self.callees.keys().copied().collect();
        names.sort_unstable();
        let edges: HashMap<&'a str, Vec<&'a str>> = names
            .iter()
            .map(|&n| {
                let body = self.callee_named(n).body;
                (n, self.called(body).iter().copied().collect())
            })
            .collect();
        self.components = strongly_connected(&names, &edges);
        let mut recursive = BTreeSet::new();
        for (i, component) in self.components.iter().enumerate() {
            let first = component[0];
            if component.len() > 1 || edges[first].contains(&first) {
                recursive.extend(component.iter().copied());
            }
            for &n in component {
                self.component_of.insert(n, i);
            }
        }
        self.recursive = Some(recursive);
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
}

/// The nodes of a directed graph that lie on a cycle (in a strongly
/// connected component of more than one node, or with an edge to
/// themselves).
#[cfg(test)]
pub(super) fn cyclic_nodes<'a>(
    nodes: &[&'a str],
    edges: &HashMap<&'a str, Vec<&'a str>>,
) -> BTreeSet<&'a str> {
    let mut cyclic = BTreeSet::new();
    for component in strongly_connected(nodes, edges) {
        let first = component[0];
        let loops = edges.get(first).is_some_and(|out| out.contains(&first));
        if component.len() > 1 || loops {
            cyclic.extend(component);
        }
    }
    cyclic
}

/// The strongly connected components of a directed graph, each sorted:
/// Tarjan's algorithm with an explicit stack. A component comes after
/// every component it has an edge into (reverse topological order).
fn strongly_connected<'a>(
    nodes: &[&'a str],
    edges: &HashMap<&'a str, Vec<&'a str>>,
) -> Vec<Vec<&'a str>> {
    let mut index: HashMap<&'a str, usize> = HashMap::new();
    let mut low: HashMap<&'a str, usize> = HashMap::new();
    let mut on_stack: BTreeSet<&'a str> = BTreeSet::new();
    let mut stack: Vec<&'a str> = Vec::new();
    let mut components = Vec::new();
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
                component.sort_unstable();
                components.push(component);
            }
        }
    }
    components
}
