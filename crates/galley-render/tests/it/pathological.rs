//! Shapes that break naive Markdown renderers render to sensible HTML without blowing the stack or
//! the memory. (Their times are in BENCHMARKS.md; tests assert output, never time.)

use galley_render::html::MAX_NESTING;
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
    let html = render_body(&shape("2 MB table, 5,000 columns"), "ru").html;
    assert_eq!(html.matches("<th>").count(), 5_000);
    let rows = shape("2 MB table, 5,000 columns").lines().count() - 2;
    assert_eq!(html.matches("<td>").count(), 5_000 * rows);
}
