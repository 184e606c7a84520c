//! Generates the node-kind-dependent code from node.def (astrogen), the
//! parser from the lalrpop grammar, and compiles the C runtime with it.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let node_def = manifest.join("../node.def");
    let csrc = manifest.join("csrc");

    println!("cargo:rerun-if-changed={}", node_def.display());
    println!("cargo:rerun-if-changed={}", csrc.display());
    println!("cargo:rerun-if-changed=src/syntax/grammar.lalrpop");

    if let Err(e) = astrogen::generate_files(&node_def, &out) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }

    lalrpop::Configuration::new()
        .set_in_dir(manifest.join("src"))
        .set_out_dir(&out)
        .process()
        .expect("lalrpop failed");

    // The core goes into the (PIE) naruby binary, never into a shared
    // object: -fPIE instead of cc's -fPIC reads the runtime's globals
    // directly rather than through the GOT, and no frame pointer (cc keeps
    // one whenever the profile has debug info) frees %rbp and the
    // push/pop in every dispatcher. 6-11% fewer instructions on the plain
    // interpreter; see benches/NOTES.md.
    let mut core = cc::Build::new();
    core.file(csrc.join("runtime.c"))
        .file(csrc.join("profiling.c"))
        .file(csrc.join("jit.c"))
        .file(out.join("nodes.c"))
        .include(&csrc)
        .include(&out)
        // the interpreter that runs --jit: its loops may resume in
        // compiled code (RESUME in naruby.h)
        .define("NR_JIT", None)
        .pic(false)
        .flag("-fPIE")
        .force_frame_pointer(false)
        .flag_if_supported("-std=gnu11")
        .flag_if_supported("-fno-plt")
        .warnings(true)
        .extra_warnings(false);

    // Opt-in sanitized build (scripts/sanitize.sh): NARUBY_SANITIZE=
    // address,undefined instruments the C core and links everything that
    // links this crate with the sanitizer runtimes, so that store objects
    // built with the same -fsanitize flags (in $CFLAGS) can be loaded into
    // it. Use a separate CARGO_TARGET_DIR: the flags are not in cargo's hash.
    println!("cargo:rerun-if-env-changed=NARUBY_SANITIZE");
    let sanitize = std::env::var("NARUBY_SANITIZE").unwrap_or_default();
    let sanitize = sanitize.trim();
    if !sanitize.is_empty() {
        core.flag(format!("-fsanitize={sanitize}"))
            .flag("-fno-sanitize-recover=all")
            .force_frame_pointer(true)
            .flag("-g")
            .opt_level(1);
    }
    core.compile("naruby_rt");
    // rustc links with -nodefaultlibs, which drops the runtimes -fsanitize
    // would add, so they are named here: as this crate's native libraries
    // they come before std's libc on the link line, and the ASan runtime
    // must be the first library loaded.
    for name in sanitize.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let lib = match name {
            "address" => "asan",
            "undefined" => "ubsan",
            "leak" => "lsan",
            "thread" => "tsan",
            other => panic!("NARUBY_SANITIZE: unsupported sanitizer {other:?}"),
        };
        println!("cargo:rustc-link-lib=dylib={lib}");
    }
    println!("cargo:rustc-link-lib=pthread");

    // Specialized code in shared objects calls back into the runtime
    // (nr_raise, nr_call_miss, nr_serial, ...): export exactly those symbols.
    let list = out.join("dynamic-list.txt");
    std::fs::write(&list, "{\n  nr_*;\n  DISPATCH_*;\n};\n").expect("write dynamic list");
    println!(
        "cargo:rustc-link-arg-bins=-Wl,--dynamic-list={}",
        list.display()
    );
    println!(
        "cargo:rustc-env=NARUBY_GENERATOR_VERSION={}",
        astrogen::GENERATOR_VERSION
    );
}
