//! The front end, then what is done with a lowered program before any C
//! compiler runs: node hashes, `--dump-ast`, the C image, the specialized
//! C of `--emit-c` and of AOT entries.
#![no_main]

#[path = "../src/harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    harness::lowered_ast(data);
});
