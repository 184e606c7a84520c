//! The project's performance targets, checked against measured results.

use crate::modes::Mode;
use crate::numfmt;
use crate::ratios::{compile_overhead_ms, Cell, Ratio};
use crate::results::{Outcome, Results, WorkloadResult};
use crate::suite::Group;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Met,
    Missed,
    NotRun,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Met => "MET",
            Verdict::Missed => "MISSED",
            Verdict::NotRun => "not run",
        })
    }
}

/// One target with what was measured for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub goal: String,
    pub measured: String,
    pub verdict: Verdict,
}

fn not_run(goal: String, why: impl Into<String>) -> Target {
    Target {
        goal,
        measured: why.into(),
        verdict: Verdict::NotRun,
    }
}

/// The call-chain workloads on which the `--pg` second run must beat the
/// `--compile`-primed warm store.
pub const CALL_CHAINS: [&str; 5] = ["chain10", "chain20", "chain40", "compose", "const_chain"];

/// Evaluates every target; workloads absent from `results` give "not run".
pub fn evaluate(results: &Results) -> Vec<Target> {
    let mut targets = vec![
        every_in_group(results, Group::Loop, Ratio::AotOverC, 1.10),
        every_in_group(results, Group::Recursive, Ratio::AotOverC, 2.5),
        geomean_at_most(results, Ratio::AotOverC, 1.5),
        geomean_at_most(results, Ratio::PlainOverRuby, 0.5),
        never_slower(results, Ratio::PlainOverRuby),
        warm_speedup(results, "prime", 10.0),
        warm_speedup(results, "thousand", 2.0),
        pg_speedup(results, &CALL_CHAINS, 1.5),
        jit_at_most(
            results,
            "prime",
            Ratio::JitColdOverPlain,
            1.0 / 8.0,
            "≥ 8× faster than plain",
        ),
        jit_at_most(
            results,
            "prime",
            Ratio::JitColdOverWarm,
            1.2,
            "within 1.2× of the 2nd run",
        ),
        jit_at_most(
            results,
            "thousand",
            Ratio::JitColdOverPlain,
            1.0,
            "faster than plain",
        ),
        jit_at_most(
            results,
            "thousand",
            Ratio::JitWarmOverPlain,
            1.0,
            "faster than plain",
        ),
        aot_build_under(results, "prime", 1.0),
        compile_overhead_under(results, "prime", 20.0),
    ];
    targets.extend(startup_targets(results, 5.0));
    targets
}

/// The ratio for each workload selected by `keep`, by name.
fn cells(
    results: &Results,
    ratio: Ratio,
    keep: impl Fn(&WorkloadResult) -> bool,
) -> Vec<(&str, Cell)> {
    results
        .workloads
        .iter()
        .filter(|w| keep(w))
        .map(|w| (w.workload.name.as_str(), ratio.of(w)))
        .collect()
}

/// Which side of its limit a ratio must stay on.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Bound {
    AtMost(f64),
    AtLeast(f64),
}

impl Bound {
    fn holds(self, v: f64) -> bool {
        match self {
            Bound::AtMost(limit) => v <= limit,
            Bound::AtLeast(limit) => v >= limit,
        }
    }

    /// The value furthest towards (or past) the limit, its label, and the
    /// word for the values past the limit.
    fn worst<'a>(self, values: &[(&'a str, f64)]) -> Option<(&'a str, f64, &'static str)> {
        let by_value = |a: &&(&str, f64), b: &&(&str, f64)| a.1.total_cmp(&b.1);
        match self {
            Bound::AtMost(_) => values.iter().max_by(by_value).map(|&(n, v)| (n, v, "max")),
            Bound::AtLeast(_) => values.iter().min_by(by_value).map(|&(n, v)| (n, v, "min")),
        }
    }

    fn past_word(self) -> &'static str {
        match self {
            Bound::AtMost(_) => "over",
            Bound::AtLeast(_) => "under",
        }
    }
}

/// Checks `ratio ≤ limit` on every listed workload.
fn all_at_most(goal: String, cells: &[(&str, Cell)], limit: f64, none_run: &str) -> Target {
    all_within(goal, cells, Bound::AtMost(limit), none_run)
}

/// Checks that the ratio stays within `bound` on every listed workload.
fn all_within(goal: String, cells: &[(&str, Cell)], bound: Bound, none_run: &str) -> Target {
    if cells.is_empty() {
        return not_run(goal, none_run);
    }
    let failed: Vec<&str> = cells
        .iter()
        .filter(|(_, c)| *c == Cell::Failed)
        .map(|(n, _)| *n)
        .collect();
    let values: Vec<(&str, f64)> = cells
        .iter()
        .filter_map(|(n, c)| c.value().map(|v| (*n, v)))
        .collect();
    let Some((worst_name, worst, extreme)) = bound.worst(&values) else {
        if failed.is_empty() {
            return not_run(goal, "modes not run");
        }
        return Target {
            goal,
            measured: format!("failed: {}", failed.join(", ")),
            verdict: Verdict::Missed,
        };
    };
    let past: Vec<&str> = values
        .iter()
        .filter(|(_, v)| !bound.holds(*v))
        .map(|(n, _)| *n)
        .collect();
    let mut measured = format!(
        "{extreme} {} ({worst_name}) of {} workload(s)",
        numfmt::ratio(worst),
        values.len()
    );
    if !past.is_empty() {
        measured.push_str(&format!("; {}: {}", bound.past_word(), past.join(", ")));
    }
    finish(goal, measured, past.is_empty(), &failed)
}

/// A target whose check came out `ok` unless some workload failed; failed
/// workloads are named in the measured text.
fn finish(goal: String, mut measured: String, ok: bool, failed: &[&str]) -> Target {
    if !failed.is_empty() {
        measured.push_str(&format!("; failed: {}", failed.join(", ")));
    }
    let verdict = if ok && failed.is_empty() {
        Verdict::Met
    } else {
        Verdict::Missed
    };
    Target {
        goal,
        measured,
        verdict,
    }
}

fn every_in_group(results: &Results, group: Group, ratio: Ratio, limit: f64) -> Target {
    let goal = format!(
        "{} ≤ {limit:.2} on every `{group}` workload",
        ratio.heading()
    );
    let cells = cells(results, ratio, |w| w.workload.group == group);
    let target = all_at_most(goal, &cells, limit, &format!("no `{group}` workloads run"));
    note_spread(target, results, ratio, limit, |w| w.workload.group == group)
}

/// Appends to `target` the workloads whose runs spread so widely that the
/// ratio's extremes (`Ratio::range`) lie on both sides of `limit`: there the
/// verdict says more about the machine's noise than about the code.
fn note_spread(
    mut target: Target,
    results: &Results,
    ratio: Ratio,
    limit: f64,
    keep: impl Fn(&WorkloadResult) -> bool,
) -> Target {
    let straddling: Vec<String> = results
        .workloads
        .iter()
        .filter(|w| keep(w))
        .filter_map(|w| {
            let (lo, hi) = ratio.range(w)?;
            (lo <= limit && limit <= hi).then(|| {
                format!(
                    "{} {}–{}",
                    w.workload.name,
                    numfmt::ratio(lo),
                    numfmt::ratio(hi)
                )
            })
        })
        .collect();
    if !straddling.is_empty() {
        target.measured.push_str(&format!(
            "; the runs' spread puts the limit within reach of: {}",
            straddling.join(", ")
        ));
    }
    target
}

fn never_slower(results: &Results, ratio: Ratio) -> Target {
    let (fast, slow) = ratio.modes();
    let goal = format!(
        "{} never slower than {}: {} ≤ 1.00 on every workload",
        fast.heading(),
        slow.heading(),
        ratio.heading()
    );
    let cells = cells(results, ratio, |_| true);
    let target = all_at_most(goal, &cells, 1.0, "no workloads run");
    note_spread(target, results, ratio, 1.0, |_| true)
}

fn geomean_at_most(results: &Results, ratio: Ratio, limit: f64) -> Target {
    let goal = format!("{} geomean ≤ {limit:.2}", ratio.heading());
    let cells = cells(results, ratio, |_| true);
    let failed: Vec<&str> = cells
        .iter()
        .filter(|(_, c)| *c == Cell::Failed)
        .map(|(n, _)| *n)
        .collect();
    let count = cells.iter().filter(|(_, c)| c.value().is_some()).count();
    let Some(mean) = ratio.geomean(&results.workloads) else {
        if failed.is_empty() {
            return not_run(goal, "no workload has both modes");
        }
        return Target {
            goal,
            measured: format!("failed: {}", failed.join(", ")),
            verdict: Verdict::Missed,
        };
    };
    let measured = format!("{} over {count} workloads", numfmt::ratio(mean));
    finish(goal, measured, mean <= limit, &failed)
}

/// A target on one named workload's single value.
fn on_workload(
    goal: String,
    results: &Results,
    name: &str,
    cell: impl Fn(&WorkloadResult) -> Cell,
    describe: impl Fn(f64) -> String,
    met: impl Fn(f64) -> bool,
) -> Target {
    let Some(result) = results.find(name) else {
        return not_run(goal, format!("`{name}` not run"));
    };
    match cell(result) {
        Cell::Absent => not_run(goal, "modes not run"),
        Cell::Failed => Target {
            goal,
            measured: "failed".into(),
            verdict: Verdict::Missed,
        },
        Cell::Value(v) => Target {
            goal,
            measured: describe(v),
            verdict: if met(v) {
                Verdict::Met
            } else {
                Verdict::Missed
            },
        },
    }
}

fn warm_speedup(results: &Results, name: &str, factor: f64) -> Target {
    let limit = 1.0 / factor;
    let target = on_workload(
        format!(
            "store warm ≥ {factor}× faster than plain on `{name}` (ratio ≤ {})",
            numfmt::ratio(limit)
        ),
        results,
        name,
        |w| Ratio::WarmOverPlain.of(w),
        |v| format!("{} ({}× faster)", numfmt::ratio(v), numfmt::sig3(1.0 / v)),
        |v| v <= limit,
    );
    note_spread(target, results, Ratio::WarmOverPlain, limit, |w| {
        w.workload.name == name
    })
}

/// A JIT ratio at most `limit` on one workload (`what` says it in words).
fn jit_at_most(results: &Results, name: &str, ratio: Ratio, limit: f64, what: &str) -> Target {
    let (a, _) = ratio.modes();
    let target = on_workload(
        format!(
            "{} {what} on `{name}` ({} ≤ {})",
            a.heading(),
            ratio.heading(),
            numfmt::ratio(limit)
        ),
        results,
        name,
        |w| ratio.of(w),
        numfmt::ratio,
        |v| v <= limit,
    );
    note_spread(target, results, ratio, limit, |w| w.workload.name == name)
}

/// The `--pg` second run at least `factor` times faster than plain
/// specialized code (store plain code / pg ≥ factor) on each of `names`;
/// names not run are listed.
fn pg_speedup(results: &Results, names: &[&str], factor: f64) -> Target {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    let goal = format!(
        "{} ≥ {factor}× faster than {} on every call-chain workload ({}): {} ≥ {}",
        Mode::Pg.heading(),
        Mode::StorePlain.heading(),
        quoted.join(", "),
        Ratio::PlainCodeOverPg.heading(),
        numfmt::ratio(factor)
    );
    let cells = cells(results, Ratio::PlainCodeOverPg, |w| {
        names.contains(&w.workload.name.as_str())
    });
    let mut target = all_within(
        goal,
        &cells,
        Bound::AtLeast(factor),
        "no call-chain workloads run",
    );
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| results.find(n).is_none())
        .collect();
    if !cells.is_empty() && !missing.is_empty() {
        target
            .measured
            .push_str(&format!("; not run: {}", missing.join(", ")));
    }
    target
}

fn aot_build_under(results: &Results, name: &str, limit_s: f64) -> Target {
    on_workload(
        format!("`--aot` build of `{name}` < {limit_s} s"),
        results,
        name,
        |w| outcome_cell(&w.aot_build),
        |s| format!("{} s", numfmt::sig3(s)),
        |s| s < limit_s,
    )
}

fn compile_overhead_under(results: &Results, name: &str, limit_ms: f64) -> Target {
    on_workload(
        format!("warm `--compile` adds < {limit_ms} ms over store warm on `{name}`"),
        results,
        name,
        compile_overhead_ms,
        |ms| format!("{} ms", numfmt::signed_ms(ms)),
        |ms| ms < limit_ms,
    )
}

fn outcome_cell(outcome: &Outcome) -> Cell {
    match outcome.median() {
        Some(v) => Cell::Value(v),
        None if outcome.is_failure() => Cell::Failed,
        None => Cell::Absent,
    }
}

fn startup_targets(results: &Results, limit_ms: f64) -> Vec<Target> {
    let goal = |label: &str| format!("start-up of a one-line program, {label} ≤ {limit_ms} ms");
    let Some(startup) = &results.startup else {
        return ["plain", "default mode"]
            .into_iter()
            .map(|label| not_run(goal(label), "start-up not measured"))
            .collect();
    };
    [
        ("plain", &startup.plain),
        ("default mode", &startup.default),
    ]
    .into_iter()
    .map(|(label, outcome)| match outcome_cell(outcome) {
        Cell::Value(s) => Target {
            goal: goal(label),
            measured: format!("{} ms", numfmt::sig3(s * 1000.0)),
            verdict: if s * 1000.0 <= limit_ms {
                Verdict::Met
            } else {
                Verdict::Missed
            },
        },
        Cell::Failed => Target {
            goal: goal(label),
            measured: "failed".into(),
            verdict: Verdict::Missed,
        },
        Cell::Absent => not_run(goal(label), "skipped"),
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{sample, timed};
    use crate::results::Startup;

    fn verdict_of(targets: &[Target], prefix: &str) -> (Verdict, String) {
        let t = targets
            .iter()
            .find(|t| t.goal.starts_with(prefix))
            .unwrap_or_else(|| panic!("no target starting with {prefix}"));
        (t.verdict, t.measured.clone())
    }

    fn suite() -> Results {
        use Mode::*;
        let mut prime = sample(
            "prime",
            Group::Loop,
            &[
                (Plain, 0.60),
                (StoreWarm, 0.05),
                (StoreCompileWarm, 0.06),
                (Aot, 0.26),
                (C, 0.25),
                (Ruby, 2.4),
            ],
        );
        prime.aot_build = timed(0.3);
        let fib = sample(
            "fib",
            Group::Recursive,
            &[(Plain, 1.0), (Aot, 0.6), (C, 0.2), (Ruby, 1.5)],
        );
        Results {
            workloads: vec![prime, fib],
            startup: Some(Startup {
                plain: timed(0.002),
                default: timed(0.007),
            }),
            l2: None,
        }
    }

    #[test]
    fn evaluates_every_kind_of_target() {
        let targets = evaluate(&suite());
        let (v, m) = verdict_of(&targets, "AOT/C -O3 ≤ 1.10 on every `loop`");
        assert_eq!(v, Verdict::Met, "{m}");
        assert_eq!(m, "max 1.04 (prime) of 1 workload(s)");
        let (v, m) = verdict_of(&targets, "AOT/C -O3 ≤ 2.50 on every `recursive`");
        assert_eq!(v, Verdict::Missed, "{m}");
        assert!(m.contains("over: fib"), "{m}");
        // geomean of 1.04 and 3.0 is about 1.77
        assert_eq!(verdict_of(&targets, "AOT/C -O3 geomean").0, Verdict::Missed);
        // plain/CRuby: 0.25 and 0.67, geomean 0.41
        assert_eq!(verdict_of(&targets, "plain/CRuby geomean").0, Verdict::Met);
        assert_eq!(
            verdict_of(&targets, "plain never slower than CRuby").0,
            Verdict::Met
        );
        let (v, m) = verdict_of(&targets, "store warm ≥ 10× faster than plain on `prime`");
        assert_eq!(v, Verdict::Met);
        assert!(m.contains("12.0× faster"), "{m}");
        assert_eq!(
            verdict_of(&targets, "store warm ≥ 2× faster than plain on `thousand`").0,
            Verdict::NotRun
        );
        assert_eq!(verdict_of(&targets, "`--aot` build").0, Verdict::Met);
        let (v, m) = verdict_of(&targets, "warm `--compile`");
        assert_eq!(v, Verdict::Met);
        assert_eq!(m, "+10.0 ms");
        assert_eq!(
            verdict_of(&targets, "start-up of a one-line program, plain").0,
            Verdict::Met
        );
        assert_eq!(
            verdict_of(&targets, "start-up of a one-line program, default").0,
            Verdict::Missed
        );
    }

    #[test]
    fn a_limit_within_the_runs_spread_is_noted() {
        let spread = |min: f64, median: f64, max: f64| {
            Outcome::Timed(crate::stats::Stats {
                median,
                min,
                max,
                samples: 3,
            })
        };
        let recursive = "AOT/C -O3 ≤ 2.50 on every `recursive`";
        // fib: 3.00 from medians with no spread; no note
        let (v, m) = verdict_of(&evaluate(&suite()), recursive);
        assert_eq!(
            (v, m.as_str()),
            (
                Verdict::Missed,
                "max 3.00 (fib) of 1 workload(s); over: fib"
            )
        );
        // the same medians with wide runs: 0.4 / 0.3 to 0.8 / 0.15
        let mut results = suite();
        let fib = &mut results.workloads[1];
        fib.modes.retain(|(m, _)| !matches!(m, Mode::Aot | Mode::C));
        fib.modes.push((Mode::Aot, spread(0.4, 0.6, 0.8)));
        fib.modes.push((Mode::C, spread(0.15, 0.2, 0.3)));
        let (v, m) = verdict_of(&evaluate(&results), recursive);
        assert_eq!(v, Verdict::Missed);
        assert!(
            m.ends_with("; the runs' spread puts the limit within reach of: fib 1.33–5.33"),
            "{m}"
        );
        // a spread that stays on one side of the limit is not noted
        let fib = &mut results.workloads[1];
        fib.modes.retain(|(m, _)| !matches!(m, Mode::Aot | Mode::C));
        fib.modes.push((Mode::Aot, spread(0.59, 0.6, 0.61)));
        fib.modes.push((Mode::C, spread(0.19, 0.2, 0.21)));
        let (_, m) = verdict_of(&evaluate(&results), recursive);
        assert!(!m.contains("spread"), "{m}");
    }

    #[test]
    fn failures_miss_and_absences_are_not_run() {
        let mut results = suite();
        results.workloads[0].modes.retain(|(m, _)| *m != Mode::Aot);
        results.workloads[0].modes.push((
            Mode::Aot,
            Outcome::Failed {
                detail: "boom".into(),
            },
        ));
        results
            .workloads
            .retain(|w| w.workload.group == Group::Loop);
        results.startup = None;
        let targets = evaluate(&results);
        let (v, m) = verdict_of(&targets, "AOT/C -O3 ≤ 1.10 on every `loop`");
        assert_eq!(v, Verdict::Missed);
        assert_eq!(m, "failed: prime");
        let (v, m) = verdict_of(&targets, "AOT/C -O3 ≤ 2.50 on every `recursive`");
        assert_eq!(v, Verdict::NotRun);
        assert_eq!(m, "no `recursive` workloads run");
        assert_eq!(verdict_of(&targets, "start-up").0, Verdict::NotRun);
    }

    #[test]
    fn pg_speedup_on_call_chains() {
        use Mode::*;
        let pg_target = "--pg (2nd run) ≥ 1.5× faster than store plain code";
        let (v, m) = verdict_of(&evaluate(&suite()), pg_target);
        assert_eq!(
            (v, m.as_str()),
            (Verdict::NotRun, "no call-chain workloads run")
        );

        let chain10 = sample("chain10", Group::Other, &[(StorePlain, 0.9), (Pg, 0.3)]);
        let compose = sample("compose", Group::Loop, &[(StorePlain, 0.6), (Pg, 0.5)]);
        // Not a call-chain workload: a slow pg run there does not count.
        let prime = sample("prime", Group::Loop, &[(StorePlain, 0.1), (Pg, 1.0)]);
        let mut results = Results {
            workloads: vec![chain10.clone(), prime],
            startup: None,
            l2: None,
        };
        let (v, m) = verdict_of(&evaluate(&results), pg_target);
        assert_eq!(v, Verdict::Met, "{m}");
        assert_eq!(
            m,
            "min 3.00 (chain10) of 1 workload(s); not run: chain20, chain40, compose, const_chain"
        );

        results.workloads.push(compose);
        let (v, m) = verdict_of(&evaluate(&results), pg_target);
        assert_eq!(v, Verdict::Missed, "{m}");
        assert!(
            m.starts_with("min 1.20 (compose) of 2 workload(s); under: compose"),
            "{m}"
        );

        let mut failed = chain10;
        failed.modes.retain(|(mode, _)| *mode != Pg);
        failed.modes.push((
            Pg,
            Outcome::Wrong {
                got: "0".into(),
                detail: String::new(),
            },
        ));
        results.workloads = vec![failed];
        let (v, m) = verdict_of(&evaluate(&results), pg_target);
        assert_eq!(v, Verdict::Missed);
        assert!(m.starts_with("failed: chain10"), "{m}");
    }
}
