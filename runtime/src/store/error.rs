//! Why the store could not be used: one error type, displayed as the
//! message the CLI prints.

use super::MARKER;
use std::fmt;
use std::io;
use std::path::PathBuf;

/// Why the store could not be used.
#[derive(Debug)]
pub enum StoreError {
    /// No `--code-store`, `NARUBY_CODE_STORE`, `XDG_CACHE_HOME` or `HOME`.
    NoLocation,
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    /// A store file or directory owned by someone else.
    NotOwned { path: PathBuf, owner: u32, uid: u32 },
    /// A store file or directory that group or others may write.
    Writable { path: PathBuf, mode: u32 },
    /// A symlink or other file where a directory or regular file belongs.
    Unexpected {
        path: PathBuf,
        expected: &'static str,
    },
    /// A non-empty directory without the store marker.
    NotAStore { path: PathBuf },
    /// The ABI fingerprint is not a hex string.
    BadAbi(String),
    /// A symbol that is not `SD_` + 32 hex digits.
    BadSymbol(String),
    /// A profile key that is not 32 hex digits.
    BadProfileKey(String),
    /// Stored headers differ from the caller's under the same fingerprint.
    HeaderMismatch { path: PathBuf },
    /// The C compiler could not be started.
    Compiler { cc: String, source: io::Error },
    /// Linking the aggregate failed; the linker's message.
    Link { command: String, message: String },
    /// `NARUBY_CODE_STORE_LIMIT` is not a size.
    BadLimit(String),
    /// The store was cleared under a compile in progress.
    Cleared,
}

impl StoreError {
    /// Whether this error means another process cleared the store under
    /// us (a file or directory of ours vanished), so starting over helps.
    pub fn is_cleared(&self) -> bool {
        match self {
            StoreError::Cleared => true,
            StoreError::Io { source, .. } => source.kind() == io::ErrorKind::NotFound,
            _ => false,
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NoLocation => write!(
                f,
                "cannot locate the code store: none of --code-store, NARUBY_CODE_STORE, \
                 XDG_CACHE_HOME, HOME is set; pass --code-store DIR"
            ),
            StoreError::Io {
                action,
                path,
                source,
            } => write!(
                f,
                "code store: cannot {action} {}: {source}",
                path.display()
            ),
            StoreError::NotOwned { path, owner, uid } => write!(
                f,
                "code store: refusing {}: it belongs to uid {owner}, not to you (uid {uid}); \
                 use --code-store DIR with a directory of your own",
                path.display()
            ),
            StoreError::Writable { path, mode } => write!(
                f,
                "code store: refusing {}: group or others can write it (mode {mode:o}); \
                 run `chmod go-w {}` if you trust its contents, or clear the store",
                path.display(),
                path.display()
            ),
            StoreError::Unexpected { path, expected } => write!(
                f,
                "code store: refusing {}: expected {expected} (symlinks are not followed); \
                 remove it or clear the store",
                path.display()
            ),
            StoreError::NotAStore { path } => write!(
                f,
                "code store: {} is a non-empty directory that is not a naruby code store \
                 (no {MARKER} file); choose an empty or new directory with --code-store DIR",
                path.display()
            ),
            StoreError::BadAbi(abi) => {
                write!(
                    f,
                    "code store: invalid ABI fingerprint {abi:?} (expected hex digits)"
                )
            }
            StoreError::BadSymbol(s) => {
                write!(
                    f,
                    "code store: invalid entry symbol {s:?} (expected SD_ and 32 hex digits)"
                )
            }
            StoreError::BadProfileKey(k) => {
                write!(
                    f,
                    "code store: invalid profile key {k:?} (expected 32 hex digits)"
                )
            }
            StoreError::HeaderMismatch { path } => write!(
                f,
                "code store: {} differs from this build's header under the same ABI \
                 fingerprint (the fingerprint must cover the headers); clear the store",
                path.display()
            ),
            StoreError::Compiler { cc, source } => write!(
                f,
                "code store: cannot run the C compiler `{cc}`: {source}; install one or set CC"
            ),
            StoreError::Link { command, message } => {
                write!(
                    f,
                    "code store: linking the aggregate failed: {command}\n{message}"
                )
            }
            StoreError::Cleared => write!(
                f,
                "code store: other processes cleared the store during each of several attempts \
                 to compile; try again"
            ),
            StoreError::BadLimit(text) => write!(
                f,
                "code store: {} is {text:?}, not a size (bytes, or with a K, M or G suffix)",
                super::config::LIMIT_VAR
            ),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. } | StoreError::Compiler { source, .. } => Some(source),
            _ => None,
        }
    }
}
