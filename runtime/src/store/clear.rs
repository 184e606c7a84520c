//! Emptying a store (`naruby cache clear`) while other processes may be
//! using it.

use super::fsutil::{self, check_path, io_err, list, Kind, TEMP_PREFIX};
use super::{CodeStore, StoreError, MARKER};
use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::Duration;

impl CodeStore {
    /// Removes everything under the store root (all ABIs), keeping the root
    /// and its marker, without following symlinks out of the store.
    pub fn clear(&self) -> Result<(), StoreError> {
        clear_store(&self.config.dir)
    }
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
