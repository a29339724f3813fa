//! Backups from the settings: the list, a backup now, and restoring one picked with the native
//! open dialog (the page asks the user first, with what the backup holds).

use std::path::PathBuf;

use galley_core::{BackupFacts, BackupFile, BackupKind, Restored};
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};

use crate::file_chooser::FileChooser;
use crate::offered::OfferedPaths;
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
pub fn backup_list(
    state: State<'_, AppState>,
    offered: State<'_, OfferedPaths>,
) -> Result<BackupList, IpcError> {
    let backups = state.library.backups()?;
    for backup in &backups {
        offered.offer(backup.path.clone());
    }
    Ok(BackupList { folder: state.library.backup_folder().display().to_string(), backups })
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
    offered: State<'_, OfferedPaths>,
    title: String,
) -> Result<Option<BackupChoice>, IpcError> {
    let Some((path, facts)) = pick_checked_backup(&window, title, Some(state.library.backup_folder()))?
    else {
        return Ok(None);
    };
    Ok(Some(BackupChoice {
        path: offered.offer(path).display().to_string(),
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
    let mut chooser = FileChooser::new(window, title).filter("SQLite", &["sqlite3", "sqlite", "db"]);
    if let Some(folder) = folder {
        chooser = chooser.folder(folder);
    }
    let Some(path) = chooser.pick_file()? else {
        return Ok(None);
    };
    let facts = galley_core::check_backup(&path)?;
    Ok(Some((path, facts)))
}

/// Restores a backup the user picked and confirmed; returns what was kept of the store first (and,
/// for a damaged store, where the articles the backup lacked were saved).
#[tauri::command(async)]
pub fn backup_restore(
    state: State<'_, AppState>,
    offered: State<'_, OfferedPaths>,
    path: String,
) -> Result<Restored, IpcError> {
    Ok(state.library.restore_backup(&offered.taken(&path)?)?)
}

/// Whether the store takes writes, and for a damaged store the newest good backup with what
/// restoring it would lose.
#[tauri::command(async)]
pub fn store_health(state: State<'_, AppState>, offered: State<'_, OfferedPaths>) -> StoreHealth {
    let health = crate::store_check::health(&state.library);
    offered.offer_recovery(&health);
    health
}
