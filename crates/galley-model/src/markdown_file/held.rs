//! Which of Galley's fields a file holds: a file Galley did not write may lack keys Galley always
//! writes.
//!
//! A file read without a key for one of Galley's fields still gives the article a value for it
//! (a slug made from the headline, the language guessed from the letters, the status a new
//! article has); [`ForeignFrontMatter::absent`] keeps that value, and Galley writes no key for the
//! field while the article keeps it. Adding one would change what the file means to its tool: Hugo
//! publishes a post with a `slug` at another address. Once the field is changed in Galley the key
//! is written, which is the change the user made.
//!
//! [`ForeignFrontMatter::absent`]: super::ForeignFrontMatter::absent

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

/// Notes the fields a file was read without, with the values the reading gave them.
pub(crate) fn note_absent(fields: &mut ArticleFields, names: &[&str]) {
    for &name in names {
        fields.foreign.absent.insert(name.to_owned(), String::new());
    }
    record_absent(fields);
}

/// Whether the writer leaves out the key of `field` (one of [`ALWAYS_WRITTEN`]).
pub(crate) fn left_out(fields: &ArticleFields, field: &str) -> bool {
    let absent = &fields.foreign.absent;
    match field {
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
/// a slug made from an older headline stays, as do a status and a language set in Galley). A file
/// that is there says its article is not spiked (a spiked article has no file), so a spiked one
/// takes the status the file reads as.
pub fn as_file_gives(current: &ArticleFields, file: ArticleFields) -> ArticleFields {
    let mut fields = file;
    let names: Vec<String> = fields.foreign.absent.keys().cloned().collect();
    for name in names {
        match name.as_str() {
            "headline" => fields.headline.clone_from(&current.headline),
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
/// is the user's, and is written from now on (also if changed back).
pub fn settle_absent(fields: &mut ArticleFields) {
    for name in ["headline", "slug", "language", "status"] {
        if fields.foreign.absent.get(name).is_some_and(|kept| Some(kept) != value_of(fields, name).as_ref()) {
            fields.foreign.absent.remove(name);
        }
    }
}
