//! What the JIT did, as `--stats` shows it: every entry's state in the
//! paper's life cycle, when a swapped entry became hot, was requested and
//! was swapped, and the request-to-swap latency.

use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Where an entry is in the JIT's life cycle (the paper's states).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Not asked about yet (not defined yet, or L1 not reached yet).
    Unknown,
    Querying,
    NotFound,
    Compiling,
    Compiled,
    Failed,
}

impl State {
    pub fn name(self) -> &'static str {
        match self {
            State::Unknown => "unknown",
            State::Querying => "querying",
            State::NotFound => "not found",
            State::Compiling => "compiling",
            State::Compiled => "compiled",
            State::Failed => "failed",
        }
    }
}

/// One entry as `--stats` reports it.
#[derive(Debug, Clone)]
pub struct EntryStat {
    pub name: String,
    pub symbol: String,
    pub state: State,
    /// Bound from the store's aggregate before the program started.
    pub bound_at_start: bool,
    /// Its dispatcher was swapped while the program ran.
    pub swapped: bool,
    /// Speculative code left uncompiled: its callers' code holds it.
    pub held: bool,
    /// When, counted from the JIT's start, the entry became hot, was last
    /// requested, and was swapped: where a first run's time went.
    pub hot_at: Option<Duration>,
    pub requested_at: Option<Duration>,
    pub swapped_at: Option<Duration>,
}

impl EntryStat {
    /// Held, and no code of its own asked for or found.
    fn shown_held(&self) -> bool {
        self.held && !matches!(self.state, State::Compiling | State::Compiled)
    }

    /// From the request that produced the code (query or compile) to the
    /// swap.
    pub fn latency(&self) -> Option<Duration> {
        Some(self.swapped_at?.saturating_sub(self.requested_at?))
    }
}

/// What L0 did, shared with the `--stats` report.
#[derive(Debug, Default)]
pub struct JitReport {
    pub entries: Vec<EntryStat>,
    /// Why L1 could not be used, if it could not.
    pub unreachable: Option<String>,
}

pub type SharedReport = Arc<Mutex<JitReport>>;

/// How a swapped entry's code came, in milliseconds from the JIT's start:
/// ` (hot at H ms, requested at R ms, swapped at S ms: L ms after the
/// request)`, leaving out what did not happen (an entry whose query found
/// code was never hot).
fn swap_timeline(e: &EntryStat) -> String {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mut parts = Vec::new();
    if let Some(h) = e.hot_at {
        parts.push(format!("hot at {:.2} ms", ms(h)));
    }
    if let Some(r) = e.requested_at {
        parts.push(format!("requested at {:.2} ms", ms(r)));
    }
    if let Some(s) = e.swapped_at {
        parts.push(format!("swapped at {:.2} ms", ms(s)));
    }
    let mut out = parts.join(", ");
    if let Some(l) = e.latency() {
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&format!("{:.2} ms after the request", ms(l)));
    }
    if out.is_empty() {
        " (swapped)".to_string()
    } else {
        format!(" ({out})")
    }
}

/// The `--stats` lines of a JIT run.
pub fn render_report(r: &JitReport) -> String {
    let mut out = String::new();
    let count = |s: State| {
        r.entries
            .iter()
            .filter(|e| e.state == s && !e.shown_held())
            .count()
    };
    out.push_str(&format!(
        "jit: {} entries: {} compiled ({} bound at start, {} swapped while running), {} compiling, {} not found, {} held in callers' code, {} failed, {} unknown, {} querying\n",
        r.entries.len(),
        count(State::Compiled),
        r.entries.iter().filter(|e| e.bound_at_start).count(),
        r.entries.iter().filter(|e| e.swapped).count(),
        count(State::Compiling),
        count(State::NotFound),
        r.entries.iter().filter(|e| e.shown_held()).count(),
        count(State::Failed),
        count(State::Unknown),
        count(State::Querying),
    ));
    if let Some(why) = &r.unreachable {
        out.push_str(&format!("jit: L1 unreachable: {why}\n"));
    }
    let mut latencies: Vec<Duration> = r.entries.iter().filter_map(EntryStat::latency).collect();
    latencies.sort();
    if !latencies.is_empty() {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        out.push_str(&format!(
            "jit: request-to-swap latency: median {:.2} ms, max {:.2} ms over {} swaps\n",
            ms(latencies[latencies.len() / 2]),
            ms(*latencies.last().expect("non-empty")),
            latencies.len()
        ));
    }
    for e in &r.entries {
        let how = if e.bound_at_start {
            " (bound at start)".to_string()
        } else if e.swapped {
            swap_timeline(e)
        } else {
            String::new()
        };
        let state = if e.shown_held() {
            "held in its callers' code"
        } else {
            e.state.name()
        };
        out.push_str(&format!("jit:   {} {}: {state}{how}\n", e.name, e.symbol));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn swapped(hot: Option<u64>, requested: Option<u64>, swapped: Option<u64>) -> EntryStat {
        let ms = |v: Option<u64>| v.map(Duration::from_millis);
        EntryStat {
            name: "f".into(),
            symbol: "SD_0".into(),
            state: State::Compiled,
            bound_at_start: false,
            swapped: true,
            held: false,
            hot_at: ms(hot),
            requested_at: ms(requested),
            swapped_at: ms(swapped),
        }
    }

    #[test]
    fn a_swap_reports_when_it_was_hot_requested_and_swapped() {
        assert_eq!(
            swap_timeline(&swapped(Some(1), Some(10), Some(122))),
            " (hot at 1.00 ms, requested at 10.00 ms, swapped at 122.00 ms: 112.00 ms after the request)"
        );
    }

    #[test]
    fn a_swap_found_by_its_query_was_never_hot() {
        assert_eq!(
            swap_timeline(&swapped(None, Some(3), Some(5))),
            " (requested at 3.00 ms, swapped at 5.00 ms: 2.00 ms after the request)"
        );
        assert_eq!(swap_timeline(&swapped(None, None, None)), " (swapped)");
    }
}
