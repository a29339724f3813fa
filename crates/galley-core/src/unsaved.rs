//! Words the store could not take. When a save fails (a full disk, a store busy past its timeout,
//! found damaged or read-only, an article removed by another process), the editor keeps its text
//! on screen and asks for it to be kept here too: a `.md` file per article (the `.md` export's
//! format with the editor's note, id in the front matter) in `<store>-unsaved/` beside the store,
//! until a save succeeds. When that folder cannot take them (the store's drive is full or
//! read-only: the very failures that stopped the save), they go to a second folder on the
//! machine's own disk, set with [`Library::set_unsaved_fallback`] (the desktop shell gives
//! [`crate::unsaved_fallback_folder`]); the text kept last is the only one kept, in one of the two.
//! What is still there at the next start is brought back with
//! [`Library::restore_unsaved`]: importing a file that carries an article's id makes a revision of
//! that article (or makes the article again, if it is gone), and the file is removed once stored.

use std::path::{Path, PathBuf};

use galley_model::{ArticleFields, ArticleId, markdown_file};

use crate::import::ImportOutcome;
use crate::{Error, Library, Result, write_atomically};

impl Library {
    /// The folder that holds unsaved texts: `<store name>-unsaved` beside the store.
    pub fn unsaved_folder(&self) -> PathBuf {
        unsaved_folder_of(self.path())
    }

    /// Sets the folder that takes unsaved words when the one beside the store cannot.
    pub fn set_unsaved_fallback(&self, folder: Option<PathBuf>) {
        *self.unsaved_fallback.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = folder;
    }

    /// The folders that may hold kept texts: beside the store, then the fallback if set.
    fn unsaved_folders(&self) -> Vec<PathBuf> {
        let fallback = self.unsaved_fallback.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
        std::iter::once(self.unsaved_folder()).chain(fallback).collect()
    }

    /// Keeps the fields the editor holds for `id` in a file of their own (written atomically,
    /// replacing the one kept before): beside the store, or in the fallback folder when that
    /// fails; returns its path. A copy left in the other folder goes, so that only the newest
    /// words come back. When neither folder takes them, the error is the first folder's.
    pub fn keep_unsaved(&self, id: ArticleId, fields: &ArticleFields) -> Result<PathBuf> {
        let now = self.now();
        let text = markdown_file::write(id, fields, now, now, true);
        let folders = self.unsaved_folders();
        let mut first_error = None;
        for (n, folder) in folders.iter().enumerate() {
            match keep_in(folder, id, text.as_bytes()) {
                Ok(path) => {
                    for other in folders.iter().enumerate().filter(|(m, _)| *m != n).map(|(_, f)| f) {
                        // Best effort: the newer copy is written; an older one that cannot be
                        // removed comes back first, as a revision (`restore_unsaved`).
                        let _ = remove_kept(&other.join(format!("{id}.md")));
                    }
                    return Ok(path);
                }
                Err(err) => first_error = first_error.or(Some(err)),
            }
        }
        Err(first_error.expect("there is always the folder beside the store"))
    }

    /// The text kept for `id` is in the store now: its file goes, from either folder (one
    /// already gone is fine).
    pub fn forget_unsaved(&self, id: ArticleId) -> Result<()> {
        for folder in self.unsaved_folders() {
            remove_kept(&folder.join(format!("{id}.md")))?;
        }
        Ok(())
    }

    /// The files of texts kept and not yet stored: beside the store, then in the fallback
    /// folder, each sorted by name (the article's id).
    pub fn unsaved(&self) -> Result<Vec<PathBuf>> {
        let mut files = Vec::new();
        for folder in self.unsaved_folders() {
            let entries = match std::fs::read_dir(&folder) {
                Ok(entries) => entries,
                // Not there, or a file in its place (which no kept text could have gone into).
                Err(source)
                    if matches!(
                        source.kind(),
                        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                    ) =>
                {
                    continue;
                }
                Err(source) => return Err(Error::Io { path: folder, source }),
            };
            let mut here: Vec<PathBuf> = entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
                .collect();
            here.sort();
            files.append(&mut here);
        }
        Ok(files)
    }

    /// Stores every kept text as a revision of its article (made again if it is gone); each file
    /// stored is removed, one that could not be is left with its reason in the outcome. Oldest
    /// first: should both folders hold a text for one article (the older copy could not be
    /// removed), the newer is stored last and is the article's text, the older a revision.
    pub fn restore_unsaved(&self) -> Result<Vec<ImportOutcome>> {
        let mut files = self.unsaved()?;
        files.sort_by_key(|file| std::fs::metadata(file).and_then(|m| m.modified()).ok());
        let outcomes = self.import_files(&files);
        for outcome in outcomes.iter().filter(|outcome| outcome.result.is_ok()) {
            std::fs::remove_file(&outcome.path)
                .map_err(|source| Error::Io { path: outcome.path.clone(), source })?;
        }
        Ok(outcomes)
    }
}

/// Writes `text` as `<folder>/<id>.md`, making the folder if needed.
fn keep_in(folder: &Path, id: ArticleId, text: &[u8]) -> Result<PathBuf> {
    std::fs::create_dir_all(folder).map_err(|source| Error::Io { path: folder.to_owned(), source })?;
    let path = folder.join(format!("{id}.md"));
    write_atomically(&path, text)?;
    Ok(path)
}

/// Removes a kept file; one that is not there is fine.
fn remove_kept(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(source) if source.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::Io { path: path.to_owned(), source })
        }
        _ => Ok(()),
    }
}

/// `<store name>-unsaved` beside `store`.
pub(crate) fn unsaved_folder_of(store: &Path) -> PathBuf {
    let mut name = store.file_stem().unwrap_or_default().to_owned();
    name.push("-unsaved");
    store.with_file_name(name)
}
