//! Rendering compile-time errors for people: `FILE:LINE:COL: message
//! (SyntaxError)` followed by the offending source line with a caret.

use crate::lower::LineIndex;
use crate::syntax::ast::SyntaxError;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// The full text printed for a syntax (or lowering) error, ending in a
/// newline.
pub fn render_syntax_error(file: &str, src: &str, err: &SyntaxError) -> String {
    let index = LineIndex::new(src);
    let at = err.span.start.min(src.len());
    let (line, col) = index.line_col(src, at);
    let mut out = format!("{file}:{line}:{col}: {} (SyntaxError)\n", err.message);

    // Show just the offending line, with the span clipped to it.
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[at..].find('\n').map_or(src.len(), |i| at + i);
    let text = &src[line_start..line_end];
    let start = at - line_start;
    let end = err.span.end.clamp(at, line_end) - line_start;
    let end = if end == start { start + 1 } else { end };
    let end = end.min(text.len().max(start));
    let report = &[Group::with_level(Level::ERROR).element(
        Snippet::source(text)
            .line_start(line as usize)
            .fold(false)
            .annotation(AnnotationKind::Primary.span(start..end)),
    )];
    out.push_str(&Renderer::plain().render(report).to_string());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_then_line_with_caret() {
        let src = "x = 1\np(1 + )\n";
        let err = SyntaxError::new("syntax error, unexpected ')'", 12..13);
        let text = render_syntax_error("t.rb", src, &err);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "t.rb:2:7: syntax error, unexpected ')' (SyntaxError)"
        );
        assert!(text.contains("p(1 + )"), "{text}");
        let caret = lines
            .iter()
            .find(|l| l.contains('^'))
            .expect("a caret line");
        let code = lines.iter().find(|l| l.contains("p(1 + )")).unwrap();
        assert_eq!(caret.find('^').unwrap(), code.find(')').unwrap());
    }

    #[test]
    fn error_at_end_of_input() {
        let src = "def f\n";
        let err = SyntaxError::new("syntax error, unexpected end-of-input", 6..6);
        let text = render_syntax_error("t.rb", src, &err);
        assert!(text.starts_with("t.rb:2:1: syntax error"), "{text}");
    }
}
