//! Where the store lives when nobody says.

use std::path::PathBuf;

/// The environment variable that names the store file.
pub const STORE_ENV: &str = "GALLEY_STORE";

/// The default store: `galley/galley.sqlite3` in the OS data folder
/// (`~/.local/share` on Linux, `~/Library/Application Support` on macOS, `%APPDATA%` on Windows).
pub fn default_store_path() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join("galley").join("galley.sqlite3"))
}
