//! The JIT of the ASTro JIT paper (PPL 2026), in tiers that share compiled
//! code by Merkle hash:
//! - `l0`: a thread in the `naruby --jit` process; the interpreter never
//!   waits for it;
//! - `l1`: a daemon per machine, code store and build, reached over a
//!   private Unix socket, keeping its code in the same store as
//!   `--compile`;
//! - `proto`: the messages between tiers (versioned, length-limited frames,
//!   authenticated with a shared key across machines);
//! - `wire`: the serialized subtrees clients send, from which a serving
//!   tier recomputes the hash and generates the C itself.

pub mod l0;
pub mod l1;
pub mod proto;
pub mod wire;
