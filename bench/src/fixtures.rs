//! Synthetic results for unit tests (no processes are spawned).

use crate::modes::Mode;
use crate::results::{Outcome, WorkloadResult};
use crate::stats::Stats;
use crate::suite::{Group, Workload};

pub fn timed(median: f64) -> Outcome {
    Outcome::Timed(Stats {
        median,
        min: median,
        max: median,
        samples: 1,
    })
}

/// A synthetic result with the given (mode, median) pairs.
pub fn sample(name: &str, group: Group, times: &[(Mode, f64)]) -> WorkloadResult {
    WorkloadResult {
        workload: Workload {
            name: name.into(),
            group,
            size: "1".into(),
            quick: "1".into(),
            expect: "1".into(),
            quick_expect: "1".into(),
            description: String::new(),
        },
        modes: times.iter().map(|&(m, t)| (m, timed(t))).collect(),
        aot_build: Outcome::Skipped,
        jit_latency: None,
    }
}
