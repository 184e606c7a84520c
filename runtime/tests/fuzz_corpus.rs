//! Replays the checked-in fuzz corpus (fuzz/corpus/<target>/) and the
//! inputs of fixed fuzzing crashes (fuzz/regressions/) through the very
//! checks the fuzz targets run (fuzz/src/harness.rs, included here), on
//! stable and without libFuzzer, so CI keeps what fuzzing found. An input
//! under a `jit_subtree` or `jit_frames` directory goes through that
//! target; every other through `lowered_ast`, which runs `front_end` first.

#[path = "../../fuzz/src/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

/// The binary's front end runs on a big stack (main.rs); so do the checks.
const STACK: usize = 256 << 20;

fn inputs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            inputs(&path, out);
        } else if path.file_name().is_some_and(|n| n != "README.md") {
            out.push(path);
        }
    }
}

/// The check an input goes through, by the directory it lies in.
fn check_for(path: &Path) -> fn(&[u8]) {
    let under = |dir: &str| path.components().any(|c| c.as_os_str() == dir);
    if under("jit_subtree") {
        harness::jit_subtree
    } else if under("jit_frames") {
        harness::jit_frames
    } else {
        harness::lowered_ast
    }
}

#[test]
fn fuzz_corpus_and_regressions_replay_without_panics() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut files = Vec::new();
    inputs(&fuzz.join("corpus"), &mut files);
    let corpus = files.len();
    for target in ["front_end", "lowered_ast", "jit_subtree", "jit_frames"] {
        let here = files
            .iter()
            .filter(|f| f.parent().is_some_and(|d| d.ends_with(target)));
        assert!(here.count() >= 20, "few corpus inputs for {target}");
    }
    inputs(&fuzz.join("regressions"), &mut files);
    assert!(corpus >= 50, "only {corpus} corpus inputs under {fuzz:?}");
    assert!(files.len() > corpus, "no regression inputs");
    files.sort();

    let failed = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            let mut failed = Vec::new();
            for path in &files {
                let data = std::fs::read(path).unwrap();
                let check = check_for(path);
                if std::panic::catch_unwind(|| check(&data)).is_err() {
                    failed.push(path.display().to_string());
                }
            }
            failed
        })
        .unwrap()
        .join()
        .unwrap();
    assert!(failed.is_empty(), "inputs that panic: {failed:#?}");
}
