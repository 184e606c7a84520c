//! L0: the JIT thread inside a `naruby --jit` process.
//!
//! The interpreter never waits for it. It learns from the interpreter
//! (through queued events, see jit.c) when a function body is defined and
//! when one becomes hot; it asks L1 whether the body's code is known when it
//! is defined, asks L1 to compile it when it is hot, loads what L1 names,
//! and swaps the body's dispatcher atomically. The top level is looked up
//! at once but compiled only when no body's compile is outstanding, or at
//! the program's end (it is running already, so its code serves the next
//! run, and must not take a core from the bodies this run waits for). A
//! loop is never looked up: when its body has counted enough iterations,
//! and after [`LOOP_DELAY`], the whole loop is compiled unless the code
//! around it will run it (see [`L0::wants_compile`]), and the running loop
//! continues in that code (`Swapper::resume_at`). If L1 is not running, L0 starts one; if L1 cannot be reached, the program
//! runs interpreted with one warning, and L0 keeps trying to reconnect (a
//! restarted daemon is picked up mid-run).

use super::l1;
use super::proto::{Channel, Msg};
use super::report::{EntryStat, JitReport, SharedReport, State};
use super::wire;
use crate::entries::{loop_bodies, EntryChoice, LoopBody};
use crate::ffi::{JitEvent, JitRun, Swapper};
use crate::lower::Lowered;
use crate::node::hash::MerkleHasher;
use crate::node::{Ast, NodeId, Operand};
use crate::speculate::{DefGraph, Speculation};
use crate::store::{CodeStore, JitLibrary};
use std::collections::{HashMap, HashSet};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Calls after which a body is compiled, unless configured.
pub const DEFAULT_THRESHOLD: u32 = 100;

/// A loop is compiled after this many times the threshold's
/// iterations: an iteration is cheaper than a call, and a loop whose
/// function soon becomes hot anyway (`prime?`'s) should not have a compile
/// of its own queued ahead of the function's.
pub const LOOP_FACTOR: u32 = 10;

/// How long a hot loop's body waits for the function body around it to
/// become hot too (a function called often, whose loop is hot after a few
/// calls, is compiled whole instead). A loop that runs long in one call
/// loses only this much.
pub const LOOP_DELAY: Duration = Duration::from_millis(10);

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

/// How long the top level's compile waits at least, and while any body's
/// compile is outstanding. Its code only serves the next run, so it must
/// not take a core from the bodies this run waits for.
pub const TOP_LEVEL_DELAY: Duration = Duration::from_millis(50);

/// Environment variable that, set to `0`, keeps L0 from starting an L1.
pub const SPAWN_VAR: &str = "NARUBY_JIT_SPAWN";

/// How L0 runs.
#[derive(Debug, Clone)]
pub struct JitOptions {
    pub threshold: u32,
    /// Start an L1 when none answers.
    pub spawn: bool,
}

struct Tracked {
    /// The function body, top level or loop body whose events these are
    /// (a loop body counts its loop's iterations).
    node: NodeId,
    /// The subtree whose code is asked for: `node`, or a loop body's loop.
    root: NodeId,
    symbol: String,
    top: bool,
    defined: bool,
    hot: bool,
    /// When it became hot.
    hot_at: Option<Instant>,
    /// For a loop's body: the tracked entry or loop body it lies in.
    within: Option<usize>,
    /// For a function body's speculative code: the tracked entry of its
    /// plain code, which is compiled first (see [`L0::wants_compile`]).
    upgrade_of: Option<usize>,
    /// The `def`s its code calls directly (none for a body's plain code):
    /// with them, the `def`s that travel with its subtree (`L0::tree`).
    calls: Vec<NodeId>,
    /// For a loop of the top level: the plain entries of the function
    /// bodies its code holds, which wait for it (see
    /// [`L0::waits_for_loop`]).
    holds: Vec<usize>,
    /// For such a loop: those of `holds` that nothing outside the loop
    /// calls. Once the loop's code has come it runs every call of them, so
    /// they need no code of their own (see [`L0::covered`]).
    covers: Vec<usize>,
    requested: Option<Instant>,
}

enum Input {
    Event(JitEvent),
    Reply(u64, Msg),
    Lost(u64),
    /// The program has ended: send what must not be lost, then answer.
    Finish(Sender<()>),
    /// The L1 we started listens (or has exited): try to connect now.
    Spawned,
}

/// How long the end of a program waits for L0 to send its last requests.
const FINISH_WAIT: Duration = Duration::from_millis(100);

/// Tells L0 that the program has ended.
pub struct Finisher {
    tx: Sender<Input>,
}

impl Finisher {
    /// Has L0 ask for the compiles this run did not get to (hot bodies
    /// whose query was still unanswered; the top level, in a program
    /// shorter than its delay or that ended while a body compiled), so the
    /// next run finds them. Waits at most `FINISH_WAIT`:
    /// never for a daemon that is not there, nor for the compile.
    pub fn finish(&self) {
        let (ack, done) = mpsc::channel();
        if self.tx.send(Input::Finish(ack)).is_ok() {
            let _ = done.recv_timeout(FINISH_WAIT);
        }
    }
}

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

struct L0 {
    store: CodeStore,
    tracked: Vec<Tracked>,
    /// The program and its speculated calls, from which a compile request's
    /// subtree is encoded when it is sent.
    ast: Ast,
    graph: DefGraph,
    /// Speculative entries that may go uncompiled, each with the
    /// speculative entries of its callers (see [`L0::held`]).
    holdable: Vec<(usize, Vec<usize>)>,
    /// The entries of bodies that the code bound at start holds: they run
    /// inside it (`modes::Plan::held`), so they need no code of their own.
    held_at_start: Vec<bool>,
    /// The program has ended (see [`L0::compile_at_end`]).
    ended: bool,
    report: SharedReport,
    opts: JitOptions,
    tx: Sender<Input>,
    conn: Option<Channel<UnixStream>>,
    generation: u64,
    started: Instant,
    /// Function bodies whose speculative code is swapped in: plain code
    /// that comes later does not replace it.
    upgraded: HashSet<NodeId>,
}

impl L0 {
    fn run(mut self, rx: Receiver<Input>, swapper: Swapper) {
        let mut next_attempt = Instant::now();
        let mut failures = 0u32;
        let mut spawned = false;
        let mut warned = false;
        loop {
            if self.conn.is_none() && Instant::now() >= next_attempt {
                match l1::connect(&self.store) {
                    Ok(ch) => {
                        failures = 0;
                        self.connected(ch);
                    }
                    Err(why) => {
                        failures += 1;
                        if self.opts.spawn && !spawned {
                            spawned = true;
                            spawn_l1(self.store.path().to_path_buf(), self.tx.clone());
                        }
                        // the one warning: at once when we start no
                        // daemon, else after about a second of attempts;
                        // then attempts go on, quietly, every second
                        let wait = Duration::from_millis((10 * u64::from(failures)).min(1000));
                        next_attempt = Instant::now() + wait;
                        let warn_at = if self.opts.spawn { 12 } else { 1 };
                        if failures >= warn_at && !warned {
                            warned = true;
                            eprintln!(
                                "naruby: the JIT daemon cannot be reached ({why}); running interpreted"
                            );
                            self.lock_report().unreachable = Some(why);
                        }
                    }
                }
            }
            let timeout = if self.conn.is_none() {
                next_attempt.saturating_duration_since(Instant::now())
            } else if self.top_waiting() && self.started.elapsed() < TOP_LEVEL_DELAY {
                // wake for the delay's end; after it, the replies that end
                // the bodies' compiles wake us
                (self.started + TOP_LEVEL_DELAY).saturating_duration_since(Instant::now())
            } else {
                Duration::from_secs(1)
            };
            // and wake for a waiting loop's body
            let timeout = match self.next_loop_due() {
                Some(due) if self.conn.is_some() => {
                    timeout.min(due.saturating_duration_since(Instant::now()))
                }
                _ => timeout,
            };
            match rx.recv_timeout(timeout) {
                Ok(Input::Event(JitEvent::Defined(id))) => self.defined(id),
                Ok(Input::Event(JitEvent::Hot(id))) => self.hot(id),
                Ok(Input::Reply(g, msg)) if g == self.generation => self.reply(msg, &swapper),
                Ok(Input::Reply(..)) => {}
                Ok(Input::Lost(g)) if g == self.generation => {
                    self.conn = None;
                    spawned = false;
                    next_attempt = Instant::now() + Duration::from_millis(50);
                }
                Ok(Input::Lost(_)) => {}
                Ok(Input::Spawned) => next_attempt = Instant::now(),
                Ok(Input::Finish(ack)) => {
                    self.compile_at_end();
                    let _ = ack.send(());
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            self.compile_waiting();
            self.compile_top_when_due();
        }
    }

    /// At the end of the program: the compiles this run would have asked
    /// for had it lasted, so that the next run finds their code. Hot
    /// function bodies whose query was not answered yet (a program shorter
    /// than the round trip to L1) or found nothing, first; then the top
    /// level, unless asked for or known already (a query still in flight
    /// is answered by the compile request too). Loop bodies are left out:
    /// the code of the body or top level around them runs them.
    fn compile_at_end(&mut self) {
        self.ended = true;
        let held = self.held();
        self.mark_held(&held);
        if self.conn.is_none() {
            return;
        }
        let unanswered =
            |l0: &Self, i: usize| matches!(l0.state(i), State::NotFound | State::Querying);
        // a body with speculative code: only that, which the next run
        // binds, unless its callers' code holds it
        let upgraded: HashSet<usize> = self.tracked.iter().filter_map(|t| t.upgrade_of).collect();
        for (i, held) in held.into_iter().enumerate() {
            let t = &self.tracked[i];
            let body = !t.top && t.within.is_none() && !upgraded.contains(&i);
            if body && t.hot && !held && unanswered(self, i) {
                self.compile(i);
            }
        }
        for i in 0..self.tracked.len() {
            if self.tracked[i].top && unanswered(self, i) {
                self.compile(i);
            }
        }
    }

    /// The top level is not found and its compile not yet asked for.
    fn top_waiting(&self) -> bool {
        (0..self.tracked.len()).any(|i| self.tracked[i].top && self.state(i) == State::NotFound)
    }

    /// Asks for the top level's compile once the delay is over and no
    /// body's compile is outstanding.
    fn compile_top_when_due(&mut self) {
        if self.conn.is_none() || self.started.elapsed() < TOP_LEVEL_DELAY {
            return;
        }
        let n = self.tracked.len();
        if (0..n).any(|i| !self.tracked[i].top && self.state(i) == State::Compiling) {
            return;
        }
        for i in 0..n {
            if self.tracked[i].top && self.state(i) == State::NotFound {
                self.compile(i);
            }
        }
    }

    fn lock_report(&self) -> std::sync::MutexGuard<'_, JitReport> {
        self.report.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set_state(&self, i: usize, state: State) {
        self.lock_report().entries[i].state = state;
    }

    fn state(&self, i: usize) -> State {
        self.lock_report().entries[i].state
    }

    /// Every entry's state, read at once.
    fn states(&self) -> Vec<State> {
        self.lock_report().entries.iter().map(|e| e.state).collect()
    }

    /// Which entries need not be compiled (now): the plain entries that a
    /// loop's code covers (see [`L0::covered`]), and the speculative
    /// entries of bodies whose every caller runs speculative code, or will (its own is
    /// compiled, or it is hot and its plain code has not failed), or is
    /// such a body itself. Their callers' units hold their code, so
    /// compiling their own only copies it: in a chain of N bodies that are
    /// hot together, N units of up to N bodies each, where one holds the
    /// chain. A caller's code that fails makes the body's own due again.
    /// What it costs: a call of a caller that was already running when
    /// the caller's code came (its code serves the calls after) still
    /// calls the body's plain code. One pass, callers first (see
    /// `holdable`). Bodies that the code bound at start holds are held
    /// from the start.
    ///
    /// The top level's code is compiled for the next run, so it holds
    /// nothing while the program runs. Once the program has ended, what
    /// is compiled serves the next run only, and there the top level's
    /// code (which the end asks for, unless compiled or compiling already)
    /// holds its callees too: a chain's run that ends before f1's
    /// speculative code was asked for does not ask for it then, since the
    /// top level's unit holds the whole chain again.
    fn held(&self) -> Vec<bool> {
        let top_level_counts = self.ended;
        let states = self.states();
        let runs_speculative = |i: usize| {
            let t = &self.tracked[i];
            if t.top {
                // known to L1 and not failed: compiled, or asked for now
                return top_level_counts
                    && matches!(
                        states[i],
                        State::Compiled | State::Compiling | State::NotFound | State::Querying
                    );
            }
            t.upgrade_of.is_some_and(|base| {
                states[i] == State::Compiled
                    || (t.hot && states[i] != State::Failed && states[base] != State::Failed)
            })
        };
        let mut held = self.held_at_start.clone();
        for (own, callers) in &self.holdable {
            held[*own] |= callers.iter().all(|&c| held[c] || runs_speculative(c));
        }
        for (i, h) in held.iter_mut().enumerate() {
            *h |= self.covered(i, &states);
        }
        held
    }

    /// Whether plain entry `i` is one that a loop's code covers (see
    /// `Tracked::covers`), and that code has come: every call of the body
    /// from now on runs in it, so the body's own code would go unused.
    /// (A call already running when the loop moved into its code finishes
    /// interpreted.) In the next run the top level's code, or the loop's
    /// again, holds it the same way.
    fn covered(&self, i: usize, states: &[State]) -> bool {
        self.tracked
            .iter()
            .enumerate()
            .any(|(l, t)| states[l] == State::Compiled && t.covers.contains(&i))
    }

    /// Shows in the report which entries are held (see [`L0::held`]).
    fn mark_held(&self, held: &[bool]) {
        let mut r = self.lock_report();
        for (e, &h) in r.entries.iter_mut().zip(held) {
            e.held = h;
        }
    }

    /// A new connection: a reader thread feeds replies into our queue, and
    /// every request that was in flight is asked again.
    fn connected(&mut self, ch: Channel<UnixStream>) {
        self.generation += 1;
        let g = self.generation;
        let Ok(mut reader) = ch.try_clone() else {
            return;
        };
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            while let Ok(Some(m)) = reader.recv() {
                if tx.send(Input::Reply(g, m)).is_err() {
                    return;
                }
            }
            let _ = tx.send(Input::Lost(g));
        });
        self.conn = Some(ch);
        // a hot loop that holds bodies first, so that they wait for it
        let loops_first = (0..self.tracked.len())
            .filter(|&i| !self.tracked[i].holds.is_empty())
            .chain((0..self.tracked.len()).filter(|&i| self.tracked[i].holds.is_empty()));
        for i in loops_first.collect::<Vec<_>>() {
            match self.state(i) {
                // already hot: a compile request is answered at once too
                // when the code is known, and saves the query's round trip
                State::Unknown | State::Querying if self.wants_compile(i) => self.compile(i),
                State::Unknown | State::Querying if self.tracked[i].defined => self.query(i),
                State::Compiling => self.compile(i),
                State::NotFound if self.wants_compile(i) => self.compile(i),
                _ => {}
            }
        }
    }

    fn send(&mut self, m: &Msg) {
        let lost = match self.conn.as_mut() {
            Some(ch) => ch.send(m).is_err(),
            None => false,
        };
        if lost {
            self.conn = None;
        }
    }

    fn query(&mut self, i: usize) {
        self.set_state(i, State::Querying);
        self.tracked[i].requested = Some(Instant::now());
        let symbol = self.tracked[i].symbol.clone();
        self.send(&Msg::Query { symbol });
    }

    fn compile(&mut self, i: usize) {
        self.set_state(i, State::Compiling);
        self.tracked[i].requested = Some(Instant::now());
        let tree = self.tree(i);
        self.send(&Msg::Compile { tree });
    }

    /// The subtree a compile of `i` sends: its root, with the `def`s its
    /// code may call directly (none for a body's plain code, so that L1
    /// derives the plain entry).
    fn tree(&self, i: usize) -> Vec<u8> {
        let t = &self.tracked[i];
        wire::encode(&self.ast, t.root, &self.graph.reached(&t.calls))
    }

    fn defined(&mut self, id: NodeId) {
        for i in 0..self.tracked.len() {
            if self.tracked[i].node == id && !self.tracked[i].defined {
                self.tracked[i].defined = true;
                if self.state(i) == State::Unknown && self.conn.is_some() {
                    self.query(i);
                }
            }
        }
    }

    fn hot(&mut self, id: NodeId) {
        for i in 0..self.tracked.len() {
            if self.tracked[i].node == id {
                self.tracked[i].hot = true;
                self.tracked[i].hot_at = Some(Instant::now());
                // a body waits for its query's answer; a loop's body waits
                // LOOP_DELAY (compile_waiting_loops)
                if self.state(i) == State::NotFound && self.conn.is_some() && self.wants_compile(i)
                {
                    self.compile(i);
                }
            }
        }
    }

    /// Whether the hot entry at `i` is to be compiled. A loop's body is
    /// not when the function body or loop around it is hot or has code
    /// already (that code will run the loop), nor while L1 has yet to say
    /// whether it has that code, nor while any function body compiles. The
    /// top level around it never counts: it runs already, so its code only
    /// serves the next run.
    ///
    /// A function body's speculative code waits until its plain code is
    /// there and nothing else compiles (see [`prepare`]): one at a time,
    /// after the loops.
    fn wants_compile(&self, i: usize) -> bool {
        if !self.tracked[i].hot {
            return false;
        }
        if self.tracked[i].upgrade_of.is_some() {
            return self.next_upgrade() == Some(i);
        }
        if self.waits_for_loop(i) || self.covered(i, &self.states()) {
            return false;
        }
        if self.loop_waiting(i) || (self.tracked[i].within.is_some() && self.body_compiling(i)) {
            return false;
        }
        let mut around = self.tracked[i].within;
        while let Some(j) = around {
            let t = &self.tracked[j];
            let covered = matches!(
                self.state(j),
                State::Querying | State::Compiling | State::Compiled
            );
            if !t.top && (t.hot || covered) {
                return false;
            }
            around = t.within;
        }
        true
    }

    /// Whether a function body's plain compile is outstanding, other than
    /// of the bodies loop `l`'s code holds: loop bodies wait for it, so
    /// that their compiles never take a core from it (a function body, run
    /// at every call, gains more).
    fn body_compiling(&self, l: usize) -> bool {
        (0..self.tracked.len()).any(|j| {
            let t = &self.tracked[j];
            !t.top
                && t.within.is_none()
                && t.upgrade_of.is_none()
                && self.state(j) == State::Compiling
                && !self.tracked[l].holds.contains(&j)
        })
    }

    /// Whether the function body's plain entry `i` waits for the code of a
    /// loop of the top level that holds it: while that loop is hot and its
    /// code not there yet, or, for [`LOOP_DELAY`] after `i` became hot,
    /// until the loop becomes hot too. A chain of bodies that a loop calls
    /// becomes hot with it (the loop after ten times the iterations), and
    /// the loop's one unit, which runs them all inlined, compiles in about
    /// the time of their plain code in batches (chain40: 0.25 s against
    /// 0.55 s), so the loop goes first. Once its code is there (or has
    /// failed) the bodies' plain code is asked for, for calls from
    /// elsewhere; when nothing else calls them, it is not (see
    /// [`L0::covered`]).
    fn waits_for_loop(&self, i: usize) -> bool {
        let recent = self.tracked[i]
            .hot_at
            .is_some_and(|at| at.elapsed() < LOOP_DELAY);
        self.tracked.iter().enumerate().any(|(l, t)| {
            t.holds.contains(&i)
                && match self.state(l) {
                    State::Compiling => true,
                    State::Unknown => t.hot || recent,
                    _ => false,
                }
        })
    }

    /// Whether `i` is a loop's body still within [`LOOP_DELAY`] of becoming
    /// hot. A loop of the top level does not wait: no function body
    /// around it can become hot.
    fn loop_waiting(&self, i: usize) -> bool {
        let t = &self.tracked[i];
        let in_top_level = t.within.is_some_and(|w| self.tracked[w].top);
        t.within.is_some() && !in_top_level && t.hot_at.is_some_and(|at| at.elapsed() < LOOP_DELAY)
    }

    /// When the next hot loop's body, or body waiting for a loop, is done
    /// waiting, if one waits.
    fn next_loop_due(&self) -> Option<Instant> {
        (0..self.tracked.len())
            .filter(|&i| {
                let waiting_loop = self.loop_waiting(i) && self.state(i) == State::Unknown;
                // or a body that waits for a loop to become hot
                let waiting_body = self.state(i) == State::NotFound
                    && self.tracked[i]
                        .hot_at
                        .is_some_and(|at| at.elapsed() < LOOP_DELAY)
                    && self.tracked.iter().any(|t| t.holds.contains(&i) && !t.hot);
                waiting_loop || waiting_body
            })
            .filter_map(|i| self.tracked[i].hot_at.map(|at| at + LOOP_DELAY))
            .min()
    }

    /// The speculative code to ask for next, if any is due: a hot body's
    /// whose query found nothing, whose plain code is there and that no
    /// caller holds (see [`L0::held`]), while no other compile than the
    /// top level's is outstanding. The first in entry order. (It also
    /// brings the report's held marks up to date.)
    fn next_upgrade(&self) -> Option<usize> {
        let states = self.states();
        let n = self.tracked.len();
        if (0..n).any(|j| !self.tracked[j].top && states[j] == State::Compiling) {
            return None;
        }
        let held = self.held();
        self.mark_held(&held);
        (0..n).find(|&i| {
            let t = &self.tracked[i];
            t.hot
                && !held[i]
                && states[i] == State::NotFound
                && t.upgrade_of
                    .is_some_and(|base| states[base] == State::Compiled)
        })
    }

    /// Compiles the hot loops, the plain code of bodies that waited for a
    /// loop, and the speculative code that were waiting (see
    /// [`L0::wants_compile`]).
    fn compile_waiting(&mut self) {
        if self.conn.is_none() {
            return;
        }
        for i in 0..self.tracked.len() {
            let t = &self.tracked[i];
            let waiting = match self.state(i) {
                State::Unknown => t.within.is_some(),
                State::NotFound => !t.top && t.within.is_none() && t.upgrade_of.is_none(),
                _ => false,
            };
            if waiting && self.wants_compile(i) {
                self.compile(i);
            }
        }
        if let Some(i) = self.next_upgrade() {
            self.compile(i);
        }
    }

    fn reply(&mut self, msg: Msg, swapper: &Swapper) {
        match msg {
            Msg::Found {
                symbol,
                lib,
                size,
                hash,
            } => {
                let lib = JitLibrary {
                    path: PathBuf::from(lib),
                    size,
                    hash,
                };
                let address = self.store.open_jit_library(&lib, &symbol);
                for i in self.indices(&symbol) {
                    match &address {
                        Ok(a) => {
                            let t = &self.tracked[i];
                            let swapped = if t.within.is_some() {
                                swapper.resume_at(t.node, *a)
                            } else if t.upgrade_of.is_none() && self.upgraded.contains(&t.node) {
                                false // its speculative code came first
                            } else {
                                swapper.swap(t.node, *a)
                            };
                            if swapped && t.upgrade_of.is_some() {
                                self.upgraded.insert(t.node);
                            }
                            let now = Instant::now();
                            let since_start = |at: Option<Instant>| {
                                at.map(|at| at.saturating_duration_since(self.started))
                            };
                            let (hot_at, requested_at) =
                                (since_start(t.hot_at), since_start(t.requested));
                            let mut r = self.lock_report();
                            let e = &mut r.entries[i];
                            e.state = State::Compiled;
                            e.swapped = swapped;
                            if swapped {
                                e.hot_at = hot_at;
                                e.requested_at = requested_at;
                                e.swapped_at = Some(now.saturating_duration_since(self.started));
                            }
                        }
                        Err(e) => {
                            eprintln!("naruby: cannot load JIT code for {symbol}: {e}");
                            self.set_state(i, State::Failed);
                        }
                    }
                }
            }
            Msg::NotFound { symbol } => {
                for i in self.indices(&symbol) {
                    // it answers a query only: a compile asked for since
                    // (at the program's end, say) stays outstanding
                    if self.state(i) != State::Querying {
                        continue;
                    }
                    self.set_state(i, State::NotFound);
                    // the top level's compile waits: see compile_top_when_due
                    if self.wants_compile(i) {
                        self.compile(i);
                    }
                }
                self.compile_waiting();
            }
            Msg::Failed { symbol, message } => {
                let hit = self.indices(&symbol);
                if hit.is_empty() {
                    eprintln!("naruby: the JIT daemon refused a request: {message}");
                }
                for &i in &hit {
                    self.set_state(i, State::Failed);
                }
                if let Some(&i) = hit.first() {
                    let name = self.lock_report().entries[i].name.clone();
                    eprintln!(
                        "naruby: JIT compile of {name} failed; it stays interpreted:\n{message}"
                    );
                }
            }
            Msg::Refused { message } => {
                eprintln!("naruby: the JIT daemon refused us: {message}");
                self.conn = None;
            }
            _ => {}
        }
    }

    fn indices(&self, symbol: &str) -> Vec<usize> {
        (0..self.tracked.len())
            .filter(|&i| self.tracked[i].symbol == symbol)
            .collect()
    }
}

/// Starts an L1 for the store at `root` in the background, in its own
/// process group (a terminal's ^C for this program does not stop it); it
/// exits by itself when idle. A thread tells L0 (`tx`) when the daemon's
/// first line says it listens, or when it has exited: polling for the
/// socket cost the first run several milliseconds. It then reaps it.
fn spawn_l1(root: PathBuf, tx: Sender<Input>) {
    use std::os::unix::process::CommandExt;
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let child = std::process::Command::new(exe)
        .args(["jit", "l1", "--idle-exit", "30", "--code-store"])
        .arg(root)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .process_group(0)
        .spawn();
    if let Ok(mut child) = child {
        std::thread::spawn(move || {
            if let Some(out) = child.stdout.take() {
                let mut line = String::new();
                let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(out), &mut line);
            }
            let _ = tx.send(Input::Spawned);
            let _ = child.wait();
        });
    }
}
