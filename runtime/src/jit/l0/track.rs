//! Which entries L0 tracks for a run, and what it knows of each up front:
//! a function body's plain and speculative code, the loops, and which
//! bodies a loop of the top level holds or covers.

use super::{Finisher, Input, JitOptions, Tracked, L0};
use crate::entries::{loop_bodies, EntryChoice, LoopBody};
use crate::ffi::{JitEvent, JitRun, Swapper};
use crate::jit::report::{EntryStat, JitReport, SharedReport, State};
use crate::lower::Lowered;
use crate::node::hash::MerkleHasher;
use crate::node::{Ast, NodeId, Operand};
use crate::speculate::{DefGraph, Speculation};
use crate::store::CodeStore;
use std::collections::{HashMap, HashSet};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// A loop is compiled after this many times the threshold's
/// iterations: an iteration is cheaper than a call, and a loop whose
/// function soon becomes hot anyway (`prime?`'s) should not have a compile
/// of its own queued ahead of the function's.
pub const LOOP_FACTOR: u32 = 10;

/// A loop of the top level whose code, with the function bodies it calls
/// directly, has at most this many nodes is compiled before those bodies'
/// plain code (see [`L0::waits_for_loop`]). chain40's loop and chain (171
/// nodes) compile in about 0.25 s; a loop that calls hundreds of bodies
/// would keep them interpreted for seconds.
pub const LOOP_FIRST_MAX_NODES: usize = 512;

/// A body that calls only itself, from at most this many sites outside
/// its tail position, gets its speculative code without plain code first
/// (see [`prepare`]).
pub const MAX_SELF_CALLS_AT_ONCE: usize = 2;

/// Prepares `naruby --jit` for `lowered`: the run's JIT hooks, and the
/// report L0 keeps. `spec` and `choices` are the run's plan
/// ([`crate::modes::Plan`]); `bound` maps the entry roots already bound
/// from the store's aggregate to the symbol bound.
///
/// Code is asked for under the speculation the program's AOT executable
/// would use (`program_speculation`): calls by the names it speculates on
/// go straight to their callee's code, which the unit holds, so the C compiler
/// inlines across functions. Such a unit takes gcc several times as long
/// as the function alone (a 10-deep call chain: 0.58 s against 0.09 s), so
/// a function body whose speculative code differs from its plain code is
/// tracked twice: the plain code is compiled as soon as the body is hot,
/// the speculative code when no other compile is outstanding, and it
/// replaces the plain code when it comes. Loops and the top level are
/// compiled speculative only: a running loop moves into compiled code
/// once, and the top level's code serves the next run.
pub fn prepare(
    lowered: &Lowered,
    store: CodeStore,
    mut spec: Speculation,
    choices: &[EntryChoice],
    bound: &HashMap<NodeId, String>,
    held_at_start: &HashSet<NodeId>,
    opts: &JitOptions,
) -> (JitRun, SharedReport, Finisher) {
    let names = body_names(lowered);
    let body_of_def = def_bodies(lowered);
    let report: SharedReport = Arc::new(Mutex::new(JitReport::default()));
    let mut tracked = Vec::new();
    {
        let mut r = report.lock().unwrap_or_else(|e| e.into_inner());
        for EntryChoice {
            node,
            speculative: spec_symbol,
            plain: plain_symbol,
        } in choices.iter().cloned()
        {
            let top = node == lowered.root;
            let name = if top {
                "<top level>".to_string()
            } else {
                names
                    .iter()
                    .find(|(b, _)| *b == node)
                    .map_or("?".to_string(), |(_, n)| n.clone())
            };
            let entry = |symbol: String, upgrade_of: Option<usize>, calls: Vec<NodeId>| Tracked {
                node,
                root: node,
                symbol,
                top,
                defined: top,
                hot: false,
                hot_at: None,
                within: None,
                upgrade_of,
                calls,
                holds: Vec::new(),
                covers: Vec::new(),
                requested: None,
            };
            let calls = spec.defs_called(node);
            // a body whose code calls only itself directly, from at most
            // two sites outside its tail position, compiles its speculative
            // code at once: that unit is the body alone, in two flavours,
            // and costs gcc little more than the plain code, which would
            // delay it by a whole compile (fib: 113 against 83 ms; tak,
            // with three such sites, 273 against 95 ms: benches/NOTES.md)
            let calls_only_itself = !calls.is_empty()
                && calls.iter().all(|d| body_of_def.get(d) == Some(&node))
                && spec.non_tail_self_calls(node).len() <= MAX_SELF_CALLS_AT_ONCE;
            if top || spec_symbol == plain_symbol || calls_only_itself {
                track(
                    &mut r,
                    &mut tracked,
                    entry(spec_symbol, None, calls),
                    name,
                    bound.get(&node),
                );
            } else {
                let base = tracked.len();
                track(
                    &mut r,
                    &mut tracked,
                    entry(plain_symbol, None, Vec::new()),
                    name.clone(),
                    bound.get(&node),
                );
                track(
                    &mut r,
                    &mut tracked,
                    entry(spec_symbol, Some(base), calls),
                    format!("{name} (speculative)"),
                    bound.get(&node),
                );
            }
        }
        // loops: their bodies count iterations; a hot loop is compiled
        // whole and resumed in its code (never asked about: the entry
        // around it is); none in an entry bound at start, whose code runs
        // its loops
        let mut hasher = MerkleHasher::new(&lowered.ast);
        for LoopBody {
            body,
            looping,
            within: around,
        } in loop_bodies(lowered)
        {
            let Some(within) = tracked
                .iter()
                .position(|t| t.node == around && t.upgrade_of.is_none())
            else {
                continue;
            };
            let entry = outermost(&tracked, within);
            let node = tracked[entry].node;
            if bound.contains_key(&node) || held_at_start.contains(&node) {
                continue;
            }
            let symbol = spec.node_hash(&mut hasher, looping).symbol();
            let name = format!(
                "{}: loop at line {}",
                r.entries[entry].name,
                lowered.ast.line(looping)
            );
            track(
                &mut r,
                &mut tracked,
                Tracked {
                    node: body,
                    root: looping,
                    symbol,
                    top: false,
                    defined: false,
                    hot: false,
                    hot_at: None,
                    within: Some(within),
                    upgrade_of: None,
                    calls: spec.defs_called(looping),
                    holds: Vec::new(),
                    covers: Vec::new(),
                    requested: None,
                },
                name,
                None,
            );
        }
    }
    let counted: Vec<NodeId> = tracked
        .iter()
        .filter(|t| !t.top && t.within.is_none() && t.upgrade_of.is_none())
        .filter(|t| !bound.contains_key(&t.node))
        .map(|t| t.node)
        .collect();
    let counted_loops: Vec<NodeId> = tracked
        .iter()
        .filter(|t| t.within.is_some())
        .map(|t| t.node)
        .collect();
    let (tx, rx) = mpsc::channel::<Input>();
    // the interpreter's events and the Finisher share L0's queue, so that
    // the end of the program comes after every event before it
    let events = {
        let tx = tx.clone();
        Box::new(move |e: JitEvent| {
            let _ = tx.send(Input::Event(e));
        })
    };
    let graph = spec.def_graph();
    hold_for_top_level_loops(lowered, &mut spec, &body_of_def, &graph, &mut tracked);
    let holdable = holdable(lowered, &mut spec, &tracked);
    let held_at_start = tracked
        .iter()
        .map(|t| held_at_start.contains(&t.node))
        .collect();
    let finisher = Finisher { tx: tx.clone() };
    let worker = L0 {
        store,
        tracked,
        ast: lowered.ast.clone(),
        graph,
        holdable,
        held_at_start,
        ended: false,
        report: report.clone(),
        opts: opts.clone(),
        tx,
        conn: None,
        generation: 0,
        started: Instant::now(),
        upgraded: HashSet::new(),
    };
    // (code bound at start may hold bodies already)
    worker.mark_held(&worker.held());
    let start = Box::new(move |swapper: Swapper| {
        let spawned = std::thread::Builder::new()
            .name("naruby-jit-l0".into())
            .spawn(move || worker.run(rx, swapper));
        if let Err(e) = spawned {
            eprintln!("naruby: cannot start the JIT thread ({e}); running interpreted");
        }
    });
    let run = JitRun {
        counted,
        counted_loops,
        threshold: opts.threshold,
        loop_threshold: opts.threshold.saturating_mul(LOOP_FACTOR),
        events,
        start,
    };
    (run, report, finisher)
}

/// Fills in `holds` for each loop of the top level (not inside another
/// loop) whose code, with the bodies it calls directly, is small (see
/// [`LOOP_FIRST_MAX_NODES`]) and holds no loop of its own: the plain
/// entries of those bodies. A body with a loop gains most from its own
/// code, which is smaller than the loop's around it and comes sooner
/// (collatz's first run took 11% longer with the top level's loop first).
/// And `covers`: those of them that no code outside the loop calls, not
/// even through a body it does not hold.
fn hold_for_top_level_loops(
    lowered: &Lowered,
    spec: &mut Speculation,
    body_of_def: &HashMap<NodeId, NodeId>,
    graph: &DefGraph,
    tracked: &mut [Tracked],
) {
    let ast = &lowered.ast;
    // the function bodies with a loop: where tracked loops lie
    let looping: HashSet<NodeId> = (0..tracked.len())
        .filter(|&i| tracked[i].within.is_some())
        .map(|i| tracked[outermost(tracked, i)].node)
        .collect();
    let plain_of_body: HashMap<NodeId, usize> = tracked
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.top && t.within.is_none() && t.upgrade_of.is_none())
        .map(|(i, t)| (t.node, i))
        .collect();
    for l in 0..tracked.len() {
        let top_level = tracked[l].within.is_some_and(|w| tracked[w].top);
        if !top_level || tracked[l].calls.is_empty() {
            continue;
        }
        let held_defs: HashSet<NodeId> = graph.reached(&tracked[l].calls).into_iter().collect();
        let bodies: Vec<NodeId> = held_defs
            .iter()
            .filter_map(|def| body_of_def.get(def).copied())
            .collect();
        let nodes = ast.subtree(tracked[l].root).count()
            + bodies
                .iter()
                .map(|&b| ast.subtree(b).count())
                .sum::<usize>();
        if nodes > LOOP_FIRST_MAX_NODES || bodies.iter().any(|b| looping.contains(b)) {
            continue;
        }
        tracked[l].holds = bodies
            .iter()
            .filter_map(|b| plain_of_body.get(b).copied())
            .collect();
        // what the rest of the top level and every other body call, and
        // what those calls reach
        let mut outside = spec.defs_called_outside(lowered.root, tracked[l].root);
        for def in lowered.defs.iter().filter(|d| !held_defs.contains(d)) {
            if let Some(&body) = body_of_def.get(def) {
                outside.extend(spec.defs_called(body));
            }
        }
        let called_outside: HashSet<NodeId> = graph
            .reached(&outside)
            .iter()
            .filter_map(|def| body_of_def.get(def).copied())
            .collect();
        tracked[l].covers = bodies
            .iter()
            .filter(|b| !called_outside.contains(b))
            .filter_map(|b| plain_of_body.get(b).copied())
            .collect();
    }
}

/// The speculative entries that may go uncompiled (see [`L0::held`]),
/// callers' first: each body [`Speculation::held_callers`] lists whose
/// callers all have speculative entries here (the top level's counts
/// where its code speculates), with those entries.
fn holdable(
    lowered: &Lowered,
    spec: &mut Speculation,
    tracked: &[Tracked],
) -> Vec<(usize, Vec<usize>)> {
    let speculative: HashMap<NodeId, usize> = tracked
        .iter()
        .enumerate()
        .filter(|(_, t)| t.upgrade_of.is_some() || (t.top && !t.calls.is_empty()))
        .map(|(i, t)| (t.node, i))
        .collect();
    spec.held_callers(lowered)
        .into_iter()
        .filter_map(|(body, callers)| {
            let callers = callers
                .iter()
                .map(|c| speculative.get(c).copied())
                .collect::<Option<Vec<usize>>>()?;
            Some((*speculative.get(&body)?, callers))
        })
        .collect()
}

/// Adds `t` to the tracked entries and the report. `bound`: the symbol
/// bound at start for its node, if any; plain code counts as compiled when
/// better code is bound.
fn track(
    r: &mut JitReport,
    tracked: &mut Vec<Tracked>,
    t: Tracked,
    name: String,
    bound: Option<&String>,
) {
    let at_start = bound.is_some_and(|b| *b == t.symbol || t.upgrade_of.is_none());
    r.entries.push(EntryStat {
        name,
        symbol: t.symbol.clone(),
        state: if at_start {
            State::Compiled
        } else {
            State::Unknown
        },
        bound_at_start: at_start,
        swapped: false,
        held: false,
        hot_at: None,
        requested_at: None,
        swapped_at: None,
    });
    tracked.push(t);
}

/// The entry or loop body that tracked entry `i` lies in, outermost.
fn outermost(tracked: &[Tracked], mut i: usize) -> usize {
    while let Some(w) = tracked[i].within {
        i = w;
    }
    i
}

/// The function body of `def`.
fn body_of(ast: &Ast, def: NodeId) -> Option<NodeId> {
    ast.operands(def).iter().find_map(|o| match o {
        Operand::Entry(b) => Some(*b),
        _ => None,
    })
}

/// Each `def`'s function body.
fn def_bodies(lowered: &Lowered) -> HashMap<NodeId, NodeId> {
    lowered
        .defs
        .iter()
        .filter_map(|&def| Some((def, body_of(&lowered.ast, def)?)))
        .collect()
}

/// Each function body's name (the name its def binds).
fn body_names(lowered: &Lowered) -> Vec<(NodeId, String)> {
    lowered
        .defs
        .iter()
        .filter_map(|&def| {
            let name = lowered.ast.operands(def).iter().find_map(|o| o.as_name())?;
            Some((
                body_of(&lowered.ast, def)?,
                lowered.ast.name(name).to_string(),
            ))
        })
        .collect()
}
