//! Backups from the settings: the list, a backup now, and restoring one picked with the native
//! open dialog (the page asks the user first, with what the backup holds).

use std::path::PathBuf;

use galley_core::{BackupFacts, BackupFile, BackupKind, Restored};
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::{AppState, IpcError, StoreHealth};

/// The backups beside the store, and where they are kept.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct BackupList {
    pub folder: String,
    /// Newest first.
    pub backups: Vec<BackupFile>,
}

/// A backup file the user picked, checked: what it holds against what the store holds now.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct BackupChoice {
    pub path: String,
    pub articles: u64,
    pub store_articles: u64,
}

#[tauri::command(async)]
pub fn backup_list(state: State<'_, AppState>) -> Result<BackupList, IpcError> {
    Ok(BackupList {
        folder: state.library.backup_folder().display().to_string(),
        backups: state.library.backups()?,
    })
}

#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>) -> Result<BackupFile, IpcError> {
    Ok(state.library.backup(BackupKind::Manual, None)?)
}

/// Asks for a backup file with the native dialog (opening in the backup folder) and checks it;
/// `None` when cancelled.
#[tauri::command(async)]
pub fn backup_pick<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    title: String,
) -> Result<Option<BackupChoice>, IpcError> {
    let Some((path, facts)) = pick_checked_backup(&window, title, Some(state.library.backup_folder()))?
    else {
        return Ok(None);
    };
    Ok(Some(BackupChoice {
        path: path.display().to_string(),
        articles: facts.articles,
        store_articles: state.library.count()?,
    }))
}

/// Asks for a backup file with the native dialog (opening in `folder`) and checks it: its path and
/// what it holds; `None` when cancelled.
pub(crate) fn pick_checked_backup<R: Runtime>(
    window: &WebviewWindow<R>,
    title: String,
    folder: Option<PathBuf>,
) -> Result<Option<(PathBuf, BackupFacts)>, IpcError> {
    let mut dialog = window.dialog().file().set_parent(window).set_title(title);
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    let Some(picked) = dialog.add_filter("SQLite", &["sqlite3", "sqlite", "db"]).blocking_pick_file() else {
        return Ok(None);
    };
    let path = picked.into_path().map_err(|err| IpcError::bad_input(err.to_string()))?;
    let facts = galley_core::check_backup(&path)?;
    Ok(Some((path, facts)))
}

/// Restores a backup the user picked and confirmed; returns what was kept of the store first (and,
/// for a damaged store, where the articles the backup lacked were saved).
#[tauri::command(async)]
pub fn backup_restore(state: State<'_, AppState>, path: String) -> Result<Restored, IpcError> {
    Ok(state.library.restore_backup(&PathBuf::from(path))?)
}

/// Whether the store takes writes, and for a damaged store the newest good backup with what
/// restoring it would lose.
#[tauri::command(async)]
pub fn store_health(state: State<'_, AppState>) -> StoreHealth {
    crate::store_check::health(&state.library)
}
