//! The article store: one SQLite file, and the only crate that knows SQL.
//!
//! It owns the schema and its migrations, articles with their tags and related links, revisions
//! (content-addressed snapshots), and the full-text search index. Every write is one transaction.
//! Time is passed in by the caller; the store never reads the clock. It knows nothing of files
//! other than its own database, of rendering beyond plain text for the index, or of any front end.

mod articles;
mod assets;
mod backup;
mod batch;
mod connection;
mod error;
mod health;
mod index;
mod migrations;
mod mirror;
mod revisions;
mod search;
mod tags;
mod time;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use parking_lot::{Mutex as ConnectionLock, MutexGuard};
use rusqlite::Connection;

pub use articles::{ListFilter, ListSort, SectionCount, Stored};
pub use assets::Asset;
pub use backup::{
    ArticleVersion, BackupFacts, article_versions_in, backup_folder, check_backup, copy_store_files,
    last_change_in, replace_store_with,
};
pub use connection::BUSY_TIMEOUT;
pub use error::{Error, io_problem};
pub use health::{PageCheck, ReadOnly};
pub use migrations::LATEST_VERSION;
pub use mirror::{ContentHash, MirrorConflict, MirrorLink, MirrorRecord};
pub use search::{Field, SearchHit};
pub use tags::TagCount;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An open store.
///
/// Writes go through one connection, reads through another, so a long read never waits for a
/// write to finish (WAL). Both are behind locks: the store can be shared between threads. The
/// locks are `parking_lot`'s, which can be handed to a waiting thread: a batch of many drafts
/// does so when a save waits for the writer (see `batch.rs`).
pub struct Store {
    path: PathBuf,
    writer: ConnectionLock<Connection>,
    reader: ConnectionLock<Connection>,
    /// Threads waiting for the writer: a long batch hands it over to them (see `batch.rs`).
    writers_waiting: AtomicUsize,
    created: bool,
    /// The file cannot be written: both connections only read.
    unwritable: bool,
    /// What a check found damaged, once known (see `health.rs`): writes are then refused.
    damage: Mutex<Option<Vec<String>>>,
    /// Damage is noted beside the store, so its note going away (a restore by another process)
    /// lifts it here too.
    damage_noted: AtomicBool,
}

impl Store {
    /// Opens the store at `path`, creating it (and its folder) when missing and upgrading its schema
    /// when older. A store made by a newer Galley, or a file that is not a Galley store, is refused
    /// and left exactly as it was. A store that cannot be written, or that a check found damaged,
    /// opens to be read: writes are refused with [`Error::ReadOnly`].
    pub fn open(path: &Path) -> Result<Store> {
        let opened = connection::open_writer(path)?;
        let reader = connection::open_reader(path, opened.unwritable)?;
        Ok(Store {
            path: path.to_owned(),
            writer: ConnectionLock::new(opened.conn),
            reader: ConnectionLock::new(reader),
            writers_waiting: AtomicUsize::new(0),
            created: opened.created,
            unwritable: opened.unwritable,
            damage: Mutex::new(None),
            damage_noted: AtomicBool::new(false),
        })
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

    /// The connection that writes; refused while the store is read-only.
    fn writer(&self) -> Result<MutexGuard<'_, Connection>> {
        match self.read_only() {
            Some(reason) => Err(reason.into()),
            None => Ok(self.writer_even_if_damaged()),
        }
    }

    /// The connection that writes, for what may write to a damaged store: a restore.
    fn writer_even_if_damaged(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves no half-written state behind (transactions roll
        // back on drop), so the lock is not poisoned by one (parking_lot's never are).
        if let Some(conn) = self.writer.try_lock() {
            return conn;
        }
        self.writers_waiting.fetch_add(1, Ordering::SeqCst);
        let conn = self.writer.lock();
        self.writers_waiting.fetch_sub(1, Ordering::SeqCst);
        conn
    }

    /// Whether another thread waits for the writer (asked by whoever holds it).
    fn writer_wanted(&self) -> bool {
        self.writers_waiting.load(Ordering::SeqCst) > 0
    }

    fn reader(&self) -> MutexGuard<'_, Connection> {
        self.reader.lock()
    }
}
