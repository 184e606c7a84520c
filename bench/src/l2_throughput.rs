//! Throughput of an L2 compile server: `naruby jit l2` on loopback with an
//! empty object store is sent distinct function bodies over several
//! authenticated sessions at once, as that many L1 workers would, and the
//! harness counts compiles per second. Once with the local compiler, and
//! once through `distcc cc` to a `distccd` on loopback when distcc is
//! installed: both use this machine's cores, so the second shows what the
//! distcc route costs, not what a farm would gain.

use naruby::jit::proto::{self, Msg, SharedKey};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How the server compiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Local,
    Distcc,
}

impl Route {
    pub fn label(self) -> &'static str {
        match self {
            Route::Local => "`cc` (L2's own compiler)",
            Route::Distcc => "`distcc cc` to a `distccd` on loopback",
        }
    }
}

/// One measurement: compiles per second, or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub enum Rate {
    PerSecond(f64),
    Failed(String),
    Unavailable(String),
}

/// Every route at every session count, for `bodies` distinct bodies.
#[derive(Clone, Debug, PartialEq)]
pub struct Throughput {
    pub bodies: usize,
    pub rows: Vec<(Route, usize, Rate)>,
}

/// Sessions at once: L1 runs two compile workers; four is a busier L2.
pub const SESSIONS: [usize; 2] = [2, 4];

pub fn measure(naruby: &Path, scratch: &Path, quick: bool) -> Throughput {
    let bodies = if quick { 40 } else { 200 };
    let mut rows = Vec::new();
    for route in [Route::Local, Route::Distcc] {
        for sessions in SESSIONS {
            let rate = match measure_one(naruby, scratch, route, bodies, sessions) {
                Ok(rate) => rate,
                Err(why) => Rate::Failed(why),
            };
            eprintln!(
                "  {:<40} {sessions} sessions: {}",
                route.label(),
                describe(&rate)
            );
            rows.push((route, sessions, rate));
        }
    }
    Throughput { bodies, rows }
}

pub fn describe(rate: &Rate) -> String {
    match rate {
        Rate::PerSecond(r) => format!("{r:.1} compiles/s"),
        Rate::Failed(why) => format!("FAILED: {why}"),
        Rate::Unavailable(why) => format!("n/a ({why})"),
    }
}

/// Kills a child's whole process group when dropped (distccd forks).
struct Spawned(Child);

impl Drop for Spawned {
    fn drop(&mut self) {
        // the group was made with the child's pid as its id
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.0.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.0.wait();
    }
}

fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn measure_one(
    naruby: &Path,
    scratch: &Path,
    route: Route,
    bodies: usize,
    sessions: usize,
) -> Result<Rate, String> {
    if route == Route::Distcc && !(installed("distcc") && installed("distccd")) {
        return Ok(Rate::Unavailable("distcc is not installed".into()));
    }
    let dir = scratch.join("l2-throughput");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let key_material = "naruby-bench L2 throughput key, 0123456789";
    let key_file = dir.join("key");
    std::fs::write(&key_file, key_material).map_err(|e| e.to_string())?;
    std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| e.to_string())?;
    let key = SharedKey::from_material(key_material.as_bytes())?;

    let mut envs: Vec<(String, String)> = Vec::new();
    let _distccd = match route {
        Route::Local => None,
        Route::Distcc => {
            let (daemon, port) = start_distccd(&dir)?;
            envs.push(("DISTCC_HOSTS".into(), format!("127.0.0.1:{port}/4")));
            // a compile distcc cannot send fails instead of running here
            envs.push(("DISTCC_FALLBACK".into(), "0".into()));
            envs.push((
                "DISTCC_DIR".into(),
                dir.join("distcc").display().to_string(),
            ));
            Some(daemon)
        }
    };
    let (_l2, addr) = start_l2(naruby, &dir, &key_file, route, &envs)?;
    let trees = distinct_bodies(bodies)?;
    let abi = naruby::modes::open_store_at(dir.join("probe"))
        .map_err(|e| e.to_string())?
        .abi()
        .to_string();

    let queue = Arc::new(Mutex::new(trees));
    let started = Instant::now();
    let workers: Vec<_> = (0..sessions)
        .map(|_| {
            let (queue, addr, abi, key) = (queue.clone(), addr.clone(), abi.clone(), key.clone());
            std::thread::spawn(move || compile_all(&queue, &addr, &abi, &key))
        })
        .collect();
    let mut compiled = 0;
    for worker in workers {
        compiled += worker
            .join()
            .map_err(|_| "a session thread panicked".to_string())??;
    }
    let seconds = started.elapsed().as_secs_f64();
    Ok(Rate::PerSecond(compiled as f64 / seconds))
}

/// One session: takes bodies off the queue until it is empty.
fn compile_all(
    queue: &Mutex<Vec<Vec<u8>>>,
    addr: &str,
    abi: &str,
    key: &SharedKey,
) -> Result<usize, String> {
    let stream = TcpStream::connect(addr).map_err(|e| format!("connect to L2: {e}"))?;
    let mut ch = proto::connect(stream, abi, Some(key)).map_err(|e| e.to_string())?;
    let mut done = 0;
    loop {
        let Some(tree) = queue.lock().map_err(|_| "queue poisoned")?.pop() else {
            return Ok(done);
        };
        ch.send(&Msg::Compile { tree }).map_err(|e| e.to_string())?;
        match ch.recv() {
            Ok(Some(Msg::Object { .. })) => done += 1,
            Ok(Some(Msg::Failed { message, .. })) => {
                return Err(format!("a compile failed: {message}"))
            }
            other => return Err(format!("unexpected answer: {other:?}")),
        }
    }
}

/// `count` function bodies that differ in their constants, serialized as
/// an L1 sends them.
fn distinct_bodies(count: usize) -> Result<Vec<Vec<u8>>, String> {
    let mut src = String::new();
    for k in 0..count {
        src.push_str(&format!(
            "def f{k}(a)\n  b = a * {}\n  b + {k}\nend\n",
            k + 2
        ));
    }
    src.push_str("p 0\n");
    let lowered = naruby::driver::compile(&naruby::driver::Source {
        name: "throughput.rb".into(),
        text: src,
    })?;
    let roots = naruby::entries::entry_roots(&lowered);
    // every root but the top level's
    Ok(roots[1..]
        .iter()
        .map(|&r| naruby::jit::wire::encode(&lowered.ast, r, &[]))
        .collect())
}

fn start_l2(
    naruby: &Path,
    dir: &Path,
    key_file: &Path,
    route: Route,
    envs: &[(String, String)],
) -> Result<(Spawned, String), String> {
    let mut cmd = Command::new(naruby);
    cmd.arg("--code-store")
        .arg(dir.join("l2store"))
        .args(["jit", "l2", "--listen", "127.0.0.1:0", "--key-file"])
        .arg(key_file)
        .envs(envs.iter().map(|(k, v)| (k, v)))
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if route == Route::Distcc {
        cmd.args(["--compile-command", "distcc cc"]);
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start naruby jit l2: {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let l2 = Spawned(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    let addr = line
        .trim()
        .strip_prefix("listening on ")
        .ok_or_else(|| format!("naruby jit l2 said {line:?}"))?
        .to_string();
    Ok((l2, addr))
}

/// A `distccd` on a free loopback port, accepting only loopback.
fn start_distccd(dir: &Path) -> Result<(Spawned, u16), String> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    std::fs::create_dir_all(dir.join("distcc")).map_err(|e| e.to_string())?;
    let log: PathBuf = dir.join("distccd.log");
    let log = std::fs::File::create(&log).map_err(|e| e.to_string())?;
    let child = Command::new("distccd")
        .args(["--no-detach", "--daemon", "--allow", "127.0.0.1"])
        .args(["--listen", "127.0.0.1", "--port", &port.to_string()])
        .args(["--jobs", "4", "--log-stderr", "--enable-tcp-insecure"])
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("cannot start distccd: {e}"))?;
    let daemon = Spawned(child);
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(10) {
            return Err("distccd did not come up".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok((daemon, port))
}
