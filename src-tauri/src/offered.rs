//! Paths the page may name back. The page never chooses a file itself: the shell shows it paths
//! (a backup in the list, the offer of a good backup, a file picked in the native dialog), and a
//! command that acts on a path from the page takes only one the shell offered in this run. A
//! script that got into the page therefore cannot make Galley restore, open or write a file of
//! its choosing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::{IpcError, StoreHealth};

/// The paths offered to the page so far (a handful in a session; never pruned).
#[derive(Debug, Default)]
pub struct OfferedPaths(Mutex<HashSet<PathBuf>>);

impl OfferedPaths {
    /// Remembers that the page was shown `path`; gives it back.
    pub fn offer(&self, path: PathBuf) -> PathBuf {
        self.lock().insert(path.clone());
        path
    }

    /// Remembers the backup a damaged store's health offers, if any.
    pub fn offer_recovery(&self, health: &StoreHealth) {
        if let Some(offer) = &health.offer {
            self.offer(offer.backup.path.clone());
        }
    }

    /// `path` from the page, if the shell offered it; an error naming it otherwise.
    pub fn taken(&self, path: &str) -> Result<PathBuf, IpcError> {
        let path = PathBuf::from(path);
        if self.was_offered(&path) {
            Ok(path)
        } else {
            Err(IpcError::bad_input(format!(
                "{} was not offered by Galley: choose the file in Galley's own dialog",
                path.display()
            )))
        }
    }

    /// Whether the shell offered `path` in this run.
    pub fn was_offered(&self, path: &Path) -> bool {
        self.lock().contains(path)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
