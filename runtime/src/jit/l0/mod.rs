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
//! and after [`order::LOOP_DELAY`], the whole loop is compiled unless the
//! code around it will run it (see [`L0::wants_compile`]), and the running
//! loop continues in that code (`Swapper::resume_at`). If L1 is not
//! running, L0 starts one; if L1 cannot be reached, the program runs
//! interpreted with one warning, and L0 keeps trying to reconnect (a
//! restarted daemon is picked up mid-run).
//!
//! The thread and its messages are here; which entries are tracked, and
//! how, is `track`; which compile is due when is `order`.

mod order;
mod track;

pub use track::prepare;

use super::l1;
use super::proto::{Channel, Msg};
use super::report::{JitReport, SharedReport, State};
use super::wire;
use crate::ffi::{JitEvent, Swapper};
use crate::node::{Ast, NodeId};
use crate::speculate::DefGraph;
use crate::store::{CodeStore, JitLibrary};
use order::TOP_LEVEL_DELAY;
use std::collections::HashSet;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// Calls after which a body is compiled, unless configured.
pub const DEFAULT_THRESHOLD: u32 = 100;

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
                // LOOP_DELAY (`order`)
                if self.state(i) == State::NotFound && self.conn.is_some() && self.wants_compile(i)
                {
                    self.compile(i);
                }
            }
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
