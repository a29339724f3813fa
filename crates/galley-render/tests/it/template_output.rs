//! A user's export template writes markup of its own: its whole output is sanitized again as a
//! document, and each thing removed is a warning naming the template.

use dom_query::Document;
use galley_model::{Article, ArticleFields, Related};
use galley_render::document::{BUILTIN_TEMPLATE, standalone_html};
use galley_render::sanitize::sanitize_document;

fn article() -> Article {
    Article {
        id: "0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e".parse().unwrap(),
        fields: ArticleFields {
            headline: "Мост откроют в\u{a0}мае".into(),
            dek: "Ремонт закончат раньше срока".into(),
            lead: "Мэрия назвала дату.".into(),
            byline: vec!["Анна Петрова".into()],
            dateline: "Казань".into(),
            section: "Город".into(),
            tags: vec!["мосты".into(), "ремонт".into()],
            related: vec![Related { title: "Прошлый ремонт".into(), url: "https://example.ru/2024/most".into() }],
            body: "Первый абзац с [ссылкой](https://example.ru/a) и сноской[^1].\n\n\
                   ## Итоги\n\n> Цитата.\n\n| Год | Цена |\n|:----|-----:|\n| 2026 | 10 |\n\n\
                   ![Схема моста](assets/0000000000000000000000000000000000000000000000000000000000000000.png)\n\n\
                   [^1]: Сноска.\n"
                .into(),
            language: "ru".into(),
            ..ArticleFields::default()
        },
        created_at: "2026-09-01T07:16:47Z".parse().unwrap(),
        updated_at: "2026-09-04T18:03:12Z".parse().unwrap(),
        revision: 1,
    }
}

/// A page around the article as a template writes it, with `head` and `body` of the test's own.
fn page(head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{{{{ lang }}}}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{{{{ title }}}}</title>\n{head}\n</head>\n<body>\n{body}\n{{{{ body | safe }}}}\n</body>\n</html>\n"
    )
}

#[track_caller]
fn export(name: &str, template: &str) -> (String, Vec<String>) {
    let rendered = standalone_html(&article(), Some((name, template))).unwrap();
    (rendered.html, rendered.warnings)
}

/// Elements that run, load, submit, frame or redirect.
const BANNED: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "input", "button",
    "textarea", "select", "link", "template", "svg", "math", "noscript", "video", "audio", "source",
    "portal",
];

/// What in a document could run or leave, read with an HTML5 parser as a browser reads it.
#[track_caller]
fn assert_inert(html: &str) {
    let doc = Document::from(html);
    for node in doc.root().descendants_it().filter(|n| n.is_element()) {
        let name = node.node_name().unwrap().to_ascii_lowercase();
        let in_head = node.ancestors_it(None).any(|a| a.node_name().is_some_and(|n| n.as_ref() == "head"));
        assert!(!BANNED.contains(&name.as_str()), "a <{name}> survived: {html}");
        match name.as_str() {
            "script" => {
                assert!(in_head, "a script in the body: {html}");
                assert!(node.attr("type").unwrap().eq_ignore_ascii_case("application/ld+json"), "{html}");
                assert!(!node.text().contains('<'), "the JSON-LD can end its element: {html}");
            }
            "style" => {
                assert!(in_head, "a style in the body: {html}");
                let css = node.text().to_ascii_lowercase();
                assert!(!css.contains("url(") && !css.contains("@import") && !css.contains('\\'), "{css}");
            }
            "meta" => assert!(!node.has_attr("http-equiv"), "{html}"),
            _ => {}
        }
        for attribute in node.attrs() {
            let attr = attribute.name.local.to_string().to_ascii_lowercase();
            let value = attribute.value.to_string().to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "a handler survived: {}", node.html());
            assert!(!matches!(attr.as_str(), "srcdoc" | "http-equiv" | "background"), "{}", node.html());
            if attr == "style" {
                assert!(
                    matches!(name.as_str(), "td" | "th") && value.starts_with("text-align:"),
                    "{}",
                    node.html()
                );
            }
            if matches!(attr.as_str(), "href" | "src" | "cite" | "action" | "formaction" | "data" | "poster")
            {
                let scheme = value.trim().split_once(':').map(|(s, _)| s.to_owned());
                assert!(
                    scheme
                        .is_none_or(|s| ["http", "https", "mailto"].contains(&s.as_str()) || s.contains('/')),
                    "`{attr}` goes to `{value}`: {}",
                    node.html()
                );
            }
        }
    }
}

#[test]
fn every_hostile_construct_a_template_writes_is_removed_and_reported() {
    // (what the template writes in the head, in the body, the warning its author gets)
    let cases: &[(&str, &str, &str)] = &[
        ("", "<script>alert(1)</script>", "<script> was removed: an export runs no script"),
        ("<script src=\"https://evil.example/x.js\"></script>", "", "<script> was removed"),
        ("<script type=\"module\">import 'https://evil.example/x.js'</script>", "", "<script> was removed"),
        ("", "<p onclick=\"alert(1)\">x</p>", "`onclick` of <p> was removed: event handlers run script"),
        ("", "<img src=\"x.png\" alt=\"\" onerror=\"alert(1)\">", "`onerror` of <img> was removed"),
        (
            "",
            "<a href=\"javascript:alert(1)\">x</a>",
            "`href` of <a> was removed: links and images may only go",
        ),
        ("", "<a href=\" jav&#x09;ascript:alert(1)\">x</a>", "`href` of <a> was removed"),
        (
            "",
            "<a href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\">x</a>",
            "`href` of <a> was removed",
        ),
        (
            "",
            "<img src=\"data:image/svg+xml,&lt;svg onload=alert(1)&gt;\" alt=\"\">",
            "`src` of <img> was removed",
        ),
        ("", "<q cite=\"vbscript:x\">q</q>", "`cite` of <q> was removed"),
        (
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "",
            "<meta http-equiv> was removed: `http-equiv` can reload the page",
        ),
        (
            "",
            "<iframe src=\"https://evil.example/\"></iframe>",
            "<iframe> was removed: an export loads nothing",
        ),
        ("", "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>", "<iframe> was removed"),
        (
            "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
            "",
            "<link> was removed: an export loads",
        ),
        ("<link rel=\"preload\" href=\"https://evil.example/track\" as=\"image\">", "", "<link> was removed"),
        ("<base href=\"https://evil.example/\">", "", "<base> was removed"),
        (
            "<style>@import url(https://evil.example/x.css);</style>",
            "",
            "<style> was removed: it reaches outside the page (`url(`)",
        ),
        ("<style>@import 'https://evil.example/x.css';</style>", "", "(`@import`)"),
        ("<style>body { background: \\75 rl(https://evil.example/p.gif) }</style>", "", "(`url(`)"),
        ("<style>p { width: expression(alert(1)) }</style>", "", "(`expression(`)"),
        ("", "<style>p { color: red }</style>", "<style> was removed: a stylesheet is kept in the head only"),
        (
            "",
            "<form action=\"https://evil.example/\"><input name=\"q\"></form>",
            "<form> was removed: an export has no forms",
        ),
        ("", "<form><input name=\"q\"></form>", "<input> was removed"),
        ("", "<button formaction=\"javascript:alert(1)\">x</button>", "<button> was removed"),
        ("", "<object data=\"https://evil.example/x.swf\"></object>", "<object> was removed"),
        ("", "<embed src=\"https://evil.example/x.swf\">", "<embed> was removed"),
        ("", "<svg onload=\"alert(1)\"><circle r=\"1\"/></svg>", "<svg> was removed"),
        ("", "<math><mtext><img src=x onerror=alert(1)></mtext></math>", "<math> was removed"),
        (
            "",
            "<div style=\"background: url(https://evil.example/p.gif)\">x</div>",
            "`style` of <div> was removed",
        ),
        ("", "<video src=\"https://evil.example/v.mp4\"></video>", "<video> was removed"),
        ("", "<noscript><p>x</p></noscript>", "<noscript> was removed"),
    ];
    for (head, body, warning) in cases {
        let (html, warnings) = export("hostile.html", &page(head, body));
        assert_inert(&html);
        assert!(
            warnings.iter().any(|w| w.starts_with("template `hostile.html`: ") && w.contains(warning)),
            "{head}{body}: no warning with `{warning}` in {warnings:#?}"
        );
        // The article itself is still there.
        assert!(html.contains("Первый абзац"), "{html}");
    }
}

#[test]
fn handlers_on_the_page_itself_are_removed_and_reported() {
    let template = "<!DOCTYPE html><html lang=\"{{ lang }}\" onmouseover=\"alert(1)\"><head onload=\"x\">\
                    <title onclick=\"x\">{{ title }}</title></head>\
                    <body onload=\"alert(1)\" background=\"javascript:alert(1)\" class=\"page\">{{ body | safe }}</body></html>";
    let (html, warnings) = export("hostile.html", template);
    assert_inert(&html);
    for expected in [
        "`onmouseover` of <html> was removed: event handlers run script",
        "`onload` of <head> was removed",
        "`onclick` of <title> was removed",
        "`onload` of <body> was removed",
        "`background` of <body> was removed: not among the attributes",
    ] {
        assert!(
            warnings.iter().any(|w| w.ends_with(expected) || w.contains(expected)),
            "{expected}: {warnings:#?}"
        );
    }
    assert!(html.contains("<html lang=\"ru\">") && html.contains("<body class=\"page\">"), "{html}");
}

#[test]
fn a_json_ld_script_of_a_template_cannot_end_its_element() {
    // Inside `<!--<script>` the parser does not end the element at `</script>`: the text holds one.
    let head = "<script type=\"application/ld+json\"><!--<script>{\"name\": \"</script><img src=x onerror=alert(1)>\"}--></script>\
                <script type=\"Application/LD+JSON\">{\"@type\": \"NewsArticle\", \"headline\": \"a & b > c\"}</script>";
    let (html, warnings) = export("ld.html", &page(head, ""));
    assert_inert(&html);
    assert!(warnings.is_empty(), "escaping is not a removal: {warnings:#?}");
    assert!(
        html.contains("\\u003c!--\\u003cscript\\u003e{\"name\": \"\\u003c/script\\u003e\\u003cimg"),
        "{html}"
    );
    let second = html.split("<script type=\"Application/LD+JSON\">").nth(1).unwrap();
    let json = &second[..second.find("</script>").unwrap()];
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(json).unwrap(),
        serde_json::json!({"@type": "NewsArticle", "headline": "a & b > c"}),
        "the JSON keeps its meaning"
    );
    // Galley's own JSON-LD, printed by a user's template, stays byte for byte.
    let (own, _) =
        export("ld.html", &page("<script type=\"application/ld+json\">{{ json_ld | safe }}</script>", ""));
    let (builtin, _) = (standalone_html(&article(), None).unwrap().html, ());
    let script = |html: &str| {
        let start = html.find("<script type=\"application/ld+json\">").unwrap();
        html[start..start + html[start..].find("</script>").unwrap()].to_owned()
    };
    assert_eq!(script(&own), script(&builtin));
}

#[test]
fn a_stylesheet_without_outside_references_is_kept_as_written() {
    let css = "body { font: 1rem/1.5 \"PT Serif\", serif; }\n@media (prefers-color-scheme: dark) { body { color: #eee } }\n\
               .meta > * + *::before { content: \" · \"; }";
    let (html, warnings) = export(
        "css.html",
        &page(&format!("<style>\n{css}\n</style>\n<style>{{{{ css | safe }}}}</style>"), ""),
    );
    assert!(warnings.is_empty(), "{warnings:#?}");
    assert!(html.contains(&format!("<style>\n{css}\n</style>")), "{html}");
    assert_eq!(html.matches("<style>").count(), 2, "Galley's own stylesheet passes too");
}

/// A template in Galley's own manner (the built-in layout, with the site around it), written out
/// as its author would, with its own JSON-LD and stylesheet; only the body is Galley's.
const RICH: &str = r##"<!DOCTYPE html>
<html lang="ru" class="newsroom">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Мост откроют в мае — Вечерний город</title>
<meta name="description" content="Мэрия назвала дату.">
<meta property="og:title" content="Мост откроют в мае">
<meta property="article:published_time" content="2026-09-01T07:16:47Z">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Мост откроют в мае",
  "author": [{"@type": "Person", "name": "Анна Петрова"}], "publisher": {"@type": "Organization", "name": "Вечерний город"}}</script>
<style>
:root { color-scheme: light dark; --accent: #a3211b; }
body { margin: 0 auto; max-width: 40rem; font-family: "PT Serif", Georgia, serif; }
.site-header, .site-footer { font: .9rem/1.4 sans-serif; color: #555; }
.meta > * + *::before { content: " · "; }
</style>
</head>
<body class="article-page">
<header class="site-header"><a href="/">Вечерний город</a> <nav><a href="/city/">Город</a></nav></header>
<main id="content">
<article lang="ru">
<header>
<p class="section">Город</p>
<h1>Мост откроют в мае</h1>
<p class="dek">Ремонт закончат раньше срока</p>
<p class="meta"><span class="byline">Анна Петрова</span> <span class="dateline">Казань</span> <time datetime="2026-09-01T07:16:47Z">1 сентября 2026</time></p>
</header>
<div class="body">
{{ body | safe }}
</div>
<aside class="related" aria-labelledby="related-title">
<h2 id="related-title">Также по теме</h2>
<ul><li><a href="https://example.ru/2024/most" rel="noopener noreferrer">Прошлый ремонт</a></li></ul>
</aside>
<figure><img src="/logo.png" alt="Логотип" width="120" height="40"><figcaption>Вечерний город</figcaption></figure>
<section><p>Пишите: <a href="mailto:news@example.ru?subject=%D0%9C%D0%BE%D1%81%D1%82">почта</a>, <abbr title="Вечерний город">ВГ</abbr>.</p></section>
</article>
</main>
<footer class="site-footer"><p><small>© 2026</small> <a href="#content">Наверх</a></p></footer>
</body>
</html>
"##;

/// The same document tree, as serialized by an HTML5 parser.
fn tree(html: &str) -> String {
    Document::from(html).html().to_string()
}

#[test]
fn a_rich_template_in_galleys_manner_comes_out_unchanged_and_unreported() {
    let (html, warnings) = export("rich.html", RICH);
    assert!(warnings.is_empty(), "{warnings:#?}");
    let body = galley_render::render_body(&article().fields.body, "ru").html;
    let unsanitized = RICH.replace("{{ body | safe }}", &body);
    // The same tree, only serialized again (a blank line at the end of the body may go).
    let lines = |html: &str| html.replace('\n', "");
    assert_eq!(lines(&html), lines(&tree(&unsanitized)));
    for kept in [
        "<html lang=\"ru\" class=\"newsroom\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<meta property=\"og:title\"",
        "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\"",
        "<style>\n:root { color-scheme: light dark;",
        "<body class=\"article-page\">",
        "<nav><a href=\"/city/\">Город</a></nav>",
        "<time datetime=\"2026-09-01T07:16:47Z\">",
        "<aside class=\"related\" aria-labelledby=\"related-title\">",
        "rel=\"noopener noreferrer\"",
        "<td style=\"text-align:left\">2026</td>",
        "<img src=\"assets/0000000000000000000000000000000000000000000000000000000000000000.png\" alt=\"Схема моста\">",
        "<footer class=\"site-footer\">",
    ] {
        assert!(html.contains(kept), "`{kept}` is gone: {html}");
    }
    assert_eq!(sanitize_document(&html, &mut Vec::new()), html, "a fixed point");
}

#[test]
fn the_built_in_template_as_a_users_comes_out_as_the_built_in_one_does() {
    let builtin = standalone_html(&article(), None).unwrap();
    let (copy, warnings) = export("copy.html", BUILTIN_TEMPLATE);
    assert!(warnings.is_empty(), "{warnings:#?}");
    assert_eq!(copy, tree(&builtin.html));
    // The built-in template's own output is Galley's: not parsed and written again.
    assert!(builtin.html.starts_with("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n"), "{}", builtin.html);
    assert_ne!(builtin.html, copy);
}

#[test]
fn sanitizing_a_document_twice_changes_nothing() {
    let hostile = page(
        "<meta http-equiv=\"refresh\" content=\"0\"><link rel=\"stylesheet\" href=\"x.css\">\
         <script type=\"application/ld+json\"><!--<script>{}</script>--></script>",
        "<p onclick=\"x\">a<iframe>b</iframe><form><input></form><table><tr><td>1</td></tr></table></p><svg><title>t</title></svg>",
    );
    let (once, _) = export("twice.html", &hostile);
    let mut warnings = Vec::new();
    assert_eq!(sanitize_document(&once, &mut warnings), once);
    assert!(warnings.is_empty(), "{warnings:#?}");
}
