//! Running commands: wall-clock timing, output checks, timeouts.

use crate::results::Outcome;
use crate::rounds;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// How many trailing stderr lines a failure report keeps.
const STDERR_TAIL_LINES: usize = 20;

/// A command to run: program, arguments and extra environment.
#[derive(Clone, Debug)]
pub struct Invocation {
    program: OsString,
    args: Vec<OsString>,
    env: Vec<(OsString, OsString)>,
}

impl Invocation {
    pub fn new(program: impl AsRef<OsStr>) -> Invocation {
        Invocation {
            program: program.as_ref().to_owned(),
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Invocation {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(mut self, args: I) -> Invocation {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Invocation {
        self.env
            .push((key.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    /// The command as a shell-like line, for messages.
    pub fn display(&self) -> String {
        let mut words: Vec<String> = self
            .env
            .iter()
            .map(|(k, v)| format!("{}={}", k.to_string_lossy(), v.to_string_lossy()))
            .collect();
        words.push(self.program.to_string_lossy().into_owned());
        words.extend(self.args.iter().map(|a| a.to_string_lossy().into_owned()));
        words.join(" ")
    }
}

/// A command that ran to completion (any status).
#[derive(Clone, Debug)]
pub struct Finished {
    pub seconds: f64,
    pub success: bool,
    pub status: String,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `invocation` with stdin closed and stdout/stderr captured, timing it
/// from spawn to exit. A run longer than `timeout` is killed and is an error.
pub fn run(invocation: &Invocation, timeout: Duration) -> Result<Finished, String> {
    let mut command = Command::new(&invocation.program);
    command
        .args(&invocation.args)
        .envs(invocation.env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let child = command
        .spawn()
        .map_err(|e| format!("cannot run `{}`: {e}", invocation.display()))?;
    let watchdog = Watchdog::start(child.id(), timeout);
    let output = child.wait_with_output();
    let seconds = start.elapsed().as_secs_f64();
    let timed_out = watchdog.stop();
    let output = output.map_err(|e| format!("waiting for `{}`: {e}", invocation.display()))?;
    if timed_out {
        return Err(format!(
            "`{}` killed after the {} s timeout",
            invocation.display(),
            timeout.as_secs()
        ));
    }
    Ok(Finished {
        seconds,
        success: output.status.success(),
        status: output.status.to_string(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

/// Kills a child process that outlives its timeout.
struct Watchdog {
    done: mpsc::Sender<()>,
    thread: thread::JoinHandle<bool>,
}

impl Watchdog {
    fn start(pid: u32, timeout: Duration) -> Watchdog {
        let (done, finished) = mpsc::channel::<()>();
        let thread = thread::spawn(move || match finished.recv_timeout(timeout) {
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // std has no kill-by-pid; the child is still unreaped, so the
                // pid cannot have been reused.
                let _ = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .stderr(Stdio::null())
                    .status();
                true
            }
            _ => false,
        });
        Watchdog { done, thread }
    }

    /// True when the watchdog had to kill the child.
    fn stop(self) -> bool {
        let _ = self.done.send(());
        self.thread.join().unwrap_or(false)
    }
}

fn stderr_tail(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.trim_end().lines().collect();
    let skip = lines.len().saturating_sub(STDERR_TAIL_LINES);
    lines[skip..].join("\n")
}

fn describe_failure(invocation: &Invocation, finished: &Finished) -> String {
    let tail = stderr_tail(&finished.stderr);
    if tail.is_empty() {
        format!("`{}` exited with {}", invocation.display(), finished.status)
    } else {
        format!(
            "`{}` exited with {}; stderr:\n{tail}",
            invocation.display(),
            finished.status
        )
    }
}

/// Runs a build or setup step that must succeed.
pub fn run_ok(invocation: &Invocation, timeout: Duration) -> Result<Finished, Outcome> {
    let finished = run(invocation, timeout).map_err(|detail| Outcome::Failed { detail })?;
    if finished.success {
        Ok(finished)
    } else {
        Err(Outcome::Failed {
            detail: describe_failure(invocation, &finished),
        })
    }
}

/// Runs a program that must succeed and print exactly `expect` (trimmed).
pub fn run_expecting(
    invocation: &Invocation,
    expect: &str,
    timeout: Duration,
) -> Result<Finished, Outcome> {
    let finished = run_ok(invocation, timeout)?;
    let got = finished.stdout.trim();
    if got == expect {
        Ok(finished)
    } else {
        let tail = stderr_tail(&finished.stderr);
        let mut detail = format!(
            "`{}` printed `{got}`, expected `{expect}`",
            invocation.display()
        );
        if !tail.is_empty() {
            detail.push_str("; stderr:\n");
            detail.push_str(&tail);
        }
        Err(Outcome::Wrong {
            got: got.to_string(),
            detail,
        })
    }
}

/// What to time for one mode.
#[derive(Clone, Debug)]
pub struct Timed {
    pub invocation: Invocation,
    /// A directory removed before every run (the cold code store).
    pub wipe_before_each: Option<PathBuf>,
}

/// Removes `dir` and everything in it; a missing directory is fine.
///
/// A JIT store's daemon may still be writing into it when the run that
/// started it has ended (it finishes the compiles it was asked for, and
/// leaves once its socket is gone, within a fraction of a second), so a
/// removal that loses that race is retried for a few seconds.
pub fn wipe(dir: &Path) -> Result<(), Outcome> {
    let mut tries = 0;
    loop {
        match fs::remove_dir_all(dir) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(_) if tries < 50 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(e) => {
                return Err(Outcome::Failed {
                    detail: format!("cannot remove {}: {e}", dir.display()),
                })
            }
        }
    }
}

/// The untimed warm-up run before a mode's timed runs, its output checked.
/// A mode that starts from scratch every run (the cold store) has nothing
/// to warm and skips it: for a large program it is the costliest run.
pub fn warm_up(timed: &Timed, expect: &str, timeout: Duration) -> Result<(), Outcome> {
    if timed.wipe_before_each.is_some() {
        return Ok(());
    }
    run_expecting(&timed.invocation, expect, timeout).map(|_| ())
}

/// One timed run (after wiping the cold store), its output checked; its
/// time is `seconds` (its stderr may carry a `--stats` report).
pub fn time_once(timed: &Timed, expect: &str, timeout: Duration) -> Result<Finished, Outcome> {
    if let Some(dir) = &timed.wipe_before_each {
        wipe(dir)?;
    }
    run_expecting(&timed.invocation, expect, timeout)
}

/// The warm-up, then `runs` timed runs of a single command; a wrong or
/// failed run ends it without a time.
pub fn time(timed: &Timed, expect: &str, runs: usize, timeout: Duration) -> Outcome {
    if let Err(outcome) = warm_up(timed, expect, timeout) {
        return outcome;
    }
    let mut outcomes = rounds::interleave(1, runs, |_| {
        time_once(timed, expect, timeout).map(|finished| finished.seconds)
    });
    outcomes.pop().expect("one outcome per entrant")
}
