//! The store's errors. Messages are meant for people: they say what happened and what to do.

use std::path::PathBuf;

use galley_model::tag::TagNameError;
use rusqlite::ErrorCode;

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
    #[error(
        "{path} cannot be read as a database: either it is a store whose first page is damaged, or \
         it is not a Galley store. It was left untouched. If it is the store, `galley-cli backups` \
         lists the backups that can take its place"
    )]
    Unreadable { path: PathBuf },
    #[error(
        "the store {path} cannot be written (the file, its folder or its drive is read-only) and this \
         version of Galley must upgrade it before reading it; make it writable and open it again"
    )]
    UnwritableNeedsUpgrade { path: PathBuf },
    #[error(
        "the store {path} was found damaged, and this version of Galley would have to upgrade it; it \
         was left untouched. Restore a backup (`galley-cli backups` lists them) with the version that \
         found the damage, or copy the backup over the store"
    )]
    DamagedNeedsUpgrade { path: PathBuf },
    #[error("{0}")]
    ReadOnly(#[from] crate::health::ReadOnly),
    #[error("cannot create the folder {}: {}", path.display(), io_problem(source))]
    CreateFolder { path: PathBuf, source: std::io::Error },
    #[error("{}: {}", path.display(), io_problem(source))]
    Io { path: PathBuf, source: std::io::Error },
    #[error("the backup {} could not be written: {reason}; the store is unchanged", path.display())]
    BackupNotWritten { path: PathBuf, reason: String },
    #[error("{0} already exists; Galley never writes a backup over a file")]
    BackupExists(PathBuf),
    #[error("{}", sqlite_problem(.0))]
    Sqlite(#[from] rusqlite::Error),
    #[error("a stored snapshot could not be read: {0}")]
    Snapshot(#[from] serde_json::Error),
}

impl Error {
    /// Whether the error comes from what the user asked for (as opposed to the store failing).
    pub fn is_user_error(&self) -> bool {
        !matches!(
            self,
            Error::Sqlite(_)
                | Error::Snapshot(_)
                | Error::CreateFolder { .. }
                | Error::Io { .. }
                | Error::ReadOnly(_)
                | Error::UnwritableNeedsUpgrade { .. }
                | Error::DamagedNeedsUpgrade { .. }
                | Error::BackupNotWritten { .. }
                | Error::Unreadable { .. }
        )
    }

    /// Whether opening the store failed because its file is damaged: it does not read as a
    /// database (and shows signs of having been a store), SQLite found its first pages malformed,
    /// or a check found it damaged before and it would need an upgrade. A backup can then take its
    /// place.
    pub fn is_damaged_store(&self) -> bool {
        match self {
            Error::Unreadable { .. } | Error::DamagedNeedsUpgrade { .. } => true,
            Error::Sqlite(err) => {
                matches!(err.sqlite_error_code(), Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase))
            }
            _ => false,
        }
    }
}

/// What went wrong with the store's file, in words for people: SQLite's own ("database or disk is
/// full", "disk I/O error") say neither what happened to the change nor what to do.
fn sqlite_problem(err: &rusqlite::Error) -> String {
    let unsaved = "the change was not saved; what was saved before it is kept";
    match err.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => {
            format!("the disk holding the store is full: {unsaved}. Free some space and try again")
        }
        Some(ErrorCode::ReadOnly) => {
            format!("the store cannot be written (the file, its folder or its drive is read-only): {unsaved}")
        }
        Some(ErrorCode::SystemIoFailure) => format!(
            "the store's drive failed to read or write (an input/output error: the drive may be failing, \
             full or unplugged); check the drive and try again (SQLite error {})",
            extended_code(err)
        ),
        Some(ErrorCode::CannotOpen) => {
            "the store's file cannot be opened (its folder may have been moved or \
                                        its drive unplugged)"
                .to_owned()
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "another Galley process kept the store busy for too long; try again".to_owned()
        }
        Some(ErrorCode::DatabaseCorrupt) => {
            format!("the store is damaged ({err}); restore a backup (`galley-cli backups` lists them)")
        }
        _ => format!("the store could not be read or written: {err}"),
    }
}

fn extended_code(err: &rusqlite::Error) -> i32 {
    match err {
        rusqlite::Error::SqliteFailure(failure, _) => failure.extended_code,
        _ => 0,
    }
}

/// An IO error in words for people, for the errors a full, read-only or failing drive gives (the
/// standard messages, "No space left on device (os error 28)", say little to a journalist). The
/// one wording for every crate that writes files.
pub fn io_problem(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    // The operating system's error, also when a library wrapped it with the file's name.
    let os = std::iter::successors(Some(err), |err| {
        let inner = err.get_ref()?;
        inner.downcast_ref::<std::io::Error>().or_else(|| inner.source()?.downcast_ref::<std::io::Error>())
    })
    .find(|err| err.raw_os_error().is_some());
    // Messages Galley wrote itself already say what happened.
    let Some(os) = os else { return err.to_string() };
    match os.kind() {
        ErrorKind::StorageFull => "the disk is full (no space left on the device)".to_owned(),
        ErrorKind::QuotaExceeded => "the disk quota is used up".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "the drive is read-only".to_owned(),
        _ if cfg!(unix) && os.raw_os_error() == Some(5) => {
            "the drive failed to read or write (an input/output error: it may be failing or unplugged)"
                .to_owned()
        }
        _ => err.to_string(),
    }
}
