//! Markdown to safe HTML: parse, set the type, render, sanitize.

use std::fmt;
use std::sync::Mutex;

use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, NodeValue, Sourcepos};
use comrak::options::Plugins;
use comrak::{Anchorizer, Arena, format_html_with_plugins, parse_document};

use crate::sanitize::sanitize;
use crate::typography::Typographer;
use crate::url::unsafe_scheme;

/// Rendered HTML with the problems met on the way.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    pub html: String,
    pub warnings: Vec<String>,
}

/// Renders a body's Markdown to sanitized HTML with the language's typography. Never fails.
pub fn render_body(markdown: &str, language: &str) -> Rendered {
    let arena = Arena::new();
    let mut options = crate::markdown_options();
    // Raw HTML goes through to the sanitizer, which keeps the safe part (<sup>, <abbr>, …) and
    // drops the rest; comrak's own escaping would lose both.
    options.render.r#unsafe = true;
    let root = parse_document(&arena, markdown, &options);
    let mut warnings = Vec::new();
    if flatten_deep_nesting(root) {
        warnings.push(format!(
            "quotes or lists nested deeper than {MAX_NESTING} levels were flattened to {MAX_NESTING} levels"
        ));
    }
    let mut raw_html = typeset(root, language, &mut warnings);

    let format = |options: &comrak::Options| {
        let headings = HeadingIds::default();
        let mut plugins = Plugins::default();
        plugins.render.heading_adapter = Some(&headings);
        let mut html = String::with_capacity(markdown.len() * 5 / 4);
        format_html_with_plugins(root, options, &mut html, &plugins)
            .expect("writing to a String cannot fail");
        html
    };
    let mut html = format(&options);
    // Raw HTML nests as deep as it likes, and the sanitizer's parser takes time in proportion to
    // the depth for every tag (100,000 nested `<div>`s: 17 s). Measured by that parser, stopped
    // at the limit; too deep, the raw HTML is shown as the text it is.
    if raw_html && galley_html_depth::fragment_deeper_than(&html, galley_html_depth::MAX_DEPTH) {
        options.render.r#unsafe = false;
        options.render.escape = true;
        html = format(&options);
        raw_html = false;
        // Nothing of it is kept as HTML now: the note that only safe tags were kept would mislead.
        warnings.retain(|warning| !warning.starts_with("the body contains raw HTML"));
        warnings.push(format!(
            "raw HTML nested more than {} levels deep is shown as text, tags and all",
            galley_html_depth::MAX_DEPTH
        ));
    }
    let mut html = sanitize(&table_alignment_as_style(&html));
    if raw_html {
        // Raw HTML can leave the parser a tree whose HTML reads back as another (a heading left
        // open around content moved out of a table): the second reading is what a browser and
        // every later pass see, and it reads back as itself. comrak's own HTML is well formed.
        html = sanitize(&html);
    }
    Rendered { html, warnings }
}

/// The deepest nesting of quotes and lists kept. Deeper nesting (only ever seen in hostile input)
/// makes the HTML sanitizer's tree builder quadratic: 50,000 nested `>` took 7 s in ammonia alone.
pub const MAX_NESTING: usize = 32;

/// Unwraps quotes, lists and list items nested deeper than [`MAX_NESTING`], keeping their content
/// in place. Linear: each node moves at most once. Tells whether anything was flattened.
fn flatten_deep_nesting<'a>(root: &'a AstNode<'a>) -> bool {
    let mut depth = 0usize;
    let mut too_deep = Vec::new();
    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) if is_nesting(&node.data().value) => {
                depth += 1;
                if depth > MAX_NESTING {
                    too_deep.push(node);
                }
            }
            NodeEdge::End(node) if is_nesting(&node.data().value) => depth -= 1,
            _ => {}
        }
    }
    // Innermost first, so each unwrapped node's children move up once.
    for node in too_deep.iter().rev() {
        while let Some(child) = node.first_child() {
            node.insert_before(child);
        }
        node.detach();
    }
    !too_deep.is_empty()
}

fn is_nesting(value: &NodeValue) -> bool {
    matches!(
        value,
        NodeValue::BlockQuote | NodeValue::List(_) | NodeValue::Item(_) | NodeValue::MultilineBlockQuote(_)
    )
}

/// Applies typography to every text node, in document order, and notes what the sanitizer will drop.
/// Tells whether the document holds raw HTML.
fn typeset<'a>(root: &'a AstNode<'a>, language: &str, warnings: &mut Vec<String>) -> bool {
    let mut typographer = Typographer::new(language);
    let mut raw_html = false;
    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) => {
                let mut data = node.data_mut();
                match &mut data.value {
                    NodeValue::Text(text) if !is_autolink_text(node, text) => {
                        let typeset = typographer.text(text);
                        if typeset != **text {
                            *text = typeset.into();
                        }
                    }
                    NodeValue::Text(text) => typographer.skip(text),
                    NodeValue::Code(code) => typographer.skip(&code.literal),
                    // A line break separates the words around it: a new line may open direct speech.
                    NodeValue::SoftBreak | NodeValue::LineBreak => typographer.skip("\n"),
                    NodeValue::HtmlInline(_) | NodeValue::HtmlBlock(_) => raw_html = true,
                    NodeValue::Link(link) | NodeValue::Image(link) if !is_safe_url(&link.url) => {
                        warnings.push(format!(
                            "a link to `{}` was removed: links may only go to http(s), mailto, \
                             a relative path or an #anchor",
                            truncate(&link.url, 60)
                        ));
                    }
                    _ => {}
                }
            }
            NodeEdge::End(node) => {
                if ends_block(&node.data().value) {
                    typographer.end_block();
                }
            }
        }
    }
    if raw_html {
        warnings.push(
            "the body contains raw HTML: only safe tags were kept, scripts and handlers were removed".into(),
        );
    }
    raw_html
}

fn ends_block(value: &NodeValue) -> bool {
    matches!(
        value,
        NodeValue::Paragraph
            | NodeValue::Heading(_)
            | NodeValue::Item(_)
            | NodeValue::TableCell
            | NodeValue::BlockQuote
            | NodeValue::FootnoteDefinition(_)
            | NodeValue::CodeBlock(_)
    )
}

/// An autolink's text is its URL: typography must not touch it.
fn is_autolink_text(node: &AstNode<'_>, text: &str) -> bool {
    node.parent().is_some_and(|parent| match &parent.data().value {
        NodeValue::Link(link) => link.url == text || link.url.ends_with(text) && text.contains('.'),
        _ => false,
    })
}

/// Whether the sanitizer keeps a link to `url` (the checklist judges links the same way).
fn is_safe_url(url: &str) -> bool {
    unsafe_scheme(url).is_none()
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    format!("{}…", text.chars().take(max).collect::<String>())
}

/// comrak marks table alignment with the `align` attribute, which HTML5 made obsolete.
fn table_alignment_as_style(html: &str) -> String {
    html.replace(" align=\"left\"", " style=\"text-align:left\"")
        .replace(" align=\"center\"", " style=\"text-align:center\"")
        .replace(" align=\"right\"", " style=\"text-align:right\"")
}

/// Gives headings GitHub-style ids (`## Итоги` → `id="итоги"`), without the empty anchor links
/// comrak adds to them.
#[derive(Default)]
struct HeadingIds {
    anchorizer: Mutex<Anchorizer>,
}

impl HeadingAdapter for HeadingIds {
    fn enter(&self, output: &mut dyn fmt::Write, heading: &HeadingMeta, _: Option<Sourcepos>) -> fmt::Result {
        let id = self.anchorizer.lock().unwrap_or_else(|p| p.into_inner()).anchorize(&heading.content);
        let id: String = id.chars().filter(|c| !matches!(c, '"' | '<' | '>' | '&')).collect();
        write!(output, "<h{} id=\"{id}\">", heading.level)
    }

    fn exit(&self, output: &mut dyn fmt::Write, heading: &HeadingMeta) -> fmt::Result {
        write!(output, "</h{}>", heading.level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gfm_renders_with_heading_ids_and_html5_alignment() {
        let html = render_body(
            "## Итоги встречи\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n~~нет~~ https://example.ru\n",
            "ru",
        )
        .html;
        assert!(html.contains("<h2 id=\"итоги-встречи\">Итоги встречи</h2>"), "{html}");
        assert!(html.contains("<th style=\"text-align:center\">a</th>"), "{html}");
        assert!(!html.contains("align="), "{html}");
        assert!(html.contains("<del>нет</del>"), "{html}");
        assert!(html.contains("<a href=\"https://example.ru\">https://example.ru</a>"), "{html}");
    }

    #[test]
    fn footnotes_keep_their_links() {
        let html = render_body("Текст[^1].\n\n[^1]: Сноска.\n", "ru").html;
        assert!(html.contains("href=\"#fn-1\""), "{html}");
        assert!(html.contains("id=\"fn-1\""), "{html}");
    }

    #[test]
    fn hostile_markdown_leaves_no_script_and_says_so() {
        let rendered = render_body(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n",
            "ru",
        );
        assert!(
            !rendered.html.contains("script")
                && !rendered.html.contains("onerror")
                && !rendered.html.contains("javascript"),
            "{}",
            rendered.html
        );
        assert_eq!(rendered.warnings.len(), 2, "{:?}", rendered.warnings);
    }

    #[test]
    fn urls_are_judged_by_scheme() {
        for safe in [
            "https://a.ru",
            "HTTP://a.ru",
            "mailto:a@b.ru",
            "/path",
            "page.html",
            "#anchor",
            "a/b:c",
            "?q=a:b",
        ] {
            assert!(is_safe_url(safe), "{safe}");
        }
        for unsafe_url in [
            "javascript:alert(1)",
            " JaVaScRiPt:x",
            "data:text/html,x",
            "file:///etc/passwd",
            "vbscript:x",
            "smb://host/share",
            "galley://x",
        ] {
            assert!(!is_safe_url(unsafe_url), "{unsafe_url}");
        }
    }

    /// Found by the `markdown_import` fuzz target: a `<table>` opened inside a heading left a tree
    /// whose HTML read back differently, so sanitizing the rendered body again changed it.
    #[test]
    fn raw_html_that_the_parser_rearranges_renders_to_a_fixed_point() {
        for markdown in ["\"<table>\n-\nx\n-", "# a <table><tr><td>b\n\nc", "<b><p>x</b>y</p>"] {
            let html = render_body(markdown, "ru").html;
            assert_eq!(sanitize(&html), html, "{markdown:?}");
        }
    }

    #[test]
    fn odd_input_renders() {
        assert_eq!(render_body("", "ru").html, "");
    }

    #[test]
    fn deep_nesting_is_flattened_keeping_the_text() {
        let rendered = render_body(&format!("{} цитата", ">".repeat(50_000)), "ru");
        assert_eq!(rendered.html.matches("<blockquote>").count(), MAX_NESTING);
        assert!(rendered.html.contains("цитата"), "{}", rendered.html);
        assert_eq!(rendered.warnings.len(), 1, "{:?}", rendered.warnings);
        let list: String = (0..100).map(|depth| format!("{}- пункт {depth}\n", "  ".repeat(depth))).collect();
        let rendered = render_body(&list, "ru");
        assert!(rendered.html.contains("пункт 99"));
        assert!(rendered.html.matches("<ul>").count() <= MAX_NESTING);
    }
}
