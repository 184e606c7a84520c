//! Speculative code-store entries through the binary: `--pg`'s profile
//! reaches the next process, its guards pass there, a redefinition takes
//! the ordinary path, an edited program does not use a stale profile, and
//! `--aot` follows the stored profile; `--compile` stores the code a
//! default run looks for first (speculating on the stored profile, else
//! on the text).

mod common;
use common::{large_program, run, stderr};

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The number after `label ` in the `--stats` output.
fn stat(out: &Output, label: &str) -> u64 {
    let err = stderr(out);
    let at = err
        .find(&format!("{label} "))
        .unwrap_or_else(|| panic!("no {label:?} in {err}"));
    err[at + label.len() + 1..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number after {label:?} in {err}"))
}

/// The guarded direct calls that hit and missed, from `--stats`.
fn guarded(out: &Output) -> (u64, u64) {
    let err = stderr(out);
    let line = err
        .lines()
        .find(|l| l.contains("guarded direct calls"))
        .unwrap_or_else(|| panic!("no speculation line in {err}"));
    let numbers: Vec<u64> = line
        .rsplit_once("guarded direct calls: ")
        .unwrap()
        .1
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

/// A function called from a loop 200 times, through another function.
const LOOP: &str = "def inc(a)\n  b = a + 1\n  b\nend\n\
                    def twice(a)\n  inc(inc(a))\nend\n\
                    s = 0\ni = 0\nwhile i < 200\n  s += twice(i)\n  i += 1\nend\np s\n";

/// LANGUAGE.md's late binding: a later `def` replaces the earlier one for
/// every call made after it, also calls from code compiled before it.
const LATE: &str = "def f(a)\n  a + 1\nend\n\
                    def g(x)\n  f(x) * 2\nend\n\
                    p g(1)\n\
                    def f(a)\n  a + 2\nend\n\
                    s = 0\ni = 0\nwhile i < 100\n  s += g(i)\n  i += 1\nend\np s\n\
                    def f(a)\n  a + 3\nend\np g(1)\n";

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_next_run_binds_the_profiled_code_and_its_guards_pass() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let prog = write(dir.path(), "loop.rb", LOOP);
    let expected = format!("{}\n", (0..200).map(|i| i + 2).sum::<u64>());

    let before = run(&store, &["--stats"], &prog);
    assert_eq!(stdout(&before), expected);
    assert_eq!(guarded(&before), (0, 0), "{}", stderr(&before));

    let pg = run(&store, &["--pg", "--stats"], &prog);
    assert_eq!(stdout(&pg), expected);
    assert!(pg.status.success(), "{}", stderr(&pg));
    assert!(
        stderr(&pg).contains("speculating on 2 names"),
        "{}",
        stderr(&pg)
    );

    let after = run(&store, &["--stats"], &prog);
    assert_eq!(stdout(&after), expected);
    assert!(stat(&after, "speculative entries bound") >= 1);
    // the 200 calls of twice enter its region code, which calls inc
    // directly: no guard, and nothing guarded out
    assert_eq!(guarded(&after), (0, 0), "{}", stderr(&after));
    assert_eq!(stat(&after, "regions entered"), 1, "{}", stderr(&after));
}

#[test]
fn a_redefined_function_takes_the_ordinary_path_and_the_result_is_right() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let prog = write(dir.path(), "late.rb", LATE);
    let plain = run(&store, &["--plain"], &prog);
    let expected = format!("4\n{}\n8\n", (0..100).map(|i| 2 * (i + 2)).sum::<u64>());
    assert_eq!(stdout(&plain), expected);

    let pg = run(&store, &["--pg"], &prog);
    assert_eq!(stdout(&pg), expected);
    let after = run(&store, &["--stats"], &prog);
    assert_eq!(stdout(&after), expected);
    assert_eq!(stderr(&after).lines().count(), 3, "{}", stderr(&after));
    // f means the second definition (the loop's); the calls of the first
    // and the third miss, the loop's calls of g enter its region code
    // (which calls f directly)
    let (_, misses) = guarded(&after);
    assert_eq!(stat(&after, "regions entered"), 1, "{}", stderr(&after));
    assert!(misses >= 2, "misses {misses}: {}", stderr(&after));

    let exe = dir.path().join("late");
    let build = run(
        &store,
        &["--aot", "--stats", "-o", exe.to_str().unwrap()],
        &prog,
    );
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(
        stderr(&build).contains("from the stored --pg profile"),
        "{}",
        stderr(&build)
    );
    let out = Command::new(&exe).output().unwrap();
    assert_eq!(stdout(&out), expected);
}

#[test]
fn an_edited_program_does_not_use_the_old_profile() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let prog = write(dir.path(), "loop.rb", LOOP);
    assert!(run(&store, &["--pg"], &prog).status.success());
    // comments and blank lines do not change the program
    let commented = write(dir.path(), "commented.rb", &format!("# note\n\n{LOOP}"));
    let same = run(&store, &["--stats"], &commented);
    assert_eq!(stat(&same, "profile names"), 2, "{}", stderr(&same));
    // a changed body does
    let edited = write(dir.path(), "edited.rb", &LOOP.replace("a + 1", "a + 3"));
    let other = run(&store, &["--stats"], &edited);
    assert_eq!(stat(&other, "profile names"), 0, "{}", stderr(&other));
    assert_eq!(
        stdout(&other),
        format!("{}\n", (0..200).map(|i| i + 6).sum::<u64>())
    );
    // and without a profile --aot speculates on what the program text says
    let exe = dir.path().join("edited");
    let build = run(
        &store,
        &["--aot", "--stats", "-o", exe.to_str().unwrap()],
        &edited,
    );
    assert!(
        stderr(&build).contains("from the program text"),
        "{}",
        stderr(&build)
    );
}

/// A chain of `depth` functions (f1 calls f2 ... each adding 1), called
/// 300 times from a loop.
fn chain(depth: usize) -> String {
    let mut src = String::new();
    for k in 1..depth {
        src += &format!("def f{k}(x)\n  f{}(x) + 1\nend\n", k + 1);
    }
    src += &format!("def f{depth}(x)\n  x * 2\nend\n");
    src + "s = 0\ni = 0\nwhile i < 300\n  s += f1(i)\n  i += 1\nend\np s\n"
}

/// A scratch directory with `chain(12)` written into it: the directory,
/// the store path in it (not created yet), the program and the line it
/// prints.
fn chain12() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    std::path::PathBuf,
    String,
) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let prog = write(dir.path(), "chain.rb", &chain(12));
    let expected = format!("{}\n", (0..300).map(|i| 2 * i + 11).sum::<u64>());
    (dir, store, prog, expected)
}

/// Runs `prog` with `args`, checks that it printed `expected` and that
/// its stderr says each of `says`; returns the run.
fn ran_saying(store: &Path, args: &[&str], prog: &Path, expected: &str, says: &[&str]) -> Output {
    let out = run(store, args, prog);
    assert_eq!(stdout(&out), expected, "{}", stderr(&out));
    let err = stderr(&out);
    for part in says {
        assert!(err.contains(part), "{args:?}: no {part:?} in {err}");
    }
    out
}

#[test]
fn bodies_only_called_from_compiled_code_get_no_entry_of_their_own() {
    let (_dir, store, prog, expected) = chain12();

    // the top level's entry holds the whole chain: one entry, not twelve
    // (each body's would hold the rest of the chain again; f12's one-node
    // body is no entry anyway)
    ran_saying(
        &store,
        &["--pg", "--stats"],
        &prog,
        &expected,
        &["; 1 entries, compiled 1, ", "11 function bodies held"],
    );
    let after = ran_saying(
        &store,
        &["--stats"],
        &prog,
        &expected,
        &[
            "ran interpreted: 0 entries",
            "ran in their callers' code: 11",
            "hits 1, misses 0,",
        ],
    );
    assert_eq!(stat(&after, "regions entered"), 1, "{}", stderr(&after));
}

/// The functions `object` defines (`nm`), without gcc's `.cold` parts.
fn defined_functions(object: &Path) -> Vec<String> {
    let out = Command::new("nm")
        .args(["--defined-only", "-P"])
        .arg(object)
        .output()
        .expect("nm runs");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut fields = l.split_whitespace();
            let (name, kind) = (fields.next()?, fields.next()?);
            let function = matches!(kind, "t" | "T") && !name.contains(".cold");
            function.then(|| name.to_string())
        })
        .collect()
}

#[test]
fn a_chains_region_code_is_compiled_once_into_the_top_levels_function() {
    // The call into the chain's region falls back to the ordinary path
    // when the region cannot be entered. Had that path taken the call's
    // target, every register entry and speculative body the target names
    // would escape, and gcc would keep each one out of line with its
    // callees inlined again: 12 register entries and 12 bodies here, and
    // a 40-deep chain's entry compiled 3x as long.
    let (_dir, store, prog, expected) = chain12();
    ran_saying(
        &store,
        &["--compile", "--stats"],
        &prog,
        &expected,
        &["compiled 1,"],
    );
    let objects: Vec<_> = fs::read_dir(common::abi_dir(&store).join("obj"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "o"))
        .collect();
    assert_eq!(objects.len(), 1, "{objects:?}");
    let functions = defined_functions(&objects[0]);
    // gcc may keep some of the region's node dispatchers (`SR_`) out of
    // line, but no register entry and no speculative body of the chain
    assert_eq!(
        functions.iter().filter(|f| f.starts_with("SD_")).count(),
        1,
        "{functions:?}"
    );
    assert!(
        !functions
            .iter()
            .any(|f| f.starts_with("RF_") || f.starts_with("SS_")),
        "{functions:?}"
    );
    ran_saying(
        &store,
        &["--stats"],
        &prog,
        &expected,
        &["regions entered 1"],
    );
}

#[test]
fn compile_stores_the_code_the_text_speculates_on_and_the_next_run_binds_it() {
    let (_dir, store, prog, expected) = chain12();

    // without a profile, --compile speculates on what the text says: the
    // top level's entry holds the chain, as --pg's does
    ran_saying(
        &store,
        &["--compile", "--stats"],
        &prog,
        &expected,
        &[
            "names from the text 12",
            "speculative entries bound 1;",
            "compiled 1,",
            "ran interpreted: 0 entries",
            "ran in their callers' code: 11",
            "regions entered 1\n",
        ],
    );

    // and that is the code a default run looks for
    ran_saying(
        &store,
        &["--stats"],
        &prog,
        &expected,
        &[
            "hits 1, misses 0, compiled 0",
            "speculative entries bound 1;",
            "ran in their callers' code: 11",
        ],
    );
}

#[test]
fn compile_speculates_as_the_stored_profile_says() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let prog = write(dir.path(), "late.rb", LATE);
    let expected = format!("4\n{}\n8\n", (0..100).map(|i| 2 * (i + 2)).sum::<u64>());
    ran_saying(&store, &["--pg"], &prog, &expected, &[]);

    // --pg stored the profile's entries: --compile finds them all
    let compiled = ran_saying(
        &store,
        &["--compile", "--stats"],
        &prog,
        &expected,
        &["names from the text 0", "misses 0, compiled 0"],
    );
    assert!(stat(&compiled, "profile names") >= 1);
    assert!(stat(&compiled, "speculative entries bound") >= 1);
}

#[test]
fn compile_without_speculation_stores_plain_code_which_a_default_run_binds() {
    let (_dir, store, prog, expected) = chain12();

    // every entry its own plain code: the top level and f1 ... f11 (f12's
    // one-node body stays interpreted)
    ran_saying(
        &store,
        &["--compile", "--no-speculation", "--stats"],
        &prog,
        &expected,
        &[
            "entries 12 (bound 12)",
            "compiled 12,",
            "names from the text 0",
            "speculative entries bound 0;",
            "regions entered 0\n",
        ],
    );

    // a default run finds no speculative code and binds the plain code
    ran_saying(
        &store,
        &["--stats"],
        &prog,
        &expected,
        &[
            "entries 12 (bound 12)",
            "hits 12, misses 0",
            "speculative entries bound 0;",
        ],
    );

    // and the option only means something with --compile
    let refused = run(&store, &["--no-speculation"], &prog);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(stdout(&refused).is_empty());
}

#[test]
fn compile_stores_plain_code_for_a_large_program_without_a_profile() {
    // over 4096 nodes (crate::aot::PER_NODE_MAX_NODES): one unit holding
    // every function it calls would cost gcc far more than plain entries
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let (prog, expected) = large_program(dir.path());
    ran_saying(
        &store,
        &["--compile", "--stats"],
        &prog,
        &expected,
        &[
            "entries 2 (bound 2)",
            "compiled 2,",
            "names from the text 0",
            "speculative entries bound 0;",
        ],
    );
}
