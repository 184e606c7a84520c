//! naruby: an integer-only Ruby subset on ASTro.
//!
//! Source text is parsed (`syntax`), lowered to nodes (`lower`) whose kinds,
//! builders and hashes are generated from node.def (`node`), laid out in C
//! memory and run by the generated C interpreter (`ffi`). `driver` ties the
//! steps together for the CLI; `diag` renders compile-time errors.

pub mod diag;
pub mod driver;
pub mod ffi;
pub mod lower;
pub mod node;
pub mod syntax;
