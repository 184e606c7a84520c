//! A precompiled `nodes.h` per ABI directory. Every entry includes the
//! generated header (about 170 KB of evaluators), and parsing it was two
//! thirds of compiling a small entry (gcc -O3: 91 of 140 ms for `prime?`'s
//! body), which is most of the JIT's request-to-swap latency. gcc picks
//! `include/nodes.h.gch` up by itself when it was built with compatible
//! flags, and silently reads `nodes.h` when not, so the file only ever
//! makes compiles faster.
//!
//! It is built once, with the entries' own flags, into a temporary file
//! renamed into place; not under the store lock, which would hold every
//! compile back for the length of the build. A compiler that cannot build
//! it leaves `include/nodes.h.nopch`, so nothing is retried on every
//! compile.

use super::fsutil::{self, check_path, Kind, TEMP_PREFIX};
use super::CodeStore;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

const PCH: &str = "nodes.h.gch";
const NO_PCH: &str = "nodes.h.nopch";
/// Held while the header is being built (in the ABI directory).
const PCH_LOCK: &str = "pch.lock";

impl CodeStore {
    /// Builds the precompiled header unless it (or the note that it cannot
    /// be built) exists. Best effort: a failure only costs speed. Compiles
    /// never wait for it: `compile_and_load` builds it after its compiles,
    /// the JIT daemons on a thread of their own when they start.
    pub fn ensure_pch(&self) {
        let include = self.dir.join("include");
        let present =
            |name: &str| matches!(check_path(&include.join(name), Kind::File), Ok(Some(_)));
        if present(PCH) || present(NO_PCH) {
            return;
        }
        // its own lock, taken without waiting: the build takes longer than
        // a compile, so nothing may queue behind it (not compiles, which
        // only read the header; not a second builder, which would repeat it)
        let Ok(Some(_guard)) = fsutil::try_lock(&self.dir.join(PCH_LOCK)) else {
            return;
        };
        if present(PCH) || present(NO_PCH) {
            return;
        }
        let tmp =
            Path::new("include").join(format!("{TEMP_PREFIX}pch-{}.gch", fsutil::unique_token()));
        let (prog, pre) = self.cc_command();
        let built = Command::new(&prog)
            .args(&pre)
            .args(&self.config.cflags)
            .args(["-fPIC", "-x", "c-header", "-o"])
            .arg(&tmp)
            .arg(Path::new("include").join("nodes.h"))
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        let tmp = self.dir.join(tmp);
        let installed = built
            && fsutil::seal(&tmp, 0o600).is_ok()
            && fsutil::rename(&tmp, &include.join(PCH)).is_ok();
        if !installed {
            let _ = fs::remove_file(&tmp);
            let _ = fsutil::write_atomic(&include, NO_PCH, b"", 0o600);
        }
        fsutil::sync_dir(&include);
    }
}
