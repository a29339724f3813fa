//! What every command shares: the open Library.

use std::path::Path;

use galley_core::{Library, STORE_ENV, default_store_path};

/// The app's state: one Library for the app's lifetime.
pub struct AppState {
    pub library: Library,
}

impl AppState {
    /// Opens the store named by `GALLEY_STORE`, else the default one (seeded on first run).
    pub fn open_default() -> Result<AppState, galley_core::Error> {
        let path = match std::env::var_os(STORE_ENV) {
            Some(path) => path.into(),
            None => default_store_path().ok_or(galley_core::Error::NoDataFolder)?,
        };
        AppState::open(&path)
    }

    pub fn open(path: &Path) -> Result<AppState, galley_core::Error> {
        Ok(AppState { library: Library::open(path)? })
    }
}
