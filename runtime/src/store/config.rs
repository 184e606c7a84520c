//! Where the store lives and how it is bounded and filled, from the
//! command line and the environment.

use super::StoreError;
use crate::cc_options::CompilerOptions;
use std::ffi::OsString;
use std::path::PathBuf;

/// Default size limit of one ABI's entries.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// How to find, bound and fill a store.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// The store root.
    pub dir: PathBuf,
    /// Size limit of one ABI's stored entries (sources and objects); beyond
    /// it the least recently used entries are evicted.
    pub max_bytes: u64,
    /// C compiler command; may carry leading arguments (`"ccache cc"`).
    pub cc: String,
    /// Flags for compiling entries and linking the aggregate.
    pub cflags: Vec<String>,
    /// Options for this compiler in particular (set by
    /// `modes::open_store_at` once it knows the compiler; none here).
    pub options: CompilerOptions,
    /// How many compiles run at once.
    pub jobs: usize,
}

impl StoreConfig {
    /// The store root: `--code-store DIR` (`explicit`), else
    /// `$NARUBY_CODE_STORE`, else `$XDG_CACHE_HOME/naruby`, else
    /// `$HOME/.cache/naruby`.
    pub fn locate(explicit: Option<PathBuf>) -> Result<PathBuf, StoreError> {
        Self::locate_from(explicit, |k| std::env::var_os(k))
    }

    /// `locate` with the environment given as a lookup function. Empty
    /// values count as unset; a relative `XDG_CACHE_HOME` is ignored (as
    /// the XDG base directory specification requires).
    pub fn locate_from(
        explicit: Option<PathBuf>,
        env: impl Fn(&str) -> Option<OsString>,
    ) -> Result<PathBuf, StoreError> {
        if let Some(dir) = explicit {
            return Ok(dir);
        }
        let var = |k: &str| env(k).filter(|v| !v.is_empty());
        if let Some(dir) = var("NARUBY_CODE_STORE") {
            return Ok(PathBuf::from(dir));
        }
        if let Some(cache) = var("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
        {
            return Ok(cache.join("naruby"));
        }
        if let Some(home) = var("HOME") {
            return Ok(PathBuf::from(home).join(".cache").join("naruby"));
        }
        Err(StoreError::NoLocation)
    }

    /// The configuration of a store at `dir`: size limit
    /// `$NARUBY_CODE_STORE_LIMIT` (bytes, or with a K/M/G suffix) else
    /// 256 MiB, `$CC` or `cc`, `$CFLAGS` or [`crate::DEFAULT_CFLAGS`], one
    /// compile per available core. A malformed limit is an error.
    pub fn new(dir: PathBuf) -> Result<StoreConfig, StoreError> {
        Self::new_from(dir, |k| std::env::var_os(k))
    }

    /// `new` with the environment given as a lookup function.
    pub fn new_from(
        dir: PathBuf,
        env: impl Fn(&str) -> Option<OsString>,
    ) -> Result<StoreConfig, StoreError> {
        let var = |k: &str| {
            env(k)
                .map(|v| v.to_string_lossy().into_owned())
                .filter(|v| !v.trim().is_empty())
        };
        let max_bytes = match var(LIMIT_VAR) {
            Some(text) => parse_size(&text).ok_or(StoreError::BadLimit(text))?,
            None => DEFAULT_MAX_BYTES,
        };
        Ok(StoreConfig {
            dir,
            max_bytes,
            cc: var("CC").unwrap_or_else(|| "cc".to_string()),
            cflags: var("CFLAGS")
                .map(|f| f.split_whitespace().map(String::from).collect())
                .unwrap_or_else(|| {
                    crate::DEFAULT_CFLAGS
                        .split_whitespace()
                        .map(String::from)
                        .collect()
                }),
            options: CompilerOptions::default(),
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        })
    }
}

/// The environment variable that sets the size limit.
pub const LIMIT_VAR: &str = "NARUBY_CODE_STORE_LIMIT";

/// A byte count: digits with an optional binary suffix `K`, `M` or `G`
/// (`KiB`/`MiB`/`GiB` and lowercase spellings too). `None` when malformed or
/// too large.
pub fn parse_size(text: &str) -> Option<u64> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return None,
    };
    let n: u64 = number.parse().ok()?;
    n.checked_mul(1u64 << shift)
}
