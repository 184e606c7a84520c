//! The code store: specialized C code for naruby programs, compiled once,
//! kept on disk, content-addressed by symbol, and bound into running
//! programs through one aggregated shared object (loaded with libloading).
//!
//! # Layout
//!
//! ```text
//! <root>/.naruby-store            marker: `clear` refuses a directory without it
//! <root>/compiler-<key>           memo: which compiler the command <key> runs
//!                                 (see compiler_id); spares `cc --version`
//! <root>/<abi>/                   one directory per ABI fingerprint (hex);
//!                                 other fingerprints are other builds, ignored
//!     lock                        flock: exclusive while mutating, shared while reading
//!     include/naruby.h nodes.h    the headers every entry is compiled against (an
//!                                 entry sees only its kinds' sections of nodes.h)
//!     src/<symbol>.c              an entry's C source
//!     obj/<symbol>.o              its object (-fPIC); its mtime is the LRU stamp
//!     obj/<symbol>.sum            "<size> <blake3 of the .o>": marks the object valid
//!     lib/agg-<gen>-<token>.so    the current aggregate of every stored object
//!     lib/manifest                names the current aggregate, its size, blake3, symbols
//!     profiles/<key>              a program's call-site profile (`--pg`), by program key
//!     jit/<symbol>.so .sum        an entry's library for running processes: the entry
//!                                 linked alone, or a batch's (hard links of one file; see jit)
//!     l1.sock l1.lock             the JIT daemon's socket, and its lock (one daemon per ABI)
//!     tmp/c-XXXXXX/               private scratch directories of compiles in progress
//! ```
//!
//! # Protocol
//!
//! Every file outside `tmp/` is written to a temporary file in its own
//! directory, fsynced and renamed into place, so no reader ever sees a half
//! written file. Compiling happens outside the lock (in `tmp/`), so processes
//! never serialize on the C compiler; installing objects, evicting, linking
//! the aggregate and writing the manifest happen under the exclusive lock.
//! Readers hold the shared lock from reading the manifest until the
//! aggregate is opened, so it cannot be removed in between. Each aggregate
//! gets a new unique file name (the dynamic loader caches by path), is
//! checked against the manifest's size and hash before it is opened, and is
//! never unloaded (nodes point into it).
//!
//! # Trust
//!
//! Directories are created 0700 and files 0600; any directory or file of the
//! store that is not the current user's, is writable by group or others, or
//! is a symlink where a file is expected is refused with an error.

mod aggregate;
mod clear;
mod compile;
mod compiler_id;
mod config;
mod error;
mod fsutil;
mod inspect;
mod jit;
mod loader;
mod manifest;
mod object;
#[cfg(test)]
mod tests;

pub use clear::clear_store;
use compile::Compiled;
pub use compiler_id::{ask_compiler, compiler_identity, is_gcc, remember_identity};
pub use config::{parse_size, StoreConfig, DEFAULT_MAX_BYTES};
pub use error::StoreError;
use fsutil::{check_path, io_err, list, Kind};
pub use inspect::{StoreStats, Verification};
pub use jit::{BatchObjects, JitLibrary};
use manifest::Manifest;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How a library of entries is linked. Without the C library and start
/// files (a third of the link's time): a library is only ever loaded into
/// naruby, whose C library its references bind to; `-lgcc` (after the
/// objects) still supplies the compiler's helper routines.
const LINK_FLAGS: [&str; 3] = ["-shared", "-fPIC", "-nostdlib"];
const LINK_LIBS: [&str; 1] = ["-lgcc"];

/// The subdirectories of an ABI directory.
const SUBDIRS: [&str; 7] = ["include", "src", "obj", "lib", "profiles", "jit", "tmp"];
/// Name of the marker file at the store root.
const MARKER: &str = ".naruby-store";
/// Scratch directories in `tmp/` older than this are leftovers of a crash.
const STALE_TMP: Duration = Duration::from_secs(600);

/// The header texts every entry is compiled against (`include/` of the ABI).
#[derive(Debug, Clone, Copy)]
pub struct Headers<'a> {
    pub naruby_h: &'a str,
    pub nodes_h: &'a str,
}

/// One translation unit defining `RESULT <symbol>(NODE *n, VALUE *fp)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `SD_` and 32 lowercase hex digits; also the file name in the store.
    pub symbol: String,
    /// The C text; it includes `"nodes.h"`.
    pub source: String,
    /// Compile it in a unit of its own, never in a bundle: speculative
    /// code, which holds its callees' code for gcc to inline (see
    /// `compile.rs`, `BUNDLE_MIN`).
    pub alone: bool,
}

/// What `load` found.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Address of each requested symbol the current aggregate defines.
    pub addresses: HashMap<String, usize>,
    pub hits: usize,
    pub misses: usize,
    /// Why the aggregate could not be used (failed validation, the dynamic
    /// loader's error); its symbols then count as misses.
    pub problem: Option<String>,
}

/// What `compile_and_load` did.
#[derive(Debug, Clone, Default)]
pub struct CompileReport {
    /// Address of every entry that is now available.
    pub addresses: HashMap<String, usize>,
    /// Entries this call compiled.
    pub compiled: usize,
    /// Entries that were stored already.
    pub already_stored: usize,
    /// Entries that failed to compile, with the compiler's message.
    pub failures: Vec<(String, String)>,
    /// Wall time spent compiling and linking.
    pub compile_time: Duration,
    /// Why the aggregate could not be loaded, if it could not.
    pub problem: Option<String>,
}

/// Whether `s` is an entry symbol: `SD_` and 32 lowercase hex digits.
pub fn is_symbol(s: &str) -> bool {
    s.len() == 35
        && s.starts_with("SD_")
        && s[3..]
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Whether `s` can name a profile: a program key (32 lowercase hex digits).
pub fn is_profile_key(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn is_abi(s: &str) -> bool {
    !s.is_empty() && s.len() <= 128 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The manifest's state.
enum Current {
    None,
    Invalid(String),
    Valid(Manifest),
}
/// A code store opened for one ABI fingerprint.
pub struct CodeStore {
    config: StoreConfig,
    abi: String,
    dir: PathBuf,
    naruby_h: String,
    nodes_h: String,
    /// Aggregates this process has opened, by file name; never unloaded.
    libs: HashMap<String, &'static libloading::Library>,
    /// Runs compiles instead of `config.cc` (an L2 compiling through
    /// distcc); the fingerprint still names `config.cc`, the compiler it
    /// stands for.
    compile_command: Option<String>,
}

impl fmt::Debug for CodeStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CodeStore")
            .field("dir", &self.dir)
            .field("loaded", &self.libs.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl CodeStore {
    /// Opens (creating as needed) the store and the directory for this ABI
    /// fingerprint (`abi`: hex, computed by the caller from node.def, the
    /// generator version, the compiler identity and flags, and the headers).
    /// Writes the headers there once (atomically); headers that differ from
    /// the stored ones under the same fingerprint are an error.
    pub fn open(
        mut config: StoreConfig,
        abi: &str,
        headers: Headers,
    ) -> Result<CodeStore, StoreError> {
        if !is_abi(abi) {
            return Err(StoreError::BadAbi(abi.to_string()));
        }
        // an absolute root: the compiler runs in the ABI directory, and a
        // relative path without a slash would make the dynamic loader search
        if config.dir.is_relative() {
            config.dir =
                std::path::absolute(&config.dir).map_err(io_err("resolve", &config.dir))?;
        }
        fsutil::private_root(&config.dir)?;
        ensure_marker(&config.dir)?;
        let store = CodeStore {
            dir: config.dir.join(abi),
            config,
            abi: abi.to_string(),
            naruby_h: headers.naruby_h.to_string(),
            nodes_h: headers.nodes_h.to_string(),
            libs: HashMap::new(),
            compile_command: None,
        };
        store.ensure_layout()?;
        Ok(store)
    }

    /// The store root.
    pub fn path(&self) -> &Path {
        &self.config.dir
    }

    /// This ABI's directory.
    pub fn abi_path(&self) -> &Path {
        &self.dir
    }

    /// This build's ABI fingerprint (the directory's name).
    pub fn abi(&self) -> &str {
        &self.abi
    }

    /// The configuration the store was opened with.
    pub fn config(&self) -> &StoreConfig {
        &self.config
    }

    /// The stored profile of the program with key `key`, if any.
    pub fn read_profile(&self, key: &str) -> Result<Option<String>, StoreError> {
        if !is_profile_key(key) {
            return Err(StoreError::BadProfileKey(key.to_string()));
        }
        let path = self.profile_path(key);
        if check_path(&path, Kind::File)?.is_none() {
            return Ok(None);
        }
        match fs::read_to_string(&path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_err("read", &path)(e)),
        }
    }

    /// Stores (replacing) the profile of the program with key `key`.
    pub fn write_profile(&self, key: &str, text: &str) -> Result<(), StoreError> {
        if !is_profile_key(key) {
            return Err(StoreError::BadProfileKey(key.to_string()));
        }
        let dir = self.dir.join("profiles");
        let write = || -> Result<(), StoreError> {
            self.ensure_layout()?;
            let _guard = fsutil::lock(&self.dir.join("lock"), true)?;
            fsutil::write_atomic(&dir, key, text.as_bytes(), 0o600)?;
            fsutil::sync_dir(&dir);
            Ok(())
        };
        again_if_cleared(write)
    }

    /// Loads the newest aggregated shared object of this ABI (if any) and
    /// returns the addresses of those of `symbols` it defines. Never
    /// compiles. Touches the found entries' LRU stamps.
    pub fn load(&mut self, symbols: &[&str]) -> Result<Loaded, StoreError> {
        let mut wanted: Vec<&str> = Vec::new();
        let mut seen = HashSet::new();
        for s in symbols {
            if seen.insert(*s) {
                wanted.push(s);
            }
        }
        let mut out = Loaded::default();
        if !self.dir.is_dir() {
            out.misses = wanted.len();
            return Ok(out);
        }
        {
            let _guard = match fsutil::lock(&self.dir.join("lock"), false) {
                Err(e) if e.is_cleared() => {
                    out.misses = wanted.len();
                    return Ok(out);
                }
                guard => guard?,
            };
            match self.current_manifest()? {
                Current::None => {}
                Current::Invalid(why) => out.problem = Some(why),
                Current::Valid(m) => {
                    let (addresses, problem) =
                        self.bind(&m, wanted.iter().copied().filter(|s| is_symbol(s)));
                    out.addresses = addresses;
                    out.problem = problem;
                }
            }
        }
        out.hits = out.addresses.len();
        out.misses = wanted.len() - out.hits;
        for s in out.addresses.keys() {
            fsutil::touch(&self.object_path(s));
        }
        Ok(out)
    }

    // ---- paths ----

    fn object_path(&self, sym: &str) -> PathBuf {
        self.dir.join("obj").join(format!("{sym}.o"))
    }

    fn sum_path(&self, sym: &str) -> PathBuf {
        self.dir.join("obj").join(format!("{sym}.sum"))
    }

    fn source_path(&self, sym: &str) -> PathBuf {
        self.dir.join("src").join(format!("{sym}.c"))
    }

    fn manifest_path(&self) -> PathBuf {
        self.dir.join("lib").join("manifest")
    }

    fn profile_path(&self, key: &str) -> PathBuf {
        self.dir.join("profiles").join(key)
    }

    // ---- pieces ----

    /// Creates the ABI directory, its subdirectories and headers if missing
    /// (also after `clear`), checking each.
    fn ensure_layout(&self) -> Result<(), StoreError> {
        // a clear between creating the directories and locking: again
        again_if_cleared(|| self.ensure_layout_once())
    }

    fn ensure_layout_once(&self) -> Result<(), StoreError> {
        fsutil::private_dir(&self.dir)?;
        for sub in SUBDIRS {
            fsutil::private_dir(&self.dir.join(sub))?;
        }
        let include = self.dir.join("include");
        let headers = [("naruby.h", &self.naruby_h), ("nodes.h", &self.nodes_h)];
        let mut locked = None;
        for (name, text) in headers {
            let path = include.join(name);
            loop {
                if check_path(&path, Kind::File)?.is_some() {
                    let stored = fs::read(&path).map_err(io_err("read", &path))?;
                    if stored != text.as_bytes() {
                        return Err(StoreError::HeaderMismatch { path });
                    }
                    break;
                }
                if locked.is_none() {
                    // re-check under the lock: another process may be writing it
                    locked = Some(fsutil::lock(&self.dir.join("lock"), true)?);
                    continue;
                }
                fsutil::write_atomic(&include, name, text.as_bytes(), 0o600)?;
                fsutil::sync_dir(&include);
                break;
            }
        }
        Ok(())
    }

    /// The recorded (size, blake3) of an object, if its checksum file is
    /// there and well formed.
    fn read_sum(&self, sym: &str) -> Result<Option<(u64, String)>, StoreError> {
        let path = self.sum_path(sym);
        if check_path(&path, Kind::File)?.is_none() {
            return Ok(None);
        }
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(_) => return Ok(None),
        };
        let mut parts = text.split_whitespace();
        let size = parts.next().and_then(|s| s.parse().ok());
        let hash = parts.next().filter(|h| h.len() == 64);
        Ok(size.zip(hash.map(str::to_string)))
    }

    /// Cheap validity: object and checksum present, sizes agree.
    fn object_ok(&self, sym: &str) -> Result<bool, StoreError> {
        let Some(meta) = check_path(&self.object_path(sym), Kind::File)? else {
            return Ok(false);
        };
        Ok(meta.len() > 0
            && self
                .read_sum(sym)?
                .is_some_and(|(size, _)| size == meta.len()))
    }

    /// Full validity: the object's bytes hash to its checksum.
    fn object_verified(&self, sym: &str) -> Result<bool, StoreError> {
        let Some((size, hash)) = self.read_sum(sym)? else {
            return Ok(false);
        };
        let path = self.object_path(sym);
        if check_path(&path, Kind::File)?.is_none() {
            return Ok(false);
        }
        match fs::read(&path) {
            Ok(bytes) => {
                Ok(bytes.len() as u64 == size && blake3::hash(&bytes).to_hex().as_str() == hash)
            }
            Err(_) => Ok(false),
        }
    }

    /// Reads and validates the manifest and its aggregate (size, and the
    /// hash unless this process already has that aggregate open).
    fn current_manifest(&self) -> Result<Current, StoreError> {
        let path = self.manifest_path();
        if check_path(&path, Kind::File)?.is_none() {
            return Ok(Current::None);
        }
        let Some(m) = fs::read_to_string(&path)
            .ok()
            .and_then(|t| Manifest::parse(&t))
        else {
            return Ok(Current::Invalid(format!(
                "malformed manifest {}",
                path.display()
            )));
        };
        let lib = self.dir.join("lib").join(&m.library);
        let Some(meta) = check_path(&lib, Kind::File)? else {
            return Ok(Current::Invalid(format!(
                "aggregate {} is missing",
                lib.display()
            )));
        };
        if meta.len() != m.size {
            return Ok(Current::Invalid(format!(
                "aggregate {} has {} bytes, the manifest says {}",
                lib.display(),
                meta.len(),
                m.size
            )));
        }
        if !self.libs.contains_key(&m.library) {
            let bytes = fs::read(&lib).map_err(io_err("read", &lib))?;
            if blake3::hash(&bytes).to_hex().as_str() != m.blake3 {
                return Ok(Current::Invalid(format!(
                    "aggregate {} does not match the manifest's checksum",
                    lib.display()
                )));
            }
        }
        Ok(Current::Valid(m))
    }

    /// Opens `m`'s aggregate (once per process) and looks up `symbols`.
    /// Must be called with the lock held (shared or exclusive).
    fn bind<'s>(
        &mut self,
        m: &Manifest,
        symbols: impl Iterator<Item = &'s str>,
    ) -> (HashMap<String, usize>, Option<String>) {
        let mut out = HashMap::new();
        let lib = match self.libs.get(&m.library) {
            Some(lib) => *lib,
            None => {
                let path = self.dir.join("lib").join(&m.library);
                match loader::open_forever(&path) {
                    Ok(lib) => {
                        self.libs.insert(m.library.clone(), lib);
                        lib
                    }
                    Err(e) => return (out, Some(format!("cannot load {}: {e}", path.display()))),
                }
            }
        };
        let defined: HashSet<&str> = m.symbols.iter().map(String::as_str).collect();
        for s in symbols {
            if defined.contains(s) {
                if let Some(addr) = loader::address(lib, s) {
                    out.insert(s.to_string(), addr);
                }
            }
        }
        (out, None)
    }
}

/// Whether a scratch directory in `tmp/` is older than [`STALE_TMP`]: a
/// crashed compile's leftover, not one in progress.
fn is_stale_scratch(path: &Path) -> bool {
    fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| std::time::SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age > STALE_TMP)
}

/// Runs `attempt` again (a few times at most) while it fails because
/// another process cleared the store under it (`naruby cache clear`).
fn again_if_cleared<T>(
    mut attempt: impl FnMut() -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let mut attempts = 1;
    loop {
        match attempt() {
            Err(e) if attempts < 4 && e.is_cleared() => attempts += 1,
            other => return other,
        }
    }
}

/// Makes sure `root` is a store: it carries the marker, or is empty and
/// gets it. Another process may be creating the store at the same moment; it
/// writes the marker before anything else.
fn ensure_marker(root: &Path) -> Result<(), StoreError> {
    let marker = root.join(MARKER);
    if check_path(&marker, Kind::File)?.is_some() {
        return Ok(());
    }
    if !list(root)?.is_empty() && check_path(&marker, Kind::File)?.is_none() {
        return Err(StoreError::NotAStore {
            path: root.to_path_buf(),
        });
    }
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&marker)
    {
        Ok(mut f) => {
            let _ = io::Write::write_all(&mut f, b"naruby code store\n");
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(io_err("create", &marker)(e)),
    }
    check_path(&marker, Kind::File)?;
    Ok(())
}
