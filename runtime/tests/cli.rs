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
