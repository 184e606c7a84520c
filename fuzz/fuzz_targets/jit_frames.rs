//! A serving tier's session on what a peer sends: handshake, frames,
//! messages, and every `Compile` through jit_subtree (harness::jit_frames).
#![no_main]

#[path = "../src/harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    harness::jit_frames(data);
});
