//! The C runtime and the generated C under AddressSanitizer and
//! UndefinedBehaviorSanitizer.
//!
//! Always (CI), on a small fixed subset of the corpus chosen for arithmetic
//! edges, overflow errors, deep recursion, loops, calls, region code and
//! redefinition:
//!   - AOT executables built with `--cflags "-O1 -fsanitize=address,undefined
//!     -fno-sanitize-recover=all ..."` (runtime.c, the evaluators and every
//!     dispatcher instrumented), run and judged like the corpus test;
//!   - `--compile` and `--pg` into fresh stores with `CFLAGS` set to
//!     UBSan flags, and the default runs binding that code: UBSan objects
//!     load into the ordinary naruby binary.
//!
//! On demand (`scripts/sanitize.sh`): with `NARUBY_SANITIZED_NARUBY` naming
//! a naruby binary built with `NARUBY_SANITIZE=address,undefined`, the whole
//! corpus in every mode (plain, --compile and the next default run, --pg and
//! the next default run, AOT with and without the profile), everything
//! instrumented.
//!
//! A run fails on any difference from the expected files and on any
//! sanitizer report anywhere in its stderr. When the C compiler cannot
//! build and run a sanitized program the tests print a note and pass,
//! unless `NARUBY_REQUIRE_SANITIZERS=1` (CI sets it).

#[path = "support/corpus.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use support::{assert_no_problems, cases, check, programs_dir, Case};

/// The corpus programs the CI run covers.
const SUBSET: &[&str] = &[
    "arith_floor_mod",
    "arith_min_edge",
    "arith_shift",
    "err_overflow_min_div",
    "err_overflow_pow",
    "err_overflow_shl_big",
    "err_region_zero_div_deep",
    "err_stack_too_deep",
    "fn_ackermann",
    "fn_deep_recursion",
    "fn_redefine_hot_loop",
    "fn_region_late_binding",
    "fn_region_loops_and_builtins",
    "fn_tak",
    "prog_collatz",
];

/// Instrumentation for the whole C unit (AOT) and for store objects loaded
/// into a sanitized naruby.
const ASAN_UBSAN: &str =
    "-O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer";
/// Store objects loaded into the ordinary (uninstrumented) naruby binary:
/// an ASan object needs an ASan process, a UBSan one does not.
const UBSAN: &str = "-O1 -fsanitize=undefined -fno-sanitize-recover=all";

/// The status a sanitizer report exits with: none of the corpus's.
const REPORT_STATUS: i32 = 86;

/// Sets the sanitizer options explicitly, so that a report always stops
/// the program with `REPORT_STATUS` instead of being printed and survived.
/// LeakSanitizer stays on (process-lifetime tables stay reachable from
/// globals, so a clean run reports nothing). Fake stacks stay off: stack
/// checks compare the stack pointer with the thread's stack bounds.
fn sanitizer_env(cmd: &mut Command) -> &mut Command {
    let common = format!("halt_on_error=1:abort_on_error=0:exitcode={REPORT_STATUS}");
    cmd.env(
        "ASAN_OPTIONS",
        format!("{common}:detect_leaks=1:detect_stack_use_after_return=0"),
    )
    .env("UBSAN_OPTIONS", format!("{common}:print_stacktrace=1"))
}

/// The one sanitizer message that is not a report: a runtime error raised
/// more than 64 MiB deep into the 2 GiB C stack (err_stack_too_deep under
/// ASan's bigger frames) calls a noreturn function, and ASan declines to
/// unpoison that much stack (google/sanitizers#189). The error then only
/// prints its message and exits, so no false positive can follow. Its
/// three lines are removed before the run is judged.
fn without_no_return_warning(out: &Output) -> Output {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut kept = String::new();
    let mut skip = 0;
    for line in stderr.split_inclusive('\n') {
        if skip == 0 && line.contains("WARNING: ASan is ignoring requested __asan_handle_no_return")
        {
            skip = 3;
        }
        let expected = match skip {
            3 => true,
            2 => line.starts_with("False positive error reports may follow"),
            1 => {
                line.starts_with("For details see https://github.com/google/sanitizers/issues/189")
            }
            _ => false,
        };
        if expected {
            skip -= 1;
        } else {
            skip = 0;
            kept.push_str(line);
        }
    }
    Output {
        status: out.status,
        stdout: out.stdout.clone(),
        stderr: kept.into_bytes(),
    }
}

/// Any sanitizer report in the run's stderr, as a problem: a line from
/// ASan/LSan (`==PID==...`), a UBSan `runtime error:`, or the report status.
fn reports(case: &Case, mode: &str, out: &Output) -> Vec<String> {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let asan_line = |l: &str| {
        l.strip_prefix("==").is_some_and(|r| {
            let digits = r.bytes().take_while(u8::is_ascii_digit).count();
            digits > 0 && r[digits..].starts_with("==")
        })
    };
    let report = stderr.contains("Sanitizer")
        || stderr.contains("runtime error:")
        || stderr.lines().any(asan_line)
        || out.status.code() == Some(REPORT_STATUS);
    if report {
        vec![format!(
            "{} [{mode}]: sanitizer report (status {:?}):\n{stderr}",
            case.name,
            out.status.code()
        )]
    } else {
        Vec::new()
    }
}

fn judge(case: &Case, mode: &str, out: &Output) -> Vec<String> {
    let out = &without_no_return_warning(out);
    let mut problems = reports(case, mode, out);
    problems.extend(check(case, mode, out));
    problems
}

/// Whether `cc` can build and run a program with `flags`; prints why not.
fn cc_can_run(flags: &str) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("probe.c");
    let exe = dir.path().join("probe");
    std::fs::write(
        &src,
        "#include <stdio.h>\nint main(int c, char **v) { (void)v; printf(\"%d\\n\", c); return 0; }\n",
    )
    .unwrap();
    let cc = std::env::var("CC")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "cc".into());
    let build = Command::new(&cc)
        .args(flags.split_whitespace())
        .arg("-o")
        .arg(&exe)
        .arg(&src)
        .output();
    let ok = match build {
        Ok(b) if b.status.success() => match sanitizer_env(&mut Command::new(&exe)).output() {
            Ok(r) if r.status.success() && r.stdout == b"1\n" => true,
            Ok(r) => {
                eprintln!(
                    "note: a program built with `{flags}` does not run: {}",
                    String::from_utf8_lossy(&r.stderr)
                );
                false
            }
            Err(e) => {
                eprintln!("note: cannot run a program built with `{flags}`: {e}");
                false
            }
        },
        Ok(b) => {
            eprintln!(
                "note: `{cc} {flags}` cannot build a program: {}",
                String::from_utf8_lossy(&b.stderr)
            );
            false
        }
        Err(e) => {
            eprintln!("note: cannot run `{cc}`: {e}");
            false
        }
    };
    if !ok {
        assert!(
            std::env::var_os("NARUBY_REQUIRE_SANITIZERS").is_none(),
            "NARUBY_REQUIRE_SANITIZERS is set but `{flags}` does not work"
        );
        eprintln!("note: skipping the sanitizer run");
    }
    ok
}

fn subset() -> Vec<Case> {
    let all = cases();
    let picked: Vec<Case> = all
        .into_iter()
        .filter(|c| SUBSET.contains(&c.name.as_str()))
        .collect();
    assert_eq!(
        picked.len(),
        SUBSET.len(),
        "a program of the sanitizer subset is missing from tests/programs"
    );
    picked
}

/// Runs `job` on every case, `workers` at a time; returns the problems.
fn each_case(
    cases: &[Case],
    workers: usize,
    job: impl Fn(&Case) -> Vec<String> + Sync,
) -> Vec<String> {
    let next = AtomicUsize::new(0);
    let problems = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(case) = cases.get(i) else { break };
                let found = job(case);
                problems.lock().unwrap().extend(found);
            });
        }
    });
    problems.into_inner().unwrap()
}

/// `naruby [ARGS] NAME.rb` in the programs directory, under the sanitizer
/// options.
fn naruby_run(naruby: &Path, args: &[&str], case: &Case, cflags: Option<&str>) -> Output {
    let mut cmd = Command::new(naruby);
    cmd.current_dir(programs_dir())
        .args(args)
        .arg(format!("{}.rb", case.name));
    if let Some(flags) = cflags {
        cmd.env("CFLAGS", flags);
    }
    sanitizer_env(&mut cmd).output().expect("run naruby")
}

/// Builds the case's AOT executable with `cflags` (store: for a profile)
/// and runs it; a failed build is judged by what `naruby --aot` printed.
fn aot_run(naruby: &Path, store: &Path, case: &Case, cflags: &str, exe: &Path) -> Output {
    let mut cmd = Command::new(naruby);
    cmd.current_dir(programs_dir())
        .arg("--code-store")
        .arg(store)
        .arg("--aot")
        .arg("--cflags")
        .arg(cflags)
        .arg(format!("{}.rb", case.name))
        .arg("-o")
        .arg(exe);
    let build = sanitizer_env(&mut cmd).output().expect("run naruby --aot");
    if build.status.success() {
        let mut run = Command::new(exe);
        run.current_dir(programs_dir());
        sanitizer_env(&mut run)
            .output()
            .expect("run the executable")
    } else {
        build
    }
}

fn naruby_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_naruby"))
}

#[test]
fn subset_aot_executables_under_asan_and_ubsan() {
    if !cc_can_run(ASAN_UBSAN) {
        return;
    }
    let cases = subset();
    let dir = tempfile::tempdir().unwrap();
    let problems = each_case(&cases, 2, |case| {
        let store = dir.path().join(format!("{}.store", case.name));
        let exe = dir.path().join(&case.name);
        let out = aot_run(&naruby_bin(), &store, case, ASAN_UBSAN, &exe);
        judge(case, "aot asan+ubsan", &out)
    });
    assert_no_problems(&problems);
}

#[test]
fn subset_store_code_under_ubsan_in_the_ordinary_binary() {
    if !cc_can_run(UBSAN) {
        return;
    }
    let cases = subset();
    let dir = tempfile::tempdir().unwrap();
    let problems = each_case(&cases, 2, |case| {
        let compiled = dir.path().join(format!("{}.compile", case.name));
        let profiled = dir.path().join(format!("{}.pg", case.name));
        let (compiled, profiled) = (compiled.to_str().unwrap(), profiled.to_str().unwrap());
        let mut problems = Vec::new();
        for (mode, args) in [
            ("compile ubsan", vec!["--code-store", compiled, "--compile"]),
            (
                "default after compile ubsan",
                vec!["--code-store", compiled],
            ),
            ("pg ubsan", vec!["--code-store", profiled, "--pg"]),
            ("default after pg ubsan", vec!["--code-store", profiled]),
        ] {
            let out = naruby_run(&naruby_bin(), &args, case, Some(UBSAN));
            problems.extend(judge(case, mode, &out));
        }
        problems
    });
    assert_no_problems(&problems);
}

/// The instrumented objects really are what runs: the default run binds
/// them (so they were built, linked with the UBSan runtime and loaded into
/// the ordinary binary), and they call the UBSan runtime.
#[test]
fn ubsan_store_objects_are_built_and_bound() {
    if !cc_can_run(UBSAN) {
        return;
    }
    let store = tempfile::tempdir().unwrap();
    let store = store.path().to_str().unwrap();
    let case = subset().into_iter().find(|c| c.name == "fn_tak").unwrap();
    let out = naruby_run(
        &naruby_bin(),
        &["--code-store", store, "--compile"],
        &case,
        Some(UBSAN),
    );
    assert_no_problems(&judge(&case, "compile ubsan", &out));
    let out = naruby_run(
        &naruby_bin(),
        &["--code-store", store, "--stats"],
        &case,
        Some(UBSAN),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("(bound 0)") && stderr.contains("(bound "),
        "the default run bound no stored code:\n{stderr}"
    );
    let objects: Vec<PathBuf> = walk(Path::new(store))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "so"))
        .collect();
    assert!(!objects.is_empty(), "no shared objects in the store");
    let linked = objects.iter().any(|so| {
        std::fs::read(so)
            .map(|b| {
                let needle = b"__ubsan_handle";
                b.windows(needle.len()).any(|w| w == needle)
            })
            .unwrap_or(false)
    });
    assert!(linked, "no stored object calls the UBSan runtime");
}

/// A program with undefined behaviour or a bad memory access, built with
/// the flags and run with the options the tests use, fails its judgement
/// even when its output is what the case expects.
#[test]
fn a_sanitizer_report_is_never_a_pass() {
    if !cc_can_run(ASAN_UBSAN) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let case = Case {
        name: "probe".into(),
        stdout: "1\n".into(),
        err: None,
        status: 0,
    };
    for (what, body) in [
        (
            "signed overflow",
            "printf(\"1\\n\"); fflush(stdout); volatile long x = 0x7fffffffffffffff; x += argc; return (int)(x & 0);",
        ),
        (
            "heap read out of bounds",
            "long *p = malloc(4 * sizeof *p); printf(\"1\\n\"); fflush(stdout); long v = p[argc + 3]; free(p); return (int)(v & 0);",
        ),
    ] {
        let src = dir.path().join("probe.c");
        let exe = dir.path().join("probe");
        std::fs::write(
            &src,
            format!(
                "#include <stdio.h>\n#include <stdlib.h>\nint main(int argc, char **argv) {{ (void)argv; {body} }}\n"
            ),
        )
        .unwrap();
        let build = Command::new("cc")
            .args(ASAN_UBSAN.split_whitespace())
            .arg("-o")
            .arg(&exe)
            .arg(&src)
            .output()
            .unwrap();
        assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
        let out = sanitizer_env(&mut Command::new(&exe)).output().unwrap();
        assert_eq!(out.stdout, b"1\n", "{what}: the probe printed before failing");
        assert_eq!(out.status.code(), Some(REPORT_STATUS), "{what}");
        assert!(!reports(&case, what, &out).is_empty(), "{what}: not reported");
        assert!(!judge(&case, what, &out).is_empty(), "{what}: judged a pass");
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                found.extend(walk(&p));
            } else {
                found.push(p);
            }
        }
    }
    found
}

/// The whole corpus in every mode under a naruby built with
/// `NARUBY_SANITIZE=address,undefined` (named by `NARUBY_SANITIZED_NARUBY`;
/// see scripts/sanitize.sh); store objects and executables instrumented
/// with `NARUBY_SANITIZE_CFLAGS` (default: ASan+UBSan at -O1). Each program
/// gets fresh stores of its own.
#[test]
fn full_corpus_every_mode_under_a_sanitized_naruby() {
    let Some(naruby) = std::env::var_os("NARUBY_SANITIZED_NARUBY") else {
        eprintln!(
            "note: NARUBY_SANITIZED_NARUBY is not set; run scripts/sanitize.sh for this test"
        );
        return;
    };
    let naruby = PathBuf::from(naruby);
    let cflags = std::env::var("NARUBY_SANITIZE_CFLAGS").unwrap_or_else(|_| ASAN_UBSAN.into());
    if !cc_can_run(&cflags) {
        return;
    }
    let only = std::env::var("NARUBY_SANITIZE_ONLY").ok();
    let cases: Vec<Case> = cases()
        .into_iter()
        .filter(|c| {
            only.as_deref()
                .is_none_or(|o| o.split(',').any(|n| n == c.name))
        })
        .collect();
    let workers = std::env::var("NARUBY_SANITIZE_JOBS")
        .ok()
        .and_then(|j| j.parse().ok())
        .unwrap_or(2);
    let runs = AtomicUsize::new(0);
    let dir = tempfile::tempdir().unwrap();
    let start = std::time::Instant::now();
    let problems = each_case(&cases, workers, |case| {
        let base = dir.path().join(&case.name);
        std::fs::create_dir_all(&base).unwrap();
        let compiled = base.join("compile");
        let profiled = base.join("pg");
        let empty = base.join("empty");
        let (c, p) = (compiled.to_str().unwrap(), profiled.to_str().unwrap());
        let mut problems = Vec::new();
        for (mode, args) in [
            ("plain", vec!["--plain"]),
            ("compile", vec!["--code-store", c, "--compile"]),
            ("default after compile", vec!["--code-store", c]),
            ("pg", vec!["--code-store", p, "--pg"]),
            ("default after pg", vec!["--code-store", p]),
        ] {
            let out = naruby_run(&naruby, &args, case, Some(&cflags));
            problems.extend(judge(case, mode, &out));
        }
        let out = aot_run(&naruby, &empty, case, &cflags, &base.join("aot"));
        problems.extend(judge(case, "aot", &out));
        let out = aot_run(&naruby, &profiled, case, &cflags, &base.join("aot-pg"));
        problems.extend(judge(case, "aot after pg", &out));
        let done = runs.fetch_add(7, Ordering::Relaxed) / 7 + 1;
        eprintln!(
            "[{done}/{}] {:.0} s {}: {}",
            cases.len(),
            start.elapsed().as_secs_f64(),
            case.name,
            if problems.is_empty() {
                "ok"
            } else {
                "PROBLEMS"
            }
        );
        for p in &problems {
            eprintln!("{p}");
        }
        let _ = std::fs::remove_dir_all(&base);
        problems
    });
    eprintln!(
        "sanitizers: {} programs, {} runs (7 modes each) in {:.0} s, {} problems",
        cases.len(),
        runs.into_inner(),
        start.elapsed().as_secs_f64(),
        problems.len()
    );
    assert_no_problems(&problems);
}
