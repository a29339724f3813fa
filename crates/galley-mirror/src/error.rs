//! The mirror's errors: a pass that cannot run at all. A file that cannot be read is not an error
//! of the pass but a [`crate::Change::Problem`] beside the other files' changes.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Library(#[from] galley_core::Error),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error(
        "the mirror folder {} is not there (removed, renamed or not mounted); nothing was changed in Galley. \
         Bring it back, or link another folder",
        .0.display()
    )]
    FolderMissing(PathBuf),
    #[error(
        "the store {} is no longer there (its drive was unplugged, or its folder moved); the mirror folder \
         waits until it is back",
        .0.display()
    )]
    StoreMissing(PathBuf),
    #[error("this store is not linked to a mirror folder (link one with `galley-cli sync FOLDER`)")]
    NotLinked,
    #[error("the store is linked to {}, not to {}; unlink it first (`galley-cli sync --unlink`)", linked.display(), asked.display())]
    LinkedElsewhere { linked: PathBuf, asked: PathBuf },
    #[error("no conflict to settle for article {0}")]
    NoConflict(String),
    #[error("cannot watch {}: {message}", path.display())]
    Watch { path: PathBuf, message: String },
}

impl Error {
    /// Whether the user can fix this by asking differently (exit code 1), as opposed to something
    /// failing (exit code 2).
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::Library(err) => err.is_user_error(),
            Error::Io { .. } | Error::Watch { .. } | Error::StoreMissing(_) => false,
            Error::FolderMissing(_)
            | Error::NotLinked
            | Error::LinkedElsewhere { .. }
            | Error::NoConflict(_) => true,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
