//! Words the store could not take. When a save fails (a full disk, a store busy past its timeout,
//! found damaged or read-only, an article removed by another process), the editor keeps its text
//! on screen and asks for it to be kept here too: a `.md` file per article (the `.md` export's
//! format with the editor's note, id in the front matter) in `<store>-unsaved/` beside the store,
//! until a save succeeds. What is still there at the next start is brought back with
//! [`Library::restore_unsaved`]: importing a file that carries an article's id makes a revision of
//! that article (or makes the article again, if it is gone), and the file is removed once stored.

use std::path::PathBuf;

use galley_model::{ArticleFields, ArticleId, markdown_file};

use crate::import::ImportOutcome;
use crate::{Error, Library, Result, write_atomically};

impl Library {
    /// The folder that holds unsaved texts: `<store name>-unsaved` beside the store.
    pub fn unsaved_folder(&self) -> PathBuf {
        let mut name = self.path().file_stem().unwrap_or_default().to_owned();
        name.push("-unsaved");
        self.path().with_file_name(name)
    }

    /// Keeps the fields the editor holds for `id` in a file of their own (written atomically,
    /// replacing the one kept before); returns its path.
    pub fn keep_unsaved(&self, id: ArticleId, fields: &ArticleFields) -> Result<PathBuf> {
        let folder = self.unsaved_folder();
        std::fs::create_dir_all(&folder).map_err(|source| Error::Io { path: folder.clone(), source })?;
        let path = folder.join(format!("{id}.md"));
        let now = self.now();
        write_atomically(&path, markdown_file::write(id, fields, now, now, true).as_bytes())?;
        Ok(path)
    }

    /// The text kept for `id` is in the store now: its file goes (one already gone is fine).
    pub fn forget_unsaved(&self, id: ArticleId) -> Result<()> {
        let path = self.unsaved_folder().join(format!("{id}.md"));
        match std::fs::remove_file(&path) {
            Err(source) if source.kind() != std::io::ErrorKind::NotFound => Err(Error::Io { path, source }),
            _ => Ok(()),
        }
    }

    /// The files of texts kept and not yet stored, sorted by name (the article's id).
    pub fn unsaved(&self) -> Result<Vec<PathBuf>> {
        let folder = self.unsaved_folder();
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(source) if source.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(Error::Io { path: folder, source }),
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
            .collect();
        files.sort();
        Ok(files)
    }

    /// Stores every kept text as a revision of its article (made again if it is gone); each file
    /// stored is removed, one that could not be is left with its reason in the outcome.
    pub fn restore_unsaved(&self) -> Result<Vec<ImportOutcome>> {
        let outcomes = self.import_files(&self.unsaved()?);
        for outcome in outcomes.iter().filter(|outcome| outcome.result.is_ok()) {
            std::fs::remove_file(&outcome.path)
                .map_err(|source| Error::Io { path: outcome.path.clone(), source })?;
        }
        Ok(outcomes)
    }
}
