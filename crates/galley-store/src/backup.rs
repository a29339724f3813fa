//! Copies of the store: made while it is in use (SQLite's `VACUUM INTO`: one consistent, compact
//! file, read on a connection of its own so saves go on meanwhile), checked, and copied back with
//! SQLite's backup API into the open store.

use std::path::{Path, PathBuf};

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use crate::connection::APPLICATION_ID;
use crate::migrations::{self, LATEST_VERSION};
use crate::{Error, Result, Store};

/// The folder a store's backups are kept in: `backups` beside it.
pub fn backup_folder(store: &Path) -> PathBuf {
    store.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups")
}

/// Before a migration changes the file, a copy of it as it was: `backups/<name>-schema-<N>.sqlite3`
/// (numbered if there is one already). Made on the connection about to migrate.
pub(crate) fn backup_before_migration(conn: &Connection, store: &Path, schema: i64) -> Result<PathBuf> {
    let folder = backup_folder(store);
    std::fs::create_dir_all(&folder)
        .map_err(|source| Error::CreateFolder { path: folder.clone(), source })?;
    let stem = store.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "galley".into());
    let path = (1..)
        .map(|n| match n {
            1 => folder.join(format!("{stem}-schema-{schema}.sqlite3")),
            n => folder.join(format!("{stem}-schema-{schema}-{n}.sqlite3")),
        })
        .find(|path| !path.exists())
        .expect("some numbered name is free");
    conn.execute("VACUUM INTO ?", [path.to_string_lossy()])?;
    Ok(path)
}

/// What a backup file holds, read from it without changing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFacts {
    pub schema: i64,
    pub articles: u64,
}

impl Store {
    /// Writes a consistent copy of the store to `path`, which must not exist: to a temporary file
    /// beside it, checked, then renamed, so a `path` that exists is a whole, sound backup.
    pub fn backup_to(&self, path: &Path) -> Result<BackupFacts> {
        if path.exists() {
            return Err(Error::BackupExists(path.to_owned()));
        }
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(folder)
            .map_err(|source| Error::CreateFolder { path: folder.to_owned(), source })?;
        let mut temp = path.as_os_str().to_owned();
        temp.push(".partial");
        let temp = PathBuf::from(temp);
        let _ = std::fs::remove_file(&temp);
        let result = (|| {
            let source = Connection::open_with_flags(self.path(), OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            source.busy_timeout(std::time::Duration::from_secs(10))?;
            source.execute("VACUUM INTO ?", [temp.to_string_lossy()])?;
            drop(source);
            let facts = check_backup(&temp)?;
            std::fs::rename(&temp, path).map_err(|source| Error::Io { path: path.to_owned(), source })?;
            Ok(facts)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        result
    }

    /// Replaces everything in the store with the backup at `path`, which is checked first (a Galley
    /// store this version can open, sound by SQLite's quick check). Every connection, in this
    /// process and others, sees the backup's content at its next read; an older schema is
    /// brought up to date; what it knew of a mirror folder's files is forgotten.
    pub fn restore_from(&self, path: &Path) -> Result<BackupFacts> {
        let facts = check_backup(path)?;
        let source = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let mut writer = self.writer();
        {
            let backup = Backup::new(&source, &mut writer)?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        }
        migrations::migrate(&mut writer, facts.schema)?;
        // The backup's records of a mirror folder describe files as they were then; the folder has
        // moved on. Without them the next pass compares each file with the restored article
        // afresh: where they differ both are kept (a conflict), and neither side silently wins.
        writer.execute("DELETE FROM mirror_files", [])?;
        Ok(facts)
    }
}

/// Checks that `path` is a Galley store this version can open and that SQLite's quick check finds
/// it sound; reads it without changing a byte.
pub fn check_backup(path: &Path) -> Result<BackupFacts> {
    let not_a_backup = |reason: String| Error::NotAStore { path: path.to_owned(), reason };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| not_a_backup(format!("it cannot be opened: {e}")))?;
    let read = || -> rusqlite::Result<(i64, i64, Vec<String>)> {
        let application_id = conn.pragma_query_value(None, "application_id", |row| row.get(0))?;
        let schema = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
        let mut stmt = conn.prepare("PRAGMA quick_check")?;
        let problems: Vec<String> = stmt.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok((application_id, schema, problems))
    };
    let (application_id, schema, problems) =
        read().map_err(|e| not_a_backup(format!("it cannot be read: {e}")))?;
    if application_id != APPLICATION_ID {
        return Err(not_a_backup("it is not a Galley store".into()));
    }
    if schema > LATEST_VERSION {
        return Err(Error::TooNew { path: path.to_owned(), found: schema, known: LATEST_VERSION });
    }
    let problems: Vec<String> = problems.into_iter().filter(|p| p != "ok").collect();
    if !problems.is_empty() {
        return Err(not_a_backup(format!("it is damaged: {}", problems.join("; "))));
    }
    let articles = conn
        .query_row("SELECT count(*) FROM articles", [], |row| row.get::<_, i64>(0))
        .map_err(|e| not_a_backup(format!("it cannot be read: {e}")))? as u64;
    Ok(BackupFacts { schema, articles })
}
