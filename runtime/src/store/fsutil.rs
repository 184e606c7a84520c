//! File-system helpers for the store: trust checks, private directories,
//! atomic writes, the lock file, and removal that never leaves the store.

use super::StoreError;
use std::fs::{self, DirBuilder, File, Metadata, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

/// Prefix of every temporary file written next to its final name.
pub(super) const TEMP_PREFIX: &str = ".tmp-";

/// Wraps an I/O error with what was being done and to which path.
pub(super) fn io_err(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io {
        action,
        path,
        source,
    }
}

/// The effective uid of this process: the owner of a file it just created.
pub(super) fn current_uid() -> Result<u32, StoreError> {
    static UID: OnceLock<u32> = OnceLock::new();
    if let Some(uid) = UID.get() {
        return Ok(*uid);
    }
    let uid = match tempfile::tempfile().and_then(|f| f.metadata()) {
        Ok(meta) => meta.uid(),
        Err(_) => fs::metadata("/proc/self")
            .map_err(io_err("find the current user of", Path::new("/proc/self")))?
            .uid(),
    };
    Ok(*UID.get_or_init(|| uid))
}

/// What a path in the store is expected to be.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Dir,
    File,
}

/// Refuses `meta` (of `path`) unless it is a `kind` (not a symlink), owned
/// by the current user and not writable by group or others.
pub(super) fn check_meta(path: &Path, meta: &Metadata, kind: Kind) -> Result<(), StoreError> {
    let ft = meta.file_type();
    let ok_kind = match kind {
        Kind::Dir => ft.is_dir(),
        Kind::File => ft.is_file(),
    };
    if !ok_kind {
        return Err(StoreError::Unexpected {
            path: path.to_path_buf(),
            expected: if kind == Kind::Dir {
                "a directory"
            } else {
                "a regular file"
            },
        });
    }
    let uid = current_uid()?;
    if meta.uid() != uid {
        return Err(StoreError::NotOwned {
            path: path.to_path_buf(),
            owner: meta.uid(),
            uid,
        });
    }
    if meta.mode() & 0o022 != 0 {
        return Err(StoreError::Writable {
            path: path.to_path_buf(),
            mode: meta.mode() & 0o7777,
        });
    }
    Ok(())
}

/// `check_meta` on the path itself (symlinks are not followed, so refused).
/// `Ok(None)` when it does not exist.
pub(super) fn check_path(path: &Path, kind: Kind) -> Result<Option<Metadata>, StoreError> {
    match fs::symlink_metadata(path) {
        Ok(meta) => {
            check_meta(path, &meta, kind)?;
            Ok(Some(meta))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_err("inspect", path)(e)),
    }
}

/// Creates `path` (mode 0700) unless it exists, then checks it.
pub(super) fn private_dir(path: &Path) -> Result<(), StoreError> {
    match DirBuilder::new().mode(0o700).create(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(io_err("create directory", path)(e)),
    }
    check_path(path, Kind::Dir)?;
    Ok(())
}

/// Creates the store root and its missing ancestors (mode 0700) and checks
/// the root (following a symlink to it: the user may keep the cache elsewhere).
pub(super) fn private_root(root: &Path) -> Result<(), StoreError> {
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(root)
        .map_err(io_err("create directory", root))?;
    let meta = fs::metadata(root).map_err(io_err("inspect", root))?;
    check_meta(root, &meta, Kind::Dir)
}

/// A short token unique across processes, threads and calls.
pub(super) fn unique_token() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let mut h = blake3::Hasher::new();
    h.update(&std::process::id().to_le_bytes());
    h.update(&nanos.to_le_bytes());
    h.update(&COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    h.update(format!("{:?}", std::thread::current().id()).as_bytes());
    h.finalize().to_hex()[..16].to_string()
}

/// Writes `bytes` to `dir/name` atomically: a temporary file in `dir`,
/// fsync, mode `mode`, rename.
pub(super) fn write_atomic(
    dir: &Path,
    name: &str,
    bytes: &[u8],
    mode: u32,
) -> Result<(), StoreError> {
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(io_err("create a temporary file in", dir))?;
    let tpath = tmp.path().to_path_buf();
    tmp.write_all(bytes).map_err(io_err("write", &tpath))?;
    tmp.as_file().sync_all().map_err(io_err("sync", &tpath))?;
    tmp.as_file()
        .set_permissions(Permissions::from_mode(mode))
        .map_err(io_err("set permissions of", &tpath))?;
    let dest = dir.join(name);
    tmp.persist(&dest)
        .map_err(|e| io_err("rename into", &dest)(e.error))?;
    Ok(())
}

/// Creates `path` (it must not exist), mode 0600, holding `bytes`: a
/// compiler's input in a private scratch directory.
pub(super) fn write_new(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(io_err("write", path))
}

/// Makes a file we produced (e.g. compiler output) durable and private.
pub(super) fn seal(path: &Path, mode: u32) -> Result<(), StoreError> {
    let f = File::open(path).map_err(io_err("open", path))?;
    f.set_permissions(Permissions::from_mode(mode))
        .map_err(io_err("set permissions of", path))?;
    f.sync_all().map_err(io_err("sync", path))
}

/// Flushes a directory's entries (after renames into it). Best effort.
pub(super) fn sync_dir(dir: &Path) {
    if let Ok(f) = File::open(dir) {
        let _ = f.sync_all();
    }
}

/// Renames `from` onto `to` (same file system), replacing `to` atomically.
pub(super) fn rename(from: &Path, to: &Path) -> Result<(), StoreError> {
    fs::rename(from, to).map_err(io_err("rename into", to))
}

/// Removes a file; a missing file is fine.
pub(super) fn remove_file(path: &Path) -> Result<(), StoreError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_err("remove", path)(e)),
    }
}

/// Sets a file's modification time to now (the LRU stamp). Best effort:
/// the file may have been evicted by another process meanwhile.
pub(super) fn touch(path: &Path) {
    if let Ok(f) = File::open(path) {
        let _ = f.set_modified(SystemTime::now());
    }
}

/// A held lock on an ABI directory's lock file; released when dropped.
pub(super) struct LockGuard {
    _file: File,
}

/// Opens (creating, mode 0600) and locks `path`: exclusive for writers,
/// shared for readers. Blocks until the lock is granted.
///
/// `clear` removes a whole ABI directory, lock file included, while holding
/// the lock; a process that was waiting then holds a lock on a file no
/// longer in the store, while a newcomer creates and locks a fresh one.
/// So after locking, the file must still be the one at `path`; if not, the
/// lock is dropped and taken again.
pub(super) fn lock(path: &Path, exclusive: bool) -> Result<LockGuard, StoreError> {
    loop {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(path)
            .map_err(io_err("open the lock file", path))?;
        let meta = file.metadata().map_err(io_err("inspect", path))?;
        check_meta(path, &meta, Kind::File)?;
        if exclusive {
            file.lock().map_err(io_err("lock", path))?;
        } else {
            file.lock_shared().map_err(io_err("lock", path))?;
        }
        let still_there = fs::symlink_metadata(path)
            .is_ok_and(|now| now.dev() == meta.dev() && now.ino() == meta.ino());
        if still_there {
            return Ok(LockGuard { _file: file });
        }
    }
}

/// Every entry of `dir`, as (name, path); a missing directory is empty.
pub(super) fn list(dir: &Path) -> Result<Vec<(String, PathBuf)>, StoreError> {
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err("read directory", dir)(e)),
    };
    let mut out = Vec::new();
    for ent in rd {
        let ent = ent.map_err(io_err("read directory", dir))?;
        out.push((ent.file_name().to_string_lossy().into_owned(), ent.path()));
    }
    out.sort();
    Ok(out)
}

/// Removes `path` without following symlinks: a symlink is removed itself,
/// a directory recursively (`remove_dir_all` does not follow links inside).
pub(super) fn remove_any(path: &Path) -> Result<(), StoreError> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_err("inspect", path)(e)),
    };
    let res = if meta.file_type().is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    };
    match res {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_err("remove", path)(e)),
    }
}

/// Total size of the regular files under `path`, not following symlinks.
pub(super) fn tree_bytes(path: &Path) -> u64 {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return 0;
    };
    if meta.file_type().is_file() {
        return share_of(&meta);
    }
    if !meta.file_type().is_dir() {
        return 0;
    }
    let Ok(rd) = fs::read_dir(path) else { return 0 };
    rd.flatten().map(|e| tree_bytes(&e.path())).sum()
}

/// A file's share of its bytes: a file under several names (a bundle's
/// object, a batch's library) counts once over all of them.
pub(super) fn share_of(meta: &fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.len() / meta.nlink().max(1)
}
