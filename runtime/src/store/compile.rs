//! Compiling entries: each in a private scratch directory under `tmp/`,
//! several at once and outside the lock, then installed (source, object,
//! checksum) under the exclusive lock; `compile_and_load` then relinks the
//! aggregate and binds it.

use super::fsutil::{self, io_err};
use super::{
    again_if_cleared, is_symbol, object, CodeStore, CompileReport, Current, Entry, StoreError,
};
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// Entries compiled into a scratch directory, not yet installed: each
/// `<symbol>.c` there, and `object`, which defines them all (one entry's
/// `<symbol>.o`, or a bundle's, see [`BUNDLE_MIN`]).
pub(super) struct Compiled {
    pub(super) symbols: Vec<String>,
    pub(super) object: PathBuf,
    pub(super) dir: tempfile::TempDir,
}

impl Compiled {
    /// One entry, `<symbol>.c` and `<symbol>.o` in `dir`.
    pub(super) fn single(symbol: &str, dir: tempfile::TempDir) -> Compiled {
        Compiled {
            symbols: vec![symbol.to_string()],
            object: dir.path().join(format!("{symbol}.o")),
            dir,
        }
    }
}

/// From how many entries on a compile puts them through the compiler
/// together, up to [`BUNDLE_MAX`] per run, into one object that every
/// member's `obj/<symbol>.o` names (hard links). gcc's time on a small
/// entry is mostly the same for any entry (reading the headers, setting up
/// its passes: about 40 ms for a five-node body), so a program of a
/// thousand such functions took 21 s to store one by one. In a bundle the
/// entries' own symbols are weak, so that the aggregate links an entry
/// that two bundles hold (compiled twice in a race) without a clash; both
/// copies are the same code. Fewer entries compile alone, as before, and
/// so does speculative code ([`Entry::alone`]): gcc inlined less across a
/// unit of entries that hold the same callees (`jit/l1.rs`, `MAX_BATCH`).
pub(super) const BUNDLE_MIN: usize = 8;
pub(super) const BUNDLE_MAX: usize = 16;

impl CodeStore {
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
                        report.compiled += c.symbols.len();
                        installed.extend(self.install(&c)?);
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

    /// Why the compiler could not be started: it runs in the ABI directory,
    /// so if that vanished, the store was cleared.
    pub(super) fn spawn_error(&self, source: io::Error) -> StoreError {
        if !self.dir.is_dir() {
            return StoreError::Cleared;
        }
        StoreError::Compiler {
            cc: self.config.cc.clone(),
            source,
        }
    }

    /// Compiles (and links) through `command` from now on, e.g. `distcc cc`
    /// (see `compile_command`).
    pub fn set_compile_command(&mut self, command: String) {
        self.compile_command = Some(command);
    }

    /// The compiler command, split into program and leading arguments.
    pub(super) fn cc_command(&self) -> (String, Vec<String>) {
        let cc = self.compile_command.as_deref().unwrap_or(&self.config.cc);
        let mut words = cc.split_whitespace().map(String::from);
        let prog = words.next().unwrap_or_else(|| "cc".to_string());
        (prog, words.collect())
    }

    /// The command that links `objects` (paths relative to the ABI
    /// directory, where it runs) into the shared object `out`, with
    /// `extra` linker options: the aggregate, an entry's own library, a
    /// batch's library.
    pub(super) fn link_command<I, P>(
        &self,
        out: &std::path::Path,
        objects: I,
        extra: Option<String>,
    ) -> Command
    where
        I: IntoIterator<Item = P>,
        P: AsRef<std::ffi::OsStr>,
    {
        let (prog, pre) = self.cc_command();
        let mut cmd = Command::new(prog);
        cmd.args(pre)
            .args(&self.config.cflags)
            .args(super::LINK_FLAGS)
            .args(&self.config.options.link)
            .args(extra)
            .arg("-o")
            .arg(out)
            .args(objects)
            .args(super::LINK_LIBS)
            .current_dir(&self.dir)
            .stdin(Stdio::null());
        cmd
    }

    /// Compiles `todo`, `jobs` compiler runs at a time, each into its own
    /// scratch directory: each entry alone, or, from [`BUNDLE_MIN`]
    /// entries on, in bundles (a bundle that fails is compiled entry by
    /// entry, so that each error names its entry). A compile error is
    /// `Err((symbol, message))`.
    #[allow(clippy::type_complexity)]
    pub(super) fn compile_all(
        &self,
        todo: &[&Entry],
    ) -> Result<Vec<Result<Compiled, (String, String)>>, StoreError> {
        if todo.is_empty() {
            return Ok(Vec::new());
        }
        let (alone, shared): (Vec<&Entry>, Vec<&Entry>) =
            todo.iter().copied().partition(|e| e.alone);
        let mut units: Vec<&[&Entry]> = alone.chunks(1).collect();
        if shared.len() >= BUNDLE_MIN {
            units.extend(shared.chunks(BUNDLE_MAX));
        } else {
            units.extend(shared.chunks(1));
        }
        let next = AtomicUsize::new(0);
        let results = Mutex::new(Vec::new());
        let jobs = self.config.jobs.clamp(1, units.len());
        std::thread::scope(|s| {
            for _ in 0..jobs {
                s.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= units.len() {
                        break;
                    }
                    let r = self.compile_unit(units[i]);
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
        let mut out = Vec::new();
        for (_, r) in results {
            out.extend(r?);
        }
        Ok(out)
    }

    /// Compiles one unit of [`Self::compile_all`]: a lone entry, or a
    /// bundle, whose members are compiled one by one if it fails.
    #[allow(clippy::type_complexity)]
    fn compile_unit(
        &self,
        unit: &[&Entry],
    ) -> Result<Vec<Result<Compiled, (String, String)>>, StoreError> {
        if let [e] = unit {
            return Ok(vec![self.compile_one(e)?]);
        }
        if let Ok(bundle) = self.compile_bundle(unit)? {
            return Ok(vec![Ok(bundle)]);
        }
        unit.iter().map(|e| self.compile_one(e)).collect()
    }

    /// Compiles `members` as one unit (see [`BUNDLE_MIN`]): their sources
    /// joined as `entries::batch_source` joins them, their entry symbols
    /// weak. `Err(message)` if the compiler fails or writes a damaged
    /// object.
    pub(super) fn compile_bundle(
        &self,
        members: &[&Entry],
    ) -> Result<Result<Compiled, String>, StoreError> {
        let units = members
            .iter()
            .map(|e| (e.symbol.as_str(), e.source.as_str()));
        let Some(mut source) = crate::entries::batch_source(units) else {
            return Ok(Err("not code-store entries".into()));
        };
        for e in members {
            source.push_str(&format!("#pragma weak {}\n", e.symbol));
        }
        let (dir, rel) = self.scratch_dir()?;
        for e in members {
            let src = dir.path().join(format!("{}.c", e.symbol));
            fsutil::write_new(&src, e.source.as_bytes())?;
        }
        let (src, obj) = (rel.join("bundle.c"), rel.join("bundle.o"));
        fsutil::write_new(&self.dir.join(&src), source.as_bytes())?;
        let output = self.run_compiler(&source, &src, &obj, &dir)?;
        if !output.status.success() {
            return Ok(Err(self.failure_message(&output)));
        }
        let object = self.dir.join(&obj);
        if let Some(why) = self.object_defect(&object) {
            return Ok(Err(format!("a damaged object ({why})")));
        }
        Ok(Ok(Compiled {
            symbols: members.iter().map(|e| e.symbol.clone()).collect(),
            object,
            dir,
        }))
    }

    /// Runs the compiler on `src` (relative to the ABI directory) into the
    /// object `obj`; `dir` is the scratch directory they lie in.
    fn run_compiler(
        &self,
        source: &str,
        src: &std::path::Path,
        obj: &std::path::Path,
        dir: &tempfile::TempDir,
    ) -> Result<std::process::Output, StoreError> {
        let (prog, pre) = self.cc_command();
        let output = Command::new(&prog)
            .args(&pre)
            .args(self.config.options.small_unit_options(source.len()))
            .args(&self.config.cflags)
            .args(&self.config.options.compile)
            .args(["-fPIC", "-c", "-I", "include", "-o"])
            .arg(obj)
            .arg(src)
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
        Ok(output)
    }

    /// What is wrong with a freshly compiled object, if anything: a
    /// compiler killed mid-write (or a full disk) can cut it short behind a
    /// successful status; such an object never enters.
    fn object_defect(&self, path: &std::path::Path) -> Option<String> {
        match fs::read(path) {
            Ok(bytes) => object::defect(&bytes),
            Err(e) => Some(format!("cannot read it: {e}")),
        }
    }

    /// A fresh private scratch directory under `tmp/` for a compile, and its
    /// path relative to the ABI directory (where the compiler runs).
    pub(super) fn scratch_dir(&self) -> Result<(tempfile::TempDir, PathBuf), StoreError> {
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
        Ok((dir, rel))
    }

    /// Compiles one entry in a fresh scratch directory under `tmp/`.
    pub(super) fn compile_one(
        &self,
        e: &Entry,
    ) -> Result<Result<Compiled, (String, String)>, StoreError> {
        let (dir, rel) = self.scratch_dir()?;
        let src = rel.join(format!("{}.c", e.symbol));
        let obj = rel.join(format!("{}.o", e.symbol));
        fsutil::write_new(&self.dir.join(&src), e.source.as_bytes())?;
        let output = self.run_compiler(&e.source, &src, &obj, &dir)?;
        if !output.status.success() {
            return Ok(Err((e.symbol.clone(), self.failure_message(&output))));
        }
        if let Some(why) = self.object_defect(&self.dir.join(&obj)) {
            return Ok(Err((
                e.symbol.clone(),
                format!(
                    "`{}` reported success but wrote a damaged object ({why}); not stored",
                    self.config.cc
                ),
            )));
        }
        Ok(Ok(Compiled::single(&e.symbol, dir)))
    }

    /// What a failed compiler run said, for the user.
    pub(super) fn failure_message(&self, output: &std::process::Output) -> String {
        let mut message = String::from_utf8_lossy(&output.stderr).into_owned();
        message.push_str(&String::from_utf8_lossy(&output.stdout));
        if message.trim().is_empty() {
            message = format!(
                "`{}` failed ({}) without a message",
                self.config.cc, output.status
            );
        }
        message
    }

    /// Moves compiled entries into place (lock held): each one's source,
    /// checksum and object (a bundle's object under every member's name,
    /// hard links of one file). Returns the entries installed: not those
    /// another process stored first (ours are discarded).
    pub(super) fn install(&self, c: &Compiled) -> Result<Vec<String>, StoreError> {
        let mut installed = Vec::new();
        let mut sealed = None;
        for sym in &c.symbols {
            if self.object_ok(sym)? {
                continue;
            }
            let sum = match &sealed {
                Some(sum) => sum,
                None => {
                    fsutil::seal(&c.object, 0o600)?;
                    let bytes = fs::read(&c.object).map_err(io_err("read", &c.object))?;
                    sealed.insert(format!(
                        "{} {}\n",
                        bytes.len(),
                        blake3::hash(&bytes).to_hex()
                    ))
                }
            };
            let src = c.dir.path().join(format!("{sym}.c"));
            fsutil::seal(&src, 0o600)?;
            fsutil::rename(&src, &self.source_path(sym))?;
            fsutil::write_atomic(
                &self.dir.join("obj"),
                &format!("{sym}.sum"),
                sum.as_bytes(),
                0o600,
            )?;
            // a fresh name in obj/, then renamed over the final one (which
            // may hold a damaged object)
            let link = self.dir.join("obj").join(format!(
                "{}{sym}-{}.o",
                super::fsutil::TEMP_PREFIX,
                fsutil::unique_token()
            ));
            fs::hard_link(&c.object, &link)
                .or_else(|_| fs::copy(&c.object, &link).map(|_| ()))
                .map_err(io_err("link", &link))?;
            fsutil::rename(&link, &self.object_path(sym))?;
            installed.push(sym.clone());
        }
        Ok(installed)
    }
}
