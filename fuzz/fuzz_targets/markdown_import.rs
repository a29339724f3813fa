//! `.md` import and the model's file format: any bytes import or are refused with a message;
//! an imported article written back as a `.md` file (as an export, and as a mirror folder's file)
//! imports again to the same fields, id and times: no word is lost on a round trip.
#![no_main]

use galley_fuzz::{article_of, assert_markdown_round_trip, assert_renders_safely};
use galley_import::{Format, import};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(first) = import(data, Format::Markdown) else { return };
    let article = article_of(&first.draft);
    assert_markdown_round_trip(&article);
    assert_renders_safely(&article.fields, &article);
});
