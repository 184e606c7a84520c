//! Runs every selected workload in every mode, reporting progress on stderr.
//! Per workload the timed runs of the modes are interleaved round-robin.

use crate::jit_latency;
use crate::l2_throughput;
use crate::measure::{self, Timed};
use crate::modes::{self, Mode, Tools};
use crate::numfmt;
use crate::results::{Outcome, Results, WorkloadResult};
use crate::rounds::Rounds;
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
    pub skip_l2: bool,
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
    let l2 = (!plan.skip_l2).then(|| {
        eprintln!("L2 compile server throughput");
        l2_throughput::measure(&plan.tools.naruby, plan.scratch, plan.quick)
    });
    Results {
        workloads,
        startup,
        l2,
    }
}

/// Sets every mode up and warms it, then times the ready modes in
/// interleaved rounds (see `rounds`); each mode's summary follows the rounds.
fn run_workload(plan: &Plan, workload: &Workload, prepared: &Prepared) -> WorkloadResult {
    let (slots, aot_build) = get_all_ready(plan, prepared);
    let ready: Vec<(Mode, &Timed)> = slots
        .iter()
        .filter_map(|(mode, s)| s.as_ref().ok().map(|t| (*mode, t)))
        .collect();
    // the JIT's first runs carry `--stats`: their latency is read off them
    let jit_first = ready.iter().position(|(mode, _)| *mode == Mode::JitCold);
    let timed: Vec<&Timed> = ready.iter().map(|(_, t)| *t).collect();
    let (outcomes, reports) = time_interleaved(plan, &timed, &prepared.expect, jit_first);
    // no reports (the mode did not run): no latency
    let runs: Vec<_> = reports.iter().map(|r| jit_latency::swaps(r)).collect();
    let jit_latency = jit_latency::summarize(&runs);
    let mut timed = outcomes.into_iter();
    let modes = slots
        .into_iter()
        .map(|(mode, slot)| {
            let outcome = match slot {
                Ok(_) => timed.next().expect("one outcome per ready mode"),
                Err(outcome) => outcome,
            };
            eprintln!("  {:<19} {}", mode.name(), summary(&outcome));
            (mode, outcome)
        })
        .collect();
    WorkloadResult {
        workload: workload.clone(),
        modes,
        aot_build,
        jit_latency,
    }
}

/// A mode, and what its setup left to time (`Err`: its final outcome).
type Slot = (Mode, Result<Timed, Outcome>);

/// Every mode's setup and warm-up run, in suite order, and the AOT build's
/// outcome. The AOT build is timed, so it goes first and alone. The JIT's
/// warm store then waits seconds for its daemon to finish and settle (idle,
/// mostly), so the other modes get ready meanwhile: none of that is timed,
/// and every timed round starts after both are done.
fn get_all_ready(plan: &Plan, prepared: &Prepared) -> (Vec<Slot>, Outcome) {
    let mut aot_build = Outcome::Skipped;
    let aot = get_ready(plan, Mode::Aot, prepared, &mut aot_build);
    let (jit_warm, mut others) = std::thread::scope(|s| {
        let jit_warm = s.spawn(|| get_ready(plan, Mode::JitWarm, prepared, &mut Outcome::Skipped));
        let others: Vec<Slot> = Mode::ALL
            .into_iter()
            .filter(|m| !matches!(m, Mode::Aot | Mode::JitWarm))
            .map(|mode| (mode, get_ready(plan, mode, prepared, &mut Outcome::Skipped)))
            .collect();
        let jit_warm = jit_warm.join().unwrap_or_else(|_| {
            Err(Outcome::Failed {
                detail: "the JIT warm-store setup panicked".into(),
            })
        });
        (jit_warm, others)
    });
    others.push((Mode::Aot, aot));
    others.push((Mode::JitWarm, jit_warm));
    let order = |m: &Mode| Mode::ALL.iter().position(|a| a == m);
    others.sort_by_key(|(m, _)| order(m));
    (others, aot_build)
}

/// The mode's setup and warm-up run; `Err` is the mode's final outcome.
fn get_ready(
    plan: &Plan,
    mode: Mode,
    prepared: &Prepared,
    aot_build: &mut Outcome,
) -> Result<Timed, Outcome> {
    if plan.skipped.contains(&mode) {
        return Err(Outcome::Skipped);
    }
    let setup = modes::prepare(mode, plan.tools, prepared);
    if let Some(build) = setup.build {
        eprintln!("  {:<19} {}", "aot build", summary(&build));
        *aot_build = build;
    }
    let timed = setup.timed?;
    measure::warm_up(&timed, &prepared.expect, plan.tools.timeout)?;
    Ok(timed)
}

/// `--runs` rounds, each one timed run of every ready mode in suite order;
/// also the stderr of each successful run of mode `keep`.
fn time_interleaved(
    plan: &Plan,
    ready: &[&Timed],
    expect: &str,
    keep: Option<usize>,
) -> (Vec<Outcome>, Vec<String>) {
    let runs = plan.tools.runs;
    let mut rounds = Rounds::new(ready.len());
    let mut kept = Vec::new();
    for round in 1..=runs {
        if rounds.still_in() == 0 {
            break;
        }
        let started = Instant::now();
        rounds.round(|i| {
            let finished = measure::time_once(ready[i], expect, plan.tools.timeout)?;
            if keep == Some(i) {
                kept.push(finished.stderr);
            }
            Ok(finished.seconds)
        });
        eprintln!(
            "  round {round}/{runs}: {} mode(s) timed in {:.1} s",
            rounds.still_in(),
            started.elapsed().as_secs_f64()
        );
    }
    (rounds.outcomes(), kept)
}
