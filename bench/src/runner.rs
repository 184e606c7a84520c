//! Runs every selected workload in every mode, reporting progress on stderr.

use crate::measure;
use crate::modes::{self, Mode, Tools};
use crate::numfmt;
use crate::results::{Outcome, Results, WorkloadResult};
use crate::startup;
use crate::suite::{Prepared, Workload};
use std::path::Path;
use std::time::Instant;

/// What to measure.
pub struct Plan<'a> {
    pub jobs: &'a [(Workload, Prepared)],
    pub tools: &'a Tools,
    pub skipped: &'a [Mode],
    pub skip_startup: bool,
    pub quick: bool,
    pub scratch: &'a Path,
}

fn summary(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Timed(stats) => format!(
            "{} s (median of {})",
            numfmt::time_with_spread(stats),
            stats.samples
        ),
        Outcome::Wrong { got, .. } => format!("WRONG OUTPUT `{got}`"),
        Outcome::Failed { detail } => format!("FAILED: {detail}"),
        Outcome::Unavailable(why) => format!("n/a ({why})"),
        Outcome::Skipped => "skipped".into(),
    }
}

pub fn run(plan: &Plan) -> Results {
    let total = plan.jobs.len();
    let mut workloads = Vec::with_capacity(total);
    for (index, (workload, prepared)) in plan.jobs.iter().enumerate() {
        let (size, _) = workload.scaled(plan.quick);
        eprintln!(
            "[{}/{total}] {} ({}, size {size})",
            index + 1,
            workload.name,
            workload.group
        );
        let started = Instant::now();
        workloads.push(run_workload(plan, workload, prepared));
        eprintln!(
            "  ({} done in {:.1} s)",
            workload.name,
            started.elapsed().as_secs_f64()
        );
    }
    let startup = if plan.skip_startup {
        None
    } else {
        eprintln!("start-up: naruby -e '{}'", startup::PROGRAM);
        let measured = startup::measure(plan.tools, plan.scratch);
        eprintln!("  plain    {}", summary(&measured.plain));
        eprintln!("  default  {}", summary(&measured.default));
        Some(measured)
    };
    Results { workloads, startup }
}

fn run_workload(plan: &Plan, workload: &Workload, prepared: &Prepared) -> WorkloadResult {
    let mut result = WorkloadResult {
        workload: workload.clone(),
        modes: Vec::new(),
        aot_build: Outcome::Skipped,
    };
    for mode in Mode::ALL {
        let outcome = if plan.skipped.contains(&mode) {
            Outcome::Skipped
        } else {
            let setup = modes::prepare(mode, plan.tools, prepared);
            if let Some(build) = setup.build {
                eprintln!("  {:<19} {}", "aot build", summary(&build));
                result.aot_build = build;
            }
            match setup.timed {
                Ok(timed) => measure::time(
                    &timed,
                    &prepared.expect,
                    plan.tools.runs,
                    plan.tools.timeout,
                ),
                Err(outcome) => outcome,
            }
        };
        eprintln!("  {:<19} {}", mode.name(), summary(&outcome));
        result.modes.push((mode, outcome));
    }
    result
}
