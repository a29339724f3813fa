//! Markdown to publish-ready text: one renderer for the preview, every export and the counts.
//!
//! The pipeline is parse (comrak, GFM, within a budget of nodes: `parse`) → typography on text
//! nodes (never code, never URLs) → HTML → sanitize (ammonia allowlist, even where comrak already
//! escaped: defence in depth). Long runs of text, which comrak escapes, stand in the sanitizer's
//! input as tokens and are put back escaped as the sanitizer writes text (`stand_in`): it reads
//! every tag, not every letter. A body over the node budget is shown as plain paragraphs instead
//! (`unformatted`); its plain text is those paragraphs, and the checklist says it was not checked.
//! Export formats (standalone HTML from a template, fragment, Markdown with front matter, NINJS)
//! are built from the same rendered body. This crate does no IO and never fails on text: problems
//! come back as warnings beside the output.

pub mod assets;
pub mod check;
pub mod document;
pub mod html;
mod html_text;
pub mod ninjs;
pub mod parse;
pub mod pathological;
mod plain;
pub mod sanitize;
mod stand_in;
pub mod typography;
mod unformatted;
mod url;

pub use html::{Rendered, render_body};
pub use html_text::typeset_html;
pub use plain::plain_text;

/// The comrak options Galley renders with: GFM tables, strikethrough, autolinks, footnotes, task
/// lists and heading ids.
pub fn markdown_options() -> comrak::Options<'static> {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.footnotes = true;
    options.extension.tasklist = true;
    options
}
