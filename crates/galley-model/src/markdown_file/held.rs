//! Which of Galley's fields a file holds, and where: a file Galley did not write may lack keys
//! Galley always writes, or keep its headline in a `# Heading` instead of a key.
//!
//! A file read without a key for one of Galley's fields still gives the article a value for it
//! (a slug made from the headline, the language guessed from the letters, the status a new
//! article has); [`ForeignFrontMatter::absent`] keeps that value, and Galley writes no key for the
//! field while the article keeps it. Adding one would change what the file means to its tool: Hugo
//! publishes a post with a `slug` at another address. Once the field is changed in Galley the key
//! is written, which is the change the user made.
//!
//! A file whose front matter names no headline and whose text begins with `# Heading` (a note
//! from Obsidian, with or without front matter) has that heading for its headline and the text
//! after it for its body; [`ForeignFrontMatter::heading`] keeps the heading's bytes, which Galley
//! writes back before the body, and a headline changed in Galley is written into the heading.
//!
//! [`ForeignFrontMatter::absent`]: super::ForeignFrontMatter::absent
//! [`ForeignFrontMatter::heading`]: super::ForeignFrontMatter::heading

use std::borrow::Cow;

use crate::{ArticleFields, Status};

/// Galley's fields that its writer always gives a key (the others are left out when empty).
pub(crate) const ALWAYS_WRITTEN: [&str; 5] = ["headline", "slug", "language", "status", "created_at"];

/// A field's value as [`ForeignFrontMatter::absent`](super::ForeignFrontMatter::absent) keeps it;
/// `None` for `created_at`, which is not an article's field to edit (the file never gets it).
fn value_of(fields: &ArticleFields, name: &str) -> Option<String> {
    match name {
        "headline" => Some(fields.headline.clone()),
        "slug" => Some(fields.slug.clone()),
        "language" => Some(fields.language.clone()),
        "status" => Some(fields.status.as_str().to_owned()),
        _ => None,
    }
}

/// A leading `# Heading` of a text: the headline it gives and where the body after it begins
/// (past the blank lines around it). `None` when the text does not begin with one.
pub(crate) fn split_heading(text: &str) -> Option<(String, usize)> {
    let trimmed = text.trim_start_matches(['\n', '\r']);
    let first_line = trimmed.lines().next().unwrap_or("");
    let headline = first_line.strip_prefix("# ")?.trim().trim_end_matches('#').trim();
    if headline.is_empty() {
        return None;
    }
    let body = trimmed[first_line.len()..].trim_start_matches(['\n', '\r']);
    Some((headline.to_owned(), text.len() - body.len()))
}

/// Notes the fields a file was read without, with the values the reading gave them.
pub(crate) fn note_absent(fields: &mut ArticleFields, names: &[&str]) {
    for &name in names {
        fields.foreign.absent.insert(name.to_owned(), String::new());
    }
    record_absent(fields);
}

/// Where an article's file keeps its headline.
pub(crate) enum HeadlinePlace<'a> {
    /// In its front matter's key.
    Key,
    /// Nowhere: the file had none, and the headline is still the one made for it.
    LeftOut,
    /// In the heading before the body: these bytes.
    Heading(Cow<'a, str>),
}

/// Where the file keeps the headline now: its heading as it was while the headline is the one it
/// gave, the heading rewritten with a headline changed in Galley, or the key when a heading would
/// not read back as this headline and this body (a body that begins with a blank line would lose
/// it to the heading).
pub(crate) fn headline_place(fields: &ArticleFields) -> HeadlinePlace<'_> {
    let foreign = &fields.foreign;
    let unchanged = foreign.absent.get("headline") == Some(&fields.headline);
    if foreign.heading.is_empty() {
        return if unchanged { HeadlinePlace::LeftOut } else { HeadlinePlace::Key };
    }
    if fields.body.starts_with(['\n', '\r']) {
        return HeadlinePlace::Key;
    }
    let mut heading = if unchanged {
        Cow::Borrowed(foreign.heading.as_str())
    } else {
        let Some(rewritten) = rewrite_heading(&foreign.heading, &fields.headline) else {
            return HeadlinePlace::Key;
        };
        Cow::Owned(rewritten)
    };
    if !fields.body.is_empty() && !heading.ends_with('\n') {
        // The note was its heading alone: the body needs a line of its own.
        heading.to_mut().push_str("\n\n");
    }
    match split_heading(&heading) {
        Some((headline, end)) if end == heading.len() && (unchanged || headline == fields.headline) => {
            HeadlinePlace::Heading(heading)
        }
        _ => HeadlinePlace::Key,
    }
}

/// The heading's bytes with another headline: the blank lines above and below and the line's
/// ending as they were.
fn rewrite_heading(heading: &str, headline: &str) -> Option<String> {
    let trimmed = heading.trim_start_matches(['\n', '\r']);
    let above = &heading[..heading.len() - trimmed.len()];
    let line = trimmed.lines().next()?;
    Some(format!("{above}# {headline}{}", &trimmed[line.len()..]))
}

/// Whether the writer leaves out the key of `field` (one of [`ALWAYS_WRITTEN`]).
pub(crate) fn left_out(fields: &ArticleFields, field: &str) -> bool {
    let absent = &fields.foreign.absent;
    match field {
        "headline" => !matches!(headline_place(fields), HeadlinePlace::Key),
        "created_at" => absent.contains_key(field),
        _ => absent.get(field).is_some_and(|kept| Some(kept) == value_of(fields, field).as_ref()),
    }
}

/// Records the values Galley's fields have now as those the file's missing keys stand for: once
/// what the file lacked has been made up (the headline and language by the import, the slug when
/// the article is stored).
pub fn record_absent(fields: &mut ArticleFields) {
    let values: Vec<(String, String)> = fields
        .foreign
        .absent
        .keys()
        .filter_map(|name| value_of(fields, name).map(|value| (name.clone(), value)))
        .collect();
    fields.foreign.absent.extend(values);
}

/// An article's fields as a file read again gives them: the file's, and for Galley's fields the
/// file has no key for, the article's current ones (a file does not change what it does not say:
/// a slug made from an older headline stays, as do a status and a language set in Galley). A
/// headline the file keeps in its heading is the file's; a file that is there says its article is
/// not spiked (a spiked article has no file), so a spiked one takes the status the file reads as.
pub fn as_file_gives(current: &ArticleFields, file: ArticleFields) -> ArticleFields {
    let mut fields = file;
    let names: Vec<String> = fields.foreign.absent.keys().cloned().collect();
    for name in names {
        match name.as_str() {
            "headline" if fields.foreign.heading.is_empty() => fields.headline.clone_from(&current.headline),
            "slug" => fields.slug.clone_from(&current.slug),
            "language" => fields.language.clone_from(&current.language),
            "status" if current.status != Status::Spiked => fields.status = current.status,
            _ => {}
        }
    }
    record_absent(&mut fields);
    fields
}

/// After a change made in Galley: a field that no longer has the value its missing key stood for
/// is the user's, and is written from now on (also if changed back); a headline changed in a
/// note's heading is kept as rewritten there.
pub fn settle_absent(fields: &mut ArticleFields) {
    let place = match headline_place(fields) {
        HeadlinePlace::Key => None,
        HeadlinePlace::LeftOut => Some(None),
        HeadlinePlace::Heading(heading) => Some(Some(heading.into_owned())),
    };
    match place {
        None => {
            fields.foreign.absent.remove("headline");
            fields.foreign.heading.clear();
        }
        Some(None) => {}
        Some(Some(heading)) => {
            fields.foreign.heading = heading;
            fields.foreign.absent.insert("headline".to_owned(), fields.headline.clone());
        }
    }
    for name in ["slug", "language", "status"] {
        if fields.foreign.absent.get(name).is_some_and(|kept| Some(kept) != value_of(fields, name).as_ref()) {
            fields.foreign.absent.remove(name);
        }
    }
}
