use super::ast::{BinOp, CallStyle, Expr, ExprKind, UnOp};
use super::lexer::kinds;
use super::parse;
use super::token::Tok;

/// A compact s-expression rendering of a tree, for tests.
fn sexp(e: &Expr) -> String {
    let b = |op: BinOp| super::token::binop_str(op);
    let opt = |o: &Option<Box<Expr>>| o.as_ref().map_or("nil".to_string(), |e| sexp(e));
    match &e.kind {
        ExprKind::Int(v) => v.to_string(),
        ExprKind::Var(n) => n.clone(),
        ExprKind::Assign(n, v) => format!("(= {n} {})", sexp(v)),
        ExprKind::OpAssign(n, op, v) => format!("({}= {n} {})", b(*op), sexp(v)),
        ExprKind::Binary(op, l, r) => format!("({} {} {})", b(*op), sexp(l), sexp(r)),
        ExprKind::Unary(op, v) => {
            let o = match op {
                UnOp::Neg => "-@",
                UnOp::Not => "!",
                UnOp::BitNot => "~",
            };
            format!("({o} {})", sexp(v))
        }
        ExprKind::And(l, r) => format!("(&& {} {})", sexp(l), sexp(r)),
        ExprKind::Or(l, r) => format!("(|| {} {})", sexp(l), sexp(r)),
        ExprKind::If { cond, then, els } => {
            format!("(if {} {} {})", sexp(cond), opt(then), opt(els))
        }
        ExprKind::While { cond, body, negate } => format!(
            "({} {} {})",
            if *negate { "until" } else { "while" },
            sexp(cond),
            sexp(body)
        ),
        ExprKind::Seq(v) => {
            let mut s = "(seq".to_string();
            for e in v {
                s.push(' ');
                s.push_str(&sexp(e));
            }
            s.push(')');
            s
        }
        ExprKind::Def {
            name, params, body, ..
        } => format!("(def {name} ({}) {})", params.join(" "), sexp(body)),
        ExprKind::Call { name, args, style } => {
            let st = match style {
                CallStyle::Vcall => "v",
                CallStyle::Paren => "p",
                CallStyle::Command => "c",
            };
            let mut s = format!("(call:{st} {name}");
            for a in args {
                s.push(' ');
                s.push_str(&sexp(a));
            }
            s.push(')');
            s
        }
        ExprKind::Return(v) => jump("return", v),
        ExprKind::Break(v) => jump("break", v),
        ExprKind::Next(v) => jump("next", v),
    }
}

fn jump(k: &str, v: &Option<Box<Expr>>) -> String {
    match v {
        None => format!("({k})"),
        Some(v) => format!("({k} {})", sexp(v)),
    }
}

/// The program's statements, rendered and joined by "; ".
fn p(src: &str) -> String {
    match parse(src) {
        Ok(prog) => match &prog.body.kind {
            ExprKind::Seq(v) => v.iter().map(sexp).collect::<Vec<_>>().join("; "),
            _ => panic!("program body is not a Seq"),
        },
        Err(e) => panic!("parse error for {src:?}: {} at {:?}", e.message, e.span),
    }
}

/// The error message and span for a program that must not parse.
fn e(src: &str) -> (String, std::ops::Range<usize>) {
    match parse(src) {
        Ok(prog) => panic!("expected an error for {src:?}, got {:?}", prog.body),
        Err(e) => (e.message, e.span),
    }
}

fn msg(src: &str) -> String {
    e(src).0
}

#[track_caller]
fn check(src: &str, want: &str) {
    assert_eq!(p(src), want, "source: {src:?}");
}

#[track_caller]
fn check_err(src: &str, want_msg: &str, want_text: &str) {
    let (m, span) = e(src);
    assert_eq!(m, want_msg, "source: {src:?}");
    assert_eq!(&src[span.clone()], want_text, "span {span:?} of {src:?}");
}

// ------------------------------------------------------------------ lexer

#[test]
fn lex_integer_literals() {
    let one = |s: &str| match kinds(s) {
        Ok(v) => v,
        Err(e) => panic!("{s}: {}", e.message),
    };
    assert_eq!(one("42"), vec![Tok::Int(42)]);
    assert_eq!(one("1_000_000"), vec![Tok::Int(1_000_000)]);
    assert_eq!(one("0xff"), vec![Tok::Int(255)]);
    assert_eq!(one("0XfF_00"), vec![Tok::Int(0xff00)]);
    assert_eq!(one("0b1010"), vec![Tok::Int(10)]);
    assert_eq!(one("0B1_1"), vec![Tok::Int(3)]);
    assert_eq!(one("0o17"), vec![Tok::Int(15)]);
    assert_eq!(one("017"), vec![Tok::Int(15)]);
    assert_eq!(one("0_7"), vec![Tok::Int(7)]);
    assert_eq!(one("0d99"), vec![Tok::Int(99)]);
    assert_eq!(one("0"), vec![Tok::Int(0)]);
    assert_eq!(one("00"), vec![Tok::Int(0)]);
    assert_eq!(
        one("18446744073709551615"),
        vec![Tok::Int(u64::MAX)],
        "magnitudes up to u64 are lexed; the parser checks the range"
    );
    for (src, m) in [
        ("1__0", "trailing '_' in number"),
        ("1_", "trailing '_' in number"),
        ("09", "Invalid octal digit"),
        ("0b102", "Invalid binary digit"),
        ("0x", "numeric literal without digits"),
        ("0b", "numeric literal without digits"),
        ("0x_1", "numeric literal without digits"),
        ("18446744073709551616", "integer literal out of range"),
        ("1.5", "unsupported: float literal"),
        ("1e3", "unsupported: float literal"),
        ("1e-3", "unsupported: float literal"),
        ("3r", "unsupported: rational literal"),
        ("3i", "unsupported: imaginary literal"),
    ] {
        assert_eq!(
            kinds(src).map_err(|e| e.message),
            Err(m.to_string()),
            "{src}"
        );
    }
}

#[test]
fn lex_method_names_with_suffix() {
    assert_eq!(
        kinds("foo? x!").unwrap(),
        vec![Tok::FnCmd("foo?".into()), Tok::Fn("x!".into())]
    );
    // `x!=y` is `x != y`
    assert_eq!(
        kinds("x = 1; x!=2").unwrap(),
        vec![
            Tok::Local("x".into()),
            Tok::Assign,
            Tok::Int(1),
            Tok::Term,
            Tok::Local("x".into()),
            Tok::Ne,
            Tok::Int(2)
        ]
    );
    assert!(parse("a?==1").is_err());
}

#[test]
fn lex_negative_literals_and_unary_minus() {
    assert_eq!(kinds("-1").unwrap(), vec![Tok::UMinusNum, Tok::Int(1)]);
    assert_eq!(kinds("- 1").unwrap(), vec![Tok::UMinus, Tok::Int(1)]);
    assert_eq!(
        kinds("2-1").unwrap(),
        vec![Tok::Int(2), Tok::Minus, Tok::Int(1)]
    );
    assert_eq!(
        kinds("2 -1").unwrap(),
        vec![Tok::Int(2), Tok::Minus, Tok::Int(1)]
    );
    assert_eq!(
        kinds("(-x)").unwrap(),
        vec![Tok::LParen, Tok::UMinus, Tok::Fn("x".into()), Tok::RParen]
    );
    assert_eq!(
        kinds("return -1").unwrap(),
        vec![Tok::Return, Tok::UMinusNum, Tok::Int(1)]
    );
}

#[test]
fn lex_spacing_rules() {
    let k = |s: &str| kinds(s).unwrap();
    assert_eq!(
        k("p -1"),
        vec![Tok::FnCmd("p".into()), Tok::UMinusNum, Tok::Int(1)]
    );
    assert_eq!(
        k("p - 1"),
        vec![Tok::Fn("p".into()), Tok::Minus, Tok::Int(1)]
    );
    assert_eq!(k("p-1"), vec![Tok::Fn("p".into()), Tok::Minus, Tok::Int(1)]);
    assert_eq!(
        k("x = 1; x -1")[4..],
        [Tok::Local("x".into()), Tok::Minus, Tok::Int(1)]
    );
    assert_eq!(
        k("puts (1)"),
        vec![
            Tok::FnCmd("puts".into()),
            Tok::LParenArg,
            Tok::Int(1),
            Tok::RParen
        ]
    );
    assert_eq!(
        k("puts(1)"),
        vec![
            Tok::FnParen("puts".into()),
            Tok::LParenCall,
            Tok::Int(1),
            Tok::RParen
        ]
    );
    assert_eq!(k("foo !x")[0], Tok::FnCmd("foo".into()));
    assert_eq!(k("foo ~x")[0], Tok::FnCmd("foo".into()));
    assert_eq!(k("foo x")[0], Tok::FnCmd("foo".into()));
    assert_eq!(k("foo -x")[0], Tok::FnCmd("foo".into()));
    assert_eq!(k("foo +x")[0], Tok::FnCmd("foo".into()));
    assert_eq!(k("foo + x")[0], Tok::Fn("foo".into()));
    assert_eq!(k("foo * 2")[0], Tok::Fn("foo".into()));
    assert_eq!(k("foo ? 1 : 2")[0], Tok::Fn("foo".into()));
    assert_eq!(k("foo == 1")[0], Tok::Fn("foo".into()));
    assert_eq!(k("foo != 1")[0], Tok::Fn("foo".into()));
    assert_eq!(k("foo if 1")[..2], [Tok::Fn("foo".into()), Tok::IfMod]);
    assert_eq!(k("foo and 1")[0], Tok::Fn("foo".into()));
    assert_eq!(k("foo\n1")[0], Tok::Fn("foo".into()));
    assert_eq!(k("foo # c\n1")[0], Tok::Fn("foo".into()));
}

#[test]
fn lex_newlines() {
    let k = |s: &str| kinds(s).unwrap();
    assert_eq!(k("1 +\n2"), vec![Tok::Int(1), Tok::Plus, Tok::Int(2)]);
    assert_eq!(k("1\n\n\n2"), vec![Tok::Int(1), Tok::Term, Tok::Int(2)]);
    assert_eq!(
        k("\n\n1;;\n;2\n"),
        vec![Tok::Int(1), Tok::Term, Tok::Int(2), Tok::Term]
    );
    assert_eq!(k("x = \\\n 1").len(), 3);
    assert_eq!(k("=begin\nx y z\n=end\n1"), vec![Tok::Int(1)]);
    assert_eq!(
        k("1\n__END__\nthis is not ruby \""),
        vec![Tok::Int(1), Tok::Term]
    );
    assert_eq!(
        kinds("=begin\n1").map_err(|e| e.message),
        Err("embedded document meets end of file".into())
    );
}

// ----------------------------------------------------------------- parser

#[test]
fn precedence_table() {
    check("1 + 2 * 3", "(+ 1 (* 2 3))");
    check("1 * 2 + 3", "(+ (* 1 2) 3)");
    check("1 - 2 - 3", "(- (- 1 2) 3)");
    check("2 ** 3 ** 2", "(** 2 (** 3 2))");
    check("-2 ** 2", "(-@ (** 2 2))");
    check("- 2 ** 2", "(-@ (** 2 2))");
    check("-2 * 3", "(* -2 3)");
    check("2 ** -1", "(** 2 -1)");
    check("2 ** -1 ** 2", "(** 2 (-@ (** 1 2)))");
    check("-a ** b", "(-@ (** (call:v a) (call:v b)))");
    check("!a ** b", "(** (! (call:v a)) (call:v b))");
    check("!-a ** b", "(! (-@ (** (call:v a) (call:v b))))");
    check("~-2 ** 2", "(~ (-@ (** 2 2)))");
    check("~-2", "(~ -2)");
    check("-a * b", "(* (-@ (call:v a)) (call:v b))");
    check("- -1", "(-@ -1)");
    check("+1 + +2", "(+ 1 2)");
    check("1 << 2 + 3", "(<< 1 (+ 2 3))");
    check("1 & 2 << 3", "(& 1 (<< 2 3))");
    check("1 | 2 & 3", "(| 1 (& 2 3))");
    check("1 ^ 2 | 3", "(| (^ 1 2) 3)");
    check("1 < 2 | 3", "(< 1 (| 2 3))");
    check("1 < 2 < 3", "(< (< 1 2) 3)");
    check("1 == 2 < 3", "(== 1 (< 2 3))");
    check("1 <=> 2", "(<=> 1 2)");
    check("1 != 2 && 3", "(&& (!= 1 2) 3)");
    check("1 && 2 || 3 && 4", "(|| (&& 1 2) (&& 3 4))");
    check("1 ? 2 : 3 ? 4 : 5", "(if 1 2 (if 3 4 5))");
    check("1 || 2 ? 3 : 4", "(if (|| 1 2) 3 4)");
    check("x = 1 ? 2 : 3", "(= x (if 1 2 3))");
    check("x = y = 2", "(= x (= y 2))");
    check("x = 1; x += y = 2", "(= x 1); (+= x (= y 2))");
    check("not 1 == 2", "(! (== 1 2))");
    check("not 1 and 2", "(&& (! 1) 2)");
    check("1 and 2 or 3", "(|| (&& 1 2) 3)");
    check("1 or 2 and 3", "(&& (|| 1 2) 3)");
    check("1 and not 2", "(&& 1 (! 2))");
    check("x = 1 and 2", "(&& (= x 1) 2)");
    check("!1 == 2", "(== (! 1) 2)");
    check("~1 + 2", "(+ (~ 1) 2)");
    check("7 % 3 / 2", "(/ (% 7 3) 2)");
    check("1 >= 2 > 3 <= 4", "(<= (> (>= 1 2) 3) 4)");
    check("1 >> 2", "(>> 1 2)");
}

#[test]
fn non_associative_equality() {
    check_err("1 == 2 == 3", "syntax error, unexpected '=='", "==");
    assert!(msg("1 <=> 2 != 3").starts_with("syntax error, unexpected '!='"));
}

#[test]
fn integer_range() {
    check("9223372036854775807", "9223372036854775807");
    check("-9223372036854775808", "-9223372036854775808");
    check("p -9223372036854775808", "(call:c p -9223372036854775808)");
    check_err(
        "9223372036854775808",
        "integer literal out of range",
        "9223372036854775808",
    );
    check_err(
        "-9223372036854775809",
        "integer literal out of range",
        "-9223372036854775809",
    );
    check_err(
        "x = - 9223372036854775808",
        "integer literal out of range",
        "9223372036854775808",
    );
}

#[test]
fn op_assign_forms() {
    for op in ["+", "-", "*", "/", "%", "**", "<<", ">>", "&", "|", "^"] {
        check(&format!("x {op}= 2"), &format!("({op}= x 2)"));
    }
    check_err("x ||= 1", "unsupported: ||=", "||=");
    check_err("x &&= 1", "unsupported: &&=", "&&=");
    check("x = 1\nx -= 1 if x", "(= x 1); (if x (-= x 1) nil)");
}

#[test]
fn statements_and_separators() {
    check("1; 2\n3", "1; 2; 3");
    check("", "");
    check("\n\n;\n", "");
    check("# only a comment", "");
    check("1 # one\n# two\n2", "1; 2");
    check("(1; 2)", "(seq 1 2)");
    check("(1\n2\n)", "(seq 1 2)");
    check("(\n1\n)", "(seq 1)");
    check("()", "(seq)");
    check("(;1;)", "(seq 1)");
    check("x = 1 +\n 2", "(= x (+ 1 2))");
    check("x =\n 2", "(= x 2)");
    check("1 ?\n 2 :\n 3", "(if 1 2 3)");
    check("1 ? 2\n : 3", "(if 1 2 3)");
    check("1 &&\n2", "(&& 1 2)");
    check("1 and\n2", "(&& 1 2)");
    check("f(\n 1,\n 2\n)", "(call:p f 1 2)");
    check("f(1, 2,)", "(call:p f 1 2)");
    check("f()", "(call:p f)");
    check_err("1 +; 2", "syntax error, unexpected ';'", ";");
}

#[test]
fn line_endings_and_embedded_documents() {
    check("x = 1\r\ny = x +\r\n 2\r\n", "(= x 1); (= y (+ x 2))");
    check("=begin\r\nnot ruby: \"\r\n=end\r\n1", "1");
    check("1\n=begin x\n=end\n=begin\n=end junk\n2", "1; 2");
    check("x = 1 # é\n# ünïcode\nx", "(= x 1); x");
    check("1\n__END__\n\"", "1");
    check_err("1\n __END__", "unsupported: __END__", "__END__");
    check_err(
        "1\n=begin\n",
        "embedded document meets end of file",
        "=begin",
    );
    let src = "=begin\n\n=end\n)";
    assert_eq!(e(src).1, src.len() - 1..src.len());
}

#[test]
fn if_unless_while_until() {
    check("if 1 then 2 end", "(if 1 (seq 2) nil)");
    check("if 1\n2\nelse\n3\nend", "(if 1 (seq 2) (seq 3))");
    check(
        "if 1; 2; elsif 3 then 4 else 5 end",
        "(if 1 (seq 2) (if 3 (seq 4) (seq 5)))",
    );
    check("if 1\nelsif 2\nend", "(if 1 (seq) (if 2 (seq) nil))");
    check("if 1\nthen 2 end", "(if 1 (seq 2) nil)");
    check("if\n1\n2 end", "(if 1 (seq 2) nil)");
    check("unless 1 then 2 end", "(if 1 nil (seq 2))");
    check("unless 1\n2\nelse\n3\nend", "(if 1 (seq 3) (seq 2))");
    check("while 1\n2\nend", "(while 1 (seq 2))");
    check("while 1 do 2 end", "(while 1 (seq 2))");
    check("until 1 do end", "(until 1 (seq))");
    check("x = if 1 then 2 else 3 end", "(= x (if 1 (seq 2) (seq 3)))");
    check("p(if 1 then 2 end)", "(call:p p (if 1 (seq 2) nil))");
    check("while x = 1 and 2 do end", "(while (&& (= x 1) 2) (seq))");
    check("if foo 1 then 2 end", "(if (call:c foo 1) (seq 2) nil)");
    check_err(
        "if 1 2 end",
        "syntax error, unexpected integer literal",
        "2",
    );
    check_err("foo do end", "unsupported: block", "do");
    check_err("while 1\ndo end", "unsupported: block", "do");
}

#[test]
fn modifiers() {
    check("1 if 2", "(if 2 1 nil)");
    check("1 unless 2", "(if 2 nil 1)");
    check("1 while 2", "(while 2 1)");
    check("1 until 2", "(until 2 1)");
    check("x = 1 if 2", "(if 2 (= x 1) nil)");
    check("1 if 2 while 3", "(while 3 (if 2 1 nil))");
    check("1 if 2 and 3", "(if (&& 2 3) 1 nil)");
    check("return 0 if n < 2", "(if (< (call:v n) 2) (return 0) nil)");
    check("return if 1", "(if 1 (return) nil)");
    check("break unless 1", "(if 1 nil (break))");
    check("next 2 if 1", "(if 1 (next 2) nil)");
    check("foo 1 if 2", "(if 2 (call:c foo 1) nil)");
    check("x = 1 if (y = 2)", "(if (seq (= y 2)) (= x 1) nil)");
    check("(1 if 2)", "(seq (if 2 1 nil))");
    check("if 1 then 2 if 3 end", "(if 1 (seq (if 3 2 nil)) nil)");
    check(
        "x = if 1 then 2 end if 3",
        "(if 3 (= x (if 1 (seq 2) nil)) nil)",
    );
}

#[test]
fn jumps() {
    check("return", "(return)");
    check("return 1", "(return 1)");
    check("return -1", "(return -1)");
    check("return (1) + 2", "(return (+ (seq 1) 2))");
    check("return foo 1", "(return (call:c foo 1))");
    check("1 and return", "(&& 1 (return))");
    check("1 or return 2", "(|| 1 (return 2))");
    check_err("not return", "void value expression", "return");
    check("break 1", "(break 1)");
    check("(next)", "(seq (next))");
    check(
        "if 1 then return 2 else break end",
        "(if 1 (seq (return 2)) (seq (break)))",
    );
    check_err("return 1, 2", "unsupported: multiple return values", "2");
    check_err("x = return", "void value expression", "return");
    check_err("p(return)", "void value expression", "return");
    check_err("1 + (return 1)", "void value expression", "return 1");
    check_err("return and 1", "void value expression", "return");
    check_err("1 if return", "void value expression", "return");
    check_err("x = (1; return 1)", "void value expression", "return 1");
    check_err(
        "x = (if 1 then return 1 else break end)",
        "void value expression",
        "if 1 then return 1 else break end",
    );
    check_err("(return 1) ? 1 : 2", "void value expression", "return 1");
    check(
        "p(if 1 then return 1 end)",
        "(call:p p (if 1 (seq (return 1)) nil))",
    );
    check("x = 1 ? (return 1) : 2", "(= x (if 1 (seq (return 1)) 2))");
    check_err("return\n1 + return", "void value expression", "return");
}

#[test]
fn defs() {
    check("def f(a, b) a + b end", "(def f (a b) (seq (+ a b)))");
    check("def f(a, b)\n a\nend", "(def f (a b) (seq a))");
    check("def f a, b\n a\nend", "(def f (a b) (seq a))");
    check("def f; end", "(def f () (seq))");
    check("def f\n1\nend", "(def f () (seq 1))");
    check("def f() 1 end", "(def f () (seq 1))");
    check("def f(a) -a end", "(def f (a) (seq (-@ a)))");
    check(
        "def f(a) if a then 1 end end",
        "(def f (a) (seq (if a (seq 1) nil)))",
    );
    check("def f(a)\n-1\nend", "(def f (a) (seq -1))");
    check("def f(\n a,\n b\n)\nend", "(def f (a b) (seq))");
    check("def f(a) = a + 1", "(def f (a) (seq (+ a 1)))");
    check("def f = 1", "(def f () (seq 1))");
    check("def f() = 1", "(def f () (seq 1))");
    check("def f(a) = puts a", "(def f (a) (seq (call:c puts a)))");
    check("def f?(a) = a", "(def f? (a) (seq a))");
    check("def f!\nend", "(def f! () (seq))");
    check("def f(a) =\n a", "(def f (a) (seq a))");
    check("def f(a) = a; a", "(def f (a) (seq a)); (call:v a)");
    check("def f(a) = a\na", "(def f (a) (seq a)); (call:v a)");
    check("(def f(a) = a); a", "(seq (def f (a) (seq a))); (call:v a)");
    check(
        "def f(a) = a if a",
        "(if (call:v a) (def f (a) (seq a)) nil)",
    );
    check("x = def f = 1", "(= x (def f () (seq 1)))");
    check(
        "def fib(n)\n  return n if n < 2\n  fib(n - 1) + fib(n - 2)\nend\np fib(10)",
        "(def fib (n) (seq (if (< n 2) (return n) nil) (+ (call:p fib (- n 1)) (call:p fib (- n 2))))); (call:c p (call:p fib 10))",
    );
    check(
        "def f\n  if 1\n    2\n  end\nend\nf",
        "(def f () (seq (if 1 (seq 2) nil))); (call:v f)",
    );
    check_err("def f(a, a) end", "duplicated argument name", "a");
    check("def f(_, _) end", "(def f (_ _) (seq))");
    check_err("def f(a = 1) end", "unsupported: default parameter", "a =");
    check_err("def f(*a) end", "unsupported: splat parameter", "*");
    check_err(
        "def f(**a) end",
        "unsupported: keyword splat parameter",
        "**",
    );
    check_err("def f(&b) end", "unsupported: block parameter", "&");
    check_err("def f(a:) end", "unsupported: keyword parameter", "a:");
    check_err("def f(...) end", "unsupported: argument forwarding", "...");
    check_err("def self.f; end", "unsupported: singleton method", "self");
    check_err("def x.f; end", "unsupported: singleton method", "x");
    check_err("def +(o) end", "unsupported: operator method", "+");
    check_err("def f=(v) end", "unsupported: setter method", "f");
    check_err("def F; end", "unsupported: constant", "F");
    check_err("def end; end", "unsupported: keyword as method name", "end");
    check_err(
        "def f(a)\n a\n",
        "syntax error, unexpected end-of-input, expecting 'end'",
        "",
    );
}

#[test]
fn locals_versus_calls() {
    check("a = a", "(= a a)");
    check("a", "(call:v a)");
    check("a = 1; a", "(= a 1); a");
    check("a; a = 1; a", "(call:v a); (= a 1); a");
    check(
        "def a = 1; def b = a",
        "(def a () (seq 1)); (def b () (seq (call:v a)))",
    );
    check(
        "x = 1\ndef f\n x\nend\nx",
        "(= x 1); (def f () (seq (call:v x))); x",
    );
    check("def f(x)\n x\nend\nx", "(def f (x) (seq x)); (call:v x)");
    check("if 1 then y = 2 end; y", "(if 1 (seq (= y 2)) nil); y");
    check("y = 1 if 0; y", "(if 0 (= y 1) nil); y");
    check("x += 1; x", "(+= x 1); x");
    check("f(a = 1); a", "(call:p f (= a 1)); a");
    // a local followed directly by `(` is a method call, as in Ruby
    check("x = 1; x(2)", "(= x 1); (call:p x 2)");
    check("x = 1; x (2)", "(= x 1); (call:c x (seq 2))");
    check("x = 1; x 2", "(= x 1); (call:c x 2)");
    check("p = 1; p p", "(= p 1); (call:c p p)");
    check("x = 1; x !x", "(= x 1); (call:c x (! x))");
    check("x = 1; x ~x", "(= x 1); (call:c x (~ x))");
    check("x = 1; x!", "(= x 1); (call:v x!)");
    check("x = 1; x -1", "(= x 1); (- x 1)");
    check("x = 1; x - 1", "(= x 1); (- x 1)");
    check("x = 1; x +1", "(= x 1); (+ x 1)");
    check("x = 1; x ? 2 : 3", "(= x 1); (if x 2 3)");
    check("x = 1; x ?2 : 3", "(= x 1); (if x 2 3)");
    check("x = 1; p x", "(= x 1); (call:c p x)");
}

#[test]
fn command_calls() {
    check("p -1", "(call:c p -1)");
    check("p - 1", "(- (call:v p) 1)");
    check("p-1", "(- (call:v p) 1)");
    check("foo -x", "(call:c foo (-@ (call:v x)))");
    check("foo +x", "(call:c foo (call:v x))");
    check(
        "puts (a) * b",
        "(call:c puts (* (seq (call:v a)) (call:v b)))",
    );
    check("puts(a) * b", "(* (call:p puts (call:v a)) (call:v b))");
    check("f(a) * b", "(* (call:p f (call:v a)) (call:v b))");
    check("foo (1), 2", "(call:c foo (seq 1) 2)");
    check("foo ()", "(call:c foo (seq))");
    check("foo 1, 2", "(call:c foo 1 2)");
    check("foo 1,\n 2", "(call:c foo 1 2)");
    check("foo 1 ? 2 : 3, x = 4", "(call:c foo (if 1 2 3) (= x 4))");
    check("foo !x", "(call:c foo (! (call:v x)))");
    check("foo ~1", "(call:c foo (~ 1))");
    check("foo * 2", "(* (call:v foo) 2)");
    check("foo ? 1 : 2", "(if (call:v foo) 1 2)");
    check("foo == 1", "(== (call:v foo) 1)");
    check("foo? 1", "(call:c foo? 1)");
    check("foo!", "(call:v foo!)");
    check("x = foo 1", "(= x (call:c foo 1))");
    check("x += foo 1", "(+= x (call:c foo 1))");
    check("a = b = foo 1", "(= a (= b (call:c foo 1)))");
    check(
        "a = b += foo 1 if 2",
        "(if 2 (= a (+= b (call:c foo 1))) nil)",
    );
    check_err("x = foo 1 and 2", "syntax error, unexpected 'and'", "and");
    check("p f 1", "(call:c p (call:c f 1))");
    check("puts fib 30", "(call:c puts (call:c fib 30))");
    check("p(f 1)", "(call:p p (call:c f 1))");
    check("1 and foo 2", "(&& 1 (call:c foo 2))");
    check("not foo 2", "(! (call:c foo 2))");
    check("! foo 2", "(! (call:c foo 2))");
    check("foo 1 and 2", "(&& (call:c foo 1) 2)");
    check("p 1 if 2", "(if 2 (call:c p 1) nil)");
    check("p(1, 2)", "(call:p p 1 2)");
    check("p (1 + 2)", "(call:c p (seq (+ 1 2)))");
    check("p (1) + 2", "(call:c p (+ (seq 1) 2))");
    check("p def f = 1", "(call:c p (def f () (seq 1)))");
    check("puts", "(call:v puts)");
    check(
        "def loop(proc) = proc; loop 1",
        "(def loop (proc) (seq proc)); (call:c loop 1)",
    );
    check_err(
        "puts (1; 2)",
        "syntax error, unexpected ';', expecting ')'",
        ";",
    );
    check_err("1 + foo 2", "syntax error, unexpected integer literal", "2");
}

#[test]
fn unsupported_constructs() {
    let cases: &[(&str, &str, &str)] = &[
        ("x = \"s\"", "unsupported: string literal", "\""),
        ("x = 's'", "unsupported: string literal", "'"),
        ("puts `ls`", "unsupported: command string (backticks)", "`"),
        ("x = %q(a)", "unsupported: percent literal", "%"),
        ("p %w[a]", "unsupported: percent literal", "%"),
        (
            "x = <<~EOS\n  a\nEOS",
            "unsupported: string literal (heredoc)",
            "<<",
        ),
        ("x = :foo", "unsupported: symbol", ":foo"),
        ("p :foo", "unsupported: symbol", ":foo"),
        ("x = 1.5", "unsupported: float literal", "1.5"),
        ("x = 1e3", "unsupported: float literal", "1e3"),
        ("x = [1]", "unsupported: array literal", "["),
        ("p [1]", "unsupported: array literal", "["),
        (
            "x = 1; x[0]",
            "unsupported: index operator (method call with a receiver)",
            "[",
        ),
        ("x = {}", "unsupported: hash or block", "{"),
        ("foo { 1 }", "unsupported: hash or block", "{"),
        ("foo do 1 end", "unsupported: block", "do"),
        ("x = nil", "unsupported: nil", "nil"),
        ("x = true", "unsupported: true", "true"),
        ("x = false", "unsupported: false", "false"),
        ("self", "unsupported: self", "self"),
        ("Foo", "unsupported: constant", "Foo"),
        ("x = Foo::Bar", "unsupported: constant", "Foo"),
        ("p ::Foo", "unsupported: constant", "::"),
        ("$x = 1", "unsupported: global variable", "$x"),
        ("p $stdout", "unsupported: global variable", "$stdout"),
        ("@x = 1", "unsupported: instance variable", "@x"),
        ("@@x = 1", "unsupported: class variable", "@@x"),
        (
            "x = 1; x.y",
            "unsupported: method call with a receiver",
            ".",
        ),
        (
            "x = 1; x&.y",
            "unsupported: method call with a receiver",
            "&.",
        ),
        ("1.times", "unsupported: method call with a receiver", "."),
        ("class A; end", "unsupported: class", "class"),
        ("module A; end", "unsupported: module", "module"),
        ("begin; end", "unsupported: begin", "begin"),
        ("x rescue 1", "unsupported: rescue", "rescue"),
        ("ensure", "unsupported: ensure", "ensure"),
        ("case 1\nwhen 1 then 2 end", "unsupported: case", "case"),
        ("for i in 1; end", "unsupported: for", "for"),
        ("yield", "unsupported: yield", "yield"),
        ("super", "unsupported: super", "super"),
        ("alias a b", "unsupported: alias", "alias"),
        ("undef a", "unsupported: undef", "undef"),
        ("defined?(x)", "unsupported: defined?", "defined?"),
        ("redo", "unsupported: redo", "redo"),
        ("retry", "unsupported: retry", "retry"),
        ("f = ->(x) { x }", "unsupported: lambda", "->"),
        ("x = 1..2", "unsupported: range", ".."),
        ("x = 1...2", "unsupported: range", "..."),
        ("a, b = 1, 2", "unsupported: multiple assignment", "a"),
        (
            "x = 1, 2",
            "unsupported: multiple values on the right of '='",
            ",",
        ),
        ("x = *a", "unsupported: splat", "*"),
        ("p *a", "unsupported: splat", "*"),
        ("p **a", "unsupported: double splat", "**"),
        ("p &a", "unsupported: block argument", "&"),
        ("p a: 1", "unsupported: keyword argument", "a:"),
        ("p(a: 1)", "unsupported: keyword argument", "a:"),
        ("p 1, a:1", "unsupported: keyword argument", "a:"),
        ("p a => 1", "unsupported: hash", "=>"),
        (
            "x = 1; x =~ 1",
            "unsupported: regular expression match",
            "=~",
        ),
        ("x = /a/", "unsupported: regular expression", "/"),
        ("x = 1; x === 1", "unsupported: case equality (===)", "==="),
        ("x = ?a", "unsupported: character literal", "?"),
        ("__FILE__", "unsupported: __FILE__", "__FILE__"),
        ("__LINE__", "unsupported: __LINE__", "__LINE__"),
        ("BEGIN { }", "unsupported: BEGIN block", "BEGIN"),
        ("END { }", "unsupported: END block", "END"),
        ("lambda { }", "unsupported: hash or block", "{"),
        ("loop do end", "unsupported: block", "do"),
        ("x = 3r", "unsupported: rational literal", "3r"),
        ("x = 2i", "unsupported: imaginary literal", "2i"),
        ("é = 1", "unsupported: non-ASCII character", "é"),
        ("x = 1 \\ 2", "syntax error, unexpected backslash", "\\"),
    ];
    for (src, m, text) in cases {
        check_err(src, m, text);
    }
}

#[test]
fn syntax_errors() {
    check_err("p(1))", "syntax error, unexpected ')'", ")");
    check_err("1 +", "syntax error, unexpected end-of-input", "");
    check_err(
        "if 1\n2\n",
        "syntax error, unexpected end-of-input, expecting 'end'",
        "",
    );
    check_err(
        "while 1\n",
        "syntax error, unexpected end-of-input, expecting 'end'",
        "",
    );
    check_err("end", "syntax error, unexpected 'end'", "end");
    check_err(
        "(1",
        "syntax error, unexpected end-of-input, expecting ')'",
        "",
    );
    check_err(
        "f(1 2)",
        "syntax error, unexpected integer literal, expecting ')'",
        "2",
    );
    check_err("1 = 2", "syntax error, unexpected '='", "=");
    check_err("x = 1\nelse", "syntax error, unexpected 'else'", "else");
    check_err(
        "def f(a,) end",
        "syntax error, unexpected ')', expecting local variable",
        ")",
    );
    check_err("p }", "syntax error, unexpected '}'", "}");
    check_err("1 2", "syntax error, unexpected integer literal", "2");
    check_err("x = 1\x01", "Invalid char '\\x01' in expression", "\x01");
    // the span of an error on a later line
    let src = "x = 1\ny = (2 +\n";
    let (_, span) = e(src);
    assert_eq!(span, src.len()..src.len());
}

#[test]
fn spans() {
    let prog = parse("x = 1\n  foo(2) + 3").unwrap();
    let ExprKind::Seq(v) = &prog.body.kind else {
        panic!()
    };
    assert_eq!(v[0].span, 0..5);
    assert_eq!(v[1].span, 8..18);
    let ExprKind::Binary(_, l, _) = &v[1].kind else {
        panic!()
    };
    assert_eq!(l.span, 8..14);
    let prog = parse("def foo(a)\n a\nend").unwrap();
    let ExprKind::Seq(v) = &prog.body.kind else {
        panic!()
    };
    let ExprKind::Def { name_span, .. } = &v[0].kind else {
        panic!()
    };
    assert_eq!(name_span, &(4..7));
    assert_eq!(v[0].span, 0..17);
}

#[test]
fn deep_nesting_is_rejected_not_crashed() {
    let n = 100_000;
    let src = format!("{}1{}", "(".repeat(n), ")".repeat(n));
    assert_eq!(msg(&src), "nesting too deep");
    let src = format!("1{}", " + 1".repeat(n));
    assert_eq!(msg(&src), "nesting too deep");
    let src = format!("{}1", "-".repeat(n));
    assert_eq!(msg(&src), "nesting too deep");
    let src = format!("{}1", "!".repeat(n));
    assert_eq!(msg(&src), "nesting too deep");
    let src = "if 1 then ".repeat(n);
    assert!(parse(&src).is_err());
    let src = format!("x = {}1", "x = ".repeat(n));
    assert_eq!(msg(&src), "nesting too deep");
    // moderately deep programs are fine
    let src = format!("{}1{}", "(".repeat(1000), ")".repeat(1000));
    assert!(parse(&src).is_ok());
    let src = format!("1{}", " + 1".repeat(5000));
    assert!(parse(&src).is_ok());
    // long flat programs are fine
    let src = "x = 1\n".repeat(200_000);
    assert!(parse(&src).is_ok());
}

// ------------------------------------------------------------ no-panic fuzz

/// xorshift64*: a small deterministic PRNG.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn check_span(src: &str, span: &std::ops::Range<usize>) {
    assert!(
        span.start <= span.end && span.end <= src.len(),
        "span {span:?} out of {src:?}"
    );
    assert!(
        src.is_char_boundary(span.start) && src.is_char_boundary(span.end),
        "span {span:?} not on char boundaries in {src:?}"
    );
}

/// Parses and checks every span in the result (walking the tree without
/// recursion).
fn parse_and_check(src: &str) {
    match parse(src) {
        Err(e) => check_span(src, &e.span),
        Ok(prog) => {
            let mut stack = vec![&prog.body];
            while let Some(e) = stack.pop() {
                check_span(src, &e.span);
                match &e.kind {
                    ExprKind::Int(_) | ExprKind::Var(_) => {}
                    ExprKind::Assign(_, v)
                    | ExprKind::OpAssign(_, _, v)
                    | ExprKind::Unary(_, v) => stack.push(v),
                    ExprKind::Binary(_, a, b) | ExprKind::And(a, b) | ExprKind::Or(a, b) => {
                        stack.push(a);
                        stack.push(b);
                    }
                    ExprKind::If { cond, then, els } => {
                        stack.push(cond);
                        stack.extend(then.as_deref());
                        stack.extend(els.as_deref());
                    }
                    ExprKind::While { cond, body, .. } => {
                        stack.push(cond);
                        stack.push(body);
                    }
                    ExprKind::Seq(v) | ExprKind::Call { args: v, .. } => stack.extend(v.iter()),
                    ExprKind::Def {
                        body, name_span, ..
                    } => {
                        check_span(src, name_span);
                        stack.push(body);
                    }
                    ExprKind::Return(v) | ExprKind::Break(v) | ExprKind::Next(v) => {
                        stack.extend(v.as_deref())
                    }
                }
            }
        }
    }
}

const SAMPLES: &[&str] = &[
    "def fib(n)\n  return n if n < 2\n  fib(n - 1) + fib(n - 2)\nend\nputs fib(20)\n",
    "i = 0\nsum = 0\nwhile i < 10 do\n  sum += i ** 2 unless i % 3 == 0\n  i += 1\nend\np sum, -sum\n",
    "def f?(a, b) = a <=> b\nx = f?(1, 2) ? 0x1f : 0b101\nuntil x > 100\n  x <<= 1\n  next if x & 4 != 0\n  break\nend\n",
    "=begin\ncomment\n=end\nx = 1_000 # c\nputs (x) * 2, ~x, !x\nif x == 1 then p 1 elsif x then p -2 ** 2 else p(3) end\n",
    "def g a, b\n  a and b or not a\nend\ng 1, 2\nprint(g(1,\n 2))\n",
];

const SNIPPETS: &[&str] = &[
    "def ",
    "end",
    "(",
    ")",
    "if ",
    "unless ",
    "while ",
    "until ",
    " do ",
    " then ",
    "else",
    "elsif ",
    "\n",
    ";",
    " -",
    "-",
    "+",
    "*",
    "**",
    "? ",
    " : ",
    ":",
    "?",
    "=",
    "==",
    "!",
    "~",
    ",",
    "p ",
    "x ",
    "x = ",
    "foo(",
    "return ",
    "break",
    "next ",
    "and ",
    "or ",
    "not ",
    "=begin\n",
    "\n=end\n",
    "#",
    "\\\n",
    "1",
    "0x",
    "9223372036854775808",
    "-9223372036854775808",
    "\"",
    "[",
    "{",
    ".",
    "..",
    "é",
    "\u{0}",
    "def f(a) = ",
    "def f a, b\n",
    "<<~E\n",
    "%w",
    "@",
    "$",
    "__END__\n",
    "a?",
    "b!",
    "_",
    " ",
    "\t",
    "\r\n",
];

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let alphabet = b"abcdefpx_019 \n\t;()+-*/%<>=!&|^~?:,.#\\\"'[]{}@$`";
    for i in 0..20_000 {
        let len = rng.below(40);
        let mut bytes = Vec::with_capacity(len);
        for _ in 0..len {
            if i % 4 == 0 {
                bytes.push(rng.next() as u8);
            } else {
                bytes.push(alphabet[rng.below(alphabet.len())]);
            }
        }
        let src = String::from_utf8_lossy(&bytes);
        parse_and_check(&src);
    }
}

#[test]
fn mutated_programs_never_panic() {
    for s in SAMPLES {
        parse(s).unwrap_or_else(|e| panic!("sample does not parse: {e:?}\n{s}"));
    }
    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    for _ in 0..20_000 {
        let mut bytes = SAMPLES[rng.below(SAMPLES.len())].as_bytes().to_vec();
        for _ in 0..1 + rng.below(4) {
            let pos = rng.below(bytes.len() + 1);
            match rng.below(4) {
                0 if pos < bytes.len() => bytes[pos] ^= 1 << rng.below(8),
                1 => bytes.insert(pos, rng.next() as u8),
                2 if pos < bytes.len() => {
                    let n = 1 + rng.below(5);
                    bytes.drain(pos..(pos + n).min(bytes.len()));
                }
                _ => {
                    let snip = SNIPPETS[rng.below(SNIPPETS.len())].as_bytes();
                    bytes.splice(pos..pos, snip.iter().copied());
                }
            }
        }
        let src = String::from_utf8_lossy(&bytes);
        parse_and_check(&src);
    }
}

// ------------------------------------------- cross-check against CRuby values

/// Evaluates an integer expression with Ruby's semantics; `None` when the
/// result needs more than Ruby integers of moderate size (or a rational).
fn eval(e: &Expr) -> Option<i128> {
    let lim = 1i128 << 100;
    let v = match &e.kind {
        ExprKind::Int(v) => i128::from(*v),
        ExprKind::Seq(v) => eval(v.last()?)?,
        ExprKind::Unary(UnOp::Neg, a) => -eval(a)?,
        ExprKind::Unary(UnOp::BitNot, a) => !eval(a)?,
        ExprKind::Binary(op, a, b) => {
            let (a, b) = (eval(a)?, eval(b)?);
            match op {
                BinOp::Add => a + b,
                BinOp::Sub => a - b,
                BinOp::Mul => a.checked_mul(b)?,
                BinOp::Div => a.checked_div_euclid(b).map(|_| {
                    let q = a / b;
                    if (a % b != 0) && ((a < 0) != (b < 0)) {
                        q - 1
                    } else {
                        q
                    }
                })?,
                BinOp::Mod => {
                    let r = a.checked_rem(b)?;
                    if r != 0 && ((r < 0) != (b < 0)) {
                        r + b
                    } else {
                        r
                    }
                }
                BinOp::Pow => a.checked_pow(u32::try_from(b).ok()?)?,
                BinOp::Shl | BinOp::Shr => {
                    let n = if *op == BinOp::Shl { b } else { -b };
                    if n >= 0 {
                        a.checked_mul(1i128.checked_shl(u32::try_from(n).ok()?)?)?
                    } else {
                        a >> (-n).min(127)
                    }
                }
                BinOp::BitAnd => a & b,
                BinOp::BitOr => a | b,
                BinOp::BitXor => a ^ b,
                _ => return None,
            }
        }
        _ => return None,
    };
    (v.abs() < lim).then_some(v)
}

#[test]
fn operator_precedence_matches_ruby() {
    let table = include_str!("ruby_values.txt");
    let mut checked = 0;
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let (src, want) = line.split_once('\t').unwrap();
        let want: i128 = want.parse().unwrap();
        let prog = parse(src).unwrap_or_else(|e| panic!("{src}: {e:?}"));
        if let Some(got) = eval(&prog.body) {
            assert_eq!(got, want, "{src} parsed as {}", sexp(&prog.body));
            checked += 1;
        }
    }
    assert!(checked > 400, "only {checked} expressions checked");
}
