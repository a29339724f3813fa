//! A damaged store: the check of every page (the app runs it at every start, beside the desk), the
//! newest good backup offered in the store's place with what it would lose, and a restore over a
//! damaged store, which keeps the damaged files as they are and saves the articles the backup
//! lacks as `.md` files, read from the damaged store as far as it can still be read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use galley_model::Timestamp;
use galley_model::markdown_file;
use galley_store::{PageCheck, ReadOnly};
use serde::Serialize;

use crate::backup::{BackupFile, BackupKind};
use crate::{Error, Library, Result};

/// An article the store holds newer than a backup does, or that the backup lacks: what restoring
/// that backup would lose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LostArticle {
    pub id: String,
    pub headline: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated_at: Timestamp,
    /// The backup has an older version of it (else it has none).
    pub in_backup: bool,
}

/// The backup offered in place of a damaged store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecoveryOffer {
    pub backup: BackupFile,
    /// Articles in the backup.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub articles: u64,
    /// What restoring it would lose; `None` when the damaged store cannot be read to tell.
    pub lost: Option<Vec<LostArticle>>,
}

/// Articles a restore over a damaged store saved as `.md` files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Recovered {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub folder: PathBuf,
    /// How many were saved.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub saved: u64,
    /// Headlines (or ids) of those the damaged store could no longer give.
    pub unreadable: Vec<String>,
}

impl Library {
    /// Why the store takes no writes, if it takes none: found damaged, or not writable.
    pub fn read_only(&self) -> Option<ReadOnly> {
        self.store.read_only()
    }

    /// Checks every page of the store (SQLite's `quick_check`) while it stays in use; damage found
    /// makes it read-only for every process until a backup is restored. `stop` ends it early.
    pub fn check_store(&self, stop: Arc<AtomicBool>) -> Result<PageCheck> {
        Ok(self.store.check_pages(stop)?)
    }

    /// The newest backup that passes the check a restore makes, with what restoring it would lose.
    pub fn recovery_offer(&self) -> Result<Option<RecoveryOffer>> {
        for backup in self.backups()? {
            let Ok(facts) = crate::check_backup(&backup.path) else { continue };
            let lost = self.lost_by_restoring(&backup.path).ok();
            return Ok(Some(RecoveryOffer { backup, articles: facts.articles, lost }));
        }
        Ok(None)
    }

    /// The articles the store holds newer than the backup at `path`, or that it lacks.
    pub fn lost_by_restoring(&self, path: &Path) -> Result<Vec<LostArticle>> {
        let in_backup: HashMap<String, Timestamp> =
            galley_store::article_versions_in(path)?.into_iter().map(|v| (v.id, v.updated_at)).collect();
        let mut lost: Vec<LostArticle> = self
            .store
            .article_versions()?
            .into_iter()
            .filter(|v| in_backup.get(&v.id).is_none_or(|backed_up| v.updated_at > *backed_up))
            .map(|v| LostArticle {
                in_backup: in_backup.contains_key(&v.id),
                id: v.id,
                headline: v.headline,
                updated_at: v.updated_at,
            })
            .collect();
        lost.sort_by_key(|a| std::cmp::Reverse(a.updated_at));
        Ok(lost)
    }

    /// Before a backup replaces a damaged store: its files copied as they are
    /// (`…-damaged.sqlite3`), and the articles the backup would lose saved as `.md` files in a
    /// `…-recovered` folder beside the backups, as far as the damaged store can still give them.
    pub(crate) fn keep_damaged_store(&self, backup: &Path) -> Result<(BackupFile, Option<Recovered>)> {
        let now = self.now();
        let name = |suffix: &str| {
            let stem = self.path().file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            self.backup_folder().join(format!("{stem}-{}-{suffix}", now.strftime(crate::backup::TIME_FORMAT)))
        };
        let copy = name("damaged.sqlite3");
        self.store.copy_files_to(&copy)?;
        let bytes =
            std::fs::metadata(&copy).map_err(|source| Error::Io { path: copy.clone(), source })?.len();
        let kept = BackupFile { path: copy, kind: BackupKind::Damaged, created_at: now, bytes };
        let Ok(lost) = self.lost_by_restoring(backup) else { return Ok((kept, None)) };
        if lost.is_empty() {
            return Ok((kept, None));
        }
        let folder = name("recovered");
        std::fs::create_dir_all(&folder).map_err(|source| Error::Io { path: folder.clone(), source })?;
        let mut recovered = Recovered { folder, saved: 0, unreadable: Vec::new() };
        for article in lost {
            match self.article(&article.id) {
                Ok(found) => {
                    let text = markdown_file::write(
                        found.id,
                        &found.fields,
                        found.created_at,
                        found.updated_at,
                        true,
                    );
                    let path = recovered.folder.join(format!("{}.md", found.fields.slug));
                    crate::write_atomically(&path, text.as_bytes())?;
                    recovered.saved += 1;
                }
                Err(_) => recovered.unreadable.push(article.headline),
            }
        }
        Ok((kept, Some(recovered)))
    }
}
