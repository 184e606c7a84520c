//! The speculated call graph as owned data: what a thread that outlives
//! the program's borrow (the JIT's L0) needs to work out, only when it
//! asks for code, which `def`s that code may call directly. Working that
//! out for every entry up front was quadratic in a call chain's depth (a
//! 600-deep chain's `--jit` start took 140 ms, 92% of it there).

use super::Speculation;
use crate::node::{NodeId, Operand};
use std::collections::{BTreeMap, HashMap};

/// Per speculated `def`: its name and the `def`s its body calls directly.
#[derive(Debug, Clone, Default)]
pub struct DefGraph {
    calls: HashMap<NodeId, Vec<NodeId>>,
    names: HashMap<NodeId, String>,
}

impl DefGraph {
    /// The `def`s reachable through `direct` (the `def`s some code calls
    /// directly, [`Speculation::defs_called`]), in name order: what
    /// [`Speculation::defs_reached`] says for that code.
    pub fn reached(&self, direct: &[NodeId]) -> Vec<NodeId> {
        let mut reach: BTreeMap<&str, NodeId> = BTreeMap::new();
        let mut todo: Vec<NodeId> = direct.to_vec();
        while let Some(def) = todo.pop() {
            let Some(name) = self.names.get(&def) else {
                continue;
            };
            if reach.insert(name, def).is_none() {
                todo.extend(self.calls.get(&def).into_iter().flatten().copied());
            }
        }
        reach.into_values().collect()
    }
}

impl<'a> Speculation<'a> {
    /// The `def`s of the speculated names called under `root` (up to
    /// function bodies), in name order.
    pub fn defs_called(&mut self, root: NodeId) -> Vec<NodeId> {
        let names: Vec<&'a str> = self.called(root).iter().copied().collect();
        names
            .into_iter()
            .map(|name| self.callee_named(name).def)
            .collect()
    }

    /// The `def`s of the speculated names called under `root` (up to
    /// function bodies) outside the subtree `skip`, in no set order.
    pub fn defs_called_outside(&mut self, root: NodeId, skip: NodeId) -> Vec<NodeId> {
        let mut defs = Vec::new();
        let mut todo = vec![root];
        while let Some(id) = todo.pop() {
            if id == skip {
                continue;
            }
            defs.extend(self.target_of(id).map(|c| c.def));
            todo.extend(self.ast.operands(id).iter().filter_map(|op| match *op {
                Operand::Node(c) => Some(c),
                _ => None,
            }));
        }
        defs
    }

    /// The whole speculated call graph, linear in its size.
    pub fn def_graph(&mut self) -> DefGraph {
        let mut graph = DefGraph::default();
        let callees: Vec<(&'a str, NodeId, NodeId)> = self
            .callees
            .iter()
            .map(|(&name, c)| (name, c.def, c.body))
            .collect();
        for (name, def, body) in callees {
            let called = self.defs_called(body);
            graph.calls.insert(def, called);
            graph.names.insert(def, name.to_string());
        }
        graph
    }
}
