//! The code store seen through the binary: real processes sharing one store,
//! damaged shared objects and stores written under another ABI fingerprint.
//! (The store's own unit tests cover the same ground with threads and direct
//! calls; these prove the CLI never crashes and never binds foreign code.)

mod common;
use common::{assert_ran, naruby, run, stderr};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

/// A program whose top level and each function body become store entries.
/// `k` makes the programs (and so their hashes) differ.
fn program(k: u32) -> (String, String) {
    let src = format!(
        "def step{k}(n)\n  if n % 2 == 0\n    n / 2\n  else\n    3 * n + 1\n  end\nend\n\
         def steps{k}(n)\n  c = 0\n  while n != 1\n    n = step{k}(n)\n    c += 1\n  end\n  c\nend\n\
         t = 0\ni = 1\nwhile i < 300\n  t += steps{k}(i) + {k}\n  i += 1\nend\np t\n"
    );
    let steps = |mut n: u64| {
        let mut c = 0;
        while n != 1 {
            n = if n.is_multiple_of(2) {
                n / 2
            } else {
                3 * n + 1
            };
            c += 1;
        }
        c
    };
    let total: u64 = (1..300).map(|i| steps(i) + u64::from(k)).sum();
    (src, format!("{total}\n"))
}

fn write_program(dir: &Path, k: u32) -> (PathBuf, String) {
    let (src, expected) = program(k);
    let path = dir.join(format!("prog{k}.rb"));
    fs::write(&path, src).unwrap();
    (path, expected)
}

/// The single ABI directory the store holds.
fn abi_dir(store: &Path) -> PathBuf {
    let dirs: Vec<PathBuf> = fs::read_dir(store)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(dirs.len(), 1, "one ABI directory: {dirs:?}");
    dirs.into_iter().next().unwrap()
}

fn shared_objects(store: &Path) -> Vec<PathBuf> {
    let lib = abi_dir(store).join("lib");
    let mut found: Vec<PathBuf> = fs::read_dir(lib)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "so"))
        .collect();
    found.sort();
    found
}

fn verify(store: &Path) {
    let out = naruby()
        .args(["cache", "verify", "--code-store"])
        .arg(store)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "verify: {}{}",
        String::from_utf8_lossy(&out.stdout),
        stderr(&out)
    );
}

/// Every entry bound and run specialized, everything found in the store.
fn assert_all_bound_from_store(out: &Output) {
    let err = stderr(out);
    assert!(err.contains("ran interpreted: 0 entries"), "{err}");
    assert!(err.contains("misses 0, compiled 0"), "{err}");
}

#[test]
fn eight_processes_compile_into_one_store_at_once() {
    let work = tempfile::tempdir().unwrap();
    let store = work.path().join("store");
    // Four processes race on the same program, four on programs of their own.
    let programs: Vec<(PathBuf, String)> = (0..5).map(|k| write_program(work.path(), k)).collect();
    let jobs: Vec<usize> = vec![0, 0, 0, 0, 1, 2, 3, 4];
    let children: Vec<_> = jobs
        .iter()
        .map(|&j| {
            let child = naruby()
                .arg("--code-store")
                .arg(&store)
                .args(["--compile", "--stats"])
                .arg(&programs[j].0)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            (j, child)
        })
        .collect();
    for (j, child) in children {
        let out = child.wait_with_output().unwrap();
        assert_ran(&out, &programs[j].1);
        assert!(
            stderr(&out).contains("ran interpreted: 0 entries"),
            "{}",
            stderr(&out)
        );
    }
    verify(&store);
    // Afterwards each program binds all of its code from the store.
    for (path, expected) in &programs {
        let out = run(&store, &["--stats"], path);
        assert_ran(&out, expected);
        assert_all_bound_from_store(&out);
    }
}

#[test]
fn a_damaged_shared_object_is_refused_and_rebuilt() {
    let work = tempfile::tempdir().unwrap();
    let store = work.path().join("store");
    let (path, expected) = write_program(work.path(), 7);
    assert_ran(&run(&store, &["--compile"], &path), &expected);

    type Damage = fn(&Path);
    let damages: [(&str, Damage); 3] = [
        ("truncated", |so| {
            let bytes = fs::read(so).unwrap();
            fs::write(so, &bytes[..bytes.len() / 3]).unwrap();
        }),
        ("same size, garbage", |so| {
            let len = fs::metadata(so).unwrap().len() as usize;
            fs::write(so, vec![0x5a; len]).unwrap();
        }),
        ("empty", |so| fs::write(so, b"").unwrap()),
    ];
    for (what, damage) in damages {
        for so in shared_objects(&store) {
            damage(&so);
        }
        // A default run must not load it: it runs right, interpreted.
        let out = run(&store, &["--stats"], &path);
        assert_ran(&out, &expected);
        assert!(
            stderr(&out).contains("ran specialized: 0 entries"),
            "{what}: {}",
            stderr(&out)
        );
        // --compile repairs the store, and the next run binds everything again.
        let out = run(&store, &["--compile", "--stats"], &path);
        assert_ran(&out, &expected);
        assert!(
            stderr(&out).contains("ran interpreted: 0 entries"),
            "{what}: {}",
            stderr(&out)
        );
        verify(&store);
        let out = run(&store, &["--stats"], &path);
        assert_ran(&out, &expected);
        assert_all_bound_from_store(&out);
    }
}

#[test]
fn a_damaged_object_file_is_recompiled() {
    let work = tempfile::tempdir().unwrap();
    let store = work.path().join("store");
    let (path, expected) = write_program(work.path(), 8);
    assert_ran(&run(&store, &["--compile"], &path), &expected);
    let obj = abi_dir(&store).join("obj");
    for entry in fs::read_dir(&obj).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|x| x == "o") {
            fs::write(&p, b"not an object").unwrap();
        }
    }
    // Drop the aggregate so the objects must be linked again.
    for so in shared_objects(&store) {
        fs::remove_file(so).unwrap();
    }
    let out = run(&store, &["--compile", "--stats"], &path);
    assert_ran(&out, &expected);
    let err = stderr(&out);
    assert!(err.contains("ran interpreted: 0 entries"), "{err}");
    assert!(
        !err.contains("compiled 0"),
        "damaged objects are compiled again: {err}"
    );
    verify(&store);
}

#[test]
fn code_stored_under_another_abi_is_never_bound() {
    let work = tempfile::tempdir().unwrap();
    let store = work.path().join("store");
    let (path, expected) = write_program(work.path(), 9);
    assert_ran(&run(&store, &["--compile"], &path), &expected);
    // Pretend the store was written by another build: same contents, other
    // fingerprint directory.
    let ours = abi_dir(&store);
    let foreign = store.join("0123456789abcdef0123456789abcdef");
    fs::rename(&ours, &foreign).unwrap();

    let out = run(&store, &["--stats"], &path);
    assert_ran(&out, &expected);
    let err = stderr(&out);
    assert!(err.contains("ran specialized: 0 entries"), "{err}");
    assert!(err.contains("hits 0"), "{err}");

    // Compiling builds our own directory next to the foreign one, untouched.
    let out = run(&store, &["--compile", "--stats"], &path);
    assert_ran(&out, &expected);
    assert!(stderr(&out).contains("hits 0"), "{}", stderr(&out));
    assert!(foreign.join("lib").is_dir());
    assert!(ours.join("lib").is_dir());
}

/// Runs naruby under a file size limit of `blocks` 512-byte blocks, as on a
/// nearly full disk: writes beyond it fail (SIGXFSZ is ignored, so they fail
/// with EFBIG instead of killing the writer; the compiler inherits both).
fn run_with_file_limit(blocks: u32, store: &Path, args: &[&str], file: &Path) -> Output {
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$@\""))
        .arg("sh")
        .arg(assert_cmd::cargo::cargo_bin("naruby"))
        .arg("--code-store")
        .arg(store)
        .args(args)
        .arg(file);
    cmd.output().unwrap()
}

#[test]
fn a_full_disk_during_compiles_leaves_nothing_that_can_be_bound() {
    let work = tempfile::tempdir().unwrap();
    let store = work.path().join("store");
    // another program first, so the store's large headers are in place
    let (other, other_expected) = write_program(work.path(), 12);
    assert_ran(&run(&store, &["--compile"], &other), &other_expected);
    let (path, expected) = write_program(work.path(), 11);
    // too small for an entry's source, then for the aggregate: the program
    // runs right, the store stays consistent and keeps serving the other
    for blocks in [2, 8, 24] {
        let out = run_with_file_limit(blocks, &store, &["--compile"], &path);
        assert_ran(&out, &expected);
        assert!(
            stderr(&out).contains("File too large"),
            "{blocks} blocks: {}",
            stderr(&out)
        );
        verify(&store);
        assert_ran(&run(&store, &[], &path), &expected);
        let out = run(&store, &["--stats"], &other);
        assert_ran(&out, &other_expected);
        assert_all_bound_from_store(&out);
    }
    // with room again, one --compile stores and binds everything
    let out = run(&store, &["--compile"], &path);
    assert_ran(&out, &expected);
    verify(&store);
    for (p, e) in [(&path, &expected), (&other, &other_expected)] {
        let out = run(&store, &["--stats"], p);
        assert_ran(&out, e);
        assert_all_bound_from_store(&out);
    }
}

/// A C compiler that records its arguments in `log` and runs `cc`;
/// `version` replaces what it says to `--version` (else cc's own).
fn logging_compiler(dir: &Path, name: &str, log: &Path, version: Option<&str>) -> PathBuf {
    let path = dir.join(name);
    let answer = match version {
        Some(text) => format!("[ \"$1\" = --version ] && {{ echo '{text}'; exit 0; }}\n"),
        None => String::new(),
    };
    fs::write(
        &path,
        format!(
            "#!/bin/sh\n{answer}echo \"$*\" >> '{}'\nexec cc \"$@\"\n",
            log.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    path
}

/// GCC gets SRA switched off on its command line (so the header leaves its
/// costly pragma out), in the store and for `--aot`; a compiler that is not
/// GCC gets no GCC options, and the header's fallback serves.
#[test]
fn gcc_gets_its_own_options_and_other_compilers_none() {
    let work = tempfile::tempdir().unwrap();
    let (path, expected) = write_program(work.path(), 21);
    for (name, version, gcc) in [
        ("gcc-like", None, true),
        ("other-cc", Some("othercc version 1.0"), false),
    ] {
        let log = work.path().join(format!("{name}.log"));
        let cc = logging_compiler(work.path(), name, &log, version);
        let store = work.path().join(format!("store-{name}"));
        let out = naruby()
            .env("CC", &cc)
            .arg("--code-store")
            .arg(&store)
            .arg("--compile")
            .arg(&path)
            .output()
            .unwrap();
        assert_ran(&out, &expected);
        let exe = work.path().join(format!("aot-{name}"));
        let out = naruby()
            .arg("--aot")
            .arg("--cc")
            .arg(&cc)
            .arg("-o")
            .arg(&exe)
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let ran = std::process::Command::new(&exe).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&ran.stdout), expected);
        let compiles: Vec<String> = fs::read_to_string(&log)
            .unwrap()
            .lines()
            .filter(|l| l.contains(" -c ") || l.contains("-std=gnu11"))
            .map(String::from)
            .collect();
        assert!(compiles.len() >= 2, "{name}: {compiles:?}");
        for c in &compiles {
            let has = c.contains("-fno-tree-sra") && c.contains("-DNR_SRA_OFF");
            assert_eq!(has, gcc, "{name}: {c}");
            // a small program's units may grow by inlining (GCC only)
            let generous = c.contains("--param=inline-unit-growth=");
            assert_eq!(generous, gcc, "{name}: {c}");
        }
        // the store's links of its own objects skip GCC's LTO plugin
        let links: Vec<String> = fs::read_to_string(&log)
            .unwrap()
            .lines()
            .filter(|l| l.contains(" -shared ") && !l.contains(" -c "))
            .map(String::from)
            .collect();
        assert!(!links.is_empty(), "{name}: no link logged");
        for l in &links {
            assert_eq!(l.contains("-fno-use-linker-plugin"), gcc, "{name}: {l}");
        }
    }
}
