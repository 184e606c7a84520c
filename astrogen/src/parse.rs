//! Parser for node.def. Errors carry the 1-based line number.

use crate::spec::{DefOperand, DefType, KindDef, SideDecl, Spec};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefError {
    pub origin: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for DefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.origin, self.line, self.message)
    }
}

impl std::error::Error for DefError {}

/// Names a body may not use for operands: they are the evaluator's own
/// parameters, C keywords, or the runtime's namespace.
const RESERVED: &[&str] = &[
    "n", "fp", "auto", "break", "case", "char", "const", "continue", "default", "do", "double",
    "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
    "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef",
    "union", "unsigned", "void", "volatile", "while",
];

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

struct Parser<'a> {
    origin: &'a str,
    spec: Spec,
}

impl Parser<'_> {
    fn err(&self, line: usize, message: impl Into<String>) -> DefError {
        DefError {
            origin: self.origin.to_string(),
            line,
            message: message.into(),
        }
    }

    fn side(&mut self, line: usize, rest: &str) -> Result<(), DefError> {
        let parts: Vec<&str> = rest.split_whitespace().collect();
        let [name, words] = parts.as_slice() else {
            return Err(self.err(line, "expected `%side NAME WORDS`"));
        };
        if !is_ident(name) {
            return Err(self.err(line, format!("bad side type name `{name}`")));
        }
        let words: usize = words
            .parse()
            .ok()
            .filter(|w| *w > 0)
            .ok_or_else(|| self.err(line, format!("bad word count `{words}`")))?;
        if self.spec.sides.iter().any(|s| s.name == *name) {
            return Err(self.err(line, format!("side type `{name}` declared twice")));
        }
        self.spec.sides.push(SideDecl {
            name: name.to_string(),
            words,
        });
        Ok(())
    }

    fn operand_type(&self, line: usize, text: &str) -> Result<DefType, DefError> {
        let ty = match text {
            "node" => DefType::Node,
            "swappable" => DefType::Swappable,
            "entry" => DefType::Entry,
            "val" => DefType::Val,
            "i64" => DefType::I64,
            "word" => DefType::Word,
            "u32" => DefType::U32,
            "name" => DefType::Name,
            "target" => DefType::Target,
            _ => {
                let side = text
                    .strip_prefix("side")
                    .filter(|rest| rest.starts_with(char::is_whitespace))
                    .map(str::trim)
                    .ok_or_else(|| self.err(line, format!("unknown operand type `{text}`")))?;
                let index = self
                    .spec
                    .sides
                    .iter()
                    .position(|s| s.name == side)
                    .ok_or_else(|| self.err(line, format!("undeclared side type `{side}`")))?;
                DefType::Side(index)
            }
        };
        Ok(ty)
    }

    /// Parses `NAME(a: T, b: T) {` and returns the kind without its body.
    fn header(&self, line: usize, rest: &str) -> Result<KindDef, DefError> {
        let open = rest
            .find('(')
            .ok_or_else(|| self.err(line, "expected `(` after the node name"))?;
        let name = rest[..open].trim();
        if !is_ident(name) || name.starts_with("nr_") {
            return Err(self.err(line, format!("bad node name `{name}`")));
        }
        let close = rest
            .rfind(')')
            .ok_or_else(|| self.err(line, "expected `)` after the operands"))?;
        if close < open {
            return Err(self.err(line, "mismatched parentheses"));
        }
        if rest[close + 1..].trim() != "{" {
            return Err(self.err(line, "expected `{` at the end of the node header"));
        }
        let mut operands: Vec<DefOperand> = Vec::new();
        let list = rest[open + 1..close].trim();
        if !list.is_empty() {
            for item in list.split(',') {
                let (oname, oty) = item.split_once(':').ok_or_else(|| {
                    self.err(line, format!("expected `name: type` in `{}`", item.trim()))
                })?;
                let oname = oname.trim();
                if !is_ident(oname) || RESERVED.contains(&oname) || oname.starts_with("nr_") {
                    return Err(self.err(line, format!("bad operand name `{oname}`")));
                }
                if operands.iter().any(|o| o.name == oname) {
                    return Err(self.err(line, format!("duplicate operand `{oname}`")));
                }
                let ty = self.operand_type(line, oty.trim())?;
                operands.push(DefOperand {
                    name: oname.to_string(),
                    ty,
                });
            }
        }
        Ok(KindDef {
            name: name.to_string(),
            operands,
            body: String::new(),
            line,
            body_line: line + 1,
        })
    }
}

/// Parses node.def text. `origin` names the file in error messages.
pub fn parse(text: &str, origin: &str) -> Result<Spec, DefError> {
    let mut p = Parser {
        origin,
        spec: Spec::default(),
    };
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    while let Some((line, raw)) = lines.next() {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("%side") {
            p.side(line, rest)?;
        } else if let Some(rest) = trimmed.strip_prefix("node ") {
            let mut kind = p.header(line, rest)?;
            if p.spec.kinds.iter().any(|k| k.name == kind.name) {
                return Err(p.err(line, format!("node `{}` defined twice", kind.name)));
            }
            let mut body = String::new();
            let mut closed = false;
            for (_, body_line) in lines.by_ref() {
                if body_line == "}" {
                    closed = true;
                    break;
                }
                body.push_str(body_line);
                body.push('\n');
            }
            if !closed {
                return Err(p.err(
                    line,
                    format!(
                        "node `{}`: body not closed by a line holding only `}}`",
                        kind.name
                    ),
                ));
            }
            if body.trim().is_empty() {
                return Err(p.err(line, format!("node `{}` has an empty body", kind.name)));
            }
            kind.body = body;
            p.spec.kinds.push(kind);
        } else {
            return Err(p.err(
                line,
                format!("expected `node`, `%side` or a comment, found `{trimmed}`"),
            ));
        }
    }
    if p.spec.kinds.is_empty() {
        return Err(p.err(1, "no node kinds defined"));
    }
    Ok(p.spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err_of(text: &str) -> DefError {
        parse(text, "t.def").unwrap_err()
    }

    #[test]
    fn parses_kinds_sides_and_bodies() {
        let spec = parse(
            "# c\n%side Cache 2\nnode lit(value: i64) {\n    RETURN(value);\n}\nnode c(x: node, k: side Cache) {\n  a;\n}\n",
            "t.def",
        )
        .unwrap();
        assert_eq!(
            spec.sides,
            vec![SideDecl {
                name: "Cache".into(),
                words: 2
            }]
        );
        assert_eq!(spec.kinds.len(), 2);
        assert_eq!(spec.kinds[0].body, "    RETURN(value);\n");
        assert_eq!(spec.kinds[0].body_line, 4);
        assert_eq!(spec.kinds[1].operands[1].ty, DefType::Side(0));
    }

    #[test]
    fn reports_line_numbers() {
        assert_eq!(err_of("\n\nbogus\n").line, 3);
        let e = err_of("node a(x: nod) {\nx;\n}\n");
        assert_eq!(
            (e.line, e.message.as_str()),
            (1, "unknown operand type `nod`")
        );
        let e = err_of("node a(x: node) {\nx;\n");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("not closed"));
        let e = err_of("node a(x: i64) {\nx;\n}\n\nnode a(y: i64) {\ny;\n}\n");
        assert_eq!(e.line, 5);
        assert_eq!(
            err_of("node a(n: i64) {\nx;\n}\n").message,
            "bad operand name `n`"
        );
        assert_eq!(
            err_of("node a(x: side Nope) {\nx;\n}\n").message,
            "undeclared side type `Nope`"
        );
        assert_eq!(err_of("%side X zero\n").message, "bad word count `zero`");
        assert!(err_of("").message.contains("no node kinds"));
        assert!(err_of("node a(x: i64, x: i64) {\nx;\n}\n")
            .message
            .contains("duplicate"));
        assert_eq!(err_of("node a(x i64) {\nx;\n}\n").line, 1);
    }

    #[test]
    fn display_names_file_and_line() {
        assert_eq!(
            err_of("\nzzz\n").to_string(),
            "t.def:2: expected `node`, `%side` or a comment, found `zzz`"
        );
    }
}
