//! The store's health: SQLite's check of every page, run while the store is in use, and the
//! read-only state a damaged or unwritable store is kept in.
//!
//! Damage found is noted in a file beside the store (`<name>.damaged`). Every process that opens
//! the store, and every write, looks for it: a damaged store is read, never written, until a
//! backup is restored into it or a later check finds it sound.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::ErrorCode;

use crate::{Result, Store, connection};

/// Why the store takes no writes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadOnly {
    /// A check found damage (SQLite's own words for what it found).
    #[error(
        "the store {} is damaged ({}). Galley no longer writes to it, so nothing more is lost; restore \
         the newest good backup (`galley-cli backups`, then `galley-cli restore-backup FILE`, or Settings \
         → Backups in the app)",
        path.display(), summary(problems)
    )]
    Damaged { path: PathBuf, problems: Vec<String> },
    /// The file, its folder or its drive cannot be written.
    #[error(
        "the store {} cannot be written (the file, its folder or its drive is read-only); its articles \
         can be read and exported, not changed",
        path.display()
    )]
    Unwritable { path: PathBuf },
}

/// What a check of every page found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageCheck {
    Sound,
    /// SQLite's descriptions of the damage; the store is read-only from now on.
    Damaged(Vec<String>),
    /// Stopped before the end (the app closing).
    Stopped,
}

/// How often (in SQLite's virtual machine steps) a check looks whether it should stop.
const STEPS_BETWEEN_STOP_CHECKS: i32 = 1_000;

/// The note beside the store that says it is damaged.
pub(crate) fn damage_note(store: &Path) -> PathBuf {
    let mut name = store.as_os_str().to_owned();
    name.push(".damaged");
    PathBuf::from(name)
}

impl Store {
    /// Why the store takes no writes, if it takes none: damage first, then an unwritable file.
    pub fn read_only(&self) -> Option<ReadOnly> {
        let mut damage = self.damage.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let note = damage_note(&self.path);
        match &*damage {
            // Damage read from the note, or noted by this process: another process may have
            // restored a backup since, and removed the note.
            Some(_) if self.damage_noted.load(Ordering::Relaxed) => {
                if !note.exists() {
                    *damage = None;
                }
            }
            Some(_) => {}
            // Another process may have found damage since.
            None => {
                if let Ok(text) = std::fs::read_to_string(&note) {
                    *damage =
                        Some(text.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned).collect());
                    self.damage_noted.store(true, Ordering::Relaxed);
                }
            }
        }
        match &*damage {
            Some(problems) => Some(ReadOnly::Damaged { path: self.path.clone(), problems: problems.clone() }),
            None if self.unwritable => Some(ReadOnly::Unwritable { path: self.path.clone() }),
            None => None,
        }
    }

    /// Checks every page of the store with SQLite's `quick_check`, on a connection of its own (saves
    /// go on meanwhile). Damage found makes the store read-only, here and in every process that
    /// opens it, until a backup is restored; a sound result lifts an earlier note of damage.
    /// Setting `stop` ends the check early.
    pub fn check_pages(&self, stop: Arc<AtomicBool>) -> Result<PageCheck> {
        let mut conn = connection::open_reader(&self.path, self.unwritable)?;
        let outcome = (|| -> rusqlite::Result<Vec<String>> {
            conn.progress_handler(STEPS_BETWEEN_STOP_CHECKS, Some(move || stop.load(Ordering::Relaxed)))?;
            let mut stmt = conn.prepare("PRAGMA quick_check")?;
            let rows =
                stmt.query_map([], |row| row.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows.into_iter().filter(|row| row != "ok").collect())
        })();
        let problems = match outcome {
            Ok(problems) => problems,
            Err(err) => match err.sqlite_error_code() {
                Some(ErrorCode::OperationInterrupted) => return Ok(PageCheck::Stopped),
                Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => vec![err.to_string()],
                _ => return Err(err.into()),
            },
        };
        if problems.is_empty() {
            self.clear_damage();
            Ok(PageCheck::Sound)
        } else {
            self.mark_damaged(problems.clone());
            Ok(PageCheck::Damaged(problems))
        }
    }

    /// Keeps the store from being written, and notes why beside it for other processes.
    pub(crate) fn mark_damaged(&self, problems: Vec<String>) {
        // Best effort: a store on a failing drive may not take the note either; this process
        // still keeps off it.
        let noted = std::fs::write(damage_note(&self.path), problems.join("\n") + "\n").is_ok();
        self.damage_noted.store(noted, Ordering::Relaxed);
        *self.damage.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(problems);
    }

    /// Lifts a note of damage (a backup was restored, or a check found the store sound).
    pub(crate) fn clear_damage(&self) {
        let _ = std::fs::remove_file(damage_note(&self.path));
        *self.damage.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
    }
}

/// The first problem, and how many more.
fn summary(problems: &[String]) -> String {
    match problems {
        [] => "no details".into(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first}, and {} more problems", rest.len()),
    }
}
