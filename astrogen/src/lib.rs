//! astrogen: the generator behind naruby.
//!
//! It reads `node.def` (one definition per node kind: typed operands and a C
//! body) and writes every artifact that depends on the list of kinds:
//!
//! * `nodes.h`  – C node layout, layout assertions, `static inline`
//!   evaluators (bodies verbatim) — shared by the interpreter and by
//!   specialized code;
//! * `nodes.c`  – the baseline dispatchers (the tree-walking interpreter), the
//!   dispatcher table and a layout table for tests;
//! * `nodes.rs` – the Rust node-kind enum, descriptor tables that drive
//!   hashing, dumping, materialising and specializing, and typed builders.
//!
//! The pipeline is `parse` (text → [`spec::Spec`]) → `expand` (val operands →
//! concrete kinds, layout) → one `gen_*` module per artifact, each writing
//! through the shared [`emit::Emitter`].

pub mod emit;
pub mod expand;
mod gen_c;
mod gen_rust;
pub mod parse;
pub mod spec;

use std::path::Path;

/// Bumped whenever the generated code changes shape; part of the ABI
/// fingerprint that keys the code store.
pub const GENERATOR_VERSION: &str = "2";

/// The generated files, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub nodes_h: String,
    pub nodes_c: String,
    pub nodes_rs: String,
}

/// Generates all artifacts from node.def text. `origin` is the path written
/// into `#line` directives and messages.
pub fn generate_from_str(text: &str, origin: &str) -> Result<Generated, parse::DefError> {
    let spec = parse::parse(text, origin)?;
    let kinds = expand::expand(&spec).map_err(|e| parse::DefError {
        origin: origin.to_string(),
        ..e
    })?;
    Ok(Generated {
        nodes_h: gen_c::header(&spec, &kinds, origin),
        nodes_c: gen_c::dispatchers(&kinds),
        nodes_rs: gen_rust::generate(&spec, &kinds),
    })
}

/// Reads `def_path` and writes `nodes.h`, `nodes.c` and `nodes.rs` into
/// `out_dir`. Used from naruby's build script.
pub fn generate_files(def_path: &Path, out_dir: &Path) -> Result<(), String> {
    let text =
        std::fs::read_to_string(def_path).map_err(|e| format!("{}: {e}", def_path.display()))?;
    let origin = def_path.display().to_string();
    let generated = generate_from_str(&text, &origin).map_err(|e| e.to_string())?;
    let write = |name: &str, body: &str| {
        let path = out_dir.join(name);
        std::fs::write(&path, body).map_err(|e| format!("{}: {e}", path.display()))
    };
    write("nodes.h", &generated.nodes_h)?;
    write("nodes.c", &generated.nodes_c)?;
    write("nodes.rs", &generated.nodes_rs)?;
    Ok(())
}
