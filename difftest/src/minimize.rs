//! Delta debugging on the program tree. Edits are numbered by a walk over
//! the tree (edit k = the k-th site the walk meets), so the minimizer only
//! needs "apply edit k" and a predicate: it tries edits in order, keeps one
//! whenever the predicate still holds for the result, and sweeps again
//! until a sweep changes nothing or the test budget is spent. Coarse edits
//! come first: chunks of top-level statements, then single statements,
//! then statements replaced by their parts, then expressions replaced by a
//! child or a small literal.

use crate::ast::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
    RemoveStmt,
    ReplaceStmt,
    Expr,
}

/// Shrinks `program` while `keep` holds, running `keep` at most `budget`
/// times. `keep` must hold for `program` itself.
pub fn minimize(
    program: &Program,
    keep: &mut dyn FnMut(&Program) -> bool,
    budget: usize,
) -> Program {
    let mut cur = program.clone();
    let mut tests = 0;
    let mut test = |p: &Program, tests: &mut usize| {
        *tests += 1;
        keep(p)
    };
    cur = remove_chunks(cur, &mut |p| test(p, &mut tests), budget);
    loop {
        let mut changed = false;
        for pass in [Pass::RemoveStmt, Pass::ReplaceStmt, Pass::Expr] {
            let mut k = 0;
            while tests < budget {
                let Some(cand) = edit(&cur, pass, k) else {
                    break;
                };
                if cand != cur && test(&cand, &mut tests) {
                    cur = cand;
                    changed = true;
                } else {
                    k += 1;
                }
            }
        }
        if !changed || tests >= budget {
            return cur;
        }
    }
}

/// ddmin-style removal of runs of top-level statements, halving the run
/// length down to one.
fn remove_chunks(
    mut cur: Program,
    keep: &mut dyn FnMut(&Program) -> bool,
    budget: usize,
) -> Program {
    let mut tests = 0;
    let mut size = cur.stmts.len() / 2;
    while size >= 1 && tests < budget / 2 {
        let mut start = 0;
        while start < cur.stmts.len() && tests < budget / 2 {
            let mut cand = cur.clone();
            let end = (start + size).min(cand.stmts.len());
            cand.stmts.drain(start..end);
            tests += 1;
            if keep(&cand) {
                cur = cand;
            } else {
                start += size;
            }
        }
        size /= 2;
    }
    cur
}

/// The program with edit `k` of `pass` applied, or None when there are
/// fewer than k + 1 sites.
pub fn edit(p: &Program, pass: Pass, k: usize) -> Option<Program> {
    let mut out = p.clone();
    let mut left = k;
    let mut w = Walker {
        pass,
        left: &mut left,
    };
    w.block(&mut out.stmts).then_some(out)
}

struct Walker<'a> {
    pass: Pass,
    left: &'a mut usize,
}

impl Walker<'_> {
    /// Counts one site; true when it is the one to edit.
    fn hit(&mut self) -> bool {
        if *self.left == 0 {
            return true;
        }
        *self.left -= 1;
        false
    }

    /// True once the edit has been applied.
    fn block(&mut self, stmts: &mut Vec<Stmt>) -> bool {
        let mut i = 0;
        while i < stmts.len() {
            if self.pass == Pass::RemoveStmt && self.hit() {
                stmts.remove(i);
                return true;
            }
            if self.pass == Pass::ReplaceStmt {
                for r in replacements(&stmts[i]) {
                    if self.hit() {
                        stmts.splice(i..=i, r);
                        return true;
                    }
                }
            }
            if self.stmt(&mut stmts[i]) {
                return true;
            }
            i += 1;
        }
        false
    }

    fn stmt(&mut self, s: &mut Stmt) -> bool {
        match s {
            Stmt::Expr(e) | Stmt::Assign(_, _, e) | Stmt::Return(Some(e)) => self.expr(e),
            Stmt::Print { args, .. } => args.iter_mut().any(|a| self.expr(a)),
            Stmt::If {
                cond,
                then,
                elsifs,
                els,
                ..
            } => {
                self.expr(cond)
                    || self.block(then)
                    || elsifs
                        .iter_mut()
                        .any(|(c, b)| self.expr(c) || self.block(b))
                    || els.as_mut().is_some_and(|b| self.block(b))
            }
            Stmt::While { extra, body, .. } => {
                extra.as_mut().is_some_and(|x| self.expr(x)) || self.block(body)
            }
            Stmt::Modifier { stmt, cond, .. } => self.stmt(stmt) || self.expr(cond),
            Stmt::AssignIf(_, inner) => self.stmt(inner),
            Stmt::Def(d) => match &mut d.body {
                DefBody::Block(b) => self.block(b),
                DefBody::Endless(e) => self.expr(e),
            },
            Stmt::ModLoop { .. }
            | Stmt::Break
            | Stmt::Next
            | Stmt::Return(None)
            | Stmt::Exit(_) => false,
        }
    }

    fn expr(&mut self, e: &mut Expr) -> bool {
        if self.pass == Pass::Expr {
            for r in simpler(e) {
                if self.hit() {
                    *e = r;
                    return true;
                }
            }
        }
        match e {
            Expr::Int(..) | Expr::Var(_) => false,
            Expr::Bin(_, a, b) => self.expr(a) || self.expr(b),
            Expr::Un(_, a)
            | Expr::P(a)
            | Expr::Assign(_, _, a)
            | Expr::Paren(a)
            | Expr::Broken(a) => self.expr(a),
            Expr::Ternary(c, a, b) => self.expr(c) || self.expr(a) || self.expr(b),
            Expr::Call { args, .. } => args.iter_mut().any(|a| self.expr(a)),
        }
    }
}

/// Statements a statement may shrink into (spliced in its place).
fn replacements(s: &Stmt) -> Vec<Vec<Stmt>> {
    let mut out = Vec::new();
    match s {
        Stmt::If {
            then, elsifs, els, ..
        } => {
            out.push(then.clone());
            out.extend(elsifs.iter().map(|(_, b)| b.clone()));
            if let Some(b) = els {
                out.push(b.clone());
                let mut s2 = s.clone();
                if let Stmt::If { els, .. } = &mut s2 {
                    *els = None;
                }
                out.push(vec![s2]);
            }
            for i in 0..elsifs.len() {
                let mut s2 = s.clone();
                if let Stmt::If { elsifs, .. } = &mut s2 {
                    elsifs.remove(i);
                }
                out.push(vec![s2]);
            }
        }
        Stmt::While { body, extra, .. } => {
            out.push(body.clone());
            if extra.is_some() {
                let mut s2 = s.clone();
                if let Stmt::While { extra, .. } = &mut s2 {
                    *extra = None;
                }
                out.push(vec![s2]);
            }
        }
        Stmt::Modifier { stmt, .. } => out.push(vec![(**stmt).clone()]),
        Stmt::AssignIf(name, inner) => {
            out.push(vec![(**inner).clone()]);
            out.push(vec![Stmt::Assign(
                name.clone(),
                None,
                Expr::Int(0, Radix::Dec),
            )]);
        }
        Stmt::Print {
            kind,
            args,
            command,
        } if args.len() > 1 => {
            for a in args {
                out.push(vec![Stmt::Print {
                    kind: *kind,
                    args: vec![a.clone()],
                    command: *command,
                }]);
            }
        }
        Stmt::Def(d) => {
            if let DefBody::Block(b) = &d.body {
                if b.len() > 1 {
                    // keep only the last statement (the value)
                    let mut d2 = d.clone();
                    d2.body = DefBody::Block(vec![b[b.len() - 1].clone()]);
                    out.push(vec![Stmt::Def(d2)]);
                }
            }
        }
        _ => {}
    }
    out
}

/// Expressions an expression may shrink into: a small literal or one of
/// its children.
fn simpler(e: &Expr) -> Vec<Expr> {
    let mut out = Vec::new();
    match e {
        Expr::Int(v, r) => {
            for s in [0, 1] {
                if *v != s && (v.unsigned_abs() > 1) {
                    out.push(Expr::Int(s, Radix::Dec));
                }
            }
            if *r != Radix::Dec {
                out.push(Expr::Int(*v, Radix::Dec));
            }
            return out;
        }
        Expr::Var(_) => {
            out.push(Expr::Int(0, Radix::Dec));
            return out;
        }
        _ => {}
    }
    out.push(Expr::Int(0, Radix::Dec));
    out.push(Expr::Int(1, Radix::Dec));
    match e {
        Expr::Bin(_, a, b) => out.extend([(**a).clone(), (**b).clone()]),
        Expr::Un(_, a) | Expr::P(a) | Expr::Assign(_, _, a) | Expr::Paren(a) | Expr::Broken(a) => {
            out.push((**a).clone())
        }
        Expr::Ternary(c, a, b) => out.extend([(**c).clone(), (**a).clone(), (**b).clone()]),
        Expr::Call { args, .. } => out.extend(args.iter().cloned()),
        Expr::Int(..) | Expr::Var(_) => {}
    }
    out
}
