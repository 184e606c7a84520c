//! Compares the outcomes of one program across modes. naruby modes must
//! agree byte for byte (stdout, stderr, status); CRuby, where the program
//! is Ruby-compatible, must give the same stdout and status as the plain
//! interpreter (its error messages are worded differently). A mismatch is
//! summarised as a signature: which modes agree with which, and in what the
//! groups differ. Shrinking keeps a program only while its signature stays
//! the same, so it keeps the same disagreement.

use crate::modes::Mode;
use crate::proc::Outcome;

/// Messages of naruby-only errors: CRuby computes on (bignums, rationals,
/// a shallower stack), so a program that stops in one is not compared.
const NARUBY_ONLY_ERRORS: [&str; 3] = [
    "integer overflow",
    "negative exponent",
    "stack level too deep",
];

/// Whether CRuby must agree: the program is Ruby-compatible and the plain
/// interpreter did not stop in a naruby-only error.
pub fn ruby_applies(ruby_compatible: bool, plain: &Outcome) -> bool {
    let stderr = String::from_utf8_lossy(&plain.stderr);
    ruby_compatible && !NARUBY_ONLY_ERRORS.iter().any(|m| stderr.contains(m))
}

fn same(a: (Mode, &Outcome), b: (Mode, &Outcome)) -> bool {
    if a.0 == Mode::Ruby || b.0 == Mode::Ruby {
        a.1.stdout == b.1.stdout && a.1.status == b.1.status
    } else {
        a.1 == b.1
    }
}

/// Class number of every result: the first earlier result it agrees with
/// gives its class, else a new one. CRuby is only ever compared with the
/// plain interpreter.
pub fn classes(results: &[(Mode, Outcome)]) -> Vec<usize> {
    let mut classes: Vec<usize> = Vec::new();
    let mut next = 0;
    for (i, (mode, o)) in results.iter().enumerate() {
        let found = (0..i).find(|&j| {
            let (m, p) = &results[j];
            let comparable = (*mode != Mode::Ruby) || *m == Mode::Plain;
            comparable && same((*mode, o), (*m, p))
        });
        classes.push(match found {
            Some(j) => classes[j],
            None => {
                next += 1;
                next - 1
            }
        });
    }
    classes
}

/// None when every result agrees; else e.g.
/// `plain=0 compile=0 aot=1 | 1: stdout status`.
pub fn signature(results: &[(Mode, Outcome)]) -> Option<String> {
    let classes = classes(results);
    if classes.iter().all(|&c| c == 0) {
        return None;
    }
    let mut sig: Vec<String> = results
        .iter()
        .zip(&classes)
        .map(|((m, _), c)| format!("{}={c}", m.name()))
        .collect();
    sig.push("|".into());
    let base = &results[0].1;
    let mut seen = vec![0];
    for ((mode, o), &c) in results.iter().zip(&classes) {
        if seen.contains(&c) {
            continue;
        }
        seen.push(c);
        let mut what = Vec::new();
        if o.stdout != base.stdout {
            what.push("stdout");
        }
        if o.stderr != base.stderr && *mode != Mode::Ruby {
            what.push("stderr");
        }
        if o.status != base.status {
            what.push("status");
        }
        sig.push(format!("{c}: {}", what.join(" ")));
    }
    Some(sig.join(" "))
}

/// The modes worth re-running while shrinking: plain, every mode that
/// disagrees with it, and the cheap naruby modes (the AOT builds and CRuby
/// only when they take part in the disagreement).
pub fn relevant_modes(results: &[(Mode, Outcome)]) -> Vec<Mode> {
    let classes = classes(results);
    let plain = results
        .iter()
        .position(|(m, _)| *m == Mode::Plain)
        .map(|i| classes[i]);
    results
        .iter()
        .zip(&classes)
        .filter(|((m, _), c)| (!m.is_aot() && *m != Mode::Ruby) || Some(**c) != plain)
        .map(|((m, _), _)| *m)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(stdout: &str, stderr: &str, status: i32) -> Outcome {
        Outcome {
            stdout: stdout.into(),
            stderr: stderr.into(),
            status,
        }
    }

    #[test]
    fn agreeing_modes_have_no_signature() {
        let r = vec![(Mode::Plain, o("1\n", "", 0)), (Mode::Aot, o("1\n", "", 0))];
        assert_eq!(signature(&r), None);
    }

    #[test]
    fn any_byte_of_difference_is_a_mismatch() {
        let r = vec![
            (
                Mode::Plain,
                o("1\n", "x.rb:1: divided by 0 (ZeroDivisionError)\n", 1),
            ),
            (
                Mode::Compile,
                o("1\n", "x.rb:2: divided by 0 (ZeroDivisionError)\n", 1),
            ),
            (
                Mode::Aot,
                o("1\n", "x.rb:1: divided by 0 (ZeroDivisionError)\n", 1),
            ),
        ];
        assert_eq!(
            signature(&r).as_deref(),
            Some("plain=0 compile=1 aot=0 | 1: stderr")
        );
        assert_eq!(relevant_modes(&r), vec![Mode::Plain, Mode::Compile]);
    }

    #[test]
    fn ruby_is_judged_by_stdout_and_status_only() {
        let plain = o("3\n", "x.rb:1: divided by 0 (ZeroDivisionError)\n", 1);
        let ruby_same = o(
            "3\n",
            "x.rb:1:in `/': divided by 0 (ZeroDivisionError)\n",
            1,
        );
        let r = vec![(Mode::Plain, plain.clone()), (Mode::Ruby, ruby_same)];
        assert_eq!(signature(&r), None);
        let r = vec![(Mode::Plain, plain), (Mode::Ruby, o("3\n", "", 0))];
        assert_eq!(signature(&r).as_deref(), Some("plain=0 ruby=1 | 1: status"));
    }

    #[test]
    fn naruby_only_errors_skip_ruby() {
        let overflow = o("", "x.rb:1: integer overflow (RangeError)\n", 1);
        assert!(!ruby_applies(true, &overflow));
        assert!(ruby_applies(true, &o("", "", 0)));
        assert!(!ruby_applies(false, &o("", "", 0)));
    }
}
