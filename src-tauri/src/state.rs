//! What every command shares: the open Library, and how the app was started.

use std::path::Path;
use std::time::Instant;

use galley_core::{Library, STORE_ENV, default_store_path};

/// The variable that turns on timing marks (`1`) or the scripted measurement (`bench`).
pub const TRACE_ENV: &str = "GALLEY_TRACE";

/// The app's state: one Library for the app's lifetime.
pub struct AppState {
    pub library: Library,
    pub trace: Option<Trace>,
}

/// Timing marks are on: when the process started, and whether the UI runs its measurement.
pub struct Trace {
    pub started: Instant,
    pub bench: bool,
}

impl AppState {
    /// Opens the store named by `GALLEY_STORE`, else the default one (seeded on first run).
    pub fn open_default(started: Instant) -> Result<AppState, galley_core::Error> {
        let path = match std::env::var_os(STORE_ENV) {
            Some(path) => path.into(),
            None => default_store_path().ok_or(galley_core::Error::NoDataFolder)?,
        };
        let mut state = AppState::open(&path)?;
        state.trace = std::env::var(TRACE_ENV)
            .ok()
            .filter(|value| !value.is_empty() && value != "0")
            .map(|value| Trace { started, bench: value == "bench" });
        Ok(state)
    }

    pub fn open(path: &Path) -> Result<AppState, galley_core::Error> {
        Ok(AppState { library: Library::open(path)?, trace: None })
    }
}
