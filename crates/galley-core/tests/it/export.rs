//! Export through the Library: every format, the Markdown round trip, templates, hostile input.

use std::sync::Arc;

use galley_core::model::{ArticleFields, RevisionReason, SystemClock, markdown_file};
use galley_core::{ExportFormat, Library, OpenOptions, Selection};

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open_with(
        &dir.path().join("store.sqlite3"),
        Arc::new(SystemClock),
        OpenOptions { seed_sample: false },
    )
    .unwrap();
    (dir, library)
}

#[test]
fn a_markdown_export_imports_back_as_the_same_article() {
    let (_dir, library) = library();
    let mut corpus = galley_corpus::Corpus::new(7);
    let drafts: Vec<_> = (0..300).map(|i| corpus.article(i)).collect();
    let stored = library.create_many(drafts, RevisionReason::Import).unwrap();
    for result in stored {
        let id = result.unwrap().article.id.to_string();
        let article = library.article(&id).unwrap();
        let exported = library.export_text(&article, ExportFormat::Md, None).unwrap().html;
        let parsed = markdown_file::parse(&exported).unwrap();
        assert_eq!(parsed.warnings, Vec::<String>::new(), "{id}");
        assert_eq!(parsed.draft.id, Some(article.id));
        assert_eq!(parsed.draft.created_at, Some(article.created_at));
        assert_eq!(parsed.draft.updated_at, Some(article.updated_at));
        let expected = ArticleFields { note: String::new(), ..article.fields.clone() };
        assert_eq!(parsed.draft.fields, expected, "{id}: everything but the editor's note comes back");
        assert!(
            article.fields.note.is_empty() || !exported.contains(&article.fields.note),
            "the note stays home"
        );
    }
}

#[test]
fn reimporting_an_export_keeps_the_editors_note() {
    let (dir, library) = library();
    let article = library
        .create(ArticleFields {
            headline: "Заметка".into(),
            note: "позвонить источнику".into(),
            ..ArticleFields::default()
        })
        .unwrap();
    let path = dir.path().join("zametka.md");
    library
        .export(&Selection::Article(article.id.to_string()), ExportFormat::Md, &path, None, None, |_, _| {})
        .unwrap();
    assert!(!std::fs::read_to_string(&path).unwrap().contains("позвонить"));
    let outcome = library.import_files(&[path]).remove(0).result.unwrap();
    assert!(!outcome.created);
    assert_eq!(library.article(&article.id.to_string()).unwrap().fields.note, "позвонить источнику");
}

#[test]
fn a_tag_exports_one_file_per_article_named_by_slug() {
    let (dir, library) = library();
    for headline in ["Первая новость", "Вторая новость"] {
        library
            .create(ArticleFields {
                headline: headline.into(),
                tags: vec!["Регионы/Приморье".into()],
                ..ArticleFields::default()
            })
            .unwrap();
    }
    library.create(ArticleFields { headline: "Другая".into(), ..ArticleFields::default() }).unwrap();
    let out = dir.path().join("export");
    let mut seen = Vec::new();
    let report = library
        .export(
            &Selection::Tag("Регионы".into()),
            ExportFormat::Ninjs,
            &out,
            None,
            None,
            |done, total| seen.push((done, total)),
        )
        .unwrap();
    assert_eq!(report.failed(), 0);
    assert_eq!(seen, [(1, 2), (2, 2)]);
    let mut names: Vec<_> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["pervaia-novost.json", "vtoraia-novost.json"]);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("pervaia-novost.json")).unwrap()).unwrap();
    assert_eq!(json["headlines"][0]["value"], "Первая новость");
}

#[test]
fn a_users_template_is_used_and_a_broken_one_names_its_line() {
    let (dir, library) = library();
    assert_eq!(library.templates().unwrap(), Vec::<String>::new(), "no templates folder yet");
    let article =
        library.create(ArticleFields { headline: "С шаблоном".into(), ..ArticleFields::default() }).unwrap();
    let templates = library.templates_folder();
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("plain.html"),
        "<!DOCTYPE html><title>{{ title }}</title><p>{{ slug }}</p>{{ body | safe }}",
    )
    .unwrap();
    std::fs::write(templates.join("broken.html"), "<p>\n{{ title }\n</p>").unwrap();
    std::fs::write(templates.join("notes.txt"), "not a template").unwrap();
    assert_eq!(library.templates().unwrap(), ["broken", "plain"], "the export dialog offers these");
    let out = dir.path().join("a.html");
    library
        .export(
            &Selection::Article(article.id.to_string()),
            ExportFormat::Html,
            &out,
            Some("plain"),
            None,
            |_, _| {},
        )
        .unwrap();
    // Read and written again as a whole document (a user's template is sanitized as one).
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "<!DOCTYPE html><html><head><title>С&nbsp;шаблоном</title></head><body><p>s-shablonom</p></body></html>"
    );

    let err = library
        .export(
            &Selection::Article(article.id.to_string()),
            ExportFormat::Html,
            &out,
            Some("broken"),
            None,
            |_, _| {},
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("broken.html") && err.contains("line 2"), "{err}");
    let missing = library
        .export(
            &Selection::Article(article.id.to_string()),
            ExportFormat::Html,
            &out,
            Some("nope"),
            None,
            |_, _| {},
        )
        .unwrap_err()
        .to_string();
    assert!(missing.contains("no template `nope`"), "{missing}");
}

/// A 1×1 PNG.
const PIXEL: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00,
    0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05,
    0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42,
    0x60, 0x82,
];

#[test]
fn attached_images_are_embedded_or_written_beside_the_export() {
    let (dir, library) = library();
    let article = library
        .create(ArticleFields {
            headline: "С картой".into(),
            body: "Текст.\n".into(),
            ..ArticleFields::default()
        })
        .unwrap();
    let image = dir.path().join("map.png");
    std::fs::write(&image, PIXEL).unwrap();
    let id = article.id.to_string();
    let attached = library.attach_image(&id, &image, "Карта [района]").unwrap();
    let hash = blake3_hex(PIXEL);
    assert_eq!(attached.fields.body, format!("Текст.\n\n![Карта района](assets/{hash}.png)\n"));
    // The same image again is stored once.
    library.attach_image(&id, &image, "Ещё раз").unwrap();

    let embedded = dir.path().join("embedded.html");
    library
        .export(&Selection::Article(id.clone()), ExportFormat::Html, &embedded, None, None, |_, _| {})
        .unwrap();
    let html = std::fs::read_to_string(&embedded).unwrap();
    assert!(html.contains("<img src=\"data:image/png;base64,iVBORw0KGgo"), "embedded as a data URI");
    assert!(html.contains("alt=\"Карта района\""));

    let out = dir.path().join("site");
    std::fs::create_dir(&out).unwrap();
    let assets = out.join("img");
    library
        .export(&Selection::Article(id.clone()), ExportFormat::Fragment, &out, None, Some(&assets), |_, _| {})
        .unwrap();
    let fragment = std::fs::read_to_string(out.join("s-kartoi.fragment.html")).unwrap();
    assert!(fragment.contains(&format!("src=\"img/{hash}.png\"")), "{fragment}");
    assert_eq!(std::fs::read(assets.join(format!("{hash}.png"))).unwrap(), PIXEL);

    let svg = dir.path().join("evil.svg");
    std::fs::write(&svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>").unwrap();
    let refused = library.attach_image(&id, &svg, "").unwrap_err();
    assert!(
        refused.is_user_error() && refused.to_string().contains("not a PNG, JPEG, GIF or WebP"),
        "{refused}"
    );
}

/// A user's template is sanitized again before its images are embedded: Galley's `data:` images
/// survive it, a `data:` address the template writes does not, and the export says so.
#[test]
fn images_galley_embeds_survive_a_users_template_and_its_own_data_urls_do_not() {
    let (dir, library) = library();
    let article = library
        .create(ArticleFields {
            headline: "С картой".into(),
            body: "Текст.\n".into(),
            ..ArticleFields::default()
        })
        .unwrap();
    let image = dir.path().join("map.png");
    std::fs::write(&image, PIXEL).unwrap();
    let id = article.id.to_string();
    library.attach_image(&id, &image, "Карта").unwrap();
    let templates = library.templates_folder();
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("site.html"),
        "<!DOCTYPE html><title>{{ title }}</title><main>{{ body | safe }}</main>\
         <img src=\"data:image/svg+xml,%3Csvg onload=alert(1)%3E\" alt=\"\">",
    )
    .unwrap();
    let out = dir.path().join("site.html");
    let report = library
        .export(&Selection::Article(id), ExportFormat::Html, &out, Some("site"), None, |_, _| {})
        .unwrap();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<img src=\"data:image/png;base64,iVBORw0KGgo"), "{html}");
    assert!(!html.contains("svg+xml"), "{html}");
    assert!(
        report.files[0]
            .warnings
            .iter()
            .any(|w| w.starts_with("template `site.html`: `src` of <img> was removed")),
        "{:?}",
        report.files[0].warnings
    );
}

fn blake3_hex(bytes: &[u8]) -> String {
    // The asset path names the BLAKE3 hash; the store is the reference for computing it.
    let dir = tempfile::tempdir().unwrap();
    let store = galley_store::Store::open(&dir.path().join("s.sqlite3")).unwrap();
    store.put_asset(bytes, "image/png", "2026-01-01T00:00:00Z".parse().unwrap()).unwrap()
}

/// Payloads from advisories against Markdown editors: none may survive as executable HTML in any
/// format that carries HTML.
#[test]
fn hostile_markdown_leaves_nothing_executable_in_any_format() {
    let (_dir, library) = library();
    let payloads = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[a](javascript:alert(1))",
        "[a](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[a](JaVaScRiPt:alert(1))",
        "<a href=\"jav&#x09;ascript:alert(1)\">a</a>",
        "<svg onload=alert(1)>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<details open ontoggle=alert(1)>",
        "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![a](javascript:alert(1))",
        "<object data=javascript:alert(1)>",
        "<embed src=javascript:alert(1)>",
        "<form><button formaction=javascript:alert(1)>x</button></form>",
        "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<style>@import 'javascript:alert(1)';</style>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<base href=\"javascript:alert(1)//\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<video><source onerror=alert(1)></video>",
        "<body onload=alert(1)>",
        "<input autofocus onfocus=alert(1)>",
        "[x](file:///etc/passwd)",
    ];
    for payload in payloads {
        let article = library
            .create(ArticleFields {
                headline: format!("{payload} «заголовок»"),
                lead: payload.into(),
                body: format!("Текст.\n\n{payload}\n\nЕщё текст."),
                tags: vec![payload.chars().filter(|c| *c != '/').collect()],
                ..ArticleFields::default()
            })
            .unwrap();
        for format in [ExportFormat::Html, ExportFormat::Fragment, ExportFormat::Ninjs] {
            let text = library.export_text(&article, format, None).unwrap().html;
            let html = match format {
                // NINJS carries HTML in a JSON string: judge that HTML.
                ExportFormat::Ninjs => serde_json::from_str::<serde_json::Value>(&text).unwrap()["bodies"][0]
                    ["value"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                _ => text.clone(),
            };
            let without_json_ld = match html.find("<script type=\"application/ld+json\">") {
                Some(start) => {
                    let end = html[start..].find("</script>").map_or(html.len(), |i| start + i + 9);
                    format!("{}{}", &html[..start], &html[end..])
                }
                None => html.clone(),
            };
            for tag in tags(&without_json_ld) {
                let lower = tag.to_lowercase();
                let name: String = lower
                    .trim_start_matches(['<', '/'])
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                // The document's own <body>, <meta charset>, <style> are the template's; the rest is banned.
                let refresh = attributes(&lower).iter().any(|(attribute, _)| attribute == "http-equiv");
                let template_tag = format == ExportFormat::Html
                    && (name == "body" || name == "style" || (name == "meta" && !refresh));
                let banned = [
                    "script", "iframe", "svg", "math", "object", "embed", "form", "input", "button", "base",
                    "meta", "style", "video", "source", "body",
                ];
                assert!(
                    template_tag || !banned.contains(&name.as_str()),
                    "{format:?} of `{payload}` has the tag {tag}"
                );
                for (attribute, value) in attributes(&lower) {
                    assert!(!attribute.starts_with("on"), "{format:?} of `{payload}` has a handler: {tag}");
                    let url_attribute = [
                        "href",
                        "src",
                        "action",
                        "formaction",
                        "data",
                        "xlink:href",
                        "poster",
                        "cite",
                        "srcset",
                    ];
                    if url_attribute.contains(&attribute.as_str()) {
                        for bad in ["javascript:", "vbscript:", "data:", "file:"] {
                            assert!(
                                !value.contains(bad),
                                "{format:?} of `{payload}` links to `{bad}`: {tag}"
                            );
                        }
                    }
                }
            }
            if format == ExportFormat::Html {
                assert_eq!(html.matches("<script").count(), 1, "only the JSON-LD is a script: {payload}");
                assert_eq!(html.matches("<style").count(), 1, "only the template's style: {payload}");
                assert_eq!(html.matches("<body").count(), 1, "{payload}");
                let json_ld = &html[html.find("ld+json\">").unwrap()..];
                let json_ld = &json_ld[..json_ld.find("</script>").unwrap()];
                assert!(!json_ld.contains('<'), "the JSON-LD cannot close its element: {json_ld}");
            }
        }
    }
}

/// The tags of an HTML text (escaped text such as `&lt;img&gt;` is not a tag).
fn tags(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        if after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
            let end = after.find('>').map_or(after.len(), |i| i + 1);
            found.push(&rest[start..start + 1 + end]);
            rest = &after[end..];
        } else {
            rest = after;
        }
    }
    found
}

/// The attributes of a tag as (name, value), read as a browser would: quoted values may hold spaces.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let inner = tag.trim_start_matches('<').trim_end_matches('>').trim_end_matches('/');
    let mut chars = inner.char_indices().peekable();
    // Skip the tag name.
    while chars.next_if(|(_, c)| !c.is_whitespace()).is_some() {}
    let mut found = Vec::new();
    loop {
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let mut name = String::new();
        while let Some((_, c)) = chars.next_if(|(_, c)| !c.is_whitespace() && *c != '=') {
            name.push(c);
        }
        if name.is_empty() {
            break;
        }
        let mut value = String::new();
        if chars.next_if(|(_, c)| *c == '=').is_some() {
            match chars.peek().map(|(_, c)| *c) {
                Some(quote @ ('"' | '\'')) => {
                    chars.next();
                    for (_, c) in chars.by_ref() {
                        if c == quote {
                            break;
                        }
                        value.push(c);
                    }
                }
                _ => {
                    while let Some((_, c)) = chars.next_if(|(_, c)| !c.is_whitespace()) {
                        value.push(c);
                    }
                }
            }
        }
        found.push((name, value));
    }
    found
}
