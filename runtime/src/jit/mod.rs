//! The JIT of the ASTro JIT paper (PPL 2026), in tiers that share compiled
//! code by Merkle hash:
//! - `l0`: a thread in the `naruby --jit` process; the interpreter never
//!   waits for it;
//! - `l1`: a daemon per machine, code store and build, reached over a
//!   private Unix socket, keeping its code in the same store as
//!   `--compile`;
//! - `l2`: a compile server for many L1s over TCP, compiling through a
//!   configurable command (distcc) into an object store of its own;
//! - `proto`: the messages between tiers (versioned, length-limited frames,
//!   authenticated with a shared key across machines);
//! - `report`: what L0 did, for `--stats`;
//! - `wire`: the serialized subtrees clients send, from which a serving
//!   tier recomputes the hash and generates the C itself.

pub mod l0;
pub mod l1;
pub mod l2;
pub mod proto;
pub mod report;
pub mod wire;

use std::path::Path;

/// A serving tier's own handle on its store for one session (L1 and L2);
/// when the store cannot be opened the client is told why and `None`.
fn session_store<S: std::io::Read + std::io::Write>(
    root: &Path,
    ch: &mut proto::Channel<S>,
) -> Option<crate::store::CodeStore> {
    match crate::modes::open_store_at(root.to_path_buf()) {
        Ok(store) => Some(store),
        Err(e) => {
            let _ = ch.send(&proto::Msg::Refused {
                message: e.to_string(),
            });
            None
        }
    }
}

/// Environment variable holding the shared key material (when no key file
/// is given).
pub const KEY_VAR: &str = "NARUBY_JIT_KEY";
/// Environment variable naming L1's compile server (when `--l2` is not
/// given; an L1 that L0 starts inherits it).
pub const L2_VAR: &str = "NARUBY_JIT_L2";

/// The shared key: the content of `file` if given, else `$NARUBY_JIT_KEY`.
/// `None` when neither is set. A key file must be the user's and not
/// readable by others.
pub fn load_key(file: Option<&Path>) -> Result<Option<proto::SharedKey>, String> {
    if let Some(path) = file {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if meta.mode() & 0o077 != 0 {
            return Err(format!(
                "{}: a key file must not be accessible to group or others (chmod 600)",
                path.display()
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        return proto::SharedKey::from_material(&bytes)
            .map(Some)
            .map_err(|e| format!("{}: {e}", path.display()));
    }
    match std::env::var_os(KEY_VAR) {
        Some(v) if !v.is_empty() => {
            use std::os::unix::ffi::OsStrExt;
            proto::SharedKey::from_material(v.as_bytes())
                .map(Some)
                .map_err(|e| format!("${KEY_VAR}: {e}"))
        }
        _ => Ok(None),
    }
}
