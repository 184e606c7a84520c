//! Differential testing of naruby: a seeded generator of random programs
//! (`gen`, printed by `print`), a runner that executes each program in
//! every mode of the `naruby` binary and in CRuby (`modes`, `run`),
//! a comparison of the outcomes (`compare`) and a minimizer that shrinks a
//! disagreeing program by delta debugging on its tree (`minimize`).

pub mod ast;
pub mod campaign;
pub mod compare;
pub mod compat;
pub mod finding;
pub mod gen;
pub mod locate;
pub mod minimize;
pub mod modes;
pub mod print;
pub mod proc;
pub mod rng;
