//! The page the app starts on when its store would not open (`rescue.html`): why, and for a store
//! too damaged to open, the newest good backup to put in its place (or one the user picks). Once
//! a backup is in place, or the default store opened instead, the desk starts in the same window.

use galley_core::{RecoveryOffer, Restored, Theme, UiLanguage};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State, WebviewWindow};

use crate::offered::OfferedPaths;
use crate::{AppState, IpcError, OpenFailure};

/// Why the store would not open, and what can be done, as the page shows it.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct StoreProblem {
    /// The store that would not open.
    pub store: Option<String>,
    /// Why, in full.
    pub problem: String,
    /// Its file is damaged: a backup can take its place (`rescue_offer` finds the newest good one).
    pub damaged: bool,
    /// A store is open already (the page was reloaded after a restore): the desk can take over.
    pub desk_open: bool,
    /// Where its backups are kept (and where a restore keeps the damaged file).
    pub backup_folder: Option<String>,
    /// The store was chosen in the settings: the default store can be opened instead.
    pub can_open_default: bool,
    pub ui_language: UiLanguage,
    pub theme: Theme,
}

/// A backup file the user picked, checked.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct PickedBackup {
    pub path: String,
    pub articles: u64,
}

/// Why the store would not open; at once (the offer of a backup, which checks backups, comes from
/// [`rescue_offer`]).
#[tauri::command(async)]
pub fn rescue_status<R: Runtime>(app: AppHandle<R>, state: State<'_, OpenFailure>) -> StoreProblem {
    StoreProblem {
        store: state.store.as_ref().map(|store| store.display().to_string()),
        problem: state.problem.clone(),
        damaged: state.damaged,
        desk_open: app.try_state::<AppState>().is_some(),
        backup_folder: state.store.as_deref().map(|s| galley_core::backup_folder(s).display().to_string()),
        can_open_default: state.default_store.is_some(),
        ui_language: state.settings().ui_language,
        theme: state.settings().theme,
    }
}

/// For a damaged store: the newest backup that passes the check a restore makes (each is checked
/// page by page, newest first: a minute for a store of gigabytes).
#[tauri::command(async)]
pub fn rescue_offer(
    state: State<'_, OpenFailure>,
    offered: State<'_, OfferedPaths>,
) -> Result<Option<RecoveryOffer>, IpcError> {
    let offer = match (&state.store, state.damaged) {
        (Some(store), true) => galley_core::unreadable_store_offer(store)?,
        _ => None,
    };
    if let Some(offer) = &offer {
        offered.offer(offer.backup.path.clone());
    }
    Ok(offer)
}

/// Asks for a backup file with the native dialog (opening in the backup folder) and checks it;
/// `None` when cancelled.
#[tauri::command(async)]
pub fn rescue_pick<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, OpenFailure>,
    offered: State<'_, OfferedPaths>,
    title: String,
) -> Result<Option<PickedBackup>, IpcError> {
    let folder = state.store.as_deref().map(galley_core::backup_folder);
    let picked = super::backup::pick_checked_backup(&window, title, folder)?;
    Ok(picked.map(|(path, facts)| PickedBackup {
        path: offered.offer(path).display().to_string(),
        articles: facts.articles,
    }))
}

/// Puts the backup at `path` in place of the damaged store (which is kept beside the backups),
/// then opens it: the page then goes to the desk.
#[tauri::command(async)]
pub fn rescue_restore<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, OpenFailure>,
    offered: State<'_, OfferedPaths>,
    path: String,
) -> Result<Restored, IpcError> {
    let _one_at_a_time = state.acting.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    desk_not_open(&app)?;
    let store = state.store.as_deref().ok_or_else(|| IpcError::bad_input("there is no store to restore"))?;
    let restored = galley_core::restore_over_unreadable_store(
        store,
        &offered.taken(&path)?,
        &galley_core::model::SystemClock,
    )?;
    crate::start_desk(&app, state.reopen()?);
    Ok(restored)
}

/// Opens the default store instead of the damaged one chosen in the settings, which stays as it
/// is; the page then goes to the desk.
#[tauri::command(async)]
pub fn rescue_open_default<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, OpenFailure>,
) -> Result<(), IpcError> {
    let _one_at_a_time = state.acting.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    desk_not_open(&app)?;
    crate::start_desk(&app, state.open_default()?);
    Ok(())
}

/// A store is opened once: a second restore or opening (a double click) is refused.
fn desk_not_open<R: Runtime>(app: &AppHandle<R>) -> Result<(), IpcError> {
    match app.try_state::<AppState>() {
        Some(_) => Err(IpcError::bad_input("the store is open already")),
        None => Ok(()),
    }
}
