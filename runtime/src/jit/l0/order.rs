//! Which compile L0 asks for when: the policy over the tracked entries'
//! states (loops before or after the bodies they hold, plain code before
//! speculative code, the top level last), and which entries need no code
//! of their own because other code holds them.

use super::{State, L0};
use std::collections::HashSet;
use std::time::{Duration, Instant};

/// How long a hot loop's body waits for the function body around it to
/// become hot too (a function called often, whose loop is hot after a few
/// calls, is compiled whole instead). A loop that runs long in one call
/// loses only this much.
pub const LOOP_DELAY: Duration = Duration::from_millis(10);

/// How long the top level's compile waits at least, and while any body's
/// compile is outstanding. Its code only serves the next run, so it must
/// not take a core from the bodies this run waits for.
pub const TOP_LEVEL_DELAY: Duration = Duration::from_millis(50);

impl L0 {
    /// At the end of the program: the compiles this run would have asked
    /// for had it lasted, so that the next run finds their code. Hot
    /// function bodies whose query was not answered yet (a program shorter
    /// than the round trip to L1) or found nothing, first; then the top
    /// level, unless asked for or known already (a query still in flight
    /// is answered by the compile request too). Loop bodies are left out:
    /// the code of the body or top level around them runs them.
    pub(super) fn compile_at_end(&mut self) {
        self.ended = true;
        let held = self.held();
        self.mark_held(&held);
        if self.conn.is_none() {
            return;
        }
        let unanswered =
            |l0: &Self, i: usize| matches!(l0.state(i), State::NotFound | State::Querying);
        // a body with speculative code: only that, which the next run
        // binds, unless its callers' code holds it
        let upgraded: HashSet<usize> = self.tracked.iter().filter_map(|t| t.upgrade_of).collect();
        for (i, held) in held.into_iter().enumerate() {
            let t = &self.tracked[i];
            let body = !t.top && t.within.is_none() && !upgraded.contains(&i);
            if body && t.hot && !held && unanswered(self, i) {
                self.compile(i);
            }
        }
        for i in 0..self.tracked.len() {
            if self.tracked[i].top && unanswered(self, i) {
                self.compile(i);
            }
        }
    }

    /// The top level is not found and its compile not yet asked for.
    pub(super) fn top_waiting(&self) -> bool {
        (0..self.tracked.len()).any(|i| self.tracked[i].top && self.state(i) == State::NotFound)
    }

    /// Asks for the top level's compile once the delay is over and no
    /// body's compile is outstanding.
    pub(super) fn compile_top_when_due(&mut self) {
        if self.conn.is_none() || self.started.elapsed() < TOP_LEVEL_DELAY {
            return;
        }
        let n = self.tracked.len();
        if (0..n).any(|i| !self.tracked[i].top && self.state(i) == State::Compiling) {
            return;
        }
        for i in 0..n {
            if self.tracked[i].top && self.state(i) == State::NotFound {
                self.compile(i);
            }
        }
    }

    /// Which entries need not be compiled (now): the plain entries that a
    /// loop's code covers (see [`L0::covered`]), and the speculative
    /// entries of bodies whose every caller runs speculative code, or will (its own is
    /// compiled, or it is hot and its plain code has not failed), or is
    /// such a body itself. Their callers' units hold their code, so
    /// compiling their own only copies it: in a chain of N bodies that are
    /// hot together, N units of up to N bodies each, where one holds the
    /// chain. A caller's code that fails makes the body's own due again.
    /// What it costs: a call of a caller that was already running when
    /// the caller's code came (its code serves the calls after) still
    /// calls the body's plain code. One pass, callers first (see
    /// `holdable`). Bodies that the code bound at start holds are held
    /// from the start.
    ///
    /// The top level's code is compiled for the next run, so it holds
    /// nothing while the program runs. Once the program has ended, what
    /// is compiled serves the next run only, and there the top level's
    /// code (which the end asks for, unless compiled or compiling already)
    /// holds its callees too: a chain's run that ends before f1's
    /// speculative code was asked for does not ask for it then, since the
    /// top level's unit holds the whole chain again.
    pub(super) fn held(&self) -> Vec<bool> {
        let top_level_counts = self.ended;
        let states = self.states();
        let runs_speculative = |i: usize| {
            let t = &self.tracked[i];
            if t.top {
                // known to L1 and not failed: compiled, or asked for now
                return top_level_counts
                    && matches!(
                        states[i],
                        State::Compiled | State::Compiling | State::NotFound | State::Querying
                    );
            }
            t.upgrade_of.is_some_and(|base| {
                states[i] == State::Compiled
                    || (t.hot && states[i] != State::Failed && states[base] != State::Failed)
            })
        };
        let mut held = self.held_at_start.clone();
        for (own, callers) in &self.holdable {
            held[*own] |= callers.iter().all(|&c| held[c] || runs_speculative(c));
        }
        for (i, h) in held.iter_mut().enumerate() {
            *h |= self.covered(i);
        }
        held
    }

    /// Whether plain entry `i` is one that a loop's code covers (see
    /// `Tracked::covers`), and that code has come: every call of the body
    /// from now on runs in it, so the body's own code would go unused.
    /// (A call already running when the loop moved into its code finishes
    /// interpreted.) In the next run the top level's code, or the loop's
    /// again, holds it the same way.
    fn covered(&self, i: usize) -> bool {
        // (reads only the states of the loops that cover `i`: it runs
        // inside `compile_waiting`'s loop over every entry)
        self.tracked
            .iter()
            .enumerate()
            .any(|(l, t)| t.covers.contains(&i) && self.state(l) == State::Compiled)
    }

    /// Shows in the report which entries are held (see [`L0::held`]).
    pub(super) fn mark_held(&self, held: &[bool]) {
        let mut r = self.lock_report();
        for (e, &h) in r.entries.iter_mut().zip(held) {
            e.held = h;
        }
    }

    /// Whether the hot entry at `i` is to be compiled. A loop's body is
    /// not when the function body or loop around it is hot or has code
    /// already (that code will run the loop), nor while L1 has yet to say
    /// whether it has that code, nor while any function body compiles. The
    /// top level around it never counts: it runs already, so its code only
    /// serves the next run.
    ///
    /// A function body's speculative code waits until its plain code is
    /// there and nothing else compiles (see [`prepare`]): one at a time,
    /// after the loops.
    pub(super) fn wants_compile(&self, i: usize) -> bool {
        if !self.tracked[i].hot {
            return false;
        }
        if self.tracked[i].upgrade_of.is_some() {
            return self.next_upgrade() == Some(i);
        }
        if self.waits_for_loop(i) || self.covered(i) {
            return false;
        }
        if self.loop_waiting(i) || (self.tracked[i].within.is_some() && self.body_compiling(i)) {
            return false;
        }
        let mut around = self.tracked[i].within;
        while let Some(j) = around {
            let t = &self.tracked[j];
            let covered = matches!(
                self.state(j),
                State::Querying | State::Compiling | State::Compiled
            );
            if !t.top && (t.hot || covered) {
                return false;
            }
            around = t.within;
        }
        true
    }

    /// Whether a function body's plain compile is outstanding, other than
    /// of the bodies loop `l`'s code holds: loop bodies wait for it, so
    /// that their compiles never take a core from it (a function body, run
    /// at every call, gains more).
    fn body_compiling(&self, l: usize) -> bool {
        (0..self.tracked.len()).any(|j| {
            let t = &self.tracked[j];
            !t.top
                && t.within.is_none()
                && t.upgrade_of.is_none()
                && self.state(j) == State::Compiling
                && !self.tracked[l].holds.contains(&j)
        })
    }

    /// Whether the function body's plain entry `i` waits for the code of a
    /// loop of the top level that holds it: while that loop is hot and its
    /// code not there yet, or, for [`LOOP_DELAY`] after `i` became hot,
    /// until the loop becomes hot too. A chain of bodies that a loop calls
    /// becomes hot with it (the loop after ten times the iterations), and
    /// the loop's one unit, which runs them all inlined, compiles in about
    /// the time of their plain code in batches (chain40: 0.25 s against
    /// 0.55 s), so the loop goes first. Once its code is there (or has
    /// failed) the bodies' plain code is asked for, for calls from
    /// elsewhere; when nothing else calls them, it is not (see
    /// [`L0::covered`]).
    fn waits_for_loop(&self, i: usize) -> bool {
        let recent = self.tracked[i]
            .hot_at
            .is_some_and(|at| at.elapsed() < LOOP_DELAY);
        self.tracked.iter().enumerate().any(|(l, t)| {
            t.holds.contains(&i)
                && match self.state(l) {
                    State::Compiling => true,
                    State::Unknown => t.hot || recent,
                    _ => false,
                }
        })
    }

    /// Whether `i` is a loop's body still within [`LOOP_DELAY`] of becoming
    /// hot. A loop of the top level does not wait: no function body
    /// around it can become hot.
    fn loop_waiting(&self, i: usize) -> bool {
        let t = &self.tracked[i];
        let in_top_level = t.within.is_some_and(|w| self.tracked[w].top);
        t.within.is_some() && !in_top_level && t.hot_at.is_some_and(|at| at.elapsed() < LOOP_DELAY)
    }

    /// When the next hot loop's body, or body waiting for a loop, is done
    /// waiting, if one waits.
    pub(super) fn next_loop_due(&self) -> Option<Instant> {
        (0..self.tracked.len())
            .filter(|&i| {
                let waiting_loop = self.loop_waiting(i) && self.state(i) == State::Unknown;
                // or a body that waits for a loop to become hot
                let waiting_body = self.state(i) == State::NotFound
                    && self.tracked[i]
                        .hot_at
                        .is_some_and(|at| at.elapsed() < LOOP_DELAY)
                    && self.tracked.iter().any(|t| t.holds.contains(&i) && !t.hot);
                waiting_loop || waiting_body
            })
            .filter_map(|i| self.tracked[i].hot_at.map(|at| at + LOOP_DELAY))
            .min()
    }

    /// The speculative code to ask for next, if any is due: a hot body's
    /// whose query found nothing, whose plain code is there and that no
    /// caller holds (see [`L0::held`]), while no other compile than the
    /// top level's is outstanding. The first in entry order. (It also
    /// brings the report's held marks up to date.)
    fn next_upgrade(&self) -> Option<usize> {
        let states = self.states();
        let n = self.tracked.len();
        if (0..n).any(|j| !self.tracked[j].top && states[j] == State::Compiling) {
            return None;
        }
        let held = self.held();
        self.mark_held(&held);
        (0..n).find(|&i| {
            let t = &self.tracked[i];
            t.hot
                && !held[i]
                && states[i] == State::NotFound
                && t.upgrade_of
                    .is_some_and(|base| states[base] == State::Compiled)
        })
    }

    /// Compiles the hot loops, the plain code of bodies that waited for a
    /// loop, and the speculative code that were waiting (see
    /// [`L0::wants_compile`]).
    pub(super) fn compile_waiting(&mut self) {
        if self.conn.is_none() {
            return;
        }
        for i in 0..self.tracked.len() {
            let t = &self.tracked[i];
            let waiting = match self.state(i) {
                State::Unknown => t.within.is_some(),
                State::NotFound => !t.top && t.within.is_none() && t.upgrade_of.is_none(),
                _ => false,
            };
            if waiting && self.wants_compile(i) {
                self.compile(i);
            }
        }
        if let Some(i) = self.next_upgrade() {
            self.compile(i);
        }
    }
}
