//! Checks the fuzz targets share: HTML read with a real parser (html5ever, through `dom_query`),
//! as a browser would read it, and the properties every imported draft must have.
//!
//! A check that fails panics with the offending HTML or field, so libFuzzer records the input.

use dom_query::{Document, NodeRef};
use galley_import::{Format, import};
use galley_model::{Article, ArticleFields, ArticleId, Draft, Timestamp, markdown_file};
use galley_render::sanitize::sanitize;

/// Elements the sanitizer keeps (its allowlist), plus the wrappers the parser adds to a fragment.
/// A copy of `galley-render`'s list on purpose: the fuzzer judges the sanitizer against it, so an
/// element let through there must be let through here too, knowingly.
const FRAGMENT_ELEMENTS: &[&str] = &[
    "html",
    "head",
    "body",
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "del",
    "dd",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
];

/// Elements that run script, load another document, change where links go or submit data.
const EXECUTABLE_ELEMENTS: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "input", "button",
    "textarea", "select", "svg", "math", "template", "portal", "noscript", "link", "video", "audio",
    "source", "track", "xmp", "noembed", "noframes",
];

/// Attributes whose value is a URL a browser follows or loads.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "cite",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "srcset",
    "xlink:href",
    "ping",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "codebase",
    "manifest",
];

/// What the rendered body of an article must be: the sanitizer's output, unchanged by another
/// pass, and nothing in it that runs, loads or submits anything.
pub fn assert_safe_fragment(html: &str) {
    let again = sanitize(html);
    assert_eq!(again, html, "sanitizing the sanitized body changed it");
    let doc = Document::fragment(html);
    for node in doc.root().descendants_it() {
        if !node.is_element() {
            continue;
        }
        let name = element_name(&node);
        assert!(
            FRAGMENT_ELEMENTS.contains(&name.as_str()),
            "element <{name}> survived the sanitizer in {html:?}"
        );
        check_attributes(&node, &name, html);
    }
}

/// What a standalone HTML export must be: the one script is the JSON-LD and holds JSON, the one
/// style sheet is Galley's, no meta refresh, and nothing else runs, loads or submits anything.
pub fn assert_safe_document(html: &str, body_html: &str) {
    let doc = Document::from(html);
    let mut scripts = 0;
    let mut styles = 0;
    for node in doc.root().descendants_it() {
        if !node.is_element() {
            continue;
        }
        let name = element_name(&node);
        match name.as_str() {
            "script" => {
                scripts += 1;
                assert_eq!(
                    node.attr("type").as_deref(),
                    Some("application/ld+json"),
                    "a script that is not the JSON-LD in {html:?}"
                );
                let json = node.text();
                let value: serde_json::Value = serde_json::from_str(&json)
                    .unwrap_or_else(|e| panic!("the JSON-LD is not JSON ({e}): {json:?}"));
                assert_eq!(value["@type"], "NewsArticle", "the JSON-LD was cut short: {json:?}");
            }
            "style" => styles += 1,
            "meta" => {
                assert!(node.attr("http-equiv").is_none(), "a <meta http-equiv> in {html:?}");
            }
            other => {
                assert!(!EXECUTABLE_ELEMENTS.contains(&other), "element <{other}> in the document {html:?}")
            }
        }
        check_attributes(&node, &name, html);
    }
    assert_eq!(scripts, 1, "the document must hold exactly one script, the JSON-LD: {html:?}");
    assert_eq!(styles, 1, "the document must hold exactly one style sheet: {html:?}");
    assert!(html.contains(body_html), "the document does not hold the rendered body as it was");
}

fn element_name(node: &NodeRef<'_>) -> String {
    node.node_name().map(|name| name.to_string()).unwrap_or_default().to_ascii_lowercase()
}

fn check_attributes(node: &NodeRef<'_>, element: &str, html: &str) {
    for attribute in node.attrs() {
        let name = attribute.name.local.to_string().to_ascii_lowercase();
        let value: &str = &attribute.value;
        assert!(!name.starts_with("on"), "event handler `{name}` on <{element}> in {html:?}");
        assert!(name != "srcdoc" && name != "http-equiv", "`{name}` on <{element}> in {html:?}");
        if name == "style" {
            // Only a table cell's alignment (from the body); the document's own markup has none.
            let allowed = matches!(element, "td" | "th") && is_text_align(value);
            assert!(allowed, "style `{value}` on <{element}> in {html:?}");
        }
        if URL_ATTRIBUTES.contains(&name.as_str()) {
            assert!(is_safe_url(value), "unsafe URL `{value}` in `{name}` on <{element}> in {html:?}");
        }
    }
}

fn is_text_align(style: &str) -> bool {
    style.split(';').map(str::trim).filter(|d| !d.is_empty()).all(|declaration| {
        let (property, value) = declaration.split_once(':').unwrap_or((declaration, ""));
        property.trim().eq_ignore_ascii_case("text-align") && !value.contains(['(', '\\', '/', '@'])
    })
}

/// Whether a browser following this URL stays on http(s), mailto or a relative address. Read as
/// the URL standard does: leading and trailing C0 controls and spaces dropped, tabs and newlines
/// removed anywhere, the scheme case-insensitive.
pub fn is_safe_url(url: &str) -> bool {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    match scheme_end {
        Some(end) if cleaned[end..].starts_with(':') => {
            let scheme = cleaned[..end].to_ascii_lowercase();
            // Not a scheme at all unless it is a letter then letters, digits, `+`, `-`, `.`.
            let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
            !is_scheme || matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// A one-line text field (headline, dek, lead, byline names, tags): trimmed, no line breaks, no
/// control characters but a tab (`.txt` import keeps the text as written, tabs too).
pub fn assert_one_line(field: &str, value: &str) {
    assert!(
        !value.chars().any(|c| c.is_control() && c != '\t' || matches!(c, '\u{2028}' | '\u{2029}')),
        "{field} holds a line break or a control character: {value:?}"
    );
    assert_eq!(value, value.trim(), "{field} is not trimmed: {value:?}");
}

/// An article as the store would hold a draft, with fixed times, for rendering.
pub fn article_of(draft: &Draft) -> Article {
    let at: Timestamp = "2026-11-28T09:30:00Z".parse().expect("a valid time");
    Article {
        id: draft.id.unwrap_or_else(|| ArticleId::new(at)),
        fields: draft.fields.clone(),
        created_at: draft.created_at.unwrap_or(at),
        updated_at: draft.updated_at.unwrap_or(at),
        revision: 1,
    }
}

/// An article written as a `.md` file (an export with the note, and a mirror folder's file)
/// reads back to the same fields, id and times: no word is lost on a round trip. A key the
/// article's own file did not have is not written back (Hugo would read a `slug` Galley made up as
/// a new address), so a field without one is read back as the store reads it: the article's value
/// (`markdown_file::as_file_gives`).
pub fn assert_markdown_round_trip(article: &Article) {
    let fields = &article.fields;
    let exported = markdown_file::write(article.id, fields, article.created_at, article.updated_at, true);
    let again = import(exported.as_bytes(), Format::Markdown)
        .unwrap_or_else(|e| panic!("an exported file does not import ({e}): {exported:?}"));
    let mut read = markdown_file::as_file_gives(fields, again.draft.fields);
    if fields.headline.trim().is_empty() {
        // `.md` import makes a headline for a file without one, from its first line: on purpose.
        read.headline.clone_from(&fields.headline);
    }
    assert_eq!(&read, fields, "fields changed on a round trip through {exported:?}");
    assert_eq!(again.draft.id, Some(article.id));
    // A file without a creation time gets none written: the store keeps its own.
    let created_at = (!fields.foreign.absent.contains_key("created_at")).then_some(article.created_at);
    assert_eq!(again.draft.created_at, created_at);
    assert_eq!(again.draft.updated_at, Some(article.updated_at));

    let mirrored = markdown_file::write_for_folder(article.id, fields, article.created_at);
    let parsed = import(mirrored.as_bytes(), Format::Markdown)
        .unwrap_or_else(|e| panic!("a mirror file does not import ({e}): {mirrored:?}"));
    let without_note = ArticleFields { note: String::new(), ..fields.clone() };
    let mut read = markdown_file::as_file_gives(&without_note, parsed.draft.fields);
    if fields.headline.trim().is_empty() {
        read.headline.clone_from(&fields.headline);
    }
    assert_eq!(read, without_note, "fields changed in the mirror file {mirrored:?}");
    // Galley's own file reads without a word to say, but for the headline the import makes for an
    // article without one (as above). Another tool's is told about each time it is read: the keys
    // it keeps, and what it lacks (a headline taken from the text).
    if fields.foreign.is_empty() {
        let unexpected: Vec<&String> = parsed
            .warnings
            .iter()
            .filter(|w| !(fields.headline.trim().is_empty() && w.contains("headline")))
            .collect();
        assert!(unexpected.is_empty(), "warnings for Galley's own file: {unexpected:?}");
    }
}

/// Renders the article's body and its standalone HTML export and checks both.
pub fn assert_renders_safely(fields: &ArticleFields, article: &Article) {
    let body = galley_render::render_body(&fields.body, &fields.language);
    assert_safe_fragment(&body.html);
    let document =
        galley_render::document::standalone_html(article, None).expect("the built-in template renders");
    assert_safe_document(&document.html, &body.html);
}
