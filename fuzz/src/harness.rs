//! What the fuzz targets run on each input, as plain functions so the
//! ordinary test suite can replay the checked-in corpus without libFuzzer
//! (runtime/tests/fuzz_corpus.rs includes this file by path). It may use
//! only the `naruby` crate and std.
//!
//! Both go the way the CLI goes (`Source::from_bytes`, then
//! `driver::compile`'s parse, lower and error rendering) and assert what
//! must hold of the result: nothing panics, and every error is one
//! well-formed `FILE:LINE:COL: message (SyntaxError)` report.

#![allow(dead_code)] // each user needs only some of these

use naruby::diag::render_syntax_error;
use naruby::driver::{self, Source};
use naruby::lower::{lower, Lowered};
use naruby::syntax::{self, ast::SyntaxError};

/// The name errors refer to the input by.
pub const NAME: &str = "fuzz.rb";

/// Lexes, parses and lowers `data` the way `naruby FILE` does, rendering
/// every error; returns the lowered program, if any.
pub fn front_end(data: &[u8]) -> Option<Lowered> {
    let src = match Source::from_bytes(NAME, data.to_vec()) {
        Ok(src) => src,
        Err(report) => {
            // invalid UTF-8: rendered over the lossy copy of the text
            let text = String::from_utf8_lossy(data);
            check_report(&text, &report);
            return None;
        }
    };
    let text = src.text.as_str();
    let result = syntax::parse(text).and_then(|program| lower(&program, text));
    match result {
        Ok(lowered) => {
            check_lowered(&lowered);
            Some(lowered)
        }
        Err(err) => {
            check_span(text, &err);
            let report = render_syntax_error(NAME, text, &err);
            check_report(text, &report);
            // the CLI's own path gives the very same text
            match driver::compile(&src) {
                Err(again) => assert_eq!(again, report, "compile() disagrees"),
                Ok(_) => panic!("compile() accepts what parse+lower rejected"),
            }
            None
        }
    }
}

/// Everything after the front end that needs no C compiler: node hashes,
/// the `--dump-ast` text (the same for a second lowering), the C image,
/// and the specialized C of `--emit-c` and of the AOT unit's speculation
/// (`Specializer`, pure Rust).
pub fn lowered_ast(data: &[u8]) {
    let Some(lowered) = front_end(data) else {
        return;
    };
    let ast = &lowered.ast;
    let hashes = naruby::node::hash::hash_all(ast);
    assert_eq!(hashes.len(), ast.len());
    let root = hashes[lowered.root.0 as usize];

    let dump = driver::dump_ast(&lowered);
    let first = dump.lines().next().expect("a dump has the root's line");
    assert!(
        first.contains(&root.to_string()),
        "dump's first line lacks the root hash {root}: {first}"
    );

    // lowering is deterministic (slots and names come from hash maps)
    let again = front_end(data).expect("accepted once, accepted twice");
    assert_eq!(driver::dump_ast(&again), dump, "a second lowering differs");

    let _image = naruby::ffi::Image::new(ast);

    let c = driver::emit_c(&lowered);
    assert!(
        c.starts_with(&format!(
            "/* specialized dispatchers; entry: {} */",
            root.symbol()
        )),
        "emit_c names another entry"
    );

    let spec = naruby::speculate::Speculation::from_text(&lowered);
    let entries = naruby::entries::program_entries(&lowered, &spec);
    // one entry per distinct root the speculative code does not hold
    let held = spec.clone().held_bodies(&lowered);
    let needed = naruby::entries::entry_roots(&lowered)
        .into_iter()
        .filter(|root| !held.contains(root))
        .count();
    assert!(entries.len() <= needed && entries.is_empty() == (needed == 0));
}

/// A syntax error points into the text, at a character boundary.
fn check_span(text: &str, err: &SyntaxError) {
    let span = &err.span;
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "span {span:?} outside the {}-byte text ({})",
        text.len(),
        err.message
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "span {span:?} splits a character ({})",
        err.message
    );
    assert!(!err.message.is_empty(), "an empty message");
}

/// `FILE:LINE:COL: message (SyntaxError)` with a line of the text, then the
/// offending line under it, ending in a newline.
fn check_report(text: &str, report: &str) {
    assert!(report.ends_with('\n'), "report without a final newline");
    let head = report.lines().next().unwrap_or("");
    let rest = head
        .strip_prefix(NAME)
        .and_then(|r| r.strip_prefix(':'))
        .unwrap_or_else(|| panic!("report does not start with the file name: {head:?}"));
    let mut fields = rest.splitn(3, ':');
    let line: usize = fields
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or_else(|| panic!("no line number: {head:?}"));
    let col: usize = fields
        .next()
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no column: {head:?}"));
    let lines = text.split('\n').count();
    assert!(
        (1..=lines).contains(&line),
        "line {line} of a {lines}-line text"
    );
    assert!(col >= 1, "column {col}");
    assert!(
        head.ends_with(" (SyntaxError)"),
        "report's first line does not end in the class: {head:?}"
    );
}

/// Every node the program reaches exists, and so does its entry.
fn check_lowered(lowered: &Lowered) {
    let ast = &lowered.ast;
    assert!((lowered.root.0 as usize) < ast.len());
    for id in ast.ids() {
        for child in ast.children(id) {
            assert!((child.0 as usize) < ast.len(), "dangling child");
        }
    }
    for &def in &lowered.defs {
        assert!((def.0 as usize) < ast.len(), "dangling def");
    }
}
