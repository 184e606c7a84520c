//! `naruby --jit` and the L1 daemon, with real processes: the first run
//! compiles and swaps while it runs, the second binds at start-up; several
//! processes share one daemon; a daemon restarted mid-run is picked up; no
//! daemon, a failing compiler or garbage on the socket never make a program
//! wrong; the store is the one `--compile` uses.

mod common;
use common::{
    abi_dir, assert_ran, eventually, large_program, make_store, naruby, objects, run, stderr,
    wait_for_socket, KillOnDrop,
};

use naruby::jit::proto::VERSION;
use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::time::Duration;

/// The paper's prime? workload: about a second interpreted, so the JIT has
/// time to swap prime? in while it runs.
const PRIME: &str = "def prime?(n)\n  return 0 if n < 2\n  i = 2\n  while i * i <= n\n    return 0 if n % i == 0\n    i += 1\n  end\n  1\nend\n\ncount = 0\ni = 0\nwhile i <= LIMIT\n  count += 1 if prime?(i) == 1\n  i += 1\nend\np count\n";

fn prime_program(dir: &Path, limit: u32) -> (PathBuf, String) {
    let path = dir.join(format!("prime{limit}.rb"));
    fs::write(&path, PRIME.replace("LIMIT", &limit.to_string())).unwrap();
    let count = (0..=limit)
        .filter(|&n| n >= 2 && (2..).take_while(|i| i * i <= n).all(|i| n % i != 0))
        .count();
    (path, format!("{count}\n"))
}

fn jit(store: &Path, args: &[&str], file: &Path, spawn: bool) -> Output {
    let mut cmd = naruby();
    cmd.arg("--code-store")
        .arg(store)
        .arg("--jit")
        .args(args)
        .arg(file);
    if !spawn {
        cmd.env("NARUBY_JIT_SPAWN", "0");
    }
    cmd.output().unwrap()
}

/// The `jit:` line of an entry in a `--stats` report.
fn entry_line(out: &Output, name: &str) -> String {
    stderr(out)
        .lines()
        .find(|l| l.starts_with(&format!("jit:   {name} ")))
        .unwrap_or_else(|| panic!("no jit line for {name}:\n{}", stderr(out)))
        .to_string()
}

/// When the entry `name` was swapped in (ms from the start), if it was.
fn swapped_at(out: &Output, name: &str) -> Option<f64> {
    let line = entry_line(out, name);
    let at = line.find("swapped at ")? + 11;
    Some(line[at..].split(' ').next().unwrap().parse().unwrap())
}

/// Whether the run got as far as asking L1 for prime?'s code (the answer
/// may come after a short program has ended, on a loaded machine).
fn requested(out: &Output, name: &str) -> bool {
    let line = entry_line(out, name);
    line.contains("compiled") || line.contains("compiling")
}

/// An L1 started by the test; killed when dropped.
struct Daemon(KillOnDrop);

impl Daemon {
    fn start(store: &Path) -> Daemon {
        let sock = abi_dir(store).join("l1.sock");
        let _ = fs::remove_file(&sock);
        let mut child = naruby()
            .arg("--code-store")
            .arg(store)
            .args(["jit", "l1", "--consolidate-after", "200"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // its first line says where it listens, once it does (a naruby that
        // starts it waits for the line instead of polling the socket)
        let out = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(out), &mut line);
            let _ = tx.send(line);
        });
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("L1 says that it listens");
        assert_eq!(line, format!("listening on {}\n", sock.display()));
        wait_for_socket(&sock, "L1");
        Daemon(KillOnDrop(child))
    }

    fn alive(&mut self) -> bool {
        self.0 .0.try_wait().unwrap().is_none()
    }
}

/// A scratch directory holding a store, and an L1 serving it.
fn store_and_daemon() -> (tempfile::TempDir, PathBuf, Daemon) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    make_store(&store, dir.path());
    let daemon = Daemon::start(&store);
    (dir, store, daemon)
}

#[test]
fn the_first_run_swaps_while_running_and_later_runs_bind_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    // long enough (about 4 s interpreted) that a loaded machine still
    // swaps prime? in while it runs
    let (prog, expected) = prime_program(dir.path(), 3_000_000);
    let first = jit(&store, &["--stats"], &prog, true);
    assert_ran(&first, &expected);
    let line = entry_line(&first, "prime?");
    assert!(
        line.contains("compiled") && line.contains("swapped"),
        "{}",
        stderr(&first)
    );
    // where the first run's time went: prime? became hot, was asked for
    // and was swapped, in that order
    let at = |what: &str| {
        line.find(what)
            .unwrap_or_else(|| panic!("no `{what}` in {line}"))
    };
    assert!(
        at("hot at") < at("requested at") && at("requested at") < at("swapped at"),
        "{line}"
    );
    assert!(
        stderr(&first).contains("request-to-swap latency"),
        "{}",
        stderr(&first)
    );

    // once the daemon has consolidated, every entry binds at start-up, in
    // --jit runs and in default runs alike (the store --compile uses)
    let bound_all = eventually(20, || {
        let again = jit(&store, &["--stats"], &prog, true);
        assert_ran(&again, &expected);
        stderr(&again).contains("jit: 2 entries: 2 compiled (2 bound at start")
    });
    assert!(
        bound_all,
        "the second run did not bind everything at start-up"
    );
    let default = naruby()
        .arg("--code-store")
        .arg(&store)
        .arg("--stats")
        .arg(&prog)
        .output()
        .unwrap();
    assert_ran(&default, &expected);
    assert!(
        stderr(&default).contains("misses 0"),
        "{}",
        stderr(&default)
    );
}

#[test]
fn several_processes_share_one_daemon_and_each_symbol_is_compiled_once() {
    let (dir, store, mut daemon) = store_and_daemon();
    let (prog, expected) = prime_program(dir.path(), 600_000);
    let runs: Vec<Child> = (0..4)
        .map(|_| {
            naruby()
                .arg("--code-store")
                .arg(&store)
                .args(["--jit", "--jit-threshold", "10", "--stats"])
                .arg(&prog)
                .env("NARUBY_JIT_SPAWN", "0")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in runs {
        let out = child.wait_with_output().unwrap();
        assert_ran(&out, &expected);
        assert!(requested(&out, "prime?"), "{}", stderr(&out));
    }
    assert!(daemon.alive());
    // the top level and prime?'s body, however many asked (and the top
    // level's loop body if a run still ran when prime?'s code came;
    // prime?'s own loop is compiled with prime?): one object per symbol
    assert!(
        eventually(30, || objects(&abi_dir(&store)) >= 2),
        "{} objects",
        objects(&abi_dir(&store))
    );
    std::thread::sleep(Duration::from_millis(500));
    let n = objects(&abi_dir(&store));
    assert!((2..=3).contains(&n), "{n} objects");
}

#[test]
fn a_daemon_restarted_mid_run_is_picked_up() {
    let (dir, store, daemon) = store_and_daemon();
    let (prog, expected) = prime_program(dir.path(), 4_000_000);
    let run = naruby()
        .arg("--code-store")
        .arg(&store)
        .args(["--jit", "--stats"])
        .arg(&prog)
        .env("NARUBY_JIT_SPAWN", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(30));
    drop(daemon); // killed, maybe in the middle of a compile
    std::thread::sleep(Duration::from_millis(200));
    let _again = Daemon::start(&store);
    let out = run.wait_with_output().unwrap();
    assert_ran(&out, &expected);
    let line = entry_line(&out, "prime?");
    assert!(
        line.contains("compiled") && line.contains("swapped"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn without_a_daemon_the_program_runs_interpreted_with_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let (prog, expected) = prime_program(dir.path(), 20_000);
    let out = jit(&store, &["--stats"], &prog, false);
    assert_ran(&out, &expected);
    let warnings = stderr(&out).matches("JIT daemon cannot be reached").count();
    assert_eq!(warnings, 1, "{}", stderr(&out));
    assert!(
        entry_line(&out, "prime?").contains("unknown"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_failing_compile_leaves_the_body_interpreted_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let cc = dir.path().join("badcc");
    fs::write(
        &cc,
        "#!/bin/sh\nfor a; do [ \"$a\" = --version ] && { echo badcc 1; exit 0; }; done\necho 'error: injected failure' >&2\nexit 1\n",
    )
    .unwrap();
    fs::set_permissions(&cc, fs::Permissions::from_mode(0o755)).unwrap();
    let (prog, expected) = prime_program(dir.path(), 1_000_000);
    let out = naruby()
        .arg("--code-store")
        .arg(&store)
        .args(["--jit", "--stats"])
        .arg(&prog)
        .env("CC", &cc)
        .output()
        .unwrap();
    assert_ran(&out, &expected);
    let err = stderr(&out);
    assert!(
        err.contains("JIT compile of prime? failed") && err.contains("injected failure"),
        "{err}"
    );
    assert!(entry_line(&out, "prime?").contains("failed"), "{err}");
}

#[test]
fn garbage_on_the_socket_is_refused_and_the_daemon_keeps_serving() {
    let (dir, store, mut daemon) = store_and_daemon();
    let sock = abi_dir(&store).join("l1.sock");
    for garbage in [
        b"GET / HTTP/1.1\r\n\r\n".to_vec(),
        [b"NRJ".as_slice(), &[VERSION, 1, 0xff, 0xff, 0xff, 0xff]].concat(),
        vec![0u8; 4096],
    ] {
        let mut s = UnixStream::connect(&sock).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        s.write_all(&garbage).unwrap();
        let mut reply = Vec::new();
        let _ = s.read_to_end(&mut reply);
        // a Refused frame (kind 10) or a plain close, never a hang
        assert!(
            reply.is_empty() || reply.starts_with(&[b'N', b'R', b'J', VERSION, 0x0a]),
            "{reply:?}"
        );
    }
    assert!(daemon.alive());
    let (prog, expected) = prime_program(dir.path(), 300_000);
    let out = jit(&store, &["--stats", "--jit-threshold", "5"], &prog, false);
    assert_ran(&out, &expected);
    assert!(requested(&out, "prime?"), "{}", stderr(&out));
    assert!(
        eventually(30, || objects(&abi_dir(&store)) >= 2),
        "the daemon compiled nothing"
    );
    assert!(requested(&out, "prime?"), "{}", stderr(&out));
}

#[test]
fn a_program_that_ends_at_once_still_gets_its_top_level_compiled() {
    let (dir, store, _daemon) = store_and_daemon();
    // no functions, done in a millisecond: its top level is asked for when
    // the program ends (the top level's compile otherwise waits a while);
    // too few iterations for its loop to be compiled on its own
    let prog = dir.path().join("short.rb");
    fs::write(
        &prog,
        "x = 0\ni = 0\nwhile i < 500\n  x += i\n  i += 1\nend\np x\n",
    )
    .unwrap();
    let out = jit(&store, &["--stats"], &prog, false);
    assert_ran(&out, "124750\n");
    assert!(requested(&out, "<top level>"), "{}", stderr(&out));
    assert!(
        eventually(30, || objects(&abi_dir(&store)) == 1),
        "the daemon did not compile the top level"
    );
    // once consolidated, later runs bind it at start
    assert!(
        eventually(30, || {
            let again = jit(&store, &["--stats"], &prog, false);
            assert_ran(&again, "124750\n");
            entry_line(&again, "<top level>").contains("bound at start")
        }),
        "later runs never bound the top level at start"
    );
}

#[test]
fn a_body_hot_when_the_program_ends_is_still_compiled_for_the_next_run() {
    let (dir, store, _daemon) = store_and_daemon();
    // `f` is hot on its one call (threshold 1), microseconds before the
    // end: L1 has not yet answered the query sent when it was defined, so
    // the compile is asked for as the program ends, not lost with it
    let prog = dir.path().join("once.rb");
    fs::write(&prog, "def f(a)\n  b = a + 1\n  b * 3\nend\np f(13)\n").unwrap();
    let out = jit(&store, &["--stats", "--jit-threshold", "1"], &prog, false);
    assert_ran(&out, "42\n");
    assert!(requested(&out, "f"), "{}", stderr(&out));
    assert!(
        eventually(30, || {
            let again = jit(&store, &["--stats", "--jit-threshold", "1"], &prog, false);
            assert_ran(&again, "42\n");
            entry_line(&again, "f").contains("bound at start")
        }),
        "later runs never bound f at start"
    );
}

/// Runs `template` (N replaced by `n`, long enough that a loaded machine
/// still hands the loops over mid-run) under `--jit --stats` with a daemon
/// of its own; checks that it printed `expected` and that each of `loops`
/// (their `--stats` names) moved into compiled code while running.
fn run_loops(template: &str, n: u64, expected: &str, loops: &[&str]) -> Output {
    let (dir, store, _daemon) = store_and_daemon();
    let prog = dir.path().join("loops.rb");
    fs::write(&prog, template.replace('N', &n.to_string())).unwrap();
    let out = jit(&store, &["--stats"], &prog, false);
    assert_ran(&out, expected);
    for name in loops {
        let line = entry_line(&out, name);
        assert!(line.contains("swapped"), "{}", stderr(&out));
    }
    out
}

/// A loop in the top level and one in a function called once: neither
/// function body nor top level is compiled in time to matter, so the JIT
/// compiles the loops, and the running loops continue in that code. They
/// leave by `break`, `next` and `return` from inside it.
const LOOPS: &str = "def search(limit)\n  i = 0\n  s = 0\n  while i < limit + 10\n    i += 1\n    next if i % 3 == 0\n    s += i\n    return s if i >= limit\n  end\n  0\nend\n\nt = 0\nj = 0\nwhile j < N\n  t += j % 7\n  j += 1\n  break if j == N - 5\nend\np t\np search(N)\n";

#[test]
fn loops_are_compiled_and_swapped_while_they_run() {
    let n: u64 = 100_000_000;
    // t sums j % 7 for j below n - 5; s the i up to n that 3 does not divide
    let m = n - 5;
    let t = m / 7 * 21 + (0..m % 7).sum::<u64>();
    let (k, n3) = (n / 3, n);
    let s = n3 * (n3 + 1) / 2 - 3 * (k * (k + 1) / 2);
    let out = run_loops(
        LOOPS,
        n,
        &format!("{t}\n{s}\n"),
        &["<top level>: loop at line 15", "search: loop at line 4"],
    );
    // the function body itself was called once: never hot
    assert!(!requested(&out, "search"), "{}", stderr(&out));
}

/// Loops whose bodies are one node: the JIT compiles each loop whole and
/// the running loop continues in that code from its frame as it stands.
/// `c` counts the evaluations of the first loop's condition, which must
/// happen exactly once per iteration across the hand-over.
/// The second loop runs four times as long: its compile queues behind the
/// first's and the top level's, which on a loaded machine take a second.
const TINY_LOOPS: &str = "c = 0\ni = 0\nwhile (c += 1) > 0 && i < N\n  i += 1\nend\nj = 0\nuntil j == 4 * N\n  j += 1\nend\np c\np i + j\n";

#[test]
fn a_running_loop_continues_in_its_compiled_code_from_where_it_is() {
    let n: u64 = 100_000_000;
    run_loops(
        TINY_LOOPS,
        n,
        &format!("{}\n{}\n", n + 1, 5 * n),
        &["<top level>: loop at line 3", "<top level>: loop at line 7"],
    );
}

/// The nice value of each thread of process `pid` (field 19 of its stat).
fn thread_nice_values(pid: u32) -> Vec<i64> {
    let mut out = Vec::new();
    for task in fs::read_dir(format!("/proc/{pid}/task")).unwrap() {
        let stat = fs::read_to_string(task.unwrap().path().join("stat")).unwrap_or_default();
        // the command name is parenthesized and may hold spaces
        if let Some((_, rest)) = stat.rsplit_once(") ") {
            if let Some(nice) = rest.split_whitespace().nth(16) {
                out.push(nice.parse().unwrap());
            }
        }
    }
    out
}

#[test]
fn the_daemon_compiles_at_a_lower_priority() {
    let (_dir, _store, daemon) = store_and_daemon();
    // the serving thread and its workers (whose compilers inherit it)
    let ours = thread_nice_values(std::process::id())[0];
    let nice = thread_nice_values(daemon.0 .0.id());
    let lowered = (ours + 10).min(19);
    assert!(
        nice.iter().filter(|&&n| n == lowered).count() >= 2,
        "ours {ours}, the daemon's threads {nice:?}"
    );
}

/// A three-deep call chain, each body more than one node (so each is a
/// JIT entry), called N times from a loop.
/// f calls g calls h, from a loop in a function called once (a loop of
/// the top level would be compiled first, holding all three: see
/// `a_top_level_loop_over_a_chain_is_compiled_before_the_chains_plain_code`).
const CHAIN: &str = "def f(x)\n  y = g(x)\n  y + 1\nend\ndef g(x)\n  y = h(x)\n  y * 2\nend\ndef h(x)\n  y = x % 1000\n  y - 3\nend\ndef run(n)\n  s = 0\n  i = 0\n  while i < n\n    s += f(i)\n    i += 1\n  end\n  s\nend\np run(N)\n";

fn chain_program(dir: &Path, n: u64) -> (PathBuf, String) {
    let path = dir.join(format!("chain{n}.rb"));
    fs::write(&path, CHAIN.replace('N', &n.to_string())).unwrap();
    let s: i64 = (0..n as i64).map(|i| (i % 1000 - 3) * 2 + 1).sum();
    (path, format!("{s}\n"))
}

/// The number after `what` in a `--stats` report.
fn stat(out: &Output, what: &str) -> u64 {
    let err = stderr(out);
    let at = err
        .find(what)
        .unwrap_or_else(|| panic!("no `{what}` in {err}"))
        + what.len();
    err[at..]
        .split([',', ';', '\n'])
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

fn direct_call_hits(out: &Output) -> u64 {
    stat(out, "guarded direct calls: hits ")
}

#[test]
fn a_hot_body_runs_its_plain_code_first_then_code_that_calls_its_callees_directly() {
    // f's plain code is asked for at once and swapped in; the code that
    // holds g and h too (gcc takes several times as long) comes after it
    // and replaces it. Both must come while the program runs (several
    // seconds interpreted); on a machine busy with other tests the niced
    // daemon may not make it in time, so a run where the speculative code
    // never came is tried again with a fresh store, up to three times.
    const LOOP: &str = "run: loop at line 16";
    let mut attempt = 0;
    let (dir, store, _daemon, out) = loop {
        let (dir, store, daemon) = store_and_daemon();
        let (prog, expected) = chain_program(dir.path(), 150_000_000);
        let out = jit(&store, &["--stats"], &prog, false);
        assert_ran(&out, &expected);
        attempt += 1;
        if swapped_at(&out, "f (speculative)").is_some() || attempt == 3 {
            break (dir, store, daemon, out);
        }
    };
    let plain = swapped_at(&out, "f");
    let speculative = swapped_at(&out, "f (speculative)");
    // On a machine kept busy throughout, run's loop (asked for with f's
    // speculative code, once f's plain code is in) may come first: it runs
    // f, g and h inlined, and the program ends in it before f's own
    // speculative code comes. Then that loop's code must have come after
    // f's plain code, and later runs must still bind f's (below).
    let callers_code = speculative.or_else(|| swapped_at(&out, LOOP));
    assert!(
        plain.is_some() && callers_code.is_some() && plain < callers_code,
        "{}",
        stderr(&out)
    );
    // f's code calls g directly: through a guard, or into region code
    assert!(
        direct_call_hits(&out) + stat(&out, "regions entered ") > 0,
        "{}",
        stderr(&out)
    );

    // g, called only from f, needs no speculative code of its own: f's
    // holds it
    assert!(
        entry_line(&out, "g (speculative)").contains("held in its callers' code"),
        "{}",
        stderr(&out)
    );

    // later runs, with --jit or without, bind f's speculative code at start
    let short = chain_program(dir.path(), 1000);
    assert!(
        eventually(30, || {
            let again = jit(&store, &["--stats"], &short.0, false);
            assert_ran(&again, &short.1);
            entry_line(&again, "f (speculative)").contains("bound at start")
                && entry_line(&again, "g (speculative)").contains("held in its callers' code")
        }),
        "later runs never bound the speculative code of f at start"
    );
    let default = run(&store, &["--stats"], &short.0);
    assert_ran(&default, &short.1);
    assert!(
        stat(&default, "speculative entries bound ") >= 1
            && direct_call_hits(&default) + stat(&default, "regions entered ") > 0,
        "{}",
        stderr(&default)
    );
}

/// `f1` calls `f2` ... calls `fDEPTH`, which returns its argument plus one,
/// `n` times.
fn deep_chain_program(dir: &Path, depth: u32, n: u64) -> (PathBuf, String) {
    let mut text = String::new();
    for k in 1..depth {
        text += &format!("def f{k}(x)\n  f{}(x)\nend\n", k + 1);
    }
    text += &format!("def f{depth}(x)\n  x + 1\nend\n");
    text += &format!("s = 0\ni = 0\nwhile i < {n}\n  s += f1(i)\n  i += 1\nend\np s\n");
    let path = dir.join(format!("deep{depth}.rb"));
    fs::write(&path, text).unwrap();
    let s: u64 = (0..n).map(|i| i + 1).sum();
    (path, format!("{s}\n"))
}

/// A 12-deep chain run `n` times in a loop, with a daemon of its own, and
/// its first `--jit --stats` run.
struct ChainRun {
    _dir: tempfile::TempDir,
    _daemon: Daemon,
    store: PathBuf,
    prog: PathBuf,
    expected: String,
    first: Output,
}

fn first_chain_run(n: u64) -> ChainRun {
    let (dir, store, daemon) = store_and_daemon();
    let (prog, expected) = deep_chain_program(dir.path(), 12, n);
    let first = jit(&store, &["--stats"], &prog, false);
    assert_ran(&first, &expected);
    ChainRun {
        _dir: dir,
        _daemon: daemon,
        store,
        prog,
        expected,
        first,
    }
}

#[test]
fn of_a_chain_hot_at_once_only_the_outermost_body_gets_speculative_code() {
    // every body of the chain becomes hot at the same iteration; f1's
    // speculative code holds the code of f2 ... f12, so theirs would only
    // copy it again (the chain's tail once per body: quadratic in its depth)
    let run = first_chain_run(300_000);
    let (store, prog, expected, first) = (&run.store, &run.prog, &run.expected, &run.first);
    let held: Vec<String> = (2..12).map(|k| format!("f{k} (speculative)")).collect();
    let symbols: Vec<String> = held.iter().map(|name| entry_symbol(first, name)).collect();
    // once code that holds the chain is there (f1's speculative code, or
    // the top level's if the run ended before f1's was asked for), a run
    // binds it at start and shows the rest held (f12 calls nothing: its
    // code is its plain code)
    let mut last = None;
    let bound = eventually(60, || {
        let again = jit(store, &["--stats"], prog, false);
        assert_ran(&again, expected);
        let done = entry_line(&again, "f1 (speculative)").contains("bound at start")
            || entry_line(&again, "<top level>").contains("bound at start");
        last = Some(again);
        done
    });
    let again = last.unwrap();
    assert!(
        bound,
        "code holding the chain never came:\n{}",
        stderr(&again)
    );
    for name in &held {
        assert!(
            entry_line(&again, name).contains("held in its callers' code"),
            "{}",
            stderr(&again)
        );
    }
    // (f1's own speculative code is held too when the top level's code,
    // which holds the chain, is what came: a run whose top-level loop got
    // its code first ends before f1's is asked for; and so is the bodies'
    // plain code when that loop's code covered them in the first run, which
    // then never asked for it.) Nothing but the chain's entries is held,
    // and the report's count says so.
    let report = stderr(&again);
    let held_lines: Vec<&str> = report
        .lines()
        .filter(|l| l.starts_with("jit:   ") && l.contains("held in its callers' code"))
        .map(|l| l.split(' ').nth(3).unwrap())
        .collect();
    assert!(
        held_lines
            .iter()
            .all(|name| (1..12).any(|k| *name == format!("f{k}"))),
        "{}",
        stderr(&again)
    );
    assert!(
        stderr(&again).contains(&format!("{} held in callers' code", held_lines.len())),
        "{}",
        stderr(&again)
    );
    // and none of their speculative code was ever asked for
    let abi = abi_dir(store);
    for s in &symbols {
        assert!(
            !abi.join("src").join(format!("{s}.c")).exists(),
            "{s} was compiled"
        );
        assert!(
            !abi.join("jit").join(format!("{s}.so")).exists(),
            "{s} was compiled"
        );
    }
}

#[test]
fn a_top_level_loop_over_a_chain_is_compiled_before_the_chains_plain_code() {
    // the chain's bodies become hot at the 2nd iteration and the loop at
    // the 20th (threshold 2): the bodies' plain code waits for the loop's
    // code, which runs the whole chain inlined, and is asked for only once
    // that has come (before, the loop waited for the bodies' plain code),
    // and then only for the bodies that something outside the loop calls:
    // here f6 (called after it) and the bodies it reaches. The loop's code
    // must come while the program runs (about 3 s interpreted; the code
    // comes in about 0.15 s on an idle machine); on a machine busy with
    // other tests the niced daemon may not make it, so such a run is tried
    // again with a fresh store, up to three times.
    let the_loop = "<top level>: loop at line 39";
    let mut attempt = 0;
    let out = loop {
        let (dir, store, _daemon) = store_and_daemon();
        let (prog, expected) = deep_chain_program(dir.path(), 12, 50_000_000);
        let mut text = fs::read_to_string(&prog).unwrap();
        text += "p f6(1)\n";
        fs::write(&prog, text).unwrap();
        let out = jit(&store, &["--stats", "--jit-threshold", "2"], &prog, false);
        assert_ran(&out, &format!("{expected}2\n"));
        let loop_swapped = swapped_at(&out, the_loop);
        // (f12's one-node body is no entry)
        for k in 1..12 {
            if let Some(body) = swapped_at(&out, &format!("f{k}")) {
                assert!(
                    loop_swapped.is_some_and(|l| l <= body),
                    "f{k}'s plain code came before the loop's:\n{}",
                    stderr(&out)
                );
            }
        }
        attempt += 1;
        if loop_swapped.is_some() || attempt == 3 {
            break out;
        }
    };
    assert!(
        swapped_at(&out, the_loop).is_some(),
        "the loop's code never came in three runs:\n{}",
        stderr(&out)
    );
    for k in 1..12 {
        let held = entry_line(&out, &format!("f{k}")).contains("held in its callers' code");
        assert_eq!(
            held,
            k < 6,
            "f{k}: only f1 to f5, which nothing but the loop calls, need no code \
             of their own once the loop's has come:\n{}",
            stderr(&out)
        );
    }
}

#[test]
fn a_body_that_calls_only_itself_gets_its_speculative_code_at_once() {
    // fib's speculative unit is its body alone (in two flavours), little
    // more work for gcc than its plain code: one entry, asked for as soon
    // as fib is hot, whose code is region code; tak's (three non-tail
    // self-calls) would cost gcc three times its plain code, so it keeps
    // the two steps
    let (dir, store, _daemon) = store_and_daemon();
    let prog = dir.path().join("fib.rb");
    fs::write(
        &prog,
        "def fib(n)\n  if n < 2\n    n\n  else\n    fib(n - 1) + fib(n - 2)\n  end\nend\n\
         def tak(x, y, z)\n  if y < x\n    tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))\n  \
         else\n    z\n  end\nend\np fib(24)\np tak(12, 6, 0)\n",
    )
    .unwrap();
    let out = jit(&store, &["--stats"], &prog, false);
    assert_ran(&out, "46368\n1\n");
    assert!(
        !stderr(&out).contains("fib (speculative)"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("tak (speculative)"),
        "{}",
        stderr(&out)
    );
    let symbol = entry_symbol(&out, "fib");
    let source = abi_dir(&store).join("src").join(format!("{symbol}.c"));
    assert!(
        eventually(60, || source.exists()),
        "fib's code was never compiled:\n{}",
        stderr(&out)
    );
    let c = fs::read_to_string(&source).unwrap();
    assert!(c.contains("register entry of `fib`"), "{c}");
}

#[test]
fn a_chain_that_ends_before_its_speculative_code_is_asked_for_gets_only_the_top_levels() {
    // the chain becomes hot at the 100th of 150 iterations, and the run
    // ends long before its plain code could come (which f1's speculative
    // code waits for while running): the end asks for the top level's
    // code, which holds the whole chain, and not for f1's, which would
    // hold it again
    let run = first_chain_run(150);
    let (store, prog, expected, first) = (&run.store, &run.prog, &run.expected, &run.first);
    let top = entry_symbol(first, "<top level>");
    let f1 = entry_symbol(first, "f1 (speculative)");
    assert!(
        entry_line(first, "f1 (speculative)").contains("held in its callers' code"),
        "{}",
        stderr(first)
    );
    let abi = abi_dir(store);
    // in the aggregate (L1 consolidates when idle), where a run binds it
    let manifest = abi.join("lib").join("manifest");
    assert!(
        eventually(60, || fs::read_to_string(&manifest)
            .is_ok_and(|m| m.lines().any(|l| l == format!("symbol {top}")))),
        "the top level's code never came"
    );
    let again = jit(store, &["--stats"], prog, false);
    assert_ran(&again, expected);
    assert!(
        entry_line(&again, "<top level>").contains("bound at start")
            && stderr(&again).contains("held in callers' code"),
        "{}",
        stderr(&again)
    );
    assert!(
        !abi.join("src").join(format!("{f1}.c")).exists(),
        "f1's speculative code was compiled"
    );
}

#[test]
fn a_large_programs_top_level_gets_plain_code() {
    // over 4096 nodes, as with --compile: the unit that would hold every
    // function the top level calls costs gcc far more than its plain code
    let (dir, store, _daemon) = store_and_daemon();
    let (prog, expected) = large_program(dir.path());
    let first = jit(&store, &["--stats"], &prog, false);
    assert_ran(&first, &expected);
    let top = entry_symbol(&first, "<top level>");
    let source = abi_dir(&store).join("src").join(format!("{top}.c"));
    assert!(
        eventually(60, || source.exists()),
        "the top level's code was never asked for:\n{}",
        stderr(&first)
    );
    // plain code: its call of f goes through the inline cache, no target
    let c = fs::read_to_string(&source).unwrap();
    assert!(!c.contains("nr_target"), "{c}");
}

/// Four functions called once each per iteration: they become hot at the
/// same call of the loop, so their code is asked for in one burst.
/// Four bodies that become hot together, called from a loop in a function
/// (a loop of the top level would get its code first and leave theirs
/// unasked for: see `a_top_level_loop_over_a_chain_is_compiled_before_the_chains_plain_code`).
const BURST: &str = "def a(x)\n  x * 3 + 1\nend\ndef b(x)\n  x % 7 + 2\nend\ndef c(x)\n  x - 5 + x\nend\ndef d(x)\n  x / 3 + 4\nend\ndef run(n)\n  s = 0\n  i = 0\n  while i < n\n    s += a(i) + b(i) + c(i) + d(i)\n    i += 1\n  end\n  s\nend\np run(N)\n";

/// The symbol a `--stats` report names for `name`'s entry.
fn entry_symbol(out: &Output, name: &str) -> String {
    let line = entry_line(out, name);
    let at = line
        .find("SD_")
        .unwrap_or_else(|| panic!("no symbol in {line}"));
    line[at..at + 35].to_string()
}

#[test]
fn bodies_hot_together_are_compiled_in_one_run_and_stored_under_each_name() {
    use std::os::unix::fs::MetadataExt;
    let (dir, store, _daemon) = store_and_daemon();
    let n: i64 = 3_000_000;
    let prog = dir.path().join("burst.rb");
    fs::write(&prog, BURST.replace('N', &n.to_string())).unwrap();
    let sum: i64 = (0..n)
        .map(|i| (i * 3 + 1) + (i % 7 + 2) + (i - 5 + i) + (i / 3 + 4))
        .sum();
    let expected = format!("{sum}\n");
    let out = jit(&store, &["--stats"], &prog, false);
    assert_ran(&out, &expected);
    let abi = abi_dir(&store);
    let symbols: Vec<String> = ["a", "b", "c", "d"]
        .iter()
        .map(|f| entry_symbol(&out, f))
        .collect();
    // (on a busy machine they may come after the program has ended)
    let library = |s: &String| abi.join("jit").join(format!("{s}.so"));
    assert!(
        eventually(30, || symbols.iter().all(|s| library(s).is_file())),
        "the libraries of {symbols:?} never came"
    );
    // asked for together, they were compiled as one unit: their libraries
    // are one file (at least two of them; the first may have been taken
    // alone)
    let inodes: Vec<u64> = symbols
        .iter()
        .filter_map(|s| fs::metadata(library(s)).ok())
        .map(|m| m.ino())
        .collect();
    let shared = inodes
        .iter()
        .any(|i| inodes.iter().filter(|j| *j == i).count() >= 2);
    assert!(
        shared,
        "no two bodies share a library: {inodes:?}\n{}",
        stderr(&out)
    );
    // that run also stored each one's object (the unit's, under its name),
    // and later runs without --jit find them all in the store
    assert!(
        eventually(30, || symbols
            .iter()
            .all(|s| abi.join("obj").join(format!("{s}.o")).is_file())),
        "the objects of {symbols:?} were never stored"
    );
    let default = run(&store, &["--stats"], &prog);
    assert_ran(&default, &expected);
    assert!(
        stderr(&default).contains("compiled 0"),
        "{}",
        stderr(&default)
    );
}

#[test]
fn code_made_by_compile_is_bound_at_start_by_jit() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let (prog, expected) = prime_program(dir.path(), 20_000);
    let out = run(&store, &["--compile"], &prog);
    assert_ran(&out, &expected);
    // `--compile` stored the top level's speculative code, which holds
    // prime?: the JIT binds it and has nothing left to ask for
    let out = jit(&store, &["--stats"], &prog, false);
    assert_ran(&out, &expected);
    let err = stderr(&out);
    assert!(
        err.contains("jit: 2 entries: 1 compiled (1 bound at start")
            && err.contains("1 held in callers' code")
            && err.lines().any(|l| l.starts_with("jit:   prime? SD_")
                && l.ends_with(": held in its callers' code")),
        "{err}"
    );
}

#[test]
fn jit_arguments_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let (prog, _) = prime_program(dir.path(), 10);
    for args in [
        vec!["--jit", "--plain"],
        vec!["--jit", "--compile"],
        vec!["--jit-threshold", "5"],
        vec!["--jit", "--jit-threshold", "0"],
    ] {
        let out = naruby().args(&args).arg(&prog).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
    }
    let out = naruby().arg(&prog).args(["jit", "l1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("drop the FILE argument"),
        "{}",
        stderr(&out)
    );
}
