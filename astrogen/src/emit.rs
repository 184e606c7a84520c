//! A small source emitter shared by every generator: indentation-aware lines
//! and string-literal escaping for C and Rust.

/// Accumulates generated source text with consistent indentation.
#[derive(Debug, Default)]
pub struct Emitter {
    out: String,
    indent: usize,
    unit: &'static str,
    lines: usize,
}

impl Emitter {
    /// `unit` is one level of indentation (four spaces for both C and Rust).
    pub fn new() -> Self {
        Emitter {
            out: String::new(),
            indent: 0,
            unit: "    ",
            lines: 0,
        }
    }

    /// Writes one line at the current indentation (empty lines stay empty).
    pub fn line(&mut self, text: impl AsRef<str>) {
        let text = text.as_ref();
        if !text.is_empty() {
            for _ in 0..self.indent {
                self.out.push_str(self.unit);
            }
            self.out.push_str(text);
        }
        self.out.push('\n');
        self.lines += 1;
    }

    /// Writes text verbatim (no indentation added), ending with a newline.
    pub fn raw(&mut self, text: &str) {
        self.out.push_str(text);
        if !text.ends_with('\n') {
            self.out.push('\n');
        }
        self.lines += text.trim_end_matches('\n').matches('\n').count() + 1;
    }

    pub fn blank(&mut self) {
        self.line("");
    }

    /// Writes `text` (e.g. `fn f() {`) and indents what follows.
    pub fn open(&mut self, text: impl AsRef<str>) {
        self.line(text);
        self.indent += 1;
    }

    /// Dedents and writes `text` (e.g. `}`).
    pub fn close(&mut self, text: impl AsRef<str>) {
        self.indent = self.indent.saturating_sub(1);
        self.line(text);
    }

    /// The 1-based number of the next line to be written (for `#line`).
    pub fn next_line_number(&self) -> usize {
        self.lines + 1
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// A C string literal for `s` (quotes included).
pub fn c_string(s: &str) -> String {
    let mut out = String::from("\"");
    for b in s.bytes() {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\{b:03o}")),
        }
    }
    out.push('"');
    out
}

/// A Rust string literal for `s` (quotes included).
pub fn rust_string(s: &str) -> String {
    format!("{s:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indents_nested_blocks() {
        let mut e = Emitter::new();
        e.open("a {");
        e.line("b;");
        e.blank();
        e.close("}");
        assert_eq!(e.finish(), "a {\n    b;\n\n}\n");
    }

    #[test]
    fn escapes_c_strings() {
        assert_eq!(c_string("a\"b\\c\n\u{e9}"), "\"a\\\"b\\\\c\\n\\303\\251\"");
    }
}
