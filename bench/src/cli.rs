//! Command-line options and their resolution into settings.

use crate::modes::Mode;
use clap::Parser;
use std::path::PathBuf;
use std::time::Duration;

/// Times naruby's execution modes against CRuby, YJIT and C on the
/// benchmark suite, and writes RESULTS.md with a ratio chart.
#[derive(Parser, Debug)]
#[command(name = "naruby-bench", about, long_about = None)]
pub struct Cli {
    /// Scaled-down sizes: a smoke run of the whole suite (results go to
    /// target/bench/RESULTS-quick.md unless --out is given)
    #[arg(long)]
    pub quick: bool,

    /// Timed runs per mode, after one warm-up run (default 5; 1 with --quick)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub runs: Option<u32>,

    /// Run only these workloads
    #[arg(long, value_name = "NAME[,NAME]", value_delimiter = ',')]
    pub only: Vec<String>,

    /// Skip these modes: plain, store-cold, store-warm, store-plain,
    /// store-compile-warm, pg, jit-cold, jit-warm, aot, c, ruby, yjit,
    /// startup, l2 (the L2 compile server's throughput)
    #[arg(long, value_name = "MODE[,MODE]", value_delimiter = ',')]
    pub skip_mode: Vec<String>,

    /// Suite directory with suite.txt and workloads/ (default: the
    /// workspace's benches/)
    #[arg(long, value_name = "DIR")]
    pub suite: Option<PathBuf>,

    /// The naruby binary to measure (default: build it with
    /// `cargo build --release --bin naruby`)
    #[arg(long, value_name = "PATH")]
    pub naruby: Option<PathBuf>,

    /// Report file; its chart (results.svg for RESULTS.md) is written next to it (default:
    /// SUITE/RESULTS.md, with --quick target/bench/RESULTS-quick.md)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// C compiler for the C references and --aot (default: $CC, else cc)
    #[arg(long, value_name = "CC")]
    pub cc: Option<String>,

    /// Seconds before a single run is killed as hung (default 600; 120 with --quick)
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: Option<u64>,
}

/// The pseudo-mode `--skip-mode` accepts for the start-up measurement.
pub const STARTUP: &str = "startup";
/// The pseudo-mode `--skip-mode` accepts for the L2 throughput measurement.
pub const L2: &str = "l2";

/// Settings that follow from the options alone.
#[derive(Debug, PartialEq)]
pub struct Settings {
    pub runs: usize,
    pub skipped: Vec<Mode>,
    pub skip_startup: bool,
    pub skip_l2: bool,
    pub timeout: Duration,
    pub cc: String,
}

impl Cli {
    /// Checks mode names and fills in defaults; `env_cc` is `$CC`.
    pub fn settings(&self, env_cc: Option<String>) -> Result<Settings, String> {
        let mut skipped = Vec::new();
        let mut skip_startup = false;
        let mut skip_l2 = false;
        for name in &self.skip_mode {
            let name = name.trim();
            if name == STARTUP {
                skip_startup = true;
            } else if name == L2 {
                skip_l2 = true;
            } else if let Some(mode) = Mode::parse(name) {
                skipped.push(mode);
            } else {
                let known: Vec<&str> = Mode::ALL.iter().map(|m| m.name()).collect();
                return Err(format!(
                    "unknown mode `{name}` in --skip-mode (known: {}, {STARTUP}, {L2})",
                    known.join(", ")
                ));
            }
        }
        let runs = self
            .runs
            .map(|n| n as usize)
            .unwrap_or(if self.quick { 1 } else { 5 });
        let timeout = self.timeout.unwrap_or(if self.quick { 120 } else { 600 });
        let cc = self
            .cc
            .clone()
            .or(env_cc.filter(|c| !c.trim().is_empty()))
            .unwrap_or_else(|| "cc".to_string());
        Ok(Settings {
            runs,
            skipped,
            skip_startup,
            skip_l2,
            timeout: Duration::from_secs(timeout),
            cc,
        })
    }
}

/// The command line as typed, quoting words a shell would split.
pub fn command_line(args: &[String]) -> String {
    let mut words = vec!["naruby-bench".to_string()];
    words.extend(args.iter().skip(1).map(|a| shell_word(a)));
    words.join(" ")
}

fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./,=:+@".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("naruby-bench").chain(args.iter().copied())).unwrap()
    }

    #[test]
    fn defaults_depend_on_quick() {
        let full = parse(&[]).settings(None).unwrap();
        assert_eq!((full.runs, full.timeout.as_secs()), (5, 600));
        assert_eq!(full.cc, "cc");
        let quick = parse(&["--quick"]).settings(Some("clang".into())).unwrap();
        assert_eq!((quick.runs, quick.cc.as_str()), (1, "clang"));
        let explicit =
            parse(&["--quick", "--runs", "7", "--cc", "gcc"]).settings(Some("clang".into()));
        assert_eq!(
            explicit.map(|s| (s.runs, s.cc)).unwrap(),
            (7, "gcc".to_string())
        );
    }

    #[test]
    fn skip_modes_are_checked() {
        let s = parse(&["--skip-mode", "ruby,yjit,startup,pg"])
            .settings(None)
            .unwrap();
        assert_eq!(s.skipped, vec![Mode::Ruby, Mode::Yjit, Mode::Pg]);
        assert!(s.skip_startup && !s.skip_l2);
        assert!(
            parse(&["--skip-mode", "l2"])
                .settings(None)
                .unwrap()
                .skip_l2
        );
        let err = parse(&["--skip-mode", "jit"]).settings(None).unwrap_err();
        assert!(err.contains("unknown mode `jit`"), "{err}");
        assert!(Cli::try_parse_from(["naruby-bench", "--runs", "0"]).is_err());
    }

    #[test]
    fn command_line_quotes_when_needed() {
        let args: Vec<String> = ["/x/naruby-bench", "--only", "prime,fib", "--cc", "gcc -m64"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            command_line(&args),
            "naruby-bench --only prime,fib --cc 'gcc -m64'"
        );
    }
}
