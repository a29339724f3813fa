//! A store in a temporary folder, and quick ways to fill it.

use galley_model::{Article, ArticleFields, Draft, RevisionReason, Timestamp};
use galley_store::Store;
use tempfile::TempDir;

pub struct Fixture {
    pub dir: TempDir,
    pub store: Store,
}

/// A fixed moment plus `minutes`.
pub fn at(minutes: i64) -> Timestamp {
    let start: Timestamp = "2026-11-28T09:00:00Z".parse().expect("valid time");
    start + jiff::SignedDuration::from_mins(minutes)
}

#[allow(clippy::new_without_default)]
impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = Store::open(&dir.path().join("store.sqlite3")).expect("a new store opens");
        Fixture { dir, store }
    }

    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("store.sqlite3")
    }

    pub fn article(&self, fields: ArticleFields) -> Article {
        self.store
            .create(Draft { fields, ..Draft::default() }, RevisionReason::Create, at(0))
            .expect("article is stored")
    }

    pub fn headline(&self, headline: &str, body: &str) -> Article {
        self.article(ArticleFields {
            headline: headline.into(),
            body: body.into(),
            ..ArticleFields::default()
        })
    }
}
