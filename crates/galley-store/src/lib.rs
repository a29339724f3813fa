//! The article store: one SQLite file, and the only crate that knows SQL.
//!
//! It owns the schema and its migrations, articles with their tags and related links, revisions
//! (content-addressed snapshots), and the full-text search index. Every write is one transaction.
//! Time is passed in by the caller; the store never reads the clock. It knows nothing of files
//! other than its own database, of rendering beyond plain text for the index, or of any front end.

mod articles;
mod assets;
mod backup;
mod connection;
mod error;
mod index;
mod migrations;
mod mirror;
mod revisions;
mod search;
mod tags;
mod time;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

pub use articles::{ListFilter, ListSort, SectionCount, Stored};
pub use assets::Asset;
pub use backup::{BackupFacts, backup_folder, check_backup};
pub use error::Error;
pub use migrations::LATEST_VERSION;
pub use mirror::{ContentHash, MirrorConflict, MirrorLink, MirrorRecord};
pub use search::{Field, SearchHit};
pub use tags::TagCount;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An open store.
///
/// Writes go through one connection, reads through another, so a long read never waits for a
/// write to finish (WAL). Both are behind mutexes: the store can be shared between threads.
pub struct Store {
    path: PathBuf,
    writer: Mutex<Connection>,
    reader: Mutex<Connection>,
    created: bool,
}

impl Store {
    /// Opens the store at `path`, creating it (and its folder) when missing and upgrading its schema
    /// when older. A store made by a newer Galley, or a file that is not a Galley store, is refused
    /// and left exactly as it was.
    pub fn open(path: &Path) -> Result<Store> {
        let (writer, created) = connection::open_writer(path)?;
        let reader = connection::open_reader(path)?;
        Ok(Store { path: path.to_owned(), writer: Mutex::new(writer), reader: Mutex::new(reader), created })
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this open created the store (a first run).
    pub fn was_created(&self) -> bool {
        self.created
    }

    /// Runs SQLite's full integrity check; returns the problems found (none for a sound file).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let conn = self.reader();
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt.query_map([], |row| row.get(0))?.collect::<Result<_, _>>()?;
        Ok(rows.into_iter().filter(|row| row != "ok").collect())
    }

    fn writer(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves no half-written state behind (transactions roll
        // back on drop), so a poisoned lock is still safe to use.
        self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn reader(&self) -> MutexGuard<'_, Connection> {
        self.reader.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
