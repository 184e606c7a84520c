//! naruby: an integer-only Ruby subset on ASTro.
//!
//! Source text is parsed (`syntax`), lowered to nodes (`lower`) whose kinds,
//! builders and hashes are generated from node.def (`node`), laid out in C
//! memory and run by the generated C interpreter (`ffi`). `driver` ties the
//! steps together for the CLI; `diag` renders compile-time errors.
//! `specialize` is the partial evaluator's driver (per-kind bodies are
//! generated); `speculate` and `profile` decide which calls it may turn into
//! direct calls; `aot` builds standalone executables from its output.

/// C flags for specialized code (code store and `--aot`) unless `CFLAGS` or
/// `--cflags` say otherwise. -O3 over -O2, and loop and jump alignment to
/// 64 bytes over 32 and over none, were measured on the benchmark suite
/// (benches/NOTES.md): tight naruby loops are sensitive to where their
/// branches fall.
pub const DEFAULT_CFLAGS: &str = "-O3 -falign-loops=64 -falign-jumps=64";

/// Options naruby adds when GCC compiles its C, whatever the flags. GCC's
/// scalar replacement of aggregates would cost the tail calls into function
/// bodies (naruby.h); switched off on the command line rather than by the
/// header's pragma, which gives every function options of its own and so
/// has gcc set its back end up again for each (a quarter of a small
/// entry's compile and of an AOT build, benches/NOTES.md). `NR_SRA_OFF`
/// tells the header to leave the pragma out. `-pipe` hands the assembly to
/// the assembler through a pipe instead of a temporary file: 3 ms of a
/// small entry's 49 (the JIT's request-to-swap latency).
pub const GCC_FLAGS: &[&str] = &["-fno-tree-sra", "-DNR_SRA_OFF", "-pipe"];

/// gcc's `inline-unit-growth` (percent; its default is 40) for the units
/// naruby deems small: AOT units of programs up to
/// `aot::GENEROUS_INLINING_MAX_NODES` nodes and code-store units of up to
/// [`GENEROUS_INLINING_MAX_BYTES`] of C. gcc counts growth only in units
/// past 10,000 of its instructions, where the node dispatchers' inlining
/// into each other spends the default budget before region code is
/// inlined whole (benches/NOTES.md).
pub const INLINE_UNIT_GROWTH: u32 = 400;

/// Code-store units of at most this much C get [`INLINE_UNIT_GROWTH`] from
/// GCC: chain40's entries (up to 295 KB) do, a 1000-function top level
/// (4.4 MB) and the entries of chains twice as deep (up to 842 KB), whose
/// compiles already take seconds, do not.
pub const GENEROUS_INLINING_MAX_BYTES: usize = 512 * 1024;

/// The option that gives GCC [`INLINE_UNIT_GROWTH`].
pub fn generous_inlining_flag() -> String {
    format!("--param=inline-unit-growth={INLINE_UNIT_GROWTH}")
}

/// Options naruby adds when GCC links stored objects into a shared library
/// (compiled with `cflags`). Unless those ask for link-time optimization
/// the objects hold no LTO code, so `ld` need not load GCC's LTO plugin:
/// about 4 of the 11 ms that linking a JIT entry's library took
/// (benches/NOTES.md).
pub fn gcc_link_flags(cflags: &[String]) -> Vec<String> {
    if cflags.iter().any(|f| f.starts_with("-flto")) {
        Vec::new()
    } else {
        vec!["-fno-use-linker-plugin".to_string()]
    }
}

pub mod aot;
pub mod diag;
pub mod driver;
pub mod entries;
pub mod ffi;
pub mod jit;
pub mod lower;
pub mod modes;
pub mod node;
pub mod profile;
pub mod specialize;
pub mod speculate;
pub mod store;
pub mod syntax;

#[cfg(test)]
mod tests {
    #[test]
    fn gcc_links_skip_the_lto_plugin_unless_the_flags_ask_for_lto() {
        let flags = |f: &str| f.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(
            super::gcc_link_flags(&flags(crate::DEFAULT_CFLAGS)),
            ["-fno-use-linker-plugin"]
        );
        assert!(super::gcc_link_flags(&flags("-O2 -flto=auto")).is_empty());
    }
}
