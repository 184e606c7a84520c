//! Lexing in two layers.
//!
//! 1. A logos lexer ([`Raw`]) splits the source into raw tokens and records
//!    whether whitespace came before each one.
//! 2. [`tokenize`] walks the raw tokens with a small "lex state" in the
//!    spirit of CRuby's parser: it knows the local variables of the current
//!    scope, the open blocks and parentheses, and whether the previous token
//!    ended an expression. With that it decides what Ruby decides in its
//!    lexer: whether a newline ends a statement, whether `if` is a modifier,
//!    whether `-` is unary (or the sign of a literal), whether an identifier
//!    is a local variable, a bare call or the start of a command call, and
//!    which kind of `(` was written. Unsupported Ruby is rejected here by name.
//!
//! The result is a list of parser tokens ([`Tok`]) for the lalrpop grammar;
//! the first error (if any) ends the list, so the parser reports whichever
//! problem comes first in the source.

use logos::Logos;
use std::collections::HashSet;

use super::ast::{Span, SyntaxError};
use super::token::{
    is_binary_or_prefix, is_keyword, unsupported_keyword, Raw, RawTok, Spanned, Tok, Tokens,
};

/// Deepest nesting of parentheses and blocks the lexer accepts.
pub const MAX_NESTING: usize = 10_000;

/// Replace `=begin`/`=end` blocks by blanks and cut the source at `__END__`.
/// Returns the cleaned text (same byte length up to the cut) or an error.
fn preprocess(src: &str) -> Result<String, SyntaxError> {
    let bytes = src.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut pos = 0;
    let starts_word = |line: &[u8], word: &[u8]| {
        line.starts_with(word) && line.get(word.len()).is_none_or(|c| c.is_ascii_whitespace())
    };
    while pos < bytes.len() {
        let line_end = bytes[pos..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(bytes.len(), |i| pos + i + 1);
        let line = &bytes[pos..line_end];
        let trimmed = line.strip_suffix(b"\n").unwrap_or(line);
        let trimmed = trimmed.strip_suffix(b"\r").unwrap_or(trimmed);
        if trimmed == b"__END__" {
            break;
        }
        if starts_word(line, b"=begin") {
            // Blank out lines up to and including the `=end` line.
            let blank = |l: &[u8], out: &mut Vec<u8>| {
                out.extend(l.iter().map(|&c| if c == b'\n' { b'\n' } else { b' ' }));
            };
            blank(line, &mut out);
            let mut p = line_end;
            let mut found = false;
            while p < bytes.len() {
                let le = bytes[p..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(bytes.len(), |i| p + i + 1);
                let l = &bytes[p..le];
                blank(l, &mut out);
                p = le;
                if starts_word(l, b"=end") {
                    found = true;
                    break;
                }
            }
            if !found {
                return Err(SyntaxError::new(
                    "embedded document meets end of file",
                    pos..pos + 6,
                ));
            }
            pos = p;
            continue;
        }
        out.extend_from_slice(line);
        pos = line_end;
    }
    // Only ASCII bytes were replaced by ASCII bytes and cuts happen at line
    // starts, so the text is still valid UTF-8.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// Validates the text of a numeric literal and returns its magnitude.
fn number_value(text: &str) -> Result<u64, &'static str> {
    let b = text.as_bytes();
    let (radix, digits) = if b.len() >= 2 && b[0] == b'0' && b[1].is_ascii_alphabetic() {
        let radix = match b[1] {
            b'x' | b'X' => 16,
            b'b' | b'B' => 2,
            b'o' | b'O' => 8,
            _ => 10,
        };
        (radix, &text[2..])
    } else if b.len() >= 2 && b[0] == b'0' {
        (8, &text[1..])
    } else {
        (10, text)
    };
    if digits.is_empty() || (digits.starts_with('_') && radix != 8) {
        return Err("numeric literal without digits");
    }
    if digits.ends_with('_') || digits.contains("__") {
        return Err("trailing '_' in number");
    }
    let mut v: u64 = 0;
    for c in digits.bytes() {
        if c == b'_' {
            continue;
        }
        let Some(d) = (c as char).to_digit(radix) else {
            return Err(match radix {
                8 => "Invalid octal digit",
                2 => "Invalid binary digit",
                _ => "Invalid digit",
            });
        };
        v = v
            .checked_mul(radix as u64)
            .and_then(|v| v.checked_add(u64::from(d)))
            .ok_or("integer literal out of range")?;
    }
    Ok(v)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Paren,
    /// `if`/`unless`/`while`/`until` block; `cond` while the loop condition
    /// of `while`/`until` is still open (an optional `do` may follow).
    Block {
        cond: bool,
    },
    Def,
    EndlessDef,
}

struct Lexer<'a> {
    src: &'a str,
    raw: Vec<RawTok>,
    /// Error that stopped raw lexing, reported when reached.
    raw_error: Option<SyntaxError>,
    i: usize,
    out: Vec<Result<Spanned, SyntaxError>>,
    stack: Vec<Open>,
    scopes: Vec<HashSet<String>>,
}

type LexResult = Result<(), SyntaxError>;

fn err<T>(msg: impl Into<String>, span: Span) -> Result<T, SyntaxError> {
    Err(SyntaxError::new(msg, span))
}

/// Lexes `src` into parser tokens.
pub fn tokenize(src: &str) -> Tokens {
    let clean = match preprocess(src) {
        Ok(c) => c,
        Err(e) => {
            return Tokens {
                toks: vec![Err(e)],
                eof: src.len(),
            }
        }
    };
    let mut raw = Vec::new();
    let mut raw_error = None;
    let mut lex = Raw::lexer(&clean);
    let mut prev_end = 0;
    while let Some(r) = lex.next() {
        let span = lex.span();
        match r {
            Ok(kind) => {
                raw.push(RawTok {
                    kind,
                    start: span.start,
                    end: span.end,
                    space_before: span.start > prev_end,
                });
                prev_end = span.end;
            }
            Err(()) => {
                let start = span.start;
                let mut end = span.end.max(start + 1);
                while end < clean.len() && !clean.is_char_boundary(end) {
                    end += 1;
                }
                let end = end.min(clean.len());
                let c = clean[start..end].chars().next().unwrap_or('?');
                let shown = if c.is_ascii_control() {
                    format!("\\x{:02X}", c as u32)
                } else {
                    c.to_string()
                };
                raw_error = Some(SyntaxError::new(
                    format!("Invalid char '{shown}' in expression"),
                    start..end,
                ));
                break;
            }
        }
    }
    let eof = clean.len();
    let mut lx = Lexer {
        src: &clean,
        raw,
        raw_error,
        i: 0,
        out: Vec::new(),
        stack: Vec::new(),
        scopes: vec![HashSet::new()],
    };
    if let Err(e) = lx.run() {
        lx.out.push(Err(e));
    }
    Tokens { toks: lx.out, eof }
}

impl<'a> Lexer<'a> {
    fn emit(&mut self, tok: Tok, span: Span) {
        self.out.push(Ok((span.start, tok, span.end)));
    }

    /// The previous significant token.
    fn last(&self) -> Option<&Tok> {
        match self.out.last() {
            Some(Ok((_, t, _))) => Some(t),
            _ => None,
        }
    }

    fn text(&self, t: &RawTok) -> &'a str {
        &self.src[t.start..t.end]
    }

    fn peek(&self, k: usize) -> Option<&RawTok> {
        self.raw.get(self.i + k)
    }

    /// The byte right after a raw token.
    fn byte_after(&self, t: &RawTok) -> Option<u8> {
        self.src.as_bytes().get(t.end).copied()
    }

    fn space_after(&self, t: &RawTok) -> bool {
        self.byte_after(t)
            .is_none_or(|c| c.is_ascii_whitespace() || c == b'#')
    }

    /// Whether the previous token leaves us expecting an operand (so `-` is
    /// unary, `(` groups, `*` would be a splat, ...).
    fn operand_expected(&self) -> bool {
        self.last().is_none_or(|t| !t.ends_expr())
    }

    fn last_is(&self, f: impl Fn(&Tok) -> bool) -> bool {
        self.last().is_some_and(f)
    }

    /// Span of a sigil-prefixed name (`$x`, `@x`, `:sym`) for error messages.
    fn name_span(&self, t: &RawTok) -> Span {
        let b = self.src.as_bytes();
        let mut end = t.end;
        while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'_' || b[end] == b'@')
        {
            end += 1;
        }
        t.start..end
    }

    fn close_endless(&mut self) {
        while self.stack.last() == Some(&Open::EndlessDef) {
            self.stack.pop();
            self.pop_scope();
        }
    }

    fn pop_scope(&mut self) {
        if self.scopes.len() > 1 {
            self.scopes.pop();
        }
    }

    fn push(&mut self, o: Open, span: Span) -> LexResult {
        if self.stack.len() >= MAX_NESTING {
            return err("nesting too deep", span);
        }
        self.stack.push(o);
        Ok(())
    }

    fn is_local(&self, name: &str) -> bool {
        self.scopes.last().is_some_and(|s| s.contains(name))
    }

    fn declare(&mut self, name: &str) {
        if let Some(s) = self.scopes.last_mut() {
            if !s.contains(name) {
                s.insert(name.to_string());
            }
        }
    }

    fn run(&mut self) -> LexResult {
        while self.i < self.raw.len() {
            let t = self.raw[self.i];
            self.token(t)?;
            self.i += 1;
        }
        self.close_endless();
        if let Some(e) = self.raw_error.take() {
            return Err(e);
        }
        Ok(())
    }

    fn emit_term(&mut self, span: Span) {
        self.close_endless();
        if let Some(Open::Block { cond }) = self.stack.last_mut() {
            *cond = false;
        }
        self.emit(Tok::Term, span);
    }

    fn token(&mut self, t: RawTok) -> LexResult {
        let span = t.start..t.end;
        let opnd = self.operand_expected();
        match t.kind {
            Raw::Newline => {
                if !self.last_is(Tok::newline_ends) {
                    return Ok(());
                }
                // A newline before `)` or before the `:` of a ternary does not
                // end the statement.
                let mut k = 1;
                while self.peek(k).is_some_and(|n| n.kind == Raw::Newline) {
                    k += 1;
                }
                if let Some(n) = self.peek(k) {
                    if n.kind == Raw::RParen || (n.kind == Raw::Colon && self.space_after(n)) {
                        return Ok(());
                    }
                }
                self.emit_term(span);
            }
            Raw::Semi => {
                if self.last_is(|t| *t == Tok::Term) {
                    return Ok(());
                }
                self.emit_term(span);
            }
            Raw::Ident => return self.ident(t),
            Raw::Const => {
                let text = self.text(&t);
                let what = match text {
                    "BEGIN" | "END" => format!("unsupported: {text} block"),
                    _ if self
                        .peek(1)
                        .is_some_and(|n| n.kind == Raw::LParen && !n.space_before) =>
                    {
                        "unsupported: capitalized method name".to_string()
                    }
                    _ => "unsupported: constant".to_string(),
                };
                return err(what, span);
            }
            Raw::Number => {
                let v = number_value(self.text(&t)).or_else(|m| err(m, span.clone()))?;
                if let Some(n) = self
                    .peek(1)
                    .filter(|n| n.kind == Raw::Ident && !n.space_before)
                {
                    let suffix = self.text(n);
                    let what = match suffix {
                        "r" => Some("unsupported: rational literal"),
                        "i" | "ri" => Some("unsupported: imaginary literal"),
                        s if s.starts_with('e') && s[1..].bytes().all(|c| c.is_ascii_digit()) => {
                            Some("unsupported: float literal")
                        }
                        _ => None,
                    };
                    if let Some(what) = what {
                        return err(what, t.start..n.end);
                    }
                }
                self.emit(Tok::Int(v), span);
            }
            Raw::Float => return err("unsupported: float literal", span),
            Raw::Plus => {
                let tok = if opnd { Tok::UPlus } else { Tok::Plus };
                self.emit(tok, span);
            }
            Raw::Minus => {
                let tok = if !opnd {
                    Tok::Minus
                } else if self.byte_after(&t).is_some_and(|c| c.is_ascii_digit()) {
                    Tok::UMinusNum
                } else {
                    Tok::UMinus
                };
                self.emit(tok, span);
            }
            Raw::Star => {
                if opnd {
                    return err("unsupported: splat", span);
                }
                self.emit(Tok::Star, span);
            }
            Raw::Pow => {
                if opnd {
                    return err("unsupported: double splat", span);
                }
                self.emit(Tok::Pow, span);
            }
            Raw::Amp => {
                if opnd {
                    return err("unsupported: block argument", span);
                }
                self.emit(Tok::Amp, span);
            }
            Raw::Slash => {
                if opnd {
                    return err("unsupported: regular expression", span);
                }
                self.emit(Tok::Slash, span);
            }
            Raw::Percent => {
                if opnd {
                    return err("unsupported: percent literal", span);
                }
                self.emit(Tok::Percent, span);
            }
            Raw::Shl => {
                if opnd
                    && self
                        .byte_after(&t)
                        .is_some_and(|c| c.is_ascii_alphanumeric() || b"_~-\"'`".contains(&c))
                {
                    return err("unsupported: string literal (heredoc)", span);
                }
                self.emit(Tok::Shl, span);
            }
            Raw::Shr => self.emit(Tok::Shr, span),
            Raw::Pipe => self.emit(Tok::Pipe, span),
            Raw::Caret => self.emit(Tok::Caret, span),
            Raw::Lt => self.emit(Tok::Lt, span),
            Raw::Le => self.emit(Tok::Le, span),
            Raw::Gt => self.emit(Tok::Gt, span),
            Raw::Ge => self.emit(Tok::Ge, span),
            Raw::Cmp => self.emit(Tok::Cmp, span),
            Raw::EqEq => self.emit(Tok::EqEq, span),
            Raw::Ne => self.emit(Tok::Ne, span),
            Raw::AndAnd => self.emit(Tok::AndAnd, span),
            Raw::OrOr => self.emit(Tok::OrOr, span),
            Raw::Bang => self.emit(Tok::Bang, span),
            Raw::Tilde => self.emit(Tok::Tilde, span),
            Raw::Question => {
                if opnd && !self.space_after(&t) {
                    return err("unsupported: character literal", span);
                }
                self.emit(Tok::Question, span);
            }
            Raw::Colon => {
                if opnd && !self.space_after(&t) {
                    return err("unsupported: symbol", self.name_span(&t));
                }
                self.emit(Tok::Colon, span);
            }
            Raw::ColonColon => {
                let what = if opnd {
                    "unsupported: constant"
                } else {
                    "unsupported: method call with a receiver"
                };
                return err(what, span);
            }
            Raw::Assign => self.emit(Tok::Assign, span),
            Raw::OpAssign(op) => self.emit(Tok::OpAssign(op), span),
            Raw::OrAssign => return err("unsupported: ||=", span),
            Raw::AndAssign => return err("unsupported: &&=", span),
            Raw::Comma => self.emit(Tok::Comma, span),
            Raw::LParen => {
                let tok = if self.last_is(|t| matches!(t, Tok::FnParen(_))) {
                    Tok::LParenCall
                } else if self.last_is(|t| matches!(t, Tok::FnCmd(_))) {
                    Tok::LParenArg
                } else {
                    Tok::LParen
                };
                self.push(Open::Paren, span.clone())?;
                self.emit(tok, span);
            }
            Raw::RParen => {
                self.close_endless();
                if self.stack.last() == Some(&Open::Paren) {
                    self.stack.pop();
                }
                self.emit(Tok::RParen, span);
            }
            Raw::LBracket => {
                let what = if opnd {
                    "unsupported: array literal"
                } else {
                    "unsupported: index operator (method call with a receiver)"
                };
                return err(what, span);
            }
            Raw::LBrace => return err("unsupported: hash or block", span),
            Raw::RBracket => return err("syntax error, unexpected ']'", span),
            Raw::RBrace => return err("syntax error, unexpected '}'", span),
            Raw::Dot => {
                let what = if opnd && self.byte_after(&t).is_some_and(|c| c.is_ascii_digit()) {
                    "unsupported: float literal"
                } else {
                    "unsupported: method call with a receiver"
                };
                return err(what, span);
            }
            Raw::Range => return err("unsupported: range", span),
            Raw::Lambda => return err("unsupported: lambda", span),
            Raw::Rocket => return err("unsupported: hash", span),
            Raw::Match => return err("unsupported: regular expression match", span),
            Raw::CaseEq => return err("unsupported: case equality (===)", span),
            Raw::Quote => return err("unsupported: string literal", span),
            Raw::Backtick => return err("unsupported: command string (backticks)", span),
            Raw::Dollar => return err("unsupported: global variable", self.name_span(&t)),
            Raw::At => {
                let what = if self.byte_after(&t) == Some(b'@') {
                    "unsupported: class variable"
                } else {
                    "unsupported: instance variable"
                };
                return err(what, self.name_span(&t));
            }
            Raw::Backslash => return err("syntax error, unexpected backslash", span),
            Raw::NonAscii => return err("unsupported: non-ASCII character", span),
        }
        Ok(())
    }

    /// Whether the raw token after a method name (and a space) starts a
    /// command argument, following CRuby's rules for EXPR_ARG/EXPR_CMDARG.
    /// For a local variable only tokens that cannot follow an expression
    /// count (Ruby's EXPR_END state).
    fn starts_command_arg(&self, n: &RawTok, local: bool) -> bool {
        if !n.space_before {
            return false;
        }
        if local
            && (is_binary_or_prefix(n.kind)
                || matches!(n.kind, Raw::Shl | Raw::LBracket | Raw::ColonColon))
        {
            return false;
        }
        match n.kind {
            Raw::Number
            | Raw::Float
            | Raw::Const
            | Raw::Bang
            | Raw::Tilde
            | Raw::ColonColon
            | Raw::LParen
            | Raw::LBracket
            | Raw::Quote
            | Raw::Backtick
            | Raw::Dollar
            | Raw::At
            | Raw::Lambda
            | Raw::NonAscii => true,
            Raw::Ident => {
                let w = self.text(n);
                !is_keyword(w) || unsupported_keyword(w).is_some() || matches!(w, "def" | "not")
            }
            k if is_binary_or_prefix(k) => !self.space_after(n),
            Raw::Shl => self
                .byte_after(n)
                .is_some_and(|c| c.is_ascii_alphanumeric() || b"_~-\"'`".contains(&c)),
            _ => false,
        }
    }

    fn ident(&mut self, t: RawTok) -> LexResult {
        let span = t.start..t.end;
        let word = self.text(&t);
        let modifier = self.last_is(Tok::before_modifier);
        let block_kw = |cond| Open::Block { cond };
        match word {
            "if" | "unless" | "while" | "until" => {
                let looping = matches!(word, "while" | "until");
                if modifier {
                    self.close_endless();
                    let tok = match word {
                        "if" => Tok::IfMod,
                        "unless" => Tok::UnlessMod,
                        "while" => Tok::WhileMod,
                        _ => Tok::UntilMod,
                    };
                    self.emit(tok, span);
                } else {
                    self.push(block_kw(looping), span.clone())?;
                    let tok = match word {
                        "if" => Tok::If,
                        "unless" => Tok::Unless,
                        "while" => Tok::While,
                        _ => Tok::Until,
                    };
                    self.emit(tok, span);
                }
                return Ok(());
            }
            "elsif" | "else" | "then" | "and" | "or" => {
                self.close_endless();
                let tok = match word {
                    "elsif" => Tok::Elsif,
                    "else" => Tok::Else,
                    "then" => Tok::Then,
                    "and" => Tok::And,
                    _ => Tok::Or,
                };
                self.emit(tok, span);
                return Ok(());
            }
            "do" => {
                self.close_endless();
                match self.stack.last_mut() {
                    Some(Open::Block { cond }) if *cond => *cond = false,
                    _ => return err("unsupported: block", span),
                }
                self.emit(Tok::Do, span);
                return Ok(());
            }
            "end" => {
                self.close_endless();
                match self.stack.last() {
                    Some(Open::Block { .. }) => {
                        self.stack.pop();
                    }
                    Some(Open::Def) => {
                        self.stack.pop();
                        self.pop_scope();
                    }
                    _ => {}
                }
                self.emit(Tok::End, span);
                return Ok(());
            }
            "def" => {
                self.emit(Tok::Def, span.clone());
                return self.def_header(span);
            }
            "return" => {
                self.emit(Tok::Return, span);
                return Ok(());
            }
            "break" => {
                self.emit(Tok::Break, span);
                return Ok(());
            }
            "next" => {
                self.emit(Tok::Next, span);
                return Ok(());
            }
            "not" => {
                self.emit(Tok::Not, span);
                return Ok(());
            }
            _ => {}
        }
        if let Some(what) = unsupported_keyword(word) {
            return err(format!("unsupported: {what}"), span);
        }
        let name = word.to_string();
        let method_only = name.ends_with(['?', '!']);
        let next = self.peek(1).copied();
        // `foo a: 1`
        if let Some(n) = next {
            if n.kind == Raw::Colon
                && !n.space_before
                && self.last_is(|t| {
                    matches!(
                        t,
                        Tok::LParenCall | Tok::LParenArg | Tok::Comma | Tok::FnCmd(_)
                    )
                })
            {
                return err("unsupported: keyword argument", t.start..n.end);
            }
        }
        if next.is_some_and(|n| n.kind == Raw::LParen && !n.space_before) {
            self.emit(Tok::FnParen(name), span);
            return Ok(());
        }
        if !method_only && next.is_some_and(|n| matches!(n.kind, Raw::Assign | Raw::OpAssign(_))) {
            self.declare(&name);
            self.emit(Tok::Local(name), span);
            return Ok(());
        }
        if next.is_some_and(|n| n.kind == Raw::Comma)
            && (self.last().is_none()
                || self.last_is(|t| {
                    matches!(t, Tok::Term | Tok::LParen | Tok::Then | Tok::Else | Tok::Do)
                }))
            && self.multiple_assignment_ahead()
        {
            return err("unsupported: multiple assignment", span);
        }
        if !method_only && self.is_local(&name) {
            // `x (1)`, `x 1`, `x y`, `x !y` call the method x even when x is
            // a local, as in Ruby; `x -1`, `x [1]`, `x ?a : b` use the local.
            if next.is_some_and(|n| self.starts_command_arg(&n, true)) {
                self.emit(Tok::FnCmd(name), span);
            } else {
                self.emit(Tok::Local(name), span);
            }
            return Ok(());
        }
        if next.is_some_and(|n| self.starts_command_arg(&n, false)) {
            self.emit(Tok::FnCmd(name), span);
        } else {
            self.emit(Tok::Fn(name), span);
        }
        Ok(())
    }

    /// After `a,` at the start of a statement: is there a `=` before the end
    /// of the statement (outside parentheses)?
    fn multiple_assignment_ahead(&self) -> bool {
        let mut depth = 0usize;
        // Bounded, so that hostile input cannot make lexing quadratic.
        for t in self.raw[self.i + 1..].iter().take(1000) {
            match t.kind {
                Raw::LParen | Raw::LBracket => depth += 1,
                Raw::RParen | Raw::RBracket => {
                    if depth == 0 {
                        return false;
                    }
                    depth -= 1;
                }
                Raw::Newline | Raw::Semi if depth == 0 => return false,
                Raw::Assign | Raw::OpAssign(_) if depth == 0 => return true,
                _ => {}
            }
        }
        false
    }

    /// Handles the name and parameters after `def` (the `def` token itself
    /// is already emitted). Leaves `self.i` on the last consumed raw token.
    fn def_header(&mut self, def_span: Span) -> LexResult {
        let Some(n) = self.peek(1).copied() else {
            return Ok(());
        };
        let nspan = n.start..n.end;
        let after = self.peek(2).copied();
        if after.is_some_and(|a| a.kind == Raw::Dot && !a.space_before) {
            return err("unsupported: singleton method", nspan);
        }
        match n.kind {
            Raw::Ident => {}
            Raw::Const => return err("unsupported: constant", nspan),
            Raw::Newline | Raw::Semi => return Ok(()),
            Raw::Plus
            | Raw::Minus
            | Raw::Star
            | Raw::Slash
            | Raw::Percent
            | Raw::Pow
            | Raw::Shl
            | Raw::Shr
            | Raw::Amp
            | Raw::Pipe
            | Raw::Caret
            | Raw::Lt
            | Raw::Le
            | Raw::Gt
            | Raw::Ge
            | Raw::Cmp
            | Raw::EqEq
            | Raw::Ne
            | Raw::Bang
            | Raw::Tilde
            | Raw::LBracket
            | Raw::Match
            | Raw::CaseEq => return err("unsupported: operator method", nspan),
            _ => return Ok(()),
        }
        let name = self.text(&n).to_string();
        if is_keyword(&name) {
            return err("unsupported: keyword as method name", nspan);
        }
        if after.is_some_and(|a| {
            !a.space_before && matches!(a.kind, Raw::Assign | Raw::EqEq | Raw::CaseEq | Raw::Match)
        }) {
            return err("unsupported: setter method", nspan);
        }
        self.i += 1;
        self.emit(Tok::DefName(name), nspan);
        self.push(Open::Def, def_span)?;
        self.scopes.push(HashSet::new());
        match self.peek(1).map(|t| t.kind) {
            Some(Raw::LParen) => {
                let p = self.raw[self.i + 1];
                self.i += 1;
                self.emit(Tok::LParen, p.start..p.end);
                self.params(true)?;
            }
            Some(Raw::Ident) => {
                self.params(false)?;
            }
            _ => {}
        }
        if self.peek(1).is_some_and(|t| t.kind == Raw::Assign) {
            if let Some(top) = self.stack.last_mut() {
                *top = Open::EndlessDef;
            }
        }
        Ok(())
    }

    /// Parameter list of a `def`, with or without parentheses.
    fn params(&mut self, paren: bool) -> LexResult {
        let mut expect_name = true;
        loop {
            let Some(t) = self.peek(1).copied() else {
                return Ok(());
            };
            let span = t.start..t.end;
            match t.kind {
                Raw::Newline if paren => {
                    self.i += 1;
                    continue;
                }
                Raw::RParen if paren => {
                    self.i += 1;
                    self.emit(Tok::ParamsEnd, span);
                    return Ok(());
                }
                Raw::Ident if expect_name => {
                    let name = self.text(&t);
                    if is_keyword(name) || name.ends_with(['?', '!']) {
                        return err("syntax error, formal argument must be local variable", span);
                    }
                    let after = self.peek(2).copied();
                    if let Some(a) = after {
                        if a.kind == Raw::Assign {
                            return err("unsupported: default parameter", t.start..a.end);
                        }
                        if a.kind == Raw::Colon && !a.space_before {
                            return err("unsupported: keyword parameter", t.start..a.end);
                        }
                    }
                    if self.is_local(name) && !name.starts_with('_') {
                        return err("duplicated argument name", span);
                    }
                    let name = name.to_string();
                    self.declare(&name);
                    self.i += 1;
                    self.emit(Tok::Local(name), span);
                    expect_name = false;
                }
                Raw::Comma if !expect_name => {
                    self.i += 1;
                    self.emit(Tok::Comma, span);
                    expect_name = true;
                }
                Raw::Star if expect_name => return err("unsupported: splat parameter", span),
                Raw::Pow if expect_name => {
                    return err("unsupported: keyword splat parameter", span)
                }
                Raw::Amp if expect_name => return err("unsupported: block parameter", span),
                Raw::Range if expect_name => return err("unsupported: argument forwarding", span),
                Raw::LParen if expect_name => {
                    return err("unsupported: destructuring parameter", span)
                }
                Raw::Const if expect_name => {
                    return err("formal argument cannot be a constant", span)
                }
                Raw::At | Raw::Dollar if expect_name => {
                    return err(
                        "formal argument cannot be an instance or global variable",
                        span,
                    )
                }
                // Anything else is left to the main loop (and the parser).
                _ => return Ok(()),
            }
        }
    }
}

#[cfg(test)]
pub(crate) fn kinds(src: &str) -> Result<Vec<Tok>, SyntaxError> {
    tokenize(src)
        .toks
        .into_iter()
        .map(|r| r.map(|(_, t, _)| t))
        .collect()
}
