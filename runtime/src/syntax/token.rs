//! The tokens: what logos splits the source into ([`Raw`]) and what the
//! grammar reads ([`Tok`]), with the keyword tables both layers consult.

use std::fmt;

use logos::Logos;

use super::ast::{BinOp, SyntaxError};

#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
#[logos(skip r"[ \t\r\x0B\x0C]+")]
#[logos(skip(r"#[^\n]*", allow_greedy = true))]
#[logos(skip r"\\\r?\n")]
pub(super) enum Raw {
    #[token("\n")]
    Newline,
    #[token(";")]
    Semi,
    #[regex("[a-z_][A-Za-z0-9_]*", name_suffix)]
    Ident,
    #[regex("[A-Z][A-Za-z0-9_]*", name_suffix)]
    Const,
    #[regex("[0-9][0-9_]*")]
    #[regex("0[xX][0-9A-Fa-f_]*")]
    #[regex("0[bBoOdD][0-9_]*")]
    Number,
    #[regex(r"[0-9][0-9_]*\.[0-9][0-9A-Za-z_]*")]
    #[regex(r"[0-9][0-9_]*[eE][+-][0-9]+")]
    Float,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("%")]
    Percent,
    #[token("**")]
    Pow,
    #[token("<<")]
    Shl,
    #[token(">>")]
    Shr,
    #[token("&")]
    Amp,
    #[token("|")]
    Pipe,
    #[token("^")]
    Caret,
    #[token("<")]
    Lt,
    #[token("<=")]
    Le,
    #[token(">")]
    Gt,
    #[token(">=")]
    Ge,
    #[token("<=>")]
    Cmp,
    #[token("==")]
    EqEq,
    #[token("!=")]
    Ne,
    #[token("&&")]
    AndAnd,
    #[token("||")]
    OrOr,
    #[token("!")]
    Bang,
    #[token("~")]
    Tilde,
    #[token("?")]
    Question,
    #[token(":")]
    Colon,
    #[token("::")]
    ColonColon,
    #[token("=")]
    Assign,
    #[token("+=", |_| BinOp::Add)]
    #[token("-=", |_| BinOp::Sub)]
    #[token("*=", |_| BinOp::Mul)]
    #[token("/=", |_| BinOp::Div)]
    #[token("%=", |_| BinOp::Mod)]
    #[token("**=", |_| BinOp::Pow)]
    #[token("<<=", |_| BinOp::Shl)]
    #[token(">>=", |_| BinOp::Shr)]
    #[token("&=", |_| BinOp::BitAnd)]
    #[token("|=", |_| BinOp::BitOr)]
    #[token("^=", |_| BinOp::BitXor)]
    OpAssign(BinOp),
    #[token("||=")]
    OrAssign,
    #[token("&&=")]
    AndAssign,
    #[token(",")]
    Comma,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(".")]
    #[token("&.")]
    Dot,
    #[token("..")]
    #[token("...")]
    Range,
    #[token("->")]
    Lambda,
    #[token("=>")]
    Rocket,
    #[token("=~")]
    #[token("!~")]
    Match,
    #[token("===")]
    CaseEq,
    #[token("\"")]
    #[token("'")]
    Quote,
    #[token("`")]
    Backtick,
    #[token("$")]
    Dollar,
    #[token("@")]
    At,
    #[token("\\")]
    Backslash,
    #[regex(r"[^\x00-\x7F]")]
    NonAscii,
}

/// `foo?` / `foo!` are method names unless the `?`/`!` is followed by `=`
/// (so `x!=y` is `x != y`), exactly as in CRuby.
fn name_suffix(lex: &mut logos::Lexer<Raw>) {
    let rem = lex.remainder().as_bytes();
    if let Some(&c) = rem.first() {
        if (c == b'?' || c == b'!') && rem.get(1) != Some(&b'=') {
            lex.bump(1);
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct RawTok {
    pub(super) kind: Raw,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) space_before: bool,
}

/// Tokens handed to the grammar.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// Magnitude of an integer literal (the sign comes from [`Tok::UMinusNum`]).
    Int(u64),
    /// A `-` directly before a digit where an operand is expected.
    UMinusNum,
    /// A local variable (read, assignment target or parameter).
    Local(String),
    /// A bare call of a method without arguments.
    Fn(String),
    /// A method name that starts a command call (`puts 1`).
    FnCmd(String),
    /// A method name directly followed by `(`.
    FnParen(String),
    /// The name after `def`.
    DefName(String),
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Pow,
    Shl,
    Shr,
    Amp,
    Pipe,
    Caret,
    Lt,
    Le,
    Gt,
    Ge,
    Cmp,
    EqEq,
    Ne,
    AndAnd,
    OrOr,
    Bang,
    Tilde,
    UMinus,
    UPlus,
    Question,
    Colon,
    Assign,
    OpAssign(BinOp),
    Comma,
    /// Grouping parenthesis (also the parameter list of `def`).
    LParen,
    /// Argument list parenthesis right after a method name.
    LParenCall,
    /// `(` after a method name and a space: starts the first argument.
    LParenArg,
    RParen,
    /// The `)` closing the parameters of a `def` (an operand may follow:
    /// `def f(a) -a end`).
    ParamsEnd,
    /// Statement terminator (newline or `;`).
    Term,
    If,
    IfMod,
    Unless,
    UnlessMod,
    While,
    WhileMod,
    Until,
    UntilMod,
    Elsif,
    Else,
    Then,
    Do,
    End,
    Def,
    Return,
    Break,
    Next,
    And,
    Or,
    Not,
}

impl Tok {
    /// Whether an expression can end with this token (Ruby's EXPR_END).
    pub(super) fn ends_expr(&self) -> bool {
        matches!(
            self,
            Tok::Int(_) | Tok::Local(_) | Tok::Fn(_) | Tok::RParen | Tok::End
        )
    }

    /// Whether a newline after this token ends the statement.
    pub(super) fn newline_ends(&self) -> bool {
        self.ends_expr() || matches!(self, Tok::Return | Tok::Break | Tok::Next | Tok::DefName(_))
    }

    /// Whether `if`/`unless`/`while`/`until` after this token is a modifier.
    pub(super) fn before_modifier(&self) -> bool {
        self.ends_expr() || matches!(self, Tok::Return | Tok::Break | Tok::Next)
    }
}

impl fmt::Display for Tok {
    /// How a token is named in "unexpected ..." messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Tok::Int(_) => "integer literal",
            Tok::UMinusNum | Tok::UMinus | Tok::Minus => "'-'",
            Tok::Local(_) | Tok::Fn(_) | Tok::FnCmd(_) | Tok::DefName(_) => {
                "local variable or method"
            }
            Tok::FnParen(_) => "method name",
            Tok::Plus | Tok::UPlus => "'+'",
            Tok::Star => "'*'",
            Tok::Slash => "'/'",
            Tok::Percent => "'%'",
            Tok::Pow => "'**'",
            Tok::Shl => "'<<'",
            Tok::Shr => "'>>'",
            Tok::Amp => "'&'",
            Tok::Pipe => "'|'",
            Tok::Caret => "'^'",
            Tok::Lt => "'<'",
            Tok::Le => "'<='",
            Tok::Gt => "'>'",
            Tok::Ge => "'>='",
            Tok::Cmp => "'<=>'",
            Tok::EqEq => "'=='",
            Tok::Ne => "'!='",
            Tok::AndAnd => "'&&'",
            Tok::OrOr => "'||'",
            Tok::Bang => "'!'",
            Tok::Tilde => "'~'",
            Tok::Question => "'?'",
            Tok::Colon => "':'",
            Tok::Assign => "'='",
            Tok::OpAssign(op) => {
                return write!(f, "'{}='", binop_str(*op));
            }
            Tok::Comma => "','",
            Tok::LParen | Tok::LParenCall | Tok::LParenArg => "'('",
            Tok::RParen | Tok::ParamsEnd => "')'",
            Tok::Term => "'\\n'",
            Tok::If | Tok::IfMod => "'if'",
            Tok::Unless | Tok::UnlessMod => "'unless'",
            Tok::While | Tok::WhileMod => "'while'",
            Tok::Until | Tok::UntilMod => "'until'",
            Tok::Elsif => "'elsif'",
            Tok::Else => "'else'",
            Tok::Then => "'then'",
            Tok::Do => "'do'",
            Tok::End => "'end'",
            Tok::Def => "'def'",
            Tok::Return => "'return'",
            Tok::Break => "'break'",
            Tok::Next => "'next'",
            Tok::And => "'and'",
            Tok::Or => "'or'",
            Tok::Not => "'not'",
        };
        f.write_str(s)
    }
}

pub fn binop_str(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::Mod => "%",
        BinOp::Pow => "**",
        BinOp::Shl => "<<",
        BinOp::Shr => ">>",
        BinOp::BitAnd => "&",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::Lt => "<",
        BinOp::Le => "<=",
        BinOp::Gt => ">",
        BinOp::Ge => ">=",
        BinOp::Eq => "==",
        BinOp::Ne => "!=",
        BinOp::Cmp => "<=>",
    }
}

pub type Spanned = (usize, Tok, usize);

/// The lexer's output: tokens (ending with the first error, if any) and the
/// position reported for end-of-input.
pub struct Tokens {
    pub toks: Vec<Result<Spanned, SyntaxError>>,
    pub eof: usize,
}

/// Ruby keywords that naruby does not support, with how they are named.
pub(super) fn unsupported_keyword(word: &str) -> Option<&'static str> {
    Some(match word {
        "alias" => "alias",
        "undef" => "undef",
        "class" => "class",
        "module" => "module",
        "begin" => "begin",
        "rescue" => "rescue",
        "ensure" => "ensure",
        "case" | "when" => "case",
        "in" => "in",
        "for" => "for",
        "yield" => "yield",
        "super" => "super",
        "redo" => "redo",
        "retry" => "retry",
        "self" => "self",
        "nil" => "nil",
        "true" => "true",
        "false" => "false",
        "defined?" => "defined?",
        "__FILE__" => "__FILE__",
        "__LINE__" => "__LINE__",
        "__ENCODING__" => "__ENCODING__",
        "__END__" => "__END__",
        _ => return None,
    })
}

pub(super) fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "if" | "unless"
            | "while"
            | "until"
            | "elsif"
            | "else"
            | "then"
            | "do"
            | "end"
            | "def"
            | "return"
            | "break"
            | "next"
            | "and"
            | "or"
            | "not"
    ) || unsupported_keyword(word).is_some()
}

/// Tokens that read as a binary operator after a value but as a prefix (or
/// the start of an argument) after a command name: `p -1` against `p - 1`.
pub(super) fn is_binary_or_prefix(kind: Raw) -> bool {
    matches!(
        kind,
        Raw::Minus
            | Raw::Plus
            | Raw::Star
            | Raw::Pow
            | Raw::Amp
            | Raw::Colon
            | Raw::Question
            | Raw::Slash
            | Raw::Percent
    )
}
