//! The JIT daemon (L1) that primes the warm JIT store. The harness starts
//! it itself, rather than leaving that to the first `naruby --jit` run, so
//! that it knows the daemon's process and can tell when the daemon has
//! finished: no compiler of its running, and its store consolidated.

use crate::results::Outcome;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Milliseconds without compiles after which the harness's daemon links
/// the store's aggregate (the user's default is 1000): what the timed runs
/// load is the same, it is only ready sooner.
const CONSOLIDATE_AFTER_MS: &str = "100";

/// Seconds without clients or work after which the daemon exits, as when
/// `naruby --jit` starts one.
const IDLE_EXIT_SECS: &str = "30";

/// Starts `naruby jit l1` for `store` in the background and waits (ten
/// seconds at most) until it listens; its stdout goes to `log`. Returns
/// its process id. It exits by itself once idle.
pub fn start(naruby: &Path, store: &Path, log: &Path) -> Result<u32, Outcome> {
    let failed = |detail: String| Outcome::Failed { detail };
    std::fs::create_dir_all(store).map_err(|e| failed(format!("{}: {e}", store.display())))?;
    let out = std::fs::File::create(log).map_err(|e| failed(format!("{}: {e}", log.display())))?;
    let child = Command::new(naruby)
        .args(["jit", "l1", "--idle-exit", IDLE_EXIT_SECS])
        .args(["--consolidate-after", CONSOLIDATE_AFTER_MS, "--code-store"])
        .arg(store)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| failed(format!("cannot start the JIT daemon: {e}")))?;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let said = std::fs::read_to_string(log).unwrap_or_default();
        if said.contains("listening") {
            return Ok(child.id());
        }
        if Instant::now() > deadline {
            return Err(failed(format!(
                "the JIT daemon did not listen within 10 s: `{}`",
                said.trim()
            )));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Whether the process `pid` has a child running (the daemon runs a
/// compiler as a child of one of its threads); `None` where `/proc` does
/// not say.
pub fn has_children(pid: u32) -> Option<bool> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    for task in tasks.flatten() {
        let children = std::fs::read_to_string(task.path().join("children")).ok()?;
        if !children.trim().is_empty() {
            return Some(true);
        }
    }
    Some(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_process_running_a_child_is_seen_to_and_one_without_is_not() {
        let mut child = Command::new("sleep").arg("5").spawn().unwrap();
        // (where /proc says nothing, neither can be told)
        let parent = has_children(std::process::id());
        let leaf = has_children(child.id());
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(parent.is_none() || parent == Some(true));
        assert!(leaf.is_none() || leaf == Some(false));
        assert_eq!(parent.is_some(), leaf.is_some());
    }
}
