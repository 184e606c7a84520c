//! Start-up time: a one-line program in plain and default mode.

use crate::measure::{self, Invocation, Timed};
use crate::modes::Tools;
use crate::results::Startup;
use std::path::Path;

/// The one-line program and what it prints.
pub const PROGRAM: &str = "p 1";
const EXPECT: &str = "1";

/// Start-up is a few milliseconds, so it gets more samples than workloads.
pub const MIN_RUNS: usize = 20;

/// Times `naruby --plain -e 'p 1'`, and `naruby -e 'p 1'` binding a private
/// store primed with the program's specialized code.
pub fn measure(tools: &Tools, scratch: &Path) -> Startup {
    let runs = tools.runs.max(MIN_RUNS);
    let plain = Timed {
        invocation: Invocation::new(&tools.naruby).args(["--plain", "-e", PROGRAM]),
        wipe_before_each: None,
    };
    let plain = measure::time(&plain, EXPECT, runs, tools.timeout);

    let store = scratch.join("startup-store");
    let with_store = |extra: &[&str]| {
        Invocation::new(&tools.naruby)
            .args(extra)
            .arg("--code-store")
            .arg(&store)
            .args(["-e", PROGRAM])
    };
    let primed = measure::wipe(&store)
        .and_then(|()| measure::run_expecting(&with_store(&["--compile"]), EXPECT, tools.timeout));
    let default = match primed {
        Ok(_) => {
            let timed = Timed {
                invocation: with_store(&[]),
                wipe_before_each: None,
            };
            measure::time(&timed, EXPECT, runs, tools.timeout)
        }
        Err(failure) => failure,
    };
    Startup { plain, default }
}
