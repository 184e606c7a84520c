//! Tests of the specializer's output.

use super::*;
use crate::node::Val;
use crate::speculate::Speculation;

#[test]
fn children_by_name_immediates_as_literals() {
    let mut ast = Ast::new();
    let x = ast.lget(1, 0);
    let sum = ast.add(1, Val::Node(x), Val::Imm(-5));
    let mut sp = Specializer::new(&ast);
    let root = sp.add_tree(sum);
    let child = sp.hash(x).symbol();
    let c = sp.finish();
    assert!(c.contains(&format!(
        "static inline RESULT {}(NODE *n, VALUE *fp)",
        root.symbol()
    )));
    assert!(
        c.contains(&format!(
            "return EVAL_add_ni(n, fp, m->l, {child}, INT64_C(-5));"
        )),
        "{c}"
    );
    assert!(c.contains("return EVAL_lget(n, fp, 0u);"), "{c}");
}

#[test]
fn entries_stop_at_function_bodies_and_export_their_root() {
    let mut ast = Ast::new();
    let body = ast.lget(1, 0);
    let f = ast.intern("f");
    let def = ast.def(1, f, 1, 1, 1, 0, 0, body);
    let sp = Specializer::for_entry(&ast, def, Speculation::none(&ast));
    let mut h = MerkleHasher::new(&ast);
    let (def_sym, body_sym) = (h.hash(def).symbol(), h.hash(body).symbol());
    let c = sp.finish();
    assert!(
        c.contains(&format!("\nRESULT {def_sym}(NODE *n, VALUE *fp)\n")),
        "{c}"
    );
    assert!(!c.contains(&body_sym), "the body is its own entry: {c}");
    assert!(
        c.contains(
            "EVAL_def(n, fp, (ID)m->name, 1u, 1u, 1u, m->ident0, m->ident1, m->body, &m->func)"
        ),
        "{c}"
    );
}

fn lowered(src: &str) -> crate::lower::Lowered {
    let program = crate::syntax::parse(src).expect("parses");
    crate::lower::lower(&program, src).expect("lowers")
}

#[test]
fn entries_keep_speculated_callees_with_a_loop_out_of_line() {
    let l = lowered(
        "def f(n)\n  while n > 1\n    n -= 1\n  end\n  n\nend\n\
         def g(a)\n  a + 1\nend\np f(3) + g(2)\n",
    );
    let body = |k: usize| {
        l.ast
            .operands(l.defs[k])
            .iter()
            .find_map(|op| match *op {
                Operand::Entry(b) => Some(b),
                _ => None,
            })
            .expect("a body")
    };
    let mut sp = Specializer::for_entry(&l.ast, l.root, Speculation::from_text(&l));
    let (f_body, g_body) = (sp.symbol(body(0)), sp.symbol(body(1)));
    let c = sp.finish();
    assert!(
        c.contains(&format!(
            "static __attribute__((noinline)) RESULT {f_body}(NODE *n, VALUE *fp)\n{{"
        )),
        "{c}"
    );
    assert!(
        c.contains(&format!(
            "static inline RESULT {g_body}(NODE *n, VALUE *fp)\n{{"
        )),
        "{c}"
    );
    // the AOT unit leaves the choice to the C compiler
    let mut sp = Specializer::per_node(&l.ast, l.root, Speculation::from_text(&l));
    sp.add_tree(l.root);
    assert!(!sp.finish().contains("noinline"));
}

#[test]
fn speculating_calls_pass_a_target_and_its_entry_by_name() {
    // (f calls g, which a code-store unit cannot know to be unbound:
    // f is no region)
    let l = lowered(
        "def f(a)\n  g(a) + 1\nend\ndef g(a)\n  a\nend\nif 1 == 1\n  def g(a)\n    a\n  end\nend\np f(1) + g(2)\n",
    );
    let mut sp = Specializer::with_speculation(&l.ast, Speculation::from_text(&l));
    sp.add_tree(l.root);
    let c = sp.finish();
    // f is defined once: its call passes a target and f's body by name
    let target = c
        .lines()
        .find(|line| line.starts_with("static const nr_target TG_"))
        .expect("a target for f");
    let entry = target
        .split(".entry = ")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .expect("entry field");
    assert!(entry.starts_with("SD_"), "{target}");
    assert!(target.contains(".mode = NR_GUARDED"), "{target}");
    assert!(c.contains("&m->ic, &TG_"), "{c}");
    assert!(c.contains(&format!(", {entry});")), "{c}");
    assert_eq!(c.matches("static const nr_target").count(), 1, "{c}");
    // g is redefined inside a condition: its call does not speculate
    assert!(c.contains("&m->ic, NULL, NULL);"), "{c}");
}

#[test]
fn per_node_dispatchers_name_their_node_and_targets_their_body() {
    let l = lowered("def f(a)\n  a + 1\nend\ndef g(a)\n  a + 1\nend\np f(1) + g(2)\n");
    let mut sp = Specializer::per_node(&l.ast, l.root, Speculation::from_text(&l));
    sp.add_tree(l.root);
    let symbols: Vec<String> = l.ast.ids().map(|id| sp.symbol(id)).collect();
    let c = sp.finish();
    // one dispatcher per node, even for identical subtrees (f and g)
    for (i, symbol) in symbols.iter().enumerate() {
        assert!(symbol.ends_with(&format!("_{i}")), "{symbol}");
        assert!(
            c.contains(&format!(
                "RESULT {symbol}(NODE *n, VALUE *fp)\n{{\n    n = &node_{i}.head;\n"
            )),
            "{c}"
        );
    }
    // f and g have one identity but two targets, each naming its body
    let targets: Vec<&str> = c
        .lines()
        .filter(|l| l.starts_with("static const nr_target"))
        .collect();
    assert_eq!(targets.len(), 2, "{c}");
    for def in &l.defs {
        let body = l.ast.operand_named(*def, "body").child().unwrap();
        assert!(
            targets
                .iter()
                .any(|t| t.contains(&format!("&node_{}.head", body.0))),
            "{targets:?}"
        );
    }
}

#[test]
fn tree_recursive_region_bodies_call_an_inlined_copy_of_themselves() {
    let region_code = |src: &str| {
        let l = lowered(src);
        let mut sp = Specializer::per_node(&l.ast, l.root, Speculation::from_text(&l));
        sp.add_tree(l.root);
        let callee = crate::speculate::callee_of(&l.ast, l.defs[0]);
        let (rf, ri) = (
            sp.region_entry_symbol(callee),
            sp.inlined_entry_symbol(callee),
        );
        (sp.finish(), rf, ri)
    };
    let fib = "def fib(n)\n  if n < 2\n    n\n  else\n    fib(n - 1) + fib(n - 2)\n  end\nend\np fib(5)\n";
    let (c, rf, ri) = region_code(fib);
    // the copy: forced inline, entering its own dispatchers
    assert!(
        c.contains(&format!(
            "static NR_REGION_INLINE RESULT {ri}(VALUE *vsp, VALUE a0)"
        )),
        "{c}"
    );
    assert!(c.contains("RESULT SI_"), "{c}");
    let targets: Vec<&str> = c.lines().filter(|l| l.contains("NR_IN_REGION")).collect();
    let to = |entry: &str| {
        targets
            .iter()
            .filter(|t| t.contains(&format!(".rentry = (nr_regs_fn){entry},")))
            .count()
    };
    assert_eq!((to(&rf), to(&ri)), (1, 1), "{targets:?}");
    // the outer code's two calls reach the copy, the copy's reach RF_
    let calls_in = |prefix: &str, entry: &str| {
        c.split("\n}\n")
            .filter(|f| f.contains(&format!("RESULT {prefix}")) && f.contains("EVAL_call("))
            .filter(|f| {
                let tg = f.split("&TG_").nth(1).unwrap()[..32].to_string();
                targets.iter().any(|t| {
                    t.contains(&tg) && t.contains(&format!(".rentry = (nr_regs_fn){entry},"))
                })
            })
            .count()
    };
    assert_eq!(calls_in("SR_", &ri), 2, "{c}");
    assert_eq!(calls_in("SI_", &rf), 2, "{c}");
    // a chain (one non-tail self call) keeps one copy of its body
    let ack = "def ack(m, n)\n  if m == 0\n    n + 1\n  elsif n == 0\n    ack(m - 1, 1)\n  else\n    ack(m - 1, ack(m, n - 1))\n  end\nend\np ack(2, 2)\n";
    let (c, _, ri) = region_code(ack);
    assert!(!c.contains(&ri) && !c.contains("SI_"), "{c}");
}

#[test]
fn per_node_region_callees_get_register_entries_and_region_dispatchers() {
    let src = "def fib(n)\n  if n < 2\n    n\n  else\n    fib(n - 1) + fib(n - 2)\n  end\nend\np fib(5)\n";
    let l = lowered(src);
    let mut sp = Specializer::per_node(&l.ast, l.root, Speculation::from_text(&l));
    sp.add_tree(l.root);
    let callee = crate::speculate::callee_of(&l.ast, l.defs[0]);
    let body = callee.body;
    let rentry = sp.region_entry_symbol(callee);
    let symbols: Vec<(NodeId, String)> = l.ast.ids().map(|id| (id, sp.symbol(id))).collect();
    let c = sp.finish();
    // the register entry: its argument into a local frame, then the body's region code
    assert!(
        c.contains(&format!(
            "__attribute__((noinline)) static RESULT {rentry}(VALUE *vsp, VALUE a0)\n{{\n    \
             VALUE frame[3];\n    VALUE *fp = frame + 1;\n    fp[-1] = (VALUE)(intptr_t)vsp;\n    fp[0] = a0;\n"
        )),
        "{c}"
    );
    // the top level enters the region; fib's own calls go straight to the entry
    assert!(c.contains(".mode = NR_ENTER_REGION"), "{c}");
    assert!(
        c.contains(&format!(
            ".mode = NR_IN_REGION, .rentry = (nr_regs_fn){rentry}"
        )),
        "{c}"
    );
    assert!(
        c.contains(&format!("static nr_region RG{}", &rentry[2..])),
        "{c}"
    );
    // nodes that hold a call have region dispatchers; call-free ones share theirs
    for (id, symbol) in symbols {
        let region = format!("SR{}", &symbol[2..]);
        let calls = l.ast.subtree(id).any(|n| has_target(l.ast.kind(n)));
        let in_body = l.ast.subtree(body).any(|n| n == id);
        assert_eq!(
            c.contains(&format!("RESULT {region}(")),
            calls && in_body,
            "{id:?} {c}"
        );
    }
}

#[test]
fn code_store_region_code_is_named_by_name_and_finds_its_body_through_the_check() {
    // share and split: equal bodies, one identity, different lines
    let src = "def share(a)\n  100 / a\nend\ndef split(a)\n  100 / a\nend\n\
               def both(a, b)\n  share(a) + split(b)\nend\np both(1, 2)\n";
    let l = lowered(src);
    let callee = |name: &str| {
        let def = *l
            .defs
            .iter()
            .find(|&&d| l.ast.name(crate::speculate::call_name(&l.ast, d).unwrap()) == name)
            .unwrap();
        crate::speculate::callee_of(&l.ast, def)
    };
    let (share, split) = (callee("share"), callee("split"));
    assert_eq!(share.ident, split.ident);
    let mut sp = Specializer::for_entry(&l.ast, l.root, Speculation::from_text(&l));
    let (rf_share, rf_split) = (sp.region_entry_symbol(share), sp.region_entry_symbol(split));
    let (rb_share, rb_split) = (sp.body_slot(share), sp.body_slot(split));
    let c = sp.finish();
    // one register entry per name, each reading its own name's body
    assert_ne!(rf_share, rf_split);
    for (rf, rb) in [(&rf_share, &rb_share), (&rf_split, &rb_split)] {
        let code = c
            .split(&format!("RESULT {rf}(VALUE *vsp, VALUE a0)\n{{"))
            .nth(1);
        let code = code.unwrap_or_else(|| panic!("{rf} defined: {c}"));
        let code = &code[..code.find("\n}").unwrap()];
        assert!(code.contains(&format!("({rb}, fp);")), "{code}");
    }
    // the top level enters the region, whose check binds names by text
    // and leaves each body in its slot
    assert!(c.contains(".mode = NR_ENTER_REGION"), "{c}");
    for (text, rb) in [("share", &rb_share), ("split", &rb_split)] {
        assert!(c.contains(&format!("NULL, \"{text}\", &{rb} }}")), "{c}");
        let region = rb.strip_suffix(".body").unwrap();
        assert!(c.contains(&format!("static nr_region {region};")), "{c}");
    }
    assert!(c.contains("NULL, \"both\", &RG_"), "{c}");
    // a name some other program may bind keeps code-store units out of
    // region code; the whole program's view (AOT) knows nothing binds it
    let src = "def f(a)\n  if a > 0\n    f(a - 1)\n  else\n    nowhere(a)\n  end\nend\np f(3)\n";
    let l = lowered(src);
    let c = Specializer::for_entry(&l.ast, l.root, Speculation::from_text(&l)).finish();
    assert!(
        c.contains(".mode = NR_GUARDED") && !c.contains("RF_"),
        "{c}"
    );
    let mut sp = Specializer::per_node(&l.ast, l.root, Speculation::from_text(&l));
    sp.add_tree(l.root);
    assert!(sp.finish().contains(".mode = NR_ENTER_REGION"));
}

#[test]
fn identical_subtrees_share_one_dispatcher() {
    let mut ast = Ast::new();
    let a = ast.add(1, Val::Local(0), Val::Imm(1));
    let b = ast.add(7, Val::Local(0), Val::Imm(1));
    let s = ast.seq(1, a, b);
    let mut sp = Specializer::new(&ast);
    sp.add_tree(s);
    assert_eq!(sp.count(), 2);
}

#[test]
fn nodes_whose_code_is_the_same_text_share_one_dispatcher() {
    // two calls differ only in the name they read at run time, and two
    // definitions only in their identity (a `word`): each pair, and so
    // the statements holding them, is one function
    let src = "def f(a)\n  a + 1\nend\ndef g(a)\n  a + 2\nend\nx = f(1)\ny = g(1)\np x + y\n";
    let l = lowered(src);
    let mut sp = Specializer::new(&l.ast);
    sp.add_tree(l.root);
    let c = sp.finish();
    let calls = c.matches("return EVAL_call(").count();
    let defs = c.matches("return EVAL_def(").count();
    // (the other call is `p`'s, whose argument differs): without
    // sharing it would be (3, 2)
    assert_eq!((calls, defs), (2, 1), "{c}");
    // the second call site of f/g's shape is an alias, so what names it
    // (a parent, a target) still reaches the code
    assert!(c.contains("#define SD_"), "{c}");
    // an entry's exported dispatcher keeps its own name and linkage
    let def_sym = MerkleHasher::new(&l.ast).hash(l.defs[1]).symbol();
    let sp = Specializer::for_entry(&l.ast, l.defs[1], Speculation::none(&l.ast));
    let c = sp.finish();
    assert!(
        c.contains(&format!("\nRESULT {def_sym}(NODE *n, VALUE *fp)\n")),
        "{c}"
    );
}
