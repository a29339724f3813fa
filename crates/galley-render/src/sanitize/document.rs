//! A whole HTML document a user's template wrote, cleaned as one tree.
//!
//! The body's own sanitizer cleans fragments and would strip what a page needs around them
//! (`<html lang>`, `<head>`, `<title>`, `<meta>`, the stylesheet, the JSON-LD). This reads the
//! document with html5ever (through `dom_query`), keeps the head's few elements by rules of its
//! own, and gives the body to the article's ammonia allowlist, widened only by the page's structure
//! (`main`, `article`, `header`, `footer`, `aside`, `nav`, `div`, `time datetime`; `class`,
//! `aria-labelledby`, a link's `rel`). What it removes is counted, before and after, and reported.
//! `sanitize_document_around` cleans a page in which markers stand for the article's body, and says
//! whether each sits where the body, put in afterwards unread, reads as it did alone.
//! Galley's built-in template does not come through here: its output is Galley's own.

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use ammonia::Builder;
use dom_query::{Document, NodeRef};

use super::{article_allowlist, css, with_alt_text};
use crate::document::script_safe;

/// Attributes any element of the document may keep (the body's allowlist adds its own per tag).
const GENERIC: [&str; 5] = ["id", "lang", "dir", "class", "aria-labelledby"];

/// Elements whose content goes with them: kept as text it would show markup, or a frame's page.
const DROPPED_WITH_CONTENT: [&str; 16] = [
    "iframe", "frame", "frameset", "noscript", "noembed", "noframes", "object", "embed", "applet",
    "template", "svg", "math", "textarea", "select", "title", "xmp",
];

static BODY: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = article_allowlist();
    builder
        .add_tags(&["main", "article", "header", "footer", "aside", "nav", "div", "time"])
        .add_generic_attributes(&["class", "aria-labelledby"])
        .add_tag_attributes("time", &["datetime"])
        // `rel` on a link only names the relation (`noopener noreferrer`): it loads nothing.
        .add_tag_attributes("a", &["rel"])
        .add_clean_content_tags(&DROPPED_WITH_CONTENT);
    builder
});

static BODY_TAGS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| BODY.clone_tags());

/// Cleans `html`, a whole document, and says what was removed (one line per kind of element or
/// attribute, with how many): the head keeps `<title>`, `<meta>` with `name`, `content`,
/// `property` or `charset` (no `http-equiv`: a refresh navigates), `<script>` only as JSON-LD
/// (its text escaped so it cannot end the element) and `<style>` only when it reaches nothing
/// outside the page; the body keeps what the article's sanitizer keeps, plus the page's structure;
/// `<html>` and `<body>` keep `lang`, `dir`, `id`, `class`. Comments go, unreported.
pub fn sanitize_document(html: &str, warnings: &mut Vec<String>) -> String {
    let doc = Document::from(html);
    warnings.extend(clean(&doc).lines());
    doc.html().to_string()
}

/// [`sanitize_document`] for a page in which each `marker` stands for the article's body, HTML the
/// article's sanitizer wrote, to be put in after: the page is read and cleaned with the markers
/// in it, and comes back with them. Only where the body reads as it read alone: where the parser
/// put each marker (before anything is cleaned away) is text of the page's body inside nothing but
/// [`FLOW`] elements (and the table around a cell), with no table after it that it could have been
/// moved out of, so that no element of the body closes one of the page, joins it or is moved. None
/// when a marker came out anywhere else (in the head, an attribute, a paragraph, a link, a table…)
/// or went with what the cleaning removed: the caller reads the page whole.
pub(crate) fn sanitize_document_around(
    html: &str,
    marker: &str,
    warnings: &mut Vec<String>,
) -> Option<String> {
    let doc = Document::from(html);
    let mut in_flow = 0;
    for text in doc.root().descendants_it().filter(NodeRef::is_text) {
        let markers = text.text().matches(marker).count();
        if markers > 0 {
            if !reads_as_alone(&text) {
                return None;
            }
            in_flow += markers;
        }
    }
    if html.matches(marker).count() != in_flow {
        return None;
    }
    let report = clean(&doc);
    let page = doc.html().to_string();
    if page.matches(marker).count() != in_flow {
        return None;
    }
    warnings.extend(report.lines());
    Some(page)
}

/// Elements in which the article's body reads as it does alone (as the content of a `<body>`):
/// none of them is closed by an element the body starts (as a `<p>` is by a `<p>`), joins the
/// body's formatting (`<b>`, `<a>`) or takes only some of its elements (`<ul>`, `<table>`).
const FLOW: [&str; 13] = [
    "body",
    "main",
    "article",
    "section",
    "header",
    "footer",
    "aside",
    "nav",
    "div",
    "blockquote",
    "figure",
    "td",
    "th",
];

/// Whether `text` sits in the page's body inside flow elements only: its parent one of them, and
/// every element up to `<body>` one of them or the table that holds a cell. Text the parser meets
/// in a table (not in a cell) it moves out, before the table: no table may follow it.
fn reads_as_alone(text: &NodeRef) -> bool {
    let mut next = text.next_sibling();
    while let Some(sibling) = next {
        if name_of(&sibling) == "table" {
            return false;
        }
        next = sibling.next_sibling();
    }
    let mut parent = true;
    for ancestor in text.ancestors_it(None) {
        let name = name_of(&ancestor);
        let table = matches!(name.as_str(), "table" | "thead" | "tbody" | "tfoot" | "tr");
        if !FLOW.contains(&name.as_str()) && (parent || !table) {
            return false;
        }
        if name == "body" {
            return true;
        }
        parent = false;
    }
    false
}

/// Cleans a parsed document in place and says what went.
fn clean(doc: &Document) -> Report {
    let mut report = Report::default();
    for node in doc.root().children() {
        if node.is_comment() {
            node.remove_from_parent();
        } else if node.is_element() {
            // The parser always makes `<html>` the one element at the root.
            keep_attributes(&node, "html", &[], &mut report);
            clean_html_children(&node, &mut report);
        }
    }
    report
}

fn clean_html_children(html: &NodeRef, report: &mut Report) {
    for child in html.children() {
        if child.is_comment() {
            child.remove_from_parent();
        } else if child.is_element() {
            match name_of(&child).as_str() {
                "head" => {
                    keep_attributes(&child, "head", &[], report);
                    clean_head(&child, report);
                }
                "body" => {
                    keep_attributes(&child, "body", &[], report);
                    clean_body(&child, report);
                }
                other => {
                    report.element(other, 1);
                    child.remove_from_parent();
                }
            }
        }
    }
}

/// The head holds only what the parser lets in (`title`, `meta`, `script`, `style`, `link`,
/// `base`, `noscript`, `template`, …) and whitespace.
fn clean_head(head: &NodeRef, report: &mut Report) {
    for child in head.children() {
        if child.is_comment() {
            child.remove_from_parent();
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let name = name_of(&child);
        let keep = match name.as_str() {
            "title" => true,
            "meta" if child.has_attr("http-equiv") => {
                report.line(
                    "<meta http-equiv>".into(),
                    1,
                    "`http-equiv` can reload the page or send it elsewhere",
                );
                child.remove_from_parent();
                continue;
            }
            "meta" => true,
            "script" => is_json_ld(&child),
            "style" => {
                match css::loads_or_runs(&child.text()) {
                    None => true,
                    Some(found) => {
                        report.line(
                        "<style>".into(),
                        1,
                        &format!("it reaches outside the page (`{found}`): an export loads nothing from elsewhere"),
                    );
                        child.remove_from_parent();
                        continue;
                    }
                }
            }
            _ => false,
        };
        if !keep {
            report.element(&name, 1);
            child.remove_from_parent();
            continue;
        }
        let own: &[&str] = match name.as_str() {
            "meta" => &["name", "content", "property", "charset"],
            "script" => &["type"],
            _ => &[],
        };
        keep_attributes(&child, &name, own, report);
        if name == "script" {
            // Parsed script text cannot hold `</script>`, except inside `<!--<script>`; with no `<`
            // at all it can neither end the element nor enter those states.
            let text = child.text();
            let safe = script_safe(&text);
            if safe != *text {
                child.set_text(safe);
            }
        }
    }
}

fn is_json_ld(script: &NodeRef) -> bool {
    script.attr("type").is_some_and(|kind| kind.trim().eq_ignore_ascii_case("application/ld+json"))
}

/// The body through the article's allowlist, widened by the page's structure. What went is found
/// by counting elements and attributes before and after, so the report says what ammonia did.
fn clean_body(body: &NodeRef, report: &mut Report) {
    let before = Census::of(body);
    let cleaned = with_alt_text(&BODY.clean(&body.inner_html()).to_string());
    body.set_html(cleaned);
    let after = Census::of(body);
    for (name, count) in &before.elements {
        let left = after.elements.get(name).copied().unwrap_or(0);
        if left < *count {
            report.element(name, count - left);
        }
    }
    for ((tag, attribute), count) in &before.attributes {
        let left = after.attributes.get(&(tag.clone(), attribute.clone())).copied().unwrap_or(0);
        // An attribute of an element that went is not reported again.
        if left < *count && BODY_TAGS.contains(tag.as_str()) {
            report.attribute(tag, attribute, count - left);
        }
    }
}

/// How many of each element and of each attribute of an element a tree holds.
#[derive(Default)]
struct Census {
    elements: BTreeMap<String, usize>,
    attributes: BTreeMap<(String, String), usize>,
}

impl Census {
    fn of(root: &NodeRef) -> Census {
        let mut census = Census::default();
        for node in root.descendants_it().filter(NodeRef::is_element) {
            let name = name_of(&node);
            for attribute in node.attrs() {
                let key =
                    (name.clone(), attribute_name(attribute.name.prefix.as_deref(), &attribute.name.local));
                *census.attributes.entry(key).or_default() += 1;
            }
            *census.elements.entry(name).or_default() += 1;
        }
        census
    }
}

/// Removes every attribute of `node` but the generic ones and `own`, reporting each.
fn keep_attributes(node: &NodeRef, tag: &str, own: &[&str], report: &mut Report) {
    for attribute in node.attrs() {
        let name = attribute_name(attribute.name.prefix.as_deref(), &attribute.name.local);
        if !GENERIC.contains(&name.as_str()) && !own.contains(&name.as_str()) {
            report.attribute(tag, &name, 1);
            node.remove_attr(&attribute.name.local);
        }
    }
}

fn name_of(node: &NodeRef) -> String {
    node.node_name().map(|name| name.to_ascii_lowercase()).unwrap_or_default()
}

fn attribute_name(prefix: Option<&str>, local: &str) -> String {
    match prefix {
        Some(prefix) => format!("{prefix}:{local}"),
        None => local.to_owned(),
    }
    .to_ascii_lowercase()
}

/// What was removed, one line per kind, in the order met, counts added up.
#[derive(Default)]
struct Report {
    lines: Vec<(String, usize, String)>,
}

impl Report {
    fn line(&mut self, what: String, count: usize, why: &str) {
        match self.lines.iter_mut().find(|(seen, _, _)| *seen == what) {
            Some((_, total, _)) => *total += count,
            None => self.lines.push((what, count, why.to_owned())),
        }
    }

    fn element(&mut self, name: &str, count: usize) {
        let why = match name {
            "script" => {
                "an export runs no script; the one kept is JSON-LD (`<script type=\"application/ld+json\">`) in the head"
            }
            "style" => "a stylesheet is kept in the head only",
            "link" | "base" | "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "video"
            | "audio" | "source" | "track" | "picture" | "portal" => "an export loads nothing from elsewhere",
            "form" | "input" | "button" | "textarea" | "select" | "option" | "label" | "fieldset" => {
                "an export has no forms"
            }
            _ => "not among the elements a published article keeps",
        };
        self.line(format!("<{name}>"), count, why);
    }

    fn attribute(&mut self, tag: &str, attribute: &str, count: usize) {
        let why = if attribute.starts_with("on") {
            "event handlers run script"
        } else if matches!((tag, attribute), ("a", "href") | ("img", "src") | ("q", "cite")) {
            "links and images may only go to http(s), mailto, a relative path or an #anchor"
        } else if attribute == "style" {
            "inline styles are kept only as a table cell's `text-align`; styles go in the head's <style>"
        } else {
            "not among the attributes a published article keeps"
        };
        self.line(format!("`{attribute}` of <{tag}>"), count, why);
    }

    fn lines(self) -> impl Iterator<Item = String> {
        self.lines.into_iter().map(|(what, count, why)| {
            let times = if count > 1 { format!(" ({count} times)") } else { String::new() };
            format!("{what} was removed{times}: {why}")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARKER: &str = "galley-body-0123456789abcdef";

    fn around(page: &str) -> Option<String> {
        sanitize_document_around(page, MARKER, &mut Vec::new())
    }

    #[test]
    fn a_body_where_it_reads_as_alone_is_left_to_be_put_in() {
        for (inside, outside) in [
            ("", ""),
            ("<main><article><div class=\"body\">", "</div></article></main>"),
            ("<section><blockquote>", "</blockquote></section>"),
            ("<table><tbody><tr><td>", "</td></tr></tbody></table>"),
            ("<figure><header>x</header>", "<footer>y</footer></figure>"),
        ] {
            let page = format!(
                "<!DOCTYPE html><html><head><title>t</title></head><body>{inside}{MARKER}{outside}</body></html>"
            );
            let cleaned = around(&page).unwrap_or_else(|| panic!("{page}"));
            assert!(cleaned.contains(&format!("{inside}{MARKER}{outside}")), "{cleaned}");
        }
        let twice = around(&format!("<body><div onclick=\"x\">{MARKER}</div><div>x {MARKER} y</div></body>"))
            .unwrap();
        assert_eq!(
            twice,
            format!("<html><head></head><body><div>{MARKER}</div><div>x {MARKER} y</div></body></html>")
        );
    }

    /// Where the page around the body would change how it reads, or where it is not text of the
    /// page's body, the page is left to be read whole.
    #[test]
    fn a_body_anywhere_else_is_not_put_in() {
        for page in [
            format!("<body><p>{MARKER}</p></body>"),
            format!("<body><div><a href=\"/x\">{MARKER}</a></div></body>"),
            format!("<body><b>{MARKER}</b></body>"),
            format!("<body><ul><li>{MARKER}</li></ul></body>"),
            format!("<body><h1>{MARKER}</h1></body>"),
            format!("<body><pre>{MARKER}</pre></body>"),
            format!("<head><title>{MARKER}</title></head><body></body>"),
            format!("<head><script type=\"application/ld+json\">{MARKER}</script></head>"),
            format!("<body><div title=\"{MARKER}\">x</div></body>"),
            format!("<body><img src=\"a.png\" alt=\"{MARKER}\"></body>"),
            format!("<!DOCTYPE {MARKER}><body></body>"),
            format!("<body><table>{MARKER}<tr><td>x</td></tr></table></body>"),
            format!("<body><table><tr><td><table>{MARKER}<div>moved</div></table></td></tr></table></body>"),
            format!("<body><div>{MARKER}<table><tr><td>x</td></tr></table></div></body>"),
            format!("<body><button><div>{MARKER}</div></button></body>"),
        ] {
            assert_eq!(around(&page), None, "{page}");
        }
        // Nor where the page goes with it: what the body would leave behind is for the whole
        // page to tell.
        for page in [
            format!("<body><!-- {MARKER} --></body>"),
            format!("<body><iframe>{MARKER}</iframe></body>"),
            format!("<body><div>{MARKER}</div><div title=\"{MARKER}\">x</div></body>"),
        ] {
            assert_eq!(around(&page), None, "{page}");
        }
    }
}
