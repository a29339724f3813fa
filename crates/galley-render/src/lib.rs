//! Markdown rendering: one renderer for the preview, the export and the counts.
//!
//! For now it turns Markdown into plain text (for counts, search and snippets); the HTML renderer,
//! typography and sanitizing come with the export work. It does no IO and never fails on text.

mod plain;

pub use plain::plain_text;

/// The comrak options Galley renders with: GFM tables, strikethrough, autolinks, footnotes.
pub fn markdown_options() -> comrak::Options<'static> {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.footnotes = true;
    options.extension.tasklist = true;
    options
}
