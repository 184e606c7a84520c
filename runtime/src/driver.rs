//! The steps between a source file and a running program, as library calls
//! returning errors as values; the CLI decides how to print them.

use crate::diag::render_syntax_error;
use crate::ffi;
use crate::lower::{lower, Lowered};
use crate::node::dump::dump;
use crate::syntax::{self, ast::SyntaxError};

/// A program's text and the name errors refer to it by (`-e` for inline
/// code, otherwise the path as given).
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

impl Source {
    /// Reads a file; the error message reads like Ruby's LoadError.
    pub fn from_file(path: &str) -> Result<Source, String> {
        let bytes = std::fs::read(path).map_err(|e| {
            let reason = match e.kind() {
                std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
                std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
                _ => e.to_string(),
            };
            format!("naruby: {reason} -- {path} (LoadError)\n")
        })?;
        Source::from_bytes(path, bytes)
    }

    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Source, String> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source {
                name: name.to_string(),
                text,
            }),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                // offsets before the bad byte are unchanged by the lossy
                // copy, which puts U+FFFD (3 bytes) in its place
                let bad = valid..valid + char::REPLACEMENT_CHARACTER.len_utf8();
                let err = SyntaxError::new("invalid multibyte char (UTF-8)", bad);
                Err(render_syntax_error(name, &text, &err))
            }
        }
    }
}

/// Parses and lowers; a failure is the rendered error text.
pub fn compile(src: &Source) -> Result<Lowered, String> {
    let program =
        syntax::parse(&src.text).map_err(|e| render_syntax_error(&src.name, &src.text, &e))?;
    lower(&program, &src.text).map_err(|e| render_syntax_error(&src.name, &src.text, &e))
}

/// The `--dump-ast` text of a program.
pub fn dump_ast(lowered: &Lowered) -> String {
    dump(&lowered.ast, lowered.root)
}

/// The specialized dispatchers of a program (`--emit-c`): one C function
/// per distinct subtree, function bodies included.
pub fn emit_c(lowered: &Lowered) -> String {
    let mut sp = crate::specialize::Specializer::new(&lowered.ast);
    let root = sp.add_tree(lowered.root);
    format!(
        "/* specialized dispatchers; entry: {} */\n#include \"nodes.h\"\n\n{}",
        root.symbol(),
        sp.finish()
    )
}

/// Runs a lowered program with the generated interpreter; returns the exit
/// status.
pub fn run(src: &Source, lowered: &Lowered) -> i32 {
    run_bound(src, lowered, &[], false, None, None)
}

/// Runs with specialized dispatchers bound to the given nodes, recording
/// what each call site calls when `observe` is set; `at_exit` sees the
/// ended run.
pub fn run_bound(
    src: &Source,
    lowered: &Lowered,
    bindings: &[(crate::node::NodeId, usize)],
    observe: bool,
    at_exit: Option<ffi::ExitHook>,
    jit: Option<ffi::JitRun>,
) -> i32 {
    ffi::run(
        &lowered.ast,
        &ffi::RunInfo {
            root: lowered.root,
            nslots: lowered.nslots,
            script: &src.name,
            observe,
        },
        bindings,
        at_exit,
        jit,
    )
}
