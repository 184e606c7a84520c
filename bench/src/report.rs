//! The markdown report: header, times, ratios, start-up, the JIT's
//! request-to-swap latency, L2 throughput, targets, problems.

use crate::l2_throughput::{self, Rate};
use crate::machine::Machine;
use crate::modes::{Mode, RUBY_STACK_ENV};
use crate::numfmt;
use crate::ratios::{compile_overhead_ms, Cell, Ratio};
use crate::results::{Outcome, Results};
use crate::startup;
use crate::targets::{Target, Verdict};
use std::fmt::Write;

/// How the run was made, for the header and footnotes.
pub struct RunInfo {
    pub machine: Machine,
    pub command: String,
    pub runs: usize,
    pub aot_builds: usize,
    pub startup_runs: usize,
    pub quick: bool,
    /// File name of the chart, relative to the report.
    pub chart_file: String,
}

/// Longest wrong output quoted in a table cell.
const MAX_QUOTED: usize = 40;

/// Makes text safe inside a markdown table cell.
fn cell_text(text: &str) -> String {
    let one_line = text.replace(['\n', '\r'], " ");
    let short: String = if one_line.chars().count() > MAX_QUOTED {
        one_line
            .chars()
            .take(MAX_QUOTED)
            .chain("…".chars())
            .collect()
    } else {
        one_line
    };
    short.replace('|', "\\|")
}

fn outcome_cell(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Timed(stats) => numfmt::time_with_spread(stats),
        Outcome::Wrong { got, .. } if got.is_empty() => "wrong: (nothing)".into(),
        Outcome::Wrong { got, .. } => format!("wrong: {}", cell_text(got)),
        Outcome::Failed { .. } => "failed".into(),
        Outcome::Unavailable(_) => "n/a".into(),
        Outcome::Skipped => "skipped".into(),
    }
}

fn ratio_cell(cell: Cell, format: impl Fn(f64) -> String) -> String {
    match cell {
        Cell::Value(v) => format(v),
        Cell::Failed => "failed".into(),
        Cell::Absent => "—".into(),
    }
}

fn row(out: &mut String, cells: &[String]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

fn header_row(out: &mut String, cells: &[String]) {
    row(out, cells);
    let rule: Vec<String> = cells.iter().map(|_| "---".to_string()).collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
}

/// The columns of the times table: every mode, with the AOT build after AOT.
enum TimeColumn {
    Mode(Mode),
    AotBuild,
}

fn time_columns() -> Vec<TimeColumn> {
    let mut columns = Vec::new();
    for mode in Mode::ALL {
        columns.push(TimeColumn::Mode(mode));
        if mode == Mode::Aot {
            columns.push(TimeColumn::AotBuild);
        }
    }
    columns
}

pub fn render(info: &RunInfo, results: &Results, targets: &[Target]) -> String {
    let mut out = String::new();
    header(&mut out, info);
    times(&mut out, info, results);
    ratios(&mut out, info, results);
    startup_section(&mut out, info, results);
    latency_section(&mut out, results);
    l2_section(&mut out, results);
    targets_section(&mut out, targets);
    problems(&mut out, results);
    workloads(&mut out, info, results);
    out
}

fn header(out: &mut String, info: &RunInfo) {
    let m = &info.machine;
    out.push_str("# naruby benchmark results\n\n");
    header_row(out, &["".into(), "".into()]);
    let facts = [
        ("Date", m.date_utc.clone()),
        (
            "Machine",
            format!("{}, {} cores, {} RAM", m.cpu, m.cores, m.memory),
        ),
        ("OS", m.os.clone()),
        ("rustc", m.rustc.clone()),
        ("C compiler", m.cc.clone()),
        ("Compiler environment", m.compiler_env.clone()),
        ("Ruby", m.ruby.clone()),
        ("naruby revision", m.revision.clone()),
        ("Command", format!("`{}`", info.command)),
        (
            "Runs per mode",
            format!(
                "{} timed, after 1 untimed warm-up; interleaved across modes",
                info.runs
            ),
        ),
        (
            "Sizes",
            if info.quick {
                "quick (scaled down; smoke test, not for comparison)".into()
            } else {
                "full".into()
            },
        ),
    ];
    for (key, value) in facts {
        row(out, &[format!("**{key}**"), cell_text_long(&value)]);
    }
    out.push('\n');
}

/// Table-safe text without truncation.
fn cell_text_long(text: &str) -> String {
    text.replace(['\n', '\r'], " ").replace('|', "\\|")
}

fn times(out: &mut String, info: &RunInfo, results: &Results) {
    out.push_str("## Times (seconds)\n\n");
    let columns = time_columns();
    let mut head = vec!["workload".to_string(), "group".to_string()];
    head.extend(columns.iter().map(|c| match c {
        TimeColumn::Mode(mode) => mode.heading().to_string(),
        TimeColumn::AotBuild => "AOT build".to_string(),
    }));
    header_row(out, &head);
    for w in &results.workloads {
        let mut cells = vec![
            format!("`{}`", w.workload.name),
            w.workload.group.to_string(),
        ];
        cells.extend(columns.iter().map(|c| match c {
            TimeColumn::Mode(mode) => outcome_cell(w.outcome(*mode)),
            TimeColumn::AotBuild => outcome_cell(&w.aot_build),
        }));
        row(out, &cells);
    }
    let (stack_var, stack_size) = RUBY_STACK_ENV;
    let _ = write!(
        out,
        "\nWall-clock seconds from spawn to exit: the median of {runs} timed runs after one \
untimed warm-up run (none for store cold, which starts from scratch every run), `±` half the range, (max − min) / 2. \
The timed runs are interleaved across modes: after every mode's setup and warm-up, each round \
runs every mode once in the order of the columns, so a slow spell of the machine falls on all \
modes alike. Every run's stdout is checked; a mode \
that prints the wrong line is not timed and shows `wrong: <what it printed>`.\n\n\
- **plain**: `naruby --plain W.rb` (interpreter only).\n\
- **store cold**: `naruby --compile --code-store S W.rb` with `S` removed before every run \
(specialization and C compilation included).\n\
- **store warm**: `naruby --code-store S W.rb` binding a private store primed once with \
`--compile` (which speculates on what the program text says, as the AOT build below does).\n\
- **store plain code**: the same with the store primed by `--compile --no-speculation`: plain \
specialized code, no direct calls between functions.\n\
- **warm --compile**: `naruby --compile --code-store S2 W.rb` on a private store `S2` primed \
the same way.\n\
- **--pg (2nd run)**: `naruby --code-store P W.rb` binding the speculative code of a private \
store `P` primed once with `naruby --code-store P --pg W.rb` (a profiled run).\n\
- **--jit 1st run**: `naruby --jit --stats --code-store J W.rb` with `J` removed before every \
run, so no L1 daemon is running: the run starts one, which compiles while the program runs \
(empty stores, the paper's first run; `--stats` only prints at exit, see the latency \
section).\n\
- **--jit 2nd run**: `naruby --jit --code-store J2 W.rb` once a `--jit` run has filled `J2` and \
its L1 has finished compiling and linked the store's aggregate (stores warm, the paper's second \
run).\n\
- **AOT**: the executable from `naruby --aot --code-store E W.rb -o EXE`, where `E` is an empty \
store, so the build speculates on what the program text says (names defined once, or redefined \
only by top-level statements) and never follows a stored `--pg` profile \
(naruby's default C flags unless `$CFLAGS` is set; see the header); **AOT build** is the median \
time of {builds} such build(s).\n\
- **C -O3**: the hand-written C reference built with `cc -O3`.\n\
- **CRuby** / **YJIT**: `ruby W.rb` / `ruby --yjit W.rb`, both with \
`{stack_var}={stack_size}` (a 256 MiB VM stack) so the deep-recursion workloads do not \
overflow. `n/a` when `ruby` (or its YJIT) is not installed.\n\n",
        runs = info.runs,
        builds = info.aot_builds,
    );
}

fn ratios(out: &mut String, info: &RunInfo, results: &Results) {
    out.push_str("## Ratios\n\n");
    let mut head = vec!["workload".to_string()];
    head.extend(Ratio::TABLE.iter().map(|r| r.heading()));
    head.push("warm --compile overhead (ms)".into());
    header_row(out, &head);
    for w in &results.workloads {
        let mut cells = vec![format!("`{}`", w.workload.name)];
        cells.extend(
            Ratio::TABLE
                .iter()
                .map(|r| ratio_cell(r.of(w), numfmt::ratio)),
        );
        cells.push(ratio_cell(compile_overhead_ms(w), numfmt::signed_ms));
        row(out, &cells);
    }
    let mut geomeans = vec!["**geomean**".to_string()];
    geomeans.extend(Ratio::TABLE.iter().map(|r| {
        r.geomean(&results.workloads)
            .map(|g| format!("**{}**", numfmt::ratio(g)))
            .unwrap_or_else(|| "—".into())
    }));
    let overheads: Vec<f64> = results
        .workloads
        .iter()
        .filter_map(|w| compile_overhead_ms(w).value())
        .collect();
    geomeans.push(if overheads.is_empty() {
        "—".into()
    } else {
        let mean = overheads.iter().sum::<f64>() / overheads.len() as f64;
        format!("{} (mean)", numfmt::signed_ms(mean))
    });
    row(out, &geomeans);
    let _ = write!(
        out,
        "\nEach ratio is time A / time B of the medians above, with two decimals: below 1.00 \
A is faster (0.25 means 4× faster), above 1.00 A is slower; so store plain code/--pg (2nd run) \
is how many times faster the `--pg` second run is than plain specialized code. The geomean row is the geometric \
mean over the workloads that have both times. The overhead column is warm --compile minus \
store warm in milliseconds, what `--compile` adds when everything is stored already (negative: \
faster); its summary is the arithmetic mean.\n\n\
![ratios]({})\n\n",
        info.chart_file
    );
}

fn startup_section(out: &mut String, info: &RunInfo, results: &Results) {
    out.push_str("## Start-up\n\n");
    let Some(s) = &results.startup else {
        out.push_str("Not measured (skipped).\n\n");
        return;
    };
    header_row(
        out,
        &["command".into(), "median (ms)".into(), "± (ms)".into()],
    );
    let program = startup::PROGRAM;
    for (command, outcome) in [
        (format!("`naruby --plain -e '{program}'`"), &s.plain),
        (
            format!("`naruby --code-store S -e '{program}'` (warm store)"),
            &s.default,
        ),
    ] {
        let (median, spread) = match outcome.stats() {
            Some(stats) => (
                numfmt::sig3(stats.median * 1000.0),
                numfmt::sig3(stats.half_range() * 1000.0),
            ),
            None => (outcome_cell(outcome), "".into()),
        };
        row(out, &[command, median, spread]);
    }
    let _ = writeln!(
        out,
        "\nMedian of {} runs after one warm-up; the store is primed once with `--compile`.\n",
        info.startup_runs
    );
}

fn latency_section(out: &mut String, results: &Results) {
    out.push_str("## JIT request-to-swap latency\n\n");
    let measured: Vec<_> = results
        .workloads
        .iter()
        .filter_map(|w| w.jit_latency.as_ref().map(|l| (&w.workload.name, l)))
        .collect();
    if measured.is_empty() {
        out.push_str("Not measured (`--jit 1st run` skipped or failed).\n\n");
        return;
    }
    header_row(
        out,
        &[
            "workload".into(),
            "swaps per run".into(),
            "first swap at (ms)".into(),
            "latency median (ms)".into(),
            "latency max (ms)".into(),
        ],
    );
    let ms = |v: Option<f64>| v.map_or("—".into(), numfmt::sig3);
    for (name, l) in measured {
        row(
            out,
            &[
                format!("`{name}`"),
                format!("{}", l.swaps_per_run),
                ms(l.first_swap_ms),
                ms(l.latency.map(|s| s.median)),
                ms(l.latency.map(|s| s.max)),
            ],
        );
    }
    out.push_str(
        "\nRead off the `--stats` report of every timed `--jit 1st run` (the mode runs with \
         `--stats`, which only prints at exit). For each entry swapped in while the program \
         ran: when, counted from the JIT's start (the first swap of a run: median over runs), \
         and how long after L0 asked L1 for its code (every swap of every run pooled). The \
         latency covers L1's start when the run had to start it, the compile, the link and \
         the `dlopen`; entries whose code came after the program ended are not counted.\n\n",
    );
}

fn l2_section(out: &mut String, results: &Results) {
    out.push_str("## L2 compile server throughput\n\n");
    let Some(t) = &results.l2 else {
        out.push_str("Not measured (skipped).\n\n");
        return;
    };
    let mut heading = vec!["compile command".to_string()];
    heading.extend(
        l2_throughput::SESSIONS
            .iter()
            .map(|n| format!("{n} sessions (compiles/s)")),
    );
    header_row(out, &heading);
    for route in [l2_throughput::Route::Local, l2_throughput::Route::Distcc] {
        let mut cells = vec![route.label().to_string()];
        for n in l2_throughput::SESSIONS {
            let rate = t
                .rows
                .iter()
                .find(|(r, s, _)| *r == route && *s == n)
                .map(|(_, _, rate)| rate);
            cells.push(match rate {
                Some(Rate::PerSecond(r)) => format!("{r:.1}"),
                Some(Rate::Failed(_)) => "failed".into(),
                Some(Rate::Unavailable(_)) => "n/a".into(),
                None => "—".into(),
            });
        }
        row(out, &cells);
    }
    let _ = writeln!(
        out,
        "\n`naruby jit l2` on loopback with an empty object store is sent {} distinct \
         function bodies (serialized subtrees, as L1 sends them) over that many \
         authenticated sessions at once; compiles per second from the first request to the \
         last object. distcc runs with `DISTCC_HOSTS=127.0.0.1:PORT/4` and no local \
         fallback, to a `distccd --jobs 4` on the same machine: it uses the same cores, so \
         it shows what the distcc route costs here, not what a farm would add.\n",
        t.bodies
    );
}

fn targets_section(out: &mut String, targets: &[Target]) {
    out.push_str("## Targets\n\n");
    header_row(out, &["target".into(), "measured".into(), "status".into()]);
    for t in targets {
        let status = match t.verdict {
            Verdict::Met => "**MET**".to_string(),
            Verdict::Missed => "**MISSED**".to_string(),
            Verdict::NotRun => "not run".to_string(),
        };
        row(
            out,
            &[cell_text_long(&t.goal), cell_text_long(&t.measured), status],
        );
    }
    out.push('\n');
}

fn problems(out: &mut String, results: &Results) {
    let found = results.problems();
    if found.is_empty() {
        return;
    }
    out.push_str("## Problems\n\n");
    for (place, text) in found {
        let _ = writeln!(out, "- **{place}**:\n\n  ```text");
        for line in text.lines() {
            let _ = writeln!(out, "  {line}");
        }
        out.push_str("  ```\n\n");
    }
}

fn workloads(out: &mut String, info: &RunInfo, results: &Results) {
    out.push_str("## Workloads\n\n");
    header_row(
        out,
        &[
            "workload".into(),
            "group".into(),
            "size".into(),
            "prints".into(),
            "description".into(),
        ],
    );
    for w in &results.workloads {
        let (size, expect) = w.workload.scaled(info.quick);
        row(
            out,
            &[
                format!("`{}`", w.workload.name),
                w.workload.group.to_string(),
                size.to_string(),
                expect.to_string(),
                cell_text_long(&w.workload.description),
            ],
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_cells_are_escaped_and_short() {
        assert_eq!(cell_text("a|b\nc"), "a\\|b c");
        let long = "x".repeat(100);
        assert_eq!(cell_text(&long).chars().count(), MAX_QUOTED + 1);
        let wrong = Outcome::Wrong {
            got: "4|2".into(),
            detail: String::new(),
        };
        assert_eq!(outcome_cell(&wrong), "wrong: 4\\|2");
    }

    fn info() -> RunInfo {
        let unknown = String::from("unknown");
        RunInfo {
            machine: Machine {
                date_utc: unknown.clone(),
                cpu: unknown.clone(),
                cores: 1,
                memory: unknown.clone(),
                os: unknown.clone(),
                rustc: unknown.clone(),
                cc: unknown.clone(),
                ruby: unknown.clone(),
                revision: unknown.clone(),
                compiler_env: unknown,
            },
            command: "naruby-bench --quick".into(),
            runs: 1,
            aot_builds: 1,
            startup_runs: 20,
            quick: true,
            chart_file: "results.svg".into(),
        }
    }

    #[test]
    fn pg_column_and_ratio_are_reported() {
        use crate::fixtures::sample;
        use crate::suite::Group;
        let results = Results {
            workloads: vec![
                sample(
                    "chain10",
                    Group::Other,
                    &[
                        (Mode::Plain, 2.0),
                        (Mode::StoreWarm, 0.9),
                        (Mode::StorePlain, 0.9),
                        (Mode::Pg, 0.3),
                    ],
                ),
                sample(
                    "fib",
                    Group::Recursive,
                    &[
                        (Mode::StoreWarm, 0.5),
                        (Mode::StorePlain, 0.5),
                        (Mode::Pg, 0.5),
                    ],
                ),
            ],
            startup: None,
            l2: None,
        };
        let targets = crate::targets::evaluate(&results);
        let md = render(&info(), &results, &targets);
        let times_head = md
            .lines()
            .find(|l| l.starts_with("| workload | group |"))
            .unwrap();
        assert!(
            times_head.contains(
                "| warm --compile | --pg (2nd run) | --jit 1st run | --jit 2nd run | AOT |"
            ),
            "{times_head}"
        );
        let ratios_head = md
            .lines()
            .find(|l| l.starts_with("| workload | plain/CRuby"))
            .unwrap();
        assert!(
            ratios_head.contains("| store warm/plain | store plain code/--pg (2nd run) |"),
            "{ratios_head}"
        );
        // chain10's ratio row: 0.45 warm/plain, 3.00 plain code/pg; fib has no plain.
        assert!(
            md.contains("| `chain10` | — | — | — | — | 0.45 | 3.00 | — |"),
            "{md}"
        );
        assert!(
            md.contains("| `fib` | — | — | — | — | — | 1.00 | — |"),
            "{md}"
        );
        // geomean of 3.0 and 1.0
        assert!(md.contains("| **0.45** | **1.73** |"), "{md}");
        assert!(md.contains("on every call-chain workload"), "{md}");
        assert!(
            md.contains("`naruby --aot --code-store E W.rb -o EXE`"),
            "{md}"
        );
        assert!(md.contains("`naruby --code-store P --pg W.rb`"), "{md}");
    }

    #[test]
    fn jit_latency_and_l2_throughput_have_tables_of_their_own() {
        use crate::fixtures::sample;
        use crate::jit_latency::{summarize, Swap};
        use crate::l2_throughput::{Route, Throughput};
        use crate::suite::Group;
        let mut prime = sample("prime", Group::Loop, &[(Mode::JitCold, 0.2)]);
        let swap = |at_ms, latency_ms| Swap { at_ms, latency_ms };
        prime.jit_latency = summarize(&[
            vec![swap(79.0, 76.5), swap(157.0, 77.5)],
            vec![swap(81.0, 78.0), swap(160.0, 80.0)],
        ]);
        let results = Results {
            workloads: vec![prime, sample("fib", Group::Recursive, &[])],
            startup: None,
            l2: Some(Throughput {
                bodies: 40,
                rows: vec![
                    (Route::Local, 2, Rate::PerSecond(58.04)),
                    (Route::Local, 4, Rate::PerSecond(60.6)),
                    (Route::Distcc, 2, Rate::Unavailable("no distcc".into())),
                    (
                        Route::Distcc,
                        4,
                        Rate::Failed("distccd did not come up".into()),
                    ),
                ],
            }),
        };
        let md = render(&info(), &results, &[]);
        assert!(md.contains("| `prime` | 2 | 80.0 | 77.8 | 80.0 |"), "{md}");
        assert!(!md.contains("| `fib` | 2"), "{md}");
        assert!(
            md.contains("| `cc` (L2's own compiler) | 58.0 | 60.6 |"),
            "{md}"
        );
        assert!(
            md.contains("| `distcc cc` to a `distccd` on loopback | n/a | failed |"),
            "{md}"
        );
        assert!(md.contains("sent 40 distinct"), "{md}");
        assert_eq!(results.problems().len(), 1);
    }
}
