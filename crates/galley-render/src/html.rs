//! Markdown to safe HTML: parse, set the type, take long texts out (`stand_in`), render, sanitize,
//! put the texts back.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, NodeValue, Sourcepos};
use comrak::options::Plugins;
use comrak::{Anchorizer, Arena, format_html_with_plugins};

use crate::sanitize::sanitize;
use crate::stand_in::{self, StandIns};
use crate::typography::Typographer;
use crate::unformatted;
use crate::url::unsafe_scheme;

/// Rendered HTML with the problems met on the way.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    pub html: String,
    pub warnings: Vec<String>,
}

/// Renders a body's Markdown to sanitized HTML with the language's typography. Never fails: a body
/// that would make more than [`MAX_NODES`](crate::parse::MAX_NODES) nodes is shown as plain
/// paragraphs, with a warning.
pub fn render_body(markdown: &str, language: &str) -> Rendered {
    render(markdown, language, Some(stand_in::MIN_LEN))
}

/// [`render_body`], with texts from `stand_in_from` bytes long standing in the sanitizer's input
/// as tokens or, with none, read by it whole (the tests compare the two).
fn render(markdown: &str, language: &str, stand_in_from: Option<usize>) -> Rendered {
    let stand_in_from = stand_in_from.unwrap_or(usize::MAX);
    let Some(Formatted { html, taken, warnings, raw_html }) = comrak_html(markdown, language, stand_in_from)
    else {
        return unformatted::render(markdown, stand_in_from);
    };
    // comrak's tree is gone by now: the sanitizer's takes its place in memory, not its side.
    let mut html = sanitize(&table_alignment_as_style(&html));
    if raw_html {
        // Raw HTML can leave the parser a tree whose HTML reads back as another (a heading left
        // open around content moved out of a table): the second reading is what a browser and
        // every later pass see, and it reads back as itself. comrak's own HTML is well formed.
        html = sanitize(&html);
    }
    Rendered { html: taken.restore(&html), warnings }
}

/// comrak's HTML of a body, before the sanitizer, with the texts that stand in it.
struct Formatted {
    html: String,
    taken: StandIns<'static>,
    warnings: Vec<String>,
    /// Whether the HTML holds raw HTML (the sanitizer then reads its own output again).
    raw_html: bool,
}

/// Parses, sets the type, takes the texts out and writes comrak's HTML; `None` for a body over
/// the node budget. The tree lives and dies here, so its memory is free before the sanitizer's
/// tree is built, or before a body over the budget is rendered unformatted.
fn comrak_html(markdown: &str, language: &str, stand_in_from: usize) -> Option<Formatted> {
    let arena = Arena::new();
    let mut options = crate::markdown_options();
    // Raw HTML goes through to the sanitizer, which keeps the safe part (<sup>, <abbr>, …) and
    // drops the rest; comrak's own escaping would lose both.
    options.render.r#unsafe = true;
    let root = crate::parse::parse(&arena, markdown, &options)?;
    let mut warnings = Vec::new();
    if flatten_deep_nesting(root) {
        warnings.push(format!(
            "quotes or lists nested deeper than {MAX_NESTING} levels were flattened to {MAX_NESTING} levels"
        ));
    }
    let mut raw_html = typeset(root, language, &mut warnings);
    // Ids come from the headings' text, which is about to stand in for itself.
    let ids = heading_ids(root);
    let mut taken = StandIns::new(stand_in_from);
    take_text(root, &mut taken);

    let format = |options: &comrak::Options| {
        let headings = HeadingIds { ids: &ids, next: AtomicUsize::new(0) };
        let mut plugins = Plugins::default();
        plugins.render.heading_adapter = Some(&headings);
        let mut html = String::new();
        format_html_with_plugins(root, options, &mut html, &plugins)
            .expect("writing to a String cannot fail");
        html
    };
    let mut html = format(&options);
    // Raw HTML nests as deep as it likes, and the sanitizer's parser takes time in proportion to
    // the depth for every tag (100,000 nested `<div>`s: 17 s). Measured by that parser, stopped
    // at the limit; too deep, the raw HTML is shown as the text it is, and that text, escaped by
    // comrak, stands in like any other.
    if raw_html && galley_html_depth::fragment_deeper_than(&html, galley_html_depth::MAX_DEPTH) {
        take_raw_html(root, &mut taken);
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
    Some(Formatted { html, taken, warnings, raw_html })
}

/// Takes the text of text nodes, inline code and code blocks out of the tree, leaving tokens
/// (an image's description, written as its alt text, too). A code block's language goes: comrak
/// writes it as a class, which the allowlist drops, and not written it is not read (a fence line
/// of 50 MB kept the sanitizer 20 s).
fn take_text<'a>(root: &'a AstNode<'a>, taken: &mut StandIns<'_>) {
    for node in root.descendants() {
        match &mut node.data_mut().value {
            NodeValue::Text(text) => taken.take_cow(text),
            NodeValue::Code(code) => taken.take(&mut code.literal),
            NodeValue::CodeBlock(block) => {
                block.info.clear();
                taken.take(&mut block.literal);
            }
            _ => {}
        }
    }
}

/// Takes raw HTML out of the tree, for when comrak escapes it as text.
fn take_raw_html<'a>(root: &'a AstNode<'a>, taken: &mut StandIns<'_>) {
    for node in root.descendants() {
        match &mut node.data_mut().value {
            NodeValue::HtmlBlock(block) => taken.take(&mut block.literal),
            NodeValue::HtmlInline(literal) => taken.take(literal),
            _ => {}
        }
    }
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

/// Each heading's GitHub-style id (`## Итоги` → `итоги`), in document order.
fn heading_ids<'a>(root: &'a AstNode<'a>) -> Vec<String> {
    let mut anchorizer = Anchorizer::new();
    root.descendants()
        .filter(|node| matches!(node.data().value, NodeValue::Heading(_)))
        .map(|heading| {
            let id = anchorizer.anchorize(&heading.collect_text());
            id.chars().filter(|c| !matches!(c, '"' | '<' | '>' | '&')).collect()
        })
        .collect()
}

/// Gives headings the ids [`heading_ids`] made, one after another in document order, without the
/// empty anchor links comrak adds to them.
struct HeadingIds<'i> {
    ids: &'i [String],
    next: AtomicUsize,
}

impl HeadingAdapter for HeadingIds<'_> {
    fn enter(&self, output: &mut dyn fmt::Write, heading: &HeadingMeta, _: Option<Sourcepos>) -> fmt::Result {
        let id = self.ids.get(self.next.fetch_add(1, Ordering::Relaxed)).map_or("", String::as_str);
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

    /// Markdown whose text meets every way the sanitizer's parser reads text: typography's
    /// no-break spaces, references, quotes, line ends, NUL, headings (ids come from their text),
    /// alt text, tables, code, raw HTML around text, raw HTML too deep (shown as text).
    const TEXT_EVERYWHERE: &[&str] = &[
        "«Ёлки-палки» — сказал он, и 5 - 3 = 2 <br> a < b && c > d &amp; &lt;tag&gt; &#x27; \"кавычки\"",
        "# Итоги & <выводы>\n\n# Итоги & <выводы>\n\n## `код` в заголовке\n",
        "```rust\r\nlet a = \"<b>\" & 'c';\r\n\r\nfn x() {}\r\n```\r\n\r\nтекст\rещё\u{0}нуль",
        "![Схема \"моста\" <через> реку & берег — `код`](a.png \"title\") и ![](b.png)",
        "| Год & <цена> | «Цена» |\n|:--|--:|\n| 2026 | 10 & 20 |\n",
        "Текст <b title=\"a > b\">жирный & длинный текст внутри</b> и <abbr title=\"x\">аббревиатура</abbr>",
        "<table>\n<tr><td>\n\nТекст внутри ячейки & <амперсанд>\n\n</td></tr></table>\n\nhello <textarea>a & b < c</textarea>",
        "<td style=\"text-align:\n\nleft;background:url(https://evil.example/track.gif)\n\n<p title=\"x\">после</p>\n",
        "<p title=\"x\n\n`код в атрибуте & <b>`\n\n\"> после",
        "- пункт & <один>\n  - вложенный «пункт»\n\n1. первый\n2. второй [ссылка & <x>](https://example.ru/a?b=1&c=2 \"заголовок & <t>\")\n",
        "Сноска[^1] и <https://example.ru/путь?a=1&b=2> и www.example.ru\n\n[^1]: Текст & <сноски>.\n",
    ];

    /// Elements whose text the parser reads without references: raw HTML that opens one changes
    /// what the sanitizer writes of the text in it.
    const RAW_TEXT_ELEMENTS: [&str; 6] =
        ["<xmp", "<noscript", "<iframe", "<noembed", "<noframes", "<plaintext"];

    /// Every text that stands in comes back as the sanitizer would have written it: the output is
    /// the same byte for byte with every text standing in, with long ones only, and with none; for
    /// the hostile payloads and the fuzzer's corpus too. Where raw HTML opens an element whose
    /// text the parser reads raw, the output is still its own fixed point, with no token left.
    #[test]
    fn standing_in_changes_nothing_the_sanitizer_writes() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let payloads = std::fs::read_to_string(format!("{root}/tests/hostile/payloads.json")).unwrap();
        let payloads: Vec<serde_json::Value> = serde_json::from_str(&payloads).unwrap();
        let mut corpus: Vec<_> = std::fs::read_dir(format!("{root}/fuzz/corpus/render"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        corpus.sort();
        let inputs = TEXT_EVERYWHERE
            .iter()
            .map(|markdown| (*markdown).to_owned())
            .chain([format!(
                "Вступление\n\n{}глубоко & <текст>{}\n",
                "<div>".repeat(300),
                "</div>".repeat(300)
            )])
            .chain(payloads.iter().map(|payload| payload["payload"].as_str().unwrap().to_owned()))
            .chain(
                corpus.iter().map(|path| String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned()),
            );
        let mut compared = 0;
        for markdown in inputs {
            let raw_text = RAW_TEXT_ELEMENTS.iter().any(|tag| markdown.to_ascii_lowercase().contains(tag));
            for language in ["ru", "en"] {
                let whole = render(&markdown, language, None);
                for from in [1, stand_in::MIN_LEN] {
                    let stood_in = render(&markdown, language, Some(from));
                    if raw_text {
                        assert_eq!(sanitize(&stood_in.html), stood_in.html, "{markdown:?}");
                        assert!(!stood_in.html.contains("galley-"), "{markdown:?}: {}", stood_in.html);
                    } else {
                        assert_eq!(
                            stood_in, whole,
                            "texts from {from} bytes standing in, {language}: {markdown:?}"
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared >= 500, "the payloads and the corpus were read: {compared}");
    }

    /// The two places where a text that stood in comes out other than the sanitizer wrote it, both
    /// reached only by raw HTML left open: in an element read raw it is the text as written (the
    /// sanitizer showed its escapes: `&amp;amp;`), and in an attribute value it goes with the
    /// attribute (the sanitizer judged a token there, not the text).
    #[test]
    fn text_that_raw_html_swallows_is_text_as_written_or_goes() {
        let rendered = render_body("<xmp>\n\nтекст, который читают как есть & <b>\n\n</xmp>\n", "en");
        assert_eq!(rendered.html, "\n&lt;p&gt;текст, который читают как есть &amp; &lt;b&gt;&lt;/p&gt;\n\n");
        let rendered = render_body(
            "<h2 id=\"open\n\nтекст, попавший в атрибут & длинный <b>\n\n<p class=\"x\">после</p>\n",
            "ru",
        );
        assert_eq!(rendered.html, "<h2>после<p></p>\n</h2>");
        assert_eq!(sanitize(&rendered.html), rendered.html, "a fixed point");
        let shorter = render_body("<h2 id=\"open\n\nкороткий\n\n<p class=\"x\">после</p>\n", "ru");
        assert_eq!(
            shorter.html,
            "<h2 id=\"open\n&lt;p&gt;короткий&lt;/p&gt;\n&lt;p class=\">после<p></p>\n</h2>"
        );
    }

    #[test]
    fn a_code_blocks_language_is_not_written() {
        for (markdown, html) in [
            ("```math\nx < y\n```\n", "<pre><code>x &lt; y\n</code></pre>\n"),
            ("```rust {.x}\nlet a = 1;\n```\n", "<pre><code>let a = 1;\n</code></pre>\n"),
            ("~~~<script>\nx\n~~~\n", "<pre><code>x\n</code></pre>\n"),
        ] {
            assert_eq!(render_body(markdown, "en").html, html, "{markdown:?}");
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
