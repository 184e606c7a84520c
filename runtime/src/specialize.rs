//! The partial evaluator's driver: walks subtrees and writes one
//! specialized dispatcher `SD_<hash>` per distinct subtree. The per-kind
//! bodies come from astrogen (`node::specialized_body`); this module only
//! orders, names and deduplicates them.

use crate::node::hash::{MerkleHasher, NodeHash};
use crate::node::{specialized_body, Ast, NodeId, Operand};
use std::collections::HashSet;

/// Accumulates specialized dispatchers for any number of trees; identical
/// subtrees (same hash) share one function.
pub struct Specializer<'a> {
    ast: &'a Ast,
    hasher: MerkleHasher<'a>,
    emitted: HashSet<NodeHash>,
    declarations: String,
    definitions: String,
    /// Whether to descend into `entry` operands (function bodies). The AOT
    /// unit does; a code-store entry stops there (bodies are entries of
    /// their own, reached through their node's dispatcher at run time).
    follow_entries: bool,
    /// The one dispatcher given external linkage (a code-store entry).
    exported: Option<NodeHash>,
}

impl<'a> Specializer<'a> {
    pub fn new(ast: &'a Ast) -> Self {
        Specializer {
            ast,
            hasher: MerkleHasher::new(ast),
            emitted: HashSet::new(),
            declarations: String::new(),
            definitions: String::new(),
            follow_entries: true,
            exported: None,
        }
    }

    /// A specializer for one code-store entry: the subtree under `root`,
    /// stopping at function bodies, with `root`'s dispatcher exported.
    pub fn for_entry(ast: &'a Ast, root: NodeId) -> Self {
        let mut sp = Specializer::new(ast);
        sp.follow_entries = false;
        sp.exported = Some(sp.hasher.hash(root));
        sp.add_tree(root);
        sp
    }

    pub fn hash(&mut self, id: NodeId) -> NodeHash {
        self.hasher.hash(id)
    }

    /// Emits dispatchers for every node under `root`, entries included;
    /// returns the root's hash.
    pub fn add_tree(&mut self, root: NodeId) -> NodeHash {
        // iterative post-order, so deep trees cannot overflow the stack
        let mut stack = vec![(root, false)];
        while let Some((id, children_done)) = stack.pop() {
            if children_done {
                self.emit(id);
                continue;
            }
            if self.emitted.contains(&self.hasher.hash(id)) {
                continue;
            }
            stack.push((id, true));
            for op in self.ast.operands(id) {
                match *op {
                    Operand::Node(child) => stack.push((child, false)),
                    Operand::Entry(child) if self.follow_entries => stack.push((child, false)),
                    _ => {}
                }
            }
        }
        self.hasher.hash(root)
    }

    fn emit(&mut self, id: NodeId) {
        let hash = self.hasher.hash(id);
        if !self.emitted.insert(hash) {
            return;
        }
        let symbol = hash.symbol();
        let hasher = &mut self.hasher;
        let body = specialized_body(self.ast, id, &mut |child| hasher.hash(child).symbol());
        let linkage = if self.exported == Some(hash) {
            ""
        } else {
            "static inline "
        };
        let signature = format!("{linkage}RESULT {symbol}(NODE *n, VALUE *fp)");
        self.declarations.push_str(&format!("{signature};\n"));
        self.definitions.push_str(&format!(
            "/* {} */\n{signature}\n{{\n{body}}}\n\n",
            self.ast.kind(id).name()
        ));
    }

    /// How many distinct dispatchers were emitted.
    pub fn count(&self) -> usize {
        self.emitted.len()
    }

    /// Declarations followed by definitions (definitions may call each other
    /// in any order).
    pub fn finish(self) -> String {
        format!("{}\n{}", self.declarations, self.definitions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::Val;

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
        let def = ast.def(1, f, 1, 1, 1, body);
        let sp = Specializer::for_entry(&ast, def);
        let mut h = MerkleHasher::new(&ast);
        let (def_sym, body_sym) = (h.hash(def).symbol(), h.hash(body).symbol());
        let c = sp.finish();
        assert!(
            c.contains(&format!("\nRESULT {def_sym}(NODE *n, VALUE *fp)\n")),
            "{c}"
        );
        assert!(!c.contains(&body_sym), "the body is its own entry: {c}");
        assert!(
            c.contains("EVAL_def(n, fp, (ID)m->name, 1u, 1u, 1u, m->body, &m->func)"),
            "{c}"
        );
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
}
