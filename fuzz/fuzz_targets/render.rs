//! Render → sanitize: whatever Markdown an article holds, its HTML is the sanitizer's fixed point
//! (sanitizing it again changes nothing) and nothing in it runs, loads or submits anything; the
//! standalone export around it keeps the headline and JSON-LD inert too.
#![no_main]

use galley_fuzz::{article_of, assert_renders_safely};
use galley_model::{ArticleFields, Draft};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let markdown = String::from_utf8_lossy(data);
    // The first line doubles as headline, dek, byline and tag: title, meta and JSON-LD escaping.
    let first_line = markdown.lines().next().unwrap_or_default().to_owned();
    let fields = ArticleFields {
        headline: first_line.clone(),
        dek: first_line.clone(),
        lead: first_line.clone(),
        byline: vec![first_line.clone()],
        section: first_line.clone(),
        tags: vec![first_line],
        body: markdown.into_owned(),
        // Both typographies: Russian for even lengths, English for odd.
        language: if data.len().is_multiple_of(2) { "ru" } else { "en" }.to_owned(),
        ..ArticleFields::default()
    };
    let draft = Draft { fields, ..Draft::default() };
    assert_renders_safely(&draft.fields, &article_of(&draft));
    // The other two readings of the body: the counts' and the search index's, and the checklist's.
    galley_render::plain_text(&draft.fields.body);
    galley_render::check::check(&draft.fields, &galley_render::check::CheckOptions::default());
});
