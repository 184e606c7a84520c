//! What the fuzz targets run on each input, as plain functions so the
//! ordinary test suite can replay the checked-in corpus without libFuzzer
//! (runtime/tests/fuzz_corpus.rs includes this file by path). It may use
//! only the `naruby` crate and std.
//!
//! The front-end targets go the way the CLI goes (`Source::from_bytes`,
//! then `driver::compile`'s parse, lower and error rendering) and assert
//! what must hold of the result: nothing panics, and every error is one
//! well-formed `FILE:LINE:COL: message (SyntaxError)` report.
//!
//! The JIT targets take the place of a peer of a serving tier (L1's socket,
//! L2's TCP port): whatever it sends is refused or served, never a panic.

#![allow(dead_code)] // each user needs only some of these

use naruby::diag::render_syntax_error;
use naruby::driver::{self, Source};
use naruby::jit::{proto, wire};
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

/// The build a `jit_frames` session is opened for.
pub const ABI: &str = "fuzz-abi";

/// What a serving tier does with the bytes of a `Compile` message: decode
/// and check the subtree, then derive the entry's symbol and C. An accepted
/// subtree encodes back to bytes that give the very same entry.
pub fn jit_subtree(data: &[u8]) {
    let Ok(tree) = wire::decode(data) else {
        return;
    };
    let entry = tree.entry();
    assert!(
        entry.symbol.starts_with("SD_") && entry.source.contains(&entry.symbol),
        "an entry whose C does not define {}",
        entry.symbol
    );
    let again = wire::encode(&tree.ast, tree.root, &tree.defs);
    let back = wire::decode(&again).expect("a decoded subtree encodes to one that decodes");
    let twin = back.entry();
    assert_eq!(twin.symbol, entry.symbol, "re-encoding changed the symbol");
    assert_eq!(twin.source, entry.source, "re-encoding changed the C");
}

/// A peer's bytes, and what the server writes back (dropped).
struct Peer<'a> {
    input: &'a [u8],
}

impl std::io::Read for Peer<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.input.read(buf)
    }
}

impl std::io::Write for Peer<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A server's side of a session on the bytes a peer sent: the handshake
/// (no key, as on L1's private socket), then messages until the bytes end
/// or one is malformed; every `Compile` goes through [`jit_subtree`].
pub fn jit_frames(data: &[u8]) {
    let Ok(mut ch) = proto::accept(Peer { input: data }, ABI, None) else {
        return;
    };
    while let Ok(Some(msg)) = ch.recv() {
        if let proto::Msg::Compile { tree } = msg {
            jit_subtree(&tree);
        }
    }
}

/// Seeds for the JIT targets from a program: each entry's subtree alone
/// and with the `def`s its speculative code calls (`jit_subtree`), and a
/// session that queries and compiles them (`jit_frames`).
pub fn jit_seeds(src: &str) -> (Vec<Vec<u8>>, Vec<u8>) {
    let Some(lowered) = front_end(src.as_bytes()) else {
        return (Vec::new(), Vec::new());
    };
    let (mut spec, _) = naruby::speculate::program_speculation(&lowered, None);
    let mut trees = Vec::new();
    for root in naruby::entries::entry_roots(&lowered) {
        trees.push(wire::encode(&lowered.ast, root, &[]));
        let defs = spec.defs_reached(root);
        if !defs.is_empty() {
            trees.push(wire::encode(&lowered.ast, root, &defs));
        }
    }
    let frame = |msg: proto::Msg| proto::plain_frame(&msg).expect("a small message");
    let mut session = frame(proto::Msg::Hello {
        abi: ABI.into(),
        nonce: [7; 32],
    });
    session.extend(frame(proto::Msg::Auth { proof: [0; 32] }));
    session.extend(frame(proto::Msg::Query {
        symbol: "SD_0123456789abcdef0123456789abcdef".into(),
    }));
    for tree in &trees {
        session.extend(frame(proto::Msg::Compile { tree: tree.clone() }));
    }
    (trees, session)
}
