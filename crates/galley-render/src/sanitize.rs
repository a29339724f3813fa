//! The HTML allowlist every rendered body passes through, even where comrak already escaped (its
//! long runs of text as tokens: `stand_in` puts them back as this sanitizer writes text).
//!
//! What survives: text structure (paragraphs, headings, lists, quotes, tables, code, footnotes),
//! inline markup, links and images. Links only to `http(s)`, `mailto`, relative paths and in-page
//! anchors. No script, style, iframe, object, embed, form or input, no SVG or MathML, no `on*`
//! attribute, no inline style beyond a table cell's `text-align`. Sanitizing a rendered body again
//! changes nothing (where raw HTML made the parser rearrange the tree, `render_body` sanitizes twice).
//! A whole page a user's template writes goes through `sanitize_document`, which keeps its head
//! by rules of its own and gives its body to this allowlist, widened by the page's structure.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};

use crate::url::unsafe_scheme;

mod css;
mod document;

pub use document::sanitize_document;
pub(crate) use document::sanitize_document_around;

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(article_allowlist);

/// The article body's allowlist; a whole document's body (`sanitize_document`) starts from it.
fn article_allowlist() -> Builder<'static> {
    let tags: HashSet<&str> = [
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
    ]
    .into();
    let attributes = |names: &[&'static str]| names.iter().copied().collect::<HashSet<&str>>();
    let tag_attributes: HashMap<&str, HashSet<&str>> = [
        ("a", attributes(&["href", "title", "aria-label"])),
        ("img", attributes(&["src", "alt", "title", "width", "height"])),
        ("ol", attributes(&["start"])),
        ("td", attributes(&["style"])),
        ("th", attributes(&["style"])),
        ("abbr", attributes(&["title"])),
        ("q", attributes(&["cite"])),
    ]
    .into();
    let mut builder = Builder::default();
    builder
        .tags(tags)
        .tag_attributes(tag_attributes)
        // Heading ids and footnote anchors need `id`; `lang` and `dir` keep quoted foreign text right.
        .generic_attributes(attributes(&["id", "lang", "dir"]))
        .url_schemes(attributes(&["http", "https", "mailto"]))
        .url_relative(UrlRelative::PassThrough)
        // No `rel`: links cannot open new windows (no `target`), and `rel` on an `<a>` whose
        // unsafe `href` was removed makes the document invalid.
        .link_rel(None)
        .filter_style_properties(attributes(&["text-align"]))
        // ammonia checks the schemes of `href` and `src` only, and not what a `mailto:` asks
        // (`?attach=`); a quotation's source is a URL too.
        .attribute_filter(|_, attribute, value| match attribute {
            "href" | "src" | "cite" if unsafe_scheme(value).is_some() => None,
            _ => Some(value.into()),
        })
        .strip_comments(true);
    builder
}

/// Keeps only what the allowlist allows.
pub fn sanitize(html: &str) -> String {
    with_alt_text(&CLEANER.clean(html).to_string())
}

/// HTML5 requires `alt` on every image; one written without it gets an empty one (the checklist
/// reports missing alt text to the journalist).
pub(crate) fn with_alt_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<img") {
        let end = rest[start..].find('>').map_or(rest.len(), |i| start + i);
        let tag = &rest[start..end];
        out.push_str(&rest[..end]);
        if !tag.contains(" alt=") {
            out.push_str(" alt=\"\"");
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_bad_urls_go() {
        let dirty = r#"<p onclick="x()">a<script>alert(1)</script><img src=x onerror=alert(1)>
            <a href="javascript:alert(1)">j</a><a href="JaVaScRiPt:alert(1)">k</a><a href="data:text/html,x">d</a>
            <iframe srcdoc="<script>alert(1)</script>"></iframe><svg onload=alert(1)><circle/></svg>
            <math><mi>x</mi></math><form action="/x"><input name=q></form><style>*{}</style>
            <details ontoggle=alert(1) open>t</details><object data=x></object><embed src=x></p>"#;
        let clean = sanitize(dirty);
        for bad in [
            "script",
            "onerror",
            "onclick",
            "javascript",
            "data:",
            "iframe",
            "svg",
            "math",
            "form",
            "input",
            "style",
            "ontoggle",
            "object",
            "embed",
            "alert(1)</",
        ] {
            assert!(!clean.to_lowercase().contains(bad), "`{bad}` survived: {clean}");
        }
    }

    /// Found by the `render` fuzz target: ammonia checks the schemes of `href` and `src` only, so a
    /// `javascript:` quotation source survived.
    #[test]
    fn a_quotation_source_is_a_url_too() {
        let clean = sanitize("<q cite=\"javascript:x\">q</q><q cite=\" JaVa\tScript:x\">r</q>");
        assert_eq!(clean, "<q>q</q><q>r</q>");
        let safe = "<q cite=\"https://example.ru/source\">q</q>";
        assert_eq!(sanitize(safe), safe);
    }

    /// A mail program that honours `attach=` sends a file from the reader's disk.
    #[test]
    fn a_mailto_link_that_asks_to_attach_a_file_loses_its_address() {
        let clean = sanitize(
            "<a href=\"mailto:?attach=/etc/passwd\">x</a><a href=\"mailto:a@b.ru?%61ttach=~/.ssh/id_rsa\">y</a>",
        );
        assert_eq!(clean, "<a>x</a><a>y</a>");
        let letter = "<a href=\"mailto:a@b.ru?subject=%D0%9F&amp;body=x\">z</a>";
        assert_eq!(sanitize(letter), letter);
    }

    #[test]
    fn safe_markup_stays() {
        let html = "<h2 id=\"itogi\">Итоги</h2>\n<p><a href=\"https://example.ru/a?b=1#c\">ссылка</a> \
                    <a href=\"#fn-1\">1</a> <img src=\"photo.jpg\" alt=\"Фото\"></p>\n\
                    <table><tbody><tr><td style=\"text-align:center\">1</td></tr></tbody></table>";
        assert_eq!(sanitize(html), html);
    }

    #[test]
    fn images_always_have_alt_text() {
        assert_eq!(sanitize("<img src=\"a.png\" onerror=x>"), "<img src=\"a.png\" alt=\"\">");
        assert_eq!(sanitize("<img src=\"a.png\" alt=\"Карта\">"), "<img src=\"a.png\" alt=\"Карта\">");
    }

    #[test]
    fn sanitizing_twice_changes_nothing() {
        let once = sanitize(
            "<p>a <b onclick=x>b</b> <a href=//evil.example/x>c</a><td style=\"color:red;text-align:left\">x</td></p>",
        );
        assert_eq!(sanitize(&once), once);
    }
}
