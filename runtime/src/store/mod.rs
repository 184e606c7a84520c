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
//!     jit/<symbol>.so .sum        one entry linked alone, for a running process (see jit)
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

mod compiler_id;
mod config;
mod error;
mod fsutil;
mod jit;
mod loader;
mod manifest;
mod object;
#[cfg(test)]
mod tests;

pub use compiler_id::{ask_compiler, compiler_identity, is_gcc, remember_identity};
pub use config::{parse_size, StoreConfig, DEFAULT_MAX_BYTES};
pub use error::StoreError;
use fsutil::{check_path, io_err, list, Kind, TEMP_PREFIX};
pub use jit::JitLibrary;
use manifest::Manifest;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

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

/// What `stats` reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoreStats {
    pub root: PathBuf,
    pub abi: String,
    /// Stored entries of this ABI (object and source present).
    pub entries: usize,
    /// Object files of this ABI.
    pub objects: usize,
    /// Bytes of this ABI's entries (sources, objects, checksums): what
    /// `max_bytes` bounds.
    pub entry_bytes: u64,
    /// Generation, symbol count and size of the current aggregate.
    pub aggregate: Option<(u64, usize, u64)>,
    /// Stored `--pg` profiles of this ABI.
    pub profiles: usize,
    /// ABI directories in the store (this one included).
    pub abi_dirs: usize,
    /// Bytes of every file in the store.
    pub store_bytes: u64,
    pub max_bytes: u64,
}

impl fmt::Display for StoreStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
        writeln!(f, "code store: {}", self.root.display())?;
        writeln!(
            f,
            "  ABI {}: {} entries, {} objects",
            self.abi, self.entries, self.objects
        )?;
        writeln!(
            f,
            "  entry bytes: {} ({:.2} MiB of {:.2} MiB limit)",
            self.entry_bytes,
            mib(self.entry_bytes),
            mib(self.max_bytes)
        )?;
        match self.aggregate {
            Some((gen, n, bytes)) => writeln!(
                f,
                "  aggregate: generation {gen}, {n} symbols, {bytes} bytes"
            )?,
            None => writeln!(f, "  aggregate: none")?,
        }
        writeln!(f, "  profiles: {}", self.profiles)?;
        write!(
            f,
            "  whole store: {} ABI directories, {} bytes ({:.2} MiB)",
            self.abi_dirs,
            self.store_bytes,
            mib(self.store_bytes)
        )
    }
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

/// What `verify` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verification {
    /// Inconsistencies: damaged, untrusted or unexpected files.
    pub problems: Vec<String>,
    /// Remains of interrupted processes: harmless (nothing binds them) and
    /// removed by the next compile.
    pub leftovers: Vec<String>,
}

/// The manifest's state.
enum Current {
    None,
    Invalid(String),
    Valid(Manifest),
}

/// An entry compiled into its scratch directory, not yet installed.
struct Compiled {
    symbol: String,
    dir: tempfile::TempDir,
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

    /// Stores (compiling in parallel, `jobs` at a time) every entry not
    /// stored yet, then, if anything new was stored (or the aggregate is
    /// missing, invalid or lacks a stored entry), evicts least recently used
    /// entries beyond the size limit, rebuilds the aggregated shared object
    /// from all stored objects of this ABI and loads it. Returns addresses
    /// for every entry that is available, plus per-entry compile failures
    /// with the compiler's message.
    ///
    /// `naruby cache clear` may remove the directory under a compile in
    /// progress; the compile then starts over (a few times at most).
    pub fn compile_and_load(&mut self, entries: &[Entry]) -> Result<CompileReport, StoreError> {
        again_if_cleared(|| self.compile_and_load_once(entries))
    }

    fn compile_and_load_once(&mut self, entries: &[Entry]) -> Result<CompileReport, StoreError> {
        let mut wanted: Vec<&Entry> = Vec::new();
        let mut seen = HashSet::new();
        for e in entries {
            if !is_symbol(&e.symbol) {
                return Err(StoreError::BadSymbol(e.symbol.clone()));
            }
            if seen.insert(e.symbol.as_str()) {
                wanted.push(e);
            }
        }
        self.ensure_layout()?;
        let protect: HashSet<&str> = wanted.iter().map(|e| e.symbol.as_str()).collect();
        let mut report = CompileReport::default();
        let mut failed: HashSet<String> = HashSet::new();
        // A second or third round only happens when another process evicted
        // an object between our check and our lock.
        for round in 0..3 {
            let mut todo = Vec::new();
            for e in &wanted {
                if failed.contains(&e.symbol) || report.addresses.contains_key(&e.symbol) {
                    continue;
                }
                if !self.object_ok(&e.symbol)? {
                    todo.push(*e);
                }
            }
            if round == 0 {
                report.already_stored = wanted.len() - todo.len();
            } else if todo.is_empty() {
                break;
            }
            let started = Instant::now();
            let results = self.compile_all(&todo)?;
            report.compile_time += started.elapsed();

            let _guard = fsutil::lock(&self.dir.join("lock"), true)?;
            let mut installed = Vec::new();
            for r in results {
                match r {
                    Ok(c) => {
                        report.compiled += 1;
                        let symbol = c.symbol.clone();
                        if self.install(c)? {
                            installed.push(symbol);
                        }
                    }
                    Err((symbol, message)) => {
                        failed.insert(symbol.clone());
                        report.failures.push((symbol, message));
                    }
                }
            }
            if !installed.is_empty() {
                fsutil::sync_dir(&self.dir.join("src"));
                fsutil::sync_dir(&self.dir.join("obj"));
            }
            let mut current = self.current_manifest()?;
            let need_aggregate = !installed.is_empty()
                || match &current {
                    Current::Valid(m) => {
                        let have: HashSet<&str> = m.symbols.iter().map(String::as_str).collect();
                        let mut missing = false;
                        for e in &wanted {
                            if !have.contains(e.symbol.as_str()) && self.object_ok(&e.symbol)? {
                                missing = true;
                                break;
                            }
                        }
                        missing
                    }
                    _ => true,
                };
            if need_aggregate {
                let started = Instant::now();
                self.evict(&protect)?;
                let old = match &current {
                    Current::Valid(m) => Some(m.generation),
                    _ => None,
                };
                let linked = match self.aggregate(old) {
                    // The store linked before this round, so the objects
                    // just installed are the suspects: drop them, report
                    // them as failed, and link the rest.
                    Err(StoreError::Link { message, .. }) if !installed.is_empty() => {
                        for sym in installed.drain(..) {
                            self.remove_entry(&sym)?;
                            failed.insert(sym.clone());
                            report.failures.push((
                                sym,
                                format!("its object breaks the aggregate's link:\n{message}"),
                            ));
                        }
                        self.aggregate(old)?
                    }
                    other => other?,
                };
                current = match linked {
                    Some(m) => Current::Valid(m),
                    None => Current::None,
                };
                report.compile_time += started.elapsed();
            }
            report.problem = None;
            if let Current::Valid(m) = &current {
                let (addresses, problem) = self.bind(m, wanted.iter().map(|e| e.symbol.as_str()));
                report.addresses = addresses;
                report.problem = problem;
            }
            if wanted
                .iter()
                .all(|e| report.addresses.contains_key(&e.symbol) || failed.contains(&e.symbol))
            {
                break;
            }
        }
        for s in report.addresses.keys() {
            fsutil::touch(&self.object_path(s));
        }
        Ok(report)
    }

    /// Counts of this ABI's entries, bytes, the aggregate, the whole store.
    pub fn stats(&self) -> Result<StoreStats, StoreError> {
        let root = &self.config.dir;
        let abi_dirs = list(root)?
            .into_iter()
            .filter(|(name, path)| {
                is_abi(name)
                    && fs::symlink_metadata(path)
                        .map(|m| m.is_dir())
                        .unwrap_or(false)
            })
            .count();
        let mut objects = HashSet::new();
        let mut entry_bytes = 0;
        for (name, path) in list(&self.dir.join("obj"))? {
            if let Ok(meta) = fs::symlink_metadata(&path) {
                entry_bytes += meta.len();
            }
            if let Some(sym) = name.strip_suffix(".o").filter(|s| is_symbol(s)) {
                objects.insert(sym.to_string());
            }
        }
        let mut entries = 0;
        for (name, path) in list(&self.dir.join("src"))? {
            if let Ok(meta) = fs::symlink_metadata(&path) {
                entry_bytes += meta.len();
            }
            if name.strip_suffix(".c").is_some_and(|s| objects.contains(s)) {
                entries += 1;
            }
        }
        let aggregate = fs::read_to_string(self.manifest_path())
            .ok()
            .and_then(|t| Manifest::parse(&t))
            .map(|m| (m.generation, m.symbols.len(), m.size));
        let profiles = list(&self.dir.join("profiles"))
            .map(|files| files.iter().filter(|(n, _)| is_profile_key(n)).count())
            .unwrap_or(0);
        Ok(StoreStats {
            root: root.clone(),
            abi: self.abi.clone(),
            entries,
            objects: objects.len(),
            entry_bytes,
            aggregate,
            profiles,
            abi_dirs,
            store_bytes: fsutil::tree_bytes(root),
            max_bytes: self.config.max_bytes,
        })
    }

    /// Removes everything under the store root (all ABIs), keeping the root
    /// and its marker, without following symlinks out of the store.
    pub fn clear(&self) -> Result<(), StoreError> {
        clear_store(&self.config.dir)
    }

    /// Checks consistency: every object has its checksum and source and
    /// matches the checksum, the aggregate matches the manifest, every file
    /// is trusted and expected. Remains of interrupted processes (which
    /// can never be bound, and the next compile removes) are listed apart.
    pub fn verify(&self) -> Result<Verification, StoreError> {
        let mut found = Verification::default();
        if !self.dir.is_dir() {
            return Ok(found);
        }
        let Verification {
            problems,
            leftovers,
        } = &mut found;
        let _guard = match fsutil::lock(&self.dir.join("lock"), false) {
            // cleared meanwhile: nothing left to be inconsistent
            Err(e) if e.is_cleared() => return Ok(found),
            guard => guard?,
        };
        let trusted = |path: &Path, kind: Kind, problems: &mut Vec<String>| {
            if let Err(e) = check_path(path, kind) {
                problems.push(e.to_string());
            }
        };
        for sub in SUBDIRS {
            trusted(&self.dir.join(sub), Kind::Dir, problems);
            for (name, path) in list(&self.dir.join(sub))? {
                if name.starts_with(TEMP_PREFIX) {
                    leftovers.push(format!("temporary file {}", path.display()));
                } else if sub == "tmp" {
                    let old = fs::symlink_metadata(&path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| SystemTime::now().duration_since(t).ok())
                        .is_some_and(|age| age > STALE_TMP);
                    if old {
                        leftovers.push(format!("stale compile directory {}", path.display()));
                    }
                } else if sub != "lib" || name == "manifest" {
                    trusted(&path, Kind::File, problems);
                }
            }
        }
        for (name, text) in [("naruby.h", &self.naruby_h), ("nodes.h", &self.nodes_h)] {
            let path = self.dir.join("include").join(name);
            match fs::read_to_string(&path) {
                Ok(t) if &t == text => {}
                Ok(_) => problems.push(format!("{} differs from this build's", path.display())),
                Err(e) => problems.push(format!("cannot read {}: {e}", path.display())),
            }
        }
        let mut objects = HashSet::new();
        for (name, path) in list(&self.dir.join("obj"))? {
            if name.starts_with(TEMP_PREFIX) {
                continue;
            }
            if let Some(sym) = name.strip_suffix(".o").filter(|s| is_symbol(s)) {
                objects.insert(sym.to_string());
                match self
                    .read_sum(sym)
                    .and_then(|sum| Ok((sum, self.object_verified(sym)?)))
                {
                    Err(e) => problems.push(e.to_string()),
                    Ok((None, _)) => {
                        problems.push(format!("object {} has no checksum", path.display()))
                    }
                    Ok((Some(_), false)) => problems.push(format!(
                        "object {} does not match its checksum",
                        path.display()
                    )),
                    Ok((Some(_), true)) => {}
                }
                if !self.source_path(sym).is_file() {
                    problems.push(format!("object {} has no source", path.display()));
                }
            } else if let Some(sym) = name.strip_suffix(".sum").filter(|s| is_symbol(s)) {
                if !self.object_path(sym).exists() {
                    leftovers.push(format!("checksum {} without its object", path.display()));
                }
            } else {
                problems.push(format!("unexpected file {}", path.display()));
            }
        }
        for (name, path) in list(&self.dir.join("src"))? {
            if !name.starts_with(TEMP_PREFIX) && !name.strip_suffix(".c").is_some_and(is_symbol) {
                problems.push(format!("unexpected file {}", path.display()));
            }
        }
        for (name, path) in list(&self.dir.join("profiles"))? {
            if !name.starts_with(TEMP_PREFIX) && !is_profile_key(&name) {
                problems.push(format!("unexpected file {}", path.display()));
            }
        }
        let mut current_lib = None;
        match self.current_manifest() {
            Err(e) => problems.push(e.to_string()),
            Ok(Current::None) => {}
            Ok(Current::Invalid(why)) => problems.push(why),
            Ok(Current::Valid(m)) => {
                for s in &m.symbols {
                    if !objects.contains(s) {
                        leftovers.push(format!(
                            "aggregate {} still holds {s}, whose object was evicted",
                            m.library
                        ));
                    }
                }
                current_lib = Some(m.library);
            }
        }
        for (name, path) in list(&self.dir.join("lib"))? {
            if name == "manifest" || name.starts_with(TEMP_PREFIX) {
                continue;
            }
            if current_lib.as_deref() != Some(name.as_str()) {
                leftovers.push(format!("superseded aggregate {}", path.display()));
            }
        }
        Ok(found)
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

    /// Why the compiler could not be started: it runs in the ABI directory,
    /// so if that vanished, the store was cleared.
    fn spawn_error(&self, source: io::Error) -> StoreError {
        if !self.dir.is_dir() {
            return StoreError::Cleared;
        }
        StoreError::Compiler {
            cc: self.config.cc.clone(),
            source,
        }
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

    /// Compiles (and links) through `command` from now on, e.g. `distcc cc`
    /// (see `compile_command`).
    pub fn set_compile_command(&mut self, command: String) {
        self.compile_command = Some(command);
    }

    /// The compiler command, split into program and leading arguments.
    fn cc_command(&self) -> (String, Vec<String>) {
        let cc = self.compile_command.as_deref().unwrap_or(&self.config.cc);
        let mut words = cc.split_whitespace().map(String::from);
        let prog = words.next().unwrap_or_else(|| "cc".to_string());
        (prog, words.collect())
    }

    /// Compiles `todo`, `jobs` at a time, each into its own scratch
    /// directory. A compile error is `Err((symbol, message))`.
    #[allow(clippy::type_complexity)]
    fn compile_all(
        &self,
        todo: &[&Entry],
    ) -> Result<Vec<Result<Compiled, (String, String)>>, StoreError> {
        if todo.is_empty() {
            return Ok(Vec::new());
        }
        let next = AtomicUsize::new(0);
        let results = Mutex::new(Vec::new());
        let jobs = self.config.jobs.clamp(1, todo.len());
        std::thread::scope(|s| {
            for _ in 0..jobs {
                s.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= todo.len() {
                        break;
                    }
                    let r = self.compile_one(todo[i]);
                    let failed = r.is_err();
                    results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((i, r));
                    if failed {
                        break;
                    }
                });
            }
        });
        let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
        results.sort_by_key(|(i, _)| *i);
        results.into_iter().map(|(_, r)| r).collect()
    }

    /// Compiles one entry in a fresh scratch directory under `tmp/`.
    fn compile_one(&self, e: &Entry) -> Result<Result<Compiled, (String, String)>, StoreError> {
        let tmp = self.dir.join("tmp");
        let dir = tempfile::Builder::new()
            .prefix("c-")
            .tempdir_in(&tmp)
            .map_err(io_err("create a scratch directory in", &tmp))?;
        let rel = dir
            .path()
            .strip_prefix(&self.dir)
            .unwrap_or(dir.path())
            .to_path_buf();
        let src = rel.join(format!("{}.c", e.symbol));
        let obj = rel.join(format!("{}.o", e.symbol));
        let abs_src = self.dir.join(&src);
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&abs_src)
            .and_then(|mut f| io::Write::write_all(&mut f, e.source.as_bytes()))
            .map_err(io_err("write", &abs_src))?;
        let (prog, pre) = self.cc_command();
        let output = Command::new(&prog)
            .args(&pre)
            .args(&self.config.cflags)
            .args(&self.config.compiler_flags)
            .args(["-fPIC", "-c", "-I", "include", "-o"])
            .arg(&obj)
            .arg(&src)
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .output()
            .map_err(|source| {
                // its scratch directory gone: cleared (maybe made anew since)
                if dir.path().is_dir() {
                    self.spawn_error(source)
                } else {
                    StoreError::Cleared
                }
            })?;
        if !dir.path().is_dir() {
            return Err(StoreError::Cleared);
        }
        if !output.status.success() {
            let mut message = String::from_utf8_lossy(&output.stderr).into_owned();
            message.push_str(&String::from_utf8_lossy(&output.stdout));
            if message.trim().is_empty() {
                message = format!(
                    "`{}` failed ({}) without a message",
                    self.config.cc, output.status
                );
            }
            return Ok(Err((e.symbol.clone(), message)));
        }
        // a compiler killed mid-write (or a full disk) can cut the object
        // short behind a successful status; such an object never enters
        let abs_obj = self.dir.join(&obj);
        let defect = match fs::read(&abs_obj) {
            Ok(bytes) => object::defect(&bytes),
            Err(e) => Some(format!("cannot read it: {e}")),
        };
        if let Some(why) = defect {
            return Ok(Err((
                e.symbol.clone(),
                format!(
                    "`{}` reported success but wrote a damaged object ({why}); not stored",
                    self.config.cc
                ),
            )));
        }
        Ok(Ok(Compiled {
            symbol: e.symbol.clone(),
            dir,
        }))
    }

    /// Moves a compiled entry into place (lock held). `false` when another
    /// process stored it first (ours is discarded).
    fn install(&self, c: Compiled) -> Result<bool, StoreError> {
        let sym = &c.symbol;
        if self.object_ok(sym)? {
            return Ok(false);
        }
        let src = c.dir.path().join(format!("{sym}.c"));
        let obj = c.dir.path().join(format!("{sym}.o"));
        fsutil::seal(&src, 0o600)?;
        fsutil::seal(&obj, 0o600)?;
        let bytes = fs::read(&obj).map_err(io_err("read", &obj))?;
        let sum = format!("{} {}\n", bytes.len(), blake3::hash(&bytes).to_hex());
        fsutil::rename(&src, &self.source_path(sym))?;
        fsutil::write_atomic(
            &self.dir.join("obj"),
            &format!("{sym}.sum"),
            sum.as_bytes(),
            0o600,
        )?;
        fsutil::rename(&obj, &self.object_path(sym))?;
        Ok(true)
    }

    /// Evicts least recently used entries, never those in `protect`, until
    /// this ABI's entries fit `max_bytes` (lock held).
    fn evict(&self, protect: &HashSet<&str>) -> Result<Vec<String>, StoreError> {
        // symbol -> (bytes, last use)
        let mut items: HashMap<String, (u64, SystemTime)> = HashMap::new();
        let mut total = 0;
        for sub in ["obj", "src"] {
            for (name, path) in list(&self.dir.join(sub))? {
                let sym = name
                    .rsplit_once('.')
                    .map(|(s, _)| s)
                    .filter(|s| is_symbol(s));
                let (Some(sym), Ok(meta)) = (sym, fs::symlink_metadata(&path)) else {
                    continue;
                };
                total += meta.len();
                let stamp = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                let item = items
                    .entry(sym.to_string())
                    .or_insert((0, SystemTime::UNIX_EPOCH));
                item.0 += meta.len();
                // the object's mtime is the stamp; a lone source uses its own
                if name.ends_with(".o") || item.1 == SystemTime::UNIX_EPOCH {
                    item.1 = stamp;
                }
            }
        }
        let mut evicted = Vec::new();
        if total <= self.config.max_bytes {
            return Ok(evicted);
        }
        let mut order: Vec<(SystemTime, String, u64)> = items
            .into_iter()
            .filter(|(s, _)| !protect.contains(s.as_str()))
            .map(|(s, (bytes, stamp))| (stamp, s, bytes))
            .collect();
        order.sort();
        for (_, sym, bytes) in order {
            if total <= self.config.max_bytes {
                break;
            }
            self.remove_entry(&sym)?;
            total -= bytes;
            evicted.push(sym);
        }
        Ok(evicted)
    }

    /// Removes an entry's object, checksum and source (lock held).
    fn remove_entry(&self, sym: &str) -> Result<(), StoreError> {
        fsutil::remove_file(&self.object_path(sym))?;
        fsutil::remove_file(&self.sum_path(sym))?;
        fsutil::remove_file(&self.source_path(sym))
    }

    /// Links every valid stored object into a new aggregate under a fresh
    /// name, writes the manifest and removes older aggregates (lock held).
    /// Invalid objects are dropped (their sources stay). `None` when no
    /// object is stored.
    fn aggregate(&self, old_generation: Option<u64>) -> Result<Option<Manifest>, StoreError> {
        let lib_dir = self.dir.join("lib");
        let mut symbols = Vec::new();
        for (name, _) in list(&self.dir.join("obj"))? {
            let Some(sym) = name.strip_suffix(".o").filter(|s| is_symbol(s)) else {
                continue;
            };
            if self.object_verified(sym)? {
                symbols.push(sym.to_string());
            } else {
                fsutil::remove_file(&self.object_path(sym))?;
                fsutil::remove_file(&self.sum_path(sym))?;
            }
        }
        // crash leftovers: checksums whose object is gone (a process died
        // between installing or evicting the two), and temporary files,
        // which only exist while the lock is held
        for (name, path) in list(&self.dir.join("obj"))? {
            let orphan = name
                .strip_suffix(".sum")
                .is_some_and(|sym| is_symbol(sym) && !self.object_path(sym).exists());
            if orphan {
                fsutil::remove_file(&path)?;
            }
        }
        for sub in ["include", "src", "obj", "lib", "profiles"] {
            for (name, path) in list(&self.dir.join(sub))? {
                if name.starts_with(TEMP_PREFIX) {
                    fsutil::remove_any(&path)?;
                }
            }
        }
        for (_, path) in list(&self.dir.join("tmp"))? {
            let stale = fs::symlink_metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())
                .is_some_and(|age| age > STALE_TMP);
            if stale {
                fsutil::remove_any(&path)?;
            }
        }
        let existing = list(&lib_dir)?;
        let generation = existing
            .iter()
            .filter_map(|(name, _)| manifest::library_generation(name))
            .chain(old_generation)
            .max()
            .map_or(1, |g| g + 1);
        let remove_old = |keep: Option<&str>| -> Result<(), StoreError> {
            for (name, path) in &existing {
                if manifest::is_library_name(name) && Some(name.as_str()) != keep {
                    fsutil::remove_file(path)?;
                }
            }
            Ok(())
        };
        if symbols.is_empty() {
            fsutil::remove_file(&self.manifest_path())?;
            remove_old(None)?;
            return Ok(None);
        }
        let token = fsutil::unique_token();
        let tmp_name = format!("{TEMP_PREFIX}agg-{token}.so");
        let tmp_rel = Path::new("lib").join(&tmp_name);
        let (prog, pre) = self.cc_command();
        let mut cmd = Command::new(&prog);
        cmd.args(&pre)
            .args(&self.config.cflags)
            .args(LINK_FLAGS)
            .arg("-o")
            .arg(&tmp_rel)
            .args(
                symbols
                    .iter()
                    .map(|s| Path::new("obj").join(format!("{s}.o"))),
            )
            .args(LINK_LIBS)
            .current_dir(&self.dir)
            .stdin(Stdio::null());
        let output = cmd.output().map_err(|source| self.spawn_error(source))?;
        let tmp_path = self.dir.join(&tmp_rel);
        if !output.status.success() {
            let _ = fs::remove_file(&tmp_path);
            let mut message = String::from_utf8_lossy(&output.stderr).into_owned();
            message.push_str(&String::from_utf8_lossy(&output.stdout));
            return Err(StoreError::Link {
                command: format!(
                    "{} {} {} -o {} obj/*.o {} ({} objects, in {})",
                    self.config.cc,
                    self.config.cflags.join(" "),
                    LINK_FLAGS.join(" "),
                    tmp_rel.display(),
                    LINK_LIBS.join(" "),
                    symbols.len(),
                    self.dir.display()
                ),
                message,
            });
        }
        fsutil::seal(&tmp_path, 0o700)?;
        let bytes = fs::read(&tmp_path).map_err(io_err("read", &tmp_path))?;
        let library = format!("agg-{generation}-{token}.so");
        fsutil::rename(&tmp_path, &lib_dir.join(&library))?;
        let m = Manifest {
            generation,
            library,
            size: bytes.len() as u64,
            blake3: blake3::hash(&bytes).to_hex().to_string(),
            symbols,
        };
        fsutil::write_atomic(&lib_dir, "manifest", m.render().as_bytes(), 0o600)?;
        fsutil::sync_dir(&lib_dir);
        remove_old(Some(&m.library))?;
        Ok(Some(m))
    }
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

/// Removes everything under the store at `root` (every ABI), keeping the
/// root and its marker. Refuses a directory that is not a store or is not
/// trusted; never follows symlinks (a symlink is removed, not its target).
/// Each ABI directory is removed while holding its lock exclusively.
pub fn clear_store(root: &Path) -> Result<(), StoreError> {
    let meta = match fs::metadata(root) {
        // nothing stored yet: nothing to clear
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        meta => meta.map_err(io_err("inspect", root))?,
    };
    fsutil::check_meta(root, &meta, Kind::Dir)?;
    if check_path(&root.join(MARKER), Kind::File)?.is_none() {
        return Err(StoreError::NotAStore {
            path: root.to_path_buf(),
        });
    }
    let uid = fsutil::current_uid()?;
    for (name, path) in list(root)? {
        if name == MARKER {
            continue;
        }
        let is_dir = fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir() && m.uid() == uid);
        let lock = path.join("lock");
        if !(is_dir && fs::symlink_metadata(&lock).is_ok_and(|m| m.is_file())) {
            fsutil::remove_any(&path)?;
            continue;
        }
        // Under the lock, move the directory out of the way in one step;
        // then remove it at leisure. A compiler already running in it may
        // still create files there, so removal is retried, and whatever
        // survives is removed by the next clear.
        let trash = root.join(format!("{TEMP_PREFIX}cleared-{}", fsutil::unique_token()));
        {
            let _guard = match fsutil::lock(&lock, true) {
                // another clear moved it aside first
                Err(e) if e.is_cleared() => continue,
                guard => guard?,
            };
            match fs::rename(&path, &trash) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io_err("move aside", &path)(e)),
            }
        }
        for attempt in 0.. {
            match fsutil::remove_any(&trash) {
                Ok(()) => break,
                Err(_) if attempt < 20 => std::thread::sleep(Duration::from_millis(50)),
                Err(_) => break,
            }
        }
    }
    Ok(())
}
