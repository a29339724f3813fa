//! The body: Markdown parsed with the renderer's options, its prose gathered into runs mapped back
//! to the source, its links and images checked on the way.

use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue, Sourcepos};

use super::prose::{self, OBJECT, Run};
use super::{Field, Problem, floor_boundary, links};

/// Checks the body; one over the node budget, which the renderer shows unformatted, is not read
/// and says so (`body_not_checked`).
pub(super) fn check_body(field: &Field<'_>, language: &str, out: &mut Vec<Problem>) {
    if field.text.trim().is_empty() {
        return;
    }
    let arena = Arena::new();
    let Some(root) = crate::parse::parse(&arena, field.text, &crate::markdown_options()) else {
        out.push(field.problem(
            0,
            "body_not_checked",
            format!(
                "The body has more markup than Galley formats (more than {} elements): it is shown \
                 as plain text and was not checked. Remove repeated markup or split the article.",
                galley_model::counts::thousands(crate::parse::MAX_NODES)
            ),
            String::new(),
            None,
        ));
        return;
    };
    Walker { field, language, out }.block(root);
}

struct Walker<'w, 'f> {
    field: &'w Field<'f>,
    language: &'w str,
    out: &'w mut Vec<Problem>,
}

impl Walker<'_, '_> {
    fn start(&self, sourcepos: Sourcepos) -> usize {
        self.field.offset(sourcepos.start.line, sourcepos.start.column)
    }

    /// The source of a node as typed, or the rest of its first line if it spans lines.
    fn source(&self, sourcepos: Sourcepos) -> &str {
        let start = self.start(sourcepos);
        if sourcepos.start.line != sourcepos.end.line {
            return self.field.rest_of_line(start);
        }
        let last = self.field.offset(sourcepos.end.line, sourcepos.end.column);
        let end = last + self.field.text[last..].chars().next().map_or(0, char::len_utf8);
        self.field.text.get(start..end).unwrap_or_default()
    }

    fn block<'a>(&mut self, node: &'a AstNode<'a>) {
        let data = node.data();
        match &data.value {
            NodeValue::Paragraph | NodeValue::Heading(_) | NodeValue::TableCell => {
                let mut run = Run::default();
                for child in node.children() {
                    self.inline(child, &mut run);
                }
                prose::check_run(&run, self.field, self.language, self.out);
            }
            NodeValue::CodeBlock(_) => {}
            NodeValue::HtmlBlock(html) => {
                let start = self.start(data.sourcepos);
                links::check_html(self.field, data.sourcepos.start.line, start, &html.literal, self.out);
            }
            _ => {
                for child in node.children() {
                    self.block(child);
                }
            }
        }
    }

    fn inline<'a>(&mut self, node: &'a AstNode<'a>, run: &mut Run) {
        let data = node.data();
        let sourcepos = data.sourcepos;
        let start = self.start(sourcepos);
        match &data.value {
            NodeValue::Text(text) => align(self.field.text, start, text, run),
            NodeValue::SoftBreak | NodeValue::LineBreak => run.push('\n', Some(start)),
            NodeValue::Code(code) => run.push_verbatim(&code.literal),
            NodeValue::HtmlInline(html) => {
                links::check_html(self.field, sourcepos.start.line, start, html, self.out);
            }
            NodeValue::FootnoteReference(_) => {}
            NodeValue::Image(image) => {
                self.url(start, "Image", &image.url);
                if plain(node).trim().is_empty() {
                    self.out.push(self.field.problem(
                        start,
                        "missing_alt_text",
                        "The image has no alt text: describe it for readers who can't see it.".to_owned(),
                        self.source(sourcepos).to_owned(),
                        None,
                    ));
                }
                run.push(OBJECT, None);
            }
            NodeValue::Link(link) => {
                self.url(start, "Link", &link.url);
                let text = plain(node);
                let has_image = node.descendants().any(|n| matches!(n.data().value, NodeValue::Image(_)));
                if text.trim().is_empty() && !has_image {
                    self.out.push(self.field.problem(
                        start,
                        "empty_link_text",
                        "The link has no text: write the words readers click.".to_owned(),
                        self.source(sourcepos).to_owned(),
                        None,
                    ));
                }
                if is_autolink(&link.url, &text) {
                    // The text is the address itself: not prose.
                    run.push_verbatim(&text);
                } else {
                    for child in node.children() {
                        self.inline(child, run);
                    }
                }
            }
            _ => {
                for child in node.children() {
                    self.inline(child, run);
                }
            }
        }
    }

    fn url(&mut self, start: usize, what: &str, url: &str) {
        if let Some(scheme) = links::unsafe_scheme(url) {
            let message = links::unsafe_message(what, &scheme);
            self.out.push(self.field.problem(start, "unsafe_link", message, url.to_owned(), None));
        }
    }
}

/// The text under a node (link text, image alt), code included.
fn plain<'a>(node: &'a AstNode<'a>) -> String {
    let mut text = String::new();
    for descendant in node.descendants().skip(1) {
        match &descendant.data().value {
            NodeValue::Text(t) => text.push_str(t),
            NodeValue::Code(code) => text.push_str(&code.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Whether a link shows its own address (`<https://…>`, `www.…`, an e-mail address).
fn is_autolink(url: &str, text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && [url, url.strip_prefix("http://").unwrap_or(url), url.strip_prefix("mailto:").unwrap_or(url)]
            .iter()
            .any(|u| u.eq_ignore_ascii_case(text))
}

/// Adds a text node's literal to the run, finding each character in the source from where the
/// node starts: escapes (`\*`) and entities (`&quot;`) map to where they begin.
fn align(source: &str, start: usize, literal: &str, run: &mut Run) {
    let mut cursor = floor_boundary(source, start);
    for (i, ch) in literal.char_indices() {
        let rest = &source[cursor..];
        let step = if ch.is_ascii_punctuation() && rest.starts_with('\\') && rest[1..].starts_with(ch) {
            1 + ch.len_utf8()
        } else if let Some(len) = entity_len(rest).filter(|&len| !literal[i..].starts_with(&rest[..len])) {
            len
        } else if rest.starts_with(ch) {
            ch.len_utf8()
        } else {
            // Lost (a transformation not accounted for): look for the character further on its line.
            let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
            match line.find(ch) {
                Some(skip) => {
                    cursor += skip;
                    ch.len_utf8()
                }
                None => 0,
            }
        };
        run.push(ch, Some(cursor));
        cursor += step;
    }
}

/// The length of an HTML entity (`&amp;`, `&#34;`, `&#x22;`) at the start of the text.
fn entity_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix('&')?;
    let (digits, skip) = match body.strip_prefix('#') {
        Some(numeric) => match numeric.strip_prefix(['x', 'X']) {
            Some(hex) => (hex.find(|c: char| !c.is_ascii_hexdigit()).unwrap_or(hex.len()), 2),
            None => (numeric.find(|c: char| !c.is_ascii_digit()).unwrap_or(numeric.len()), 1),
        },
        None => (body.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(body.len()), 0),
    };
    let end = 1 + skip + digits;
    (digits > 0 && digits <= 32 && text[end..].starts_with(';')).then_some(end + 1)
}
