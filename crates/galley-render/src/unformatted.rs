//! A body over the node budget (`parse::MAX_NODES`), shown without Markdown: its text as typed, a
//! paragraph at each blank line, escaped, with a warning that says so. The journalist's words are
//! never hidden; only their formatting and typography are left out.
//!
//! The work is bounded by the size of the text alone: each paragraph's text stands in the
//! sanitizer's input as a token (`stand_in`), and there are at most [`MAX_PARAGRAPHS`] of them, so
//! the sanitizer, a user's template and the preview read a few thousand elements, not millions.

use memchr::memchr_iter;

use crate::Rendered;
use crate::parse::MAX_NODES;
use crate::sanitize::sanitize;
use crate::stand_in::StandIns;

/// The most paragraphs the text is cut into. A body over the budget is mostly markup, often a
/// short line or a short paragraph repeated millions of times: past this count, paragraphs are
/// cut only at blank lines at least 1/`MAX_PARAGRAPHS` of the text apart.
const MAX_PARAGRAPHS: usize = 10_000;

/// What the renderer says when a body is shown unformatted.
pub(crate) fn warning() -> String {
    format!(
        "the body has more markup than Galley formats (more than {} elements: every line, mark, \
         link and tag counts): it is shown as plain text, a paragraph at each blank line, \
         without formatting or typography",
        galley_model::counts::thousands(MAX_NODES)
    )
}

/// The body as escaped paragraphs, sanitized like any rendered body, texts from `stand_in_from`
/// bytes long standing in as tokens (lent, not copied: the body may be 50 MB).
pub(crate) fn render(markdown: &str, stand_in_from: usize) -> Rendered {
    let mut taken = StandIns::new(stand_in_from);
    let mut html = String::new();
    for paragraph in paragraphs(markdown) {
        let text = taken.stand_in_for(paragraph);
        html.push_str("<p>");
        // A token holds nothing to escape; a text too short for one is escaped as comrak would.
        comrak::html::escape(&mut html, &text).expect("writing to a String cannot fail");
        html.push_str("</p>\n");
    }
    Rendered { html: taken.restore(&sanitize(&html)), warnings: vec![warning()] }
}

/// The body as plain text: its paragraphs as [`render`] cuts them, a blank line between them.
pub(crate) fn plain_text(markdown: &str) -> String {
    paragraphs(markdown).join("\n\n")
}

/// The text cut at blank lines into trimmed paragraphs, each at least 1/[`MAX_PARAGRAPHS`] of the
/// text long (but the last).
fn paragraphs(text: &str) -> Vec<&str> {
    let least = text.len() / MAX_PARAGRAPHS;
    let mut paragraphs = Vec::new();
    let mut start = None;
    let mut line_start = 0;
    for line_end in memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
        // `trim` looks only at the ends of a line that has text.
        let blank = text[line_start..line_end].trim().is_empty();
        match start {
            Some(from) if blank && line_start - from >= least => {
                paragraphs.push(text[from..line_start].trim());
                start = None;
            }
            None if !blank => start = Some(line_start),
            _ => {}
        }
        line_start = line_end + 1;
    }
    if let Some(from) = start {
        paragraphs.push(text[from..].trim());
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_cut_at_blank_lines() {
        assert_eq!(paragraphs("a\nb\n\n  \r\n\tc  \r\n\n"), ["a\nb", "c"]);
        assert_eq!(paragraphs(""), Vec::<&str>::new());
        assert_eq!(paragraphs("\n\n \n"), Vec::<&str>::new());
    }

    #[test]
    fn many_short_paragraphs_are_cut_into_at_most_the_most_paragraphs() {
        let text = "a < b\n\n".repeat(MAX_PARAGRAPHS * 7 + 3);
        let cut = paragraphs(&text);
        assert!(cut.len() <= MAX_PARAGRAPHS, "{}", cut.len());
        assert!(cut.len() > MAX_PARAGRAPHS / 2, "{}", cut.len());
        assert_eq!(cut.concat().matches("a < b").count(), MAX_PARAGRAPHS * 7 + 3);
    }

    #[test]
    fn the_text_comes_out_escaped_and_whole() {
        let long = "a < b & <script>alert(1)</script> \"c\"\u{a0}d";
        let rendered = render(&format!("{long}\nline two\n\n# short <b>\n"), 32);
        assert_eq!(
            rendered.html,
            "<p>a &lt; b &amp; &lt;script&gt;alert(1)&lt;/script&gt; \"c\"&nbsp;d\nline two</p>\n\
             <p># short &lt;b&gt;</p>\n"
        );
        assert_eq!(rendered.warnings, [warning()]);
        assert_eq!(sanitize(&rendered.html), rendered.html, "the sanitizer's fixed point");
        assert_eq!(render(&format!("{long}\nline two\n\n# short <b>\n"), usize::MAX).html, rendered.html);
    }
}
