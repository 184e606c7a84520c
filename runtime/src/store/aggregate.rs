//! The aggregate: every valid stored object linked into one shared
//! object under a fresh name, and the size limit kept by evicting least
//! recently used entries (both under the exclusive lock).

use super::fsutil::{self, io_err, list, TEMP_PREFIX};
use super::manifest::{self, Manifest};
use super::{is_stale_scratch, is_symbol, CodeStore, StoreError, LINK_FLAGS, LINK_LIBS};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;
use std::time::SystemTime;

impl CodeStore {
    /// Evicts least recently used entries, never those in `protect`, until
    /// this ABI's entries fit `max_bytes` (lock held).
    pub(super) fn evict(&self, protect: &HashSet<&str>) -> Result<Vec<String>, StoreError> {
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
                // a bundle's object counts once over its members' names
                let bytes = fsutil::share_of(&meta);
                total += bytes;
                let stamp = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                let item = items
                    .entry(sym.to_string())
                    .or_insert((0, SystemTime::UNIX_EPOCH));
                item.0 += bytes;
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
    pub(super) fn remove_entry(&self, sym: &str) -> Result<(), StoreError> {
        fsutil::remove_file(&self.object_path(sym))?;
        fsutil::remove_file(&self.sum_path(sym))?;
        fsutil::remove_file(&self.source_path(sym))
    }

    /// Links every valid stored object into a new aggregate under a fresh
    /// name, writes the manifest and removes older aggregates (lock held).
    /// Invalid objects are dropped (their sources stay). `None` when no
    /// object is stored.
    pub(super) fn aggregate(
        &self,
        old_generation: Option<u64>,
    ) -> Result<Option<Manifest>, StoreError> {
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
            if is_stale_scratch(&path) {
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
        // a bundle's object once, under the first of its names
        let mut files = HashSet::new();
        let objects: Vec<_> = symbols
            .iter()
            .map(|s| Path::new("obj").join(format!("{s}.o")))
            .filter(|rel| {
                use std::os::unix::fs::MetadataExt;
                fs::metadata(self.dir.join(rel)).map_or(true, |m| files.insert((m.dev(), m.ino())))
            })
            .collect();
        let mut cmd = self.link_command(&tmp_rel, &objects, None);
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
