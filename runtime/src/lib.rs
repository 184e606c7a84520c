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

pub mod aot;
pub mod cc_options;
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
