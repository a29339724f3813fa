//! Saved web pages: any bytes import or are refused with a message; the headline, dek, lead and
//! byline are plain one-line text, and the draft renders to safe HTML whatever the page held.
#![no_main]

use galley_fuzz::{article_of, assert_markdown_round_trip, assert_one_line, assert_renders_safely};
use galley_import::{Format, import};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(imported) = import(data, Format::Html) else { return };
    let fields = &imported.draft.fields;
    assert_one_line("headline", &fields.headline);
    assert_one_line("dek", &fields.dek);
    for name in &fields.byline {
        assert_one_line("byline", name);
        assert!(!name.is_empty(), "an empty name in the byline {:?}", fields.byline);
    }
    let text = format!("{}{}", fields.headline, fields.body);
    assert!(!text.trim().is_empty(), "a page without text was accepted");
    let article = article_of(&imported.draft);
    // Whatever was imported survives an export and a mirror file.
    assert_markdown_round_trip(&article);
    assert_renders_safely(fields, &article);
});
