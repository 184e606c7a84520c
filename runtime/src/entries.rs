//! Code-store entries of a program — the top level and every function body —
//! each one C translation unit exporting its root's specialized dispatcher,
//! and the ABI fingerprint that keys the store.

use crate::lower::Lowered;
use crate::node::hash::MerkleHasher;
use crate::node::{Ast, NodeId, Operand};
use crate::specialize::Specializer;
use crate::speculate::Speculation;
use std::collections::HashSet;

pub const NARUBY_H: &str = include_str!("../csrc/naruby.h");
pub const NODES_H: &str = include_str!(concat!(env!("OUT_DIR"), "/nodes.h"));
const NODE_DEF: &str = include_str!("../../node.def");

/// One entry: the node whose dispatcher it replaces, its symbol and C text.
#[derive(Debug, Clone)]
pub struct ProgramEntry {
    pub node: NodeId,
    pub symbol: String,
    pub source: String,
    /// Its code calls functions' code directly, which its unit holds.
    pub speculates: bool,
}

/// Entries of at most this many nodes stay interpreted. Specializing a body
/// like `a + 1` (one node) yields the generic dispatcher with its operands
/// as literals: no faster, but one more compile. A program of a thousand
/// such functions (benches/workloads/thousand.rb) took 40 s to compile cold
/// with them and a fraction of that without. Two nodes already gain: in
/// `f(x)` specialization folds the argument store into the call (see
/// benches/NOTES.md).
pub const TINY_ENTRY_NODES: usize = 1;

/// The roots of a program's entries: the top level, then each function
/// body in source order, leaving out tiny ones (see [`TINY_ENTRY_NODES`]).
pub fn entry_roots(lowered: &Lowered) -> Vec<NodeId> {
    let mut roots = all_entry_roots(lowered);
    roots.retain(|&root| tiny_entry_nodes(&lowered.ast, root).is_none());
    roots
}

/// Every node of every tiny entry: these keep the interpreter's generic
/// dispatchers, in the store and in AOT executables alike.
pub fn tiny_entry_nodes_of(lowered: &Lowered) -> Vec<NodeId> {
    all_entry_roots(lowered)
        .into_iter()
        .filter_map(|root| tiny_entry_nodes(&lowered.ast, root))
        .flatten()
        .collect()
}

/// A loop the JIT may compile whole while it runs (on-stack replacement):
/// its body counts the iterations and hands the loop over to the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoopBody {
    pub body: NodeId,
    /// The loop node (`while`, `until`).
    pub looping: NodeId,
    /// What it lies in: its entry's root, or the body of the loop around it.
    pub within: NodeId,
}

/// The bodies of the loops in a program's entries (node.def's `swappable`
/// children), tiny ones too (the loop around a tiny body is not tiny).
/// Outer loops come before the loops they hold.
pub fn loop_bodies(lowered: &Lowered) -> Vec<LoopBody> {
    let ast = &lowered.ast;
    let mut bodies = Vec::new();
    for root in entry_roots(lowered) {
        let mut stack = vec![(root, root)];
        while let Some((id, within)) = stack.pop() {
            let operands = ast.kind(id).info().operands;
            for (op, info) in ast.operands(id).iter().zip(operands) {
                let Operand::Node(child) = *op else { continue };
                if info.swappable {
                    bodies.push(LoopBody {
                        body: child,
                        looping: id,
                        within,
                    });
                    stack.push((child, child));
                } else {
                    stack.push((child, within));
                }
            }
        }
    }
    bodies
}

fn all_entry_roots(lowered: &Lowered) -> Vec<NodeId> {
    let mut roots = vec![lowered.root];
    for &def in &lowered.defs {
        roots.extend(lowered.ast.operands(def).iter().filter_map(|op| match op {
            Operand::Entry(body) => Some(*body),
            _ => None,
        }));
    }
    roots
}

/// The nodes of the entry at `root` if it has at most TINY_ENTRY_NODES of
/// them (nested entries are entries of their own and not counted).
fn tiny_entry_nodes(ast: &Ast, root: NodeId) -> Option<Vec<NodeId>> {
    let mut stack = vec![root];
    let mut nodes = Vec::new();
    while let Some(id) = stack.pop() {
        nodes.push(id);
        if nodes.len() > TINY_ENTRY_NODES {
            return None;
        }
        stack.extend(ast.operands(id).iter().filter_map(|op| match op {
            Operand::Node(child) => Some(*child),
            _ => None,
        }));
    }
    Some(nodes)
}

/// The symbol of each entry root (see [`entry_roots`]) under `spec`.
pub fn entry_symbols(lowered: &Lowered, spec: &mut Speculation) -> Vec<(NodeId, String)> {
    let mut plain = MerkleHasher::new(&lowered.ast);
    entry_roots(lowered)
        .into_iter()
        .map(|root| (root, spec.node_hash(&mut plain, root).symbol()))
        .collect()
}

/// An entry root and the symbols of its code: speculative (under the
/// program's speculation) and plain, the same where it speculates on
/// nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryChoice {
    pub node: NodeId,
    pub speculative: String,
    pub plain: String,
}

/// The choice of every entry root (see [`entry_roots`]) under `spec`.
pub fn entry_choices(lowered: &Lowered, spec: &mut Speculation) -> Vec<EntryChoice> {
    let speculative = entry_symbols(lowered, spec);
    let plain = if spec.is_empty() {
        speculative.clone()
    } else {
        entry_symbols(lowered, &mut Speculation::none(&lowered.ast))
    };
    speculative
        .into_iter()
        .zip(plain)
        .map(|((node, speculative), (_, plain))| EntryChoice {
            node,
            speculative,
            plain,
        })
        .collect()
}

/// The entries of a program under a speculation, one per distinct root
/// hash. Under a speculation an entry's unit also holds (static) the code
/// of every callee it may call directly, so the C compiler can inline it;
/// the bodies whose every call is such a direct call get no entry of their
/// own (`Speculation::held_bodies`).
pub fn program_entries(lowered: &Lowered, spec: &Speculation) -> Vec<ProgramEntry> {
    let held = spec.clone().held_bodies(lowered);
    let mut seen = HashSet::new();
    let mut entries = Vec::new();
    for root in entry_roots(lowered) {
        if held.contains(&root) {
            continue;
        }
        let entry = entry_at(&lowered.ast, root, spec.clone());
        if seen.insert(entry.symbol.clone()) {
            entries.push(entry);
        }
    }
    entries
}

/// The entry rooted at `root` under a speculation: its symbol and unit.
/// The JIT tiers call it on a subtree a client sent (with no speculation),
/// so the code they store is always the code its hash names.
pub fn entry_at(ast: &Ast, root: NodeId, mut spec: Speculation) -> ProgramEntry {
    let speculates = !spec.defs_called(root).is_empty();
    let mut sp = Specializer::for_entry(ast, root, spec);
    let symbol = sp.hash(root).symbol();
    let source = format!(
        "/* naruby code-store entry {symbol} ({}) */\n{}{NODES_INCLUDE}\n{}",
        ast.kind(root).name(),
        sp.kind_selection(),
        sp.finish()
    );
    ProgramEntry {
        node: root,
        symbol,
        source,
        speculates,
    }
}

/// The line by which an entry's unit includes the evaluators; the lines
/// before it select their kinds (`Specializer::kind_selection`).
const NODES_INCLUDE: &str = "#include \"nodes.h\"\n";

/// One translation unit that defines every entry in `entries` (pairs of
/// symbol and unit, as [`entry_at`] writes them), so that one compiler run
/// serves entries that became hot together. The kind selections are merged
/// before the one include of the evaluators; the rest of each unit follows
/// as it is, and the guards around its pieces make the first entry that
/// has a dispatcher define it (see `Specializer::shareable`). `None` if a
/// unit is not an entry's.
pub fn batch_source<'e>(entries: impl IntoIterator<Item = (&'e str, &'e str)>) -> Option<String> {
    let mut kinds = std::collections::BTreeSet::new();
    let mut bodies = String::new();
    let mut seen = HashSet::new();
    for (symbol, source) in entries {
        let (selection, body) = source.split_once(NODES_INCLUDE)?;
        // a symbol names one code: a second entry of it adds nothing
        if !seen.insert(symbol) {
            continue;
        }
        kinds.extend(selection.lines().filter(|l| l.starts_with("#define ")));
        bodies.push_str(body);
    }
    let kinds: String = kinds.into_iter().map(|l| format!("{l}\n")).collect();
    Some(format!(
        "/* naruby code-store batch of {} entries */\n{kinds}{NODES_INCLUDE}\n{bodies}",
        seen.len()
    ))
}

/// A fingerprint of everything that makes stored code fit this binary:
/// node.def, the generator version, the generated and runtime headers, the
/// C compiler command and its identity (`CC --version`), and the flags.
/// Code made for another build lives under another fingerprint and is never
/// bound.
pub fn abi_fingerprint(cc: &str, compiler_identity: &str, cflags: &[String]) -> String {
    let mut h = blake3::Hasher::new();
    for part in [
        "naruby-abi",
        env!("CARGO_PKG_VERSION"),
        env!("NARUBY_GENERATOR_VERSION"),
        NODE_DEF,
        NARUBY_H,
        NODES_H,
        cc,
        compiler_identity,
        &cflags.join(" "),
    ] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().to_hex()[..32].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowered(src: &str) -> Lowered {
        let program = crate::syntax::parse(src).expect("parses");
        crate::lower::lower(&program, src).expect("lowers")
    }

    #[test]
    fn tiny_bodies_stay_interpreted() {
        let l = lowered(
            "def inc(a)\n  a + 1\nend\n\
             def twice_plus(a)\n  x = a * 2\n  x + a\nend\n\
             p inc(1) + twice_plus(2)\n",
        );
        let roots = entry_roots(&l);
        // The top level and twice_plus; inc is a single node.
        assert_eq!(roots.len(), 2, "{roots:?}");
        assert_eq!(roots[0], l.root);
        assert!(roots.iter().all(|&r| tiny_entry_nodes(&l.ast, r).is_none()));
        assert_eq!(program_entries(&l, &Speculation::none(&l.ast)).len(), 2);
        // inc's body, the single node `a + 1`, stays generic.
        let tiny = tiny_entry_nodes_of(&l);
        assert_eq!(tiny.len(), 1);
        assert!(!roots.contains(&tiny[0]));
    }

    #[test]
    fn loop_bodies_are_found_outer_first_with_what_they_lie_in() {
        let l = lowered(
            "def f(n)\n  s = 0\n  i = 0\n  while i < n\n    j = 0\n    \
             until j == i\n      s += j\n      j += 1\n    end\n    i += 1\n  end\n  s\nend\n\
             k = 0\nwhile k < 3\n  k += 1\nend\n\
             m = 0\nwhile m < 3\n  p f(m)\n  m += 1\nend\n",
        );
        let loops = loop_bodies(&l);
        let lines: Vec<u32> = loops.iter().map(|lb| l.ast.line(lb.looping)).collect();
        // `k += 1` alone is a tiny body, but its loop is not: the JIT
        // compiles loops whole
        assert_eq!(lines, [19, 15, 4, 6], "{loops:?}");
        let (top_loop, f_outer, f_inner) = (loops[0], loops[2], loops[3]);
        assert_eq!(top_loop.within, l.root);
        assert_eq!(loops[1].within, l.root);
        let f_body = entry_roots(&l)[1];
        assert_eq!(f_outer.within, f_body);
        assert_eq!(
            f_inner.within, f_outer.body,
            "the inner loop lies in the outer's body"
        );
        for lb in loops {
            assert!(l.ast.children(lb.looping).any(|c| c == lb.body));
        }
    }

    /// The symbols `object` defines with external linkage (`nm`).
    fn exported_symbols(object: &std::path::Path) -> Vec<String> {
        let out = std::process::Command::new("nm")
            .args(["-g", "--defined-only", "-P"])
            .arg(object)
            .output()
            .expect("nm runs");
        assert!(out.status.success());
        let mut names: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.split_whitespace().next().map(String::from))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn entries_that_share_code_compile_as_one_unit() {
        // g's body, f's body and the loops in both, with the dispatchers
        // they share (`i += 1`, `s + x`): f's loop body is static code in
        // f's unit and the root of the loop's own entry
        let l = lowered(
            "def g(x)\n  s = 0\n  i = 0\n  while i < x\n    s = s + x\n    i += 1\n  end\n  s\nend\n\
             def f(x)\n  s = 0\n  i = 0\n  while i < x\n    s = s + x\n    i += 1\n  end\n  g(s)\nend\n\
             p f(3)\n",
        );
        let spec = Speculation::from_text(&l);
        // every body's entry, as the JIT compiles them (`--pg` would leave
        // out the bodies the top level holds)
        let mut entries: Vec<ProgramEntry> = entry_roots(&l)
            .into_iter()
            .map(|root| entry_at(&l.ast, root, spec.clone()))
            .collect();
        for lb in loop_bodies(&l) {
            entries.push(entry_at(&l.ast, lb.body, spec.clone()));
        }
        // the two loops' bodies are one subtree: one symbol, given twice
        assert_eq!(entries.len(), 5, "the top level, f, g and two loops");
        assert_eq!(entries[3].symbol, entries[4].symbol);
        let source = batch_source(
            entries
                .iter()
                .map(|e| (e.symbol.as_str(), e.source.as_str())),
        )
        .expect("entries' units");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("naruby.h"), NARUBY_H).unwrap();
        std::fs::write(dir.path().join("nodes.h"), NODES_H).unwrap();
        std::fs::write(dir.path().join("batch.c"), &source).unwrap();
        let out = std::process::Command::new("cc")
            .args([
                "-std=gnu11",
                "-O1",
                "-fPIC",
                "-Werror",
                "-c",
                "-o",
                "batch.o",
                "batch.c",
            ])
            .current_dir(dir.path())
            .output()
            .expect("cc runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut symbols: Vec<String> = entries.iter().map(|e| e.symbol.clone()).collect();
        symbols.sort();
        symbols.dedup();
        assert_eq!(symbols.len(), 4);
        assert_eq!(exported_symbols(&dir.path().join("batch.o")), symbols);
        // code reaches other entries' roots as static code it may inline,
        // never through their exported functions (declared and defined once)
        for symbol in &symbols {
            assert_eq!(source.matches(&format!("{symbol}(")).count(), 2, "{symbol}");
        }
        // the shared dispatchers are guarded: the C compiler saw them once
        assert!(
            source
                .matches(&format!("#ifndef {}SS_", crate::specialize::GUARD_DEFINED))
                .count()
                > entries.len()
        );
    }

    #[test]
    fn batch_sources_need_entry_units() {
        assert!(batch_source([("SD_x", "int x;\n")]).is_none());
    }

    #[test]
    fn an_entry_names_the_kinds_it_uses_and_no_others() {
        let l = lowered("def sq(a)\n  b = a * a\n  b\nend\nx = 3\np sq(x) + 1\n");
        let entries = program_entries(&l, &Speculation::none(&l.ast));
        assert_eq!(entries.len(), 2);
        let wants = |source: &str| -> Vec<String> {
            let (prelude, _) = source.split_once("#include \"nodes.h\"").expect("includes");
            assert!(prelude.contains("#define NR_SOME_KINDS\n"), "{prelude}");
            prelude
                .lines()
                .filter_map(|l| l.strip_prefix("#define NR_WANT_"))
                .map(str::to_string)
                .collect()
        };
        let top = wants(&entries[0].source);
        let body = wants(&entries[1].source);
        // the top level defines and calls; the body (an entry of its own)
        // multiplies
        assert!(top.iter().any(|k| k == "def"), "{top:?}");
        assert!(!top.iter().any(|k| k.starts_with("mul_")), "{top:?}");
        assert!(body.iter().any(|k| k.starts_with("mul_")), "{body:?}");
        assert!(!body.iter().any(|k| k == "def"), "{body:?}");
        // every kind a dispatcher evaluates is wanted
        for e in &entries {
            let w = wants(&e.source);
            for used in e.source.split("EVAL_").skip(1) {
                let kind: String = used
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                assert!(w.contains(&kind), "{kind} used, not wanted: {}", e.source);
            }
        }
    }
}
