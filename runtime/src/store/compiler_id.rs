//! Which C compiler a command runs, remembered in the store root so that a
//! warm start does not spawn `cc --version` (a millisecond or two, about
//! a third of a one-line program's start-up).
//!
//! The memo is keyed by the command and stamped with the identity of every
//! file its words resolve to (canonical path, device, inode, size, mtime,
//! ctime), like a compiler cache's compiler check: upgrading or
//! re-pointing the compiler changes the stamp, and the next start asks the
//! compiler again.

use super::fsutil::{self, check_path, Kind};
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Prefix of memo files in the store root.
const MEMO_PREFIX: &str = "compiler-";

/// The first line of `CC --version` for the command `cc` (which may carry
/// leading words, as in `ccache cc`), from the memo under `root` when its
/// stamp still matches. A command that does not run gives
/// `unavailable:<cc>`, which is never memoized.
pub fn compiler_identity(root: &Path, cc: &str) -> String {
    let Some(stamp) = stamp(cc) else {
        return ask_compiler(cc);
    };
    let memo = root.join(memo_name(cc));
    if let Some(identity) = read_memo(&memo, &stamp) {
        return identity;
    }
    let identity = ask_compiler(cc);
    if !identity.starts_with(UNAVAILABLE) {
        write_memo(root, &memo_name(cc), &stamp, &identity);
    }
    identity
}

/// Memoizes `identity` (what [`compiler_identity`] gave for `cc`) under
/// `root`: for a root that did not exist when it was asked, so that the
/// next start (the JIT daemon, often) does not ask again.
pub fn remember_identity(root: &Path, cc: &str, identity: &str) {
    if let Some(stamp) = stamp(cc).filter(|_| !identity.starts_with(UNAVAILABLE)) {
        write_memo(root, &memo_name(cc), &stamp, identity);
    }
}

const UNAVAILABLE: &str = "unavailable:";

/// Appended to the identity of GCC itself (its `--version` names the Free
/// Software Foundation, as no other compiler's does): it takes GCC's own
/// options ([`crate::cc_options::GCC_FLAGS`]).
const GCC_MARK: &str = " [gcc]";

/// Whether an identity (of [`compiler_identity`] or [`ask_compiler`]) is
/// GCC's.
pub fn is_gcc(identity: &str) -> bool {
    identity.ends_with(GCC_MARK)
}

/// Runs `cc --version` and keeps its first line, marked when the compiler
/// is GCC.
pub fn ask_compiler(cc: &str) -> String {
    let mut words = cc.split_whitespace();
    std::process::Command::new(words.next().unwrap_or("cc"))
        .args(words)
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| {
            let text = String::from_utf8_lossy(&o.stdout);
            let first = text.lines().next().unwrap_or("");
            if text.contains("Free Software Foundation") {
                format!("{first}{GCC_MARK}")
            } else {
                first.to_string()
            }
        })
        .unwrap_or_else(|| format!("{UNAVAILABLE}{cc}"))
}

/// The memo of a command. Its name also covers the memo's format: an
/// identity remembered before GCC was marked is never read.
fn memo_name(cc: &str) -> String {
    let key = format!("2\0{cc}");
    format!(
        "{MEMO_PREFIX}{}",
        &blake3::hash(key.as_bytes()).to_hex()[..16]
    )
}

/// One line per word of the command: the word, and for a word that names
/// an executable file (directly or on `PATH`) that file's identity. `None`
/// when the command's program itself cannot be found: nothing to stamp.
fn stamp(cc: &str) -> Option<String> {
    let mut lines = Vec::new();
    for (i, word) in cc.split_whitespace().enumerate() {
        match resolve(word) {
            Some(path) => {
                let meta = fs::metadata(&path).ok()?;
                lines.push(format!(
                    "{word} {} {} {} {} {}.{} {}.{}",
                    path.display(),
                    meta.dev(),
                    meta.ino(),
                    meta.size(),
                    meta.mtime(),
                    meta.mtime_nsec(),
                    meta.ctime(),
                    meta.ctime_nsec()
                ));
            }
            None if i == 0 => return None,
            None => lines.push(word.to_string()),
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The canonical path of the executable `word` names: a path when it
/// contains a slash, else the first match on `PATH` (as the shell finds
/// it). Options (`-m32`) and other arguments resolve to nothing.
fn resolve(word: &str) -> Option<PathBuf> {
    if word.starts_with('-') {
        return None;
    }
    let executable = |p: &Path| {
        fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    };
    let found = if word.contains('/') {
        Some(PathBuf::from(word)).filter(|p| executable(p))
    } else {
        std::env::var_os("PATH").and_then(|path| {
            std::env::split_paths(&path)
                .filter(|dir| !dir.as_os_str().is_empty())
                .map(|dir| dir.join(word))
                .find(|p| executable(p))
        })
    }?;
    fs::canonicalize(found).ok()
}

/// The memo's identity if the file is the store's (trusted) and its stamp
/// is `stamp`.
fn read_memo(memo: &Path, stamp: &str) -> Option<String> {
    check_path(memo, Kind::File).ok()??;
    let text = fs::read_to_string(memo).ok()?;
    let (stored, identity) = text.rsplit_once('\n')?;
    (stored == stamp).then(|| identity.to_string())
}

/// Best effort: only into an existing, trusted store root.
fn write_memo(root: &Path, name: &str, stamp: &str, identity: &str) {
    if !matches!(check_path(root, Kind::Dir), Ok(Some(_))) {
        return;
    }
    if check_path(&root.join(super::MARKER), Kind::File).is_ok_and(|m| m.is_some()) {
        let _ = fsutil::write_atomic(root, name, format!("{stamp}\n{identity}").as_bytes(), 0o600);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compiler_command_with_leading_words_is_identified() {
        let plain = ask_compiler("cc");
        assert!(!plain.is_empty() && !plain.starts_with(UNAVAILABLE));
        assert_eq!(ask_compiler("env cc"), plain);
        assert!(ask_compiler("/nonexistent/cc").starts_with(UNAVAILABLE));
        assert!(ask_compiler("false").starts_with(UNAVAILABLE));
    }

    #[test]
    fn gcc_is_told_from_other_compilers_by_its_version_text() {
        let dir = tempfile::tempdir().unwrap();
        let fake = |name: &str, text: &str| {
            let bin = dir.path().join(name);
            fs::write(&bin, format!("#!/bin/sh\nprintf '{text}'\n")).unwrap();
            fs::set_permissions(&bin, fs::Permissions::from_mode(0o700)).unwrap();
            ask_compiler(&bin.display().to_string())
        };
        let gcc = fake(
            "gcc",
            "gcc (Debian 12.2.0-14) 12.2.0\\nCopyright (C) 2022 Free Software Foundation, Inc.\\n",
        );
        assert_eq!(gcc, "gcc (Debian 12.2.0-14) 12.2.0 [gcc]");
        assert!(is_gcc(&gcc));
        let clang = fake(
            "clang",
            "Debian clang version 14.0.6\\nTarget: x86_64-pc-linux-gnu\\n",
        );
        assert_eq!(clang, "Debian clang version 14.0.6");
        assert!(!is_gcc(&clang));
        assert!(!is_gcc(&ask_compiler("/nonexistent/cc")));
    }

    #[test]
    fn the_stamp_names_every_resolved_file_and_keeps_other_words() {
        let s = stamp("env -i cc").expect("env is on PATH");
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("env /"), "{s}");
        assert_eq!(lines[1], "-i");
        assert!(lines[2].starts_with("cc /"), "{s}");
        assert!(stamp("/nonexistent/cc").is_none());
    }

    /// A store root with its marker, as `CodeStore::open` makes it.
    fn store_root() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
        let marker = dir.path().join(super::super::MARKER);
        fs::write(&marker, "").unwrap();
        fs::set_permissions(&marker, fs::Permissions::from_mode(0o600)).unwrap();
        dir
    }

    #[test]
    fn the_identity_is_memoized_and_asked_again_when_the_compiler_changes() {
        let root = store_root();
        // A compiler of our own, so the test can change it.
        let bin = root.path().join("fakecc");
        let script = |version: &str| format!("#!/bin/sh\necho 'fakecc {version}'\n");
        fs::write(&bin, script("1")).unwrap();
        fs::set_permissions(&bin, fs::Permissions::from_mode(0o700)).unwrap();
        let cc = bin.display().to_string();

        assert_eq!(compiler_identity(root.path(), &cc), "fakecc 1");
        let memo = root.path().join(memo_name(&cc));
        assert!(memo.is_file(), "memo written");
        // The memo answers while the stamp holds: prove it by editing the
        // remembered identity.
        let text = fs::read_to_string(&memo).unwrap();
        let edited = text.replace("fakecc 1", "remembered");
        fs::write(&memo, edited).unwrap();
        assert_eq!(compiler_identity(root.path(), &cc), "remembered");

        // Replacing the compiler (new inode, size, times) asks it again.
        let fresh = root.path().join("fakecc.new");
        fs::write(&fresh, script("22")).unwrap();
        fs::set_permissions(&fresh, fs::Permissions::from_mode(0o700)).unwrap();
        fs::rename(&fresh, &bin).unwrap();
        assert_eq!(compiler_identity(root.path(), &cc), "fakecc 22");
    }

    #[test]
    fn an_identity_asked_before_the_store_existed_is_remembered_after() {
        let parent = tempfile::tempdir().unwrap();
        let root = parent.path().join("store");
        let id = compiler_identity(&root, "cc");
        assert!(!root.exists(), "asking makes no store");
        fs::create_dir(&root).unwrap();
        fs::set_permissions(&root, fs::Permissions::from_mode(0o700)).unwrap();
        let marker = root.join(super::super::MARKER);
        fs::write(&marker, "").unwrap();
        fs::set_permissions(&marker, fs::Permissions::from_mode(0o600)).unwrap();
        remember_identity(&root, "cc", "remembered");
        assert_eq!(compiler_identity(&root, "cc"), "remembered");
        // an unavailable compiler is never remembered
        remember_identity(&root, "/nonexistent/cc", &ask_compiler("/nonexistent/cc"));
        assert!(!root.join(memo_name("/nonexistent/cc")).exists());
        assert!(!id.is_empty());
    }

    #[test]
    fn no_memo_outside_a_store_or_for_a_missing_compiler() {
        let root = tempfile::tempdir().unwrap();
        let id = compiler_identity(root.path(), "cc");
        assert!(!id.starts_with(UNAVAILABLE));
        assert_eq!(
            fs::read_dir(root.path()).unwrap().count(),
            0,
            "no marker: not a store"
        );

        let store = store_root();
        let missing = compiler_identity(store.path(), "/nonexistent/cc");
        assert!(missing.starts_with(UNAVAILABLE));
        let broken = store.path().join("broken");
        fs::write(&broken, "#!/bin/sh\nexit 1\n").unwrap();
        fs::set_permissions(&broken, fs::Permissions::from_mode(0o700)).unwrap();
        let failed = compiler_identity(store.path(), &broken.display().to_string());
        assert!(failed.starts_with(UNAVAILABLE));
        let memos = fs::read_dir(store.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(MEMO_PREFIX)
            })
            .count();
        assert_eq!(memos, 0, "failures are never remembered");
    }
}
