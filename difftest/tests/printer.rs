//! The printer parenthesizes exactly where Ruby's grammar needs it, and
//! uses the command form only where it means the same call.

use naruby_difftest::ast::*;
use naruby_difftest::print;

fn int(v: i64) -> Expr {
    Expr::Int(v, Radix::Dec)
}
fn var(n: &str) -> Expr {
    Expr::Var(n.into())
}
fn bin(op: BinOp, a: Expr, b: Expr) -> Expr {
    Expr::Bin(op, Box::new(a), Box::new(b))
}

#[test]
fn precedence_and_associativity() {
    let cases = [
        (bin(BinOp::Pow, int(-2), int(2)), "(-2) ** 2"),
        (
            Expr::Un(UnOp::Neg, Box::new(bin(BinOp::Pow, int(2), int(2)))),
            "-2 ** 2",
        ),
        (bin(BinOp::Sub, var("a"), int(-1)), "a - -1"),
        (
            bin(BinOp::Sub, var("a"), bin(BinOp::Sub, var("b"), var("c"))),
            "a - (b - c)",
        ),
        (
            bin(BinOp::Sub, bin(BinOp::Sub, var("a"), var("b")), var("c")),
            "a - b - c",
        ),
        (
            bin(BinOp::Pow, var("a"), bin(BinOp::Pow, var("b"), var("c"))),
            "a ** b ** c",
        ),
        (
            bin(BinOp::Pow, bin(BinOp::Pow, var("a"), var("b")), var("c")),
            "(a ** b) ** c",
        ),
        (
            bin(BinOp::Lt, bin(BinOp::Lt, var("a"), var("b")), var("c")),
            "(a < b) < c",
        ),
        (
            bin(BinOp::Eq, bin(BinOp::Lt, var("a"), var("b")), var("c")),
            "a < b == c",
        ),
        (
            bin(BinOp::Mul, bin(BinOp::Add, var("a"), var("b")), var("c")),
            "(a + b) * c",
        ),
        (
            bin(
                BinOp::Mul,
                var("a"),
                Expr::Un(UnOp::Neg, Box::new(var("b"))),
            ),
            "a * -b",
        ),
        (Expr::Un(UnOp::BitNot, Box::new(int(-5))), "~(-5)"),
        (
            Expr::Un(UnOp::Neg, Box::new(Expr::Un(UnOp::Neg, Box::new(var("x"))))),
            "-(-x)",
        ),
        (
            bin(
                BinOp::AndAnd,
                bin(BinOp::OrOr, var("a"), var("b")),
                var("c"),
            ),
            "(a || b) && c",
        ),
        (
            Expr::Ternary(
                Box::new(bin(BinOp::Lt, var("a"), int(1))),
                Box::new(Expr::Assign("x".into(), None, Box::new(int(1)))),
                Box::new(int(2)),
            ),
            "a < 1 ? (x = 1) : 2",
        ),
        (
            Expr::Broken(Box::new(bin(BinOp::Add, var("a"), var("b")))),
            "(a +\n  b)",
        ),
    ];
    for (e, want) in cases {
        assert_eq!(print::expr(&e), want);
    }
}

#[test]
fn command_form_only_where_it_means_the_same() {
    let print_stmt = |args: Vec<Expr>| {
        print::program(&Program {
            stmts: vec![Stmt::Print {
                kind: PrintKind::P,
                args,
                command: true,
            }],
        })
    };
    assert_eq!(print_stmt(vec![int(-1)]), "p -1\n");
    assert_eq!(
        print_stmt(vec![Expr::Un(UnOp::Neg, Box::new(var("x")))]),
        "p(-x)\n"
    );
    assert_eq!(
        print_stmt(vec![bin(
            BinOp::Mul,
            Expr::Paren(Box::new(var("a"))),
            var("b")
        )]),
        "p (a) * b\n"
    );
    assert_eq!(
        print_stmt(vec![Expr::Paren(Box::new(var("a"))), var("b")]),
        "p((a), b)\n"
    );
    assert_eq!(print_stmt(vec![var("a"), var("b")]), "p a, b\n");
}
