//! The seeded program generator. Two flavours: a Ruby-compatible one (only
//! comparisons are branched on, truth values are never printed or
//! computed with, every local is assigned before any read on every path,
//! functions end in an integer expression, no bare `return`) whose output
//! CRuby must reproduce, and a naruby one that also uses naruby-only
//! behaviour (0/1 truth values, truthiness of integers, locals assigned on
//! an untaken branch). Programs end: loops count a dedicated counter to a
//! small limit, and every call of a recursive function passes a depth that
//! decreases (the callee returns at depth 0); a static call-weight budget
//! per function body keeps the number of calls small.

use crate::ast::*;
use crate::rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// no depth parameter and no calls of user functions
    Leaf,
    /// calls at most one recursive function per invocation: deep recursion
    Linear,
    /// up to two calls per invocation: shallow but branching recursion
    Branching,
}

#[derive(Clone, Debug)]
struct Func {
    name: String,
    arity: usize,
    class: Class,
}

/// What the code being generated may see and do.
#[derive(Clone, Debug, Default)]
struct Scope {
    /// locals assigned on every path to here (Ruby flavour reads only these)
    defined: Vec<String>,
    /// locals assigned somewhere earlier in the text (value 0 if not run)
    textual: Vec<String>,
    /// loop counters and the depth parameter: readable, never assigned
    readonly: Vec<String>,
    in_def: Option<ClassSlot>,
    loops: u32,
    /// product of the limits of the enclosing loops in this body
    mult: u32,
    /// no calls of user functions here (loop conditions)
    no_calls: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ClassSlot(Class);

pub struct Generator {
    rng: Rng,
    pub ruby: bool,
    funcs: Vec<Func>,
    names: usize,
    /// statements still to generate in the program
    budget: i32,
    /// call weight used by the function body being generated
    weight: u32,
    error_planted: bool,
}

/// Edge values the arithmetic must get right.
const EDGES: [i64; 14] = [
    0,
    1,
    -1,
    2,
    -2,
    4611686018427387904,
    -4611686018427387904,
    9223372036854775807,
    -9223372036854775808,
    9223372036854775806,
    -9223372036854775807,
    2147483648,
    4294967296,
    3037000499,
];

/// A generated program and whether it is meant to run unchanged on CRuby.
pub struct Generated {
    pub program: Program,
    pub ruby: bool,
}

pub fn generate(seed: u64) -> Generated {
    let mut rng = Rng::new(seed);
    let ruby = rng.chance(50);
    // now and then a large program: AOT gives programs over
    // PER_NODE_MAX_NODES (4096) nodes shared dispatchers instead of
    // per-node ones
    let budget = if rng.chance(1) {
        rng.range(750, 1000)
    } else {
        rng.range(10, 45)
    } as i32;
    let mut g = Generator {
        rng,
        ruby,
        funcs: Vec::new(),
        names: 0,
        budget,
        weight: 0,
        error_planted: false,
    };
    let program = g.program();
    Generated { program, ruby }
}

impl Generator {
    fn fresh(&mut self, prefix: &str) -> String {
        self.names += 1;
        format!("{prefix}{}", self.names)
    }

    fn program(&mut self) -> Program {
        let nfuncs = self.rng.range(0, 5) as usize;
        for _ in 0..nfuncs {
            let class = *self.rng.pick(&[
                Class::Leaf,
                Class::Linear,
                Class::Branching,
                Class::Branching,
            ]);
            let base = match class {
                Class::Leaf => "k",
                Class::Linear => "f",
                Class::Branching => "g",
            };
            let mut name = self.fresh(base);
            if self.rng.chance(15) {
                name.push(*self.rng.pick(&['?', '!']));
            }
            let arity = self.rng.range(0, 3) as usize;
            self.funcs.push(Func { name, arity, class });
        }
        let mut stmts = Vec::new();
        // definitions first, so calls normally find them
        for i in 0..self.funcs.len() {
            let f = self.funcs[i].clone();
            stmts.push(Stmt::Def(self.def(&f, f.arity)));
        }
        let mut scope = Scope {
            mult: 1,
            ..Scope::default()
        };
        while self.budget > 0 {
            let s = self.stmt(&mut scope);
            stmts.push(s);
        }
        // now and then a function is defined only after code that may call
        // it: such calls must fail, also where code speculates on the name
        if !self.funcs.is_empty() && stmts.len() > self.funcs.len() + 1 && self.rng.chance(10) {
            let def = stmts.remove(self.rng.below(self.funcs.len()));
            let at = self.rng.range(self.funcs.len() as i64, stmts.len() as i64) as usize;
            stmts.insert(at, def);
        }
        Program { stmts }
    }

    fn def(&mut self, f: &Func, arity: usize) -> Def {
        let mut scope = Scope {
            in_def: Some(ClassSlot(f.class)),
            mult: 1,
            ..Scope::default()
        };
        let params: Vec<String> = (0..arity).map(|i| format!("a{i}")).collect();
        scope.defined.extend(params.iter().cloned());
        scope.textual.extend(params.iter().cloned());
        let guard = (f.class != Class::Leaf).then(|| {
            scope.readonly.push(DEPTH.to_string());
            let form = *self.rng.pick(&[
                GuardForm::ReturnIf,
                GuardForm::ReturnUnless,
                GuardForm::IfBlock,
                GuardForm::IfThenOneLine,
            ]);
            (form, self.rng.range(-3, 9))
        });
        let saved_weight = std::mem::replace(&mut self.weight, 0);
        let endless = self.rng.chance(20);
        let body = if endless {
            DefBody::Endless(self.int_expr(&scope, 3))
        } else {
            let n = self.rng.range(1, 5);
            let mut stmts = Vec::new();
            for _ in 0..n {
                let s = self.stmt(&mut scope);
                stmts.push(s);
            }
            if self.ruby || self.rng.chance(70) {
                // the function's value: an integer in both languages
                let e = self.int_expr(&scope, 2);
                stmts.push(if self.rng.chance(20) {
                    Stmt::Return(Some(e))
                } else {
                    Stmt::Expr(e)
                });
            }
            DefBody::Block(stmts)
        };
        self.weight = saved_weight;
        let style = if !params.is_empty() || guard.is_some() {
            if self.rng.chance(20) {
                DefStyle::Bare
            } else {
                DefStyle::Paren
            }
        } else {
            DefStyle::Paren
        };
        Def {
            name: f.name.clone(),
            guard,
            params,
            style,
            body,
        }
    }

    fn block(&mut self, scope: &mut Scope, max: i64) -> Vec<Stmt> {
        let saved = scope.defined.len();
        let n = self.rng.range(1, max);
        let mut out = Vec::new();
        for _ in 0..n {
            let s = self.stmt(scope);
            out.push(s);
        }
        scope.defined.truncate(saved);
        out
    }

    fn stmt(&mut self, scope: &mut Scope) -> Stmt {
        self.budget -= 1;
        let nested = scope.loops + u32::from(scope.in_def.is_some());
        let can_block = self.budget > 0 && nested < 3;
        let in_loop = scope.loops > 0;
        let weights = [
            30,                                                // print
            25,                                                // assign
            if can_block { 14 } else { 0 },                    // if / unless
            if can_block { 4 } else { 0 },                     // x = if ... end
            if can_block && scope.mult <= 4 { 10 } else { 0 }, // while / until
            8,                                                 // modifier
            3,                                                 // modifier loop
            if in_loop { 5 } else { 0 },                       // break / next
            if scope.in_def.is_some() { 3 } else { 0 },        // return
            if !self.funcs.is_empty() { 6 } else { 0 },        // redefinition
            6,                                                 // expression statement
            if self.error_planted { 0 } else { 2 },            // runtime error
            1,                                                 // exit
        ];
        match self.rng.weighted(&weights) {
            0 => self.print(scope),
            1 => self.assign(scope),
            2 => self.if_stmt(scope),
            3 => self.if_value(scope),
            4 => self.while_stmt(scope),
            5 => {
                // the statement may not run: what it assigns is not
                // assigned on every path
                let mut maybe = scope.clone();
                let inner = match self.rng.below(5) {
                    0 if in_loop => self.jump(),
                    1 if scope.in_def.is_some() => Stmt::Return(Some(self.int_expr(scope, 1))),
                    2 => self.assign(&mut maybe),
                    _ => self.print(scope),
                };
                scope.textual = maybe.textual;
                let cond = self.cond(scope, 2);
                Stmt::Modifier {
                    negate: self.rng.chance(30),
                    stmt: Box::new(inner),
                    cond,
                }
            }
            6 => {
                let counter = self.fresh("i");
                let s = Stmt::ModLoop {
                    counter: counter.clone(),
                    limit: self.rng.range(0, 4),
                    until: self.rng.chance(40),
                    body: *self.rng.pick(&[
                        ModLoopBody::Inc,
                        ModLoopBody::PInc,
                        ModLoopBody::PrintInc,
                    ]),
                };
                scope.readonly.push(counter.clone());
                scope.defined.push(counter);
                s
            }
            7 => self.jump(),
            8 => {
                if self.ruby || self.rng.chance(70) {
                    Stmt::Return(Some(self.int_expr(scope, 2)))
                } else {
                    Stmt::Return(None)
                }
            }
            9 => {
                let f = self.rng.pick(&self.funcs).clone();
                // now and then a redefinition changes the arity
                let arity = if self.rng.chance(4) {
                    self.rng.range(0, 3) as usize
                } else {
                    f.arity
                };
                Stmt::Def(self.def(&f, arity))
            }
            10 => {
                // a call statement, now and then in command form (`f a, b`)
                if self.rng.chance(40) {
                    if let Some(Expr::Call {
                        name, depth, args, ..
                    }) = self.call(scope, 2)
                    {
                        let bare = !args.is_empty() || depth.is_some();
                        return Stmt::Expr(Expr::Call {
                            name,
                            depth,
                            args,
                            bare: bare && self.rng.chance(60),
                        });
                    }
                }
                Stmt::Expr(self.int_expr(scope, 3))
            }
            11 => {
                self.error_planted = true;
                self.error(scope)
            }
            _ => Stmt::Exit(self.rng.range(0, 5)),
        }
    }

    fn jump(&mut self) -> Stmt {
        if self.rng.chance(50) {
            Stmt::Break
        } else {
            Stmt::Next
        }
    }

    fn print(&mut self, scope: &Scope) -> Stmt {
        let kind = *self.rng.pick(&[
            PrintKind::P,
            PrintKind::P,
            PrintKind::Puts,
            PrintKind::Print,
        ]);
        let n = match kind {
            PrintKind::Puts if self.rng.chance(5) => 0,
            _ if self.rng.chance(15) => 2,
            _ => 1,
        };
        let args = (0..n).map(|_| self.value_expr(scope, 3)).collect();
        Stmt::Print {
            kind,
            args,
            command: self.rng.chance(50),
        }
    }

    fn assign(&mut self, scope: &mut Scope) -> Stmt {
        let existing = self.assignable(scope, self.ruby);
        let compound = !existing.is_empty() && self.rng.chance(35);
        if compound {
            let name = self.rng.pick(&existing).clone();
            let op = *self.rng.pick(&BinOp::COMPOUND);
            let value = self.operand_for(op, scope, 2);
            return Stmt::Assign(name, Some(op), value);
        }
        let all = self.assignable(scope, false);
        let name = if all.is_empty() || self.rng.chance(40) {
            self.fresh("v")
        } else {
            self.rng.pick(&all).clone()
        };
        let value = self.value_expr(scope, 3);
        if !scope.textual.contains(&name) {
            scope.textual.push(name.clone());
        }
        if !scope.defined.contains(&name) {
            scope.defined.push(name.clone());
        }
        Stmt::Assign(name, None, value)
    }

    /// Locals that may be assigned (`defined_only`: only those assigned on
    /// every path, for reads in the Ruby flavour).
    fn assignable(&self, scope: &Scope, defined_only: bool) -> Vec<String> {
        let from = if defined_only {
            &scope.defined
        } else {
            &scope.textual
        };
        from.iter()
            .filter(|v| !scope.readonly.contains(v))
            .cloned()
            .collect()
    }

    fn readable(&self, scope: &Scope) -> Vec<String> {
        let mut out = if self.ruby {
            scope.defined.clone()
        } else {
            scope.textual.clone()
        };
        for r in &scope.readonly {
            if !out.contains(r) && (!self.ruby || scope.defined.contains(r) || r == DEPTH) {
                out.push(r.clone());
            }
        }
        out
    }

    fn if_stmt(&mut self, scope: &mut Scope) -> Stmt {
        let negate = self.rng.chance(20);
        let cond = self.cond(scope, 2);
        let then = self.block(scope, 3);
        let mut elsifs = Vec::new();
        if !negate {
            while self.rng.chance(25) && elsifs.len() < 3 {
                let c = self.cond(scope, 2);
                elsifs.push((c, self.block(scope, 2)));
            }
        }
        let els = self.rng.chance(45).then(|| self.block(scope, 2));
        Stmt::If {
            negate,
            cond,
            then,
            elsifs,
            els,
            then_kw: self.rng.chance(15),
        }
    }

    /// `x = if ... end`: every branch ends in an integer expression; the
    /// Ruby flavour always has an `else` (a missing one gives nil there).
    fn if_value(&mut self, scope: &mut Scope) -> Stmt {
        let mut s = self.if_stmt(scope);
        if let Stmt::If {
            then, elsifs, els, ..
        } = &mut s
        {
            if self.ruby && els.is_none() {
                *els = Some(Vec::new());
            }
            let blocks = std::iter::once(then)
                .chain(elsifs.iter_mut().map(|(_, b)| b))
                .chain(els.iter_mut());
            for b in blocks {
                if self.ruby || self.rng.chance(80) {
                    b.push(Stmt::Expr(self.int_expr(scope, 2)));
                }
            }
        }
        let name = match self.assignable(scope, false) {
            vars if !vars.is_empty() && self.rng.chance(50) => self.rng.pick(&vars).clone(),
            _ => self.fresh("v"),
        };
        if !scope.textual.contains(&name) {
            scope.textual.push(name.clone());
        }
        if !scope.defined.contains(&name) {
            scope.defined.push(name.clone());
        }
        Stmt::AssignIf(name, Box::new(s))
    }

    fn while_stmt(&mut self, scope: &mut Scope) -> Stmt {
        let counter = self.fresh("i");
        let limit = if scope.in_def.is_some() {
            self.rng.range(0, 3)
        } else {
            self.rng.range(0, 4)
        };
        let kind = *self.rng.pick(&[
            LoopKind::WhileLt,
            LoopKind::WhileGt,
            LoopKind::UntilGe,
            LoopKind::UntilEq,
        ]);
        scope.readonly.push(counter.clone());
        scope.defined.push(counter.clone());
        scope.textual.push(counter.clone());
        let extra = self.rng.chance(15).then(|| {
            let mut s = scope.clone();
            s.no_calls = true;
            self.bool_expr(&s, 1)
        });
        let mut inner = scope.clone();
        inner.loops += 1;
        inner.mult *= limit.max(1) as u32;
        let body = self.block(&mut inner, 4);
        // names first assigned in the body exist (as 0) after the loop;
        // inner loop counters stay unassignable
        for v in inner.textual {
            if !scope.textual.contains(&v) {
                scope.textual.push(v);
            }
        }
        for v in inner.readonly {
            if !scope.readonly.contains(&v) {
                scope.readonly.push(v);
            }
        }
        Stmt::While {
            counter,
            limit,
            kind,
            extra,
            do_kw: self.rng.chance(15),
            body,
        }
    }

    /// A branch condition: comparisons and their combinations (also the
    /// keyword forms, which only fit at the top of a condition); the naruby
    /// flavour also branches on plain integers.
    fn cond(&mut self, scope: &Scope, depth: u32) -> Expr {
        if !self.ruby && self.rng.chance(15) {
            return self.int_expr(scope, depth);
        }
        match self.rng.below(12) {
            0 => Expr::Un(UnOp::KwNot, Box::new(self.bool_expr(scope, depth))),
            1 => {
                let op = *self.rng.pick(&[BinOp::And, BinOp::Or]);
                let a = self.bool_expr(scope, depth);
                let b = self.bool_expr(scope, depth);
                Expr::Bin(op, Box::new(a), Box::new(b))
            }
            _ => self.bool_expr(scope, depth),
        }
    }

    fn bool_expr(&mut self, scope: &Scope, depth: u32) -> Expr {
        let pick = if depth == 0 { 0 } else { self.rng.below(12) };
        match pick {
            // the shapes the interpreter fuses into one node
            10 => {
                let x = self.leaf(scope);
                let m = self.operand_for(BinOp::Mod, scope, 0);
                let op = *self.rng.pick(&[BinOp::Eq, BinOp::Ne]);
                let zero = Box::new(Expr::Int(0, Radix::Dec));
                Expr::Bin(
                    op,
                    Box::new(Expr::Bin(BinOp::Mod, Box::new(x), Box::new(m))),
                    zero,
                )
            }
            11 => {
                let x = self.leaf(scope);
                let n = self.leaf(scope);
                let op = *self.rng.pick(&[BinOp::Le, BinOp::Lt]);
                let square = Expr::Bin(BinOp::Mul, Box::new(x.clone()), Box::new(x));
                Expr::Bin(op, Box::new(square), Box::new(n))
            }
            7 => Expr::Un(UnOp::Not, Box::new(self.bool_expr(scope, depth - 1))),
            8 => {
                let op = *self.rng.pick(&[BinOp::AndAnd, BinOp::OrOr]);
                let a = self.bool_expr(scope, depth - 1);
                let b = self.bool_expr(scope, depth - 1);
                Expr::Bin(op, Box::new(a), Box::new(b))
            }
            9 => Expr::Paren(Box::new(self.bool_expr(scope, depth - 1))),
            _ => {
                let op = *self.rng.pick(&[
                    BinOp::Lt,
                    BinOp::Le,
                    BinOp::Gt,
                    BinOp::Ge,
                    BinOp::Eq,
                    BinOp::Ne,
                ]);
                let d = depth.saturating_sub(1);
                let a = self.int_expr(scope, d);
                let b = self.int_expr(scope, d);
                Expr::Bin(op, Box::new(a), Box::new(b))
            }
        }
    }

    /// An expression whose value is printed or stored: an integer, or in
    /// the naruby flavour now and then a truth value (1 or 0).
    fn value_expr(&mut self, scope: &Scope, depth: u32) -> Expr {
        if !self.ruby && self.rng.chance(10) {
            self.bool_expr(scope, depth.min(2))
        } else {
            self.int_expr(scope, depth)
        }
    }

    fn literal(&mut self) -> Expr {
        let v = if self.rng.chance(15) {
            *self.rng.pick(&EDGES)
        } else {
            self.rng.range(-10, 20)
        };
        let radix = if v >= 0 && self.rng.chance(20) {
            *self
                .rng
                .pick(&[Radix::Hex, Radix::Bin, Radix::Oct, Radix::Underscore])
        } else {
            Radix::Dec
        };
        Expr::Int(v, radix)
    }

    fn leaf(&mut self, scope: &Scope) -> Expr {
        let vars = self.readable(scope);
        if !vars.is_empty() && self.rng.chance(60) {
            Expr::Var(self.rng.pick(&vars).clone())
        } else {
            self.literal()
        }
    }

    fn int_expr(&mut self, scope: &Scope, depth: u32) -> Expr {
        if depth == 0 {
            return self.leaf(scope);
        }
        let d = depth - 1;
        let calls = !scope.no_calls && !self.funcs.is_empty();
        let weights = [
            20,                            // leaf
            30,                            // arithmetic
            6,                             // unary
            4,                             // <=>
            5,                             // ternary
            if calls { 10 } else { 0 },    // call
            2,                             // p(e)
            3,                             // assignment as a value
            4,                             // parentheses
            if self.ruby { 0 } else { 4 }, // truth value as integer
        ];
        match self.rng.weighted(&weights) {
            0 => self.leaf(scope),
            1 => {
                let op = *self.rng.pick(&BinOp::COMPOUND);
                let a = self.int_expr(scope, d);
                let b = self.operand_for(op, scope, d);
                Expr::Bin(op, Box::new(a), Box::new(b))
            }
            2 => {
                let op = *self
                    .rng
                    .pick(&[UnOp::Neg, UnOp::Neg, UnOp::BitNot, UnOp::Plus]);
                Expr::Un(op, Box::new(self.int_expr(scope, d)))
            }
            3 => {
                let a = self.int_expr(scope, d);
                let b = self.int_expr(scope, d);
                Expr::Bin(BinOp::Cmp, Box::new(a), Box::new(b))
            }
            4 => {
                let c = self.bool_expr(scope, d.min(1));
                let a = self.int_expr(scope, d);
                let b = self.int_expr(scope, d);
                Expr::Ternary(Box::new(c), Box::new(a), Box::new(b))
            }
            5 => self.call(scope, d).unwrap_or_else(|| self.leaf(scope)),
            6 => Expr::P(Box::new(self.int_expr(scope, d))),
            7 => {
                let vars = self.assignable(scope, self.ruby);
                if vars.is_empty() {
                    return self.leaf(scope);
                }
                let name = self.rng.pick(&vars).clone();
                let op = self
                    .rng
                    .chance(50)
                    .then(|| *self.rng.pick(&BinOp::COMPOUND));
                let value = match op {
                    Some(op) => self.operand_for(op, scope, d),
                    None => self.int_expr(scope, d),
                };
                Expr::Assign(name, op, Box::new(value))
            }
            8 => {
                let inner = self.int_expr(scope, d);
                if matches!(inner, Expr::Bin(..)) && self.rng.chance(30) {
                    Expr::Broken(Box::new(inner))
                } else {
                    Expr::Paren(Box::new(inner))
                }
            }
            _ => self.bool_expr(scope, d),
        }
    }

    /// The right operand of `op`: divisors, exponents and shift counts
    /// are mostly literals that keep the program running (it would
    /// otherwise stop at the first zero divisor or huge power).
    fn operand_for(&mut self, op: BinOp, scope: &Scope, depth: u32) -> Expr {
        let risky = self.rng.chance(7);
        match op {
            BinOp::Div | BinOp::Mod if !risky => {
                let mut v = self.rng.range(-9, 9);
                if v == 0 {
                    v = 7;
                }
                if self.rng.chance(5) {
                    v = -1;
                }
                Expr::Int(v, Radix::Dec)
            }
            BinOp::Pow if !risky => Expr::Int(self.rng.range(0, 3), Radix::Dec),
            BinOp::Shl | BinOp::Shr if !risky => Expr::Int(self.rng.range(-3, 66), Radix::Dec),
            _ => self.int_expr(scope, depth),
        }
    }

    /// A call of a user function within the body's call budget, or None.
    fn call(&mut self, scope: &Scope, depth: u32) -> Option<Expr> {
        let caller = scope.in_def.map(|c| c.0);
        let candidates: Vec<Func> = self
            .funcs
            .iter()
            .filter(|f| match caller {
                None => true,
                Some(Class::Leaf) => false,
                Some(Class::Linear) => f.class != Class::Branching,
                Some(Class::Branching) => true,
            })
            .cloned()
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let f = self.rng.pick(&candidates).clone();
        let cost = if f.class == Class::Leaf {
            0
        } else {
            scope.mult
        };
        let budget = match caller {
            None => u32::MAX,
            Some(Class::Linear) => 1,
            _ => 2,
        };
        if self.weight + cost > budget {
            return None;
        }
        self.weight += cost;
        let depth_arg = match (f.class, caller) {
            (Class::Leaf, _) => None,
            (_, Some(_)) => Some(Depth::Dec),
            (Class::Linear, None) => Some(Depth::Lit(if self.rng.chance(10) {
                self.rng.range(100, 900)
            } else if !self.ruby && self.rng.chance(4) {
                // deep, but far from the stack limit (CRuby's is lower)
                self.rng.range(10_000, 60_000)
            } else {
                self.rng.range(0, 30)
            })),
            (Class::Branching, None) => Some(Depth::Lit(self.rng.range(0, 5))),
        };
        let mut arity = f.arity;
        if self.rng.chance(2) {
            arity += 1;
        }
        let args = (0..arity).map(|_| self.int_expr(scope, depth)).collect();
        Some(Expr::Call {
            bare: arity == 0 && depth_arg.is_none() && self.rng.chance(50),
            name: f.name,
            depth: depth_arg,
            args,
        })
    }

    /// A statement that stops the program with a runtime error; the naruby
    /// flavour also uses errors CRuby does not raise (it has bignums and
    /// rationals).
    fn error(&mut self, scope: &Scope) -> Stmt {
        let x = self.int_expr(scope, 1);
        let e = match self.rng.below(if self.ruby { 4 } else { 9 }) {
            0 => Expr::Bin(BinOp::Div, Box::new(x), Box::new(Expr::Int(0, Radix::Dec))),
            1 => Expr::Bin(BinOp::Mod, Box::new(x), Box::new(Expr::Int(0, Radix::Dec))),
            2 => Expr::Call {
                name: self.fresh("nope"),
                depth: None,
                args: vec![x],
                bare: false,
            },
            3 => match self.funcs.first() {
                // a leaf gets one argument too many, the others no depth
                Some(f) => Expr::Call {
                    name: f.name.clone(),
                    depth: None,
                    args: if f.class == Class::Leaf {
                        vec![x; f.arity + 1]
                    } else {
                        Vec::new()
                    },
                    bare: false,
                },
                None => Expr::Call {
                    name: self.fresh("nope"),
                    depth: None,
                    args: Vec::new(),
                    bare: true,
                },
            },
            4 => Expr::Bin(
                BinOp::Add,
                Box::new(Expr::Int(i64::MAX, Radix::Dec)),
                Box::new(Expr::Int(1, Radix::Dec)),
            ),
            5 => Expr::Bin(BinOp::Pow, Box::new(x), Box::new(Expr::Int(-1, Radix::Dec))),
            6 => Expr::Bin(
                BinOp::Div,
                Box::new(Expr::Int(i64::MIN, Radix::Dec)),
                Box::new(Expr::Int(-1, Radix::Dec)),
            ),
            7 => Expr::Un(UnOp::Neg, Box::new(Expr::Int(i64::MIN, Radix::Dec))),
            _ => Expr::Bin(
                BinOp::Shl,
                Box::new(Expr::Int(1, Radix::Dec)),
                Box::new(Expr::Int(63, Radix::Dec)),
            ),
        };
        Stmt::Print {
            kind: PrintKind::P,
            args: vec![e],
            command: false,
        }
    }
}
