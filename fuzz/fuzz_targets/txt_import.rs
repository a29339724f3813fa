//! `.txt` import: any bytes import or are refused with a message; the headline and lead are one
//! trimmed line each, related links are unique, and the draft renders to safe HTML.
#![no_main]

use galley_fuzz::{article_of, assert_markdown_round_trip, assert_one_line, assert_renders_safely};
use galley_import::{Format, import};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(imported) = import(data, Format::Text) else { return };
    let fields = &imported.draft.fields;
    assert_one_line("headline", &fields.headline);
    assert_one_line("lead", &fields.lead);
    assert!(!fields.body.contains('\r'), "a carriage return in the body: {:?}", fields.body);
    let mut urls: Vec<&str> = fields.related.iter().map(|link| link.url.as_str()).collect();
    urls.sort_unstable();
    let count = urls.len();
    urls.dedup();
    assert_eq!(urls.len(), count, "repeated related links: {:?}", fields.related);
    assert!(matches!(fields.language.as_str(), "ru" | "en"), "language {:?}", fields.language);
    let article = article_of(&imported.draft);
    // Whatever was imported survives an export and a mirror file.
    assert_markdown_round_trip(&article);
    assert_renders_safely(fields, &article);
});
