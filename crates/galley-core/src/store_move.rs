//! Moving the store out of an unsafe place (a sync folder, a network share: `store_place.rs`).
//! The store is copied whole where the journalist chose, checked, and the front end then switches
//! to the copy. The old store is left as it was: nothing is removed on the way, so a move cut off
//! at any point loses nothing, and the journalist removes the old file when they like.

use std::path::Path;

use crate::unsaved::unsaved_folder_of;
use crate::{BackupFacts, Error, Library, ReadOnly, Result, store_place_risk, write_atomically};

impl Library {
    /// Copies the store to `to`, which must not exist and must be a safe place itself: a
    /// consistent copy (`VACUUM INTO`, as a backup), checked, then renamed into place, so that a
    /// file at `to` is always a whole, sound store. The texts kept from failed saves go beside it.
    /// A store found damaged is refused (the copy would pass for good; a backup restores it).
    pub fn copy_store_to(&self, to: &Path) -> Result<BackupFacts> {
        let to = std::path::absolute(to).map_err(|source| Error::Io { path: to.to_owned(), source })?;
        if to.exists() {
            return Err(Error::Invalid(format!(
                "{}: a file is there already; give a name for the store that is not taken",
                to.display()
            )));
        }
        if let Some(risk) = store_place_risk(&to) {
            return Err(Error::Invalid(format!(
                "{}: {}; choose a folder on this computer's own disk",
                to.display(),
                risk.describe()
            )));
        }
        if let Some(damaged @ ReadOnly::Damaged { .. }) = self.read_only() {
            return Err(galley_store::Error::from(damaged).into());
        }
        let facts = self.store.backup_to(&to)?;
        let kept = self.unsaved()?;
        if !kept.is_empty() {
            let folder = unsaved_folder_of(&to);
            std::fs::create_dir_all(&folder).map_err(|source| Error::Io { path: folder.clone(), source })?;
            for file in kept {
                let text = std::fs::read(&file).map_err(|source| Error::Io { path: file.clone(), source })?;
                write_atomically(&folder.join(file.file_name().unwrap_or_default()), &text)?;
            }
        }
        Ok(facts)
    }
}
