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

/// Writes the generated C and a prelude into a fresh directory named
/// after `test`.
fn c_files(test: &str) -> PathBuf {
    let g = generated();
    let dir = std::env::temp_dir().join(format!("astrogen-golden-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("nodes.h"), &g.nodes_h).unwrap();
    std::fs::write(dir.join("nodes.c"), &g.nodes_c).unwrap();
    // the sample's side type must exist for the header to compile
    std::fs::write(
        dir.join("prelude.h"),
        "#include \"naruby.h\"\ntypedef struct Cache { uint64_t a, b; } Cache;\n",
    )
    .unwrap();
    dir
}

/// Checks `file` in `dir` with the C compiler (syntax and semantics, every
/// warning an error), with the real runtime header.
fn check_c(dir: &Path, file: &str) -> std::process::Output {
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/csrc");
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    std::process::Command::new(cc)
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
        .arg(dir)
        .arg(dir.join(file))
        .output()
        .expect("run the C compiler")
}

/// The generated C (with the real runtime header) must compile, and its
/// layout assertions must hold.
#[test]
fn generated_c_compiles() {
    let dir = c_files("all");
    let out = check_c(&dir, "nodes.c");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A unit that names the kinds it wants sees their structs and
/// evaluators, and no other kind's.
#[test]
fn a_unit_sees_only_the_kinds_it_wants() {
    let dir = c_files("some");
    let unit = |wants: &str, uses: &str| {
        format!(
            "#define NR_SOME_KINDS\n{wants}#include \"nodes.h\"\n\
             RESULT f(NODE *n, VALUE *fp) {{ {uses} }}\n"
        )
    };
    let add = "struct NODE_add_nn *m = (struct NODE_add_nn *)n;\n\
               return EVAL_add_nn(n, fp, m->l, DISPATCH_lit, m->r, DISPATCH_lit);";
    for (file, wants, uses) in [
        (
            "lit.c",
            "#define NR_WANT_lit\n",
            "return EVAL_lit(n, fp, 1);",
        ),
        ("add.c", "#define NR_WANT_add_nn\n", add),
        ("unwanted.c", "#define NR_WANT_lit\n", add),
    ] {
        std::fs::write(dir.join(file), unit(wants, uses)).unwrap();
    }
    for wanted in ["lit.c", "add.c"] {
        let out = check_c(&dir, wanted);
        assert!(
            out.status.success(),
            "{wanted}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let unwanted = check_c(&dir, "unwanted.c");
    let message = String::from_utf8_lossy(&unwanted.stderr);
    assert!(!unwanted.status.success(), "add_nn was not left out");
    assert!(message.contains("EVAL_add_nn"), "{message}");
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
