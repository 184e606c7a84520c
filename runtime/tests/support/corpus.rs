//! The program corpus (tests/programs) and how one run is judged against
//! its expected files; shared by the corpus and sanitizer tests.
//!   NAME.rb      the program
//!   NAME.stdout  exact expected standard output
//!   NAME.err     (error cases) exact expected first line of standard error
//!   NAME.status  (optional) expected status when neither 0 nor 1

use std::path::{Path, PathBuf};

pub struct Case {
    pub name: String,
    pub stdout: String,
    pub err: Option<String>,
    pub status: i32,
}

pub fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/programs")
}

/// Every program of the corpus, sorted by name.
pub fn cases() -> Vec<Case> {
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
pub fn check(case: &Case, mode: &str, out: &std::process::Output) -> Vec<String> {
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

pub fn assert_no_problems(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} mismatches:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
