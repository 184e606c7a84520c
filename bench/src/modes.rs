//! The execution modes compared, and the setup each needs before timing.

use crate::jit_daemon;
use crate::measure::{self, Invocation, Timed};
use crate::results::Outcome;
use crate::stats::Stats;
use crate::suite::Prepared;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Deep-recursion workloads overflow CRuby's default 1 MiB VM stack.
pub const RUBY_STACK_ENV: (&str, &str) = ("RUBY_THREAD_VM_STACK_SIZE", "268435456");

/// Fewest `--aot` builds timed per workload in a full run, whatever
/// `--runs` says.
const MIN_AOT_BUILDS: usize = 3;

/// How many `--aot` builds to time: one in a quick (smoke) run, which must
/// stay short.
pub fn aot_builds(runs: usize, quick: bool) -> usize {
    if quick {
        1
    } else {
        runs.max(MIN_AOT_BUILDS)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `naruby --plain`: the interpreter only.
    Plain,
    /// `naruby --compile` on an empty store: specialization cost included.
    StoreCold,
    /// `naruby` binding an already-primed store.
    StoreWarm,
    /// `naruby` binding a store primed with `--compile --no-speculation`:
    /// plain specialized code, what `--pg`'s speculation is measured
    /// against.
    StorePlain,
    /// `naruby --compile` on a primed store: the warm `--compile` overhead.
    StoreCompileWarm,
    /// `naruby` binding a store primed once with `--pg`: the second run of
    /// a profiled program, with its speculative code.
    Pg,
    /// The `naruby --aot` executable, built against an empty store so it
    /// speculates on what the program text says, never on a stored profile.
    Aot,
    /// `naruby --jit` on an empty store with no JIT daemon running: the
    /// first run (L0 starts L1, which compiles while the program runs).
    JitCold,
    /// `naruby --jit` once a JIT run has filled the store and L1 has
    /// consolidated it: the second run.
    JitWarm,
    /// The hand-written C reference at `-O3`.
    C,
    Ruby,
    Yjit,
}

impl Mode {
    /// Run order; the cheap, informative modes first.
    pub const ALL: [Mode; 12] = [
        Mode::Plain,
        Mode::StoreCold,
        Mode::StoreWarm,
        Mode::StorePlain,
        Mode::StoreCompileWarm,
        Mode::Pg,
        Mode::JitCold,
        Mode::JitWarm,
        Mode::Aot,
        Mode::C,
        Mode::Ruby,
        Mode::Yjit,
    ];

    /// The name used by `--skip-mode` and in progress lines.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Plain => "plain",
            Mode::StoreCold => "store-cold",
            Mode::StoreWarm => "store-warm",
            Mode::StorePlain => "store-plain",
            Mode::StoreCompileWarm => "store-compile-warm",
            Mode::Pg => "pg",
            Mode::JitCold => "jit-cold",
            Mode::JitWarm => "jit-warm",
            Mode::Aot => "aot",
            Mode::C => "c",
            Mode::Ruby => "ruby",
            Mode::Yjit => "yjit",
        }
    }

    pub fn parse(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Column heading in the report.
    pub fn heading(self) -> &'static str {
        match self {
            Mode::Plain => "plain",
            Mode::StoreCold => "store cold",
            Mode::StoreWarm => "store warm",
            Mode::StorePlain => "store plain code",
            Mode::StoreCompileWarm => "warm --compile",
            Mode::Pg => "--pg (2nd run)",
            Mode::JitCold => "--jit 1st run",
            Mode::JitWarm => "--jit 2nd run",
            Mode::Aot => "AOT",
            Mode::C => "C -O3",
            Mode::Ruby => "CRuby",
            Mode::Yjit => "YJIT",
        }
    }
}

/// The programs the modes run, found once per harness run.
#[derive(Clone, Debug)]
pub struct Tools {
    pub naruby: PathBuf,
    /// The C compiler command, possibly with leading arguments (`$CC`).
    pub cc: String,
    /// `ruby -v`, when `ruby` is on PATH.
    pub ruby: Option<String>,
    pub yjit: bool,
    pub runs: usize,
    pub aot_builds: usize,
    pub timeout: Duration,
}

impl Tools {
    fn naruby(&self) -> Invocation {
        Invocation::new(&self.naruby)
    }

    fn cc(&self) -> Invocation {
        let mut words = self.cc.split_whitespace();
        let program = words.next().unwrap_or("cc");
        Invocation::new(program).args(words)
    }

    fn ruby(&self) -> Invocation {
        Invocation::new("ruby").env(RUBY_STACK_ENV.0, RUBY_STACK_ENV.1)
    }
}

/// A mode made ready to time, plus the build time where the mode has one.
pub struct Setup {
    pub timed: Result<Timed, Outcome>,
    pub build: Option<Outcome>,
}

impl Setup {
    fn ready(timed: Result<Timed, Outcome>) -> Setup {
        Setup { timed, build: None }
    }
}

/// A command timed as it is, with nothing reset between runs.
fn timed_as_is(invocation: Invocation) -> Timed {
    Timed {
        invocation,
        wipe_before_each: None,
    }
}

/// How often [`wait_until_bound`] looks.
const BOUND_POLL: Duration = Duration::from_millis(100);

/// How long the store must stay as it is, the daemon running no compiler,
/// before [`wait_until_bound`] takes it as settled: a compile still queued
/// has started by then (the daemon takes the queue at once, waiting at
/// most 20 ms for a burst to end).
const SETTLED_FOR: Duration = Duration::from_millis(300);

/// As [`SETTLED_FOR`] where `/proc` does not show the daemon's compilers:
/// longer than the daemon waits before it consolidates, so that a compile
/// still running has had time to show.
const SETTLED_FOR_UNSEEN: Duration = Duration::from_millis(2500);

/// Waits (a minute at most) until the JIT daemon `daemon` has done all it
/// was asked for and consolidated it: a default run binds every entry of
/// the program, no entry library is newer than the store's aggregate, the
/// daemon runs no compiler, and all that has held for [`SETTLED_FOR`].
fn wait_until_bound(
    tools: &Tools,
    store: &Path,
    rb: &Path,
    expect: &str,
    daemon: u32,
) -> Result<(), Outcome> {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    let mut last: Option<(Vec<(PathBuf, SystemTime)>, std::time::Instant)> = None;
    loop {
        let probe = tools
            .naruby()
            .arg("--stats")
            .arg("--code-store")
            .arg(store)
            .arg(rb);
        let finished = measure::run_expecting(&probe, expect, tools.timeout)?;
        let compiling = jit_daemon::has_children(daemon);
        let settled = if finished.stderr.contains("misses 0") && compiling != Some(true) {
            consolidated_libraries(store)
        } else {
            None
        };
        let settled_for = if compiling.is_some() {
            SETTLED_FOR
        } else {
            SETTLED_FOR_UNSEEN
        };
        match (settled, &last) {
            (Some(now), Some((before, since))) if now == *before => {
                if since.elapsed() >= settled_for {
                    return Ok(());
                }
            }
            (Some(now), _) => last = Some((now, std::time::Instant::now())),
            (None, _) => last = None,
        }
        if std::time::Instant::now() > deadline {
            return Err(Outcome::Failed {
                detail: "the JIT daemon did not consolidate the store within a minute".into(),
            });
        }
        std::thread::sleep(BOUND_POLL);
    }
}

/// The store's entry libraries (`<abi>/jit`) and aggregates (`<abi>/lib`)
/// with their modification times, if every entry library is older than its
/// build's aggregate manifest (all consolidated); else `None`.
fn consolidated_libraries(store: &Path) -> Option<Vec<(PathBuf, SystemTime)>> {
    let mtime = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let mut seen = Vec::new();
    for abi in std::fs::read_dir(store).ok()?.flatten() {
        let jit = abi.path().join("jit");
        if !jit.is_dir() {
            continue;
        }
        let manifest = mtime(&abi.path().join("lib").join("manifest"));
        for dir in [jit, abi.path().join("lib")] {
            for file in std::fs::read_dir(&dir).ok()?.flatten() {
                let (path, at) = (file.path(), mtime(&file.path())?);
                let library = path.extension().is_some_and(|e| e == "so");
                if library && dir.ends_with("jit") && manifest.is_none_or(|m| at > m) {
                    return None;
                }
                seen.push((path, at));
            }
        }
    }
    seen.sort();
    Some(seen)
}

/// Does the per-mode setup (priming, builds) for one workload.
pub fn prepare(mode: Mode, tools: &Tools, work: &Prepared) -> Setup {
    let rb = &work.ruby_source;
    match mode {
        Mode::Plain => Setup::ready(Ok(timed_as_is(tools.naruby().arg("--plain").arg(rb)))),
        Mode::StoreCold => {
            let store = work.scratch.join("store-cold");
            Setup::ready(Ok(Timed {
                invocation: tools
                    .naruby()
                    .arg("--compile")
                    .arg("--code-store")
                    .arg(&store)
                    .arg(rb),
                wipe_before_each: Some(store),
            }))
        }
        Mode::StoreWarm | Mode::StorePlain | Mode::StoreCompileWarm => {
            // Each mode primes a store of its own: their timed runs are
            // interleaved, and a `--compile` run may write to its store.
            let store = work.scratch.join(mode.name());
            let mut compile = tools.naruby().arg("--compile");
            if mode == Mode::StorePlain {
                compile = compile.arg("--no-speculation");
            }
            let compile = compile.arg("--code-store").arg(&store).arg(rb);
            let primed = measure::wipe(&store)
                .and_then(|()| measure::run_expecting(&compile, &work.expect, tools.timeout));
            Setup::ready(primed.map(|_| {
                if mode == Mode::StoreCompileWarm {
                    timed_as_is(compile)
                } else {
                    timed_as_is(tools.naruby().arg("--code-store").arg(&store).arg(rb))
                }
            }))
        }
        Mode::Pg => {
            let store = work.scratch.join("store-pg");
            let profile = tools
                .naruby()
                .arg("--code-store")
                .arg(&store)
                .arg("--pg")
                .arg(rb);
            let primed = measure::wipe(&store)
                .and_then(|()| measure::run_expecting(&profile, &work.expect, tools.timeout));
            Setup::ready(
                primed.map(|_| timed_as_is(tools.naruby().arg("--code-store").arg(&store).arg(rb))),
            )
        }
        Mode::JitCold => {
            // wiping the store before each run also retires the daemon the
            // previous run started (it leaves when its socket is gone);
            // `--stats` reports the swaps on stderr at exit (see
            // `jit_latency`) and costs the run nothing measurable
            let store = work.scratch.join(mode.name());
            Setup::ready(Ok(Timed {
                invocation: tools
                    .naruby()
                    .arg("--jit")
                    .arg("--stats")
                    .arg("--code-store")
                    .arg(&store)
                    .arg(rb),
                wipe_before_each: Some(store),
            }))
        }
        Mode::JitWarm => {
            let store = work.scratch.join(mode.name());
            let jit = tools
                .naruby()
                .arg("--jit")
                .arg("--code-store")
                .arg(&store)
                .arg(rb);
            let log = work.scratch.join("jit-warm-l1.log");
            let primed = measure::wipe(&store).and_then(|()| {
                let daemon = jit_daemon::start(&tools.naruby, &store, &log)?;
                measure::run_expecting(&jit, &work.expect, tools.timeout)?;
                wait_until_bound(tools, &store, rb, &work.expect, daemon)
            });
            Setup::ready(primed.map(|()| timed_as_is(jit)))
        }
        Mode::Aot => prepare_aot(tools, work),
        Mode::C => {
            let exe = work.scratch.join("c-O3");
            let build = tools
                .cc()
                .arg("-O3")
                .arg("-o")
                .arg(&exe)
                .arg(&work.c_source);
            Setup::ready(
                measure::run_ok(&build, tools.timeout).map(|_| timed_as_is(Invocation::new(&exe))),
            )
        }
        Mode::Ruby | Mode::Yjit => Setup::ready(ruby_run(mode, tools, rb)),
    }
}

fn ruby_run(mode: Mode, tools: &Tools, rb: &Path) -> Result<Timed, Outcome> {
    if tools.ruby.is_none() {
        return Err(Outcome::Unavailable("ruby is not on PATH".into()));
    }
    match mode {
        Mode::Yjit if !tools.yjit => Err(Outcome::Unavailable("this ruby has no YJIT".into())),
        Mode::Yjit => Ok(timed_as_is(tools.ruby().arg("--yjit").arg(rb))),
        _ => Ok(timed_as_is(tools.ruby().arg(rb))),
    }
}

/// The `naruby --aot` build of `rb` into `exe`. It names a code store that
/// does not exist, so the build never follows a `--pg` profile from the
/// user's default store: the AOT column is always the speculation from the
/// program text.
fn aot_build(tools: &Tools, rb: &Path, empty_store: &Path, exe: &Path) -> Invocation {
    tools
        .naruby()
        .arg("--aot")
        .arg("--code-store")
        .arg(empty_store)
        .arg("--cc")
        .arg(&tools.cc)
        .arg(rb)
        .arg("-o")
        .arg(exe)
}

/// Builds the AOT executable several times, timing each build.
fn prepare_aot(tools: &Tools, work: &Prepared) -> Setup {
    let exe = work.scratch.join("aot");
    let empty_store = work.scratch.join("store-aot-empty");
    if let Err(failure) = measure::wipe(&empty_store) {
        return Setup {
            timed: Err(Outcome::Failed {
                detail: "the --aot build failed (see aot build)".into(),
            }),
            build: Some(failure),
        };
    }
    let build = aot_build(tools, &work.ruby_source, &empty_store, &exe);
    let mut seconds = Vec::new();
    for _ in 0..tools.aot_builds {
        match measure::run_ok(&build, tools.timeout) {
            Ok(finished) => seconds.push(finished.seconds),
            Err(failure) => {
                return Setup {
                    timed: Err(Outcome::Failed {
                        detail: "the --aot build failed (see aot build)".into(),
                    }),
                    build: Some(failure),
                }
            }
        }
    }
    let build = Stats::of(&seconds).map(Outcome::Timed);
    Setup {
        timed: Ok(timed_as_is(Invocation::new(&exe))),
        build,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_names_round_trip() {
        for mode in Mode::ALL {
            assert_eq!(Mode::parse(mode.name()), Some(mode));
        }
        assert_eq!(Mode::parse("pg"), Some(Mode::Pg));
        assert_eq!(Mode::Pg.heading(), "--pg (2nd run)");
    }

    #[test]
    fn aot_build_names_an_empty_store() {
        let tools = Tools {
            naruby: PathBuf::from("/bin/naruby"),
            cc: "gcc -m64".into(),
            ruby: None,
            yjit: false,
            runs: 1,
            aot_builds: 1,
            timeout: Duration::from_secs(1),
        };
        let build = aot_build(
            &tools,
            Path::new("/w/fib.rb"),
            Path::new("/w/store-aot-empty"),
            Path::new("/w/aot"),
        );
        assert_eq!(
            build.display(),
            "/bin/naruby --aot --code-store /w/store-aot-empty --cc gcc -m64 /w/fib.rb -o /w/aot"
        );
    }
}
