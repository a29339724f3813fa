//! Galley's plain data: what an article is, made of plain values that every other crate shares.
//!
//! This crate owns the vocabulary (articles, statuses, tags, revisions, counts, slugs) and the
//! `.md` file format with YAML front matter that import, export and the mirror folder all speak.
//! It does no IO and knows nothing of SQL, rendering or the desktop shell.

pub mod article;
pub mod asset;
pub mod clock;
pub mod counts;
pub mod markdown_file;
pub mod revision;
pub mod slug;
pub mod tag;

pub use article::{Article, ArticleFields, ArticleId, ArticlePatch, ArticleSummary, Draft, Related, Status};
pub use clock::{Clock, ManualClock, SystemClock};
pub use counts::{ArticleStats, Counts};
pub use revision::{Revision, RevisionReason, RevisionSummary};
pub use tag::{TagName, TagNameError};

/// A point in time, always UTC. Serialised as RFC 3339 (`2026-11-28T07:16:47Z`).
pub type Timestamp = jiff::Timestamp;
