//! The app itself: its settings for the UI, closing without losing a word, and timing marks.

use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};

use crate::{AppState, IpcError};

/// What the UI needs to know about how the app was started.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct AppConfig {
    /// The store's path, shown in the window so people know which store they write in.
    pub store: String,
    /// `GALLEY_TRACE` is set: the UI reports timing marks through [`app_trace`].
    pub trace: bool,
    /// `GALLEY_TRACE=bench`: the UI also runs its scripted measurement (see `scripts/measure-desktop.sh`).
    pub bench: bool,
}

#[tauri::command(async)]
pub fn app_config(state: State<'_, AppState>) -> AppConfig {
    AppConfig {
        store: state.library.path().display().to_string(),
        trace: state.trace.is_some(),
        bench: state.trace.as_ref().is_some_and(|trace| trace.bench),
    }
}

/// A timing mark from the UI, printed on stderr as `galley-trace EVENT AT_MS [VALUE_MS]`, where
/// `AT_MS` counts from the process start. Does nothing unless `GALLEY_TRACE` is set.
#[tauri::command(async)]
pub fn app_trace(state: State<'_, AppState>, event: String, ms: Option<f64>) {
    if let Some(trace) = &state.trace {
        let at = trace.started.elapsed().as_secs_f64() * 1000.0;
        match ms {
            Some(ms) => eprintln!("galley-trace {event} {at:.1} {ms:.2}"),
            None => eprintln!("galley-trace {event} {at:.1}"),
        }
    }
}

/// The UI has saved what it held: the window may close now.
#[tauri::command(async)]
pub fn app_close<R: Runtime>(window: WebviewWindow<R>) -> Result<(), IpcError> {
    window.destroy().map_err(|err| IpcError::internal(format!("the window did not close: {err}")))
}

/// The page could not save what it holds: the window stays open so the text is not lost.
#[tauri::command(async)]
pub fn app_keep_open(state: State<'_, AppState>) {
    state.keep_open();
}
