//! A damaged store: the check of every page (the app runs it at every start, beside the desk), the
//! newest good backup offered in the store's place with what it would lose, and a restore over a
//! damaged store, which keeps the damaged files as they are and saves the articles the backup
//! lacks as `.md` files, read from the damaged store as far as it can still be read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use galley_model::markdown_file;
use galley_model::{Clock, Timestamp};
use galley_store::{PageCheck, ReadOnly};
use serde::Serialize;

use crate::backup::{BackupFile, BackupKind, Restored, backup_path};
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
    /// Headlines (ids for those without one) of those the damaged store could no longer give, or
    /// why none could be listed.
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
        let Some(mut offer) = unreadable_store_offer(self.path())? else { return Ok(None) };
        offer.lost = self.lost_by_restoring(&offer.backup.path).ok();
        Ok(Some(offer))
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
        let name = |suffix: &str| backup_path(self.path(), now, suffix);
        let copy = name("damaged.sqlite3");
        self.store.copy_files_to(&copy)?;
        let bytes =
            std::fs::metadata(&copy).map_err(|source| Error::Io { path: copy.clone(), source })?.len();
        let kept = BackupFile { path: copy, kind: BackupKind::Damaged, created_at: now, bytes };
        let folder = name("recovered");
        let mut recovered = Recovered { folder, saved: 0, unreadable: Vec::new() };
        let lost = match self.lost_by_restoring(backup) {
            Ok(lost) if lost.is_empty() => return Ok((kept, None)),
            Ok(lost) => lost,
            Err(err) => {
                // Its list of articles is damaged: nothing can be said of what the backup lacks,
                // and the user is told so, with where the damaged files are kept.
                recovered.unreadable.push(format!(
                    "the damaged store could not list its articles ({err}); its files are kept in {}",
                    kept.path.display()
                ));
                return Ok((kept, Some(recovered)));
            }
        };
        std::fs::create_dir_all(&recovered.folder)
            .map_err(|source| Error::Io { path: recovered.folder.clone(), source })?;
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
                    // Named by id as well: a damaged store's slugs need not be unique, or valid.
                    let slug =
                        Some(found.fields.slug.as_str()).filter(|s| galley_model::slug::is_valid_slug(s));
                    let name = match slug {
                        Some(slug) => format!("{slug}-{}.md", found.id),
                        None => format!("{}.md", found.id),
                    };
                    crate::write_atomically(&recovered.folder.join(name), text.as_bytes())?;
                    recovered.saved += 1;
                }
                Err(_) if article.headline.trim().is_empty() => recovered.unreadable.push(article.id),
                Err(_) => recovered.unreadable.push(article.headline),
            }
        }
        Ok((kept, Some(recovered)))
    }
}

/// The newest backup of the store at `store` that passes the check a restore makes, for a store
/// too damaged to open (`StoreError::is_damaged_store`): what it would lose cannot be told, so
/// `lost` is `None`.
pub fn unreadable_store_offer(store: &Path) -> Result<Option<RecoveryOffer>> {
    for backup in crate::backup::backups_of(store)? {
        let Ok(facts) = crate::check_backup(&backup.path) else { continue };
        return Ok(Some(RecoveryOffer { backup, articles: facts.articles, lost: None }));
    }
    Ok(None)
}

/// Puts a backup in place of a store that cannot be opened at all (its first page is gone: it no
/// longer reads as a database), after checking the backup: the unreadable file (and its log) is
/// kept in the backup folder as `…-damaged.sqlite3`, then the backup is copied over it, whole
/// before it takes the store's name. Only a damaged store is replaced: one that is not there, is
/// busy or holds another program's data is refused, and one that opens is restored with
/// [`Library::restore_backup`] instead.
pub fn restore_over_unreadable_store(store: &Path, backup: &Path, clock: &dyn Clock) -> Result<Restored> {
    let facts = crate::check_backup(backup)?;
    match Library::open_existing(store) {
        Ok(_) => {
            return Err(Error::Invalid(format!(
                "{} opens: restore into it with the store open (`galley-cli restore-backup`)",
                store.display()
            )));
        }
        Err(Error::Store(err)) if err.is_damaged_store() => {}
        Err(other) => return Err(other),
    }
    let now = clock.now();
    let kept = backup_path(store, now, "damaged.sqlite3");
    galley_store::copy_store_files(store, &kept)?;
    galley_store::replace_store_with(backup, store)?;
    // Brings an older backup's schema up to date, and proves the store opens; the backup's records
    // of a mirror folder's files are as old as it is.
    Library::open_existing(store)?.store.forget_mirror_files()?;
    let kept_bytes = std::fs::metadata(&kept).map(|m| m.len()).unwrap_or(0);
    Ok(Restored {
        safety_backup: BackupFile {
            path: kept,
            kind: BackupKind::Damaged,
            created_at: now,
            bytes: kept_bytes,
        },
        articles: facts.articles,
        recovered: None,
    })
}
