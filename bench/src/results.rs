//! What a benchmark run produced: one outcome per workload and mode.

use crate::jit_latency;
use crate::l2_throughput;
use crate::modes::Mode;
use crate::stats::Stats;
use crate::suite::Workload;

/// The result of timing one mode (or of one build).
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Timed(Stats),
    /// The program ran but printed the wrong line; it was not timed.
    Wrong {
        got: String,
        detail: String,
    },
    /// The program or its build failed (status, timeout, spawn error).
    Failed {
        detail: String,
    },
    /// The mode cannot run on this machine (e.g. no `ruby`).
    Unavailable(String),
    /// Excluded with `--skip-mode`.
    Skipped,
}

impl Outcome {
    pub fn stats(&self) -> Option<&Stats> {
        match self {
            Outcome::Timed(stats) => Some(stats),
            _ => None,
        }
    }

    pub fn median(&self) -> Option<f64> {
        self.stats().map(|s| s.median)
    }

    /// Wrong output or a failed run: the harness exits non-zero.
    pub fn is_failure(&self) -> bool {
        matches!(self, Outcome::Wrong { .. } | Outcome::Failed { .. })
    }

    /// The explanation shown in the report's problems section.
    pub fn problem(&self) -> Option<String> {
        match self {
            Outcome::Wrong { got, detail } => Some(format!("wrong output `{got}`\n{detail}")),
            Outcome::Failed { detail } => Some(detail.clone()),
            _ => None,
        }
    }
}

/// Everything measured for one workload.
#[derive(Clone, Debug)]
pub struct WorkloadResult {
    pub workload: Workload,
    pub modes: Vec<(Mode, Outcome)>,
    /// Time of `naruby --aot` itself.
    pub aot_build: Outcome,
    /// What the `--stats` reports of the `--jit` first runs say of their
    /// swaps (`None` when that mode did not run).
    pub jit_latency: Option<jit_latency::Latency>,
}

impl WorkloadResult {
    pub fn outcome(&self, mode: Mode) -> &Outcome {
        self.modes
            .iter()
            .find(|(m, _)| *m == mode)
            .map(|(_, outcome)| outcome)
            .unwrap_or(&Outcome::Skipped)
    }
}

/// Start-up time of a one-line program.
#[derive(Clone, Debug)]
pub struct Startup {
    pub plain: Outcome,
    /// Default mode, binding a warm private code store.
    pub default: Outcome,
}

/// A whole harness run.
#[derive(Clone, Debug)]
pub struct Results {
    pub workloads: Vec<WorkloadResult>,
    pub startup: Option<Startup>,
    pub l2: Option<l2_throughput::Throughput>,
}

impl Results {
    pub fn find(&self, name: &str) -> Option<&WorkloadResult> {
        self.workloads.iter().find(|w| w.workload.name == name)
    }

    /// Every failure as (where, explanation), in run order.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut found = Vec::new();
        for w in &self.workloads {
            let name = &w.workload.name;
            for (mode, outcome) in &w.modes {
                if let Some(text) = outcome.problem() {
                    found.push((format!("{name} / {}", mode.name()), text));
                }
            }
            if let Some(text) = w.aot_build.problem() {
                found.push((format!("{name} / aot build"), text));
            }
        }
        if let Some(startup) = &self.startup {
            for (label, outcome) in [("plain", &startup.plain), ("default", &startup.default)] {
                if let Some(text) = outcome.problem() {
                    found.push((format!("startup / {label}"), text));
                }
            }
        }
        for (route, sessions, rate) in self.l2.iter().flat_map(|t| &t.rows) {
            if let l2_throughput::Rate::Failed(why) = rate {
                found.push((
                    format!("l2 / {} / {sessions} sessions", route.label()),
                    why.clone(),
                ));
            }
        }
        found
    }
}
