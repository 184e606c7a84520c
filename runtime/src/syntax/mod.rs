//! The front end: source text to [`ast::Program`].
//!
//! [`lexer`] turns the text into [`token`]s (deciding, as CRuby's lexer does,
//! everything that depends on spacing and on which names are local
//! variables), the lalrpop grammar in `grammar.lalrpop` builds the tree with
//! the constructors in [`actions`].

pub mod actions;
pub mod ast;
pub mod lexer;
pub mod token;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, unused_parens, dead_code)]
    grammar,
    "/syntax/grammar.rs"
);

#[cfg(test)]
mod tests;

use lalrpop_util::ParseError;

use ast::{Program, SyntaxError};
use token::Tok;

/// Parses a whole program.
pub fn parse(src: &str) -> Result<Program, SyntaxError> {
    let tokens = lexer::tokenize(src);
    let eof = tokens.eof;
    // Kept to name the token after a misplaced command call.
    let toks: Vec<(usize, Tok, usize)> =
        tokens.toks.iter().filter_map(|t| t.clone().ok()).collect();
    let parser = grammar::ProgramParser::new();
    match parser.parse(tokens.toks) {
        Ok(n) => {
            let mut body = n.e;
            body.span = 0..src.len();
            Ok(Program { body })
        }
        Err(e) => Err(convert_error(e, src, eof, &toks)),
    }
}

/// Names of grammar terminals as they appear in messages.
fn describe_expected(t: &str) -> Option<&'static str> {
    Some(match t.trim_matches('"') {
        "end" => "'end'",
        ")" | ")def" => "')'",
        "," => "','",
        "then" => "'then'",
        "do" => "'do'",
        ":" => "':'",
        "=" => "'='",
        "term" => "'\\n'",
        "local" => "local variable",
        "defname" => "method name",
        _ => return None,
    })
}

fn expecting(expected: &[String]) -> String {
    let has = |name: &str| expected.iter().any(|e| e.trim_matches('"') == name);
    // A missing `end` or `)` is what a reader needs to hear about.
    let list: Vec<&str> = if has("end") {
        vec!["'end'"]
    } else if has(")") && expected.len() > 4 {
        vec!["')'"]
    } else if expected.len() <= 4 {
        expected
            .iter()
            .filter_map(|e| describe_expected(e))
            .collect()
    } else {
        Vec::new()
    };
    if list.is_empty() {
        String::new()
    } else {
        format!(", expecting {}", list.join(" or "))
    }
}

fn convert_error(
    e: ParseError<usize, Tok, SyntaxError>,
    src: &str,
    eof: usize,
    toks: &[(usize, Tok, usize)],
) -> SyntaxError {
    match e {
        ParseError::User { error } => error,
        ParseError::InvalidToken { location } => {
            SyntaxError::new("syntax error, invalid token", location..location)
        }
        ParseError::UnrecognizedEof { expected, .. } => SyntaxError::new(
            format!(
                "syntax error, unexpected end-of-input{}",
                expecting(&expected)
            ),
            eof..eof,
        ),
        ParseError::UnrecognizedToken {
            token: (l, Tok::FnCmd(_), _),
            ..
        } if toks.iter().any(|t| t.0 > l) => {
            // A command call where only a value may stand (`1 + foo 2`):
            // like Ruby, blame its first argument.
            let i = toks.partition_point(|t| t.0 <= l);
            let (l, tok, r) = &toks[i];
            SyntaxError::new(format!("syntax error, unexpected {tok}"), *l..*r)
        }
        ParseError::UnrecognizedToken {
            token: (l, tok, r),
            expected,
        } => {
            let what = match tok {
                Tok::Term if src.as_bytes().get(l) == Some(&b';') => "';'".to_string(),
                t => t.to_string(),
            };
            SyntaxError::new(
                format!("syntax error, unexpected {what}{}", expecting(&expected)),
                l..r,
            )
        }
        ParseError::ExtraToken { token: (l, tok, r) } => SyntaxError::new(
            format!("syntax error, unexpected {tok}, expecting end-of-input"),
            l..r,
        ),
    }
}
