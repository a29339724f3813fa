//! Shapes that break naive Markdown renderers render to sensible HTML without blowing the stack or
//! the memory. (Their times are in BENCHMARKS.md; tests assert output, never time.)

use galley_render::html::MAX_NESTING;
use galley_render::parse::MAX_NODES;
use galley_render::pathological::shapes;
use galley_render::render_body;

fn shape(name: &str) -> String {
    shapes().into_iter().find(|(n, _)| *n == name).map(|(_, body)| body).expect("the shape exists")
}

#[test]
fn fifty_thousand_nested_quotes_are_flattened() {
    let rendered = render_body(&shape("50,000 nested >"), "ru");
    assert_eq!(rendered.html.matches("<blockquote>").count(), MAX_NESTING);
    assert_eq!(rendered.html.matches("</blockquote>").count(), MAX_NESTING);
}

#[test]
fn fifty_thousand_stars_are_a_rule() {
    assert_eq!(render_body(&shape("50,000 *"), "ru").html, "<hr>\n");
}

#[test]
fn a_hundred_thousand_brackets_stay_text() {
    let html = render_body(&shape("100,000 ["), "ru").html;
    assert_eq!(html.matches('[').count(), 100_000);
}

#[test]
fn a_list_nested_a_thousand_deep_keeps_every_item() {
    let html = render_body(&shape("list nested 1,000 deep"), "ru").html;
    assert!(html.contains("level 0") && html.contains("level 999"), "{}", &html[..200]);
    assert!(html.matches("<ul>").count() <= MAX_NESTING);
}

#[test]
fn a_table_of_five_thousand_columns_renders_whole() {
    let html = render_body(&shape("1 MB table, 5,000 columns"), "ru").html;
    assert_eq!(html.matches("<th>").count(), 5_000);
    let rows = shape("1 MB table, 5,000 columns").lines().count() - 2;
    assert_eq!(html.matches("<td>").count(), 5_000 * rows);
}

#[test]
fn a_hundred_thousand_nested_divs_of_raw_html_become_text() {
    // Every preview and export of this body took 17 s in the sanitizer's parser.
    let body = format!("Intro\n\n{}deep{}\n", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let rendered = render_body(&body, "en");
    assert!(rendered.html.starts_with("<p>Intro</p>"), "{}", &rendered.html[..100]);
    assert_eq!(rendered.html.matches("&lt;div&gt;").count(), 100_000);
    assert!(!rendered.html.contains("<div>"));
    assert!(
        rendered.warnings.iter().any(|w| w.contains("more than 256 levels deep")),
        "{:?}",
        rendered.warnings
    );
}

#[test]
fn raw_html_as_deep_as_real_pages_stays_html() {
    let body = format!("{}deep{}\n", "<div>".repeat(100), "</div>".repeat(100));
    let rendered = render_body(&body, "en");
    assert!(!rendered.html.contains("&lt;div"), "{}", rendered.html);
    assert!(!rendered.warnings.iter().any(|w| w.contains("levels deep")), "{:?}", rendered.warnings);
}

fn article_with_body(body: String) -> galley_model::Article {
    let now: galley_model::Timestamp = "2026-09-01T07:16:47Z".parse().unwrap();
    galley_model::Article {
        id: "0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e".parse().unwrap(),
        fields: galley_model::ArticleFields { headline: "Мост".into(), body, ..Default::default() },
        created_at: now,
        updated_at: now,
        revision: 1,
    }
}

#[test]
fn a_body_of_tens_of_megabytes_exports_whole() {
    // The template's fuel counts the bytes it reads and writes: a body of more than about 30 MB of
    // HTML ran it out, and the preview and every HTML export of the article failed. A code block
    // keeps the test quick (no typography); what counts is the size of the HTML.
    let line = "let x = 1; // строка кода\n";
    let body = format!("```\n{}```\n", line.repeat(34_000_000 / line.len()));
    let document = galley_render::document::standalone_html(&article_with_body(body), None).unwrap();
    assert!(document.html.len() > 34_000_000, "{}", document.html.len());
    assert!(document.html.ends_with("</html>\n") || document.html.trim_end().ends_with("</html>"));
}

#[test]
fn a_template_that_repeats_the_body_still_runs_out_of_fuel() {
    // The fuel grows with the data, not with what a template does with it: reading the body over
    // and over without writing it (the output's own cap stops a template that writes it) runs out.
    let body = "Абзац текста. ".repeat(70_000);
    let looping = "{% for i in range(200) %}{% set copy = body | safe %}{% endfor %}";
    let error =
        galley_render::document::standalone_html(&article_with_body(body), Some(("loop.html", looping)))
            .unwrap_err();
    assert!(error.to_string().contains("more work than an export needs"), "{error}");
}

/// Half a million lines: comrak makes three nodes or more of each (`a < b`: three texts and a line
/// break; `- a`: an item, its paragraph and its text), so they are over the budget. At the import
/// cap lines `a < b` took 23 s and 5.9 GB to render, raw `<b>x</b>` lines 34 s and 7.1 GB.
fn over_the_budget(line: &str) -> String {
    line.repeat(LINES)
}

const LINES: usize = MAX_NODES / 2;

#[test]
fn markdown_that_makes_a_node_every_few_bytes_is_shown_as_plain_paragraphs() {
    let intro = "Вступление: *важно*, \"кавычки\" - и тире. ".repeat(20);
    let body = format!("{intro}\n\n{}\nКонец.\n", over_the_budget("a < b\n"));
    let rendered = render_body(&body, "ru");
    assert_eq!(rendered.warnings.len(), 1, "{:?}", rendered.warnings);
    assert!(rendered.warnings[0].contains("shown as plain text"), "{:?}", rendered.warnings);
    // Every word is there, as typed: no emphasis, no typography.
    let first = format!("<p>{}</p>\n<p>a &lt; b\na &lt; b\n", intro.trim());
    assert!(rendered.html.starts_with(&first), "{}", &rendered.html[..first.len()]);
    assert_eq!(rendered.html.matches("a &lt; b").count(), LINES);
    assert!(
        rendered.html.ends_with("a &lt; b</p>\n<p>Конец.</p>\n"),
        "{}",
        &rendered.html[rendered.html.len() - 80..]
    );
}

#[test]
fn raw_html_over_the_budget_is_shown_as_text() {
    let rendered = render_body(&over_the_budget("<b>x</b> <img src=x onerror=alert(1)>\n"), "en");
    assert!(!rendered.html.contains("<b>") && !rendered.html.contains("<img"), "{}", &rendered.html[..200]);
    assert_eq!(rendered.html.matches("&lt;b&gt;x&lt;/b&gt;").count(), LINES);
    assert!(rendered.warnings[0].contains("shown as plain text"), "{:?}", rendered.warnings);
}

#[test]
fn a_heading_or_alt_text_of_markup_alone_is_shown_as_plain_text() {
    for body in
        [format!("# {}\n", "<".repeat(2 * MAX_NODES)), format!("![{}](a.png)\n", "[<".repeat(MAX_NODES))]
    {
        let rendered = render_body(&body, "en");
        assert_eq!(rendered.html, format!("<p>{}</p>\n", body.trim().replace('<', "&lt;")));
        assert_eq!(rendered.warnings.len(), 1, "{:?}", rendered.warnings);
    }
}

#[test]
fn the_plain_text_and_the_checklist_of_a_body_over_the_budget() {
    let body = format!("Первый абзац.\n\n{}", over_the_budget("- a\n"));
    let plain = galley_render::plain_text(&body);
    assert!(plain.starts_with("Первый абзац.\n\n- a\n- a\n"), "{}", &plain[..40]);
    assert_eq!(plain.matches("- a").count(), LINES);
    let fields = galley_model::ArticleFields {
        headline: "Мост".into(),
        lead: "Лид.".into(),
        body,
        ..Default::default()
    };
    let problems = galley_render::check::check(&fields, &galley_render::check::CheckOptions::default());
    let codes: Vec<_> = problems.iter().map(|problem| problem.code).collect();
    assert_eq!(codes, ["body_not_checked"]);
    assert_eq!((problems[0].line, problems[0].column), (1, 1));
}

#[test]
fn a_long_article_of_real_prose_renders_formatted() {
    // A million bytes of the sample report with headings, lists and links: about 6,000 nodes
    // (the budget's unit test scales real prose to the import cap).
    let (body, _) = galley_corpus::long_body(1_000_000);
    let rendered = render_body(&body, "ru");
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    assert!(rendered.html.contains("<h2 id=") && rendered.html.contains("<li>"), "{}", &rendered.html[..300]);
}
