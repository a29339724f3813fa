//! Where the store lives when nobody says.

use std::path::PathBuf;

/// The environment variable that names the store file.
pub const STORE_ENV: &str = "GALLEY_STORE";

/// The default store: `galley/galley.sqlite3` in the OS data folder
/// (`~/.local/share` on Linux, `~/Library/Application Support` on macOS, `%APPDATA%` on Windows).
pub fn default_store_path() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join("galley").join("galley.sqlite3"))
}

/// The environment variable that names the settings file (tests and scripts use it to leave the
/// user's settings alone).
pub const SETTINGS_ENV: &str = "GALLEY_SETTINGS";

/// The settings file: `GALLEY_SETTINGS`, else `galley/settings.json` in the OS config folder.
pub fn settings_path() -> Option<PathBuf> {
    std::env::var_os(SETTINGS_ENV).map(PathBuf::from).or_else(crate::Settings::default_path)
}

/// The store when no flag or `GALLEY_STORE` names one: the one chosen in the settings, else the
/// default. The CLI and the desktop app agree on it.
pub fn configured_store_path() -> Option<PathBuf> {
    settings_path().and_then(|path| crate::Settings::load(&path).settings.store).or_else(default_store_path)
}
