//! Where the store lives when nobody says.

use std::path::{Path, PathBuf};

/// The environment variable that names the store file.
pub const STORE_ENV: &str = "GALLEY_STORE";

/// The default store: `galley/galley.sqlite3` in the OS's folder for data that stays on this
/// machine (`~/.local/share` on Linux, `~/Library/Application Support` on macOS,
/// `%LOCALAPPDATA%` on Windows). Not Windows' roaming `%APPDATA%`, which managed newsrooms
/// redirect to a network share, where SQLite's log is unsafe: a store Galley made there before is
/// moved to the local folder once ([`move_roaming_store`]).
pub fn default_store_path() -> Option<PathBuf> {
    let local = dirs::data_local_dir()?.join("galley");
    let roaming = dirs::data_dir().map(|dir| dir.join("galley")).filter(|roaming| *roaming != local);
    if let Some(roaming) = roaming
        && let Err(err) = move_roaming_store(&roaming, &local)
    {
        eprintln!("Galley could not move its store from {} to {}: {err}", roaming.display(), local.display());
        return Some(roaming.join("galley.sqlite3"));
    }
    Some(local.join("galley.sqlite3"))
}

/// Moves Galley's data folder `roaming` (the store, its log, backups and kept texts) to `local`,
/// once: only when `local` is not there yet and `roaming` holds a store. A rename, so nothing is
/// half moved; when the two are on different drives (a redirected folder), the folder is left
/// where it is and the error says so, and Galley goes on using it there.
pub fn move_roaming_store(roaming: &Path, local: &Path) -> std::io::Result<bool> {
    if local.exists() || !roaming.join("galley.sqlite3").exists() {
        return Ok(false);
    }
    if let Some(parent) = local.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::rename(roaming, local)?;
    Ok(true)
}

/// Where the words of a failed save go when the folder beside the store cannot take them (the
/// store's drive full, read-only or gone): `galley/unsaved/<store name>-<hash of its path>` in the
/// OS's folder for data that stays on this machine, one folder per store so that each store
/// brings back only its own. `XDG_DATA_HOME` moves it on Linux, as it moves the default store.
pub fn unsaved_fallback_folder(store: &Path) -> Option<PathBuf> {
    let store = std::path::absolute(store).unwrap_or_else(|_| store.to_owned());
    let hash = blake3::hash(store.as_os_str().as_encoded_bytes()).to_hex();
    let mut name = store.file_stem().unwrap_or_default().to_owned();
    name.push(format!("-{}", &hash[..12]));
    Some(dirs::data_local_dir()?.join("galley").join("unsaved").join(name))
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

#[cfg(test)]
mod tests {
    use super::move_roaming_store;

    #[test]
    fn a_store_in_the_roaming_folder_moves_to_the_local_one_once_with_everything_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let roaming = dir.path().join("Roaming").join("galley");
        let local = dir.path().join("Local").join("galley");
        std::fs::create_dir_all(roaming.join("backups")).unwrap();
        std::fs::write(roaming.join("galley.sqlite3"), b"store").unwrap();
        std::fs::write(roaming.join("galley.sqlite3-wal"), b"log").unwrap();
        std::fs::write(roaming.join("backups").join("b.sqlite3"), b"backup").unwrap();
        assert!(move_roaming_store(&roaming, &local).unwrap());
        assert_eq!(std::fs::read(local.join("galley.sqlite3")).unwrap(), b"store");
        assert_eq!(std::fs::read(local.join("galley.sqlite3-wal")).unwrap(), b"log", "the log goes with it");
        assert!(local.join("backups").join("b.sqlite3").exists(), "and the backups");
        assert!(!roaming.exists());

        // Once: a roaming folder made again later (an old Galley) is left alone.
        std::fs::create_dir_all(&roaming).unwrap();
        std::fs::write(roaming.join("galley.sqlite3"), b"other").unwrap();
        assert!(!move_roaming_store(&roaming, &local).unwrap());
        assert_eq!(std::fs::read(local.join("galley.sqlite3")).unwrap(), b"store");
    }
}
