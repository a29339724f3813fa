//! Settings: read and save the user's settings file, and pick the folders and files it names
//! with the native dialogs (from Rust: the page holds no dialog permission).

use galley_core::Settings;
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

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
}

#[tauri::command(async)]
pub fn settings_get(state: State<'_, AppState>) -> SettingsView {
    SettingsView {
        settings: state.settings().clone(),
        path: state.settings_path.as_ref().map(|p| p.display().to_string()),
        store_in_use: state.library.path().display().to_string(),
        problem: state.settings_problem.clone(),
    }
}

/// Saves the settings and puts them in force; returns them as saved.
#[tauri::command(async)]
pub fn settings_set(state: State<'_, AppState>, settings: Settings) -> Result<Settings, IpcError> {
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
    kind: PathKind,
    title: String,
) -> Result<Option<String>, IpcError> {
    let dialog = window.dialog().file().set_parent(&window).set_title(title);
    let chosen = match kind {
        PathKind::Templates => dialog.blocking_pick_folder(),
        PathKind::Store => dialog
            .set_file_name("galley.sqlite3")
            .add_filter("SQLite", &["sqlite3", "sqlite", "db"])
            .blocking_save_file(),
    };
    let Some(chosen) = chosen else { return Ok(None) };
    let path = chosen.into_path().map_err(|err| IpcError::bad_input(err.to_string()))?;
    Ok(Some(path.display().to_string()))
}
