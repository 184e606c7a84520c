//! The L2 compile server with real processes: an L1 forwards compiles to it
//! over TCP; peers without the key, garbled frames and bogus subtrees are
//! refused without harm; an L1 whose L2 is down or distrusted compiles
//! locally; and L2 can compile through a real `distccd` on loopback.

mod common;
use common::{
    abi_dir, eventually, existing_abi, make_store, naruby, objects, stderr, wait_for_socket,
    KillGroupOnDrop, KillOnDrop,
};

use naruby::jit::proto::{self, Msg, SharedKey};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const KEY: &str = "a shared key for the tests, 0123456789";

const PROGRAM: &str = "def work(n)\n  s = 0\n  i = 0\n  while i < n\n    s += i % 7\n    i += 1\n  end\n  s\nend\nt = 0\nk = 0\nwhile k < 1000000\n  t += work(100)\n  k += 1\nend\np t\n";

fn expected() -> String {
    let work = |n: u64| (0..n).map(|i| i % 7).sum::<u64>();
    format!("{}\n", 1_000_000 * work(100))
}

fn key_file(dir: &Path, key: &str) -> PathBuf {
    let path = dir.join(format!("key-{}", key.len()));
    fs::write(&path, key).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    path
}

/// Starts an L2 on a free loopback port; returns it and its address.
fn start_l2(
    store: &Path,
    key: &Path,
    compile_command: Option<&str>,
    envs: &[(&str, String)],
) -> (KillOnDrop, String) {
    start_l2_with(store, key, compile_command, envs, &[])
}

fn start_l2_with(
    store: &Path,
    key: &Path,
    compile_command: Option<&str>,
    envs: &[(&str, String)],
    extra: &[&str],
) -> (KillOnDrop, String) {
    let mut cmd = naruby();
    cmd.arg("--code-store")
        .arg(store)
        .args(["jit", "l2", "--listen", "127.0.0.1:0", "--key-file"])
        .arg(key)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(c) = compile_command {
        cmd.args(["--compile-command", c]);
    }
    cmd.args(extra);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("L2 said {line:?}"))
        .to_string();
    (KillOnDrop(child), addr)
}

/// The store's ABI directory, creating the store with a quick run first.
fn created_abi_dir(store: &Path, dir: &Path) -> PathBuf {
    make_store(store, dir);
    abi_dir(store)
}

fn start_l1(store: &Path, dir: &Path, l2: &str, key: &Path) -> KillOnDrop {
    let sock = created_abi_dir(store, dir).join("l1.sock");
    let child = naruby()
        .arg("--code-store")
        .arg(store)
        .args(["jit", "l1", "--l2", l2, "--key-file"])
        .arg(key)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_socket(&sock, "L1");
    KillOnDrop(child)
}

fn run_jit(store: &Path, prog: &Path) -> Output {
    naruby()
        .arg("--code-store")
        .arg(store)
        .args(["--jit", "--jit-threshold", "5", "--stats"])
        .arg(prog)
        .env("NARUBY_JIT_SPAWN", "0")
        .output()
        .unwrap()
}

fn assert_compiled(out: &Output) {
    assert!(out.status.success(), "{}", stderr(out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        expected(),
        "{}",
        stderr(out)
    );
    let line = stderr(out)
        .lines()
        .find(|l| l.starts_with("jit:   work "))
        .map(String::from)
        .unwrap_or_default();
    // asked for; on a loaded machine the code may arrive after the end
    assert!(
        line.contains("compiled") || line.contains("compiling"),
        "{}",
        stderr(out)
    );
}

#[test]
fn l1_compiles_through_l2_and_l2_keeps_the_objects() {
    let dir = tempfile::tempdir().unwrap();
    let key = key_file(dir.path(), KEY);
    let l2_store = dir.path().join("l2store");
    let (_l2, addr) = start_l2(&l2_store, &key, None, &[]);
    let store = dir.path().join("store");
    let _l1 = start_l1(&store, dir.path(), &addr, &key);
    let prog = dir.path().join("work.rb");
    fs::write(&prog, PROGRAM).unwrap();
    assert_compiled(&run_jit(&store, &prog));
    // the top level and work's body went through L2 into both stores (so
    // does the top level's loop body if the program still ran after work's
    // compile; work's own loop is compiled with work)
    let l2_has_all = || existing_abi(&l2_store).is_some_and(|a| objects(&a) >= 2);
    assert!(eventually(30, l2_has_all), "L2 did not store both objects");
    let l1_abi = existing_abi(&store).unwrap();
    assert!(
        eventually(30, || objects(&l1_abi) >= 2),
        "L1 did not store both objects"
    );
}

/// The ABI fingerprint of this build (the store's directory name).
fn abi(dir: &Path) -> String {
    let store = dir.join("abi-probe");
    created_abi_dir(&store, dir)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// Sends the first function body of `src`, with the defs its speculative
/// code calls (`defs` of them), and checks that the object that comes back
/// is named as the client's own speculation names that code.
fn compiles_to_its_own_symbol(ch: &mut proto::Channel<TcpStream>, src: &str, defs: usize) {
    let lowered = naruby::driver::compile(&naruby::driver::Source {
        name: "t.rb".into(),
        text: src.into(),
    })
    .unwrap();
    let body = naruby::entries::entry_roots(&lowered)[1];
    let (mut spec, _) = naruby::speculate::program_speculation(&lowered, None);
    let reached = spec.defs_reached(body);
    assert_eq!(reached.len(), defs);
    let tree = naruby::jit::wire::encode(&lowered.ast, body, &reached);
    let symbol = naruby::entries::entry_at(&lowered.ast, body, spec).symbol;
    ch.send(&Msg::Compile { tree }).unwrap();
    match ch.recv().unwrap() {
        Some(Msg::Object { symbol: s, bytes }) => {
            assert_eq!(s, symbol);
            assert!(bytes.starts_with(b"\x7fELF"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn peers_without_the_key_garbage_and_bogus_subtrees_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let key = key_file(dir.path(), KEY);
    let (mut l2, addr) = start_l2(&dir.path().join("l2store"), &key, None, &[]);
    let abi = abi(dir.path());

    // the wrong key: refused during the handshake
    let wrong = SharedKey::from_material(b"not the key, but long enough").unwrap();
    let s = TcpStream::connect(&addr).unwrap();
    assert!(proto::connect(s, &abi, Some(&wrong)).is_err());
    // no key at all
    let s = TcpStream::connect(&addr).unwrap();
    let refused = proto::connect(s, &abi, None).and_then(|mut ch| {
        ch.send(&Msg::Query {
            symbol: format!("SD_{}", "0".repeat(32)),
        })?;
        ch.recv()
    });
    assert!(!matches!(
        refused,
        Ok(Some(Msg::NotFound { .. }) | Some(Msg::Object { .. }))
    ));
    // another build
    let right = SharedKey::from_material(KEY.as_bytes()).unwrap();
    let s = TcpStream::connect(&addr).unwrap();
    assert!(proto::connect(s, "0123456789abcdef0123456789abcdef", Some(&right)).is_err());
    // garbage instead of a hello
    for garbage in [b"GET / HTTP/1.0\r\n\r\n".to_vec(), vec![0xff; 100_000]] {
        let mut s = TcpStream::connect(&addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let _ = s.write_all(&garbage);
        let mut reply = Vec::new();
        let _ = s.read_to_end(&mut reply);
        assert!(
            reply.is_empty() || reply.starts_with(&[b'N', b'R', b'J', proto::VERSION, 0x0a]),
            "{reply:?}"
        );
    }
    // an authenticated client with a bogus subtree gets a failure, not a
    // crash, and a real subtree gets the object its own hash names
    let s = TcpStream::connect(&addr).unwrap();
    let mut ch = proto::connect(s, &abi, Some(&right)).unwrap();
    ch.send(&Msg::Compile {
        tree: vec![1, 0, 0, 0, 4, b'n', b'o', b'p', b'e'],
    })
    .unwrap();
    match ch.recv().unwrap() {
        Some(Msg::Failed { message, .. }) => assert!(message.contains("malformed"), "{message}"),
        other => panic!("{other:?}"),
    }
    compiles_to_its_own_symbol(&mut ch, "def f(a)\n  b = a * 3\n  b + 1\nend\np f(2)\n", 0);
    // a subtree sent with the def it calls gets the speculative code, named
    // as the client's own speculation names it
    compiles_to_its_own_symbol(
        &mut ch,
        "def f(a)\n  b = g(a)\n  b + 1\nend\ndef g(x)\n  y = x * 3\n  y - 1\nend\np f(2)\n",
        1,
    );
    assert!(l2.0.try_wait().unwrap().is_none(), "L2 still runs");
}

/// Each session has a thread: peers over `--max-sessions` (handshakes
/// included) are turned away at once, and a slot comes back when its
/// session ends.
#[test]
fn peers_over_the_session_limit_are_turned_away() {
    let dir = tempfile::tempdir().unwrap();
    let key = key_file(dir.path(), KEY);
    let (mut l2, addr) = start_l2_with(
        &dir.path().join("l2store"),
        &key,
        None,
        &[],
        &["--max-sessions", "1"],
    );
    let abi = abi(dir.path());
    let right = SharedKey::from_material(KEY.as_bytes()).unwrap();
    let session = || proto::connect(TcpStream::connect(&addr).unwrap(), &abi, Some(&right));
    // a peer that connects and says nothing holds the only slot (L2
    // accepts in connection order)
    let idle = TcpStream::connect(&addr).unwrap();
    match session() {
        Ok(_) => panic!("a second session while the slot is held"),
        // the refusal, or the connection closed under the client's hello
        Err(proto::ProtoError::Refused(why)) => assert!(why.contains("busy"), "{why}"),
        Err(_) => {}
    }
    drop(idle);
    assert!(
        eventually(15, || session().is_ok()),
        "the slot never came back"
    );
    assert!(l2.0.try_wait().unwrap().is_none(), "L2 still runs");
}

/// The handshake has one deadline (10 s), not a timeout per read: a peer
/// that sends its hello a byte every half second is cut off, instead of
/// holding its session slot for as long as it keeps trickling.
#[test]
fn a_peer_that_trickles_its_handshake_is_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let key = key_file(dir.path(), KEY);
    let (_l2, addr) = start_l2(&dir.path().join("l2store"), &key, None, &[]);
    let mut s = TcpStream::connect(&addr).unwrap();
    let mut writer = s.try_clone().unwrap();
    // a hello's header announcing 68 bytes, then the bytes one at a time
    // (at this pace the hello would take over 35 s)
    let started = Instant::now();
    std::thread::spawn(move || {
        let header = [&b"NRJ"[..], &[proto::VERSION, 1], &68u32.to_le_bytes()].concat();
        for byte in header.into_iter().chain(std::iter::repeat_n(b'a', 68)) {
            if writer.write_all(&[byte]).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(500));
        }
    });
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut reply = Vec::new();
    // EOF or a reset once L2 gives up; a timeout (30 s) if it never does
    let _ = s.read_to_end(&mut reply);
    let after = started.elapsed();
    assert!(
        after < Duration::from_secs(20),
        "cut off only after {after:?}"
    );
}

#[test]
fn an_l1_whose_l2_is_down_or_has_another_key_compiles_locally() {
    let dir = tempfile::tempdir().unwrap();
    let key = key_file(dir.path(), KEY);
    let prog = dir.path().join("work.rb");
    fs::write(&prog, PROGRAM).unwrap();
    // down: nothing listens there
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let down = free.local_addr().unwrap().to_string();
    drop(free);
    let store = dir.path().join("store-down");
    let _l1 = start_l1(&store, dir.path(), &down, &key);
    assert_compiled(&run_jit(&store, &prog));
    let abi = existing_abi(&store).unwrap();
    assert!(eventually(30, || objects(&abi) >= 2), "compiled locally");
    // another key
    let other = key_file(dir.path(), "another key for the test, 987654321");
    let (_l2, addr) = start_l2(&dir.path().join("l2store"), &other, None, &[]);
    let store = dir.path().join("store-key");
    let _l1b = start_l1(&store, dir.path(), &addr, &key);
    assert_compiled(&run_jit(&store, &prog));
    let abi = existing_abi(&store).unwrap();
    assert!(eventually(30, || objects(&abi) >= 2), "compiled locally");
}

#[test]
fn a_key_is_required_and_must_be_private() {
    let dir = tempfile::tempdir().unwrap();
    let out = naruby()
        .arg("--code-store")
        .arg(dir.path().join("s"))
        .args(["jit", "l2", "--listen", "127.0.0.1:0"])
        .env_remove("NARUBY_JIT_KEY")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("key is required"), "{}", stderr(&out));
    let open = key_file(dir.path(), KEY);
    fs::set_permissions(&open, fs::Permissions::from_mode(0o644)).unwrap();
    let out = naruby()
        .arg("--code-store")
        .arg(dir.path().join("s"))
        .args(["jit", "l2", "--listen", "127.0.0.1:0", "--key-file"])
        .arg(&open)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("chmod 600"), "{}", stderr(&out));
}

/// L2 compiling through distcc, with a real distccd on loopback doing the
/// compiles. Skipped (with a note) where distcc is not installed, unless
/// NARUBY_REQUIRE_DISTCC is set (CI sets it).
#[test]
fn l2_compiles_through_a_real_distccd() {
    let have = |p: &str| {
        Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !(have("distcc") && have("distccd")) {
        assert!(
            std::env::var_os("NARUBY_REQUIRE_DISTCC").is_none(),
            "distcc is required but not installed"
        );
        eprintln!("skipped: distcc/distccd not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    // distccd drops root privileges, so it logs to a stderr we opened
    let log = dir.path().join("distccd.log");
    let _distccd = KillGroupOnDrop(
        Command::new("distccd")
            .args([
                "--no-detach",
                "--daemon",
                "--allow",
                "127.0.0.1",
                "--listen",
                "127.0.0.1",
            ])
            .args(["--port", &port.to_string(), "--log-stderr"])
            .args(["--log-level", "info", "--enable-tcp-insecure"])
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(fs::File::create(&log).unwrap())
            .spawn()
            .unwrap(),
    );
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "distccd did not come up"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let key = key_file(dir.path(), KEY);
    fs::create_dir_all(dir.path().join("distcc")).unwrap();
    let envs = [
        ("DISTCC_HOSTS", format!("127.0.0.1:{port}")),
        // a compile distcc cannot send to distccd fails instead of
        // quietly running locally
        ("DISTCC_FALLBACK", "0".to_string()),
        (
            "DISTCC_DIR",
            dir.path().join("distcc").display().to_string(),
        ),
    ];
    let (_l2, addr) = start_l2(&dir.path().join("l2store"), &key, Some("distcc cc"), &envs);
    let store = dir.path().join("store");
    let _l1 = start_l1(&store, dir.path(), &addr, &key);
    let prog = dir.path().join("work.rb");
    fs::write(&prog, PROGRAM).unwrap();
    assert_compiled(&run_jit(&store, &prog));
    // both entries (the top level and work's body) were compiled by distccd
    let read = || fs::read_to_string(&log).unwrap_or_default();
    assert!(
        eventually(30, || read().matches("COMPILE_OK").count() >= 2),
        "distccd log:\n{}",
        read()
    );
}
