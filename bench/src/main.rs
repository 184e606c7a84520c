//! `naruby-bench`: the benchmark harness. Times every naruby execution mode
//! against CRuby, YJIT and hand-written C on the suite in `benches/`, then
//! writes RESULTS.md and a ratio chart (results.svg) next to it.

mod cli;
#[cfg(test)]
mod fixtures;
mod jit_daemon;
mod jit_latency;
mod l2_throughput;
mod machine;
mod measure;
mod modes;
mod numfmt;
mod ratios;
mod report;
mod results;
mod rounds;
mod runner;
mod startup;
mod stats;
mod suite;
mod svg;
mod targets;
mod workspace;

use clap::Parser;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The chart's file name for report `out`: `RESULTS.md` → `results.svg`,
/// `RESULTS-jit.md` → `results-jit.svg`, so that a partial run written
/// elsewhere never replaces the full run's chart.
fn chart_file(out: &Path) -> String {
    let stem = out
        .file_stem()
        .map_or("results".into(), |s| s.to_string_lossy().to_lowercase());
    format!("{stem}.svg")
}

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 1 } else { 0 });
        }
    };
    match run(&cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("naruby-bench: {message}");
            ExitCode::from(1)
        }
    }
}

/// Runs the harness; `Ok(false)` when some mode failed or printed the wrong
/// output (the report is still written).
fn run(cli: &cli::Cli) -> Result<bool, String> {
    let started = Instant::now();
    let settings = cli.settings(std::env::var("CC").ok())?;
    let ws = workspace::locate()?;
    let suite_dir = cli.suite.clone().unwrap_or_else(|| ws.default_suite());
    let suite_file = suite_dir.join("suite.txt");
    let suite_text = fs::read_to_string(&suite_file)
        .map_err(|e| format!("cannot read {}: {e}", suite_file.display()))?;
    let all = suite::parse(&suite_text, &suite_file.display().to_string())?;
    let selected = select(all, &cli.only)?;

    // Substitute sizes for every workload before running anything, so a
    // broken workload is reported at once.
    let scratch = ws.scratch();
    let work_dir = scratch.join(if cli.quick { "quick" } else { "full" });
    let mut jobs = Vec::new();
    let mut errors = Vec::new();
    for workload in selected {
        match suite::prepare(&workload, cli.quick, &suite_dir, &work_dir) {
            Ok(prepared) => jobs.push((workload, prepared)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(format!("the suite is not usable:\n{}", errors.join("\n")));
    }

    let naruby = match &cli.naruby {
        Some(path) if path.is_file() => path.clone(),
        Some(path) => return Err(format!("--naruby {}: no such file", path.display())),
        None => workspace::build_naruby(&ws)?,
    };
    let ruby = machine::first_line("ruby", &["-v"], None);
    let yjit = ruby.is_some()
        && machine::first_line(
            "ruby",
            &["--yjit", "-e", "print RubyVM::YJIT.enabled?"],
            None,
        )
        .as_deref()
            == Some("true");
    if ruby.is_none() {
        eprintln!("note: `ruby` is not on PATH; the CRuby and YJIT columns will read n/a");
    }
    let tools = modes::Tools {
        naruby,
        cc: settings.cc.clone(),
        ruby: ruby.clone(),
        yjit,
        runs: settings.runs,
        aot_builds: modes::aot_builds(settings.runs, cli.quick),
        timeout: settings.timeout,
    };

    let results = runner::run(&runner::Plan {
        jobs: &jobs,
        tools: &tools,
        skipped: &settings.skipped,
        skip_startup: settings.skip_startup,
        skip_l2: settings.skip_l2,
        quick: cli.quick,
        scratch: &work_dir,
    });

    let out = cli.out.clone().unwrap_or_else(|| {
        if cli.quick {
            scratch.join("RESULTS-quick.md")
        } else {
            suite_dir.join("RESULTS.md")
        }
    });
    let args: Vec<String> = std::env::args().collect();
    let info = report::RunInfo {
        machine: machine::collect(&ws.root, &settings.cc, ruby.as_deref()),
        command: cli::command_line(&args),
        runs: settings.runs,
        aot_builds: tools.aot_builds,
        startup_runs: settings.runs.max(startup::MIN_RUNS),
        quick: cli.quick,
        chart_file: chart_file(&out),
    };
    let targets = targets::evaluate(&results);
    let markdown = report::render(&info, &results, &targets);
    let chart_path = write_outputs(&out, &markdown, &svg::ratio_chart(&results))?;
    print!("{markdown}");
    eprintln!(
        "wrote {} and {} ({:.0} s in all)",
        out.display(),
        chart_path.display(),
        started.elapsed().as_secs_f64()
    );

    let problems = results.problems();
    if !problems.is_empty() {
        eprintln!(
            "naruby-bench: {} mode(s) failed or printed the wrong output:",
            problems.len()
        );
        for (place, _) in &problems {
            eprintln!("  {place}");
        }
    }
    Ok(problems.is_empty())
}

/// Keeps the workloads named by `--only` (all when empty), in suite order.
fn select(all: Vec<suite::Workload>, only: &[String]) -> Result<Vec<suite::Workload>, String> {
    let wanted: Vec<&str> = only
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    if wanted.is_empty() {
        return Ok(all);
    }
    let unknown: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|n| !all.iter().any(|w| w.name == *n))
        .collect();
    if !unknown.is_empty() {
        let known: Vec<&str> = all.iter().map(|w| w.name.as_str()).collect();
        return Err(format!(
            "--only: unknown workload(s) {} (the suite has: {})",
            unknown.join(", "),
            known.join(", ")
        ));
    }
    Ok(all
        .into_iter()
        .filter(|w| wanted.contains(&w.name.as_str()))
        .collect())
}

/// Writes the report and the chart next to it; returns the chart's path.
fn write_outputs(out: &Path, markdown: &str, chart: &str) -> Result<PathBuf, String> {
    let dir = out
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    fs::write(out, markdown).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let chart_path = dir.join(chart_file(out));
    fs::write(&chart_path, chart)
        .map_err(|e| format!("cannot write {}: {e}", chart_path.display()))?;
    Ok(chart_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_report_has_a_chart_of_its_own() {
        assert_eq!(chart_file(Path::new("benches/RESULTS.md")), "results.svg");
        assert_eq!(
            chart_file(Path::new("benches/RESULTS-jit.md")),
            "results-jit.svg"
        );
        assert_eq!(
            chart_file(Path::new("RESULTS-quick.md")),
            "results-quick.svg"
        );
    }
}
