//! `naruby-difftest`: generate random programs, run them in every naruby
//! mode and CRuby, and minimize and record every disagreement.

use clap::Parser;
use naruby_difftest::campaign::{self, Config};
use naruby_difftest::compare::{ruby_applies, signature};
use naruby_difftest::modes::{run_modes, Mode, Tools};
use naruby_difftest::{gen, locate, print};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(about = "Differential fuzzing of naruby across its execution modes and CRuby")]
struct Cli {
    /// number of programs to generate and run
    #[arg(long, default_value_t = 100)]
    count: u64,
    /// base seed; program i gets its own seed derived from it
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// programs run in parallel (at most 2 on a shared machine)
    #[arg(short = 'j', long, default_value_t = 2)]
    jobs: usize,
    /// modes besides plain: compile (and the default run after it), pg
    /// (and the default run after it), jit (twice, on one store for the
    /// whole run), aot (both AOT builds), ruby
    #[arg(long, value_delimiter = ',', default_value = "compile,pg,jit,aot,ruby")]
    modes: Vec<String>,
    /// build and run AOT executables for every k-th program (0: never)
    #[arg(long, default_value_t = 1)]
    aot_every: u64,
    /// do not compare with CRuby
    #[arg(long)]
    no_ruby: bool,
    /// report mismatches without minimizing them
    #[arg(long)]
    no_minimize: bool,
    /// predicate runs allowed per minimization
    #[arg(long, default_value_t = 400)]
    budget: usize,
    /// minimized programs kept per distinct disagreement
    #[arg(long, default_value_t = 2)]
    per_signature: usize,
    /// where minimized programs go
    #[arg(long, default_value = "difftest/findings")]
    findings: PathBuf,
    /// the naruby binary (default: next to this one, else $NARUBY_BIN)
    #[arg(long)]
    naruby: Option<PathBuf>,
    /// seconds one run may take before it counts as hung (runs that compile
    /// C get 20 times as long)
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// print the program with this (program) seed and exit
    #[arg(long)]
    print: Option<u64>,
    /// run this file (any program) in the selected modes, show each mode's
    /// outcome and whether they agree; CRuby takes part unless --no-ruby
    #[arg(long)]
    file: Option<PathBuf>,
    /// run just these program seeds (as printed for a mismatch) instead of
    /// --count programs
    #[arg(long, value_delimiter = ',')]
    replay: Vec<u64>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match real_main(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("naruby-difftest: {e}");
            ExitCode::from(2)
        }
    }
}

/// `--file`: every selected mode on one given program.
fn check_file(
    file: &std::path::Path,
    tools: &Tools,
    modes: &[Mode],
    aot: bool,
    work: &std::path::Path,
) -> Result<ExitCode, String> {
    let source = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let mut modes = modes.to_vec();
    if aot {
        modes.extend([Mode::Aot, Mode::AotAfterPg]);
    }
    if tools.ruby.is_some() {
        modes.push(Mode::Ruby);
    }
    let mut results = run_modes(tools, &source, &modes, work);
    // like a campaign: no CRuby verdict after a naruby-only error
    if !ruby_applies(true, &results[0].1) && results.iter().any(|(m, _)| *m == Mode::Ruby) {
        results.retain(|(m, _)| *m != Mode::Ruby);
        println!("(naruby-only error: CRuby not compared)");
    }
    for (mode, o) in &results {
        println!(
            "== {} (status {})\n{}{}",
            mode.name(),
            o.status,
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }
    match signature(&results) {
        None => {
            println!("all modes agree");
            Ok(ExitCode::SUCCESS)
        }
        Some(sig) => {
            println!("disagreement: {sig}");
            Ok(ExitCode::from(1))
        }
    }
}

fn parse_modes(names: &[String]) -> Result<Vec<Mode>, String> {
    let mut modes = vec![Mode::Plain];
    for name in names {
        match name.as_str() {
            "plain" | "aot" | "ruby" => {}
            "compile" => modes.extend([Mode::Compile, Mode::DefaultAfterCompile]),
            "pg" => modes.extend([Mode::Pg, Mode::DefaultAfterPg]),
            "jit" => modes.extend([Mode::Jit, Mode::JitAgain]),
            other => {
                return Err(format!(
                    "unknown mode {other:?} (plain, compile, pg, jit, aot, ruby)"
                ))
            }
        }
    }
    Ok(modes)
}

fn real_main(cli: Cli) -> Result<ExitCode, String> {
    if let Some(seed) = cli.print {
        print!("{}", print::program(&gen::generate(seed).program));
        return Ok(ExitCode::SUCCESS);
    }
    let naruby = locate::naruby(cli.naruby)?;
    let modes = parse_modes(&cli.modes)?;
    let want_ruby = !cli.no_ruby && cli.modes.iter().any(|m| m == "ruby");
    let want_aot = cli.modes.iter().any(|m| m == "aot");
    let ruby = if want_ruby { locate::ruby() } else { None };
    if want_ruby && ruby.is_none() {
        eprintln!("naruby-difftest: ruby not found; CRuby is not compared");
    }
    let work = tempfile::tempdir().map_err(|e| format!("cannot create a work directory: {e}"))?;
    if let Some(file) = &cli.file {
        let tools = Tools {
            naruby,
            ruby,
            limit: Duration::from_secs(cli.timeout),
        };
        return check_file(file, &tools, &modes, want_aot, work.path());
    }
    let cfg = Config {
        count: cli.count,
        seed: cli.seed,
        replay: cli.replay,
        jobs: cli.jobs.clamp(1, 2),
        modes,
        aot_every: if want_aot { cli.aot_every } else { 0 },
        ruby: ruby.is_some(),
        minimize: !cli.no_minimize,
        budget: cli.budget,
        per_signature: cli.per_signature,
        findings: cli.findings,
        tools: Tools {
            naruby,
            ruby,
            limit: Duration::from_secs(cli.timeout),
        },
        work: work.path().to_path_buf(),
        progress: true,
    };
    let start = Instant::now();
    let stats = campaign::run(&cfg);
    println!(
        "programs: {} (seed {}, {:.0} s), Ruby-compatible: {}",
        stats.programs,
        cfg.seed,
        start.elapsed().as_secs_f64(),
        stats.ruby_flavour
    );
    println!("runs per mode:");
    for (mode, n) in &stats.runs {
        println!("  {mode:24} {n}");
    }
    println!("plain runs ended:");
    for (how, n) in &stats.endings {
        println!("  {how:24} {n}");
    }
    if stats.mismatches.is_empty() {
        println!("mismatches: none");
        return Ok(ExitCode::SUCCESS);
    }
    println!("mismatches:");
    for (sig, seeds) in &stats.mismatches {
        let shown: Vec<String> = seeds.iter().take(5).map(u64::to_string).collect();
        println!(
            "  {} program(s): {sig}\n    seeds {}",
            seeds.len(),
            shown.join(" ")
        );
    }
    for name in &stats.written {
        println!("  written: {}", cfg.findings.join(name).display());
    }
    Ok(ExitCode::from(1))
}
