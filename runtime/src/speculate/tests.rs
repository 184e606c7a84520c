//! Speculation: hashes, redefinitions, stack checks, regions.

use super::stack::cyclic_nodes;
use super::*;

fn lowered(src: &str) -> Lowered {
    let program = crate::syntax::parse(src).expect("parses");
    crate::lower::lower(&program, src).expect("lowers")
}

fn body_of(l: &Lowered, name: &str) -> NodeId {
    let def = *l
        .defs
        .iter()
        .find(|&&d| l.ast.name(def_name(&l.ast, d)) == name)
        .expect("defined");
    callee_of(&l.ast, def).body
}

fn entry_hash(l: &Lowered, name: &str) -> NodeHash {
    let mut spec = Speculation::from_text(l);
    let mut plain = MerkleHasher::new(&l.ast);
    spec.entry_hash(&mut plain, body_of(l, name))
}

const MUTUAL: &str = "def even(n)\n  if n == 0\n    1\n  else\n    odd(n - 1)\n  end\nend\n\
                      def odd(n)\n  if n == 0\n    0\n  else\n    even(n - 1)\n  end\nend\n";

#[test]
fn recursion_and_mutual_recursion_terminate() {
    let fib = lowered(
        "def fib(n)\n  if n < 2\n    n\n  else\n    fib(n - 1) + fib(n - 2)\n  end\nend\np fib(5)\n",
    );
    let plain = MerkleHasher::new(&fib.ast).hash(body_of(&fib, "fib"));
    assert_ne!(entry_hash(&fib, "fib"), plain, "fib speculates on itself");
    let l = lowered(&format!("{MUTUAL}p even(3)\n"));
    assert_ne!(entry_hash(&l, "even"), entry_hash(&l, "odd"));
}

#[test]
fn hashes_do_not_depend_on_definition_or_visiting_order() {
    let swapped = MUTUAL.split_once("def odd").unwrap();
    let reordered = format!("def odd{}{}p even(3)\n", swapped.1, swapped.0);
    let a = lowered(&format!("{MUTUAL}p even(3)\n"));
    let b = lowered(&reordered);
    assert_eq!(entry_hash(&a, "even"), entry_hash(&b, "even"));
    assert_eq!(entry_hash(&a, "odd"), entry_hash(&b, "odd"));
    // visiting odd first, or even first, gives the same hashes
    let mut plain = MerkleHasher::new(&a.ast);
    let mut spec = Speculation::from_text(&a);
    let odd_first = spec.entry_hash(&mut plain, body_of(&a, "odd"));
    assert_eq!(odd_first, entry_hash(&a, "odd"));
    let mut node_hashes = Vec::new();
    for id in a.ast.ids().collect::<Vec<_>>().into_iter().rev() {
        node_hashes.push((id, spec.node_hash(&mut plain, id)));
    }
    let mut fresh = Speculation::from_text(&a);
    let mut plain = MerkleHasher::new(&a.ast);
    for (id, h) in node_hashes {
        assert_eq!(fresh.node_hash(&mut plain, id), h);
    }
}

#[test]
fn the_callee_identity_is_part_of_the_entry_hash() {
    let one = lowered("def f(a)\n  g(a)\nend\ndef g(a)\n  a + 1\nend\np f(1)\n");
    let two = lowered("def f(a)\n  g(a)\nend\ndef g(a)\n  a + 2\nend\np f(1)\n");
    assert_ne!(entry_hash(&one, "f"), entry_hash(&two, "f"));
    // f's own code is the same; only what it speculates on differs
    let mut p1 = MerkleHasher::new(&one.ast);
    let mut p2 = MerkleHasher::new(&two.ast);
    assert_eq!(p1.hash(body_of(&one, "f")), p2.hash(body_of(&two, "f")));
}

#[test]
fn an_entry_hash_covers_every_callee_identity_down_its_chain() {
    let chain = |last: &str| {
        lowered(&format!(
            "def f(a)\n  g(a)\nend\ndef g(a)\n  h(a) + 1\nend\n\
             def h(a)\n  {last}\nend\np f(1)\n"
        ))
    };
    let (one, two) = (chain("a + 1"), chain("a + 2"));
    assert_ne!(entry_hash(&one, "f"), entry_hash(&two, "f"));
    // and only what the closure holds: a serving tier that knows only
    // f's closure (`defs_reached`) derives the same hash
    let extra = lowered(&format!(
        "{}def unrelated(a)\n  a * 5\nend\np unrelated(2)\n",
        "def f(a)\n  g(a)\nend\ndef g(a)\n  h(a) + 1\nend\ndef h(a)\n  a + 1\nend\np f(1)\n"
    ));
    let mut whole = Speculation::from_text(&extra);
    let mut plain = MerkleHasher::new(&extra.ast);
    let f = body_of(&extra, "f");
    let reached = whole.defs_reached(f);
    assert_eq!(reached.len(), 2, "g and h");
    let mut part = Speculation::new(
        &extra.ast,
        reached.iter().map(|&d| (def_name(&extra.ast, d), d)),
    );
    assert_eq!(
        whole.entry_hash(&mut plain, f),
        part.entry_hash(&mut plain, f)
    );
    assert_eq!(whole.entry_hash(&mut plain, f), entry_hash(&one, "f"));
}

#[test]
fn a_name_redefined_by_top_level_statements_means_its_last_definition() {
    let l = lowered("def f(a)\n  a\nend\ndef f(a)\n  a + 1\nend\ndef g(a)\n  f(a)\nend\np g(1)\n");
    let spec = Speculation::from_text(&l);
    let call = calls_named(&l, "f").next().expect("g calls f");
    let second = l.defs[1];
    assert_eq!(spec.target_of(call).map(|c| c.def), Some(second));
    let plain = MerkleHasher::new(&l.ast).hash(body_of(&l, "g"));
    assert_ne!(entry_hash(&l, "g"), plain);
}

#[test]
fn a_name_redefined_inside_a_condition_loop_or_function_is_not_speculated_on() {
    for src in [
        "def f(a) = a\nx = 1\nif x == 1\n  def f(a) = a + 1\nend\ndef g(a) = f(a)\np g(1)\n",
        "def f(a) = a\ni = 0\nwhile i < 2\n  def f(a) = a + i\n  i += 1\nend\ndef g(a) = f(a)\np g(1)\n",
        "def f(a) = a\ndef h\n  def f(a) = a + 1\nend\nh\ndef g(a) = f(a)\np g(1)\n",
    ] {
        let l = lowered(src);
        let spec = Speculation::from_text(&l);
        let call = calls_named(&l, "f").next().expect("g calls f");
        assert_eq!(spec.target_of(call).map(|c| c.def), None, "{src}");
        let plain = MerkleHasher::new(&l.ast).hash(body_of(&l, "g"));
        assert_eq!(entry_hash(&l, "g"), plain, "{src}");
    }
}

/// The call nodes by `name` in `l`, in program order.
fn calls_named<'l>(l: &'l Lowered, name: &'l str) -> impl Iterator<Item = NodeId> + 'l {
    l.ast.ids().filter(move |&id| {
        has_target(l.ast.kind(id)) && call_name(&l.ast, id).is_some_and(|s| l.ast.name(s) == name)
    })
}

/// Whether each call by `name` in `l` skips the stack checks.
fn unchecked_calls(l: &Lowered, name: &str) -> Vec<bool> {
    let mut spec = Speculation::from_text(l);
    calls_named(l, name).map(|id| spec.unchecked(id)).collect()
}

#[test]
fn a_direct_call_needs_room_for_every_frame_down_its_chain() {
    let l = lowered(
        "def leaf(a)\n  a + 1\nend\n\
         def mid(a)\n  leaf(a) * 2\nend\n\
         def fib(n)\n  if n < 2\n    n\n  else\n    fib(n - 1) + mid(n)\n  end\nend\n\
         p fib(3)\n",
    );
    let mut spec = Speculation::from_text(&l);
    let mut check = |name: &str| {
        let call = calls_named(&l, name).next().unwrap();
        let nslots = u64::from(spec.target_of(call).unwrap().nslots);
        (spec.stack_check(call), nslots)
    };
    let (leaf, leaf_slots) = check("leaf");
    let (mid, mid_slots) = check("mid");
    let (fib, fib_slots) = check("fib");
    assert!(leaf.unchecked && mid.unchecked && !fib.unchecked);
    assert_eq!(leaf.need, leaf_slots);
    assert_eq!(mid.need, mid_slots + leaf_slots);
    // recursive: its own frame, checked at every call
    assert_eq!(fib.need, fib_slots);
}

#[test]
fn only_calls_into_bounded_non_recursive_callees_skip_stack_checks() {
    let l = lowered(&format!(
        "{MUTUAL}def leaf(a)\n  a + 1\nend\n\
         def mid(a)\n  leaf(a) + even(a)\nend\n\
         def fib(n)\n  if n < 2\n    n\n  else\n    fib(n - 1) + fib(n - 2)\n  end\nend\n\
         p mid(1) + fib(3) + odd(3)\n"
    ));
    assert_eq!(unchecked_calls(&l, "leaf"), [true]);
    // mid calls a recursive function, but that call checks itself
    assert_eq!(unchecked_calls(&l, "mid"), [true]);
    assert!(unchecked_calls(&l, "fib").iter().all(|&u| !u));
    assert!(unchecked_calls(&l, "even").iter().all(|&u| !u));
    assert!(unchecked_calls(&l, "odd").iter().all(|&u| !u));
    // a chain deeper than UNCHECKED_DEPTH: only its last levels skip
    let depth = UNCHECKED_DEPTH as usize + 6;
    let mut src = String::new();
    for k in 0..depth {
        src.push_str(&format!("def c{k}(a)\n  c{}(a) + 1\nend\n", k + 1));
    }
    src.push_str(&format!("def c{depth}(a)\n  a\nend\np c0(0)\n"));
    let l = lowered(&src);
    assert_eq!(unchecked_calls(&l, "c0"), [false]);
    assert_eq!(unchecked_calls(&l, &format!("c{depth}")), [true]);
    let last_unchecked = (0..=depth)
        .find(|k| unchecked_calls(&l, &format!("c{k}")) == [true])
        .unwrap();
    assert_eq!(depth - last_unchecked + 1, UNCHECKED_DEPTH as usize);
}

#[test]
fn cycles_are_found_iteratively() {
    let graph = |edges: &[(&'static str, &'static str)]| {
        let mut map: HashMap<&str, Vec<&str>> = HashMap::new();
        for &(a, b) in edges {
            map.entry(a).or_default().push(b);
            map.entry(b).or_default();
        }
        let mut nodes: Vec<&str> = map.keys().copied().collect();
        nodes.sort_unstable();
        cyclic_nodes(&nodes, &map).into_iter().collect::<Vec<_>>()
    };
    assert_eq!(graph(&[("a", "b"), ("b", "c")]), Vec::<&str>::new());
    assert_eq!(graph(&[("a", "a"), ("a", "b")]), ["a"]);
    assert_eq!(
        graph(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e")]),
        ["a", "b", "c"]
    );
    // a long chain closing into a cycle: no recursion in the algorithm
    let names: Vec<String> = (0..200_000).map(|i| format!("n{i}")).collect();
    let mut map: HashMap<&str, Vec<&str>> = HashMap::new();
    for w in names.windows(2) {
        map.insert(&w[0], vec![&w[1]]);
    }
    map.insert(&names[names.len() - 1], vec![&names[100]]);
    let nodes: Vec<&str> = names.iter().map(String::as_str).collect();
    assert_eq!(cyclic_nodes(&nodes, &map).len(), names.len() - 100);
}

#[test]
fn the_stack_limits_match_naruby_h() {
    let h = crate::entries::NARUBY_H;
    assert!(h.contains(&format!("#define NR_UNCHECKED_DEPTH {UNCHECKED_DEPTH}u")));
    assert!(h.contains(&format!("#define NR_REGION_MAX_ARGS {REGION_MAX_ARGS}u")));
}

#[test]
fn the_builtin_names_match_runtime_c() {
    let c = include_str!("../../csrc/runtime.c");
    let table = c.split("builtin_names[] = {").nth(1).unwrap();
    let table = &table[..table.find("};").unwrap()];
    let named = table.matches("] = \"").count();
    assert_eq!(named, BUILTIN_NAMES.len());
    for name in BUILTIN_NAMES {
        assert!(table.contains(&format!("] = \"{name}\",")), "{name}");
    }
}

/// For each call by `name` in `l`: the names of the region it enters,
/// its subs' included.
fn regions(l: &Lowered, name: &str) -> Vec<Option<Vec<String>>> {
    let mut spec = Speculation::from_text(l);
    calls_named(l, name)
        .map(|id| {
            spec.region_of(id, RegionView::Program)
                .map(|region| closure_names(&mut spec, l, region))
        })
        .collect()
}

fn name_of(l: &Lowered, callee: &Callee) -> String {
    l.ast.name(def_name(&l.ast, callee.def)).to_string()
}

/// The names a region's check covers: its own and its subs', in order.
fn closure_names<'l>(spec: &mut Speculation<'l>, l: &'l Lowered, region: Region) -> Vec<String> {
    let mut names = BTreeSet::new();
    let mut todo = vec![region];
    while let Some(region) = todo.pop() {
        names.extend(region.callees.iter().map(|c| name_of(l, c)));
        for sub in &region.subs {
            let name = l.ast.name(def_name(&l.ast, sub.def));
            todo.push(
                spec.region_named(name, RegionView::Program)
                    .expect("a sub's region"),
            );
        }
    }
    names.into_iter().collect()
}

#[test]
fn a_region_lists_its_own_cycle_and_points_to_its_callees_regions() {
    let l = lowered(&format!(
        "{MUTUAL}def shows(a)\n  p a, a\n  even(a) + twice(a)\nend\n\
         def twice(a)\n  even(a) * 2\nend\n\
         p shows(1)\n"
    ));
    let mut spec = Speculation::from_text(&l);
    let names = |callees: &[Callee]| callees.iter().map(|c| name_of(&l, c)).collect::<Vec<_>>();
    let shows = spec.region_named("shows", RegionView::Program).unwrap();
    assert_eq!(names(&shows.callees), ["shows"]);
    assert_eq!(names(&shows.subs), ["even", "twice"]);
    assert_eq!(shows.unbound.keys().collect::<Vec<_>>(), ["p"]);
    // a cycle is one region's own bindings, in every member's region
    for member in ["even", "odd"] {
        let cycle = spec.region_named(member, RegionView::Program).unwrap();
        assert_eq!(names(&cycle.callees), ["even", "odd"]);
        assert!(cycle.subs.is_empty() && cycle.unbound.is_empty());
    }
    let twice = spec.region_named("twice", RegionView::Program).unwrap();
    assert_eq!(
        (names(&twice.callees), names(&twice.subs)),
        (vec!["twice".to_string()], vec!["even".to_string()])
    );
}

#[test]
fn regions_are_def_free_closures_that_call_only_their_own_or_unbound_names() {
    let l = lowered(&format!(
        "{MUTUAL}def fib(n)\n  if n < 2\n    n\n  else\n    fib(n - 1) + fib(n - 2)\n  end\nend\n\
         def shows(a)\n  p a, a\n  even(a)\nend\n\
         def defines(a)\n  if a > 0\n    def inner(b) = b\n  end\n  a\nend\n\
         def calls_definer(a)\n  defines(a)\nend\n\
         def twice(a)\n  a\nend\nif 1 == 1\n  def twice(a)\n    a + 1\n  end\nend\n\
         def calls_twice(a)\n  twice(a)\nend\n\
         def again(a)\n  a\nend\ndef again(a)\n  a + 1\nend\n\
         def calls_again(a)\n  again(a)\nend\n\
         def wide(a, b, c, d, e, f, g)\n  a\nend\n\
         def calls_wide(a)\n  wide(a, a, a, a, a, a, a)\nend\n\
         def wrong_arity(a)\n  fib(a, a)\nend\n\
         p fib(3) + shows(1) + calls_definer(1) + calls_twice(1) + calls_again(1) + calls_wide(1)\n\
         p wrong_arity(1)\np fib(1, 2)\n"
    ));
    let some = |names: &[&str]| Some(names.iter().map(|n| n.to_string()).collect());
    // recursion and mutual recursion; builtins may be called from inside
    // (fib's calls in program order: its own two, wrong_arity's, the top level's two)
    let fib = some(&["fib"]);
    assert_eq!(
        regions(&l, "fib"),
        [fib.clone(), fib.clone(), None, fib, None]
    );
    assert!(regions(&l, "odd")
        .iter()
        .all(|r| *r == some(&["even", "odd"])));
    assert_eq!(regions(&l, "shows"), [some(&["even", "odd", "shows"])]);
    let mut spec = Speculation::from_text(&l);
    let shows = calls_named(&l, "shows").next().unwrap();
    let unbound = spec.region_of(shows, RegionView::Program).unwrap().unbound;
    assert_eq!(unbound.keys().collect::<Vec<_>>(), ["p"]);
    // a def inside, or reached: bindings could change while it runs
    assert_eq!(regions(&l, "defines"), [None]);
    assert_eq!(regions(&l, "calls_definer"), [None]);
    // a name redefined in a condition is not speculated on, and not
    // unbound either; one redefined by a top-level statement means its
    // last definition
    assert_eq!(regions(&l, "calls_twice"), [None]);
    assert_eq!(
        regions(&l, "calls_again"),
        [some(&["again", "calls_again"])]
    );
    // more arguments than registers
    assert_eq!(regions(&l, "calls_wide"), [None]);
    // a call with the wrong arity, inside or at the entry
    assert_eq!(regions(&l, "wrong_arity"), [None]);
}

#[test]
fn identical_functions_share_an_identity() {
    let l = lowered("def f(a)\n  a * 3\nend\ndef g(a)\n  a * 3\nend\np f(1) + g(1)\n");
    let ident = |name: &str| {
        let def = *l
            .defs
            .iter()
            .find(|&&d| l.ast.name(def_name(&l.ast, d)) == name)
            .unwrap();
        def_ident(&l.ast, def)
    };
    assert_eq!(ident("f"), ident("g"));
    let other = lowered("def f(a)\n  b = 0\n  a * 3\nend\np f(1)\n");
    let def = other.defs[0];
    assert_ne!(def_ident(&other.ast, def), ident("f"));
}
#[test]
fn self_calls_outside_the_tail_position_are_found() {
    let count = |src: &str, name: &str| {
        let l = lowered(src);
        let spec = Speculation::from_text(&l);
        spec.non_tail_self_calls(body_of(&l, name)).len()
    };
    // both of fib's calls feed the `+`
    let fib = "def fib(n)\n  if n < 2\n    n\n  else\n    fib(n - 1) + fib(n - 2)\n  end\nend\np fib(5)\n";
    assert_eq!(count(fib, "fib"), 2);
    // tak's outer call is its result; the three inner ones are arguments
    let tak = "def tak(x, y, z)\n  if y < x\n    tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))\n  else\n    z\n  end\nend\np tak(6, 4, 2)\n";
    assert_eq!(count(tak, "tak"), 3);
    // ackermann's two calls in the branches are tail calls
    let ack = "def ack(m, n)\n  if m == 0\n    n + 1\n  elsif n == 0\n    ack(m - 1, 1)\n  else\n    ack(m - 1, ack(m, n - 1))\n  end\nend\np ack(2, 2)\n";
    assert_eq!(count(ack, "ack"), 1);
    // a statement before the result is not in the tail position; calls
    // of other functions do not count
    let seq =
        "def g(n)\n  n\nend\ndef f(n)\n  return 0 if n == 0\n  f(n - 1)\n  g(n)\nend\np f(3)\n";
    assert_eq!(count(seq, "f"), 1);
}

fn held_names(l: &Lowered) -> BTreeSet<String> {
    let held = Speculation::from_text(l).held_bodies(l);
    l.defs
        .iter()
        .filter(|&&d| held.contains(&callee_of(&l.ast, d).body))
        .map(|&d| l.ast.name(def_name(&l.ast, d)).to_string())
        .collect()
}

/// a calls b and c, b calls c.
const ABC: &str = "def c(x)\n  x + 1\nend\n\
                   def b(x)\n  c(x) * 2\nend\n\
                   def a(x)\n  b(x) + c(x)\nend\n";

#[test]
fn bodies_called_only_from_compiled_code_of_once_defined_names_are_held() {
    let l = lowered(&format!(
        "{ABC}\
         def k\n  7 * 6\nend\n\
         def z\n  k\nend\n\
         def r(x)\n  x\nend\n\
         def q(x)\n  r(x) + 1\nend\n\
         def r(x)\n  x * 3\nend\n\
         p a(2)\np z\np q(1)\n"
    ));
    // k is called from z's one-node body, which stays interpreted; r is
    // defined twice, so a call of q may find r bound otherwise and enter
    // q through its dispatcher
    let expected: BTreeSet<String> = ["a", "b", "c", "z"].map(String::from).into();
    assert_eq!(held_names(&l), expected);
    assert!(Speculation::none(&l.ast).held_bodies(&l).is_empty());
}

#[test]
fn held_callers_lists_each_holdable_body_with_its_callers_callers_first() {
    let l = lowered(&format!(
        "{ABC}\
         def w(x)\n  if x > 0\n    w(x - 1)\n  else\n    b(x)\n  end\nend\n\
         p a(2)\np w(3)\n"
    ));
    let mut spec = Speculation::from_text(&l);
    let listed = spec.held_callers(&l);
    let name_of = |body: NodeId| {
        ["a", "b", "c", "w"]
            .into_iter()
            .find(|&n| body_of(&l, n) == body)
            .unwrap_or("<top level>")
    };
    let order: Vec<&str> = listed.iter().map(|&(b, _)| name_of(b)).collect();
    let at = |n: &str| order.iter().position(|&o| o == n).expect("listed");
    // a caller's body comes before its callees'
    assert!(
        at("a") < at("b") && at("w") < at("b") && at("b") < at("c"),
        "{order:?}"
    );
    let callers =
        |n: &str| -> BTreeSet<&str> { listed[at(n)].1.iter().map(|&c| name_of(c)).collect() };
    assert_eq!(callers("a"), ["<top level>"].into());
    assert_eq!(callers("b"), ["a", "w"].into());
    assert_eq!(callers("c"), ["a", "b"].into());
    // w's own call is left out: its code calls itself directly
    assert_eq!(callers("w"), ["<top level>"].into());
}

#[test]
fn the_def_graph_reaches_what_defs_reached_says() {
    let l = lowered(&format!(
        "{MUTUAL}def c(x)\n  x + 1\nend\n\
         def b(x)\n  c(x) * even(x)\nend\n\
         def a(x)\n  b(x) + c(x)\nend\n\
         p a(2)\n"
    ));
    let mut spec = Speculation::from_text(&l);
    let graph = spec.def_graph();
    let roots =
        std::iter::once(l.root).chain(["a", "b", "c", "even", "odd"].map(|n| body_of(&l, n)));
    for root in roots {
        let direct = spec.defs_called(root);
        assert_eq!(graph.reached(&direct), spec.defs_reached(root));
    }
}

#[test]
fn calls_outside_a_subtree_leave_out_what_it_calls() {
    // the loop calls a and b; after it the top level calls b only (the
    // bodies' own calls are theirs, not the top level's)
    let l = lowered(
        "def a(x)\n  x + 1\nend\ndef b(x)\n  x * 2\nend\n\
         i = 0\nwhile i < 3\n  i = a(i) + b(0)\nend\np b(i)\n",
    );
    let the_loop = crate::entries::loop_bodies(&l)[0].looping;
    let mut spec = Speculation::from_text(&l);
    let name_of = |def: NodeId| l.ast.name(def_name(&l.ast, def)).to_string();
    let outside: Vec<String> = spec
        .defs_called_outside(l.root, the_loop)
        .into_iter()
        .map(name_of)
        .collect();
    assert_eq!(outside, ["b"]);
    let inside: BTreeSet<String> = spec
        .defs_called(the_loop)
        .into_iter()
        .map(name_of)
        .collect();
    assert_eq!(inside, ["a", "b"].map(String::from).into());
}
