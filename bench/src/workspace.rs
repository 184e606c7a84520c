//! Locating the naruby workspace, its target directory and the `naruby`
//! binary.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Workspace {
    pub root: PathBuf,
    /// Cargo's target directory (`$CARGO_TARGET_DIR` or `root/target`).
    pub target: PathBuf,
}

impl Workspace {
    /// Where the harness keeps programs, executables and code stores.
    pub fn scratch(&self) -> PathBuf {
        self.target.join("bench")
    }

    pub fn default_suite(&self) -> PathBuf {
        self.root.join("benches")
    }
}

fn is_workspace_root(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join("Cargo.toml"))
        .map(|text| text.contains("[workspace]") && dir.join("runtime").is_dir())
        .unwrap_or(false)
}

/// Finds the workspace from this crate's build location, else from the
/// current directory upwards.
pub fn locate() -> Result<Workspace, String> {
    let from_build = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf);
    let cwd = env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let root = from_build
        .into_iter()
        .chain(cwd.ancestors().map(Path::to_path_buf))
        .find(|dir| is_workspace_root(dir))
        .ok_or("cannot find the naruby workspace (a Cargo.toml with [workspace] next to runtime/); run from inside it")?;
    let target = match env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    };
    Ok(Workspace { root, target })
}

/// Builds `naruby` in release mode (cargo's output goes to stderr) and
/// returns the binary's path.
pub fn build_naruby(workspace: &Workspace) -> Result<PathBuf, String> {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    eprintln!("building naruby: cargo build --release --bin naruby");
    let status = Command::new(&cargo)
        .args(["build", "--release", "--bin", "naruby"])
        .current_dir(&workspace.root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "`cargo build --release --bin naruby` failed ({status})"
        ));
    }
    let binary = workspace.target.join("release").join("naruby");
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(format!("{} was not built", binary.display()))
    }
}
