//! Decides whether a program stays in the Ruby-compatible subset
//! (LANGUAGE.md): it branches only on comparisons and their combinations,
//! computes and prints only integers, reads a local only where it is
//! assigned on every path, and every function returns an integer. The
//! generator's Ruby flavour produces such programs; the minimizer uses
//! this check so that a CRuby mismatch never shrinks into a program that
//! only differs because of a documented naruby-only behaviour.

use crate::ast::*;

#[derive(Clone, Default)]
struct Env {
    defined: Vec<String>,
}

pub fn ruby_compatible(p: &Program) -> bool {
    let mut env = Env::default();
    block(&p.stmts, &mut env)
}

fn block(stmts: &[Stmt], env: &mut Env) -> bool {
    stmts.iter().all(|s| stmt(s, env))
}

/// A nested block: what it assigns is not assigned on every path after it.
fn nested(stmts: &[Stmt], env: &Env) -> bool {
    block(stmts, &mut env.clone())
}

fn stmt(s: &Stmt, env: &mut Env) -> bool {
    match s {
        Stmt::Expr(e) => int(e, env),
        Stmt::Print { args, .. } => args.iter().all(|a| int(a, env)),
        Stmt::AssignIf(name, inner) => {
            // Ruby gives nil when no branch is taken or a branch ends in a
            // statement without an integer value
            let ok = match &**inner {
                Stmt::If {
                    then, elsifs, els, ..
                } => {
                    let int_tail = |b: &Vec<Stmt>| matches!(b.last(), Some(Stmt::Expr(_)));
                    els.as_ref().is_some_and(int_tail)
                        && int_tail(then)
                        && elsifs.iter().all(|(_, b)| int_tail(b))
                }
                _ => false,
            };
            let ok = ok && stmt(inner, env);
            env.defined.push(name.clone());
            ok
        }
        Stmt::Assign(name, op, e) => {
            let ok = int(e, env) && (op.is_none() || env.defined.contains(name));
            env.defined.push(name.clone());
            ok
        }
        Stmt::If {
            cond,
            then,
            elsifs,
            els,
            ..
        } => {
            boolean(cond, env)
                && nested(then, env)
                && elsifs
                    .iter()
                    .all(|(c, b)| boolean(c, env) && nested(b, env))
                && els.as_ref().is_none_or(|b| nested(b, env))
        }
        Stmt::While {
            counter,
            extra,
            body,
            ..
        } => {
            env.defined.push(counter.clone());
            extra.as_ref().is_none_or(|x| boolean(x, env)) && nested(body, env)
        }
        Stmt::Modifier {
            stmt: inner, cond, ..
        } => boolean(cond, env) && stmt(inner, &mut env.clone()),
        Stmt::ModLoop { counter, .. } => {
            env.defined.push(counter.clone());
            true
        }
        Stmt::Break | Stmt::Next | Stmt::Exit(_) => true,
        // a bare return gives nil in Ruby
        Stmt::Return(e) => e.as_ref().is_some_and(|e| int(e, env)),
        Stmt::Def(d) => def(d),
    }
}

fn def(d: &Def) -> bool {
    let mut env = Env::default();
    if d.guard.is_some() {
        env.defined.push(DEPTH.to_string());
    }
    env.defined.extend(d.params.iter().cloned());
    match &d.body {
        DefBody::Endless(e) => int(e, &env),
        DefBody::Block(stmts) => {
            // the last statement gives the function's value
            let ends_in_int = matches!(stmts.last(), Some(Stmt::Expr(_) | Stmt::Return(Some(_))));
            ends_in_int && block(stmts, &mut env)
        }
    }
}

/// An expression whose value is an integer in both languages.
fn int(e: &Expr, env: &Env) -> bool {
    match e {
        Expr::Int(..) => true,
        Expr::Var(v) => env.defined.contains(v),
        Expr::Bin(op, a, b) => !op.is_boolean() && int(a, env) && int(b, env),
        Expr::Un(UnOp::Neg | UnOp::Plus | UnOp::BitNot, a) => int(a, env),
        Expr::Un(UnOp::Not | UnOp::KwNot, _) => false,
        Expr::Ternary(c, a, b) => boolean(c, env) && int(a, env) && int(b, env),
        Expr::Call { args, .. } => args.iter().all(|a| int(a, env)),
        Expr::P(a) => int(a, env),
        Expr::Assign(name, op, a) => int(a, env) && (op.is_none() || env.defined.contains(name)),
        Expr::Paren(a) | Expr::Broken(a) => int(a, env),
    }
}

/// An expression whose value is true or false in Ruby and 1 or 0 in naruby.
fn boolean(e: &Expr, env: &Env) -> bool {
    match e {
        Expr::Bin(op, a, b) if op.takes_booleans() => boolean(a, env) && boolean(b, env),
        Expr::Bin(op, a, b) if op.is_boolean() => int(a, env) && int(b, env),
        Expr::Un(UnOp::Not | UnOp::KwNot, a) => boolean(a, env),
        Expr::Paren(a) | Expr::Broken(a) => boolean(a, env),
        _ => false,
    }
}
