//! What a pass did, one line per file, for people (the CLI prints them, the app shows them) and
//! for scripts (`--json`).

use std::fmt;

use galley_core::model::ArticleId;
use serde::Serialize;

/// One thing a pass did or found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Change {
    /// Galley wrote an article's file (a change made in Galley, or a new article).
    Wrote { path: String, id: ArticleId, headline: String },
    /// An article was spiked in Galley: its file was removed (the store keeps every word).
    Removed { path: String, id: ArticleId, headline: String },
    /// A new file became an article. `given_id`: the file had no id (or another file's) and
    /// Galley wrote the article's id into it.
    Created { path: String, id: ArticleId, headline: String, given_id: bool },
    /// A file's new version became the article's (a revision, reason: external edit).
    Updated { path: String, id: ArticleId, headline: String },
    /// A file was renamed or moved; it is the same article.
    Moved { from: String, to: String, id: ArticleId, headline: String },
    /// A file was deleted: its article was spiked, not deleted.
    Spiked { path: String, id: ArticleId, headline: String },
    /// The article changed in Galley and its file changed too. Galley's version stays; the file's
    /// is kept as revision `revision` (none when the file was deleted). The file is left alone
    /// until the user chooses.
    Conflict { path: String, id: ArticleId, headline: String, revision: Option<u32> },
    /// A conflict was settled by the user's choice.
    Resolved { path: String, id: ArticleId, headline: String, kept: Kept },
    /// A file that cannot be read as an article. Its article (if any) keeps its last good
    /// version and the file is not overwritten.
    Problem { path: String, message: String },
}

/// Which side the user kept when settling a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Kept {
    /// Galley's version; the file is rewritten from it.
    Galley,
    /// The file's version; it becomes the article's.
    File,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let title = |headline: &str| match headline.char_indices().nth(60) {
            _ if headline.is_empty() => "(no headline)".to_owned(),
            Some((end, _)) => format!("«{}…»", headline[..end].trim_end()),
            None => format!("«{headline}»"),
        };
        match self {
            Change::Wrote { path, headline, .. } => write!(f, "wrote     {path}  {}", title(headline)),
            Change::Removed { path, headline, .. } => {
                write!(f, "removed   {path}  {} was spiked in Galley", title(headline))
            }
            Change::Created { path, headline, given_id, .. } => {
                write!(f, "new       {path}  {}", title(headline))?;
                if *given_id { write!(f, " (its id was written into the file)") } else { Ok(()) }
            }
            Change::Updated { path, headline, .. } => write!(f, "updated   {path}  {}", title(headline)),
            Change::Moved { from, to, headline, .. } => {
                write!(f, "moved     {from} → {to}  {}", title(headline))
            }
            Change::Spiked { path, headline, .. } => {
                write!(f, "spiked    {path}  {} (the file was deleted)", title(headline))
            }
            Change::Conflict { path, headline, revision: Some(n), .. } => write!(
                f,
                "CONFLICT  {path}  {} changed in Galley and in the file: Galley's version stays, the file's is \
                 revision {n}; the file is left as it is until you choose",
                title(headline)
            ),
            Change::Conflict { path, headline, revision: None, .. } => write!(
                f,
                "CONFLICT  {path}  {} changed in Galley but its file was deleted: the article stays; the file \
                 is not written again until you choose",
                title(headline)
            ),
            Change::Resolved { path, headline, kept, .. } => write!(
                f,
                "resolved  {path}  {}: kept {}",
                title(headline),
                match kept {
                    Kept::Galley => "Galley's version",
                    Kept::File => "the file's version",
                }
            ),
            Change::Problem { path, message } => write!(f, "PROBLEM   {path}: {message}"),
        }
    }
}
