//! Rendering compile-time errors for people: `FILE:LINE:COL: message
//! (SyntaxError)` followed by the offending source line with a caret.

use crate::lower::LineIndex;
use crate::syntax::ast::SyntaxError;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// The full text printed for a syntax (or lowering) error, ending in a
/// newline.
pub fn render_syntax_error(file: &str, src: &str, err: &SyntaxError) -> String {
    let index = LineIndex::new(src);
    // The span is widened to whole characters: the renderer slices the line
    // by it, and an offset inside a multibyte character would panic.
    let at = floor_char_boundary(src, err.span.start.min(src.len()));
    let (line, col) = index.line_col(src, at);
    let mut out = format!("{file}:{line}:{col}: {} (SyntaxError)\n", err.message);

    // Show just the offending line, with the span clipped to it.
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[at..].find('\n').map_or(src.len(), |i| at + i);
    let text = &src[line_start..line_end];
    let start = at - line_start;
    let end = ceil_char_boundary(text, err.span.end.clamp(at, line_end) - line_start);
    // an empty span marks the character at it (none at the end of the line)
    let end = if end == start {
        text[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8())
    } else {
        end
    };
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

/// The start of the character `at` falls in.
fn floor_char_boundary(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The end of the character `at` falls in (`at` itself on a boundary).
fn ceil_char_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at += 1;
    }
    at
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

    // Found by fuzzing (fuzz/): the renderer slices the line by the span,
    // so a span edge inside a multibyte character used to panic.
    #[test]
    fn spans_inside_multibyte_characters_are_widened() {
        let src = "p 1 # \u{e9}t\u{e9}\np(\u{fffd})\n";
        for (start, end) in [(7, 8), (6, 8), (8, 8), (7, 7), (6, 6), (16, 17), (17, 17)] {
            let err = SyntaxError::new("boom", start..end);
            let text = render_syntax_error("t.rb", src, &err);
            assert!(text.starts_with("t.rb:"), "{start}..{end}: {text}");
            assert!(text.contains('^'), "{start}..{end}: {text}");
        }
        let err = SyntaxError::new("boom", 7..8);
        let text = render_syntax_error("t.rb", src, &err);
        assert!(text.starts_with("t.rb:1:7: boom"), "{text}");
    }

    #[test]
    fn an_empty_span_marks_the_whole_character_at_it() {
        let src = "x = \u{e9}\n";
        let err = SyntaxError::new("boom", 4..4);
        let text = render_syntax_error("t.rb", src, &err);
        assert!(text.starts_with("t.rb:1:5: boom"), "{text}");
        let caret = text.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(caret.matches('^').count(), 1, "{text}");
    }
}
