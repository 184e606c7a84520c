//! Derived comparisons: time ratios between modes and the warm `--compile`
//! overhead.

use crate::modes::Mode;
use crate::results::{Outcome, WorkloadResult};
use crate::stats::geomean;

/// A derived value for one workload.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell {
    Value(f64),
    /// One of the modes involved failed or printed the wrong output.
    Failed,
    /// One of the modes involved was skipped or is unavailable.
    Absent,
}

impl Cell {
    pub fn value(self) -> Option<f64> {
        match self {
            Cell::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// Combines the medians of two outcomes.
fn combine(a: &Outcome, b: &Outcome, f: impl Fn(f64, f64) -> f64) -> Cell {
    if a.is_failure() || b.is_failure() {
        return Cell::Failed;
    }
    match (a.median(), b.median()) {
        (Some(x), Some(y)) => Cell::Value(f(x, y)),
        _ => Cell::Absent,
    }
}

/// A ratio time(numerator) / time(denominator); below 1 the numerator is faster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ratio {
    PlainOverRuby,
    PlainOverYjit,
    YjitOverRuby,
    AotOverC,
    WarmOverPlain,
    /// How many times faster the `--pg` second run is than plain
    /// specialized code, the store primed with `--compile
    /// --no-speculation` (above 1: the profile-guided code is faster).
    PlainCodeOverPg,
    /// The JIT's first run against the interpreter (the paper's Table 1).
    JitColdOverPlain,
    /// The JIT's first run against its second (stores warm).
    JitColdOverWarm,
    /// The JIT's second run against the interpreter.
    JitWarmOverPlain,
}

impl Ratio {
    /// The columns of the ratios table, in order.
    pub const TABLE: [Ratio; 9] = [
        Ratio::PlainOverRuby,
        Ratio::PlainOverYjit,
        Ratio::YjitOverRuby,
        Ratio::AotOverC,
        Ratio::WarmOverPlain,
        Ratio::PlainCodeOverPg,
        Ratio::JitColdOverPlain,
        Ratio::JitColdOverWarm,
        Ratio::JitWarmOverPlain,
    ];

    pub fn modes(self) -> (Mode, Mode) {
        match self {
            Ratio::PlainOverRuby => (Mode::Plain, Mode::Ruby),
            Ratio::PlainOverYjit => (Mode::Plain, Mode::Yjit),
            Ratio::YjitOverRuby => (Mode::Yjit, Mode::Ruby),
            Ratio::AotOverC => (Mode::Aot, Mode::C),
            Ratio::WarmOverPlain => (Mode::StoreWarm, Mode::Plain),
            Ratio::PlainCodeOverPg => (Mode::StorePlain, Mode::Pg),
            Ratio::JitColdOverPlain => (Mode::JitCold, Mode::Plain),
            Ratio::JitColdOverWarm => (Mode::JitCold, Mode::JitWarm),
            Ratio::JitWarmOverPlain => (Mode::JitWarm, Mode::Plain),
        }
    }

    pub fn heading(self) -> String {
        let (a, b) = self.modes();
        format!("{}/{}", a.heading(), b.heading())
    }

    pub fn of(self, result: &WorkloadResult) -> Cell {
        let (a, b) = self.modes();
        combine(result.outcome(a), result.outcome(b), |x, y| x / y)
    }

    /// The ratio's extremes over the timed runs: the fastest numerator run
    /// over the slowest denominator run, and the slowest over the fastest.
    /// `None` unless both modes were timed.
    pub fn range(self, result: &WorkloadResult) -> Option<(f64, f64)> {
        let (a, b) = self.modes();
        let (a, b) = (result.outcome(a).stats()?, result.outcome(b).stats()?);
        Some((a.min / b.max, a.max / b.min))
    }

    /// Geometric mean over the workloads where the ratio has a value.
    pub fn geomean<'a>(self, results: impl IntoIterator<Item = &'a WorkloadResult>) -> Option<f64> {
        let values: Vec<f64> = results
            .into_iter()
            .filter_map(|r| self.of(r).value())
            .collect();
        geomean(&values)
    }
}

/// Milliseconds that `--compile` on a warm store adds over a default run
/// binding the same stored code (DESIGN.md: "`--compile` of an
/// already-stored program adds under 20 ms"); negative when it is faster.
pub fn compile_overhead_ms(result: &WorkloadResult) -> Cell {
    combine(
        result.outcome(Mode::StoreCompileWarm),
        result.outcome(Mode::StoreWarm),
        |compile, warm| (compile - warm) * 1000.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::sample;
    use crate::suite::Group;

    #[test]
    fn ratios_and_overhead() {
        let r = sample(
            "w",
            Group::Loop,
            &[
                (Mode::Plain, 1.0),
                (Mode::Ruby, 4.0),
                (Mode::StoreWarm, 0.2),
                (Mode::StoreCompileWarm, 0.215),
            ],
        );
        assert_eq!(Ratio::PlainOverRuby.of(&r), Cell::Value(0.25));
        assert_eq!(Ratio::AotOverC.of(&r), Cell::Absent);
        let overhead = compile_overhead_ms(&r).value().unwrap();
        assert!((overhead - 15.0).abs() < 1e-9);
    }

    #[test]
    fn plain_code_over_pg_is_the_pg_speedup() {
        let r = sample(
            "chain10",
            Group::Other,
            &[(Mode::StorePlain, 0.9), (Mode::Pg, 0.3)],
        );
        let speedup = Ratio::PlainCodeOverPg.of(&r).value().unwrap();
        assert!((speedup - 3.0).abs() < 1e-12);
        assert_eq!(
            Ratio::PlainCodeOverPg.heading(),
            "store plain code/--pg (2nd run)"
        );
        let no_pg = sample("fib", Group::Recursive, &[(Mode::StorePlain, 0.9)]);
        assert_eq!(Ratio::PlainCodeOverPg.of(&no_pg), Cell::Absent);
    }

    #[test]
    fn jit_ratios_compare_the_runs_with_plain_and_each_other() {
        let r = sample(
            "prime",
            Group::Loop,
            &[
                (Mode::Plain, 1.0),
                (Mode::JitCold, 0.4),
                (Mode::JitWarm, 0.2),
            ],
        );
        assert_eq!(Ratio::JitColdOverPlain.of(&r), Cell::Value(0.4));
        assert_eq!(Ratio::JitColdOverWarm.of(&r), Cell::Value(2.0));
        assert_eq!(Ratio::JitWarmOverPlain.of(&r), Cell::Value(0.2));
        assert_eq!(Ratio::JitColdOverPlain.heading(), "--jit 1st run/plain");
        let targets = crate::targets::evaluate(&crate::results::Results {
            workloads: vec![r],
            startup: None,
            l2: None,
        });
        let first = targets
            .iter()
            .find(|t| t.goal.starts_with("--jit 1st run ≥ 8×"))
            .expect("the Table 1 target");
        assert_eq!(first.verdict, crate::targets::Verdict::Missed);
        let close = targets
            .iter()
            .find(|t| t.goal.contains("within 1.2×"))
            .expect("the first-vs-second-run target");
        assert_eq!(close.verdict, crate::targets::Verdict::Missed);
    }

    #[test]
    fn failure_wins_over_absence() {
        let mut r = sample("w", Group::Loop, &[(Mode::C, 1.0)]);
        r.modes.push((
            Mode::Aot,
            Outcome::Wrong {
                got: "0".into(),
                detail: String::new(),
            },
        ));
        assert_eq!(Ratio::AotOverC.of(&r), Cell::Failed);
    }

    #[test]
    fn geomean_skips_missing_cells() {
        let a = sample("a", Group::Loop, &[(Mode::Aot, 1.0), (Mode::C, 1.0)]);
        let b = sample("b", Group::Loop, &[(Mode::Aot, 4.0), (Mode::C, 1.0)]);
        let c = sample("c", Group::Loop, &[(Mode::Aot, 4.0)]);
        let g = Ratio::AotOverC.geomean([&a, &b, &c]).unwrap();
        assert!((g - 2.0).abs() < 1e-12);
        assert_eq!(Ratio::PlainOverRuby.geomean([&a, &b]), None);
    }
}
