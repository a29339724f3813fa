//! Importing files: read each, turn it into a draft, store the batch. A bad file is reported and
//! the rest go on.

use std::path::{Path, PathBuf};

use galley_import::Format;
use galley_model::{ArticleId, RevisionReason};
use serde::Serialize;

use crate::read::{Links, open_regular_file, read_at_most};
use crate::{Error, ImportError, Library, Result};

/// How one file fared.
#[derive(Debug)]
pub struct ImportOutcome {
    pub path: PathBuf,
    pub result: Result<ImportedFile>,
}

/// A file that became (or updated) an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportedFile {
    pub id: ArticleId,
    pub slug: String,
    pub headline: String,
    /// `false` when the file carried the id of an article already stored, which was updated.
    pub created: bool,
    pub warnings: Vec<String>,
}

/// Files stored per transaction: large enough to make bulk import fast, small enough that a
/// batch holds little memory.
const BATCH: usize = 256;

impl Library {
    /// Imports files (`.md`, `.txt`, `.html`), in order.
    pub fn import_files(&self, paths: &[PathBuf]) -> Vec<ImportOutcome> {
        let mut outcomes = Vec::with_capacity(paths.len());
        for chunk in paths.chunks(BATCH) {
            // Read the whole chunk first, keeping each file's headline and warnings for its report.
            let mut drafts = Vec::new();
            let read: Vec<Result<(String, Vec<String>)>> = chunk
                .iter()
                .map(|path| {
                    read_draft(path).map(|imported| {
                        let headline = imported.draft.fields.headline.clone();
                        drafts.push(imported.draft);
                        (headline, imported.warnings)
                    })
                })
                .collect();
            let stored_count = drafts.len();
            let stored: Vec<Result<_>> =
                match self.store.create_many(drafts, RevisionReason::Import, self.now()) {
                    Ok(results) => results.into_iter().map(|r| r.map_err(Error::from)).collect(),
                    Err(err) => {
                        let message = err.to_string();
                        (0..stored_count)
                            .map(|_| Err(Error::Invalid(format!("could not be stored: {message}"))))
                            .collect()
                    }
                };
            let mut stored = stored.into_iter();
            for (path, read) in chunk.iter().zip(read) {
                let result = read.and_then(|(headline, warnings)| {
                    let stored = stored.next().expect("one store result per draft read");
                    stored.map(|s| ImportedFile {
                        id: s.article.id,
                        slug: s.article.fields.slug,
                        headline,
                        created: s.created,
                        warnings,
                    })
                });
                outcomes.push(ImportOutcome { path: path.clone(), result });
            }
        }
        outcomes
    }
}

/// Reads one file into a draft, refusing what is not a file Galley imports.
fn read_draft(path: &Path) -> Result<galley_import::Imported> {
    let io = |source| Error::Io { path: path.to_owned(), source };
    let metadata = std::fs::metadata(path).map_err(io)?;
    if metadata.is_dir() {
        return Err(Error::IsAFolder { path: path.to_owned() });
    }
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let format =
        Format::from_file_name(&name).ok_or_else(|| Error::UnsupportedFile { path: path.to_owned() })?;
    let import_error = |source| Error::Import { path: path.to_owned(), source };
    let (file, len) = open_regular_file(path, Links::Follow).map_err(io)?;
    galley_import::check_size(len).map_err(import_error)?;
    let too_large = |bytes| std::io::Error::other(ImportError::TooLarge { bytes });
    let bytes = read_at_most(file, galley_import::MAX_FILE_BYTES, too_large).map_err(io)?;
    galley_import::import(&bytes, format).map_err(import_error)
}
