//! The JIT's request-to-swap latency, read from the `--stats` report of
//! every timed `--jit` first run: for each entry swapped in while the
//! program ran, when it was swapped (from the JIT's start) and how long
//! after L0 asked for its code.

use crate::stats::Stats;

/// One swap: milliseconds from the JIT's start, and from the request.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Swap {
    pub at_ms: f64,
    pub latency_ms: f64,
}

/// The swaps a `--stats` report lists (entry lines such as `prime?
/// SD_…: compiled (hot at 0.39 ms, requested at 2.51 ms, swapped at
/// 79.22 ms: 76.70 ms after the request)`).
pub fn swaps(stderr: &str) -> Vec<Swap> {
    stderr
        .lines()
        .filter(|line| line.starts_with("jit:   "))
        .filter_map(|line| {
            let at_ms = number_after(line, "swapped at ")?;
            let latency_ms = number_before(line, " ms after the request")?;
            Some(Swap { at_ms, latency_ms })
        })
        .collect()
}

fn number_after(line: &str, label: &str) -> Option<f64> {
    let rest = &line[line.find(label)? + label.len()..];
    rest.split(' ').next()?.parse().ok()
}

fn number_before(line: &str, label: &str) -> Option<f64> {
    let head = &line[..line.find(label)?];
    head.rsplit(' ').next()?.parse().ok()
}

/// Latency over all timed first runs of one workload.
#[derive(Clone, Debug, PartialEq)]
pub struct Latency {
    /// Runs whose report was read.
    pub runs: usize,
    /// Median number of swaps per run.
    pub swaps_per_run: f64,
    /// When the first swap of a run came: the median over runs that had one.
    pub first_swap_ms: Option<f64>,
    /// Every swap's latency, all runs pooled.
    pub latency: Option<Stats>,
}

/// Sums up the swaps of each run (one list per run).
pub fn summarize(runs: &[Vec<Swap>]) -> Option<Latency> {
    if runs.is_empty() {
        return None;
    }
    let counts: Vec<f64> = runs.iter().map(|r| r.len() as f64).collect();
    let firsts: Vec<f64> = runs
        .iter()
        .filter_map(|r| r.iter().map(|s| s.at_ms).reduce(f64::min))
        .collect();
    let pooled: Vec<f64> = runs.iter().flatten().map(|s| s.latency_ms).collect();
    Some(Latency {
        runs: runs.len(),
        swaps_per_run: Stats::of(&counts).map_or(0.0, |s| s.median),
        first_swap_ms: Stats::of(&firsts).map(|s| s.median),
        latency: Stats::of(&pooled),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "78498
naruby stats: entries 2 (bound 0); ran specialized: 0 entries
jit: 4 entries: 2 compiled (0 bound at start, 2 swapped while running), 1 compiling
jit: request-to-swap latency: median 77.82 ms, max 77.82 ms over 2 swaps
jit:   <top level> SD_d1656772a940efd85046cb6dc4635740: compiling
jit:   prime? SD_2983d7a453a8eb156128e9cf7d59d1e3: compiled (hot at 0.39 ms, requested at 2.51 ms, swapped at 79.22 ms: 76.70 ms after the request)
jit:   <top level>: loop at line 15 SD_550a: compiled (hot at 0.39 ms, requested at 79.22 ms, swapped at 157.03 ms: 77.82 ms after the request)
jit:   f SD_1: compiled (bound at start)
";

    #[test]
    fn reads_every_swapped_entry_and_nothing_else() {
        assert_eq!(
            swaps(REPORT),
            [
                Swap {
                    at_ms: 79.22,
                    latency_ms: 76.70
                },
                Swap {
                    at_ms: 157.03,
                    latency_ms: 77.82
                }
            ]
        );
        assert!(swaps("42\n").is_empty());
    }

    #[test]
    fn pools_latencies_and_takes_each_runs_first_swap() {
        let s = |at_ms, latency_ms| Swap { at_ms, latency_ms };
        let runs = vec![
            vec![s(80.0, 70.0), s(150.0, 60.0)],
            vec![s(90.0, 85.0)],
            vec![],
        ];
        let l = summarize(&runs).unwrap();
        assert_eq!(l.runs, 3);
        assert_eq!(l.swaps_per_run, 1.0);
        assert_eq!(l.first_swap_ms, Some(85.0));
        let lat = l.latency.unwrap();
        assert_eq!((lat.samples, lat.median, lat.max), (3, 70.0, 85.0));
        assert_eq!(summarize(&[]), None);
        let none = summarize(&[vec![]]).unwrap();
        assert_eq!((none.first_swap_ms, none.latency), (None, None));
    }
}
