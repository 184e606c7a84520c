//! Golden tests: the generator's output for tests/golden/sample.def is
//! pinned. After an intended change, regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p astrogen --test golden` and review the diff.

use std::path::{Path, PathBuf};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn generated() -> astrogen::Generated {
    let def = std::fs::read_to_string(golden_dir().join("sample.def")).unwrap();
    astrogen::generate_from_str(&def, "sample.def").unwrap()
}

#[test]
fn output_matches_golden_files() {
    let g = generated();
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for (file, text) in [
        ("sample.nodes.h", &g.nodes_h),
        ("sample.nodes.c", &g.nodes_c),
        ("sample.nodes.rs", &g.nodes_rs),
    ] {
        let path = golden_dir().join(file);
        if update {
            std::fs::write(&path, text).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            expected == *text,
            "{file} differs from the generator's output; rerun with UPDATE_GOLDEN=1 and review"
        );
    }
}

/// The generated C (with the real runtime header) must compile, and its
/// layout assertions must hold.
#[test]
fn generated_c_compiles() {
    let g = generated();
    let dir = tempfile_dir();
    std::fs::write(dir.join("nodes.h"), &g.nodes_h).unwrap();
    std::fs::write(dir.join("nodes.c"), &g.nodes_c).unwrap();
    // the sample's side type must exist for the header to compile
    std::fs::write(
        dir.join("prelude.h"),
        "#include \"naruby.h\"\ntypedef struct Cache { uint64_t a, b; } Cache;\n",
    )
    .unwrap();
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/csrc");
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let out = std::process::Command::new(cc)
        .args([
            "-std=gnu11",
            "-fsyntax-only",
            "-Wall",
            "-Werror",
            "-include",
        ])
        .arg(dir.join("prelude.h"))
        .arg("-I")
        .arg(&runtime)
        .arg("-I")
        .arg(&dir)
        .arg(dir.join("nodes.c"))
        .output()
        .expect("run the C compiler");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn malformed_definitions_report_their_line() {
    let err = astrogen::generate_from_str(
        "node a(x: i64) {\n  RETURN(x);\n}\nnode b(y: wat) {\n}\n",
        "bad.def",
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "bad.def:4: unknown operand type `wat`");
}

fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("astrogen-golden-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
