//! Lexer, parser, lowering and syntax-error rendering over arbitrary bytes.
#![no_main]

#[path = "../src/harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = harness::front_end(data);
});
