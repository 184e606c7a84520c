//! What L1 and L2 do with a `Compile` message's subtree: decode, check,
//! specialize, and encode again (harness::jit_subtree).
#![no_main]

#[path = "../src/harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    harness::jit_subtree(data);
});
