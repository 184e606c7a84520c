//! A fuzzing campaign: generate N programs from a base seed, run each in
//! every mode (AOT on every k-th program, CRuby where it applies), compare,
//! and minimize and record each disagreement (at most a few per distinct
//! signature, since one bug tends to show up many times).

use crate::compare::{relevant_modes, ruby_applies, signature};
use crate::finding::{self, Finding};
use crate::gen::generate;
use crate::minimize::minimize;
use crate::modes::{run_modes, Mode, Tools};
use crate::proc::Outcome;
use crate::{compat, print, rng};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

#[derive(Clone, Debug)]
pub struct Config {
    pub count: u64,
    pub seed: u64,
    /// program seeds to run instead of `count` derived from `seed`
    pub replay: Vec<u64>,
    pub jobs: usize,
    /// the naruby modes other than AOT to run on every program
    pub modes: Vec<Mode>,
    /// run the AOT modes on every k-th program (0: never)
    pub aot_every: u64,
    pub ruby: bool,
    pub minimize: bool,
    /// predicate runs allowed per minimization
    pub budget: usize,
    /// minimized programs kept per distinct signature
    pub per_signature: usize,
    pub findings: PathBuf,
    pub tools: Tools,
    pub work: PathBuf,
    pub progress: bool,
}

#[derive(Debug, Default)]
pub struct Stats {
    pub programs: u64,
    pub ruby_flavour: u64,
    pub runs: BTreeMap<&'static str, u64>,
    /// how the plain runs ended: "ok", an error class, "exit N"
    pub endings: BTreeMap<String, u64>,
    /// signature -> program seeds that showed it
    pub mismatches: BTreeMap<String, Vec<u64>>,
    /// files written for minimized findings
    pub written: Vec<String>,
}

/// One program's runs.
pub struct Checked {
    pub seed: u64,
    pub ruby_compatible: bool,
    pub results: Vec<(Mode, Outcome)>,
    pub signature: Option<String>,
}

/// Generates and runs program `seed` in the modes `with_aot` selects.
pub fn check(cfg: &Config, seed: u64, with_aot: bool) -> (crate::ast::Program, Checked) {
    let generated = generate(seed);
    let source = print::program(&generated.program);
    let compatible = generated.ruby && compat::ruby_compatible(&generated.program);
    // plain comes first: it is the reference the others are compared with
    let mut modes = vec![Mode::Plain];
    modes.extend(
        cfg.modes
            .iter()
            .filter(|m| **m != Mode::Plain && !m.is_aot() && **m != Mode::Ruby),
    );
    if with_aot {
        modes.extend([Mode::Aot, Mode::AotAfterPg]);
    }
    let mut results = run_modes(&cfg.tools, &source, &modes, &cfg.work);
    if cfg.ruby && ruby_applies(compatible, &results[0].1) {
        results.extend(run_modes(&cfg.tools, &source, &[Mode::Ruby], &cfg.work));
    }
    let signature = signature(&results);
    (
        generated.program,
        Checked {
            seed,
            ruby_compatible: compatible,
            results,
            signature,
        },
    )
}

/// How the plain run ended.
pub fn ending(o: &Outcome) -> String {
    match o.status {
        0 => "ok".into(),
        1 => {
            let err = String::from_utf8_lossy(&o.stderr);
            let first = err.lines().next().unwrap_or("");
            match (first.rfind('('), first.rfind(')')) {
                (Some(a), Some(b)) if a < b => first[a + 1..b].to_string(),
                _ => "status 1".into(),
            }
        }
        n => format!("status {n}"),
    }
}

pub fn run(cfg: &Config) -> Stats {
    let next = AtomicU64::new(0);
    let stats = Mutex::new(Stats::default());
    std::thread::scope(|s| {
        for _ in 0..cfg.jobs.max(1) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let total = if cfg.replay.is_empty() {
                    cfg.count
                } else {
                    cfg.replay.len() as u64
                };
                if i >= total {
                    break;
                }
                one(cfg, i, &stats);
            });
        }
    });
    stats.into_inner().unwrap_or_else(|e| e.into_inner())
}

fn one(cfg: &Config, i: u64, stats: &Mutex<Stats>) {
    let seed = match cfg.replay.get(i as usize) {
        Some(s) => *s,
        None => rng::program_seed(cfg.seed, i),
    };
    let with_aot = cfg.aot_every > 0 && i.is_multiple_of(cfg.aot_every);
    let (program, checked) = check(cfg, seed, with_aot);
    let minimize_it = {
        let mut st = stats.lock().unwrap_or_else(|e| e.into_inner());
        st.programs += 1;
        st.ruby_flavour += u64::from(checked.ruby_compatible);
        for (m, _) in &checked.results {
            *st.runs.entry(m.name()).or_default() += 1;
        }
        *st.endings.entry(ending(&checked.results[0].1)).or_default() += 1;
        if cfg.progress && st.programs.is_multiple_of(50) {
            let runs: Vec<String> = st.runs.iter().map(|(m, n)| format!("{m} {n}")).collect();
            eprintln!(
                "difftest: {} programs, {} mismatching; runs: {}",
                st.programs,
                st.mismatches.values().map(Vec::len).sum::<usize>(),
                runs.join(", ")
            );
        }
        match &checked.signature {
            Some(sig) => {
                let seen = st.mismatches.entry(sig.clone()).or_default();
                seen.push(seed);
                eprintln!("difftest: program {seed} disagrees: {sig}");
                seen.len() <= cfg.per_signature
            }
            None => false,
        }
    };
    if minimize_it && cfg.minimize {
        if let Some(name) = shrink_and_write(cfg, &program, &checked) {
            let mut st = stats.lock().unwrap_or_else(|e| e.into_inner());
            st.written.push(name);
        }
    }
}

/// Minimizes a disagreeing program and writes it to the findings
/// directory; returns the finding's name.
fn shrink_and_write(cfg: &Config, program: &crate::ast::Program, c: &Checked) -> Option<String> {
    let modes = relevant_modes(&c.results);
    let subset: Vec<(Mode, Outcome)> = c
        .results
        .iter()
        .filter(|(m, _)| modes.contains(m))
        .cloned()
        .collect();
    let target = signature(&subset)?;
    let with_ruby = modes.contains(&Mode::Ruby);
    let mut keep = |p: &crate::ast::Program| {
        if with_ruby && !compat::ruby_compatible(p) {
            return false;
        }
        let results = run_modes(&cfg.tools, &print::program(p), &modes, &cfg.work);
        if with_ruby && !ruby_applies(true, &results[0].1) {
            return false;
        }
        signature(&results).as_deref() == Some(target.as_str())
    };
    let small = minimize(program, &mut keep, cfg.budget);
    let name = format!("diff_{:016x}", c.seed);
    let f = Finding {
        name: name.clone(),
        source: print::program(&small),
        ruby_compatible: c.ruby_compatible && compat::ruby_compatible(&small),
        signature: target,
        modes: &modes,
        seed: c.seed,
    };
    match finding::write(&cfg.findings, &cfg.tools, &cfg.work, &f) {
        Ok(_) => {
            eprintln!("difftest: wrote {}", cfg.findings.join(&name).display());
            Some(name)
        }
        Err(e) => {
            eprintln!("difftest: cannot write finding {name}: {e}");
            None
        }
    }
}
