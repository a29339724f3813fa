//! Settings: read and save the user's settings file, and pick the folders and files it names
//! with the native dialogs (from Rust: the page holds no dialog permission).

use galley_core::{Settings, StorePlaceRisk, store_place_risk};
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
