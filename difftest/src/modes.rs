//! The execution modes a program is run in, and running a program in a
//! chosen set of them. Each program gets its own directory with fresh code
//! stores (the JIT's store is the exception: one per work directory, so
//! that one daemon serves the whole campaign, as on a real machine); every
//! mode runs the file by the same relative path, so error messages name the
//! same file.

use crate::proc::{run, Outcome};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Plain,
    Compile,
    DefaultAfterCompile,
    Pg,
    DefaultAfterPg,
    /// `--jit --jit-threshold 1` on the campaign's JIT store: function
    /// bodies and loops are compiled once hot and swapped in (loops resumed
    /// in their code) while the program runs, if their code comes in time
    Jit,
    /// the same again once the daemon has compiled what the runs before
    /// asked for (see `jit_settled`): the program's code is bound at start
    /// or swapped in as soon as its query is answered
    JitAgain,
    /// AOT executable built with an empty store (speculates on what the
    /// program text says)
    Aot,
    /// AOT executable built with the `--pg` store (follows the profile)
    AotAfterPg,
    Ruby,
}

impl Mode {
    pub const ALL: [Mode; 10] = [
        Mode::Plain,
        Mode::Compile,
        Mode::DefaultAfterCompile,
        Mode::Pg,
        Mode::DefaultAfterPg,
        Mode::Jit,
        Mode::JitAgain,
        Mode::Aot,
        Mode::AotAfterPg,
        Mode::Ruby,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Plain => "plain",
            Mode::Compile => "compile",
            Mode::DefaultAfterCompile => "default-after-compile",
            Mode::Pg => "pg",
            Mode::DefaultAfterPg => "default-after-pg",
            Mode::Jit => "jit",
            Mode::JitAgain => "jit-again",
            Mode::Aot => "aot",
            Mode::AotAfterPg => "aot-after-pg",
            Mode::Ruby => "ruby",
        }
    }

    pub fn is_aot(self) -> bool {
        matches!(self, Mode::Aot | Mode::AotAfterPg)
    }
}

/// Where the tools are and how long a run may take.
#[derive(Clone, Debug)]
pub struct Tools {
    pub naruby: PathBuf,
    /// `ruby`, when CRuby is to be compared
    pub ruby: Option<PathBuf>,
    pub limit: Duration,
}

/// Runs that compile C (`--compile`, `--pg`, `--aot`) may take this many
/// times the limit: a large program under a loaded machine takes gcc
/// minutes, and a slow compile is not a disagreement.
pub const COMPILE_FACTOR: u32 = 20;

/// The file name every mode runs (error messages name it).
pub const FILE: &str = "prog.rb";

/// Runs `source` in each of `modes` (in `Mode::ALL` order, so the default
/// runs follow the runs that filled their stores) inside a fresh
/// directory under `work`, as `FILE`.
pub fn run_modes(tools: &Tools, source: &str, modes: &[Mode], work: &Path) -> Vec<(Mode, Outcome)> {
    run_modes_as(tools, source, FILE, modes, work)
}

/// `run_modes` with the program file called `file`.
pub fn run_modes_as(
    tools: &Tools,
    source: &str,
    file: &str,
    modes: &[Mode],
    work: &Path,
) -> Vec<(Mode, Outcome)> {
    let dir = match tempfile::tempdir_in(work) {
        Ok(d) => d,
        Err(e) => {
            let o = Outcome::harness_error(format!("cannot create a directory: {e}"));
            return modes.iter().map(|m| (*m, o.clone())).collect();
        }
    };
    let d = dir.path();
    if let Err(e) = std::fs::write(d.join(file), source) {
        let o = Outcome::harness_error(format!("cannot write the program: {e}"));
        return modes.iter().map(|m| (*m, o.clone())).collect();
    }
    let jit_store = work.join(JIT_STORE);
    let mut out = Vec::new();
    for mode in Mode::ALL {
        if modes.contains(&mode) {
            out.push((mode, run_mode(tools, mode, d, file, &jit_store)));
        }
    }
    out
}

/// The JIT's store, under the work directory.
const JIT_STORE: &str = "store-jit";

fn run_mode(tools: &Tools, mode: Mode, dir: &Path, file: &str, jit_store: &Path) -> Outcome {
    let compile_store = dir.join("store-compile");
    let pg_store = dir.join("store-pg");
    let empty_store = dir.join("store-empty");
    let naruby = |args: &[&OsStr]| run(&tools.naruby, args, dir, tools.limit);
    let compiling = |args: &[&OsStr]| run(&tools.naruby, args, dir, tools.limit * COMPILE_FACTOR);
    let file = OsStr::new(file);
    let cs = OsStr::new("--code-store");
    match mode {
        Mode::Plain => naruby(&[OsStr::new("--plain"), file]),
        Mode::Compile => compiling(&[cs, compile_store.as_os_str(), OsStr::new("--compile"), file]),
        Mode::DefaultAfterCompile => naruby(&[cs, compile_store.as_os_str(), file]),
        Mode::Pg => compiling(&[cs, pg_store.as_os_str(), OsStr::new("--pg"), file]),
        Mode::DefaultAfterPg => naruby(&[cs, pg_store.as_os_str(), file]),
        Mode::Jit => naruby(&jit_args(jit_store, file, false)),
        Mode::JitAgain => {
            jit_settled(tools, dir, file, jit_store);
            naruby(&jit_args(jit_store, file, false))
        }
        Mode::Aot => aot(tools, dir, file, &empty_store, "exe-empty"),
        Mode::AotAfterPg => aot(tools, dir, file, &pg_store, "exe-pg"),
        Mode::Ruby => match &tools.ruby {
            Some(ruby) => run(ruby, &[file], dir, tools.limit),
            None => Outcome::harness_error("ruby is not available".into()),
        },
    }
}

/// How the JIT modes run `file`: on `store`, every body hot on its first
/// call.
fn jit_args<'a>(store: &'a Path, file: &'a OsStr, stats: bool) -> Vec<&'a OsStr> {
    let mut args = vec![OsStr::new("--code-store"), store.as_os_str()];
    args.extend(["--jit", "--jit-threshold", "1"].map(OsStr::new));
    if stats {
        args.push(OsStr::new("--stats"));
    }
    args.push(file);
    args
}

/// Waits (running the program with `--stats`, at most `JIT_SETTLE` long)
/// until no entry of it is still being compiled, so that the
/// next run finds its code: the fuzzed programs end in milliseconds, long
/// before a compile comes back, and a JIT run that never swaps tests little.
fn jit_settled(tools: &Tools, dir: &Path, file: &OsStr, store: &Path) {
    let deadline = Instant::now() + JIT_SETTLE;
    let args = jit_args(store, file, true);
    while Instant::now() < deadline {
        let o = run(&tools.naruby, &args, dir, tools.limit);
        // a body still `querying` at the end was never hot: nothing comes
        let pending = String::from_utf8_lossy(&o.stderr)
            .lines()
            .any(|l| l.starts_with("jit:   ") && l.ends_with(": compiling"));
        if !pending {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The longest `jit_settled` waits (a loaded machine's gcc on a large
/// program; a slow daemon is not a disagreement).
const JIT_SETTLE: Duration = Duration::from_secs(20);

/// Builds the executable and runs it. A failed build (a syntax error) is
/// judged by what `naruby --aot` printed; anything a successful build
/// prints is kept in front of the executable's own output.
fn aot(tools: &Tools, dir: &Path, file: &OsStr, store: &Path, exe: &str) -> Outcome {
    let exe = dir.join(exe);
    let build = run(
        &tools.naruby,
        &[
            OsStr::new("--code-store"),
            store.as_os_str(),
            OsStr::new("--aot"),
            file,
            OsStr::new("-o"),
            exe.as_os_str(),
        ],
        dir,
        tools.limit * COMPILE_FACTOR,
    );
    if build.status != 0 {
        return build;
    }
    let mut out = run(&exe, &[], dir, tools.limit);
    if !build.stdout.is_empty() || !build.stderr.is_empty() {
        let mut stdout = build.stdout;
        stdout.extend(out.stdout);
        let mut stderr = build.stderr;
        stderr.extend(out.stderr);
        out.stdout = stdout;
        out.stderr = stderr;
    }
    out
}
