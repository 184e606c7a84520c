//! The surface syntax tree produced by the parser and consumed by lowering.
//!
//! The parser already decides what Ruby's parser decides: whether a bare
//! identifier is a local variable (assigned earlier in the same scope) or a
//! call, and which call style was written. Lowering only assigns frame slots
//! and picks node kinds.

use std::ops::Range;

/// Byte offsets into the source text.
pub type Span = Range<usize>;

/// A whole program: the top-level statements as one sequence.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub body: Expr,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    /// Where the expression starts and ends; `span.start` gives its line.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Shl,
    Shr,
    BitAnd,
    BitOr,
    BitXor,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    /// `<=>`
    Cmp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnOp {
    /// unary `-`
    Neg,
    /// `!` and `not`
    Not,
    /// `~`
    BitNot,
}

/// How a call was written; it only changes error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CallStyle {
    /// A bare identifier that is not a local: `foo`. Ruby reports a missing
    /// function as NameError ("undefined local variable or method").
    Vcall,
    /// `foo()` / `foo(a, b)`
    Paren,
    /// `foo a, b` (command call without parentheses)
    Command,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// Integer literal (already range-checked, sign folded in for `-5`).
    Int(i64),
    /// Read of a local variable that was assigned earlier in the scope
    /// (or is a parameter).
    Var(String),
    /// `x = e`
    Assign(String, Box<Expr>),
    /// `x op= e` for `+= -= *= /= %= **= <<= >>= &= |= ^=`
    OpAssign(String, BinOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// Unary plus is dropped by the parser.
    Unary(UnOp, Box<Expr>),
    /// `&&` and `and`
    And(Box<Expr>, Box<Expr>),
    /// `||` and `or`
    Or(Box<Expr>, Box<Expr>),
    /// `if`/`elsif`/`else`, `unless` (branches swapped), the ternary and the
    /// modifier forms. A missing branch is `None` (value 0).
    If {
        cond: Box<Expr>,
        then: Option<Box<Expr>>,
        els: Option<Box<Expr>>,
    },
    /// `while`/`until` and their modifier forms. `until` sets `negate`.
    While {
        cond: Box<Expr>,
        body: Box<Expr>,
        negate: bool,
    },
    /// A statement sequence (program body, `( ... )`, branch bodies,
    /// def bodies). Empty means 0.
    Seq(Vec<Expr>),
    /// `def name(params) ... end` or the endless form.
    Def {
        name: String,
        /// Span of the name, for error messages.
        name_span: Span,
        params: Vec<String>,
        body: Box<Expr>,
    },
    Call {
        name: String,
        args: Vec<Expr>,
        style: CallStyle,
    },
    Return(Option<Box<Expr>>),
    Break(Option<Box<Expr>>),
    Next(Option<Box<Expr>>),
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Self {
        Expr { kind, span }
    }
}

/// A syntax error (or rejected unsupported Ruby) with the offending span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
}

impl SyntaxError {
    pub fn new(message: impl Into<String>, span: Span) -> Self {
        SyntaxError {
            message: message.into(),
            span,
        }
    }
}
