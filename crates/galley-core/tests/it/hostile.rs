//! Hostile input at every door: the payloads published in advisories against Markdown editors
//! (`tests/hostile/payloads.json`: Joplin, Typora, Mark Text, Zettlr, Obsidian, Boostnote and
//! others, each with its source) driven through the renderer, every export format, the imports of
//! `.md`, `.txt` and `.html` files, and the headline, dek, lead, byline, tags and related links.
//!
//! Every HTML that comes out is read by a real HTML5 parser (html5ever, through `dom_query`) and
//! must hold nothing that runs or leaves: no script but the JSON-LD, no `on*` attribute, no URL
//! outside http(s), mailto and relative ones, no frame, object, embed, base, form, meta refresh,
//! SVG or MathML, no style that loads or computes, no link target. Sanitizing a body again changes
//! nothing. The JSON formats parse, and the fields in them come back exactly as typed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use dom_query::{Document, NodeRef};
use galley_core::model::{Article, ArticleFields, Related, SystemClock, markdown_file};
use galley_core::{ExportFormat, Library, OpenOptions};
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
struct Payload {
    id: String,
    product: String,
    source: String,
    vector: String,
    payload: String,
    note: String,
}

fn payloads() -> Vec<Payload> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile/payloads.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let payloads: Vec<Payload> = serde_json::from_str(&text).expect("payloads.json is an array of payloads");
    for p in &payloads {
        assert!(
            !p.id.is_empty()
                && !p.product.is_empty()
                && p.source.starts_with("https://")
                && !p.vector.is_empty()
                && !p.payload.is_empty()
                && !p.note.is_empty(),
            "every payload names its product, source, vector and what it did: {p:?}"
        );
    }
    payloads
}

fn library(dir: &Path) -> Library {
    Library::open_with(&dir.join("store.sqlite3"), Arc::new(SystemClock), OpenOptions { seed_sample: false })
        .unwrap()
}

/// Counts the payload × door combinations that ran.
#[derive(Default)]
struct Tally {
    combinations: usize,
}

impl Tally {
    fn ran(&mut self) {
        self.combinations += 1;
    }
}

/// Elements that run, load, submit, frame or redirect: never in Galley's output.
const BANNED: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "param", "base", "form",
    "input", "button", "textarea", "select", "option", "link", "template", "svg", "math", "noscript",
    "video", "audio", "source", "track", "portal", "marquee", "keygen", "isindex", "meta", "title",
];

/// Attributes holding a URL the browser may follow or load.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "dynsrc",
    "lowsrc",
    "cite",
    "srcset",
    "ping",
    "codebase",
    "longdesc",
    "manifest",
    "icon",
    "usemap",
];

/// The scheme of a URL as a browser reads it (leading and trailing spaces and controls dropped,
/// tabs and newlines removed), or `None` for a relative URL.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String =
        url.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Judges one HTML output. A standalone document may have its template's head (one `<title>`,
/// `<meta>` without `http-equiv`, the JSON-LD script and one stylesheet); a body has none of it.
fn assert_inert(html: &str, what: &str, document: bool) {
    if let Err(problem) = judge(html, document) {
        panic!("{what}: {problem}");
    }
}

/// What in `html` could run or leave, if anything.
fn judge(html: &str, document: bool) -> Result<(), String> {
    let doc = Document::from(html);
    let (mut json_ld, mut styles, mut titles) = (0, 0, 0);
    let elements: Vec<NodeRef> = doc.root().descendants_it().filter(|n| n.is_element()).collect();
    for node in &elements {
        let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        let in_head = node.ancestors_it(None).any(|a| a.node_name().is_some_and(|n| n.as_ref() == "head"));
        let allowed_in_document = document
            && in_head
            && match name.as_str() {
                "script" => {
                    json_ld += 1;
                    node.attr("type").is_some_and(|t| t.as_ref() == "application/ld+json")
                }
                "style" => {
                    styles += 1;
                    node.attrs().is_empty()
                }
                "title" => {
                    titles += 1;
                    node.element_children().is_empty()
                }
                "meta" => !node.has_attr("http-equiv"),
                _ => false,
            };
        if !allowed_in_document && BANNED.contains(&name.as_str()) {
            return Err(format!("a <{name}> element survived: {}", node.html()));
        }
        for attribute in node.attrs() {
            let attr = match &attribute.name.prefix {
                Some(prefix) => format!("{prefix}:{}", attribute.name.local),
                None => attribute.name.local.to_string(),
            }
            .to_ascii_lowercase();
            let value = attribute.value.to_string();
            if attr.starts_with("on") {
                return Err(format!("a handler survived: {}", node.html()));
            }
            if matches!(attr.as_str(), "srcdoc" | "http-equiv" | "target" | "formtarget") {
                return Err(format!("`{attr}` survived: {}", node.html()));
            }
            if URL_ATTRIBUTES.contains(&attr.as_str()) {
                let urls: Vec<&str> = if attr == "srcset" {
                    value
                        .split(',')
                        .map(|candidate| candidate.trim().split(' ').next().unwrap_or(""))
                        .collect()
                } else {
                    vec![value.as_str()]
                };
                for url in urls {
                    if let Some(scheme) = scheme(url)
                        && !matches!(scheme.as_str(), "http" | "https" | "mailto")
                    {
                        return Err(format!("`{attr}` goes to a `{scheme}:` URL: {}", node.html()));
                    }
                }
            }
            if attr == "style" {
                let style = value.to_ascii_lowercase();
                for bad in ["expression(", "javascript:", "url(", "@import", "behavior"] {
                    if style.contains(bad) {
                        return Err(format!("a style with `{bad}` survived: {}", node.html()));
                    }
                }
            }
        }
    }
    if document {
        if (json_ld, styles, titles) != (1, 1, 1) {
            return Err("more or less than the template's head".to_owned());
        }
        let text = doc.select("head > script").text();
        if text.contains('<') {
            return Err(format!("the JSON-LD can end its element: {text}"));
        }
    } else if (json_ld, styles, titles) != (0, 0, 0) {
        return Err("a script, style or title in a body".to_owned());
    }
    Ok(())
}

/// A body fragment: inert, and the sanitizer has nothing left to take out.
fn assert_clean_body(html: &str, what: &str) {
    assert_inert(html, what, false);
    assert_eq!(galley_render::sanitize::sanitize(html), html, "{what}: sanitizing again changed the body");
}

/// Control characters cannot be in a tag; the rest of a payload can.
fn as_tag(payload: &str) -> String {
    let tag: String = payload.chars().map(|c| if c.is_control() { ' ' } else { c }).take(200).collect();
    if tag.split('/').all(|level| level.trim().is_empty()) { "пусто".to_owned() } else { tag }
}

/// Every export of `article`, judged; the fields' own text must come back exactly.
fn check_exports(library: &Library, article: &Article, what: &str, tally: &mut Tally) {
    let f = &article.fields;

    let fragment = library.export_text(article, ExportFormat::Fragment, None).unwrap().html;
    assert_clean_body(&fragment, &format!("{what}: fragment"));
    tally.ran();

    let html = library.export_text(article, ExportFormat::Html, None).unwrap().html;
    let context = format!("{what}: HTML document");
    assert_inert(&html, &context, true);
    assert!(html.contains(&fragment), "{context}: the body is the sanitized fragment, unchanged");
    let doc = Document::from(html.as_str());
    let json_ld: Value = serde_json::from_str(&doc.select("head > script").text())
        .unwrap_or_else(|e| panic!("{context}: {e}"));
    assert_eq!(json_ld["headline"], f.headline.chars().take(110).collect::<String>(), "{context}");
    if !f.tags.is_empty() {
        assert_eq!(json_ld["keywords"], f.tags.join(", "), "{context}");
        assert_eq!(
            doc.select("meta[name=keywords]").attr("content").map(|c| c.to_string()),
            Some(f.tags.join(", ")),
            "{context}: keywords"
        );
        let listed: Vec<String> = doc.select("ul.tags > li").iter().map(|li| li.text().to_string()).collect();
        assert_eq!(listed, f.tags, "{context}: each tag is one plain list item");
    }
    for author in &f.byline {
        assert!(
            json_ld["author"].as_array().unwrap().iter().any(|a| a["name"] == author.as_str()),
            "{context}: author"
        );
    }
    for (selector, field) in
        [("header > h1", &f.headline), ("header > p.dek", &f.dek), ("header > p.lead", &f.lead)]
    {
        for node in doc.select(selector).nodes() {
            assert!(
                node.element_children().is_empty(),
                "{context}: <{selector}> gained elements: {}",
                node.html()
            );
        }
        if !field.trim().is_empty() {
            assert_eq!(doc.select(selector).length(), 1, "{context}: one {selector}");
        }
    }
    for node in doc.select("title").nodes() {
        assert!(node.element_children().is_empty(), "{context}: <title> gained elements");
    }
    tally.ran();

    let ninjs = library.export_text(article, ExportFormat::Ninjs, None).unwrap().html;
    let context = format!("{what}: NINJS");
    let ninjs: Value = serde_json::from_str(&ninjs).unwrap_or_else(|e| panic!("{context}: {e}"));
    if !f.headline.trim().is_empty() {
        assert_eq!(ninjs["headlines"][0]["value"], f.headline.trim(), "{context}: headline");
    }
    if !f.dek.trim().is_empty() {
        assert_eq!(ninjs["headlines"][1]["value"], f.dek.trim(), "{context}: dek");
    }
    let subjects: Vec<&str> = ninjs["subjects"]
        .as_array()
        .map(|s| s.iter().map(|s| s["name"].as_str().unwrap()).collect())
        .unwrap_or_default();
    assert_eq!(subjects, f.tags.iter().map(String::as_str).collect::<Vec<_>>(), "{context}: tags");
    if let Some(associations) = ninjs["associations"].as_array() {
        for association in associations {
            let href = association["renditions"][0]["href"].as_str().unwrap();
            assert!(
                matches!(scheme(href).as_deref(), Some("http" | "https")),
                "{context}: a related link to {href}"
            );
        }
    }
    if let Some(body) = ninjs["bodies"][0]["value"].as_str() {
        assert_clean_body(body, &format!("{context} body_html"));
    }
    tally.ran();

    let md = library.export_text(article, ExportFormat::Md, None).unwrap().html;
    let parsed = markdown_file::parse(&md).unwrap_or_else(|e| panic!("{what}: Markdown export: {e}"));
    // A key the article's file did not have is not exported either; imported over the article,
    // such a field keeps its stored value (as `Store::create` does with a file's draft).
    let parsed = markdown_file::as_file_gives(f, parsed.draft.fields);
    let expected = ArticleFields { note: String::new(), ..f.clone() };
    assert_eq!(parsed, expected, "{what}: the Markdown export imports back as it was");
    tally.ran();
}

/// An HTML attribute value.
fn attribute_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

const FILLER: &str = "Губернатор Хабаровского края встретился с генеральным консулом Японии. \
    Стороны обсудили энергомост, поставки леса и туристические маршруты между регионами. \
    По словам участников, договорённости будут оформлены до конца года, а первые рейсы откроются весной.";

/// The files a hostile payload can come in as.
fn hostile_files(dir: &Path, index: usize, payload: &str) -> Vec<(PathBuf, &'static str)> {
    let json = serde_json::to_string(payload).unwrap();
    let files = [
        (
            "md-body",
            "md",
            format!("---\nheadline: Заголовок {index}\n---\n{FILLER}\n\n{payload}\n\n{FILLER}\n"),
        ),
        (
            "md-front-matter",
            "md",
            format!(
                "---\ntitle: {json}\nsubtitle: {json}\ndescription: {json}\nauthor: {json}\ntags: [{tag}]\n\
                 related:\n  - title: {json}\n    url: {json}\n---\n{FILLER}\n",
                tag = serde_json::to_string(&as_tag(payload)).unwrap()
            ),
        ),
        ("md-raw", "md", format!("{payload}\n")),
        ("txt-body", "txt", format!("Заголовок {index}\n\n{FILLER}\n\n{payload}\n\n{FILLER}\n")),
        ("txt-raw", "txt", format!("{payload}\n")),
        (
            "html-page",
            "html",
            format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{payload}</title>\
                 <meta name=\"description\" content=\"{escaped}\"><meta property=\"og:title\" content=\"{escaped}\">\
                 <meta name=\"author\" content=\"{escaped}\"><meta name=\"keywords\" content=\"{escaped}\"></head>\
                 <body><article><h1>{payload}</h1><p>{FILLER}</p><p>{FILLER}</p>{payload}<p>{FILLER}</p>\
                 <p>{FILLER}</p></article></body></html>",
                escaped = attribute_escape(payload)
            ),
        ),
    ];
    files
        .into_iter()
        .map(|(door, extension, text)| {
            let path = dir.join(format!("{index:03}-{door}.{extension}"));
            std::fs::write(&path, text).unwrap();
            (path, door)
        })
        .collect()
}

#[test]
fn published_payloads_leave_nothing_that_runs_through_any_door() {
    let payloads = payloads();
    assert!(payloads.len() >= 40, "at least 40 published payloads, not {}", payloads.len());
    let dir = tempfile::tempdir().unwrap();
    let library = library(dir.path());
    let mut tally = Tally::default();

    for p in &payloads {
        let what = format!("{} ({})", p.id, p.source);

        // The renderer: the preview and every export start here.
        for language in ["ru", "en"] {
            let rendered = galley_render::render_body(&p.payload, language);
            assert_clean_body(&rendered.html, &format!("{what}: rendered ({language})"));
            tally.ran();
        }

        // Typed into every field of an article, then exported in every format.
        let article = library
            .create(ArticleFields {
                headline: p.payload.clone(),
                dek: p.payload.clone(),
                lead: p.payload.clone(),
                body: format!("{FILLER}\n\n{}\n\n{FILLER}", p.payload),
                byline: vec![p.payload.clone()],
                dateline: p.payload.clone(),
                section: p.payload.replace('\n', " "),
                tags: vec![as_tag(&p.payload), "Безопасность".to_owned()],
                related: vec![
                    Related { title: p.payload.clone(), url: p.payload.clone() },
                    Related { title: "Ссылка".to_owned(), url: p.payload.trim().to_owned() },
                ],
                ..ArticleFields::default()
            })
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let article = library.article(&article.id.to_string()).unwrap();
        check_exports(&library, &article, &format!("{what}: every field"), &mut tally);
        if p.vector == "related" {
            // The hole this suite found: a related link's URL went into `href` unjudged
            // (`javascript:` survived the template's escaping). Now it is left out, and said so.
            let warnings = library.export_text(&article, ExportFormat::Html, None).unwrap().warnings;
            assert!(warnings.iter().any(|w| w.contains("related link")), "{what}: {warnings:?}");
        }

        // The headline and tags alone: what `<title>`, `<h1>`, the keywords, JSON-LD and NINJS hold.
        let titled = library
            .create(ArticleFields {
                headline: p.payload.clone(),
                tags: vec![as_tag(&p.payload)],
                body: "Текст.".to_owned(),
                ..ArticleFields::default()
            })
            .unwrap();
        check_exports(&library, &titled, &format!("{what}: headline and tag"), &mut tally);
    }

    // The same payloads in files: a .md body, front matter, a bare .md, .txt, and a saved web page.
    let files_dir = dir.path().join("files");
    std::fs::create_dir(&files_dir).unwrap();
    let mut files = Vec::new();
    for (index, p) in payloads.iter().enumerate() {
        for (path, door) in hostile_files(&files_dir, index, &p.payload) {
            files.push((path, door, p));
        }
    }
    let paths: Vec<PathBuf> = files.iter().map(|(path, _, _)| path.clone()).collect();
    let outcomes = library.import_files(&paths);
    let mut refused = Vec::new();
    for ((path, door, p), outcome) in files.iter().zip(outcomes) {
        assert_eq!(&outcome.path, path);
        let what = format!("{} ({}): imported as {door}", p.id, p.source);
        match outcome.result {
            Ok(imported) => {
                let article = library.article(&imported.id.to_string()).unwrap();
                check_exports(&library, &article, &what, &mut tally);
            }
            // A page in which no article is found, or front matter that is not YAML, is refused
            // with a reason: refusing is a safe answer too.
            Err(err) => {
                assert!(err.is_user_error(), "{what}: {err}");
                refused.push(format!("{} as {door}", p.id));
                tally.ran();
            }
        }
    }

    println!(
        "hostile input: {} payloads from {} products, {} payload × door combinations; {} files refused: {}",
        payloads.len(),
        payloads
            .iter()
            .map(|p| p.product.split(" (").next().unwrap_or_default())
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        tally.combinations,
        refused.len(),
        refused.join(", ")
    );
}

/// A body that makes a comrak node every few bytes (raw tags, handlers and `javascript:` links
/// among them) is over the renderer's node budget: every door shows it as plain paragraphs, inert,
/// its words whole and escaped, and says so; the checklist says the body was not checked; its
/// words are counted and found.
#[test]
fn a_body_over_the_node_budget_goes_out_of_every_door_as_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let library = library(dir.path());
    let line = "<b>x</b> <img src=x onerror=alert(1)> [a](javascript:alert(1))\n";
    let dense = line.repeat(galley_render::parse::MAX_NODES / 6);
    let created = library
        .create(ArticleFields {
            headline: "Мост".into(),
            lead: "Лид.".into(),
            // Long enough to stay a paragraph of its own (`unformatted` cuts at most 10,000).
            body: format!("{FILLER} {FILLER}\n\n{dense}\nКривохатьково.\n"),
            ..ArticleFields::default()
        })
        .unwrap();
    let article = library.article(&created.id.to_string()).unwrap();
    check_exports(&library, &article, "a body over the node budget", &mut Tally::default());
    for format in [ExportFormat::Html, ExportFormat::Fragment, ExportFormat::Ninjs] {
        let rendered = library.export_text(&article, format, None).unwrap();
        assert!(
            rendered.warnings.iter().any(|w| w.contains("shown as plain text")),
            "{format:?}: {:?}",
            rendered.warnings
        );
        let html = match format {
            ExportFormat::Ninjs => {
                serde_json::from_str::<Value>(&rendered.html).unwrap()["bodies"][0]["value"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            }
            _ => rendered.html,
        };
        assert!(html.contains(&format!("<p>{FILLER} {FILLER}</p>")), "{format:?}");
        assert_eq!(
            html.matches("&lt;img src=x onerror=alert(1)&gt; [a](javascript:alert(1))").count(),
            galley_render::parse::MAX_NODES / 6,
            "{format:?}"
        );
    }
    let codes: Vec<_> = library.check(&created.id.to_string()).unwrap().iter().map(|p| p.code).collect();
    assert!(codes.contains(&"body_not_checked"), "{codes:?}");
    assert!(library.stats(&created.id.to_string()).unwrap().body.words > 100_000);
    let found = library.search("Кривохатьково", 10).unwrap();
    assert_eq!(found.len(), 1, "the last word of the body is indexed");
}

#[test]
fn the_judge_catches_what_it_must() {
    // The checks above are only as good as this function: each of these must fail it.
    for bad in [
        "<p><script>x</script></p>",
        "<p><img src=x onerror=x></p>",
        "<p><a href=\"java&#x09;script:x\">a</a></p>",
        "<p><a href=\" JAVASCRIPT:x\">a</a></p>",
        "<p><a href=\"file:///etc/passwd\">a</a></p>",
        "<p><a href=\"smb://host/share\">a</a></p>",
        "<p><a href=\"obsidian://open\">a</a></p>",
        "<p><a href=\"https://x\" target=\"_blank\">a</a></p>",
        "<iframe srcdoc=\"x\"></iframe>",
        "<svg><a xlink:href=\"javascript:x\"><text>x</text></a></svg>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://example.invalid\">",
        "<base href=\"https://example.invalid/\">",
        "<form action=\"https://example.invalid\"></form>",
        "<p style=\"background:url(javascript:x)\">x</p>",
        "<img srcset=\"a.png 1x, javascript:x 2x\">",
    ] {
        assert!(judge(bad, false).is_err(), "the judge let `{bad}` through");
    }
    for good in [
        "<p><a href=\"https://example.com/a?b#c\">a</a> <a href=\"#fn-1\">1</a> <a href=\"mailto:desk@example.com\">m</a></p>",
        "<p><a href=\"relative/page.html\">r</a> <a href=\"[x](javascript:y)\">not a scheme</a></p>",
    ] {
        assert_eq!(judge(good, false), Ok(()), "{good}");
    }
}
