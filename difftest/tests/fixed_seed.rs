//! A small fixed-seed differential run through every mode, AOT included,
//! that fails on any disagreement; and proof that the pipeline notices a
//! disagreement: a `naruby` that misbehaves in one mode must be caught.
//!
//! Needs the workspace's `naruby` binary next to this test's directory
//! (`cargo test --release` at the workspace root builds it) or $NARUBY_BIN.

use naruby_difftest::campaign::{self, Config};
use naruby_difftest::compare::signature;
use naruby_difftest::locate;
use naruby_difftest::modes::{run_modes, Mode, Tools};
use std::time::Duration;

fn tools(naruby: std::path::PathBuf) -> Tools {
    Tools {
        naruby,
        ruby: locate::ruby(),
        limit: Duration::from_secs(60),
    }
}

#[test]
fn fixed_seed_programs_agree_in_every_mode() {
    let naruby = locate::naruby(None).expect("the naruby binary");
    let work = tempfile::tempdir().unwrap();
    let findings = tempfile::tempdir().unwrap();
    let tools = tools(naruby);
    let cfg = Config {
        count: 20,
        seed: 20250601,
        replay: Vec::new(),
        modes: vec![
            Mode::Plain,
            Mode::Compile,
            Mode::DefaultAfterCompile,
            Mode::Pg,
            Mode::DefaultAfterPg,
        ],
        jobs: 2,
        // both AOT builds (about 1.2 s of gcc each) on every 4th program:
        // about 55 s of CPU in all, some 30 s on two idle cores
        aot_every: 4,
        ruby: tools.ruby.is_some(),
        minimize: false,
        budget: 0,
        per_signature: 0,
        findings: findings.path().to_path_buf(),
        tools,
        work: work.path().to_path_buf(),
        progress: false,
    };
    let stats = campaign::run(&cfg);
    assert_eq!(stats.programs, 20);
    assert_eq!(stats.runs.get("aot"), Some(&5));
    assert!(
        stats.mismatches.is_empty(),
        "modes disagree (replay with `naruby-difftest --replay SEED`):\n{:#?}",
        stats.mismatches
    );
    // the run must not be trivially short: most programs run to the end
    assert!(
        stats.endings.get("ok").copied().unwrap_or(0) >= 8,
        "{:?}",
        stats.endings
    );
}

/// A wrapper that runs the real binary but adds a line of output in
/// `--compile` runs: the comparison must flag exactly that mode.
#[test]
fn a_mode_that_misbehaves_is_caught() {
    let naruby = locate::naruby(None).expect("the naruby binary");
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("naruby");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\ncase \"$*\" in *--compile*) echo surprise;; esac\nexec '{}' \"$@\"\n",
            naruby.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut tools = tools(fake);
    tools.ruby = None;
    let results = run_modes(
        &tools,
        "p 6 * 7\n",
        &[Mode::Plain, Mode::Compile, Mode::DefaultAfterCompile],
        dir.path(),
    );
    assert_eq!(results[0].1.stdout, b"42\n");
    assert_eq!(
        signature(&results).as_deref(),
        Some("plain=0 compile=1 default-after-compile=0 | 1: stdout")
    );
}
