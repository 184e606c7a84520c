//! Writes seeds for the JIT targets from naruby programs:
//! `cargo run --release --example seed_jit -- OUT_DIR PROGRAM...` fills
//! `OUT_DIR/jit_subtree/` with every entry's serialized subtree and
//! `OUT_DIR/jit_frames/` with one server session per program.

#[path = "../src/harness.rs"]
mod harness;

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((out, programs)) = args.split_first() else {
        eprintln!("usage: seed_jit OUT_DIR PROGRAM...");
        std::process::exit(2);
    };
    let out = Path::new(out);
    for dir in ["jit_subtree", "jit_frames"] {
        std::fs::create_dir_all(out.join(dir)).expect("create the seed directories");
    }
    let (mut trees, mut sessions) = (0, 0);
    for (i, program) in programs.iter().enumerate() {
        let src = std::fs::read_to_string(program).expect("read a program");
        let (subtrees, session) = harness::jit_seeds(&src);
        for (j, tree) in subtrees.iter().enumerate() {
            std::fs::write(out.join(format!("jit_subtree/p{i}_{j}")), tree).expect("write");
            trees += 1;
        }
        if !subtrees.is_empty() {
            std::fs::write(out.join(format!("jit_frames/p{i}")), session).expect("write");
            sessions += 1;
        }
    }
    println!("{trees} subtrees, {sessions} sessions");
}
