//! The store's side of the JIT: shared objects that define an entry, so
//! that a running process can load code compiled after it started, and
//! their consolidation into the aggregate when the L1 daemon is idle.
//!
//! ```text
//! <abi>/jit/<symbol>.so    the entry's object linked alone (-shared), or the
//!                          library of a batch of entries compiled as one unit
//!                          (one file, hard-linked under each entry's name)
//! <abi>/jit/<symbol>.sum   "<size> <blake3>" of it: marks it complete
//! ```
//!
//! They are written like everything else in the store (temporary file,
//! rename, under the lock) and only ever replaced whole. A process opens
//! one after checking that it lies in this ABI's directory, is the user's,
//! and has the size and hash the daemon announced.

use super::fsutil::{self, check_path, io_err, list, Kind, TEMP_PREFIX};
use super::{is_symbol, loader, CodeStore, Current, Entry, StoreError};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The linker option that starts an entry's own library's code
/// [`text_offset`] bytes into its code segment (which starts at 0x1000).
///
/// Why: linked alone, every entry's code would start at the same offset in
/// its page, so the entries a program swaps in one by one would all fall
/// into the same sets of the instruction cache (and of the branch
/// predictor's tables), and a chain of twenty hot bodies thrashed them: a
/// `--jit` run of the 20-deep call chain took as long as the interpreter
/// (benches/NOTES.md). The aggregate lays code out densely and needs none
/// of this.
fn text_placement(symbol: &str) -> String {
    format!(
        "-Wl,--section-start=.text={:#x}",
        0x1000 + text_offset(symbol)
    )
}

/// Where `symbol`'s own library starts its code, from the start of its code
/// segment: 0x400 bytes of room for the PLT, then one of 64 cache-line
/// slots chosen by the symbol's hash digits (so, modulo the page, any of
/// the 64 line offsets).
pub(super) fn text_offset(symbol: &str) -> u64 {
    let digits = symbol.get(3..6).unwrap_or("0");
    let slot = u64::from_str_radix(digits, 16).unwrap_or(0) % 64;
    0x400 + slot * 64
}

/// A batch's object, compiled and waiting to be stored as its entries'
/// objects ([`CodeStore::store_batch_objects`]); its scratch directory
/// lasts as long as it does.
pub struct BatchObjects(super::Compiled);

/// A loadable shared object that defines an entry's symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JitLibrary {
    /// Absolute path, inside the store's ABI directory.
    pub path: PathBuf,
    pub size: u64,
    pub hash: [u8; 32],
}

impl CodeStore {
    fn jit_dir(&self) -> PathBuf {
        self.dir.join("jit")
    }

    /// A library that defines `symbol`, if the store holds its object:
    /// the current aggregate when it has it, else the entry's own library
    /// (linked now if it is not there yet).
    pub fn jit_library(&mut self, symbol: &str) -> Result<Option<JitLibrary>, StoreError> {
        if !is_symbol(symbol) {
            return Err(StoreError::BadSymbol(symbol.to_string()));
        }
        self.ensure_layout()?;
        if let Some(lib) = self.own_library(symbol)? {
            return Ok(Some(lib));
        }
        // most queries only read (the aggregate has it, or nothing does):
        // under the shared lock, so concurrent queries never queue
        {
            let _reading = fsutil::lock(&self.dir.join("lock"), false)?;
            if let Some(lib) = self.aggregate_library(symbol)? {
                return Ok(Some(lib));
            }
            if !self.object_ok(symbol)? {
                return Ok(None);
            }
        }
        // stored but not linked alone yet: link it under the exclusive
        // lock, after looking again (another process may have meanwhile)
        let _guard = fsutil::lock(&self.dir.join("lock"), true)?;
        if let Some(lib) = self.aggregate_library(symbol)? {
            return Ok(Some(lib));
        }
        if !self.object_ok(symbol)? {
            return Ok(None);
        }
        self.link_own_library(symbol).map(Some)
    }

    /// The current aggregate, if it defines `symbol` (lock held).
    fn aggregate_library(&self, symbol: &str) -> Result<Option<JitLibrary>, StoreError> {
        let Current::Valid(m) = self.current_manifest()? else {
            return Ok(None);
        };
        if !m.symbols.iter().any(|s| s == symbol) {
            return Ok(None);
        }
        let hash = hex32(&m.blake3).ok_or_else(|| StoreError::Io {
            action: "parse the checksum of",
            path: self.manifest_path(),
            source: std::io::Error::other("not 64 hex digits"),
        })?;
        Ok(Some(JitLibrary {
            path: self.dir.join("lib").join(&m.library),
            size: m.size,
            hash,
        }))
    }

    /// Compiles `entry` into the store unless it is there, then returns
    /// its library. `Ok(Err(message))` is a compile failure (the
    /// compiler's message).
    pub fn jit_compile(&mut self, entry: &Entry) -> Result<Result<JitLibrary, String>, StoreError> {
        if !is_symbol(&entry.symbol) {
            return Err(StoreError::BadSymbol(entry.symbol.clone()));
        }
        self.ensure_layout()?;
        if !self.object_ok(&entry.symbol)? {
            let mut results = self.compile_all(&[entry])?;
            match results.pop() {
                Some(Ok(compiled)) => {
                    let _guard = fsutil::lock(&self.dir.join("lock"), true)?;
                    self.install(&compiled)?;
                    fsutil::sync_dir(&self.dir.join("src"));
                    fsutil::sync_dir(&self.dir.join("obj"));
                }
                Some(Err((_, message))) => return Ok(Err(message)),
                None => return Ok(Err("nothing was compiled".into())),
            }
        }
        match self.jit_library(&entry.symbol)? {
            Some(lib) => Ok(Ok(lib)),
            None => Ok(Err("the compiled object was evicted at once".into())),
        }
    }

    /// The entry's own library, if complete and intact.
    fn own_library(&self, symbol: &str) -> Result<Option<JitLibrary>, StoreError> {
        let so = self.jit_dir().join(format!("{symbol}.so"));
        let sum = self.jit_dir().join(format!("{symbol}.sum"));
        if check_path(&sum, Kind::File)?.is_none() {
            return Ok(None);
        }
        let Some(meta) = check_path(&so, Kind::File)? else {
            return Ok(None);
        };
        let Some((size, hash)) = fs::read_to_string(&sum).ok().and_then(|t| parse_sum(&t)) else {
            return Ok(None);
        };
        if meta.len() != size {
            return Ok(None);
        }
        Ok(Some(JitLibrary {
            path: so,
            size,
            hash,
        }))
    }

    /// Links `obj/<symbol>.o` alone into `jit/<symbol>.so` (lock held).
    fn link_own_library(&self, symbol: &str) -> Result<JitLibrary, StoreError> {
        if let Some(lib) = self.own_library(symbol)? {
            return Ok(lib);
        }
        let dir = self.jit_dir();
        let tmp_rel = Path::new("jit").join(format!(
            "{TEMP_PREFIX}{symbol}-{}.so",
            fsutil::unique_token()
        ));
        let object = [Path::new("obj").join(format!("{symbol}.o"))];
        let link = |placed: bool| {
            self.link_command(&tmp_rel, &object, placed.then(|| text_placement(symbol)))
                .output()
                .map_err(|source| self.spawn_error(source))
        };
        // a linker without --section-start still links it, unplaced
        let mut output = link(true)?;
        if !output.status.success() {
            output = link(false)?;
        }
        let tmp = self.dir.join(&tmp_rel);
        if !output.status.success() {
            let _ = fs::remove_file(&tmp);
            return Err(StoreError::Link {
                command: format!(
                    "{} {} -o {} obj/{symbol}.o {}",
                    self.config.cc,
                    super::LINK_FLAGS.join(" "),
                    tmp_rel.display(),
                    super::LINK_LIBS.join(" ")
                ),
                message: String::from_utf8_lossy(&output.stderr).into_owned(),
            });
        }
        let (size, hash) = seal_library(&tmp)?;
        let lib = self.publish(&tmp, symbol, size, hash)?;
        fsutil::sync_dir(&dir);
        Ok(lib)
    }

    /// Renames the sealed library `built` (a temporary name in `jit/`) to
    /// `jit/<symbol>.so` and writes the `.sum` that marks it complete (lock
    /// held).
    fn publish(
        &self,
        built: &Path,
        symbol: &str,
        size: u64,
        hash: [u8; 32],
    ) -> Result<JitLibrary, StoreError> {
        let dir = self.jit_dir();
        let so = dir.join(format!("{symbol}.so"));
        fsutil::rename(built, &so)?;
        let sum = format!("{size} {}\n", blake3::Hash::from(hash).to_hex());
        fsutil::write_atomic(&dir, &format!("{symbol}.sum"), sum.as_bytes(), 0o600)?;
        Ok(JitLibrary {
            path: so,
            size,
            hash,
        })
    }

    /// Compiles `entries` as one unit (a bundle, see `compile.rs`), links
    /// it into one library and gives every entry that library as its own
    /// (`jit/<symbol>.so`, hard links of one file) unless it has one
    /// already; returns the libraries and the bundle's object, for
    /// [`CodeStore::store_batch_objects`] once the processes waiting for
    /// the libraries have them. One compiler run instead of one per entry,
    /// twice (library now, object later): its fixed cost (process start,
    /// back-end set-up) dominates small entries, and entries that become
    /// hot together are waited for together. `Ok(Err(message))` is a
    /// compile failure.
    pub fn jit_compile_batch(
        &mut self,
        entries: &[&Entry],
    ) -> Result<Result<(Vec<JitLibrary>, BatchObjects), String>, StoreError> {
        if let Some(bad) = entries.iter().find(|e| !is_symbol(&e.symbol)) {
            return Err(StoreError::BadSymbol(bad.symbol.clone()));
        }
        self.ensure_layout()?;
        let compiled = match self.compile_bundle(entries)? {
            Ok(compiled) => compiled,
            Err(message) => return Ok(Err(message)),
        };
        let rel = compiled
            .dir
            .path()
            .strip_prefix(&self.dir)
            .unwrap_or(compiled.dir.path())
            .to_path_buf();
        let built = rel.join("bundle.so");
        let output = self
            .link_command(&built, [&compiled.object], None)
            .output()
            .map_err(|source| self.spawn_error(source))?;
        if !output.status.success() {
            return Ok(Err(self.failure_message(&output)));
        }
        let built = self.dir.join(&built);
        let (size, hash) = seal_library(&built)?;
        let _guard = fsutil::lock(&self.dir.join("lock"), true)?;
        let mut libs = Vec::with_capacity(compiled.symbols.len());
        for symbol in &compiled.symbols {
            if let Some(lib) = self.own_library(symbol)? {
                libs.push(lib);
                continue;
            }
            let link = self.jit_dir().join(format!(
                "{TEMP_PREFIX}{symbol}-{}.so",
                fsutil::unique_token()
            ));
            fs::hard_link(&built, &link)
                .or_else(|_| fs::copy(&built, &link).map(|_| ()))
                .map_err(io_err("link", &link))?;
            libs.push(self.publish(&link, symbol, size, hash)?);
        }
        fsutil::sync_dir(&self.jit_dir());
        Ok(Ok((libs, BatchObjects(compiled))))
    }

    /// Stores a batch's object as each of its entries' object (for the
    /// aggregate and `--compile`), unless another process stored theirs.
    pub fn store_batch_objects(&mut self, objects: BatchObjects) -> Result<(), StoreError> {
        let _guard = fsutil::lock(&self.dir.join("lock"), true)?;
        if !self.install(&objects.0)?.is_empty() {
            fsutil::sync_dir(&self.dir.join("src"));
            fsutil::sync_dir(&self.dir.join("obj"));
        }
        Ok(())
    }

    /// Opens a library a JIT daemon named and returns `symbol`'s address in
    /// it. The library must lie in this ABI's `jit/` or `lib/` directory,
    /// be the user's and nobody else's to write, and have exactly the
    /// announced size and hash; opened libraries are never unloaded.
    pub fn open_jit_library(
        &mut self,
        lib: &JitLibrary,
        symbol: &str,
    ) -> Result<usize, StoreError> {
        let refuse = |why: &str| StoreError::Io {
            action: "open JIT code",
            path: lib.path.clone(),
            source: std::io::Error::other(why.to_string()),
        };
        if !is_symbol(symbol) {
            return Err(StoreError::BadSymbol(symbol.to_string()));
        }
        let parent = lib.path.parent().ok_or_else(|| refuse("no directory"))?;
        let name = lib
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| refuse("no file name"))?;
        let canonical = |p: &Path| fs::canonicalize(p).ok();
        let inside = canonical(parent).is_some_and(|p| {
            Some(&p) == canonical(&self.jit_dir()).as_ref()
                || Some(&p) == canonical(&self.dir.join("lib")).as_ref()
        });
        if !inside || name.starts_with('.') {
            return Err(refuse("not in this store"));
        }
        let key = format!("{}/{name}", parent.display());
        let library = match self.libs.get(&key) {
            Some(l) => *l,
            None => {
                let meta = check_path(&lib.path, Kind::File)?.ok_or_else(|| refuse("missing"))?;
                if meta.len() != lib.size {
                    return Err(refuse("its size is not the announced one"));
                }
                let bytes = fs::read(&lib.path).map_err(io_err("read", &lib.path))?;
                if blake3::hash(&bytes) != blake3::Hash::from(lib.hash) {
                    return Err(refuse("its hash is not the announced one"));
                }
                let l = loader::open_forever(&lib.path).map_err(|e| refuse(&e))?;
                self.libs.insert(key, l);
                l
            }
        };
        loader::address(library, symbol).ok_or_else(|| refuse("it does not define the symbol"))
    }

    /// Run by the L1 daemon when idle: links every stored object into a
    /// new aggregate if some are missing from the current one (so later
    /// processes bind everything at start-up), then removes entry
    /// libraries older than `keep` that the aggregate now covers. Returns
    /// whether a new aggregate was linked.
    pub fn consolidate(&mut self, keep: Duration) -> Result<bool, StoreError> {
        self.ensure_layout()?;
        let _guard = fsutil::lock(&self.dir.join("lock"), true)?;
        let current = self.current_manifest()?;
        let have: std::collections::HashSet<String> = match &current {
            Current::Valid(m) => m.symbols.iter().cloned().collect(),
            _ => Default::default(),
        };
        let mut missing = false;
        for (name, _) in list(&self.dir.join("obj"))? {
            if let Some(sym) = name.strip_suffix(".o").filter(|s| is_symbol(s)) {
                if !have.contains(sym) && self.object_ok(sym)? {
                    missing = true;
                    break;
                }
            }
        }
        let mut covered = have;
        let mut linked = false;
        if missing {
            let old = match &current {
                Current::Valid(m) => Some(m.generation),
                _ => None,
            };
            self.evict(&Default::default())?;
            if let Some(m) = self.aggregate(old)? {
                covered = m.symbols.into_iter().collect();
            }
            linked = true;
        }
        for (name, path) in list(&self.jit_dir())? {
            let sym = name
                .strip_suffix(".so")
                .or_else(|| name.strip_suffix(".sum"))
                .unwrap_or("");
            let old = fs::symlink_metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())
                .is_some_and(|age| age > keep);
            // a covered entry's own library, or a temporary file left by a
            // killed link; processes that opened either keep their mapping
            if old && (covered.contains(sym) || name.starts_with(TEMP_PREFIX)) {
                fsutil::remove_any(&path)?;
            }
        }
        Ok(linked)
    }
}

impl CodeStore {
    /// L2: the entry's object, compiled into the store unless it is there.
    /// `Ok(Err(message))` is a compile failure.
    pub fn compile_object(&mut self, entry: &Entry) -> Result<Result<Vec<u8>, String>, StoreError> {
        if !is_symbol(&entry.symbol) {
            return Err(StoreError::BadSymbol(entry.symbol.clone()));
        }
        self.ensure_layout()?;
        if let Some(bytes) = self.stored_object(&entry.symbol)? {
            return Ok(Ok(bytes));
        }
        let mut results = self.compile_all(&[entry])?;
        match results.pop() {
            Some(Ok(compiled)) => {
                let _guard = fsutil::lock(&self.dir.join("lock"), true)?;
                self.install(&compiled)?;
            }
            Some(Err((_, message))) => return Ok(Err(message)),
            None => return Ok(Err("nothing was compiled".into())),
        }
        match self.stored_object(&entry.symbol)? {
            Some(bytes) => Ok(Ok(bytes)),
            None => Ok(Err("the compiled object was evicted at once".into())),
        }
    }

    /// The bytes of a stored, intact object.
    pub fn stored_object(&self, symbol: &str) -> Result<Option<Vec<u8>>, StoreError> {
        if !is_symbol(symbol) || !self.object_verified(symbol)? {
            return Ok(None);
        }
        match fs::read(self.object_path(symbol)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(_) => Ok(None),
        }
    }

    /// L1: stores an object compiled elsewhere (L2) for `entry`, whose
    /// symbol and source this process derived itself, then returns its
    /// library. A damaged object is refused (`Ok(Err(why))`).
    pub fn install_object(
        &mut self,
        entry: &Entry,
        bytes: &[u8],
    ) -> Result<Result<JitLibrary, String>, StoreError> {
        if !is_symbol(&entry.symbol) {
            return Err(StoreError::BadSymbol(entry.symbol.clone()));
        }
        if let Some(why) = super::object::defect(bytes) {
            return Ok(Err(format!(
                "the compile server sent a damaged object ({why})"
            )));
        }
        self.ensure_layout()?;
        if !self.object_ok(&entry.symbol)? {
            let tmp = self.dir.join("tmp");
            let dir = tempfile::Builder::new()
                .prefix("r-")
                .tempdir_in(&tmp)
                .map_err(io_err("create a scratch directory in", &tmp))?;
            for (ext, data) in [("c", entry.source.as_bytes()), ("o", bytes)] {
                let path = dir.path().join(format!("{}.{ext}", entry.symbol));
                fs::write(&path, data).map_err(io_err("write", &path))?;
            }
            let _guard = fsutil::lock(&self.dir.join("lock"), true)?;
            self.install(&super::Compiled::single(&entry.symbol, dir))?;
        }
        match self.jit_library(&entry.symbol)? {
            Some(lib) => Ok(Ok(lib)),
            None => Ok(Err("the installed object was evicted at once".into())),
        }
    }
}

/// Makes a freshly linked library private and durable; returns its size
/// and hash.
fn seal_library(path: &Path) -> Result<(u64, [u8; 32]), StoreError> {
    fsutil::seal(path, 0o700)?;
    let bytes = fs::read(path).map_err(io_err("read", path))?;
    Ok((bytes.len() as u64, *blake3::hash(&bytes).as_bytes()))
}

fn parse_sum(text: &str) -> Option<(u64, [u8; 32])> {
    let (size, hash) = text.trim().split_once(' ')?;
    Some((size.parse().ok()?, hex32(hash)?))
}

fn hex32(hex: &str) -> Option<[u8; 32]> {
    let h = blake3::Hash::from_hex(hex).ok()?;
    Some(*h.as_bytes())
}
