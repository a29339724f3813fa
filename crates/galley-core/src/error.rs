//! Errors of the Library, one type for every front end.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] galley_store::Error),
    #[error("{path}: {source}")]
    Import { path: PathBuf, source: galley_import::ImportError },
    #[error("{}: {}", path.display(), galley_store::io_problem(source))]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    Invalid(String),
    /// A file to import that is not one Galley imports (by its name).
    #[error("{}: Galley imports .md, .txt and .html files; this one is none of them", path.display())]
    UnsupportedFile { path: PathBuf },
    /// A folder given where files were expected.
    #[error("{}: is a folder; give the files in it", path.display())]
    IsAFolder { path: PathBuf },
    #[error("no folder for Galley's data was found; give a store with --store or GALLEY_STORE")]
    NoDataFolder,
    /// A store that should exist is not there; a new one is not made in its place.
    #[error(
        "the store {} is not there (its drive may be unplugged, or its folder moved or renamed)",
        path.display()
    )]
    StoreMissing { path: PathBuf },
}

impl Error {
    /// Whether the user can fix this by asking differently (as opposed to something failing).
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::Store(err) => err.is_user_error(),
            Error::Import { .. }
            | Error::Invalid(_)
            | Error::UnsupportedFile { .. }
            | Error::IsAFolder { .. }
            | Error::NoDataFolder
            | Error::StoreMissing { .. } => true,
            Error::Io { source, .. } => matches!(
                source.kind(),
                std::io::ErrorKind::NotFound
                    | std::io::ErrorKind::PermissionDenied
                    | std::io::ErrorKind::IsADirectory
            ),
        }
    }
}
