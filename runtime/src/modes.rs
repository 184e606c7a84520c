//! The execution modes that involve the code store: the default run (bind
//! whatever the store holds for the program) and `--compile` (specialize the
//! program's entries, store, bind, run), plus the `--stats` report.

use crate::driver::{self, Source};
use crate::entries::{abi_fingerprint, entry_roots, program_entries, NARUBY_H, NODES_H};
use crate::ffi;
use crate::lower::Lowered;
use crate::node::hash::MerkleHasher;
use crate::node::{NodeId, Operand};
use crate::store::{CodeStore, Entry, Headers, StoreConfig};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Interpret only; never touch the store.
    Plain,
    /// Bind what the store already holds.
    Default,
    /// Specialize, store and bind every entry, then run.
    Compile,
}

#[derive(Debug, Clone, Default)]
pub struct StoreOptions {
    pub dir: Option<PathBuf>,
    pub stats: bool,
}

/// What `--stats` prints when the program ends.
struct Report {
    /// Entry root, its nodes (not counting nested entries), whether bound,
    /// and whether it is a function body.
    entries: Vec<(NodeId, usize, bool, bool)>,
    node_count: usize,
    hits: usize,
    misses: usize,
    compiled: usize,
    compile_time: Duration,
    store: String,
}

static REPORT: Mutex<Option<Report>> = Mutex::new(None);

extern "C" fn print_report(_status: i32) {
    let Ok(guard) = REPORT.lock() else { return };
    let Some(r) = guard.as_ref() else { return };
    let bound = r.entries.iter().filter(|e| e.2).count();
    let ran: Vec<_> = r
        .entries
        .iter()
        .filter(|e| e.2 && ffi::entered(e.0, r.node_count))
        .collect();
    let ran_nodes: usize = ran.iter().map(|e| e.1).sum();
    let ran_bodies = ran.iter().filter(|e| e.3).count();
    let interpreted = r
        .entries
        .iter()
        .filter(|e| !e.2 && ffi::entered(e.0, r.node_count))
        .count();
    eprintln!(
        "naruby stats: entries {} (bound {bound}); ran specialized: {} entries, {ran_nodes} nodes, {ran_bodies} function bodies; ran interpreted: {interpreted} entries",
        r.entries.len(),
        ran.len(),
    );
    eprintln!(
        "naruby stats: store {}: hits {}, misses {}, compiled {}, compile time {:.1} ms",
        r.store,
        r.hits,
        r.misses,
        r.compiled,
        r.compile_time.as_secs_f64() * 1000.0
    );
}

/// Nodes of the entry rooted at `root`, not counting nested entries.
fn entry_size(lowered: &Lowered, root: NodeId) -> usize {
    let mut count = 0;
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        count += 1;
        for op in lowered.ast.operands(id) {
            if let Operand::Node(c) = op {
                stack.push(*c);
            }
        }
    }
    count
}

/// Runs `lowered` in `mode`; returns the exit status. Store problems are
/// reported on stderr and the program runs interpreted.
pub fn run(src: &Source, lowered: &Lowered, mode: Mode, opts: &StoreOptions) -> i32 {
    if mode == Mode::Plain {
        return with_stats(src, lowered, opts, Vec::new(), Outcome::default());
    }
    match bind(lowered, mode, opts) {
        Ok((bindings, outcome)) => with_stats(src, lowered, opts, bindings, outcome),
        Err(message) => {
            if mode == Mode::Compile || opts.stats {
                eprintln!("naruby: code store unavailable, running interpreted: {message}");
            }
            with_stats(src, lowered, opts, Vec::new(), Outcome::default())
        }
    }
}

#[derive(Default)]
struct Outcome {
    hits: usize,
    misses: usize,
    compiled: usize,
    compile_time: Duration,
    store: String,
}

fn bind(
    lowered: &Lowered,
    mode: Mode,
    opts: &StoreOptions,
) -> Result<(Vec<(NodeId, usize)>, Outcome), String> {
    let dir = StoreConfig::locate(opts.dir.clone()).map_err(|e| e.to_string())?;
    let config = StoreConfig::new(dir);
    let abi = abi_fingerprint(&config.cc, &config.cflags);
    let headers = Headers {
        naruby_h: NARUBY_H,
        nodes_h: NODES_H,
    };
    let mut store = CodeStore::open(config, &abi, headers).map_err(|e| e.to_string())?;
    let mut outcome = Outcome {
        store: store.path().display().to_string(),
        ..Outcome::default()
    };
    let (roots, addresses): (Vec<(NodeId, String)>, HashMap<String, usize>) = match mode {
        Mode::Compile => {
            let entries = program_entries(lowered);
            let store_entries: Vec<Entry> = entries
                .iter()
                .map(|e| Entry {
                    symbol: e.symbol.clone(),
                    source: e.source.clone(),
                })
                .collect();
            let report = store
                .compile_and_load(&store_entries)
                .map_err(|e| e.to_string())?;
            for (symbol, message) in &report.failures {
                eprintln!("naruby: compiling {symbol} failed; it runs interpreted:\n{message}");
            }
            outcome.compiled = report.compiled;
            outcome.hits = report.already_stored;
            outcome.misses = report.compiled + report.failures.len();
            outcome.compile_time = report.compile_time;
            (
                entries.into_iter().map(|e| (e.node, e.symbol)).collect(),
                report.addresses,
            )
        }
        _ => {
            let mut hasher = MerkleHasher::new(&lowered.ast);
            let roots: Vec<(NodeId, String)> = entry_roots(lowered)
                .into_iter()
                .map(|r| (r, hasher.hash(r).symbol()))
                .collect();
            let symbols: Vec<&str> = roots.iter().map(|(_, s)| s.as_str()).collect();
            let loaded = store.load(&symbols).map_err(|e| e.to_string())?;
            outcome.hits = loaded.hits;
            outcome.misses = loaded.misses;
            (roots, loaded.addresses)
        }
    };
    let bindings = roots
        .iter()
        .filter_map(|(node, symbol)| addresses.get(symbol).map(|a| (*node, *a)))
        .collect();
    Ok((bindings, outcome))
}

fn with_stats(
    src: &Source,
    lowered: &Lowered,
    opts: &StoreOptions,
    bindings: Vec<(NodeId, usize)>,
    outcome: Outcome,
) -> i32 {
    if !opts.stats {
        return driver::run_bound(src, lowered, &bindings, None);
    }
    let bound: std::collections::HashSet<NodeId> = bindings.iter().map(|b| b.0).collect();
    let entries = entry_roots(lowered)
        .into_iter()
        .enumerate()
        .map(|(i, root)| {
            (
                root,
                entry_size(lowered, root),
                bound.contains(&root),
                i > 0,
            )
        })
        .collect();
    if let Ok(mut slot) = REPORT.lock() {
        *slot = Some(Report {
            entries,
            node_count: lowered.ast.len(),
            hits: outcome.hits,
            misses: outcome.misses,
            compiled: outcome.compiled,
            compile_time: outcome.compile_time,
            store: if outcome.store.is_empty() {
                "unused".into()
            } else {
                outcome.store
            },
        });
    }
    driver::run_bound(src, lowered, &bindings, Some(print_report))
}
