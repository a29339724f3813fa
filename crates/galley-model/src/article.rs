//! The article: its identity, its editable fields, and the ways those fields change.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Timestamp;
use crate::markdown_file::ForeignFrontMatter;

/// An article's stable identity: a UUIDv7, kept across export and import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct ArticleId(uuid::Uuid);

impl ArticleId {
    /// A new id, ordered by the time it was made.
    pub fn new(at: Timestamp) -> Self {
        let nanos = at.as_nanosecond();
        let secs = nanos.div_euclid(1_000_000_000);
        let subsec = nanos.rem_euclid(1_000_000_000);
        let ts = uuid::Timestamp::from_unix(
            uuid::NoContext,
            u64::try_from(secs).unwrap_or(0),
            u32::try_from(subsec).expect("sub-second nanos fit in u32"),
        );
        ArticleId(uuid::Uuid::new_v7(ts))
    }

    pub fn as_uuid(&self) -> uuid::Uuid {
        self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

/// The text is not an article id.
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not an article id (expected a UUID such as 0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e)")]
pub struct ArticleIdError(String);

impl FromStr for ArticleId {
    type Err = ArticleIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        uuid::Uuid::parse_str(s.trim()).map(ArticleId).map_err(|_| ArticleIdError(s.to_owned()))
    }
}

/// Where an article is on the desk. `Spiked` is the trash: spiked articles are kept, never deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Status {
    #[default]
    Draft,
    Editing,
    Ready,
    Published,
    Spiked,
}

impl Status {
    pub const ALL: [Status; 5] =
        [Status::Draft, Status::Editing, Status::Ready, Status::Published, Status::Spiked];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Editing => "editing",
            Status::Ready => "ready",
            Status::Published => "published",
            Status::Spiked => "spiked",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text is not a status.
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not a status (use draft, editing, ready, published or spiked)")]
pub struct StatusError(String);

impl FromStr for Status {
    type Err = StatusError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| StatusError(s.to_owned()))
    }
}

/// A "see also" link under the article.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Related {
    pub title: String,
    pub url: String,
}

/// Everything about an article that a journalist edits and a revision snapshots.
///
/// `body` is Markdown, stored exactly as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ArticleFields {
    pub slug: String,
    pub headline: String,
    pub dek: String,
    pub lead: String,
    pub body: String,
    pub byline: Vec<String>,
    pub dateline: String,
    pub section: String,
    pub language: String,
    pub status: Status,
    pub tags: Vec<String>,
    pub related: Vec<Related>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub embargo_until: Option<Timestamp>,
    pub target_chars: Option<u32>,
    /// The editor's note: internal, never exported.
    pub note: String,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub published_at: Option<Timestamp>,
    /// What the article's `.md` file holds that Galley does not own (Hugo's `draft`, Obsidian's
    /// `cssclasses`, comments, the file's names for Galley's fields, TOML), kept as the file wrote
    /// it so writing and exporting the article give it back. Empty for an article Galley wrote.
    /// The desk passes it through untouched, so the UI's types leave it out.
    #[serde(skip_serializing_if = "ForeignFrontMatter::is_empty")]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub foreign: ForeignFrontMatter,
}

impl Default for ArticleFields {
    fn default() -> Self {
        ArticleFields {
            slug: String::new(),
            headline: String::new(),
            dek: String::new(),
            lead: String::new(),
            body: String::new(),
            byline: Vec::new(),
            dateline: String::new(),
            section: String::new(),
            language: "ru".to_owned(),
            status: Status::Draft,
            tags: Vec::new(),
            related: Vec::new(),
            embargo_until: None,
            target_chars: None,
            note: String::new(),
            published_at: None,
            foreign: ForeignFrontMatter::default(),
        }
    }
}

/// An article as stored: its fields plus identity and bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Article {
    pub id: ArticleId,
    #[serde(flatten)]
    pub fields: ArticleFields,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: Timestamp,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated_at: Timestamp,
    /// Number of the newest revision.
    pub revision: u32,
}

/// An article as a list shows it: enough to recognise and sort it, without the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub slug: String,
    pub headline: String,
    pub dek: String,
    pub byline: Vec<String>,
    pub section: String,
    pub language: String,
    pub status: Status,
    pub tags: Vec<String>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: Timestamp,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated_at: Timestamp,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub published_at: Option<Timestamp>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub embargo_until: Option<Timestamp>,
}

/// An article on its way into the store (typed, imported or generated).
///
/// `id` and the times are kept when the source has them (an import of an export), made up otherwise.
/// An empty `fields.slug` means "derive it from the headline".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub id: Option<ArticleId>,
    pub created_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
    pub fields: ArticleFields,
}

/// A change to some fields of an article; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArticlePatch {
    pub slug: Option<String>,
    pub headline: Option<String>,
    pub dek: Option<String>,
    pub lead: Option<String>,
    pub body: Option<String>,
    pub byline: Option<Vec<String>>,
    pub dateline: Option<String>,
    pub section: Option<String>,
    pub language: Option<String>,
    pub status: Option<Status>,
    pub tags: Option<Vec<String>>,
    pub related: Option<Vec<Related>>,
    pub embargo_until: Option<Option<Timestamp>>,
    pub target_chars: Option<Option<u32>>,
    pub note: Option<String>,
}

impl ArticlePatch {
    /// Applies the patch, returning the changed fields.
    pub fn apply(self, mut fields: ArticleFields) -> ArticleFields {
        macro_rules! set {
            ($($name:ident),*) => {$(
                if let Some(value) = self.$name {
                    fields.$name = value;
                }
            )*};
        }
        set!(
            slug,
            headline,
            dek,
            lead,
            body,
            byline,
            dateline,
            section,
            language,
            status,
            tags,
            related,
            embargo_until,
            target_chars,
            note
        );
        fields
    }

    pub fn is_empty(&self) -> bool {
        *self == ArticlePatch::default()
    }
}

/// Checks a language code: two or three lowercase ASCII letters, optionally with a region (`pt-br`).
pub fn normalize_language(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_lowercase().replace('_', "-");
    let mut parts = code.split('-');
    let primary = parts.next()?;
    let primary_ok = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
    let rest_ok = parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    (primary_ok && rest_ok).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_parses_case_insensitively_and_rejects_unknown() {
        assert_eq!("Ready".parse::<Status>().unwrap(), Status::Ready);
        let err = "done".parse::<Status>().unwrap_err().to_string();
        assert!(err.contains("draft, editing, ready, published or spiked"), "{err}");
    }

    #[test]
    fn ids_are_ordered_by_time_and_round_trip() {
        let early = ArticleId::new("2026-01-01T00:00:00Z".parse().unwrap());
        let late = ArticleId::new("2026-06-01T00:00:00Z".parse().unwrap());
        assert!(early < late);
        assert_eq!(late.to_string().parse::<ArticleId>().unwrap(), late);
        assert!("not-an-id".parse::<ArticleId>().is_err());
    }

    #[test]
    fn language_codes() {
        assert_eq!(normalize_language("RU").as_deref(), Some("ru"));
        assert_eq!(normalize_language("pt_BR").as_deref(), Some("pt-br"));
        assert_eq!(normalize_language("русский"), None);
        assert_eq!(normalize_language(""), None);
    }

    #[test]
    fn patch_changes_only_what_it_names() {
        let before = ArticleFields { headline: "A".into(), body: "text".into(), ..Default::default() };
        let after = ArticlePatch { headline: Some("B".into()), ..Default::default() }.apply(before.clone());
        assert_eq!(after.headline, "B");
        assert_eq!(after.body, before.body);
    }
}
