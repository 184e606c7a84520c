//! Replays the checked-in fuzz corpus (fuzz/corpus/<target>/) and the
//! inputs of fixed fuzzing crashes (fuzz/regressions/) through the very
//! checks the fuzz targets run (fuzz/src/harness.rs, included here), on
//! stable and without libFuzzer, so CI keeps what fuzzing found. Every
//! input goes through `lowered_ast`, which runs `front_end` first.

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

#[test]
fn fuzz_corpus_and_regressions_replay_without_panics() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut files = Vec::new();
    inputs(&fuzz.join("corpus"), &mut files);
    let corpus = files.len();
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
                if std::panic::catch_unwind(|| harness::lowered_ast(&data)).is_err() {
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
