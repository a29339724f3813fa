//! Copies of the store: made while it is in use (SQLite's `VACUUM INTO`: one consistent, compact
//! file, read on a connection of its own so saves go on meanwhile), checked, and copied back with
//! SQLite's backup API into the open store.

use std::path::{Path, PathBuf};

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use galley_model::Timestamp;

use crate::connection::APPLICATION_ID;
use crate::migrations::{self, LATEST_VERSION};
use crate::time::from_ms;
use crate::{Error, ReadOnly, Result, Store};

/// The folder a store's backups are kept in: `backups` beside it.
pub fn backup_folder(store: &Path) -> PathBuf {
    store.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups")
}

/// Before a migration changes the file, a copy of it as it was: `backups/<name>-schema-<N>.sqlite3`
/// (numbered if there is one already). Made on the connection about to migrate; `None` when the
/// store was no longer at schema `schema` when copied (another process is upgrading it, and made
/// the copy of the store as it was).
pub(crate) fn backup_before_migration(
    conn: &Connection,
    store: &Path,
    schema: i64,
) -> Result<Option<PathBuf>> {
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
    // Written under a temporary name and renamed once it is whole and on disk: a process killed
    // half-way leaves a `.partial` file (cleared when backups are thinned out), never a file
    // with a backup's name that is not one. The name is this process's own: another process may
    // be upgrading the same store at the same moment.
    let mut temp = path.as_os_str().to_owned();
    temp.push(format!(".{}.partial", std::process::id()));
    let temp = PathBuf::from(temp);
    let _ = std::fs::remove_file(&temp);
    let result = (|| {
        conn.execute("VACUUM INTO ?", [temp.to_string_lossy()])?;
        // Another process may have begun the upgrade since this one read the version: the copy is
        // then a step further than `schema`, not the store as it was (that process kept that one).
        let copied: i64 = Connection::open_with_flags(&temp, OpenFlags::SQLITE_OPEN_READ_ONLY)?
            .pragma_query_value(None, "user_version", |row| row.get(0))?;
        if copied != schema {
            let _ = std::fs::remove_file(&temp);
            return Ok(None);
        }
        // The rename is on disk before the upgrade can be.
        publish(&temp, &path, &folder)?;
        Ok(Some(path))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// An article as a store (or a backup) last saw it: enough to tell what a restore would lose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleVersion {
    pub id: String,
    pub headline: String,
    pub updated_at: Timestamp,
}

/// The articles a backup file holds, read without changing it.
pub fn article_versions_in(path: &Path) -> Result<Vec<ArticleVersion>> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    read_versions(&conn)
}

/// The `change_seq` of the latest change a backup file holds (see `Store::last_change`), read
/// without changing it.
pub fn last_change_in(path: &Path) -> Result<i64> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(conn.query_row("SELECT coalesce(max(change_seq), 0) FROM articles", [], |row| row.get(0))?)
}

fn read_versions(conn: &Connection) -> Result<Vec<ArticleVersion>> {
    let mut stmt = conn.prepare("SELECT id, headline, updated_at FROM articles")?;
    let rows = stmt.query_map([], |row| {
        Ok(ArticleVersion { id: row.get(0)?, headline: row.get(1)?, updated_at: from_ms(row.get(2)?) })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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
            source.execute("VACUUM INTO ?", [temp.to_string_lossy()]).map_err(|err| {
                Error::BackupNotWritten { path: path.to_owned(), reason: copy_problem(&err) }
            })?;
            drop(source);
            let facts = check_backup(&temp)?;
            publish(&temp, path, folder)?;
            Ok(facts)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        result
    }

    /// Every article's id, headline and time of its last change.
    pub fn article_versions(&self) -> Result<Vec<ArticleVersion>> {
        read_versions(&self.reader())
    }

    /// Replaces everything in the store with the backup at `path`, which the caller checked with
    /// [`check_backup`] (a Galley store this version can open, sound by SQLite's quick check: on
    /// a store of gigabytes that takes a minute, so it is not done again here) and which gave
    /// `checked`; a file whose kind or schema is no longer what was checked is refused.
    /// Every connection, in this process and others, sees the backup's content at its next read;
    /// an older schema is brought up to date; what it knew of a mirror folder's files is forgotten.
    /// A store found damaged takes the restore (it is the cure), and is writable again after it.
    pub fn restore_from(&self, path: &Path, checked: &BackupFacts) -> Result<()> {
        if self.unwritable {
            return Err(ReadOnly::Unwritable { path: self.path.clone() }.into());
        }
        let source = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        // The file may have changed since it was checked (a backup thinned out and its name
        // reused, a file copied over it): what is copied in must be what was checked.
        let application_id: i64 = source.pragma_query_value(None, "application_id", |row| row.get(0))?;
        let schema: i64 = source.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if application_id != APPLICATION_ID || schema != checked.schema {
            return Err(Error::NotAStore {
                path: path.to_owned(),
                reason: "it changed after it was checked; the store is unchanged".into(),
            });
        }
        let mut writer = self.writer_even_if_damaged();
        {
            let backup = Backup::new(&source, &mut writer)?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        }
        migrations::migrate(&mut writer, schema)?;
        // The backup's records of a mirror folder describe files as they were then; the folder has
        // moved on. Without them the next pass compares each file with the restored article
        // afresh: where they differ both are kept (a conflict), and neither side silently wins.
        writer.execute("DELETE FROM mirror_files", [])?;
        drop(writer);
        self.clear_damage();
        Ok(())
    }

    /// Copies the store's files as they are (see [`copy_store_files`]), holding the writer so this
    /// process does not change them meanwhile: the copy of a damaged store kept before a backup
    /// replaces it, which `VACUUM INTO` could not read.
    pub fn copy_files_to(&self, path: &Path) -> Result<()> {
        let _writer = self.writer_even_if_damaged();
        copy_store_files(&self.path, path)
    }
}

/// Copies a store's files byte for byte (the database and its write-ahead log, as `path` and
/// `path-wal`), each whole before it has its name. `path` must not exist.
pub fn copy_store_files(store: &Path, path: &Path) -> Result<()> {
    if path.exists() {
        return Err(Error::BackupExists(path.to_owned()));
    }
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)
        .map_err(|source| Error::CreateFolder { path: folder.to_owned(), source })?;
    // The log first, so that once the database has its name the copy is whole.
    for suffix in ["-wal", ""] {
        let from = with_suffix(store, suffix);
        // An empty or missing log holds nothing the database lacks.
        if suffix == "-wal" && std::fs::metadata(&from).map_or(true, |m| m.len() == 0) {
            continue;
        }
        copy_whole(&from, &with_suffix(path, suffix), folder)?;
    }
    Ok(())
}

/// Puts the backup at `backup` in place of the store at `store`, which cannot be opened: the log
/// and shared memory beside it (the unreadable file's, not the backup's) are removed, then the
/// backup is copied in, whole before it takes the store's name, and a note of damage beside it
/// lifted. The caller checks the backup and keeps the old files first ([`copy_store_files`]).
pub fn replace_store_with(backup: &Path, store: &Path) -> Result<()> {
    for suffix in ["-wal", "-shm"] {
        let stale = with_suffix(store, suffix);
        match std::fs::remove_file(&stale) {
            Err(source) if source.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::Io { path: stale, source });
            }
            _ => {}
        }
    }
    let folder = store.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    copy_whole(backup, store, folder)?;
    // The note of damage was about the file just replaced.
    let note = crate::health::damage_note(store);
    match std::fs::remove_file(&note) {
        Err(source) if source.kind() != std::io::ErrorKind::NotFound => Err(Error::Io { path: note, source }),
        _ => Ok(()),
    }
}

/// `base` with `suffix` added to its name (`store.sqlite3` → `store.sqlite3-wal`).
fn with_suffix(base: &Path, suffix: &str) -> PathBuf {
    let mut name = base.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Copies `from` to `to` through a temporary file beside it (see [`publish`]).
fn copy_whole(from: &Path, to: &Path, folder: &Path) -> Result<()> {
    let temp = with_suffix(to, ".partial");
    let copied = std::fs::copy(from, &temp)
        .map_err(|source| Error::Io { path: to.to_owned(), source })
        .and_then(|_| publish(&temp, to, folder));
    if copied.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    copied
}

/// Gives a whole temporary file its name: synced, renamed, and the rename synced, so after a power
/// cut a file with that name is the whole file.
fn publish(temp: &Path, path: &Path, folder: &Path) -> Result<()> {
    let io = |source| Error::Io { path: path.to_owned(), source };
    std::fs::File::open(temp).and_then(|file| file.sync_all()).map_err(io)?;
    std::fs::rename(temp, path).map_err(io)?;
    sync_folder(folder).map_err(io)
}

/// Syncs a folder, so a rename in it is on disk. Some file systems (FUSE, network shares) refuse
/// to sync a folder: there is nothing more to do on them.
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    match std::fs::File::open(folder).and_then(|dir| dir.sync_all()) {
        Err(err)
            if matches!(err.kind(), std::io::ErrorKind::InvalidInput | std::io::ErrorKind::Unsupported) => {}
        other => return other,
    }
    let _ = folder;
    Ok(())
}

/// Why a copy of the store could not be written, in words for people: SQLite's own would blame
/// the store's drive for what may be the backup's.
fn copy_problem(err: &rusqlite::Error) -> String {
    match err.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => "the disk is full".into(),
        Some(rusqlite::ErrorCode::SystemIoFailure) => {
            "an input/output error reading the store or writing the copy (a drive may be failing, full or \
             unplugged)"
                .into()
        }
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly) => {
            "its folder cannot be written".into()
        }
        _ => err.to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Two processes opening an old store at once both read its old version; the one that copies
    /// it after the other began upgrading has a copy a step further, which is not kept under the
    /// name of the store as it was.
    #[test]
    fn a_copy_made_after_another_process_began_the_upgrade_is_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        // This process read schema 1; the store is at the latest schema by the time it copies.
        assert_eq!(backup_before_migration(&conn, &path, 1).unwrap(), None);
        let left: Vec<_> = std::fs::read_dir(dir.path().join("backups")).unwrap().collect();
        assert!(left.is_empty(), "neither a copy nor a temporary file is left: {left:?}");

        let version = LATEST_VERSION;
        let kept =
            backup_before_migration(&conn, &path, version).unwrap().expect("a copy of the store as it is");
        assert_eq!(check_backup(&kept).unwrap().schema, version);
    }
}
