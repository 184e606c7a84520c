//! Finds the programs under test: the `naruby` binary of this workspace's
//! build (it sits next to this binary, or one level up from a test
//! executable in deps/) unless told otherwise, and `ruby` on PATH.

use std::path::PathBuf;
use std::process::Command;

pub fn naruby(explicit: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(p) = explicit.or_else(|| std::env::var_os("NARUBY_BIN").map(PathBuf::from)) {
        return if p.is_file() {
            Ok(p)
        } else {
            Err(format!("{} is not a file", p.display()))
        };
    }
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this executable: {e}"))?;
    let mut dir = exe.parent();
    for _ in 0..2 {
        let Some(d) = dir else { break };
        let candidate = d.join("naruby");
        if candidate.is_file() {
            return Ok(candidate);
        }
        dir = d.parent();
    }
    Err("cannot find the naruby binary: build it (cargo build --release) or pass --naruby".into())
}

pub fn ruby() -> Option<PathBuf> {
    let ok = Command::new("ruby")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| PathBuf::from("ruby"))
}
