//! Store tests: real `cc`, tempfile directories as store roots, a minimal
//! fake `naruby.h`/`nodes.h` pair.

use super::*;
use std::ffi::{c_void, OsString};
use std::os::unix::fs::PermissionsExt;

const NARUBY_H: &str = "typedef long VALUE; typedef struct NODE NODE; \
    typedef struct RESULT { VALUE value; unsigned long state; } RESULT;\n";
const NODES_H: &str = "#include \"naruby.h\"\n";
const ABI: &str = "0123456789abcdef";

fn headers() -> Headers<'static> {
    Headers {
        naruby_h: NARUBY_H,
        nodes_h: NODES_H,
    }
}

fn sym(name: &str) -> String {
    format!("SD_{}", &blake3::hash(name.as_bytes()).to_hex()[..32])
}

fn entry(name: &str, value: i64) -> Entry {
    let symbol = sym(name);
    let source = format!(
        "#include \"nodes.h\"\n\
         RESULT {symbol}(NODE *n, VALUE *fp) {{ (void)n; (void)fp; return (RESULT){{{value}, 0}}; }}\n"
    );
    Entry {
        symbol,
        source,
        alone: false,
    }
}

/// An entry whose C does not compile (it names an undeclared variable).
fn broken_entry(name: &str) -> Entry {
    let symbol = sym(name);
    let source = format!(
        "#include \"nodes.h\"\nRESULT {symbol}(NODE *n, VALUE *fp) {{ return not_declared; }}\n"
    );
    Entry {
        symbol,
        source,
        alone: false,
    }
}

fn config(root: &Path) -> StoreConfig {
    StoreConfig {
        dir: root.to_path_buf(),
        max_bytes: DEFAULT_MAX_BYTES,
        cc: "cc".to_string(),
        cflags: vec!["-O1".to_string()],
        options: Default::default(),
        jobs: 2,
    }
}

fn open_at(root: &Path, abi: &str) -> CodeStore {
    CodeStore::open(config(root), abi, headers()).expect("open store")
}

/// A fresh temporary directory and the (not yet existing) store root in it.
fn scratch() -> (tempfile::TempDir, PathBuf) {
    let td = tempfile::tempdir().expect("tempdir");
    let root = td.path().join("store");
    (td, root)
}

#[repr(C)]
struct CResult {
    value: i64,
    state: u64,
}

type EntryFn = extern "C" fn(*mut c_void, *mut i64) -> CResult;

/// Calls the entry at `addr` and returns its value.
fn call(addr: usize) -> i64 {
    assert_ne!(addr, 0);
    // SAFETY: `addr` comes from dlsym on an aggregate built from the entries
    // above, each defined as `RESULT f(NODE *, VALUE *)` with RESULT laid out
    // as `CResult`; the entries ignore both arguments, and the library is
    // never unloaded.
    let f = unsafe { std::mem::transmute::<usize, EntryFn>(addr) };
    let r = f(std::ptr::null_mut(), std::ptr::null_mut());
    assert_eq!(r.state, 0);
    r.value
}

fn manifest_of(store: &CodeStore) -> Manifest {
    let text = fs::read_to_string(store.manifest_path()).expect("manifest");
    Manifest::parse(&text).expect("parse manifest")
}

fn mode_of(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn tmp_is_empty(store: &CodeStore) -> bool {
    list(&store.abi_path().join("tmp")).unwrap().is_empty()
}

#[test]
fn locate_precedence() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            pairs
                .iter()
                .find(|(name, _)| *name == k)
                .map(|(_, v)| OsString::from(*v))
        }
    };
    let all: &[(&str, &str)] = &[
        ("NARUBY_CODE_STORE", "/s"),
        ("XDG_CACHE_HOME", "/x"),
        ("HOME", "/h"),
    ];
    let explicit = Some(PathBuf::from("/e"));
    assert_eq!(
        StoreConfig::locate_from(explicit, env(all)).unwrap(),
        PathBuf::from("/e")
    );
    assert_eq!(
        StoreConfig::locate_from(None, env(all)).unwrap(),
        PathBuf::from("/s")
    );
    let no_store: &[(&str, &str)] = &[
        ("NARUBY_CODE_STORE", ""),
        ("XDG_CACHE_HOME", "/x"),
        ("HOME", "/h"),
    ];
    assert_eq!(
        StoreConfig::locate_from(None, env(no_store)).unwrap(),
        PathBuf::from("/x/naruby")
    );
    let relative_xdg: &[(&str, &str)] = &[("XDG_CACHE_HOME", "rel"), ("HOME", "/h")];
    assert_eq!(
        StoreConfig::locate_from(None, env(relative_xdg)).unwrap(),
        PathBuf::from("/h/.cache/naruby")
    );
    let home: &[(&str, &str)] = &[("HOME", "/h")];
    assert_eq!(
        StoreConfig::locate_from(None, env(home)).unwrap(),
        PathBuf::from("/h/.cache/naruby")
    );
    let none: &[(&str, &str)] = &[("HOME", "")];
    assert!(matches!(
        StoreConfig::locate_from(None, env(none)),
        Err(StoreError::NoLocation)
    ));
}

#[test]
fn config_defaults_and_env() {
    let c = StoreConfig::new_from(PathBuf::from("/s"), |_| None).unwrap();
    assert_eq!(c.cc, "cc");
    assert_eq!(c.cflags.join(" "), crate::DEFAULT_CFLAGS);
    assert_eq!(c.max_bytes, 256 * 1024 * 1024);
    assert!(c.jobs >= 1);
    let c = StoreConfig::new_from(PathBuf::from("/s"), |k| match k {
        "CC" => Some("clang".into()),
        "CFLAGS" => Some("-O3  -march=native".into()),
        "NARUBY_CODE_STORE_LIMIT" => Some("64K".into()),
        _ => None,
    })
    .unwrap();
    assert_eq!(c.max_bytes, 64 * 1024);
    assert_eq!(c.cc, "clang");
    assert_eq!(
        c.cflags,
        vec!["-O3".to_string(), "-march=native".to_string()]
    );
}

#[test]
fn size_limits_parse_and_malformed_ones_are_errors() {
    for (text, bytes) in [
        ("0", 0),
        ("4096", 4096),
        ("12K", 12 << 10),
        ("3 MiB", 3 << 20),
        ("2g", 2 << 30),
    ] {
        assert_eq!(super::parse_size(text), Some(bytes), "{text}");
    }
    for text in ["", "K", "-1", "1.5M", "12 parsecs", "99999999999999999999G"] {
        assert_eq!(super::parse_size(text), None, "{text}");
    }
    let err = StoreConfig::new_from(PathBuf::from("/s"), |k| {
        (k == "NARUBY_CODE_STORE_LIMIT").then(|| "lots".into())
    })
    .unwrap_err();
    assert!(err.to_string().contains("NARUBY_CODE_STORE_LIMIT"), "{err}");
}

#[test]
fn manifest_round_trip_and_names() {
    let m = Manifest {
        generation: 3,
        library: "agg-3-00ff.so".into(),
        size: 10,
        blake3: "a".repeat(64),
        symbols: vec![sym("x"), sym("y")],
    };
    assert_eq!(Manifest::parse(&m.render()), Some(m.clone()));
    assert_eq!(Manifest::parse(&m.render()[..20]), None);
    assert_eq!(Manifest::parse("garbage\n"), None);
    let evil = m.render().replace("agg-3-00ff.so", "../../x.so");
    assert_eq!(Manifest::parse(&evil), None);
    assert!(manifest::is_library_name("agg-12-abc.so"));
    assert!(!manifest::is_library_name("agg-12-abc.so.1"));
    assert_eq!(manifest::library_generation("agg-12-abc.so"), Some(12));
    assert!(is_symbol(&sym("q")));
    assert!(!is_symbol("SD_../../etc/passwd0000000000000000"));
}

#[test]
fn compile_and_load_binds_real_code_and_lays_out_the_store() {
    let (_td, root) = scratch();
    let mut store = open_at(&root, ABI);
    let (a, b) = (entry("a", 42), entry("b", 7));
    let report = store.compile_and_load(&[a.clone(), b.clone()]).unwrap();
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    assert_eq!((report.compiled, report.already_stored), (2, 0));
    assert_eq!(report.problem, None);
    assert_eq!(call(report.addresses[&a.symbol]), 42);
    assert_eq!(call(report.addresses[&b.symbol]), 7);

    let dir = store.abi_path().to_path_buf();
    assert_eq!(dir, root.join(ABI));
    assert_eq!(
        fs::read_to_string(dir.join("include/naruby.h")).unwrap(),
        NARUBY_H
    );
    assert_eq!(
        fs::read_to_string(dir.join("include/nodes.h")).unwrap(),
        NODES_H
    );
    assert_eq!(
        fs::read_to_string(dir.join(format!("src/{}.c", a.symbol))).unwrap(),
        a.source
    );
    assert!(dir.join(format!("obj/{}.o", a.symbol)).is_file());
    assert!(dir.join(format!("obj/{}.sum", b.symbol)).is_file());
    let m = manifest_of(&store);
    assert_eq!(m.generation, 1);
    let mut syms = m.symbols.clone();
    syms.sort();
    let mut want = vec![a.symbol.clone(), b.symbol.clone()];
    want.sort();
    assert_eq!(syms, want);
    assert!(dir.join("lib").join(&m.library).is_file());
    for d in [
        root.clone(),
        dir.clone(),
        dir.join("obj"),
        dir.join("lib"),
        dir.join("tmp"),
    ] {
        assert_eq!(mode_of(&d), 0o700, "{}", d.display());
    }
    assert_eq!(mode_of(&dir.join(format!("obj/{}.o", a.symbol))), 0o600);
    assert!(tmp_is_empty(&store));
    assert_eq!(store.verify().unwrap(), Verification::default());
    let stats = store.stats().unwrap();
    assert_eq!((stats.entries, stats.objects, stats.abi_dirs), (2, 2, 1));
    assert_eq!(stats.aggregate.map(|a| a.1), Some(2));
    assert!(stats.entry_bytes > 0 && stats.store_bytes > stats.entry_bytes);
    assert!(stats.to_string().contains("2 entries"));
}

#[test]
fn second_compile_is_incremental() {
    let (_td, root) = scratch();
    let mut store = open_at(&root, ABI);
    let (a, b, c) = (entry("a", 1), entry("b", 2), entry("c", 3));
    store.compile_and_load(&[a.clone(), b.clone()]).unwrap();
    let first = manifest_of(&store);

    let again = store.compile_and_load(&[a.clone(), b.clone()]).unwrap();
    assert_eq!((again.compiled, again.already_stored), (0, 2));
    assert_eq!(manifest_of(&store), first, "nothing new: no relink");
    assert_eq!(call(again.addresses[&b.symbol]), 2);

    // a fresh store object on the same root sees the same: nothing to compile
    let mut other = open_at(&root, ABI);
    let r = other.compile_and_load(&[b.clone(), a.clone()]).unwrap();
    assert_eq!((r.compiled, r.already_stored), (0, 2));

    let more = store.compile_and_load(&[a.clone(), c.clone()]).unwrap();
    assert_eq!((more.compiled, more.already_stored), (1, 1));
    let second = manifest_of(&store);
    assert_eq!(second.generation, first.generation + 1);
    assert_eq!(second.symbols.len(), 3);
    assert!(!store.abi_path().join("lib").join(&first.library).exists());
    assert_eq!(call(more.addresses[&c.symbol]), 3);
    assert_eq!(call(more.addresses[&a.symbol]), 1);
    assert_eq!(store.verify().unwrap(), Verification::default());
}

#[test]
fn reopened_store_loads_without_compiling() {
    let (_td, root) = scratch();
    let (a, b) = (entry("a", 11), entry("b", 22));
    open_at(&root, ABI)
        .compile_and_load(&[a.clone(), b.clone()])
        .unwrap();

    let mut store = open_at(&root, ABI);
    let unknown = sym("not stored");
    let loaded = store
        .load(&[
            a.symbol.as_str(),
            b.symbol.as_str(),
            unknown.as_str(),
            a.symbol.as_str(),
        ])
        .unwrap();
    assert_eq!((loaded.hits, loaded.misses), (2, 1));
    assert_eq!(loaded.problem, None);
    assert_eq!(call(loaded.addresses[&a.symbol]), 11);
    assert_eq!(call(loaded.addresses[&b.symbol]), 22);
    // loading twice reuses the open aggregate
    let again = store.load(&[b.symbol.as_str()]).unwrap();
    assert_eq!(again.addresses[&b.symbol], loaded.addresses[&b.symbol]);

    // an empty store: all misses, nothing created but the layout
    let (_td2, root2) = scratch();
    let mut empty = open_at(&root2, ABI);
    let l = empty.load(&[a.symbol.as_str()]).unwrap();
    assert_eq!((l.hits, l.misses), (0, 1));
}

/// Replaces `path` with `bytes` through a rename, as a corruption from
/// outside would look to a new reader (this process may have the old file
/// mapped, so it must not be overwritten in place).
fn replace_file(path: &Path, bytes: &[u8]) {
    let tmp = path.with_extension("corrupt");
    fs::write(&tmp, bytes).unwrap();
    fs::set_permissions(&tmp, fs::Permissions::from_mode(0o600)).unwrap();
    fs::rename(&tmp, path).unwrap();
}

#[test]
fn corrupted_files_never_crash_and_are_rebuilt() {
    let (_td, root) = scratch();
    let (a, b) = (entry("a", 5), entry("b", 6));
    open_at(&root, ABI)
        .compile_and_load(&[a.clone(), b.clone()])
        .unwrap();
    let store0 = open_at(&root, ABI);
    let m = manifest_of(&store0);
    let so = root.join(ABI).join("lib").join(&m.library);
    let size = fs::metadata(&so).unwrap().len() as usize;

    // garbage of the same size: the hash catches it
    replace_file(&so, &vec![0x5a; size]);
    let mut reader = open_at(&root, ABI);
    let l = reader
        .load(&[a.symbol.as_str(), b.symbol.as_str()])
        .unwrap();
    assert_eq!((l.hits, l.misses), (0, 2));
    assert!(
        l.problem.as_deref().unwrap().contains("checksum"),
        "{:?}",
        l.problem
    );
    assert!(!reader.verify().unwrap().problems.is_empty());

    // truncated: the size catches it
    replace_file(&so, b"\x7fELF");
    let l = open_at(&root, ABI).load(&[a.symbol.as_str()]).unwrap();
    assert_eq!(l.hits, 0);
    assert!(l.problem.is_some());

    // compile_and_load rebuilds the aggregate from the stored objects
    let r = reader.compile_and_load(&[a.clone(), b.clone()]).unwrap();
    assert_eq!((r.compiled, r.already_stored), (0, 2));
    assert_eq!(call(r.addresses[&a.symbol]), 5);
    assert_eq!(manifest_of(&reader).generation, m.generation + 1);
    assert_eq!(reader.verify().unwrap(), Verification::default());

    // a truncated object is recompiled, not linked
    let obj = root.join(ABI).join(format!("obj/{}.o", b.symbol));
    replace_file(&obj, b"\x7fELF\x02\x01");
    let r = reader.compile_and_load(&[a.clone(), b.clone()]).unwrap();
    assert_eq!((r.compiled, r.already_stored), (1, 1));
    assert_eq!(call(r.addresses[&b.symbol]), 6);

    // a same-size garbage object is caught by its checksum when linking
    let len = fs::metadata(&obj).unwrap().len() as usize;
    replace_file(&obj, &vec![0u8; len]);
    let c = entry("c", 9);
    let r = reader.compile_and_load(std::slice::from_ref(&c)).unwrap();
    assert_eq!(call(r.addresses[&c.symbol]), 9);
    assert!(!manifest_of(&reader).symbols.contains(&b.symbol));
    let r = reader.compile_and_load(std::slice::from_ref(&b)).unwrap();
    assert_eq!((r.compiled, r.already_stored), (1, 0));
    assert_eq!(call(r.addresses[&b.symbol]), 6);

    // a garbage manifest is a miss, not a crash
    replace_file(
        &reader.manifest_path(),
        b"naruby-code-store-manifest 1\ngeneration x\n",
    );
    let l = open_at(&root, ABI).load(&[a.symbol.as_str()]).unwrap();
    assert_eq!(l.hits, 0);
    assert!(l.problem.unwrap().contains("malformed"));
    let r = reader.compile_and_load(std::slice::from_ref(&a)).unwrap();
    assert_eq!(call(r.addresses[&a.symbol]), 5);
    assert_eq!(reader.verify().unwrap(), Verification::default());
}

#[test]
fn another_abi_is_ignored() {
    let (_td, root) = scratch();
    let a = entry("a", 1);
    open_at(&root, "aa01")
        .compile_and_load(std::slice::from_ref(&a))
        .unwrap();
    let mut other = open_at(&root, "bb02");
    let l = other.load(&[a.symbol.as_str()]).unwrap();
    assert_eq!((l.hits, l.misses), (0, 1));
    let s = other.stats().unwrap();
    assert_eq!((s.abi_dirs, s.entries), (2, 0));
    // compiling under the other ABI compiles again, separately
    let r = other.compile_and_load(std::slice::from_ref(&a)).unwrap();
    assert_eq!(r.compiled, 1);
    assert!(matches!(
        CodeStore::open(config(&root), "../x", headers()),
        Err(StoreError::BadAbi(_))
    ));
}

#[test]
fn lru_eviction_respects_limit_and_recency() {
    let (_td, root) = scratch();
    let (a, b, c, d) = (entry("a", 1), entry("b", 2), entry("c", 3), entry("d", 4));
    let mut store = open_at(&root, ABI);
    for e in [&a, &b, &c] {
        store.compile_and_load(std::slice::from_ref(e)).unwrap();
        std::thread::sleep(Duration::from_millis(20));
    }
    // use `a` again: now `b` is the least recently used, then `c`
    assert_eq!(store.load(&[a.symbol.as_str()]).unwrap().hits, 1);
    let per_entry = store.stats().unwrap().entry_bytes / 3;

    let mut small = CodeStore::open(
        StoreConfig {
            max_bytes: per_entry * 2 + per_entry / 2,
            ..config(&root)
        },
        ABI,
        headers(),
    )
    .unwrap();
    let r = small.compile_and_load(std::slice::from_ref(&d)).unwrap();
    assert_eq!(call(r.addresses[&d.symbol]), 4);
    let obj = |e: &Entry| root.join(ABI).join(format!("obj/{}.o", e.symbol));
    assert!(obj(&a).exists() && obj(&d).exists());
    assert!(!obj(&b).exists() && !obj(&c).exists());
    assert!(!root.join(ABI).join(format!("src/{}.c", b.symbol)).exists());
    let mut syms = manifest_of(&small).symbols;
    syms.sort();
    let mut want = vec![a.symbol.clone(), d.symbol.clone()];
    want.sort();
    assert_eq!(syms, want);
    let stats = small.stats().unwrap();
    assert_eq!(stats.entries, 2);
    assert!(stats.entry_bytes <= stats.max_bytes);
    assert_eq!(small.verify().unwrap(), Verification::default());
    // evicted entries are misses now, and come back when compiled again
    let l = small.load(&[b.symbol.as_str(), a.symbol.as_str()]).unwrap();
    assert_eq!((l.hits, l.misses), (1, 1));

    // a tiny limit never evicts what the current call needs
    let mut tiny = CodeStore::open(
        StoreConfig {
            max_bytes: 1,
            ..config(&root)
        },
        ABI,
        headers(),
    )
    .unwrap();
    let r = tiny.compile_and_load(&[b.clone(), c.clone()]).unwrap();
    assert_eq!(r.addresses.len(), 2);
    assert_eq!(call(r.addresses[&b.symbol]), 2);
    assert_eq!(tiny.stats().unwrap().entries, 2);
    assert!(!obj(&a).exists() && !obj(&d).exists());
    assert_eq!(tiny.verify().unwrap(), Verification::default());
}

#[test]
fn untrusted_store_is_refused() {
    let (_td, root) = scratch();
    let a = entry("a", 1);
    let mut store = open_at(&root, ABI);
    store.compile_and_load(std::slice::from_ref(&a)).unwrap();

    fs::set_permissions(&root, fs::Permissions::from_mode(0o770)).unwrap();
    let err = CodeStore::open(config(&root), ABI, headers()).unwrap_err();
    assert!(matches!(err, StoreError::Writable { .. }), "{err}");
    assert!(err.to_string().contains("chmod go-w"), "{err}");
    fs::set_permissions(&root, fs::Permissions::from_mode(0o700)).unwrap();

    let manifest = store.manifest_path();
    fs::set_permissions(&manifest, fs::Permissions::from_mode(0o666)).unwrap();
    let err = open_at(&root, ABI).load(&[a.symbol.as_str()]).unwrap_err();
    assert!(matches!(err, StoreError::Writable { .. }), "{err}");
    fs::set_permissions(&manifest, fs::Permissions::from_mode(0o600)).unwrap();

    // a symlink where an object belongs is refused, not followed
    let obj = store.object_path(&a.symbol);
    let elsewhere = root.parent().unwrap().join("elsewhere.o");
    fs::copy(&obj, &elsewhere).unwrap();
    fs::remove_file(&obj).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &obj).unwrap();
    let err = store
        .compile_and_load(std::slice::from_ref(&a))
        .unwrap_err();
    assert!(matches!(err, StoreError::Unexpected { .. }), "{err}");
    assert!(!store.verify().unwrap().problems.is_empty());

    // a non-empty directory that is not a store
    let (_td2, plain) = scratch();
    fs::create_dir(&plain).unwrap();
    fs::write(plain.join("precious.txt"), "x").unwrap();
    let err = CodeStore::open(config(&plain), ABI, headers()).unwrap_err();
    assert!(matches!(err, StoreError::NotAStore { .. }), "{err}");
    assert!(matches!(
        clear_store(&plain),
        Err(StoreError::NotAStore { .. })
    ));
    assert!(plain.join("precious.txt").exists());

    // headers that differ under the same fingerprint
    let other = Headers {
        naruby_h: "typedef int VALUE;\n",
        nodes_h: NODES_H,
    };
    let err = CodeStore::open(config(&root), ABI, other).unwrap_err();
    assert!(matches!(err, StoreError::HeaderMismatch { .. }), "{err}");
    // bad symbols are rejected before touching the file system
    let bad = Entry {
        symbol: "SD_../../x".into(),
        source: String::new(),
        alone: false,
    };
    assert!(matches!(
        store.compile_and_load(&[bad]),
        Err(StoreError::BadSymbol(_))
    ));
}

#[test]
fn compile_failure_is_reported_and_others_still_work() {
    let (_td, root) = scratch();
    let mut store = open_at(&root, ABI);
    let good = entry("good", 3);
    let bad = broken_entry("bad");
    let bad_symbol = bad.symbol.clone();
    let r = store
        .compile_and_load(&[bad.clone(), good.clone()])
        .unwrap();
    assert_eq!(r.failures.len(), 1);
    let (s, message) = &r.failures[0];
    assert_eq!(s, &bad_symbol);
    assert!(message.contains("not_declared"), "{message}");
    assert!(message.contains(&format!("{bad_symbol}.c")), "{message}");
    assert_eq!(call(r.addresses[&good.symbol]), 3);
    assert!(!r.addresses.contains_key(&bad_symbol));
    assert!(!store.source_path(&bad_symbol).exists());
    assert!(tmp_is_empty(&store));
    assert_eq!(store.verify().unwrap(), Verification::default());
    // it is retried (and fails again) next time, rather than remembered
    let r = store.compile_and_load(&[bad, good]).unwrap();
    assert_eq!((r.failures.len(), r.already_stored), (1, 1));

    // a compiler that cannot be started is an error the user can act on
    let mut broken = CodeStore::open(
        StoreConfig {
            cc: "/nonexistent/cc".into(),
            ..config(&root)
        },
        ABI,
        headers(),
    )
    .unwrap();
    let err = broken.compile_and_load(&[entry("new", 1)]).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/cc"), "{err}");
}

#[test]
fn concurrent_stores_on_one_root() {
    let (_td, root) = scratch();
    let entries: Vec<Entry> = (0..6).map(|i| entry(&format!("e{i}"), 100 + i)).collect();
    let all = &entries;
    let compiled: usize = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let root = root.clone();
                let mine: Vec<Entry> = (t..t + 3).map(|i| all[i].clone()).collect();
                s.spawn(move || {
                    let mut store = CodeStore::open(
                        StoreConfig {
                            jobs: 1,
                            ..config(&root)
                        },
                        ABI,
                        headers(),
                    )
                    .unwrap();
                    let r = store.compile_and_load(&mine).unwrap();
                    assert!(r.failures.is_empty(), "{:?}", r.failures);
                    for e in &mine {
                        let want = 100 + all.iter().position(|x| x == e).unwrap() as i64;
                        assert_eq!(call(r.addresses[&e.symbol]), want);
                    }
                    r.compiled
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    assert!(compiled >= 6);
    let mut store = open_at(&root, ABI);
    assert_eq!(store.verify().unwrap(), Verification::default());
    assert!(tmp_is_empty(&store));
    assert_eq!(store.stats().unwrap().entries, 6);
    let symbols: Vec<&str> = entries.iter().map(|e| e.symbol.as_str()).collect();
    let l = store.load(&symbols).unwrap();
    assert_eq!((l.hits, l.misses), (6, 0));
}

#[test]
fn clearing_a_store_that_does_not_exist_yet_succeeds() {
    let (_td, root) = scratch();
    clear_store(&root).unwrap();
    assert!(!root.exists());
}

#[test]
fn clear_removes_contents_without_following_symlinks() {
    let (td, root) = scratch();
    let a = entry("a", 8);
    let mut store = open_at(&root, ABI);
    store.compile_and_load(std::slice::from_ref(&a)).unwrap();
    let outside = td.path().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("keep.txt"), "keep").unwrap();
    std::os::unix::fs::symlink(&outside, root.join("link")).unwrap();
    std::os::unix::fs::symlink(&outside, root.join(ABI).join("src").join("link")).unwrap();
    open_at(&root, "ffff");

    store.clear().unwrap();
    assert!(outside.join("keep.txt").exists());
    let left: Vec<String> = list(&root).unwrap().into_iter().map(|(n, _)| n).collect();
    assert_eq!(left, vec![MARKER.to_string()]);
    assert_eq!(mode_of(&root), 0o700);
    let s = store.stats().unwrap();
    assert_eq!((s.entries, s.abi_dirs), (0, 0));

    // the store keeps working after a clear
    let l = store.load(&[a.symbol.as_str()]).unwrap();
    assert_eq!(l.hits, 0);
    let r = store.compile_and_load(std::slice::from_ref(&a)).unwrap();
    assert_eq!(r.compiled, 1);
    assert_eq!(call(r.addresses[&a.symbol]), 8);
    assert_eq!(store.verify().unwrap(), Verification::default());
}

#[test]
fn profiles_are_stored_by_key_replaced_and_verified() {
    let (_td, root) = scratch();
    let store = open_at(&root, ABI);
    let key = "0123456789abcdef0123456789abcdef";
    assert_eq!(store.read_profile(key).unwrap(), None);
    store.write_profile(key, "first\n").unwrap();
    store.write_profile(key, "second\n").unwrap();
    assert_eq!(
        store.read_profile(key).unwrap().as_deref(),
        Some("second\n")
    );
    let path = store.abi_path().join("profiles").join(key);
    assert_eq!(mode_of(&path), 0o600);
    assert!(store.verify().unwrap().problems.is_empty());
    assert_eq!(store.stats().unwrap().profiles, 1);
    assert!(store.stats().unwrap().to_string().contains("profiles: 1"));
    // keys are checked: no path can be smuggled in
    for bad in ["../x", "0123", "0123456789ABCDEF0123456789ABCDEF"] {
        assert!(store.write_profile(bad, "x").is_err(), "{bad}");
        assert!(store.read_profile(bad).is_err(), "{bad}");
    }
    // a stray file in profiles/ is reported
    fs::write(store.abi_path().join("profiles").join("junk"), "x").unwrap();
    let problems = store.verify().unwrap().problems;
    assert!(
        problems.iter().any(|p| p.contains("unexpected file")),
        "{problems:?}"
    );
    // clear removes profiles with everything else
    store.clear().unwrap();
    assert_eq!(store.read_profile(key).unwrap(), None);
}

/// A compiler wrapper: runs `cc` with its arguments (links unchanged), then,
/// after a compile, the shell commands `then` with `$out` naming the object.
fn wrapped_cc(dir: &Path, name: &str, then: &str) -> String {
    let path = dir.join(name);
    let script = format!(
        "#!/bin/sh\n\
         case \" $* \" in *' -shared '*) exec cc \"$@\";; esac\n\
         out=; prev=\n\
         for a in \"$@\"; do [ \"$prev\" = -o ] && out=$a; prev=$a; done\n\
         cc \"$@\" || exit $?\n\
         {then}\n"
    );
    fs::write(&path, script).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn faults_during_a_compile_leave_nothing_that_can_be_bound() {
    let (td, root) = scratch();
    let faults = [
        // killed after writing part of its output
        (
            "killed",
            "head -c 300 \"$out\" > \"$out.cut\"; mv \"$out.cut\" \"$out\"; kill -9 $$",
        ),
        // cut short (a full disk, a crashed writer) behind a success status
        (
            "lying",
            "head -c 300 \"$out\" > \"$out.cut\"; mv \"$out.cut\" \"$out\"; exit 0",
        ),
        ("emptied", ": > \"$out\"; exit 0"),
    ];
    for (i, (what, then)) in faults.into_iter().enumerate() {
        let cc = wrapped_cc(td.path(), what, then);
        let mut faulty = CodeStore::open(
            StoreConfig {
                cc,
                ..config(&root)
            },
            ABI,
            headers(),
        )
        .unwrap();
        let e = entry(&format!("fault {what}"), 40 + i as i64);
        let r = faulty.compile_and_load(std::slice::from_ref(&e)).unwrap();
        assert_eq!(r.failures.len(), 1, "{what}: {r:?}");
        if what != "killed" {
            assert!(r.failures[0].1.contains("damaged object"), "{r:?}");
        }
        assert!(r.addresses.is_empty(), "{what}");
        assert!(!faulty.object_path(&e.symbol).exists(), "{what}");
        assert!(!faulty.sum_path(&e.symbol).exists(), "{what}");
        assert!(tmp_is_empty(&faulty), "{what}");
        assert_eq!(faulty.verify().unwrap(), Verification::default(), "{what}");
        // a working compiler then stores and binds it
        let mut store = open_at(&root, ABI);
        let r = store.compile_and_load(std::slice::from_ref(&e)).unwrap();
        assert_eq!(r.compiled, 1, "{what}");
        assert_eq!(call(r.addresses[&e.symbol]), 40 + i as i64);
    }
}

#[test]
fn an_object_that_breaks_the_link_is_dropped_and_the_rest_still_binds() {
    let (_td, root) = scratch();
    let mut store = open_at(&root, ABI);
    // each defines the same global: fine alone, a clash in one aggregate
    let clashing = |name: &str, value: i64| {
        let mut e = entry(name, value);
        e.source.push_str("int naruby_test_clash = 1;\n");
        e
    };
    let (a, b) = (clashing("first", 1), clashing("second", 2));
    let r = store.compile_and_load(std::slice::from_ref(&a)).unwrap();
    assert_eq!(call(r.addresses[&a.symbol]), 1);
    let r = store.compile_and_load(&[a.clone(), b.clone()]).unwrap();
    assert_eq!(r.failures.len(), 1, "{r:?}");
    assert_eq!(r.failures[0].0, b.symbol);
    assert!(r.failures[0].1.contains("naruby_test_clash"), "{r:?}");
    assert_eq!(call(r.addresses[&a.symbol]), 1);
    assert!(!r.addresses.contains_key(&b.symbol));
    assert!(!store.object_path(&b.symbol).exists());
    assert_eq!(store.verify().unwrap(), Verification::default());
    // a later process binds what is stored
    let l = open_at(&root, ABI)
        .load(&[a.symbol.as_str(), b.symbol.as_str()])
        .unwrap();
    assert_eq!((l.hits, l.misses), (1, 1));
}

#[test]
fn a_jit_query_only_reads_so_it_does_not_wait_for_other_readers() {
    let (_td, root) = scratch();
    let mut store = open_at(&root, ABI);
    let report = store.compile_and_load(&[entry("q1", 4)]).unwrap();
    assert_eq!(report.compiled, 1);
    // another process holds the shared lock (a reader, or a query)
    let reader = super::fsutil::lock(&root.join(ABI).join("lock"), false).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut store = open_at(&root, ABI);
        let unknown = store.jit_library(&sym("nobody")).map(|l| l.is_none());
        let aggregated = store.jit_library(&sym("q1")).map(|l| l.is_some());
        let _ = tx.send((unknown, aggregated));
    });
    let (unknown, aggregated) = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("a query waited for a reader");
    assert!(unknown.unwrap(), "nothing defines it");
    assert!(aggregated.unwrap(), "the aggregate defines it");
    drop(reader);
}

#[test]
fn entries_linked_alone_start_their_code_at_different_cache_lines() {
    let (_td, root) = scratch();
    let mut store = open_at(&root, ABI);
    // four entries whose hashes pick four different slots
    let mut picked: Vec<(Entry, i64, u64)> = Vec::new();
    for value in 0.. {
        let e = entry(&format!("placed{value}"), value);
        let offset = super::jit::text_offset(&e.symbol) % 4096;
        if picked.iter().all(|(_, _, o)| *o != offset) {
            picked.push((e, value, offset));
        }
        if picked.len() == 4 {
            break;
        }
    }
    for (e, value, offset) in &picked {
        let lib = store.jit_compile(e).unwrap().expect("compiles");
        assert!(lib.path.starts_with(root.join(ABI).join("jit")), "{lib:?}");
        let addr = store.open_jit_library(&lib, &e.symbol).unwrap();
        assert_eq!(call(addr), *value);
        // the entry is its library's only code: it starts at its slot
        assert_eq!(addr as u64 % 4096, *offset, "{}", e.symbol);
    }
}

#[test]
fn a_batch_is_one_library_under_the_name_of_each_of_its_entries() {
    use std::os::unix::fs::MetadataExt;
    let (_td, root) = scratch();
    let mut store = open_at(&root, ABI);
    let entries: Vec<Entry> = (0..3).map(|v| entry(&format!("batched{v}"), v)).collect();
    let members: Vec<&Entry> = entries.iter().collect();
    let (libs, objects) = store
        .jit_compile_batch(&members)
        .unwrap()
        .expect("compiles");
    // the objects come after the libraries
    assert!(!store.object_ok(&entries[0].symbol).unwrap());
    store.store_batch_objects(objects).unwrap();
    let inode = |p: &Path| fs::metadata(p).unwrap().ino();
    for ((e, lib), value) in entries.iter().zip(&libs).zip(0..) {
        let named = root.join(ABI).join("jit").join(format!("{}.so", e.symbol));
        assert_eq!(lib.path, named);
        assert_eq!(inode(&lib.path), inode(&libs[0].path), "one file");
        let addr = store.open_jit_library(lib, &e.symbol).unwrap();
        assert_eq!(call(addr), value);
        // later queries are answered with it
        assert_eq!(store.jit_library(&e.symbol).unwrap().as_ref(), Some(lib));
        // and its object is stored already: the batch's, under its name
        assert!(store.object_ok(&e.symbol).unwrap());
        assert!(store.source_path(&e.symbol).is_file());
        assert_eq!(
            inode(&store.object_path(&e.symbol)),
            inode(&store.object_path(&entries[0].symbol))
        );
    }
    assert_eq!(store.verify().unwrap(), Verification::default());
    // the aggregate links the batch's object once
    let r = store.compile_and_load(&entries).unwrap();
    assert_eq!(r.compiled, 0);
    assert_eq!(call(r.addresses[&entries[2].symbol]), 2);
    // a unit that does not compile is a compile failure, not an error
    let broken_entry = broken_entry("broken");
    let broken_symbol = broken_entry.symbol.clone();
    let broken = store.jit_compile_batch(&[&broken_entry]).unwrap();
    assert!(broken.is_err());
    assert!(store.jit_library(&broken_symbol).unwrap().is_none());
    assert!(!store.object_ok(&broken_symbol).unwrap());
    assert!(tmp_is_empty(&store));
}

#[test]
fn a_store_seen_between_its_directories_and_its_headers_verifies_clean() {
    // Another process recreating the store after a clear makes the
    // directories first and writes the headers under the lock; a verify in
    // between must not call that a problem, while headers missing under
    // compiled objects are one.
    let (_td, root) = scratch();
    let store = open_at(&root, ABI);
    let include = store.abi_path().join("include");
    fs::remove_file(include.join("naruby.h")).unwrap();
    fs::remove_file(include.join("nodes.h")).unwrap();
    assert_eq!(store.verify().unwrap(), Verification::default());

    let mut writer = open_at(&root, ABI);
    writer.compile_and_load(&[entry("a", 1)]).unwrap();
    fs::remove_file(include.join("nodes.h")).unwrap();
    let problems = store.verify().unwrap().problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("nodes.h is missing"), "{problems:?}");
}

#[test]
fn a_small_unit_compiles_with_the_small_unit_options() {
    let (_td, root) = scratch();
    let mut cfg = config(&root);
    cfg.options.small_unit = vec!["--param=inline-unit-growth=400".to_string()];
    let mut store = CodeStore::open(cfg, ABI, headers()).expect("open store");
    let e = entry("small", 5);
    let r = store.compile_and_load(std::slice::from_ref(&e)).unwrap();
    assert_eq!(call(r.addresses[&e.symbol]), 5);
}

/// The inode of an entry's stored object.
fn object_inode(store: &CodeStore, symbol: &str) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(store.object_path(symbol)).unwrap().ino()
}

#[test]
fn many_entries_compile_in_bundles_stored_under_each_name() {
    let (_td, root) = scratch();
    let mut store = open_at(&root, ABI);
    let entries: Vec<Entry> = (0..20).map(|i| entry(&format!("b{i}"), i)).collect();
    let r = store.compile_and_load(&entries).unwrap();
    assert_eq!((r.compiled, r.failures.len()), (20, 0));
    for (i, e) in entries.iter().enumerate() {
        assert_eq!(call(r.addresses[&e.symbol]), i as i64);
        assert!(store.source_path(&e.symbol).is_file());
    }
    // two compiler runs (16 and 4 entries): one object each, under the
    // name of every entry it holds
    let objects: HashSet<u64> = entries
        .iter()
        .map(|e| object_inode(&store, &e.symbol))
        .collect();
    assert_eq!(objects.len(), 2);
    assert!(tmp_is_empty(&store));
    assert_eq!(store.verify().unwrap(), Verification::default());
    // counted once: the entries' bytes are the two objects and the sources
    let stats = store.stats().unwrap();
    let mut bytes = 0;
    let mut seen = HashSet::new();
    for e in &entries {
        if seen.insert(object_inode(&store, &e.symbol)) {
            bytes += fs::metadata(store.object_path(&e.symbol)).unwrap().len();
        }
        bytes += fs::metadata(store.sum_path(&e.symbol)).unwrap().len();
        bytes += fs::metadata(store.source_path(&e.symbol)).unwrap().len();
    }
    assert_eq!(stats.entry_bytes, bytes);
    // a later process binds them all without compiling
    let mut again = open_at(&root, ABI);
    let r = again.compile_and_load(&entries).unwrap();
    assert_eq!((r.compiled, r.already_stored), (0, 20));
    assert_eq!(call(r.addresses[&entries[19].symbol]), 19);
}

#[test]
fn speculative_entries_compile_alone_however_many() {
    let (_td, root) = scratch();
    let mut store = open_at(&root, ABI);
    let entries: Vec<Entry> = (0..10)
        .map(|i| Entry {
            alone: true,
            ..entry(&format!("s{i}"), i)
        })
        .collect();
    let r = store.compile_and_load(&entries).unwrap();
    assert_eq!(r.compiled, 10);
    let objects: HashSet<u64> = entries
        .iter()
        .map(|e| object_inode(&store, &e.symbol))
        .collect();
    assert_eq!(objects.len(), 10);
    assert_eq!(call(r.addresses[&entries[9].symbol]), 9);
}

#[test]
fn a_bundle_with_a_broken_entry_stores_the_others_alone() {
    let (_td, root) = scratch();
    let mut store = open_at(&root, ABI);
    let bad = broken_entry("broken");
    let bad_symbol = bad.symbol.clone();
    let mut entries: Vec<Entry> = (0..9).map(|i| entry(&format!("ok{i}"), i)).collect();
    entries.insert(4, bad);
    let r = store.compile_and_load(&entries).unwrap();
    assert_eq!(r.failures.len(), 1);
    assert_eq!(r.failures[0].0, bad_symbol);
    assert!(
        r.failures[0].1.contains("not_declared"),
        "{}",
        r.failures[0].1
    );
    assert_eq!(r.compiled, 9);
    for i in 0..9 {
        let e = entry(&format!("ok{i}"), i);
        assert_eq!(call(r.addresses[&e.symbol]), i);
    }
    assert!(!store.source_path(&bad_symbol).exists());
    assert!(tmp_is_empty(&store));
    assert_eq!(store.verify().unwrap(), Verification::default());
}

#[test]
fn an_entry_two_bundles_hold_still_links_once() {
    // a race can compile one entry into two bundles: its name keeps one,
    // the other still holds a copy, and the aggregate links both
    let (_td, root) = scratch();
    let mut store = open_at(&root, ABI);
    let first: Vec<Entry> = (0..10).map(|i| entry(&format!("p{i}"), i)).collect();
    store.compile_and_load(&first).unwrap();
    let twice = &first[5];
    fs::remove_file(store.object_path(&twice.symbol)).unwrap();
    fs::remove_file(store.sum_path(&twice.symbol)).unwrap();
    let mut second: Vec<Entry> = (0..9).map(|i| entry(&format!("q{i}"), 100 + i)).collect();
    second.push(twice.clone());
    let r = store.compile_and_load(&second).unwrap();
    assert_eq!((r.compiled, r.failures.len()), (10, 0));
    assert_ne!(
        object_inode(&store, &twice.symbol),
        object_inode(&store, &first[0].symbol)
    );
    let mut all = first.clone();
    all.extend(second);
    let mut again = open_at(&root, ABI);
    let r = again.compile_and_load(&all).unwrap();
    assert_eq!(r.compiled, 0);
    assert_eq!(call(r.addresses[&twice.symbol]), 5);
    assert_eq!(call(r.addresses[&first[0].symbol]), 0);
    assert_eq!(call(r.addresses[&all[18].symbol]), 108);
}
