//! Runs one process to completion or a deadline, capturing its output.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run produced. `status` is the exit code, 128 + the signal
/// number when killed by a signal, and `TIMEOUT` when it overran.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub status: i32,
}

pub const TIMEOUT: i32 = -1;

impl Outcome {
    /// An outcome that stands for a failure of the harness itself.
    pub fn harness_error(message: String) -> Self {
        Outcome {
            stdout: Vec::new(),
            stderr: message.into_bytes(),
            status: -2,
        }
    }
}

pub fn run(program: &Path, args: &[&std::ffi::OsStr], cwd: &Path, limit: Duration) -> Outcome {
    match run_inner(program, args, cwd, limit) {
        Ok(o) => o,
        Err(e) => Outcome::harness_error(format!("cannot run {}: {e}", program.display())),
    }
}

fn run_inner(
    program: &Path,
    args: &[&std::ffi::OsStr],
    cwd: &Path,
    limit: Duration,
) -> std::io::Result<Outcome> {
    let mut child = Command::new(program)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    // drain both pipes while waiting, or a chatty child blocks forever
    let mut out = child.stdout.take().expect("piped stdout");
    let mut err = child.stderr.take().expect("piped stderr");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        out.read_to_end(&mut buf).map(|_| buf)
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        err.read_to_end(&mut buf).map(|_| buf)
    });
    let start = Instant::now();
    let mut pause = Duration::from_micros(200);
    let status = loop {
        if let Some(s) = child.try_wait()? {
            break Some(s);
        }
        if start.elapsed() > limit {
            child.kill()?;
            child.wait()?;
            break None;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    let stdout = out_reader.join().expect("reader thread")?;
    let stderr = err_reader.join().expect("reader thread")?;
    let status = match status {
        None => TIMEOUT,
        Some(s) => s.code().unwrap_or_else(|| {
            use std::os::unix::process::ExitStatusExt;
            128 + s.signal().unwrap_or(0)
        }),
    };
    Ok(Outcome {
        stdout,
        stderr,
        status,
    })
}
