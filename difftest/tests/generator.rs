//! The generator: deterministic per seed, always finishes, and every
//! program it prints is well formed for naruby's own parser and lowering;
//! Ruby-flavoured programs pass the Ruby-compatibility check.

use naruby_difftest::{compat, gen, print};

#[test]
fn same_seed_same_program() {
    for seed in 0..50 {
        let a = print::program(&gen::generate(seed).program);
        let b = print::program(&gen::generate(seed).program);
        assert_eq!(a, b, "seed {seed}");
    }
    assert_ne!(
        print::program(&gen::generate(1).program),
        print::program(&gen::generate(2).program)
    );
}

#[test]
fn programs_parse_and_lower() {
    for seed in 0..1500 {
        let src = print::program(&gen::generate(seed).program);
        let tree =
            naruby::syntax::parse(&src).unwrap_or_else(|e| panic!("seed {seed}: {e:?}\n{src}"));
        if let Err(e) = naruby::lower::lower(&tree, &src) {
            panic!("seed {seed}: {e:?}\n{src}");
        }
    }
}

#[test]
fn programs_stay_small() {
    for seed in 0..1500 {
        let src = print::program(&gen::generate(seed).program);
        assert!(
            src.lines().count() < 4000,
            "seed {seed}: {} lines",
            src.lines().count()
        );
    }
}

#[test]
fn ruby_flavour_is_ruby_compatible_and_both_flavours_occur() {
    let mut ruby = 0;
    for seed in 0..1000 {
        let g = gen::generate(seed);
        if g.ruby {
            ruby += 1;
            assert!(
                compat::ruby_compatible(&g.program),
                "seed {seed}:\n{}",
                print::program(&g.program)
            );
        }
    }
    assert!((300..700).contains(&ruby), "{ruby} of 1000 Ruby-flavoured");
}

#[test]
fn the_generator_uses_the_whole_language() {
    let mut all = String::new();
    for seed in 0..300 {
        all.push_str(&print::program(&gen::generate(seed).program));
    }
    for needle in [
        "elsif",
        "unless",
        " ? ",
        "while ",
        "until ",
        " if ",
        " unless ",
        "break",
        "next",
        "return",
        "def ",
        " = ",
        "**",
        "<<",
        ">>",
        " & ",
        " | ",
        " ^ ",
        "~",
        "<=>",
        "!",
        "&&",
        "||",
        " not ",
        " and ",
        " or ",
        "+=",
        "%=",
        "p(",
        "puts",
        "print",
        "exit(",
        "9223372036854775807",
        "-9223372036854775808",
        "4611686018427387904",
        "0x",
        "0b",
        "0o",
        "_",
        " do\n",
        " then",
    ] {
        assert!(all.contains(needle), "no program uses {needle:?}");
    }
}
