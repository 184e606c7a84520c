//! The command line: flags, exit statuses, error rendering.

use assert_cmd::Command;

fn naruby() -> Command {
    Command::cargo_bin("naruby").unwrap()
}

#[test]
fn runs_inline_code() {
    naruby()
        .args(["-e", "p 1 + 2"])
        .assert()
        .success()
        .stdout("3\n");
}

#[test]
fn version_and_help_exit_zero() {
    let out = naruby().arg("--version").assert().success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).starts_with("naruby "));
    let out = naruby().arg("--help").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    for flag in ["-e", "--plain", "--dump-ast", "--version"] {
        assert!(text.contains(flag), "help mentions {flag}");
    }
}

#[test]
fn bad_usage_exits_one() {
    naruby().arg("--no-such-flag").assert().code(1);
}

#[test]
fn the_store_option_goes_before_or_after_cache() {
    for args in [
        [
            "--code-store",
            "/tmp/naruby-cli-test-store",
            "cache",
            "path",
        ],
        [
            "cache",
            "path",
            "--code-store",
            "/tmp/naruby-cli-test-store",
        ],
    ] {
        naruby()
            .args(args)
            .assert()
            .success()
            .stdout("/tmp/naruby-cli-test-store\n");
    }
}

#[test]
fn cache_refuses_a_program_and_run_options() {
    for (args, named) in [
        (&["prog.rb", "cache", "path"][..], "FILE"),
        (&["-e", "p 1", "cache", "stats"][..], "-e"),
        (&["--compile", "cache", "verify"][..], "--compile"),
    ] {
        let out = naruby().args(args).assert().code(1);
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(err.contains(named), "{args:?}: {err}");
        assert!(out.get_output().stdout.is_empty());
    }
}

#[test]
fn missing_file_is_a_load_error() {
    naruby()
        .arg("no/such/file.rb")
        .assert()
        .code(1)
        .stderr("naruby: No such file or directory -- no/such/file.rb (LoadError)\n");
}

#[test]
fn syntax_errors_show_line_column_and_caret() {
    let out = naruby().args(["-e", "x = 1\np(1 + )"]).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    let first = err.lines().next().unwrap();
    assert!(first.starts_with("-e:2:"), "{err}");
    assert!(first.ends_with("(SyntaxError)"), "{err}");
    assert!(err.contains("p(1 + )") && err.contains('^'), "{err}");
    assert!(out.get_output().stdout.is_empty());
}

// Found by fuzzing (fuzz/): the report of a file that is not UTF-8 used to
// panic ("naruby: internal error") while marking the bad byte.
#[test]
fn invalid_utf8_is_a_syntax_error_with_a_caret() {
    for (input, at) in [
        (&b"p 1 # \xce\xdf x\n"[..], "-:1:7:"),
        (b"p 1\n\xff", "-:2:1:"),
        (b"\xe9", "-:1:1:"),
    ] {
        let out = naruby().write_stdin(input).assert().code(1);
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        let first = err.lines().next().unwrap_or("");
        assert_eq!(
            first,
            format!("{at} invalid multibyte char (UTF-8) (SyntaxError)"),
            "{err}"
        );
        assert!(err.contains('^'), "{err}");
        assert!(out.get_output().stdout.is_empty());
    }
}

#[test]
fn runtime_errors_flush_stdout_first() {
    naruby()
        .args(["-e", "p 1\np 2 / 0"])
        .assert()
        .code(1)
        .stdout("1\n")
        .stderr("-e:2: divided by 0 (ZeroDivisionError)\n");
}

#[test]
fn dump_ast_prints_hashes() {
    let out = naruby()
        .args(["--dump-ast", "-e", "x = 1\np x"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.lines().count() >= 3, "{text}");
    assert!(text.lines().all(|l| l.contains(" SD_")), "{text}");
}

#[test]
fn reads_the_program_from_stdin() {
    naruby()
        .write_stdin("p 6 * 7\n")
        .assert()
        .success()
        .stdout("42\n");
}

#[test]
fn exit_status_is_the_programs() {
    naruby()
        .args(["-e", "print 1\nexit(3)\np 2"])
        .assert()
        .code(3)
        .stdout("1");
}

#[test]
fn deep_recursion_works_and_overflow_is_clean() {
    naruby()
        .args(["-e", "def d(n) = n == 0 ? 0 : 1 + d(n - 1)\np d(100_000)"])
        .assert()
        .success()
        .stdout("100000\n");
    naruby()
        .args(["-e", "def f(n) = f(n + 1) + 1\nf(0)"])
        .assert()
        .code(1)
        .stderr("-e:1: stack level too deep (SystemStackError)\n");
}

#[test]
fn aot_builds_a_non_pie_executable_that_runs_alone() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("count.rb");
    std::fs::write(
        &src,
        "i = 0\nwhile i < 10\n  i += 1\nend\np i\np 5 / (i - 10)\n",
    )
    .unwrap();
    naruby()
        .current_dir(dir.path())
        .args(["--aot", "count.rb"])
        .assert()
        .success();
    let exe = dir.path().join("count");
    let header = std::fs::read(&exe).unwrap();
    assert_eq!(&header[..4], b"\x7fELF");
    assert_eq!(
        u16::from_le_bytes([header[16], header[17]]),
        2,
        "ET_EXEC: not a PIE"
    );
    let out = std::process::Command::new(&exe)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "10\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "count.rb:6: divided by 0 (ZeroDivisionError)\n"
    );
    assert_eq!(out.status.code(), Some(1));
    // and as PIE on request
    naruby()
        .current_dir(dir.path())
        .args(["--aot", "--pie", "count.rb", "-o", "count_pie"])
        .assert()
        .success();
    let header = std::fs::read(dir.path().join("count_pie")).unwrap();
    assert_eq!(u16::from_le_bytes([header[16], header[17]]), 3, "ET_DYN");
}

/// Programs above `aot::PER_NODE_MAX_NODES` nodes keep one dispatcher per
/// distinct subtree in the executable (the corpus programs are all small,
/// so they only exercise the per-node code). 700 functions, a redefinition
/// and an error inside region code of one of two equal bodies (named by
/// text and bound by the region check there, as in code-store units): the
/// executable must agree with the interpreter.
#[test]
fn aot_of_a_large_program_shares_dispatchers_and_agrees_with_the_interpreter() {
    let dir = tempfile::tempdir().unwrap();
    let mut src = String::new();
    for k in 0..700 {
        src.push_str(&format!("def f{k}(a)\n  b = a + {k}\n  b\nend\n"));
    }
    src.push_str("x = 0\ni = 0\nwhile i < 3\n");
    for k in 0..700 {
        src.push_str(&format!("  x = f{k}(x)\n"));
    }
    src.push_str("  i += 1\nend\np x\ndef f3(a)\n  a - 1\nend\np f3(10)\n");
    src.push_str(
        "def twin_a(a)\n  b = 100 / a\n  b\nend\ndef twin_b(a)\n  b = 100 / a\n  b\nend\n",
    );
    src.push_str("p twin_b(4) + twin_a(5)\np f699(5) + twin_a(0)\n");
    std::fs::write(dir.path().join("big.rb"), &src).unwrap();
    let lines = naruby()
        .current_dir(dir.path())
        .args(["--dump-ast", "big.rb"])
        .output()
        .unwrap()
        .stdout
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    assert!(lines > naruby::aot::PER_NODE_MAX_NODES, "{lines} nodes");
    let plain = naruby()
        .current_dir(dir.path())
        .args(["--plain", "big.rb"])
        .output()
        .unwrap();
    let expected: u64 = 3 * (0..700).sum::<u64>();
    assert_eq!(
        String::from_utf8_lossy(&plain.stdout),
        format!("{expected}\n9\n45\n")
    );
    let twin_a_line = src.lines().position(|l| l == "def twin_a(a)").unwrap() + 2;
    assert!(
        String::from_utf8_lossy(&plain.stderr).starts_with(&format!("big.rb:{twin_a_line}: ")),
        "{}",
        String::from_utf8_lossy(&plain.stderr)
    );
    naruby()
        .current_dir(dir.path())
        .args(["--code-store", "empty-store", "--aot", "big.rb"])
        .assert()
        .success();
    let out = std::process::Command::new(dir.path().join("big"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.stdout, plain.stdout);
    assert_eq!(out.stderr, plain.stderr);
    assert_eq!(out.status.code(), plain.status.code());
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn aot_emit_c_writes_one_translation_unit() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.rb"), "def f(a) = a * 2\np f(21)\n").unwrap();
    naruby()
        .current_dir(dir.path())
        .args(["--aot", "--emit-c", "t.rb"])
        .assert()
        .success();
    let c = std::fs::read_to_string(dir.path().join("t.c")).unwrap();
    assert!(c.contains("int main(void)"));
    assert!(c.contains("static inline RESULT SD_"));
    assert!(!c.contains("#include \"naruby.h\""), "self-contained");
    // it compiles on its own
    let status = std::process::Command::new("cc")
        .current_dir(dir.path())
        .args(["-O1", "-o", "t_exe", "t.c", "-lpthread"])
        .status()
        .unwrap();
    assert!(status.success());
    let out = std::process::Command::new(dir.path().join("t_exe"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "42\n");
}

/// Region code whose calls skip the C stack check (`NR_REGION_ROOM`)
/// overflows where the plain interpreter does, both when ordinary code
/// enters it (room for the rest of the value stack) and when the room check
/// fails and every call takes the checked, ordinary path (forced here by an
/// absurd per-slot frame size).
#[test]
fn region_code_without_c_stack_checks_overflows_where_the_interpreter_does() {
    let dir = tempfile::tempdir().unwrap();
    let src = "def fib(n)\n  if n < 2\n    n\n  else\n    fib(n - 1) + fib(n - 2)\n  end\nend\n\
               def down(n)\n  if n == 0\n    0\n  else\n    down(n - 1) + down(0)\n  end\nend\n\
               p fib(20)\np down(100000000)\n";
    std::fs::write(dir.path().join("t.rb"), src).unwrap();
    let plain = run_in(dir.path(), &["--plain", "t.rb"]);
    assert_eq!(String::from_utf8_lossy(&plain.stdout), "6765\n");
    assert_eq!(
        String::from_utf8_lossy(&plain.stderr),
        "t.rb:12: stack level too deep (SystemStackError)\n"
    );
    assert_eq!(plain.status.code(), Some(1));
    // the build itself drops the checks (gcc, -O3), and at -O1 keeps them
    for (flags, says) in [
        (
            None,
            "recursive or deeply nested callees run without C stack checks",
        ),
        (
            Some("-O1"),
            "recursive or deeply nested callees check the C stack",
        ),
    ] {
        let mut cmd = naruby();
        cmd.current_dir(dir.path())
            .args(["--aot", "--stats", "--code-store", "s", "t.rb"]);
        if let Some(flags) = flags {
            cmd.arg(format!("--cflags={flags}"));
        }
        let built = cmd.output().unwrap();
        let stats = String::from_utf8_lossy(&built.stderr);
        assert!(built.status.success() && stats.contains(says), "{stats}");
        assert_runs_like(&dir.path().join("t"), &plain, &format!("{flags:?}"));
    }
    naruby()
        .current_dir(dir.path())
        .args(["--aot", "--emit-c", "t.rb"])
        .assert()
        .success();
    for bytes in ["192", "1048576"] {
        let status = std::process::Command::new("cc")
            .current_dir(dir.path())
            .args([
                "-std=gnu11",
                "-O2",
                "-DNR_INLINE_REGIONS",
                "-fno-pic",
                "-no-pie",
            ])
            .arg("-DNR_REGION_ROOM")
            .arg(format!("-DNR_REGION_FRAME_BYTES={bytes}"))
            .args(["-o", "t_exe", "t.c", "-lpthread"])
            .status()
            .unwrap();
        assert!(status.success());
        assert_runs_like(&dir.path().join("t_exe"), &plain, bytes);
    }
}

/// A name redefined by top-level statements means its last definition: the
/// AOT build speculates on it, and the call made before the redefinition
/// takes the ordinary path. A name redefined inside a condition is not
/// speculated on.
#[test]
fn aot_speculates_on_a_name_redefined_by_top_level_statements() {
    let dir = tempfile::tempdir().unwrap();
    let rest = "s = 0\ni = 0\nwhile i < 1000\n  s += val(i)\n  i += 1\nend\np s\n";
    for (redefinition, speculated) in [
        ("def val(x) = x + 1\n", "speculates on 1 names"),
        (
            "if s == 0\n  def val(x) = x + 1\nend\n",
            "speculates on 0 names",
        ),
    ] {
        let src = format!("def val(x) = x * 2\np val(1)\ns = 0\n{redefinition}{rest}");
        std::fs::write(dir.path().join("t.rb"), &src).unwrap();
        let plain = run_in(dir.path(), &["--plain", "t.rb"]);
        assert_eq!(String::from_utf8_lossy(&plain.stdout), "2\n500500\n");
        let built = run_in(
            dir.path(),
            &["--aot", "--stats", "--code-store", "s", "t.rb"],
        );
        let stats = String::from_utf8_lossy(&built.stderr);
        assert!(
            built.status.success() && stats.contains(speculated),
            "{src}{stats}"
        );
        assert_runs_like(&dir.path().join("t"), &plain, &src);
    }
}

/// Runs naruby with `args` in `dir`.
/// A call chain deeper than `NR_UNCHECKED_DEPTH` (64) checks the C stack
/// in its deepest calls, but nothing in it is recursive: `--aot` builds it
/// once, with the checks, instead of first without them (a build whose
/// frames for 70 bodies never fit the bound).
#[test]
fn aot_builds_a_deep_chain_without_recursion_once_with_its_checks() {
    let dir = tempfile::tempdir().unwrap();
    let mut src = String::new();
    for k in 1..70 {
        src += &format!("def f{k}(x)\n  f{}(x) + 1\nend\n", k + 1);
    }
    src += "def f70(x)\n  x\nend\ns = 0\ni = 0\nwhile i < 1000\n  s += f1(i)\n  i += 1\nend\np s\n";
    std::fs::write(dir.path().join("t.rb"), src).unwrap();
    let plain = run_in(dir.path(), &["--plain", "t.rb"]);
    let expected: i64 = (0..1000).map(|i| i + 69).sum();
    assert_eq!(
        String::from_utf8_lossy(&plain.stdout),
        format!("{expected}\n")
    );
    let built = run_in(
        dir.path(),
        &["--aot", "--stats", "--code-store", "s", "t.rb"],
    );
    let stats = String::from_utf8_lossy(&built.stderr);
    assert!(
        built.status.success()
            && stats
                .contains("calls into deeply nested callees check the C stack (none is recursive)"),
        "{stats}"
    );
    assert_runs_like(&dir.path().join("t"), &plain, "70-deep chain");
}

fn run_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    naruby().current_dir(dir).args(args).output().unwrap()
}

/// Runs the executable `exe` and checks that it prints and exits as the
/// `plain` run did.
fn assert_runs_like(exe: &std::path::Path, plain: &std::process::Output, what: &str) {
    let out = std::process::Command::new(exe).output().unwrap();
    assert_eq!(out.stdout, plain.stdout, "{what}");
    assert_eq!(out.stderr, plain.stderr, "{what}");
    assert_eq!(out.status.code(), plain.status.code(), "{what}");
}

#[test]
fn aot_reports_syntax_errors_itself() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.rb"), "p(1 + )\n").unwrap();
    let out = naruby()
        .current_dir(dir.path())
        .args(["--aot", "bad.rb"])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.starts_with("bad.rb:1:"), "{err}");
    assert!(!dir.path().join("bad").exists());
}

#[test]
fn aot_reports_compiler_failures() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.rb"), "p 1\n").unwrap();
    let out = naruby()
        .current_dir(dir.path())
        .args([
            "--aot",
            "ok.rb",
            "--cflags",
            "-DX -fno-such-flag-for-naruby",
        ])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("C compiler failed") && err.contains("no-such-flag"),
        "{err}"
    );
}

#[test]
fn emit_c_prints_specialized_dispatchers() {
    let out = naruby()
        .args(["--emit-c", "-e", "x = 1\np x + 2"])
        .assert()
        .success();
    let c = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(c.contains("EVAL_add_li(n, fp, 0u, INT64_C(2))"), "{c}");
}
