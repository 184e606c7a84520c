//! Lowering: surface syntax → nodes.
//!
//! Assigns frame slots (parameters first, then locals in order of first
//! assignment, then temporaries for outgoing call arguments), picks node
//! kinds and val-operand shapes, and checks what the grammar cannot
//! (`break`/`next` outside a loop).
//!
//! Call arguments are stored into consecutive temporaries starting at the
//! call's `argbase`; the callee's frame starts there, so arguments are never
//! copied. While argument i is evaluated, slots argbase..argbase+i hold the
//! earlier arguments, so nested calls get a higher argbase.

use crate::node::{Ast, NodeId, Val};
use crate::syntax::ast::{BinOp, CallStyle, Expr, ExprKind, Program, Span, SyntaxError, UnOp};
use std::collections::HashMap;

/// A lowered program: the node arena, the top-level entry and its frame size.
#[derive(Debug, Clone)]
pub struct Lowered {
    pub ast: Ast,
    pub root: NodeId,
    pub nslots: u32,
    /// Every `def` node (function entries), in source order.
    pub defs: Vec<NodeId>,
    /// The `def`s that are statements of the top level itself, outside any
    /// condition, loop or function: each runs once, in source order, before
    /// the statements after it.
    pub top_level_defs: Vec<NodeId>,
}

/// Maps byte offsets to 1-based line numbers.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(src: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn line(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset) as u32
    }

    /// 1-based line and column (in characters) of `offset`.
    pub fn line_col(&self, src: &str, offset: usize) -> (u32, u32) {
        let line = self.line(offset);
        let start = self.starts[line as usize - 1];
        let offset = offset.min(src.len());
        let col = src
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line, col as u32 + 1)
    }
}

struct Scope {
    slots: HashMap<String, u32>,
    nlocals: u32,
    /// First free temporary slot.
    temp_top: u32,
    /// Frame size so far (locals + deepest temporaries).
    nslots: u32,
    loop_depth: u32,
    /// Whether the body holds a `return` (its root then needs catch_return).
    has_return: bool,
}

impl Scope {
    fn new(params: &[String], body: &Expr) -> Scope {
        let mut slots = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        for p in params {
            if !slots.contains_key(p.as_str()) {
                slots.insert(p.clone(), order.len() as u32);
                order.push(p);
            }
        }
        collect_locals(body, &mut |name| {
            if !slots.contains_key(name) {
                slots.insert(name.to_string(), slots.len() as u32);
            }
        });
        let nlocals = slots.len() as u32;
        // Every frame takes at least one slot, so each nested call moves
        // the value stack on and its end bounds recursion (nr_stack_ok).
        let first_temp = nlocals.max(1);
        Scope {
            slots,
            nlocals,
            temp_top: first_temp,
            nslots: first_temp,
            loop_depth: 0,
            has_return: false,
        }
    }
}

/// Calls `f` for each local variable of the scope whose body is `e`, in
/// source order, without entering nested `def`s (they are scopes of their
/// own).
fn collect_locals<'e>(e: &'e Expr, f: &mut impl FnMut(&'e str)) {
    match &e.kind {
        ExprKind::Int(_) => {}
        ExprKind::Var(name) => f(name),
        ExprKind::Assign(name, v) | ExprKind::OpAssign(name, _, v) => {
            f(name);
            collect_locals(v, f);
        }
        ExprKind::Binary(_, a, b) | ExprKind::And(a, b) | ExprKind::Or(a, b) => {
            collect_locals(a, f);
            collect_locals(b, f);
        }
        ExprKind::Unary(_, a) => collect_locals(a, f),
        ExprKind::If { cond, then, els } => {
            collect_locals(cond, f);
            if let Some(t) = then {
                collect_locals(t, f);
            }
            if let Some(x) = els {
                collect_locals(x, f);
            }
        }
        ExprKind::While { cond, body, .. } => {
            collect_locals(cond, f);
            collect_locals(body, f);
        }
        ExprKind::Seq(items) => items.iter().for_each(|i| collect_locals(i, f)),
        ExprKind::Def { .. } => {}
        ExprKind::Call { args, .. } => args.iter().for_each(|a| collect_locals(a, f)),
        ExprKind::Return(v) | ExprKind::Break(v) | ExprKind::Next(v) => {
            if let Some(v) = v {
                collect_locals(v, f);
            }
        }
    }
}

struct Lowerer<'s> {
    ast: Ast,
    lines: LineIndex,
    _src: &'s str,
    scope: Scope,
    defs: Vec<NodeId>,
    top_level_defs: Vec<NodeId>,
}

/// Lowers a parsed program.
pub fn lower(program: &Program, src: &str) -> Result<Lowered, SyntaxError> {
    let mut l = Lowerer {
        ast: Ast::new(),
        lines: LineIndex::new(src),
        _src: src,
        scope: Scope::new(&[], &program.body),
        defs: Vec::new(),
        top_level_defs: Vec::new(),
    };
    let root = l.top_level(&program.body)?;
    let mut ast = l.ast;
    crate::node::hash::assign_callee_idents(&mut ast, &l.defs);
    Ok(Lowered {
        nslots: l.scope.nslots,
        root,
        ast,
        defs: l.defs,
        top_level_defs: l.top_level_defs,
    })
}

impl Lowerer<'_> {
    fn line(&self, span: &Span) -> u32 {
        self.lines.line(span.start)
    }

    fn slot(&self, name: &str) -> u32 {
        // collect_locals registered every name lowering can meet
        self.scope.slots[name]
    }

    fn zero(&mut self, line: u32) -> NodeId {
        self.ast.lit(line, 0)
    }

    fn val(&mut self, e: &Expr) -> Result<Val, SyntaxError> {
        Ok(match &e.kind {
            ExprKind::Int(v) => Val::Imm(*v),
            ExprKind::Var(name) => Val::Local(self.slot(name)),
            _ => Val::Node(self.expr(e)?),
        })
    }

    fn opt(&mut self, e: &Option<Box<Expr>>, line: u32) -> Result<NodeId, SyntaxError> {
        match e {
            Some(e) => self.expr(e),
            None => Ok(self.zero(line)),
        }
    }

    fn binary(&mut self, line: u32, op: BinOp, l: Val, r: Val) -> NodeId {
        let a = &mut self.ast;
        match op {
            BinOp::Add => a.add(line, l, r),
            BinOp::Sub => a.sub(line, l, r),
            BinOp::Mul => a.mul(line, l, r),
            BinOp::Div => a.div(line, l, r),
            BinOp::Mod => a.mod_(line, l, r),
            BinOp::Pow => a.pow(line, l, r),
            BinOp::Shl => a.shl(line, l, r),
            BinOp::Shr => a.shr(line, l, r),
            BinOp::BitAnd => a.band(line, l, r),
            BinOp::BitOr => a.bor(line, l, r),
            BinOp::BitXor => a.bxor(line, l, r),
            BinOp::Lt => a.lt(line, l, r),
            BinOp::Le => a.le(line, l, r),
            BinOp::Gt => a.gt(line, l, r),
            BinOp::Ge => a.ge(line, l, r),
            BinOp::Eq => a.eq(line, l, r),
            BinOp::Ne => a.ne(line, l, r),
            BinOp::Cmp => a.cmp(line, l, r),
        }
    }

    /// A binary operation, using a fused kind where the pattern allows:
    /// `a % b == 0` → modz, `x * x <= b` (x a local) → sqle.
    fn fused_binary(
        &mut self,
        line: u32,
        op: BinOp,
        l: &Expr,
        r: &Expr,
    ) -> Result<NodeId, SyntaxError> {
        match (op, &l.kind, &r.kind) {
            (BinOp::Eq, ExprKind::Binary(BinOp::Mod, a, b), ExprKind::Int(0)) => {
                let a = self.val(a)?;
                let b = self.val(b)?;
                Ok(self.ast.modz(line, a, b))
            }
            (BinOp::Le, ExprKind::Binary(BinOp::Mul, a, b), _) if matches!((&a.kind, &b.kind), (ExprKind::Var(x), ExprKind::Var(y)) if x == y) =>
            {
                let x = self.val(a)?;
                let r = self.val(r)?;
                Ok(self.ast.sqle(line, x, r))
            }
            _ => {
                let l = self.val(l)?;
                let r = self.val(r)?;
                Ok(self.binary(line, op, l, r))
            }
        }
    }

    /// The program's body, noting which of its own statements are
    /// definitions (`Lowered::top_level_defs`).
    fn top_level(&mut self, body: &Expr) -> Result<NodeId, SyntaxError> {
        let items = match &body.kind {
            ExprKind::Seq(items) => items.as_slice(),
            _ => std::slice::from_ref(body),
        };
        self.statements(items, self.line(&body.span), true)
    }

    /// A statement list; at the top level (`top`), its definitions are
    /// recorded in `top_level_defs`.
    fn statements(&mut self, items: &[Expr], line: u32, top: bool) -> Result<NodeId, SyntaxError> {
        let mut nodes = Vec::with_capacity(items.len());
        for item in items {
            let node = self.expr(item)?;
            if top && matches!(item.kind, ExprKind::Def { .. }) {
                self.top_level_defs.push(node);
            }
            nodes.push(node);
        }
        Ok(self.seq(&nodes, line))
    }

    /// A statement list as a balanced tree of `seq` nodes (depth log n, so
    /// long programs do not make deep trees); its value is the last item's.
    fn seq(&mut self, items: &[NodeId], line: u32) -> NodeId {
        match items {
            [] => self.zero(line),
            [one] => *one,
            _ => {
                let (first, rest) = items.split_at(items.len() / 2);
                let first_line = self.ast.line(first[0]);
                let a = self.seq(first, first_line);
                let rest_line = self.ast.line(rest[0]);
                let b = self.seq(rest, rest_line);
                self.ast.seq(first_line, a, b)
            }
        }
    }

    fn expr(&mut self, e: &Expr) -> Result<NodeId, SyntaxError> {
        let line = self.line(&e.span);
        Ok(match &e.kind {
            ExprKind::Int(v) => self.ast.lit(line, *v),
            ExprKind::Var(name) => {
                let slot = self.slot(name);
                self.ast.lget(line, slot)
            }
            ExprKind::Assign(name, v) => {
                let slot = self.slot(name);
                let v = self.val(v)?;
                self.ast.lset(line, slot, v)
            }
            ExprKind::OpAssign(name, op, v) => {
                let slot = self.slot(name);
                let v = self.val(v)?;
                match op {
                    BinOp::Add => self.ast.ladd(line, slot, v),
                    BinOp::Sub => self.ast.lsub(line, slot, v),
                    _ => {
                        let value = self.binary(line, *op, Val::Local(slot), v);
                        self.ast.lset(line, slot, Val::Node(value))
                    }
                }
            }
            ExprKind::Binary(op, l, r) => self.fused_binary(line, *op, l, r)?,
            ExprKind::Unary(op, v) => {
                let v = self.val(v)?;
                match op {
                    UnOp::Neg => self.ast.neg(line, v),
                    UnOp::Not => self.ast.not(line, v),
                    UnOp::BitNot => self.ast.bnot(line, v),
                }
            }
            ExprKind::And(l, r) => {
                let l = self.expr(l)?;
                let r = self.expr(r)?;
                self.ast.and(line, l, r)
            }
            ExprKind::Or(l, r) => {
                let l = self.expr(l)?;
                let r = self.expr(r)?;
                self.ast.or(line, l, r)
            }
            ExprKind::If { cond, then, els } => {
                let c = self.expr(cond)?;
                let t = self.opt(then, line)?;
                match els {
                    None => self.ast.when(line, c, t),
                    Some(x) => {
                        let x = self.expr(x)?;
                        self.ast.if_(line, c, t, x)
                    }
                }
            }
            ExprKind::While { cond, body, negate } => {
                let c = self.expr(cond)?;
                self.scope.loop_depth += 1;
                let b = self.expr(body);
                self.scope.loop_depth -= 1;
                let b = b?;
                if *negate {
                    self.ast.until(line, c, b)
                } else {
                    self.ast.while_(line, c, b)
                }
            }
            ExprKind::Seq(items) => self.statements(items, line, false)?,
            ExprKind::Def {
                name, params, body, ..
            } => {
                let outer = std::mem::replace(&mut self.scope, Scope::new(params, body));
                let lowered = self.expr(body);
                let inner = std::mem::replace(&mut self.scope, outer);
                let mut body = lowered?;
                if inner.has_return {
                    body = self.ast.catch_return(line, body);
                }
                let sym = self.ast.intern(name);
                // the callee identity is filled in once the program is
                // complete (hash::assign_callee_idents)
                let def = self.ast.def(
                    line,
                    sym,
                    params.len() as u32,
                    inner.nlocals,
                    inner.nslots,
                    0,
                    0,
                    body,
                );
                self.defs.push(def);
                def
            }
            ExprKind::Call { name, args, style } => self.call(line, name, args, *style)?,
            ExprKind::Return(v) => {
                self.scope.has_return = true;
                let v = self.opt(v, line)?;
                self.ast.return_(line, v)
            }
            ExprKind::Break(v) | ExprKind::Next(v) => {
                let is_break = matches!(e.kind, ExprKind::Break(_));
                if self.scope.loop_depth == 0 {
                    let what = if is_break {
                        "Invalid break"
                    } else {
                        "Invalid next"
                    };
                    return Err(SyntaxError::new(what, e.span.clone()));
                }
                let v = self.opt(v, line)?;
                if is_break {
                    self.ast.break_(line, v)
                } else {
                    self.ast.next(line, v)
                }
            }
        })
    }

    fn call(
        &mut self,
        line: u32,
        name: &str,
        args: &[Expr],
        style: CallStyle,
    ) -> Result<NodeId, SyntaxError> {
        let sym = self.ast.intern(name);
        let argbase = self.scope.temp_top;
        if args.is_empty() {
            return Ok(match style {
                CallStyle::Vcall => self.ast.vcall(line, sym, argbase),
                CallStyle::Paren | CallStyle::Command => self.ast.call0(line, sym, argbase),
            });
        }
        let mut stores = Vec::with_capacity(args.len());
        for (i, arg) in args.iter().enumerate() {
            self.scope.temp_top = argbase + i as u32;
            let v = self.val(arg);
            self.scope.temp_top = argbase;
            let arg_line = self.line(&arg.span);
            stores.push(self.ast.lset(arg_line, argbase + i as u32, v?));
        }
        let argc = args.len() as u32;
        self.scope.nslots = self.scope.nslots.max(argbase + argc);
        let store_all = self.seq(&stores, line);
        Ok(self.ast.call(line, sym, argc, argbase, store_all))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::{NodeKind, Operand};

    fn lowered(src: &str) -> Lowered {
        lower(&crate::syntax::parse(src).expect("parses"), src).expect("lowers")
    }

    fn kinds(l: &Lowered) -> Vec<NodeKind> {
        l.ast.ids().map(|id| l.ast.kind(id)).collect()
    }

    #[test]
    fn picks_shapes_and_fused_kinds() {
        let l = lowered("x = 1\nx += 2\ny = x * 3\nz = 7 % x == 0\nw = x * x <= y\nx -= y");
        let k = kinds(&l);
        for want in [
            NodeKind::LsetI,
            NodeKind::LaddI,
            NodeKind::MulLi,
            NodeKind::ModzIl,
            NodeKind::SqleLl,
            NodeKind::LsubL,
        ] {
            assert!(k.contains(&want), "{want:?} in {k:?}");
        }
        assert_eq!(l.nslots, 4);
    }

    #[test]
    fn top_level_defs_are_the_definitions_that_are_top_level_statements() {
        let l = lowered(
            "def f = 1\nx = 0\nif x == 0\n  def g = 2\nend\nwhile x < 1\n  def w = 3\n  x += 1\nend\n\
             def h\n  def i = 4\nend\ndef f = 5\n",
        );
        let name = |d: &NodeId| {
            let sym = crate::speculate::call_name(&l.ast, *d).expect("named");
            l.ast.name(sym).to_string()
        };
        let all: Vec<String> = l.defs.iter().map(name).collect();
        assert_eq!(all, ["f", "g", "w", "i", "h", "f"]);
        let top: Vec<String> = l.top_level_defs.iter().map(name).collect();
        assert_eq!(top, ["f", "h", "f"]);
        // a program that is one definition
        let one = lowered("def f = 1");
        assert_eq!(one.top_level_defs, one.defs);
    }

    #[test]
    fn if_without_else_is_when() {
        let l = lowered("x = 0\nx = 1 if x < 2");
        assert!(kinds(&l).contains(&NodeKind::When));
        assert!(kinds(&l).contains(&NodeKind::LtLi));
    }

    #[test]
    fn locals_get_slots_in_order_params_first() {
        let l = lowered("def f(a, b)\n  c = a\n  c + b\nend");
        let def = l.defs[0];
        let ops = l.ast.operands(def);
        // name, nparams, nlocals, nslots, body, side
        assert_eq!(
            &ops[1..4],
            &[Operand::U32(2), Operand::U32(3), Operand::U32(3)]
        );
        assert!(kinds(&l).contains(&NodeKind::AddLl));
        assert!(l.ast.ids().any(|id| l.ast.kind(id) == NodeKind::LsetL
            && l.ast.operands(id) == [Operand::U32(2), Operand::Local(0)]));
    }

    #[test]
    fn call_arguments_use_stacked_temporaries() {
        // one local (x) at slot 0; f's args at 1 and 2; g's arg (inside f's
        // first argument) at 1 too, since slot 1 is written after g returns
        let l = lowered("x = 5\nf(g(x), x + 1)");
        let calls: Vec<&[Operand]> = l
            .ast
            .ids()
            .filter(|&id| l.ast.kind(id) == NodeKind::Call)
            .map(|id| l.ast.operands(id))
            .collect();
        let g = calls.iter().find(|o| o[1] == Operand::U32(1)).unwrap();
        let f = calls.iter().find(|o| o[1] == Operand::U32(2)).unwrap();
        assert_eq!(g[2], Operand::U32(1));
        assert_eq!(f[2], Operand::U32(1));
        assert_eq!(l.nslots, 3);
    }

    #[test]
    fn bare_identifiers_and_empty_calls() {
        let l = lowered("foo\nbar()\nbaz 1");
        let k = kinds(&l);
        assert!(k.contains(&NodeKind::Vcall));
        assert!(k.contains(&NodeKind::Call0));
        assert!(k.contains(&NodeKind::Call));
    }

    #[test]
    fn break_and_next_need_a_loop() {
        for (src, msg) in [
            ("break", "Invalid break"),
            ("next 1", "Invalid next"),
            (
                "while 1 < 2\n  def f\n    break\n  end\nend",
                "Invalid break",
            ),
        ] {
            let program = crate::syntax::parse(src).expect("parses");
            let err = lower(&program, src).unwrap_err();
            assert_eq!(err.message, msg, "{src}");
        }
        lowered("while 1 < 2\n  break if 1 < 0\n  next\nend");
    }

    #[test]
    fn long_programs_make_shallow_sequences() {
        let src: String = (0..4096).map(|i| format!("x = {i}\n")).collect();
        let l = lowered(&src);
        // depth of the seq tree is about log2(4096) = 12
        let mut depth = 0;
        let mut node = l.root;
        while l.ast.kind(node) == NodeKind::Seq {
            node = l.ast.children(node).last().unwrap();
            depth += 1;
        }
        assert!(depth <= 13, "{depth}");
    }

    #[test]
    fn line_index() {
        let src = "a\nbc\n\nd";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(2), 2);
        assert_eq!(idx.line(5), 3);
        assert_eq!(idx.line_col(src, 3), (2, 2));
        assert_eq!(idx.line_col(src, 6), (4, 1));
        assert_eq!(idx.line_col(src, 7), (4, 2));
    }
}
