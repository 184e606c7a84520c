//! Runs every program of tests/programs through the naruby binary and
//! compares stdout, the first line of stderr and the exit status with the
//! expected files:
//!   NAME.rb      the program
//!   NAME.stdout  exact expected standard output
//!   NAME.err     (error cases) exact expected first line of standard error
//!   NAME.status  (optional) expected status when neither 0 nor 1
//! Every mode must give byte-identical results; failures are collected and
//! reported together.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Case {
    name: String,
    stdout: String,
    err: Option<String>,
    status: i32,
}

fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/programs")
}

fn cases() -> Vec<Case> {
    let dir = programs_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/programs exists")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".rb").map(str::to_string)
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let read = |ext: &str| std::fs::read_to_string(dir.join(format!("{name}.{ext}"))).ok();
            let stdout = read("stdout").unwrap_or_else(|| panic!("{name}.stdout is missing"));
            let err = read("err").map(|e| e.trim_end_matches('\n').to_string());
            let status = match read("status") {
                Some(s) => s.trim().parse().expect("a number in .status"),
                None => i32::from(err.is_some()),
            };
            Case {
                name,
                stdout,
                err,
                status,
            }
        })
        .collect()
}

/// Checks one run's output against the case; returns a description of
/// every difference.
fn check(case: &Case, mode: &str, out: &std::process::Output) -> Vec<String> {
    let mut problems = Vec::new();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let status = out.status.code().unwrap_or(-1);
    let tag = format!("{} [{mode}]", case.name);
    if stdout != case.stdout {
        problems.push(format!(
            "{tag}: stdout\n--- expected\n{}--- got\n{stdout}",
            case.stdout
        ));
    }
    if status != case.status {
        problems.push(format!(
            "{tag}: status {status}, expected {} (stderr: {stderr})",
            case.status
        ));
    }
    match &case.err {
        Some(expected) => {
            let first = stderr.lines().next().unwrap_or("");
            if first != expected {
                problems.push(format!(
                    "{tag}: stderr first line\n  expected: {expected}\n  got:      {first}"
                ));
            }
        }
        None if !stderr.is_empty() => problems.push(format!("{tag}: unexpected stderr: {stderr}")),
        None => {}
    }
    problems
}

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

fn assert_no_problems(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} mismatches:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Builds each program with `naruby --aot` and runs the executable. A
/// program that fails to compile (syntax errors) is judged by what
/// `naruby --aot` itself printed, with no executable left behind.
#[test]
fn corpus_aot_executables() {
    // an empty store: no profile, so names defined once are speculated on
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
