//! The minimizer on synthetic predicates: it must shrink a large program
//! down to the part the predicate needs, and never return a program for
//! which the predicate fails.

use naruby_difftest::ast::*;
use naruby_difftest::{gen, minimize, print};

fn marker() -> Stmt {
    Stmt::Print {
        kind: PrintKind::P,
        args: vec![Expr::Bin(
            BinOp::Add,
            Box::new(Expr::Int(424242, Radix::Dec)),
            Box::new(Expr::Var("zz".into())),
        )],
        command: false,
    }
}

/// A generated program with the marker buried inside a loop in an if.
fn program_with_marker(seed: u64) -> Program {
    let mut p = gen::generate(seed).program;
    let buried = Stmt::If {
        negate: false,
        cond: Expr::Bin(
            BinOp::Lt,
            Box::new(Expr::Int(1, Radix::Dec)),
            Box::new(Expr::Int(2, Radix::Dec)),
        ),
        then: vec![Stmt::While {
            counter: "i99".into(),
            limit: 3,
            kind: LoopKind::WhileLt,
            extra: None,
            do_kw: false,
            body: vec![Stmt::Next, marker()],
        }],
        elsifs: vec![],
        els: None,
        then_kw: false,
    };
    let mid = p.stmts.len() / 2;
    p.stmts.insert(mid, buried);
    p
}

#[test]
fn shrinks_to_the_statement_the_predicate_needs() {
    for seed in 0..20 {
        let p = program_with_marker(seed);
        let mut calls = 0;
        let mut keep = |q: &Program| {
            calls += 1;
            print::program(q).contains("424242")
        };
        let small = minimize::minimize(&p, &mut keep, 5000);
        // the addition goes too: the literal alone keeps the predicate
        assert_eq!(print::program(&small), "p(424242)\n", "seed {seed}");
        assert!(calls < 5000);
    }
}

#[test]
fn simplifies_expressions_too() {
    // keep: some `**` survives; everything else can go
    let p = Program {
        stmts: vec![Stmt::Print {
            kind: PrintKind::Puts,
            args: vec![Expr::Bin(
                BinOp::Mul,
                Box::new(Expr::Ternary(
                    Box::new(Expr::Bin(
                        BinOp::Lt,
                        Box::new(Expr::Int(5, Radix::Hex)),
                        Box::new(Expr::Int(9, Radix::Dec)),
                    )),
                    Box::new(Expr::Bin(
                        BinOp::Pow,
                        Box::new(Expr::Int(77, Radix::Dec)),
                        Box::new(Expr::Int(3, Radix::Dec)),
                    )),
                    Box::new(Expr::Int(4, Radix::Dec)),
                )),
                Box::new(Expr::Int(6, Radix::Dec)),
            )],
            command: true,
        }],
    };
    let mut keep = |q: &Program| print::program(q).contains("**");
    let small = minimize::minimize(&p, &mut keep, 1000);
    assert_eq!(print::program(&small), "puts 0 ** 0\n");
}

#[test]
fn respects_the_budget_and_the_predicate() {
    let p = program_with_marker(3);
    let mut calls = 0;
    let mut keep = |q: &Program| {
        calls += 1;
        print::program(q).contains("424242")
    };
    let small = minimize::minimize(&p, &mut keep, 7);
    assert!(calls <= 7, "{calls} predicate runs");
    assert!(print::program(&small).contains("424242"));
}
