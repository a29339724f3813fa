//! Import from the desk: files dropped on the window, or picked with the native open dialog.
//! Each file gets its own result; a bad file never stops the others.

use std::path::PathBuf;

use galley_core::{Error, ImportError, ImportOutcome};
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};

use crate::file_chooser::FileChooser;
use crate::{AppState, IpcError};

/// What became of one file.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ImportResult {
    /// The file's name, as the user knows it.
    pub file: String,
    /// The article it became (or updated), if it was imported.
    #[ts(type = "string | null")]
    pub id: Option<String>,
    pub headline: Option<String>,
    /// `false` when the file carried the id of an article already stored, which was updated.
    pub created: bool,
    /// Why it was not imported (the Library's message, in English), and what kind of reason it
    /// is, for the page to say in the UI's language.
    pub error: Option<String>,
    pub problem: Option<ImportProblem>,
    pub warnings: Vec<String>,
}

/// Why a file was not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportProblem {
    /// Not `.md`, `.txt` or `.html` (by its name).
    Unsupported,
    Folder,
    Empty,
    TooLarge,
    /// An image, a PDF, a Word document…
    Binary,
    /// Text in an encoding Galley cannot read reliably.
    NotText,
    /// A Markdown file whose front matter is broken.
    FrontMatter,
    /// A web page without an article in it (a home page, a menu).
    NoArticle,
    /// A web page nested deeper than any real one (only hostile pages are).
    TooDeep,
    /// A web page with more elements than any real one (only hostile or generated pages have).
    TooManyElements,
    /// The file could not be read (gone, no permission).
    Unreadable,
    /// Read, but the store refused it.
    NotStored,
}

impl ImportProblem {
    fn of(error: &Error) -> ImportProblem {
        match error {
            Error::UnsupportedFile { .. } => ImportProblem::Unsupported,
            Error::IsAFolder { .. } => ImportProblem::Folder,
            Error::Io { .. } => ImportProblem::Unreadable,
            Error::Import { source, .. } => match source {
                ImportError::Empty => ImportProblem::Empty,
                ImportError::TooLarge { .. } => ImportProblem::TooLarge,
                ImportError::Binary { .. } => ImportProblem::Binary,
                ImportError::NotText { .. } => ImportProblem::NotText,
                ImportError::FrontMatter(_) => ImportProblem::FrontMatter,
                ImportError::NoArticle => ImportProblem::NoArticle,
                ImportError::TooDeep => ImportProblem::TooDeep,
                ImportError::TooManyElements => ImportProblem::TooManyElements,
            },
            _ => ImportProblem::NotStored,
        }
    }
}

/// Imports the files, each on its own.
pub fn import_paths(state: &AppState, paths: &[PathBuf]) -> Vec<ImportResult> {
    state.library.import_files(paths).into_iter().map(result_of).collect()
}

pub fn result_of(outcome: ImportOutcome) -> ImportResult {
    let file = outcome
        .path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| outcome.path.display().to_string());
    match outcome.result {
        Ok(imported) => ImportResult {
            file,
            id: Some(imported.id.to_string()),
            headline: Some(imported.headline),
            created: imported.created,
            error: None,
            problem: None,
            warnings: imported.warnings,
        },
        Err(err) => ImportResult {
            file,
            id: None,
            headline: None,
            created: false,
            error: Some(err.to_string()),
            problem: Some(ImportProblem::of(&err)),
            warnings: Vec::new(),
        },
    }
}

/// Asks for files with the native open dialog and imports them: the keyboard's way to do what a
/// drop on the window does. No files when the user cancels.
#[tauri::command(async)]
pub fn article_import_pick<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    title: String,
) -> Result<Vec<ImportResult>, IpcError> {
    let paths = FileChooser::new(&window, title)
        .filter("Markdown, text, web pages", &["md", "markdown", "txt", "html", "htm"])
        .pick_files()?;
    Ok(import_paths(&state, &paths))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_gets_its_own_result_and_a_bad_one_stops_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(&dir.path().join("store.sqlite3"), None).unwrap();
        let bad = dir.path().join("снимок.png");
        let good = dir.path().join("заметка.md");
        std::fs::write(&bad, b"\x89PNG not an article").unwrap();
        std::fs::write(&good, "# Заметка\n\nТекст.\n").unwrap();
        let results = import_paths(&state, &[bad, good]);
        assert_eq!(results.len(), 2);
        assert_eq!(results[0].file, "снимок.png");
        assert!(results[0].id.is_none());
        assert!(
            results[0].error.as_deref().is_some_and(|e| e.contains(".md, .txt and .html")),
            "{:?}",
            results[0].error
        );
        assert_eq!(results[1].file, "заметка.md");
        assert_eq!(results[1].headline.as_deref(), Some("Заметка"));
        assert!(results[1].created && results[1].error.is_none() && results[1].problem.is_none());
        let id = results[1].id.as_deref().unwrap();
        assert_eq!(state.library.article(id).unwrap().fields.body, "Текст.\n");
    }
}
