//! Looking at a store without changing it: counts (`naruby cache stats`)
//! and the consistency check (`naruby cache verify`).

use super::fsutil::{self, check_path, list, Kind, TEMP_PREFIX};
use super::manifest::Manifest;
use super::{
    is_abi, is_profile_key, is_stale_scratch, is_symbol, CodeStore, Current, StoreError, SUBDIRS,
};
use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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

/// What `verify` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verification {
    /// Inconsistencies: damaged, untrusted or unexpected files.
    pub problems: Vec<String>,
    /// Remains of interrupted processes: harmless (nothing binds them) and
    /// removed by the next compile.
    pub leftovers: Vec<String>,
}

impl CodeStore {
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
                entry_bytes += fsutil::share_of(&meta);
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
                    if is_stale_scratch(&path) {
                        leftovers.push(format!("stale compile directory {}", path.display()));
                    }
                } else if sub != "lib" || name == "manifest" {
                    trusted(&path, Kind::File, problems);
                }
            }
        }
        let mut missing_headers = Vec::new();
        for (name, text) in [("naruby.h", &self.naruby_h), ("nodes.h", &self.nodes_h)] {
            let path = self.dir.join("include").join(name);
            match fs::read_to_string(&path) {
                Ok(t) if &t == text => {}
                Ok(_) => problems.push(format!("{} differs from this build's", path.display())),
                Err(e) if e.kind() == io::ErrorKind::NotFound => missing_headers.push(path),
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
        // Headers are written under the lock after the directories, so a
        // store recreated after a clear may be seen without them; that is
        // only a problem once something was compiled against them.
        if !objects.is_empty() {
            for path in missing_headers {
                problems.push(format!("header {} is missing", path.display()));
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
}
