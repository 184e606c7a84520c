//! The benchmark suite: `suite.txt` parsing and size substitution in the
//! workload sources.
//!
//! A suite line is `name group size quick expect quick_expect description...`.
//! Each workload's `.rb` and `.c` contain the `size` token exactly once as a
//! whole word; quick mode replaces it with `quick`.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// Which targets a workload counts towards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Loop,
    Recursive,
    Other,
}

impl Group {
    fn parse(text: &str) -> Option<Group> {
        match text {
            "loop" => Some(Group::Loop),
            "recursive" => Some(Group::Recursive),
            "other" => Some(Group::Other),
            _ => None,
        }
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Group::Loop => "loop",
            Group::Recursive => "recursive",
            Group::Other => "other",
        })
    }
}

/// One line of `suite.txt`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workload {
    pub name: String,
    pub group: Group,
    pub size: String,
    pub quick: String,
    pub expect: String,
    pub quick_expect: String,
    pub description: String,
}

impl Workload {
    /// The size token to put in the sources and the output that size must print.
    pub fn scaled(&self, quick: bool) -> (&str, &str) {
        if quick {
            (&self.quick, &self.quick_expect)
        } else {
            (&self.size, &self.expect)
        }
    }
}

/// Parses the text of `suite.txt`; `origin` names the file in messages.
/// Every malformed line is reported, one per line of the error.
pub fn parse(text: &str, origin: &str) -> Result<Vec<Workload>, String> {
    let mut workloads: Vec<Workload> = Vec::new();
    let mut errors = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match parse_line(trimmed) {
            Ok(w) if workloads.iter().any(|seen| seen.name == w.name) => {
                errors.push(format!(
                    "{origin}:{}: duplicate workload `{}`",
                    index + 1,
                    w.name
                ));
            }
            Ok(w) => workloads.push(w),
            Err(message) => errors.push(format!("{origin}:{}: {message}", index + 1)),
        }
    }
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    if workloads.is_empty() {
        return Err(format!("{origin}: no workloads"));
    }
    Ok(workloads)
}

fn parse_line(line: &str) -> Result<Workload, String> {
    let mut rest = line;
    let mut fields = Vec::new();
    for _ in 0..6 {
        let (field, tail) = next_field(rest)
            .ok_or("expected `name group size quick expect quick_expect description...`")?;
        fields.push(field);
        rest = tail;
    }
    let name = fields[0];
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(format!(
            "workload name `{name}` may only use letters, digits, `_` and `-`"
        ));
    }
    let group = Group::parse(fields[1]).ok_or_else(|| {
        format!(
            "unknown group `{}` (expected loop, recursive or other)",
            fields[1]
        )
    })?;
    Ok(Workload {
        name: name.to_string(),
        group,
        size: fields[2].to_string(),
        quick: fields[3].to_string(),
        expect: fields[4].to_string(),
        quick_expect: fields[5].to_string(),
        description: rest.trim().to_string(),
    })
}

/// Splits off the first whitespace-separated field.
fn next_field(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    if text.is_empty() {
        return None;
    }
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    Some((&text[..end], &text[end..]))
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Byte offsets where `token` occurs with no identifier/number character
/// directly before or after it.
fn whole_word_positions(source: &str, token: &str) -> Vec<usize> {
    let bytes = source.as_bytes();
    source
        .match_indices(token)
        .map(|(at, _)| at)
        .filter(|&at| {
            let before_ok = at == 0 || !is_word_byte(bytes[at - 1]);
            let end = at + token.len();
            let after_ok = end == bytes.len() || !is_word_byte(bytes[end]);
            before_ok && after_ok
        })
        .collect()
}

/// Replaces the single whole-word occurrence of `token` with `replacement`;
/// zero or several occurrences are an error.
pub fn substitute(source: &str, token: &str, replacement: &str) -> Result<String, String> {
    if token.is_empty() {
        return Err("empty size token".to_string());
    }
    let positions = whole_word_positions(source, token);
    match positions.as_slice() {
        [at] => Ok(format!(
            "{}{replacement}{}",
            &source[..*at],
            &source[at + token.len()..]
        )),
        [] => Err(format!(
            "size token `{token}` does not occur as a whole word"
        )),
        many => Err(format!(
            "size token `{token}` occurs {} times as a whole word (must be exactly once)",
            many.len()
        )),
    }
}

/// A workload's sources after size substitution, written to scratch space.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub ruby_source: PathBuf,
    pub c_source: PathBuf,
    /// Directory for this workload's executables and code stores.
    pub scratch: PathBuf,
    /// The trimmed stdout every mode must produce.
    pub expect: String,
}

/// Reads `suite_dir/workloads/NAME.{rb,c}`, substitutes the size and writes
/// them to `scratch_root/NAME/`.
pub fn prepare(
    workload: &Workload,
    quick: bool,
    suite_dir: &Path,
    scratch_root: &Path,
) -> Result<Prepared, String> {
    let (replacement, expect) = workload.scaled(quick);
    let scratch = scratch_root.join(&workload.name);
    fs::create_dir_all(&scratch)
        .map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
    let copy = |ext: &str| -> Result<PathBuf, String> {
        let origin = suite_dir
            .join("workloads")
            .join(format!("{}.{ext}", workload.name));
        let text = fs::read_to_string(&origin)
            .map_err(|e| format!("cannot read {}: {e}", origin.display()))?;
        let substituted = substitute(&text, &workload.size, replacement)
            .map_err(|e| format!("{}: {e}", origin.display()))?;
        let target = scratch.join(format!("{}.{ext}", workload.name));
        fs::write(&target, substituted)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        Ok(target)
    };
    let ruby_source = copy("rb")?;
    let c_source = copy("c")?;
    Ok(Prepared {
        ruby_source,
        c_source,
        scratch,
        expect: expect.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# name group size quick expect quick_expect description
prime  loop      1_000_000 10_000 78498 1229  count primes by trial division
fib    recursive 32        20     2178309 6765 doubly recursive fib(n)

thousand other 1000 10 500500 55 x
";

    #[test]
    fn parses_good_lines_and_keeps_description_spaces() {
        let suite = parse(SAMPLE, "suite.txt").unwrap();
        assert_eq!(suite.len(), 3);
        assert_eq!(suite[0].name, "prime");
        assert_eq!(suite[0].group, Group::Loop);
        assert_eq!(suite[0].size, "1_000_000");
        assert_eq!(suite[0].quick, "10_000");
        assert_eq!(suite[0].expect, "78498");
        assert_eq!(suite[0].quick_expect, "1229");
        assert_eq!(suite[0].description, "count primes by trial division");
        assert_eq!(suite[1].group, Group::Recursive);
        assert_eq!(suite[2].group, Group::Other);
        assert_eq!(suite[2].scaled(true), ("10", "55"));
        assert_eq!(suite[2].scaled(false), ("1000", "500500"));
    }

    #[test]
    fn reports_malformed_lines_with_line_numbers() {
        let text =
            "# header\nshort loop 1 2\nbad weird 1 2 3 4 d\nok loop 1 2 3 4\nok loop 1 2 3 4\n";
        let err = parse(text, "suite.txt").unwrap_err();
        assert!(err.contains("suite.txt:2: expected"), "{err}");
        assert!(err.contains("suite.txt:3: unknown group `weird`"), "{err}");
        assert!(
            err.contains("suite.txt:5: duplicate workload `ok`"),
            "{err}"
        );
        assert!(!err.contains("suite.txt:4"), "{err}");
    }

    #[test]
    fn rejects_empty_suite_and_bad_names() {
        assert!(parse("# only comments\n\n", "s")
            .unwrap_err()
            .contains("no workloads"));
        assert!(parse("a/b loop 1 2 3 4 d\n", "s")
            .unwrap_err()
            .contains("may only use"));
    }

    #[test]
    fn substitutes_exactly_one_whole_word() {
        let src = "n = 40\nx40 = 400\np 40_0 + n\n";
        assert_eq!(
            substitute(src, "40", "5").unwrap(),
            "n = 5\nx40 = 400\np 40_0 + n\n"
        );
        assert_eq!(substitute("f(40)", "40", "7").unwrap(), "f(7)");
        assert_eq!(substitute("40", "40", "7").unwrap(), "7");
        assert_eq!(
            substitute("i <= 1_000_000;", "1_000_000", "10").unwrap(),
            "i <= 10;"
        );
    }

    #[test]
    fn refuses_missing_or_repeated_tokens() {
        let missing = substitute("x40 = 400", "40", "5").unwrap_err();
        assert!(missing.contains("does not occur"), "{missing}");
        let twice = substitute("a = 40; b = 40", "40", "5").unwrap_err();
        assert!(twice.contains("occurs 2 times"), "{twice}");
        assert!(substitute("abc", "", "5").is_err());
    }
}
