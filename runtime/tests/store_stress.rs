//! Store stress: many naruby processes share one code store at once,
//! compiling, reading, profiling, evicting (under a tiny size limit),
//! clearing and verifying it, while some are killed mid-compile and others
//! use a compiler that dies or writes cut-short objects. Every run must
//! still print exactly the right answer; concurrent `naruby cache verify`
//! must find no problem; afterwards every program binds all its code again
//! after one `--compile` and the store verifies clean.
//!
//! `NARUBY_STRESS_SECS` sets how long the storm lasts (default 8),
//! `NARUBY_STRESS_WORKERS` how many processes run at once (default 6),
//! `NARUBY_STRESS_SEED` the seed. Figures go to stderr (`--nocapture`).

#[path = "support/corpus.rs"]
mod support;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use support::{cases, programs_dir, Case};

/// What a worker does in one step; the weights are out of 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Action {
    Compile,
    DefaultRun,
    Profile,
    TinyLimitCompile,
    FaultyCompiler,
    KilledMidCompile,
    Verify,
    Clear,
}

const WEIGHTS: [(Action, u64); 8] = [
    (Action::Compile, 26),
    (Action::DefaultRun, 26),
    (Action::Profile, 10),
    (Action::TinyLimitCompile, 10),
    (Action::FaultyCompiler, 10),
    (Action::KilledMidCompile, 8),
    (Action::Verify, 6),
    (Action::Clear, 4),
];

/// A size limit far below one program's code: every compile evicts.
const TINY_LIMIT: &str = "4K";

/// A compiler that, after compiling, at random kills itself leaving a cut
/// object, or cuts the object short and reports success.
const FAULTY_CC: &str = r#"#!/bin/sh
case " $* " in *' -shared '*) exec cc "$@";; esac
out=; prev=
for a in "$@"; do [ "$prev" = -o ] && out=$a; prev=$a; done
cc "$@" || exit $?
r=$(od -An -N1 -tu1 /dev/urandom | tr -d ' ')
case $((r % 3)) in
0) head -c 300 "$out" > "$out.cut"; mv "$out.cut" "$out"; kill -9 $$;;
1) head -c 300 "$out" > "$out.cut"; mv "$out.cut" "$out";;
esac
exit 0
"#;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Stress {
    store: PathBuf,
    faulty_cc: PathBuf,
    programs: Vec<Case>,
}

/// Tallies of the storm.
#[derive(Default)]
struct Tally {
    runs: BTreeMap<Action, u64>,
    /// Runs that printed a store warning and ran (partly) interpreted.
    degraded: BTreeMap<Action, u64>,
    /// First lines of the store warnings seen, with counts.
    warnings: BTreeMap<String, u64>,
    killed: u64,
    leftovers_seen: u64,
    problems: Vec<String>,
}

impl Stress {
    fn naruby(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_naruby"));
        cmd.current_dir(programs_dir())
            .env("NARUBY_CODE_STORE", &self.store)
            .env_remove("NARUBY_CODE_STORE_LIMIT")
            .env_remove("CC")
            .env_remove("CFLAGS")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    fn program_run(&self, case: &Case, flags: &[&str]) -> Command {
        let mut cmd = self.naruby();
        cmd.args(flags).arg(format!("{}.rb", case.name));
        cmd
    }

    /// One worker's step.
    fn step(&self, rng: &mut Rng, tally: &Mutex<Tally>) {
        let mut pick = rng.below(100);
        let action = WEIGHTS
            .iter()
            .find(|(_, w)| {
                if pick < *w {
                    true
                } else {
                    pick -= w;
                    false
                }
            })
            .map_or(Action::DefaultRun, |(a, _)| *a);
        let case = &self.programs[rng.below(self.programs.len() as u64) as usize];
        let outcome = match action {
            Action::Compile => self.program_run(case, &["--compile"]).output(),
            Action::DefaultRun => self.program_run(case, &[]).output(),
            Action::Profile => self.program_run(case, &["--pg"]).output(),
            Action::TinyLimitCompile => self
                .program_run(case, &["--compile"])
                .env("NARUBY_CODE_STORE_LIMIT", TINY_LIMIT)
                .output(),
            Action::FaultyCompiler => self
                .program_run(case, &["--compile"])
                .env("CC", &self.faulty_cc)
                .output(),
            Action::KilledMidCompile => {
                let mut child = self.program_run(case, &["--compile"]).spawn().unwrap();
                std::thread::sleep(Duration::from_millis(rng.below(400)));
                let killed = child.kill().is_ok();
                let out = child.wait_with_output().unwrap();
                let mut t = tally.lock().unwrap();
                *t.runs.entry(action).or_default() += 1;
                if killed && out.status.code().is_none() {
                    t.killed += 1;
                } else {
                    drop(t);
                    self.judge(case, action, &out, tally);
                }
                return;
            }
            Action::Verify => {
                let out = self.naruby().args(["cache", "verify"]).output().unwrap();
                let mut t = tally.lock().unwrap();
                *t.runs.entry(action).or_default() += 1;
                let text = String::from_utf8_lossy(&out.stdout).into_owned();
                t.leftovers_seen +=
                    text.lines().filter(|l| l.starts_with("leftover")).count() as u64;
                if !out.status.success() {
                    let err = String::from_utf8_lossy(&out.stderr);
                    t.problems
                        .push(format!("concurrent verify failed:\n{text}{err}"));
                }
                return;
            }
            Action::Clear => {
                let out = self.naruby().args(["cache", "clear"]).output().unwrap();
                let mut t = tally.lock().unwrap();
                *t.runs.entry(action).or_default() += 1;
                if !out.status.success() {
                    let err = String::from_utf8_lossy(&out.stderr);
                    t.problems.push(format!("concurrent clear failed: {err}"));
                }
                return;
            }
        };
        let out = outcome.unwrap();
        tally
            .lock()
            .unwrap()
            .runs
            .entry(action)
            .and_modify(|n| *n += 1)
            .or_insert(1);
        self.judge(case, action, &out, tally);
    }

    /// Stdout and status exactly as expected; a runtime error's line last on
    /// stderr; store warnings before it counted, not failed.
    fn judge(&self, case: &Case, action: Action, out: &Output, tally: &Mutex<Tally>) {
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let mut t = tally.lock().unwrap();
        let tag = format!("{} [{action:?}]", case.name);
        if stdout != case.stdout {
            t.problems.push(format!(
                "{tag}: stdout\n--- expected\n{}--- got\n{stdout}--- stderr\n{stderr}",
                case.stdout
            ));
        }
        if out.status.code() != Some(case.status) {
            t.problems
                .push(format!("{tag}: status {:?}: {stderr}", out.status));
        }
        if let Some(err) = &case.err {
            if !stderr.lines().any(|l| l == err) {
                t.problems
                    .push(format!("{tag}: expected `{err}` on stderr: {stderr}"));
            }
        }
        let warnings: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("naruby: "))
            .collect();
        if !warnings.is_empty() {
            if let Ok(path) = std::env::var("NARUBY_STRESS_LOG") {
                use std::io::Write;
                let mut f = fs::OpenOptions::new()
                    .append(true)
                    .create(true)
                    .open(path)
                    .unwrap();
                let _ = writeln!(f, "=== {tag}\n{stderr}");
            }
            *t.degraded.entry(action).or_default() += 1;
            for w in warnings {
                *t.warnings.entry(shape_of(w)).or_default() += 1;
            }
        }
        if case.err.is_none() && !stderr.is_empty() && !stderr.starts_with("naruby: ") {
            t.problems
                .push(format!("{tag}: unexpected stderr: {stderr}"));
        }
    }
}

/// A warning with paths, symbols and numbers blanked, to count by kind.
fn shape_of(line: &str) -> String {
    line.split_whitespace()
        .map(|w| {
            if w.contains('/') || w.starts_with("SD_") || w.chars().any(|c| c.is_ascii_digit()) {
                "_"
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The corpus programs of the storm: a spread of them, errors included.
fn storm_programs() -> Vec<Case> {
    cases().into_iter().step_by(7).collect()
}

fn write_faulty_cc(dir: &Path) -> PathBuf {
    let path = dir.join("faulty-cc");
    fs::write(&path, FAULTY_CC).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[test]
fn many_processes_share_one_store_through_faults_and_clears() {
    let secs = env_number("NARUBY_STRESS_SECS", 8);
    let workers = env_number("NARUBY_STRESS_WORKERS", 6);
    let seed = env_number("NARUBY_STRESS_SEED", 0x5eed);
    let work = tempfile::tempdir().unwrap();
    let stress = Stress {
        store: work.path().join("store"),
        faulty_cc: write_faulty_cc(work.path()),
        programs: storm_programs(),
    };
    let tally = Mutex::new(Tally::default());
    let started = Instant::now();
    let deadline = started + Duration::from_secs(secs);
    std::thread::scope(|s| {
        for w in 0..workers {
            let (stress, tally) = (&stress, &tally);
            s.spawn(move || {
                let mut rng =
                    Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ ((w + 1) * 0x1234_5678_9abc));
                rng.next();
                while Instant::now() < deadline {
                    stress.step(&mut rng, tally);
                }
            });
        }
    });
    let storm = started.elapsed();
    let tally = tally.into_inner().unwrap();
    let total: u64 = tally.runs.values().sum();
    eprintln!(
        "store stress: {total} processes in {:.1} s ({workers} at once, {} programs, seed {seed})",
        storm.as_secs_f64(),
        stress.programs.len()
    );
    for (action, n) in &tally.runs {
        let degraded = tally.degraded.get(action).copied().unwrap_or(0);
        eprintln!("  {action:?}: {n} runs, {degraded} with store warnings");
    }
    eprintln!(
        "  killed mid-run: {}; leftovers reported by concurrent verifies: {}",
        tally.killed, tally.leftovers_seen
    );
    for (warning, n) in &tally.warnings {
        eprintln!("  warning ×{n}: {warning}");
    }
    assert!(
        tally.problems.is_empty(),
        "{} problems during the storm:\n{}",
        tally.problems.len(),
        tally.problems.join("\n")
    );

    // Afterwards: the store is consistent; every program runs right from
    // what is stored, then binds all its code again after one --compile.
    let verify = |cc: Option<&Path>| {
        let mut cmd = stress.naruby();
        cmd.args(["cache", "verify"]);
        if let Some(cc) = cc {
            cmd.env("CC", cc);
        }
        let out = cmd.output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "verify: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        text
    };
    verify(None);
    verify(Some(&stress.faulty_cc));
    let mut problems = Vec::new();
    let judge = |case: &Case, out: &Output, what: &str, problems: &mut Vec<String>| {
        problems.extend(support::check(case, what, out));
    };
    for case in &stress.programs {
        let out = stress.program_run(case, &[]).output().unwrap();
        judge(case, &out, "default run after the storm", &mut problems);
        let out = stress
            .program_run(case, &[])
            .env("CC", &stress.faulty_cc)
            .output()
            .unwrap();
        judge(
            case,
            &out,
            "default run, faulty compiler's ABI",
            &mut problems,
        );
        let out = stress.program_run(case, &["--compile"]).output().unwrap();
        judge(case, &out, "--compile after the storm", &mut problems);
        let out = stress.program_run(case, &["--stats"]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        let runs = !err.contains("(SyntaxError)");
        if runs && !err.contains(", misses 0,") {
            problems.push(format!(
                "{}: not all bound after --compile: {err}",
                case.name
            ));
        }
    }
    support::assert_no_problems(&problems);
    let last = verify(None);
    eprintln!(
        "  after the storm: every program right, all code bound after one --compile; \
         verify: {} leftovers, consistent",
        last.lines().filter(|l| l.starts_with("leftover")).count()
    );
}
