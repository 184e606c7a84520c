//! Prints a program tree as naruby/Ruby source. Parentheses follow Ruby's
//! precedence table: a child is parenthesized only where the grammar needs
//! it (the generator adds `Paren` nodes for the rest), so the parser's
//! precedence handling is exercised too.

use crate::ast::*;

/// Binding strength, higher binds tighter (Ruby's table, bottom to top).
fn strength(e: &Expr) -> u8 {
    match e {
        Expr::Un(UnOp::KwNot, _) => 1,
        Expr::Bin(BinOp::And | BinOp::Or, ..) => 0,
        Expr::Assign(..) => 2,
        Expr::Ternary(..) => 3,
        Expr::Bin(op, ..) => bin_strength(*op),
        Expr::Un(UnOp::Neg, _) => 13,
        Expr::Int(v, _) if *v < 0 => 13,
        Expr::Un(_, _) => 15,
        _ => 16,
    }
}

fn bin_strength(op: BinOp) -> u8 {
    use BinOp::*;
    match op {
        And | Or => 0,
        OrOr => 4,
        AndAnd => 5,
        Cmp | Eq | Ne => 6,
        Lt | Le | Gt | Ge => 7,
        BitOr | BitXor => 8,
        BitAnd => 9,
        Shl | Shr => 10,
        Add | Sub => 11,
        Mul | Div | Mod => 12,
        Pow => 14,
    }
}

/// `e` printed so that it binds at least `min`.
fn at_least(e: &Expr, min: u8) -> String {
    let s = expr(e);
    if strength(e) < min {
        format!("({s})")
    } else {
        s
    }
}

fn int(v: i64, radix: Radix) -> String {
    if v < 0 {
        // only decimal: -0x.. is fine in both, but MIN has no positive twin
        return v.to_string();
    }
    match radix {
        Radix::Dec => v.to_string(),
        Radix::Hex => format!("0x{v:x}"),
        Radix::Bin => format!("0b{v:b}"),
        Radix::Oct => format!("0o{v:o}"),
        Radix::Underscore => {
            let digits = v.to_string();
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push('_');
                }
                out.push(c);
            }
            out
        }
    }
}

pub fn expr(e: &Expr) -> String {
    match e {
        Expr::Int(v, r) => int(*v, *r),
        Expr::Var(n) => n.clone(),
        Expr::Paren(inner) => format!("({})", expr(inner)),
        Expr::Broken(inner) => match &**inner {
            Expr::Bin(op, a, b) => {
                let (l, r) = bin_operands(*op, a, b);
                format!("({l} {}\n  {r})", op.text())
            }
            other => format!("({})", expr(other)),
        },
        Expr::P(inner) => format!("p({})", at_least(inner, 2)),
        Expr::Assign(name, op, value) => assign(name, *op, value),
        Expr::Ternary(c, a, b) => format!(
            "{} ? {} : {}",
            at_least(c, 4),
            at_least(a, 4),
            at_least(b, 4)
        ),
        Expr::Un(op, inner) => match op {
            UnOp::KwNot => format!("not {}", at_least(inner, 2)),
            UnOp::Neg => format!("-{}", unary_operand(inner, 13)),
            UnOp::Plus => format!("+{}", unary_operand(inner, 15)),
            UnOp::BitNot => format!("~{}", unary_operand(inner, 15)),
            UnOp::Not => format!("!{}", unary_operand(inner, 15)),
        },
        Expr::Bin(op, a, b) => {
            let (l, r) = bin_operands(*op, a, b);
            format!("{l} {} {r}", op.text())
        }
        Expr::Call {
            name,
            depth,
            args,
            bare,
        } => {
            let parts = call_args(*depth, args);
            if *bare && parts.is_empty() {
                name.clone()
            } else {
                format!("{name}({})", parts.join(", "))
            }
        }
    }
}

/// The operands of a binary operator, parenthesized as its precedence and
/// associativity require.
fn bin_operands(op: BinOp, a: &Expr, b: &Expr) -> (String, String) {
    let s = bin_strength(op);
    let (l, r) = match op {
        // right associative
        BinOp::Pow => (s + 1, s),
        // non-associative
        BinOp::Cmp | BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            (s + 1, s + 1)
        }
        _ => (s, s + 1),
    };
    (at_least(a, l), at_least(b, r))
}

/// Operands of prefix operators: a negative literal or another sign is
/// parenthesized so `-` `-5` never reads as a decrement or a literal.
fn unary_operand(e: &Expr, min: u8) -> String {
    let signed =
        matches!(e, Expr::Int(v, _) if *v < 0) || matches!(e, Expr::Un(UnOp::Neg | UnOp::Plus, _));
    if signed {
        format!("({})", expr(e))
    } else {
        at_least(e, min)
    }
}

fn call_args(depth: Option<Depth>, args: &[Expr]) -> Vec<String> {
    let mut parts: Vec<String> = depth.iter().map(|d| depth_arg(*d)).collect();
    parts.extend(args.iter().map(|a| at_least(a, 2)));
    parts
}

fn depth_arg(d: Depth) -> String {
    match d {
        Depth::Lit(v) => v.to_string(),
        Depth::Dec => format!("{DEPTH} - 1"),
    }
}

fn assign(name: &str, op: Option<BinOp>, value: &Expr) -> String {
    let op = op.map(BinOp::text).unwrap_or("");
    format!("{name} {op}= {}", at_least(value, 2))
}

/// The printer: accumulates lines with indentation.
struct Out {
    text: String,
    indent: usize,
}

impl Out {
    fn line(&mut self, s: &str) {
        for _ in 0..self.indent {
            self.text.push_str("  ");
        }
        self.text.push_str(s);
        self.text.push('\n');
    }

    fn block(&mut self, stmts: &[Stmt]) {
        self.indent += 1;
        for s in stmts {
            self.stmt(s);
        }
        self.indent -= 1;
    }

    fn if_lines(&mut self, prefix: &str, s: &Stmt) {
        let Stmt::If {
            negate,
            cond,
            then,
            elsifs,
            els,
            then_kw,
        } = s
        else {
            // only an `If` is ever assigned; anything else prints as itself
            return self.stmt(s);
        };
        {
            let kw = if *negate { "unless" } else { "if" };
            let then_kw = if *then_kw { " then" } else { "" };
            self.line(&format!("{prefix}{kw} {}{then_kw}", expr(cond)));
            self.block(then);
            for (c, b) in elsifs {
                self.line(&format!("elsif {}", expr(c)));
                self.block(b);
            }
            if let Some(b) = els {
                self.line("else");
                self.block(b);
            }
            self.line("end");
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::AssignIf(name, inner) => self.if_lines(&format!("{name} = "), inner),
            Stmt::If { .. } => self.if_lines("", s),
            Stmt::While {
                counter,
                limit,
                kind,
                extra,
                do_kw,
                body,
            } => {
                self.line(&format!("{counter} = 0"));
                let mut cond = match kind {
                    LoopKind::WhileLt => format!("while {counter} < {limit}"),
                    LoopKind::WhileGt => format!("while {limit} > {counter}"),
                    LoopKind::UntilGe => format!("until {counter} >= {limit}"),
                    LoopKind::UntilEq => format!("until {counter} == {limit}"),
                };
                if let Some(x) = extra {
                    // `until` stops when either holds, `while` runs while both hold
                    let join = match kind {
                        LoopKind::WhileLt | LoopKind::WhileGt => "&&",
                        _ => "||",
                    };
                    cond = format!("{cond} {join} {}", at_least(x, 6));
                }
                if *do_kw {
                    cond.push_str(" do");
                }
                self.line(&cond);
                self.indent += 1;
                self.line(&format!("{counter} += 1"));
                self.indent -= 1;
                self.block(body);
                self.line("end");
            }
            Stmt::Def(d) => self.def(d),
            other => {
                let s = simple_stmt(other);
                self.line(&s);
            }
        }
    }

    fn def(&mut self, d: &Def) {
        let mut params: Vec<String> = d.guard.iter().map(|_| DEPTH.to_string()).collect();
        params.extend(d.params.iter().cloned());
        let head = if params.is_empty() {
            format!("def {}", d.name)
        } else if d.style == DefStyle::Bare {
            format!("def {} {}", d.name, params.join(", "))
        } else {
            format!("def {}({})", d.name, params.join(", "))
        };
        match &d.body {
            DefBody::Endless(e) => {
                // an endless def needs parentheses around its parameters
                let head = if params.is_empty() {
                    format!("def {}", d.name)
                } else {
                    format!("def {}({})", d.name, params.join(", "))
                };
                let body = match d.guard {
                    Some((_, v)) => format!("{DEPTH} <= 0 ? {v} : {}", at_least(e, 4)),
                    None => at_least(e, 3),
                };
                self.line(&format!("{head} = {body}"));
            }
            DefBody::Block(stmts) => {
                self.line(&head);
                self.indent += 1;
                if let Some((form, v)) = d.guard {
                    match form {
                        GuardForm::ReturnIf => self.line(&format!("return {v} if {DEPTH} <= 0")),
                        GuardForm::ReturnUnless => {
                            self.line(&format!("return {v} unless {DEPTH} > 0"))
                        }
                        GuardForm::IfBlock => {
                            self.line(&format!("if {DEPTH} < 1"));
                            self.line(&format!("  return {v}"));
                            self.line("end");
                        }
                        GuardForm::IfThenOneLine => {
                            self.line(&format!("if {DEPTH} <= 0 then return {v} end"))
                        }
                    }
                }
                self.indent -= 1;
                self.block(stmts);
                self.line("end");
            }
        }
    }
}

/// Statements printed on one line (also the operand of a modifier).
fn simple_stmt(s: &Stmt) -> String {
    match s {
        Stmt::Expr(Expr::Call {
            name,
            depth,
            args,
            bare: true,
        }) if depth.is_some() || !args.is_empty() => {
            let parts = call_args(*depth, args);
            if command_safe(&parts) {
                format!("{name} {}", parts.join(", "))
            } else {
                format!("{name}({})", parts.join(", "))
            }
        }
        Stmt::Expr(e) => at_least(e, 2),
        Stmt::Assign(name, op, value) => assign(name, *op, value),
        Stmt::Print {
            kind,
            args,
            command,
        } => {
            let name = match kind {
                PrintKind::P => "p",
                PrintKind::Puts => "puts",
                PrintKind::Print => "print",
            };
            let args: Vec<String> = args.iter().map(|a| at_least(a, 2)).collect();
            if args.is_empty() {
                name.to_string()
            } else if *command && command_safe(&args) {
                format!("{name} {}", args.join(", "))
            } else {
                format!("{name}({})", args.join(", "))
            }
        }
        Stmt::Modifier { negate, stmt, cond } => {
            let kw = if *negate { "unless" } else { "if" };
            format!("{} {kw} {}", simple_stmt(stmt), expr(cond))
        }
        Stmt::ModLoop {
            counter,
            limit,
            until,
            body,
        } => {
            let body = match body {
                ModLoopBody::Inc => format!("{counter} += 1"),
                ModLoopBody::PInc => format!("p({counter} += 1)"),
                ModLoopBody::PrintInc => format!("print({counter} += 1)"),
            };
            let cond = if *until {
                format!("until {counter} >= {limit}")
            } else {
                format!("while {counter} < {limit}")
            };
            format!("{counter} = 0; {body} {cond}")
        }
        Stmt::Break => "break".into(),
        Stmt::Next => "next".into(),
        Stmt::Return(None) => "return".into(),
        Stmt::Return(Some(e)) => format!("return {}", at_least(e, 2)),
        Stmt::Exit(code) => format!("exit({code})"),
        // block statements never reach here as modifier operands
        Stmt::If { .. } | Stmt::AssignIf(..) | Stmt::While { .. } | Stmt::Def(_) => {
            let mut out = Out {
                text: String::new(),
                indent: 0,
            };
            out.stmt(s);
            out.text.trim_end().replace('\n', "; ")
        }
    }
}

/// Whether `name arg, ...` reads as the same call as `name(arg, ...)`:
/// a leading `-` is an argument's sign only before a digit, a leading `+`
/// is avoided, and `name (a) op b` groups only with a single argument.
fn command_safe(args: &[String]) -> bool {
    let first = args[0].as_bytes();
    match first[0] {
        b'-' => first.get(1).is_some_and(u8::is_ascii_digit),
        b'+' => false,
        b'(' => args.len() == 1,
        _ => true,
    }
}

pub fn program(p: &Program) -> String {
    let mut out = Out {
        text: String::new(),
        indent: 0,
    };
    for s in &p.stmts {
        out.stmt(s);
    }
    out.text
}
