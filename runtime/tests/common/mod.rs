//! Helpers shared by the integration tests that drive the binary against a
//! code store.

use std::path::Path;
use std::process::{Command, Output};

pub fn naruby() -> Command {
    Command::new(assert_cmd::cargo::cargo_bin("naruby"))
}

/// Runs `naruby --code-store STORE ARGS... FILE`.
#[allow(dead_code)] // not every test crate that shares this module uses it
pub fn run(store: &Path, args: &[&str], file: &Path) -> Output {
    naruby()
        .arg("--code-store")
        .arg(store)
        .args(args)
        .arg(file)
        .output()
        .unwrap()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

// Helpers below are shared by some test crates only.

/// The run succeeded and printed exactly `expected`.
#[allow(dead_code)]
pub fn assert_ran(out: &Output, expected: &str) {
    assert!(
        out.status.success(),
        "status {:?}: {}",
        out.status,
        stderr(out)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        expected,
        "{}",
        stderr(out)
    );
}

/// The ABI directory of a store, if it has one yet.
#[allow(dead_code)]
pub fn existing_abi(store: &Path) -> Option<std::path::PathBuf> {
    std::fs::read_dir(store)
        .ok()?
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
}

/// The single ABI directory the store holds.
#[allow(dead_code)]
pub fn abi_dir(store: &Path) -> std::path::PathBuf {
    existing_abi(store).expect("an ABI directory")
}

/// Creates the store (and its ABI directory) with a quick default run of a
/// one-line program written into `dir`.
#[allow(dead_code)]
pub fn make_store(store: &Path, dir: &Path) {
    let p = dir.join("one.rb");
    std::fs::write(&p, "p 1\n").unwrap();
    let out = run(store, &[], &p);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Objects stored under an ABI directory.
#[allow(dead_code)]
pub fn objects(abi: &Path) -> usize {
    std::fs::read_dir(abi.join("obj"))
        .map(|d| {
            d.filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "o")
            })
            .count()
        })
        .unwrap_or(0)
}

/// Retries `f` until it returns true or `secs` pass.
#[allow(dead_code)]
pub fn eventually(secs: u64, mut f: impl FnMut() -> bool) -> bool {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while std::time::Instant::now() < until {
        if f() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    false
}

/// Waits (10 s at most) until something listens on the Unix socket.
#[allow(dead_code)]
pub fn wait_for_socket(sock: &Path, what: &str) {
    let started = std::time::Instant::now();
    while std::os::unix::net::UnixStream::connect(sock).is_err() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{what} did not come up"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// A child started in a process group of its own (`process_group(0)`), the
/// whole group killed when dropped: daemons that fork workers (distccd)
/// must not outlive the test.
#[allow(dead_code)]
pub struct KillGroupOnDrop(pub std::process::Child);

impl Drop for KillGroupOnDrop {
    fn drop(&mut self) {
        // TERM first, so the daemon can stop and reap its workers; then
        // KILL whatever of the group is left
        let group = format!("-{}", self.0.id());
        let kill = |signal: &str| {
            let _ = std::process::Command::new("kill")
                .args([signal, "--", &group])
                .status();
        };
        kill("-TERM");
        let until = std::time::Instant::now() + std::time::Duration::from_secs(2);
        while std::time::Instant::now() < until && matches!(self.0.try_wait(), Ok(None)) {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        kill("-KILL");
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A child process (a daemon the test started), killed when dropped.
#[allow(dead_code)]
pub struct KillOnDrop(pub std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A program of more than 4096 nodes (`crate::aot::PER_NODE_MAX_NODES`),
/// the size past which neither `--compile` nor `--jit` stores speculative
/// code for the program text: a function called from a loop, and a long
/// top level. Written into `dir`; returns its path and what it prints.
#[allow(dead_code)]
pub fn large_program(dir: &Path) -> (std::path::PathBuf, String) {
    let mut text = String::from(
        "def f(a)\n  b = a * 3\n  b - a\nend\ns = 0\ni = 0\nwhile i < 300\n  s += f(i)\n  i += 1\nend\nx = 0\n",
    );
    text += &"x += s\n".repeat(2100);
    text += "p x\n";
    let path = dir.join("large.rb");
    std::fs::write(&path, text).unwrap();
    let s: u64 = (0..300).map(|i| 2 * i).sum();
    (path, format!("{}\n", s * 2100))
}
