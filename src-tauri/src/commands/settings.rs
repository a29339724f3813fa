//! Settings: read and save the user's settings file, and pick the folders and files it names
//! with the native dialogs (from Rust: the page holds no dialog permission).

use galley_core::{STORE_ENV, Settings, StoreOrigin, StorePlaceRisk, store_place_risk};
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};

use crate::file_chooser::FileChooser;
use crate::offered::OfferedPaths;
use crate::{AppState, IpcError};

/// The settings with what the page shows beside them.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct SettingsView {
    pub settings: Settings,
    /// The settings file, or `None` when there is no config folder (settings last a session).
    pub path: Option<String>,
    /// The store this window writes to (a new location takes effect at the next start).
    pub store_in_use: String,
    /// What went wrong reading the settings file at start, if anything.
    pub problem: Option<String>,
    /// Why the store in use is in an unsafe place (a sync folder, a network share), if it is.
    pub store_risk: Option<StorePlaceRisk>,
}

#[tauri::command(async)]
pub fn settings_get(state: State<'_, AppState>) -> SettingsView {
    SettingsView {
        settings: state.settings().clone(),
        path: state.settings_path.as_ref().map(|p| p.display().to_string()),
        store_in_use: state.library.path().display().to_string(),
        problem: state.settings_problem.clone(),
        store_risk: store_place_risk(state.library.path()),
    }
}

/// Saves the settings and puts them in force; returns them as saved.
#[tauri::command(async)]
pub fn settings_set(
    state: State<'_, AppState>,
    offered: State<'_, OfferedPaths>,
    settings: Settings,
) -> Result<Settings, IpcError> {
    // A store or templates folder the page names is one already set or one picked in the dialog.
    let current = state.settings().clone();
    for (now, asked) in [(&current.store, &settings.store), (&current.templates, &settings.templates)] {
        if let Some(asked) = asked.as_ref().filter(|asked| Some(*asked) != now.as_ref()) {
            offered.taken(&asked.display().to_string())?;
        }
    }
    // A store picked where there is none yet is made now, while the user is asking for it: at the
    // next start a store in the settings is only opened, never made (its drive may be unplugged).
    if let Some(new) =
        settings.store.as_ref().filter(|new| Some(*new) != current.store.as_ref() && !new.exists())
    {
        drop(galley_core::Library::open(new)?);
    }
    Ok(state.set_settings(settings)?)
}

/// What a settings path picker chooses.
#[derive(Debug, Clone, Copy, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PathKind {
    /// A folder of HTML templates.
    Templates,
    /// A store file: an existing one, or where a new one is to be made.
    Store,
}

/// Asks for a folder or a store file with the native dialog; `None` when the user cancels.
#[tauri::command(async)]
pub fn settings_pick_path<R: Runtime>(
    window: WebviewWindow<R>,
    offered: State<'_, OfferedPaths>,
    kind: PathKind,
    title: String,
) -> Result<Option<String>, IpcError> {
    let chooser = FileChooser::new(&window, title);
    let chosen = match kind {
        PathKind::Templates => chooser.pick_folder()?,
        PathKind::Store => {
            chooser.file_name("galley.sqlite3").filter("SQLite", &["sqlite3", "sqlite", "db"]).save_file()?
        }
    };
    let Some(path) = chosen else { return Ok(None) };
    Ok(Some(offered.offer(path).display().to_string()))
}

/// Moves the store to `to`, a new store file the dialog offered: a whole, checked copy is made
/// there (with the words kept from failed saves), and the settings name it, so the app starts on
/// it from now on; the old store is left as it was, for the journalist to remove. The page has
/// saved what it holds first and takes no typing until it closes. The mirror folder's link is in
/// the copy: the new process's first pass takes in what the files got meanwhile. Then the page
/// asks for [`app_start_moved`] and closes its window. Returns the new path.
#[tauri::command(async)]
pub fn store_move(
    state: State<'_, AppState>,
    offered: State<'_, OfferedPaths>,
    to: String,
) -> Result<String, IpcError> {
    let to = offered.taken(&to)?;
    state.library.copy_store_to(&to)?;
    // A store named for this run (`GALLEY_STORE`, `--store`) is not the settings' to change: the
    // new process is told instead.
    if state.store_origin != StoreOrigin::Named {
        let mut settings = state.settings().clone();
        settings.store = Some(to.clone());
        state.set_settings(settings)?;
    }
    *state.moved_to.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(to.clone());
    Ok(to.display().to_string())
}

/// Starts Galley on the store [`store_move`] copied (by the settings, or told by `GALLEY_STORE`
/// when the store was named for this run); the page then closes this window, and this process
/// leaves the old store. Refused when no store was moved.
#[tauri::command(async)]
pub fn app_start_moved(state: State<'_, AppState>) -> Result<(), IpcError> {
    let moved = state.moved_to.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
    let moved = moved.ok_or_else(|| IpcError::internal("no store was moved"))?;
    let exe = std::env::current_exe()
        .map_err(|err| IpcError::internal(format!("Galley could not find its own program: {err}")))?;
    let mut command = std::process::Command::new(exe);
    if state.store_origin == StoreOrigin::Named {
        command.env(STORE_ENV, &moved);
    }
    command.spawn().map_err(|err| {
        IpcError::internal(format!(
            "Galley could not start again: {err}; start it by hand, it opens the moved store"
        ))
    })?;
    Ok(())
}
