//! Runs every program of tests/programs through the naruby binary and
//! compares stdout, the first line of stderr and the exit status with the
//! expected files:
//!   NAME.rb      the program
//!   NAME.stdout  exact expected standard output
//!   NAME.err     (error cases) exact expected first line of standard error
//!   NAME.status  (optional) expected status when neither 0 nor 1
//! Every mode must give byte-identical results; failures are collected and
//! reported together.

#[path = "support/corpus.rs"]
mod support;

use std::path::Path;
use std::process::Command;
use support::{assert_no_problems, cases, check, programs_dir};

/// `--compile` into a fresh store, then a plain default run that binds the
/// stored code: both must match the expected outputs.
#[test]
fn corpus_compile_then_default_run_binding_the_store() {
    let store = tempfile::tempdir().unwrap();
    let dir = store.path().join("store");
    let dir = dir.to_str().unwrap();
    run_mode("compile", &["--code-store", dir, "--compile"]);
    run_mode("default after compile", &["--code-store", dir]);
}

fn run_mode(mode: &str, extra_args: &[&str]) {
    let cases = cases();
    assert!(
        cases.len() >= 60,
        "the corpus should hold at least 60 programs"
    );
    let mut problems = Vec::new();
    for case in &cases {
        let out = Command::new(env!("CARGO_BIN_EXE_naruby"))
            .current_dir(programs_dir())
            .args(extra_args)
            .arg(format!("{}.rb", case.name))
            .output()
            .expect("run naruby");
        problems.extend(check(case, mode, &out));
    }
    assert_no_problems(&problems);
}

/// Builds each program with `naruby --aot` and runs the executable. A
/// program that fails to compile (syntax errors) is judged by what
/// `naruby --aot` itself printed, with no executable left behind.
#[test]
fn corpus_aot_executables() {
    // an empty store: no profile, so the build speculates on what the program text says
    let store = tempfile::tempdir().unwrap();
    aot_mode("aot", &store.path().join("store"));
}

/// `--pg` into a fresh store, then the default run (which binds the code
/// specialized on the stored profile), then AOT executables that follow
/// the stored profile: all must match the expected outputs.
#[test]
fn corpus_profile_guided_then_default_run_then_aot_following_the_profile() {
    let store = tempfile::tempdir().unwrap();
    let dir = store.path().join("store");
    let dir_arg = dir.to_str().unwrap();
    run_mode("pg", &["--code-store", dir_arg, "--pg"]);
    run_mode("default after pg", &["--code-store", dir_arg]);
    aot_mode("aot after pg", &dir);
}

fn aot_mode(mode: &str, store: &Path) {
    let cases = cases();
    let dir = tempfile::tempdir().unwrap();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let problems = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(case) = cases.get(i) else { break };
                let exe = dir.path().join(&case.name);
                let build = Command::new(env!("CARGO_BIN_EXE_naruby"))
                    .current_dir(programs_dir())
                    .arg("--code-store")
                    .arg(store)
                    .args(["--aot", &format!("{}.rb", case.name), "-o"])
                    .arg(&exe)
                    .output()
                    .expect("run naruby --aot");
                let out = if build.status.success() {
                    assert!(build.stdout.is_empty() && build.stderr.is_empty());
                    Command::new(&exe)
                        .current_dir(programs_dir())
                        .output()
                        .expect("run the executable")
                } else {
                    assert!(
                        !exe.exists(),
                        "{}: a failed build left an executable",
                        case.name
                    );
                    build
                };
                problems.lock().unwrap().extend(check(case, mode, &out));
            });
        }
    });
    let problems = problems.into_inner().unwrap();
    assert_no_problems(&problems);
}

/// `--jit` with a threshold of 1: function bodies are compiled on their
/// first call and swapped in while the programs run (one daemon, started by
/// the first run, serves them all); then `--jit` again, which binds what the
/// daemon compiled and swaps in the rest. Every run must match.
#[test]
fn corpus_jit_swapping_while_running_then_again() {
    let store = tempfile::tempdir().unwrap();
    let dir = store.path().join("store");
    let dir = dir.to_str().unwrap();
    let args = ["--code-store", dir, "--jit", "--jit-threshold", "1"];
    run_mode("jit", &args);
    run_mode("jit again", &args);
}

#[test]
fn corpus_plain() {
    run_mode("plain", &["--plain"]);
}

#[test]
fn corpus_default_mode_empty_store() {
    let store = tempfile::tempdir().unwrap();
    let dir = store.path().join("store");
    run_mode("default", &["--code-store", dir.to_str().unwrap()]);
}
