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
