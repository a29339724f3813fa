//! The store's errors. Messages are meant for people: they say what happened and what to do.

use std::path::PathBuf;

use galley_model::tag::TagNameError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no article `{0}` (give an article id or slug; `galley-cli list` shows them)")]
    NotFound(String),
    #[error("article {article} has no revision {number}")]
    RevisionNotFound { article: String, number: u32 },
    #[error("the slug `{0}` is already used by another article")]
    SlugTaken(String),
    #[error("`{0}` is not a valid slug: use lowercase Latin letters, digits and single hyphens")]
    InvalidSlug(String),
    #[error("`{0}` is not a language code such as ru or en")]
    InvalidLanguage(String),
    #[error(transparent)]
    InvalidTag(#[from] TagNameError),
    #[error("no tag `{0}`")]
    TagNotFound(String),
    #[error("{0}")]
    InvalidQuery(#[from] galley_query::ParseError),
    #[error(
        "the store {path} was made by a newer version of Galley (schema {found}; this version knows up to \
         {known}). It was left untouched: update Galley to open it."
    )]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("{path} is not a Galley store ({reason}); it was left untouched")]
    NotAStore { path: PathBuf, reason: String },
    #[error("cannot create the folder {path}: {source}")]
    CreateFolder { path: PathBuf, source: std::io::Error },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{0} already exists; Galley never writes a backup over a file")]
    BackupExists(PathBuf),
    #[error("the store could not be read or written: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("a stored snapshot could not be read: {0}")]
    Snapshot(#[from] serde_json::Error),
}

impl Error {
    /// Whether the error comes from what the user asked for (as opposed to the store failing).
    pub fn is_user_error(&self) -> bool {
        !matches!(self, Error::Sqlite(_) | Error::Snapshot(_) | Error::CreateFolder { .. } | Error::Io { .. })
    }
}
