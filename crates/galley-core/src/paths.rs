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

/// Which store to open, and whether it may be made when it is not there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreChoice {
    pub path: PathBuf,
    pub origin: StoreOrigin,
}

/// Where a [`StoreChoice`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreOrigin {
    /// Named for this run (`--store`, `GALLEY_STORE`): made if missing, as asked.
    Named,
    /// Chosen before this run (in the settings), or just put in place by a restore: opened only
    /// if it is there. Its drive may just be unplugged, and a store made at its mount point would
    /// later be taken for the real one.
    Chosen,
    /// The default store: made (and seeded) on first run.
    Default,
}

impl StoreChoice {
    /// The store named for this run, else the one the settings at `settings_path` choose, else
    /// `default_store`. The CLI and the desktop app decide with this.
    pub fn decide(
        named: Option<PathBuf>,
        settings: Option<&crate::Settings>,
        default_store: Option<PathBuf>,
    ) -> Option<StoreChoice> {
        let choice = |path, origin| StoreChoice { path, origin };
        named
            .map(|path| choice(path, StoreOrigin::Named))
            .or_else(|| settings.and_then(|s| s.store.clone()).map(|path| choice(path, StoreOrigin::Chosen)))
            .or_else(|| default_store.map(|path| choice(path, StoreOrigin::Default)))
    }

    /// Whether a store may be made at the path when none is there.
    pub fn may_create(&self) -> bool {
        self.origin != StoreOrigin::Chosen
    }

    /// Opens the store, making it only where [`StoreChoice::may_create`] allows.
    pub fn open(&self) -> crate::Result<crate::Library> {
        if self.may_create() {
            crate::Library::open(&self.path)
        } else {
            crate::Library::open_existing(&self.path)
        }
    }
}

/// The store when no flag or `GALLEY_STORE` names one: the one chosen in the settings (opened
/// only if it is there), else the default.
pub fn configured_store() -> Option<StoreChoice> {
    let settings = settings_path().map(|path| crate::Settings::load(&path).settings);
    StoreChoice::decide(None, settings.as_ref(), default_store_path())
}
