//! Node constructors used by the grammar's actions.
//!
//! Every node travels through the parser together with its depth, so that a
//! tree deeper than [`MAX_DEPTH`] is rejected while it is built. That keeps
//! every later recursive walk over the tree (and dropping it) within a small
//! stack.

use lalrpop_util::ParseError;

use super::ast::{BinOp, CallStyle, Expr, ExprKind, Span, SyntaxError, UnOp};
use super::token::Tok;

/// Deepest expression tree the parser builds.
pub const MAX_DEPTH: u32 = 10_000;

/// An expression and the depth of its tree.
#[derive(Debug)]
pub struct N {
    pub e: Expr,
    pub d: u32,
}

pub type PE = ParseError<usize, Tok, SyntaxError>;
pub type R = Result<N, PE>;

pub fn user(message: impl Into<String>, span: Span) -> PE {
    ParseError::User {
        error: SyntaxError::new(message, span),
    }
}

fn node(kind: ExprKind, span: Span, d: u32) -> R {
    if d > MAX_DEPTH {
        return Err(user("nesting too deep", span));
    }
    Ok(N {
        e: Expr::new(kind, span),
        d,
    })
}

fn bx(n: N) -> Box<Expr> {
    Box::new(n.e)
}

/// Where an expression has no value (`return`, `break`, `next`, or a
/// sequence or `if` that always ends in one), as CRuby's "void value
/// expression" check: the span to blame, or `None` for a proper value.
fn void_span(e: &Expr, budget: u32) -> Option<Span> {
    if budget == 0 {
        return None;
    }
    match &e.kind {
        ExprKind::Return(_) | ExprKind::Break(_) | ExprKind::Next(_) => Some(e.span.clone()),
        ExprKind::Seq(v) => void_span(v.last()?, budget - 1),
        ExprKind::If {
            then: Some(t),
            els: Some(f),
            ..
        } => {
            void_span(t, budget - 1)?;
            void_span(f, budget - 1)?;
            Some(e.span.clone())
        }
        _ => None,
    }
}

/// Rejects a valueless expression where a value is needed.
pub fn value(n: &N) -> Result<(), PE> {
    match void_span(&n.e, 64) {
        Some(span) => Err(user("void value expression", span)),
        None => Ok(()),
    }
}

pub fn int(v: u64, l: usize, r: usize) -> R {
    match i64::try_from(v) {
        Ok(v) => node(ExprKind::Int(v), l..r, 1),
        Err(_) => Err(user("integer literal out of range", l..r)),
    }
}

/// `-<digits>`: the literal with its sign folded in.
pub fn neg_int(v: u64, l: usize, r: usize) -> R {
    if v > 1u64 << 63 {
        return Err(user("integer literal out of range", l..r));
    }
    node(ExprKind::Int(0i64.wrapping_sub_unsigned(v)), l..r, 1)
}

/// `-<digits> ** rhs`, which Ruby reads as `-(<digits> ** rhs)`.
pub fn neg_pow(v: u64, l: usize, nl: usize, nr: usize, rhs: N) -> R {
    let base = int(v, nl, nr)?;
    let pow = bin(BinOp::Pow, base, rhs)?;
    unary(UnOp::Neg, pow, l)
}

pub fn var(name: String, l: usize, r: usize) -> R {
    node(ExprKind::Var(name), l..r, 1)
}

pub fn call(name: String, args: Vec<N>, style: CallStyle, l: usize, r: usize) -> R {
    let mut d = 0;
    for a in &args {
        value(a)?;
        d = d.max(a.d);
    }
    let args = args.into_iter().map(|a| a.e).collect();
    node(ExprKind::Call { name, args, style }, l..r, d + 1)
}

pub fn bin(op: BinOp, a: N, b: N) -> R {
    value(&a)?;
    value(&b)?;
    let span = a.e.span.start..b.e.span.end;
    let d = a.d.max(b.d) + 1;
    node(ExprKind::Binary(op, bx(a), bx(b)), span, d)
}

pub fn unary(op: UnOp, e: N, l: usize) -> R {
    value(&e)?;
    let span = l..e.e.span.end;
    let d = e.d + 1;
    node(ExprKind::Unary(op, bx(e)), span, d)
}

/// Unary plus: the operand itself.
pub fn plus(e: N) -> R {
    value(&e)?;
    Ok(e)
}

pub fn and(a: N, b: N) -> R {
    value(&a)?;
    let span = a.e.span.start..b.e.span.end;
    let d = a.d.max(b.d) + 1;
    node(ExprKind::And(bx(a), bx(b)), span, d)
}

pub fn or(a: N, b: N) -> R {
    value(&a)?;
    let span = a.e.span.start..b.e.span.end;
    let d = a.d.max(b.d) + 1;
    node(ExprKind::Or(bx(a), bx(b)), span, d)
}

pub fn assign(name: String, l: usize, rhs: N) -> R {
    value(&rhs)?;
    let span = l..rhs.e.span.end;
    let d = rhs.d + 1;
    node(ExprKind::Assign(name, bx(rhs)), span, d)
}

pub fn op_assign(name: String, op: BinOp, l: usize, rhs: N) -> R {
    value(&rhs)?;
    let span = l..rhs.e.span.end;
    let d = rhs.d + 1;
    node(ExprKind::OpAssign(name, op, bx(rhs)), span, d)
}

pub fn if_(cond: N, then: Option<N>, els: Option<N>, l: usize, r: usize) -> R {
    value(&cond)?;
    let d = cond
        .d
        .max(then.as_ref().map_or(0, |n| n.d))
        .max(els.as_ref().map_or(0, |n| n.d))
        + 1;
    let kind = ExprKind::If {
        cond: bx(cond),
        then: then.map(bx),
        els: els.map(bx),
    };
    node(kind, l..r, d)
}

pub fn while_(cond: N, body: N, negate: bool, l: usize, r: usize) -> R {
    value(&cond)?;
    let d = cond.d.max(body.d) + 1;
    let kind = ExprKind::While {
        cond: bx(cond),
        body: bx(body),
        negate,
    };
    node(kind, l..r, d)
}

/// `stmt if cond` / `stmt unless cond`.
pub fn mod_if(stmt: N, cond: N, negate: bool) -> R {
    let span = stmt.e.span.start..cond.e.span.end;
    let (l, r) = (span.start, span.end);
    if negate {
        if_(cond, None, Some(stmt), l, r)
    } else {
        if_(cond, Some(stmt), None, l, r)
    }
}

/// `stmt while cond` / `stmt until cond`.
pub fn mod_while(stmt: N, cond: N, negate: bool) -> R {
    let span = stmt.e.span.start..cond.e.span.end;
    while_(cond, stmt, negate, span.start, span.end)
}

pub fn seq(stmts: Vec<N>, l: usize, r: usize) -> R {
    let d = stmts.iter().map(|s| s.d).max().unwrap_or(0) + 1;
    let stmts = stmts.into_iter().map(|s| s.e).collect();
    node(ExprKind::Seq(stmts), l..r, d)
}

pub type Param = (String, Span);

pub fn def(name: (String, Span), params: Vec<Param>, body: N, l: usize, r: usize) -> R {
    for (i, (p, span)) in params.iter().enumerate() {
        if !p.starts_with('_') && params[..i].iter().any(|(q, _)| q == p) {
            return Err(user("duplicated argument name", span.clone()));
        }
    }
    let d = body.d + 1;
    let kind = ExprKind::Def {
        name: name.0,
        name_span: name.1,
        params: params.into_iter().map(|p| p.0).collect(),
        body: bx(body),
    };
    node(kind, l..r, d)
}

/// The body of an endless def: a sequence of one expression.
pub fn endless_def(name: (String, Span), params: Vec<Param>, body: N, l: usize) -> R {
    value(&body)?;
    let r = body.e.span.end;
    let span = body.e.span.clone();
    let body = seq(vec![body], span.start, span.end)?;
    def(name, params, body, l, r)
}

#[derive(Debug, Clone, Copy)]
pub enum Jump {
    Return,
    Break,
    Next,
}

pub fn jump(kind: Jump, args: Option<Vec<N>>, l: usize, r: usize) -> R {
    let arg = match args {
        None => None,
        Some(mut v) => {
            if v.len() > 1 {
                let what = match kind {
                    Jump::Return => "unsupported: multiple return values",
                    Jump::Break => "unsupported: multiple break values",
                    Jump::Next => "unsupported: multiple next values",
                };
                return Err(user(what, v[1].e.span.clone()));
            }
            v.pop()
        }
    };
    if let Some(a) = &arg {
        value(a)?;
    }
    let d = arg.as_ref().map_or(0, |a| a.d) + 1;
    let arg = arg.map(bx);
    let kind = match kind {
        Jump::Return => ExprKind::Return(arg),
        Jump::Break => ExprKind::Break(arg),
        Jump::Next => ExprKind::Next(arg),
    };
    node(kind, l..r, d)
}
