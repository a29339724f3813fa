//! A user's export template is untrusted: its work, its output and its depth are bounded, and a
//! template over a bound is refused with a message that names it.

use galley_model::{Article, ArticleFields};
use galley_render::document::standalone_html;

fn article() -> Article {
    Article {
        id: "0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e".parse().unwrap(),
        fields: ArticleFields {
            headline: "Шаблон".into(),
            body: "Первый абзац.\n".into(),
            language: "ru".into(),
            ..ArticleFields::default()
        },
        created_at: "2026-09-01T07:16:47Z".parse().unwrap(),
        updated_at: "2026-09-04T18:03:12Z".parse().unwrap(),
        revision: 1,
    }
}

#[track_caller]
fn refused(source: &str) -> String {
    let err = standalone_html(&article(), Some(("greedy.html", source))).unwrap_err();
    assert_eq!(err.name, "greedy.html");
    let message = err.to_string();
    assert!(message.starts_with("template `greedy.html`"), "{message}");
    message
}

#[test]
fn a_template_that_writes_twenty_megabytes_is_stopped_at_its_cap() {
    // 20 MB of output in about 60,000 steps: within the fuel, over the output cap.
    let message = refused("{% for i in range(20000) %}{{ 'x' * 1000 }}{% endfor %}");
    assert!(message.contains("writes more than 8 MB"), "{message}");
}

#[test]
fn a_template_that_builds_a_hundred_megabyte_string_is_refused() {
    let message = refused("{% set s = 'x' * 100000000 %}{{ s | length }}");
    assert!(message.contains("more work than an export needs"), "{message}");
    // Doubling a string in a loop.
    let message = refused(
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
    );
    assert!(message.contains("more work than an export needs"), "{message}");
}

#[test]
fn a_template_that_recurses_deeply_is_refused() {
    let message =
        refused("{% macro down(n) %}{% if n > 0 %}{{ down(n - 1) }}{% endif %}{% endmacro %}{{ down(40) }}");
    assert!(message.contains("recursion"), "{message}");
}

#[test]
fn a_template_that_prints_a_big_body_twice_is_not_refused() {
    let mut article = article();
    article.fields.body = "Абзац длиной в строку текста.\n\n".repeat(200_000);
    let template = "<!DOCTYPE html><title>{{ title }}</title>{{ body | safe }}{{ body | safe }}";
    let rendered = standalone_html(&article, Some(("twice.html", template))).unwrap();
    assert!(rendered.html.len() > 2 * 6_000_000, "{}", rendered.html.len());
}
