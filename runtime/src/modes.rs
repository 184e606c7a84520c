//! The execution modes that involve the code store: the default run (bind
//! whatever the store holds for the program, speculative code first: for
//! its stored profile, else for the names it defines once, as `--jit`
//! compiles it), `--compile` (specialize the program's entries as the
//! default run would look for them, store, bind, run) and `--pg` (run interpreted while recording what every
//! call site calls, then store that profile and the speculative entries it
//! implies),
//! plus the `--stats` report.

use crate::aot::PER_NODE_MAX_NODES;
use crate::cc_options::CompilerOptions;
use crate::driver::{self, Source};
use crate::entries::{abi_fingerprint, entry_choices, entry_roots, program_entries, EntryChoice};
use crate::entries::{NARUBY_H, NODES_H};
use crate::ffi::{ExitHook, RunView};
use crate::jit::{l0, report};
use crate::lower::Lowered;
use crate::node::{NodeId, Operand};
use crate::profile::{program_key, Profile};
use crate::speculate::{program_speculation, Speculation, SpeculationSource};
use crate::store::{self, CodeStore, Entry, Headers, StoreConfig, StoreError};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Interpret only; never touch the store.
    Plain,
    /// Bind what the store already holds.
    Default,
    /// Specialize, store and bind the entries a default run looks for
    /// first (speculating as its stored profile or else its text says),
    /// then run.
    Compile,
    /// Run interpreted recording a profile, then store the profile and
    /// compile the speculative entries it implies (`--pg`).
    Profile,
    /// Bind what the store holds, then let the JIT (L0 thread, L1 daemon)
    /// compile and swap in the rest while the program runs (`--jit`).
    Jit,
}

#[derive(Debug, Clone, Default)]
pub struct StoreOptions {
    pub dir: Option<PathBuf>,
    pub stats: bool,
    /// Calls that make a function body hot under `--jit` (0: the default).
    pub jit_threshold: u32,
    /// `--compile` stores plain code (`--no-speculation`).
    pub no_speculation: bool,
}

/// What binding found or did before the run.
#[derive(Default)]
struct Outcome {
    hits: usize,
    misses: usize,
    compiled: usize,
    compile_time: Duration,
    store: String,
    /// Names the bound code may speculate on: from a stored profile, or
    /// (without one) the program text (`Speculation::from_text`).
    profile_names: usize,
    text_names: usize,
    /// Entries bound to speculative code.
    speculative_entries: usize,
    /// Function bodies left unbound because the speculative code bound to
    /// the top level holds them (`Speculation::held_bodies`).
    held: HashSet<NodeId>,
    /// The symbol bound to each entry root bound (for `--jit`).
    symbols: HashMap<NodeId, String>,
}

impl Outcome {
    fn of(store: &CodeStore) -> Self {
        Outcome {
            store: store.path().display().to_string(),
            ..Outcome::default()
        }
    }
}

/// Node → address bindings, and what binding found or did.
type Bound = (Vec<(NodeId, usize)>, Outcome);

/// Runs `lowered` in `mode`; returns the exit status. Store problems are
/// reported on stderr and the program runs interpreted.
pub fn run(src: &Source, lowered: &Lowered, mode: Mode, opts: &StoreOptions) -> i32 {
    if mode == Mode::Plain {
        let hook = opts
            .stats
            .then(|| stats_hook(lowered, &[], Outcome::default(), None));
        return driver::run_bound(src, lowered, &[], false, hook, None);
    }
    let mut store = match open_store(opts) {
        Ok(store) => Some(store),
        Err(message) => {
            if mode != Mode::Default || opts.stats {
                eprintln!("naruby: code store unavailable, running interpreted: {message}");
            }
            None
        }
    };
    // what the run binds and compiles: worked out once
    let plan = match (mode, &store) {
        (Mode::Compile, Some(_)) if opts.no_speculation => Some(Plan::without_speculation(lowered)),
        (Mode::Compile | Mode::Jit, Some(store)) => Some(Plan::for_storing(store, lowered)),
        (Mode::Default, Some(store)) => Some(Plan::new(store, lowered)),
        _ => None,
    };
    let bound = match (mode, store.as_mut(), plan.as_ref()) {
        (Mode::Compile, Some(store), Some(plan)) => Some(bind_compiled(store, lowered, plan)),
        // a profiled run is interpreted: every call is counted where it is
        // dispatched, which compiled code would bypass
        (Mode::Profile, _, _) => None,
        (_, Some(store), Some(plan)) => Some(bind_stored(store, plan)),
        _ => None,
    };
    let (bindings, outcome) = match bound {
        Some(Ok(bound)) => bound,
        Some(Err(message)) => {
            if mode != Mode::Default || opts.stats {
                eprintln!("naruby: code store unavailable, running interpreted: {message}");
            }
            (Vec::new(), Outcome::default())
        }
        None => (Vec::new(), Outcome::default()),
    };
    let profiling = match (mode, store) {
        (Mode::Profile, Some(store)) => Some(ProfileJob {
            store,
            lowered: lowered.clone(),
        }),
        _ => None,
    };
    let observe = profiling.is_some();
    let (jit, jit_report) = match (mode, plan) {
        (Mode::Jit, Some(plan)) => start_jit(lowered, plan, &outcome.symbols, &outcome.held, opts),
        _ => (None, None),
    };
    let hook = match (opts.stats, jit_report) {
        (true, Some((report, finisher))) => {
            let stats = stats_hook(lowered, &bindings, outcome, profiling);
            Some(Box::new(move |view: &RunView| {
                finisher.finish();
                stats(view);
                let r = report.lock().unwrap_or_else(|e| e.into_inner());
                eprint!("{}", report::render_report(&r));
            }) as ExitHook)
        }
        (false, Some((_, finisher))) => {
            Some(Box::new(move |_: &RunView| finisher.finish()) as ExitHook)
        }
        (true, None) => Some(stats_hook(lowered, &bindings, outcome, profiling)),
        (false, None) => {
            profiling.map(|job| -> ExitHook { Box::new(move |view| drop(job.finish(view))) })
        }
    };
    driver::run_bound(src, lowered, &bindings, observe, hook, jit)
}

/// The JIT's hooks for a `--jit` run (L0 gets a store of its own).
fn start_jit(
    lowered: &Lowered,
    plan: Plan,
    bound: &HashMap<NodeId, String>,
    held: &HashSet<NodeId>,
    opts: &StoreOptions,
) -> (
    Option<crate::ffi::JitRun>,
    Option<(report::SharedReport, l0::Finisher)>,
) {
    let store = match open_store(opts) {
        Ok(s) => s,
        Err(_) => return (None, None), // already reported above
    };
    let jit_opts = l0::JitOptions {
        threshold: if opts.jit_threshold == 0 {
            l0::DEFAULT_THRESHOLD
        } else {
            opts.jit_threshold
        },
        spawn: std::env::var(l0::SPAWN_VAR).map_or(true, |v| v.trim() != "0"),
    };
    let (run, report, finisher) = l0::prepare(
        lowered,
        store,
        plan.spec,
        &plan.choices,
        bound,
        held,
        &jit_opts,
    );
    (Some(run), Some((report, finisher)))
}

/// Opens the code store the options name.
pub fn open_store(opts: &StoreOptions) -> Result<CodeStore, String> {
    let dir = StoreConfig::locate(opts.dir.clone()).map_err(|e| e.to_string())?;
    open_store_at(dir).map_err(|e| e.to_string())
}

/// Opens this build's part of the store at `dir`, configured from the
/// environment.
pub fn open_store_at(dir: PathBuf) -> Result<CodeStore, StoreError> {
    let mut config = StoreConfig::new(dir)?;
    let new_root = !config.dir.exists();
    let compiler = store::compiler_identity(&config.dir, &config.cc);
    config.options = CompilerOptions::for_compiler(store::is_gcc(&compiler), &config.cflags);
    let abi = abi_fingerprint(&config.cc, &compiler, &config.cflags);
    let headers = Headers {
        naruby_h: NARUBY_H,
        nodes_h: NODES_H,
    };
    let cc = config.cc.clone();
    let store = CodeStore::open(config, &abi, headers)?;
    if new_root {
        store::remember_identity(store.path(), &cc, &compiler);
    }
    Ok(store)
}

/// The stored profile of `lowered`, if there is a usable one.
pub fn stored_profile(store: &CodeStore, lowered: &Lowered) -> Option<Profile> {
    let text = store.read_profile(&program_key(lowered)).ok()??;
    Profile::parse(&text, lowered).ok()
}

/// What a run binds from the store and compiles into it, worked out once
/// so that binding and compiling read one profile: the program's
/// speculation (its stored profile, else the names it defines once) and
/// each entry's speculative and plain symbols.
pub struct Plan<'a> {
    pub spec: Speculation<'a>,
    pub source: SpeculationSource,
    pub choices: Vec<EntryChoice>,
    /// The bodies the speculative entries hold (`--pg` stores no entry
    /// of their own for them).
    pub held: HashSet<NodeId>,
}

impl<'a> Plan<'a> {
    /// What a default run looks for: speculative code first.
    pub fn new(store: &CodeStore, lowered: &'a Lowered) -> Self {
        Plan::of(lowered, stored_profile(store, lowered).as_ref())
    }

    /// What `--compile` stores and `--jit` compiles: [`Plan::new`]'s
    /// entries, except that a program of more than
    /// [`PER_NODE_MAX_NODES`] nodes without a profile gets plain code (see
    /// [`stores_speculative_code`]).
    pub fn for_storing(store: &CodeStore, lowered: &'a Lowered) -> Self {
        let profile = stored_profile(store, lowered);
        if stores_speculative_code(profile.is_some(), lowered.ast.len()) {
            Plan::of(lowered, profile.as_ref())
        } else {
            Plan::without_speculation(lowered)
        }
    }

    fn of(lowered: &'a Lowered, profile: Option<&Profile>) -> Self {
        let (mut spec, source) = program_speculation(lowered, profile);
        let choices = entry_choices(lowered, &mut spec);
        let held = spec.held_bodies(lowered);
        Plan {
            spec,
            source,
            choices,
            held,
        }
    }

    /// Plain code for every entry (`--compile --no-speculation`).
    pub fn without_speculation(lowered: &'a Lowered) -> Self {
        let mut spec = Speculation::none(&lowered.ast);
        let choices = entry_choices(lowered, &mut spec);
        Plan {
            spec,
            source: SpeculationSource::Text,
            choices,
            held: HashSet::new(),
        }
    }
}

/// Whether `--compile` stores, and `--jit` compiles, speculative code for
/// a program of `nodes` nodes, `profiled` or not. Speculative code puts a
/// caller and every callee it holds through gcc as one unit, serially;
/// plain entries go through in bundles, two at a time. For a large
/// program speculating on its text that unit costs far more: 1000
/// five-node functions called from one loop took 22.8 s against 6.0 s
/// (benches/NOTES.md). A stored profile is followed whatever the size:
/// `--pg` has compiled its code already.
pub fn stores_speculative_code(profiled: bool, nodes: usize) -> bool {
    profiled || nodes <= PER_NODE_MAX_NODES
}

/// `--compile`: specializes the program's entries as `plan` speculates
/// (what a later default run looks for first), stores what is missing and
/// returns node → address bindings.
fn bind_compiled(store: &mut CodeStore, lowered: &Lowered, plan: &Plan) -> Result<Bound, String> {
    let mut outcome = Outcome::of(store);
    let entries = program_entries(lowered, &plan.spec);
    let report = compile(
        store,
        &entries.iter().map(to_store_entry).collect::<Vec<_>>(),
    )?;
    outcome.compiled = report.compiled;
    outcome.hits = report.hits;
    outcome.misses = report.misses;
    outcome.compile_time = report.time;
    let bindings = bind_choices(plan, &report.addresses, &mut outcome);
    Ok((bindings, outcome))
}

/// Binds what the store holds of `plan`: each entry's speculative code if
/// stored, else its plain code.
fn bind_stored(store: &mut CodeStore, plan: &Plan) -> Result<Bound, String> {
    let mut outcome = Outcome::of(store);
    let wanted: Vec<&str> = plan
        .choices
        .iter()
        .flat_map(|c| [c.speculative.as_str(), c.plain.as_str()])
        .collect();
    let loaded = store.load(&wanted).map_err(|e| e.to_string())?;
    let bindings = bind_choices(plan, &loaded.addresses, &mut outcome);
    outcome.hits = bindings.len();
    outcome.misses = plan.choices.len() - bindings.len() - outcome.held.len();
    Ok((bindings, outcome))
}

/// Binds each entry root of `plan` to its speculative code if `addresses`
/// has it, else to its plain code, and notes in `outcome` what the binding
/// speculates on and which bodies run inside their callers' code.
fn bind_choices(
    plan: &Plan,
    addresses: &HashMap<String, usize>,
    outcome: &mut Outcome,
) -> Vec<(NodeId, usize)> {
    match plan.source {
        SpeculationSource::Profile => outcome.profile_names = plan.spec.len(),
        SpeculationSource::Text => outcome.text_names = plan.spec.len(),
    }
    let mut bindings = Vec::new();
    for c in &plan.choices {
        if let Some(&a) = addresses.get(&c.speculative) {
            bindings.push((c.node, a));
            outcome.symbols.insert(c.node, c.speculative.clone());
            if c.speculative != c.plain {
                outcome.speculative_entries += 1;
            }
        } else if let Some(&a) = addresses.get(&c.plain) {
            bindings.push((c.node, a));
            outcome.symbols.insert(c.node, c.plain.clone());
        }
    }
    // the held bodies run inside the top level's speculative code, so
    // missing entries of their own are no misses
    let top_speculative = plan.choices.first().is_some_and(|top| {
        top.speculative != top.plain && outcome.symbols.get(&top.node) == Some(&top.speculative)
    });
    if top_speculative {
        let bound: HashSet<NodeId> = bindings.iter().map(|b| b.0).collect();
        outcome.held = plan
            .choices
            .iter()
            .map(|c| c.node)
            .filter(|n| plan.held.contains(n) && !bound.contains(n))
            .collect();
    }
    bindings
}

fn to_store_entry(e: &crate::entries::ProgramEntry) -> Entry {
    Entry {
        symbol: e.symbol.clone(),
        source: e.source.clone(),
        alone: e.speculates,
    }
}

struct Compiled {
    addresses: HashMap<String, usize>,
    compiled: usize,
    hits: usize,
    misses: usize,
    time: Duration,
}

/// Stores (compiling what is missing) and loads `entries`; a failed entry
/// is reported and runs interpreted.
fn compile(store: &mut CodeStore, entries: &[Entry]) -> Result<Compiled, String> {
    let report = store.compile_and_load(entries).map_err(|e| e.to_string())?;
    for (symbol, message) in &report.failures {
        eprintln!("naruby: compiling {symbol} failed; it runs interpreted:\n{message}");
    }
    Ok(Compiled {
        compiled: report.compiled,
        hits: report.already_stored,
        misses: report.compiled + report.failures.len(),
        time: report.compile_time,
        addresses: report.addresses,
    })
}

/// The end of a `--pg` run: store the profile and the speculative entries.
struct ProfileJob {
    store: CodeStore,
    lowered: Lowered,
}

/// What a `--pg` run stored, for `--stats`.
struct ProfileOutcome {
    sites: usize,
    speculated: usize,
    entries: usize,
    /// Function bodies left without an entry: their callers hold them.
    held: usize,
    compiled: usize,
    time: Duration,
}

impl ProfileJob {
    fn finish(mut self, view: &RunView) -> Result<ProfileOutcome, String> {
        let start = Instant::now();
        let lowered = &self.lowered;
        let profile = Profile::observe(lowered, view);
        let result = (|| {
            self.store
                .write_profile(&program_key(lowered), &profile.to_text())
                .map_err(|e| e.to_string())?;
            let mut spec = profile.speculation(lowered);
            let held_bodies = spec.held_bodies(lowered);
            let held = entry_roots(lowered)
                .iter()
                .filter(|root| held_bodies.contains(root))
                .count();
            let entries = program_entries(lowered, &spec);
            let report = compile(
                &mut self.store,
                &entries.iter().map(to_store_entry).collect::<Vec<_>>(),
            )?;
            Ok(ProfileOutcome {
                sites: profile.sites.len(),
                speculated: spec.len(),
                entries: entries.len(),
                held,
                compiled: report.compiled,
                time: start.elapsed(),
            })
        })();
        if let Err(message) = &result {
            eprintln!("naruby: --pg could not store the profile or its code: {message}");
        }
        result
    }
}

/// The `--stats` exit hook: reports on stderr what ran specialized, the
/// store, and the guarded direct calls; first finishes a `--pg` run.
fn stats_hook(
    lowered: &Lowered,
    bindings: &[(NodeId, usize)],
    mut outcome: Outcome,
    profiling: Option<ProfileJob>,
) -> ExitHook {
    let bound: HashSet<NodeId> = bindings.iter().map(|b| b.0).collect();
    let held = std::mem::take(&mut outcome.held);
    // entry root, its nodes (not counting nested entries), whether bound,
    // whether a function body
    let entries: Vec<(NodeId, usize, bool, bool)> = entry_roots(lowered)
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
    Box::new(move |view| {
        let pg = profiling.map(|job| job.finish(view));
        let ran: Vec<_> = entries
            .iter()
            .filter(|e| e.2 && view.entered(e.0))
            .collect();
        let ran_nodes: usize = ran.iter().map(|e| e.1).sum();
        let ran_bodies = ran.iter().filter(|e| e.3).count();
        let unbound_entered = entries.iter().filter(|e| !e.2 && view.entered(e.0));
        let (in_callers, interpreted): (Vec<&(NodeId, usize, bool, bool)>, Vec<_>) =
            unbound_entered.partition(|e| held.contains(&e.0));
        eprintln!(
            "naruby stats: entries {} (bound {}); ran specialized: {} entries, {ran_nodes} nodes, {ran_bodies} function bodies; ran interpreted: {} entries; ran in their callers' code: {} function bodies",
            entries.len(),
            bound.len(),
            ran.len(),
            interpreted.len(),
            in_callers.len(),
        );
        eprintln!(
            "naruby stats: store {}: hits {}, misses {}, compiled {}, compile time {:.1} ms",
            if outcome.store.is_empty() {
                "unused"
            } else {
                &outcome.store
            },
            outcome.hits,
            outcome.misses,
            outcome.compiled,
            outcome.compile_time.as_secs_f64() * 1000.0
        );
        let (hits, misses) = view.speculation_counts();
        let regions = view.regions_entered();
        eprintln!(
            "naruby stats: speculation: profile names {}, names from the text {}, speculative entries bound {}; guarded direct calls: hits {hits}, misses {misses}; regions entered {regions}",
            outcome.profile_names, outcome.text_names, outcome.speculative_entries,
        );
        if let Some(Ok(pg)) = pg {
            eprintln!(
                "naruby stats: --pg: observed {} call sites, speculating on {} names; {} entries, compiled {}, in {:.1} ms; {} function bodies held in their callers' code",
                pg.sites,
                pg.speculated,
                pg.entries,
                pg.compiled,
                pg.time.as_secs_f64() * 1000.0,
                pg.held
            );
        }
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speculative_code_follows_the_text_up_to_the_large_size_and_any_profile() {
        assert!(stores_speculative_code(false, PER_NODE_MAX_NODES));
        assert!(!stores_speculative_code(false, PER_NODE_MAX_NODES + 1));
        assert!(stores_speculative_code(true, 10 * PER_NODE_MAX_NODES));
    }
}
