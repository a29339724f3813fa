//! One desktop app per store. Two windows on one store would each autosave over the other's
//! words; the app takes [`AppLock`] on its store before it opens it, and a second launch on the
//! same store knocks instead (the first window comes forward) and goes. Scripts (`galley-cli`) do
//! not take it: they work beside the app, as before.
//!
//! The lock is the operating system's lock on a file of its own, `<store>-app.lock` beside the
//! store (`flock` on Unix, `LockFileEx` on Windows): it ends with the process, however the process
//! ends, so a crash never leaves the store locked. A knock is a line appended to
//! `<store>-app.knock`, which the first app watches (not to the lock file: Windows refuses writes
//! to a locked file). The store's own files are never opened for it: closing a file of the
//! store in the app's process would drop SQLite's POSIX locks on it.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The lock a running app holds on its store; released when dropped or when the process ends.
#[derive(Debug)]
pub struct AppLock {
    knock: PathBuf,
    _file: File,
}

/// Whether the app may open the store.
#[derive(Debug)]
pub enum AppLockOutcome {
    /// The store is this app's now.
    Taken(AppLock),
    /// Another app has the store open; it was asked to bring its window forward.
    OpenElsewhere,
}

impl AppLock {
    /// Takes the store at `store` for this app, or knocks at the app that has it.
    pub fn take_or_knock(store: &Path) -> Result<AppLockOutcome> {
        let path = app_lock_path(store);
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder)
                .map_err(|source| Error::Io { path: folder.to_owned(), source })?;
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|source| Error::Io { path: path.clone(), source })?;
        match file.try_lock() {
            Ok(()) => {
                // The knock file is there to be watched, empty: knocks of earlier runs are forgotten.
                let knock = knock_path(store);
                File::create(&knock).map_err(|source| Error::Io { path: knock.clone(), source })?;
                Ok(AppLockOutcome::Taken(AppLock { knock, _file: file }))
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let knock = knock_path(store);
                OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&knock)
                    .and_then(|mut file| file.write_all(b"show\n"))
                    .map_err(|source| Error::Io { path: knock, source })?;
                Ok(AppLockOutcome::OpenElsewhere)
            }
            Err(std::fs::TryLockError::Error(source)) => Err(Error::Io { path, source }),
        }
    }

    /// The file a second launch knocks on (it exists, empty, once the lock is taken): the app
    /// watches it to bring its window forward.
    pub fn knock_file(&self) -> &Path {
        &self.knock
    }
}

/// `<store>-app.lock` beside the store.
pub fn app_lock_path(store: &Path) -> PathBuf {
    beside(store, "-app.lock")
}

/// `<store>-app.knock` beside the store.
fn knock_path(store: &Path) -> PathBuf {
    beside(store, "-app.knock")
}

fn beside(store: &Path, suffix: &str) -> PathBuf {
    let mut name = store.file_name().unwrap_or_default().to_owned();
    name.push(suffix);
    store.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_app_on_the_store_knocks_and_the_store_is_free_again_once_the_first_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store.sqlite3");
        let AppLockOutcome::Taken(first) = AppLock::take_or_knock(&store).unwrap() else {
            panic!("the first app takes the store");
        };
        assert!(matches!(AppLock::take_or_knock(&store).unwrap(), AppLockOutcome::OpenElsewhere));
        assert_eq!(
            std::fs::read_to_string(first.knock_file()).unwrap(),
            "show\n",
            "the first app hears the knock"
        );
        // Another store is another app's business.
        assert!(matches!(
            AppLock::take_or_knock(&dir.path().join("other.sqlite3")).unwrap(),
            AppLockOutcome::Taken(_)
        ));
        drop(first);
        let AppLockOutcome::Taken(again) = AppLock::take_or_knock(&store).unwrap() else {
            panic!("the store is free once the first app is gone");
        };
        assert_eq!(std::fs::read_to_string(again.knock_file()).unwrap(), "", "old knocks are forgotten");
        assert!(!store.exists(), "the store's own files are not touched");
    }
}
