//! Round-robin scheduling of timed runs: each round runs every entrant
//! (mode) once, in order, so a slow period of the machine falls on all
//! entrants alike instead of on one entrant's whole block of runs.

use crate::results::Outcome;
use crate::stats::Stats;

/// The samples of each entrant so far, or the failure that dropped it.
pub struct Rounds {
    entrants: Vec<Result<Vec<f64>, Outcome>>,
}

impl Rounds {
    pub fn new(count: usize) -> Rounds {
        Rounds {
            entrants: (0..count).map(|_| Ok(Vec::new())).collect(),
        }
    }

    /// One round: `run_once(i)` for every entrant `i` still in, in order. A
    /// run that fails drops its entrant from later rounds, with that failure
    /// as its outcome.
    pub fn round(&mut self, mut run_once: impl FnMut(usize) -> Result<f64, Outcome>) {
        for (index, entrant) in self.entrants.iter_mut().enumerate() {
            if let Ok(samples) = entrant {
                match run_once(index) {
                    Ok(seconds) => samples.push(seconds),
                    Err(outcome) => *entrant = Err(outcome),
                }
            }
        }
    }

    /// How many entrants have not failed.
    pub fn still_in(&self) -> usize {
        self.entrants.iter().filter(|e| e.is_ok()).count()
    }

    /// Each entrant's statistics over its samples, or its failure.
    pub fn outcomes(self) -> Vec<Outcome> {
        self.entrants
            .into_iter()
            .map(|entrant| match entrant {
                Ok(samples) => Stats::of(&samples).map_or_else(
                    || Outcome::Failed {
                        detail: "no timed runs".to_string(),
                    },
                    Outcome::Timed,
                ),
                Err(outcome) => outcome,
            })
            .collect()
    }
}

/// `runs` rounds over `count` entrants.
pub fn interleave(
    count: usize,
    runs: usize,
    mut run_once: impl FnMut(usize) -> Result<f64, Outcome>,
) -> Vec<Outcome> {
    let mut rounds = Rounds::new(count);
    for _ in 0..runs {
        rounds.round(&mut run_once);
    }
    rounds.outcomes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(detail: &str) -> Outcome {
        Outcome::Failed {
            detail: detail.into(),
        }
    }

    #[test]
    fn runs_every_entrant_once_per_round_in_order() {
        let mut calls = Vec::new();
        let outcomes = interleave(3, 3, |i| {
            calls.push(i);
            Ok(calls.len() as f64)
        });
        assert_eq!(calls, [0, 1, 2, 0, 1, 2, 0, 1, 2]);
        let medians: Vec<_> = outcomes.iter().map(|o| o.median()).collect();
        assert_eq!(medians, [Some(4.0), Some(5.0), Some(6.0)]);
        assert!(outcomes
            .iter()
            .all(|o| o.stats().map(|s| s.samples) == Some(3)));
    }

    #[test]
    fn a_failed_entrant_leaves_later_rounds_and_keeps_its_failure() {
        let mut calls = Vec::new();
        let mut rounds = Rounds::new(3);
        for round in 0..3 {
            rounds.round(|i| {
                calls.push((round, i));
                if (round, i) == (1, 1) {
                    Err(Outcome::Wrong {
                        got: "7".into(),
                        detail: "printed 7".into(),
                    })
                } else {
                    Ok(1.0)
                }
            });
        }
        assert_eq!(rounds.still_in(), 2);
        assert_eq!(
            calls,
            [
                (0, 0),
                (0, 1),
                (0, 2),
                (1, 0),
                (1, 1),
                (1, 2),
                (2, 0),
                (2, 2)
            ]
        );
        let outcomes = rounds.outcomes();
        assert_eq!(outcomes[0].stats().map(|s| s.samples), Some(3));
        assert!(matches!(&outcomes[1], Outcome::Wrong { got, .. } if got == "7"));
        assert_eq!(outcomes[2].stats().map(|s| s.samples), Some(3));
    }

    #[test]
    fn no_rounds_or_no_entrants() {
        assert_eq!(interleave(1, 0, |_| Ok(1.0)), [failed("no timed runs")]);
        assert!(interleave(0, 5, |_| Ok(1.0)).is_empty());
    }
}
