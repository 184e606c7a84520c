//! Confirms the expected output of every Ruby-compatible corpus program
//! against CRuby: same stdout and exit status. Programs whose first line is
//! `# naruby-only: ...` are skipped. Without `ruby` on PATH the test is
//! skipped, unless NARUBY_REQUIRE_RUBY is set (CI sets it).

use std::path::Path;
use std::process::Command;

#[test]
fn expected_outputs_match_cruby() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/programs");
    if Command::new("ruby").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("NARUBY_REQUIRE_RUBY").is_none(),
            "NARUBY_REQUIRE_RUBY is set but `ruby` cannot be run"
        );
        eprintln!("ruby not installed: skipping the CRuby comparison");
        return;
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .into_string()
                .ok()?
                .strip_suffix(".rb")
                .map(String::from)
        })
        .collect();
    names.sort();
    let mut checked = 0;
    let mut problems = Vec::new();
    for name in &names {
        let src = std::fs::read_to_string(dir.join(format!("{name}.rb"))).unwrap();
        if src.starts_with("# naruby-only") {
            continue;
        }
        let expected = std::fs::read_to_string(dir.join(format!("{name}.stdout"))).unwrap();
        let status = match std::fs::read_to_string(dir.join(format!("{name}.status"))) {
            Ok(s) => s.trim().parse::<i32>().unwrap(),
            Err(_) => i32::from(dir.join(format!("{name}.err")).exists()),
        };
        let out = Command::new("ruby")
            .current_dir(&dir)
            .arg(format!("{name}.rb"))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        if stdout != expected || out.status.code() != Some(status) {
            problems.push(format!(
                "{name}: CRuby gave status {:?} and stdout\n{stdout}--- expected status {status} and\n{expected}",
                out.status.code()
            ));
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} Ruby-compatible programs");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
