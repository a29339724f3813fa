//! Opening the database file: recognising a Galley store, refusing what is not one, and the
//! settings every connection runs with.

use std::ops::Neg;
use std::path::Path;
use std::time::Duration;

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::migrations::{self, LATEST_VERSION};
use crate::{Error, Result};

/// `PRAGMA application_id` of a Galley store ("GaLy"), so a Galley store is recognisable as one.
pub(crate) const APPLICATION_ID: i64 = 0x4761_4c79;

/// The writer's page cache, in KiB.
const WRITER_CACHE_KIB: i64 = 32 * 1024;

/// How long a connection waits for another process's write before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The connection that writes, as opened.
pub(crate) struct Opened {
    pub(crate) conn: Connection,
    /// This open created the store.
    pub(crate) created: bool,
    /// The file (or its drive) cannot be written: the store was opened to be read only.
    pub(crate) unwritable: bool,
}

/// Opens the connection that writes, creating or upgrading the store. A store that exists but
/// cannot be written (a read-only file, folder or drive) is opened to be read, when it needs no
/// upgrade.
pub(crate) fn open_writer(path: &Path) -> Result<Opened> {
    match open_for_writing(path) {
        Err(err) if path.is_file() && cannot_write(&err) => {
            let conn = open_unwritable(path)?;
            Ok(Opened { conn, created: false, unwritable: true })
        }
        Ok(opened) if opened.unwritable => {
            drop(opened);
            let conn = open_unwritable(path)?;
            Ok(Opened { conn, created: false, unwritable: true })
        }
        other => other,
    }
}

fn open_for_writing(path: &Path) -> Result<Opened> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .map_err(|source| Error::CreateFolder { path: folder.to_owned(), source })?;
    }
    let mut conn = Connection::open(path)?;
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        // SQLite opened a file it may not write to read-only, silently.
        return Ok(Opened { conn, created: false, unwritable: true });
    }
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Every write transaction takes the write lock when it begins. A deferred one that reads first
    // (most do) and then writes fails at once with SQLITE_BUSY_SNAPSHOT, without waiting, when
    // another process (the app, `galley-cli`, a mirror pass) wrote in between.
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);

    // Look before touching anything: a newer or foreign file must be left byte for byte as it was.
    let (application_id, version) = identify(&conn, path)?;
    let empty = version == 0 && application_id == 0 && !has_tables(&conn)?;
    if !empty && application_id != APPLICATION_ID {
        return Err(Error::NotAStore {
            path: path.to_owned(),
            reason: "it holds another program's data".into(),
        });
    }
    if version > LATEST_VERSION {
        return Err(Error::TooNew { path: path.to_owned(), found: version, known: LATEST_VERSION });
    }
    if !empty && version < LATEST_VERSION && crate::health::damage_note(path).exists() {
        // An upgrade would rewrite a store a check found damaged.
        return Err(Error::DamagedNeedsUpgrade { path: path.to_owned() });
    }

    // WAL: readers never block the writer and a killed process leaves a consistent file.
    // synchronous=FULL: a save that was acknowledged survives a power cut, not just a crash.
    use_write_ahead_log(&conn)?;
    conn.pragma_update(None, "synchronous", "full")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // A bigger page cache than SQLite's 2 MB default: index merges during an import touch many
    // pages (measured: bulk import 12% faster). Pages are only held once they are used.
    conn.pragma_update(None, "cache_size", WRITER_CACHE_KIB.neg())?;
    register_functions(&conn)?;
    if !empty && version < LATEST_VERSION {
        // An upgrade rewrites tables: the store as it was is kept first.
        crate::backup::backup_before_migration(&conn, path, version)?;
    }
    migrations::migrate(&mut conn, version)?;
    Ok(Opened { conn, created: empty, unwritable: false })
}

/// Puts the store in write-ahead-log mode (a no-op once it is). Switching a store from the rollback
/// journal (a new file, or one from schema 1) needs the file to itself: two processes switching at
/// once would deadlock, so SQLite answers one of them "busy" at once, without waiting. That one
/// waits a moment and tries again, within the usual busy timeout.
fn use_write_ahead_log(conn: &Connection) -> Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.pragma_update(None, "journal_mode", "wal") {
            Err(err)
                if err.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return Ok(other?),
        }
    }
}

/// Whether opening failed because the file, its folder or its drive cannot be written.
fn cannot_write(err: &Error) -> bool {
    match err {
        Error::Sqlite(err) => {
            matches!(err.sqlite_error_code(), Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen))
        }
        Error::CreateFolder { source, .. } | Error::Io { source, .. } => matches!(
            source.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        ),
        _ => false,
    }
}

/// Opens a store that cannot be written, to read it. It must need no upgrade. Read-only first; when
/// SQLite cannot make the shared-memory file a write-ahead log needs beside it (a read-only
/// folder or drive), as an immutable file: what a log left beside it is then not seen.
fn open_unwritable(path: &Path) -> Result<Connection> {
    let flags =
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let (conn, (application_id, version)) = match Connection::open_with_flags(path, flags)
        .map_err(Error::from)
        .and_then(|conn| identify(&conn, path).map(|facts| (conn, facts)))
    {
        Ok(opened) => opened,
        Err(err) if cannot_write(&err) => {
            let conn = Connection::open_with_flags(unwritable_uri(path), flags)?;
            let facts = identify(&conn, path)?;
            (conn, facts)
        }
        Err(err) => return Err(err),
    };
    if application_id != APPLICATION_ID {
        return Err(Error::NotAStore {
            path: path.to_owned(),
            reason: "it holds another program's data".into(),
        });
    }
    if version > LATEST_VERSION {
        return Err(Error::TooNew { path: path.to_owned(), found: version, known: LATEST_VERSION });
    }
    if version < LATEST_VERSION {
        return Err(Error::UnwritableNeedsUpgrade { path: path.to_owned() });
    }
    conn.pragma_update(None, "query_only", true)?;
    register_functions(&conn)?;
    Ok(conn)
}

/// `file:` URI of a store opened with `immutable=1`; `%`, `?` and `#` in the path are escaped.
fn unwritable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Opens the connection that only reads. The writer must have opened (and upgraded) the file first.
pub(crate) fn open_reader(path: &Path, unwritable: bool) -> Result<Connection> {
    if unwritable {
        return open_unwritable(path);
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "query_only", true)?;
    register_functions(&conn)?;
    Ok(conn)
}

fn identify(conn: &Connection, path: &Path) -> Result<(i64, i64)> {
    let read = || -> rusqlite::Result<(i64, i64)> {
        let application_id = conn.pragma_query_value(None, "application_id", |row| row.get(0))?;
        let version = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
        Ok((application_id, version))
    };
    read().map_err(|err| match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) if looks_like_a_store(path) => {
            Error::Unreadable { path: path.to_owned() }
        }
        Some(ErrorCode::NotADatabase) => {
            Error::NotAStore { path: path.to_owned(), reason: "it is not an SQLite database".into() }
        }
        _ => Error::Sqlite(err),
    })
}

/// Whether a file that does not read as a database shows signs of having been a store (and is
/// then a damaged one, which a backup may replace, rather than some other file, which must be left
/// alone): SQLite's signature at its start, a log or a note of damage beside it, or backups of it
/// in the backup folder.
fn looks_like_a_store(path: &Path) -> bool {
    use std::io::Read;
    let mut start = [0u8; 16];
    let signed = std::fs::File::open(path).and_then(|mut file| file.read_exact(&mut start)).is_ok()
        && &start == b"SQLite format 3\0";
    let beside = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        Path::new(&name).exists()
    };
    let stem = path.file_stem().map(|s| format!("{}-", s.to_string_lossy())).unwrap_or_default();
    let backed_up = std::fs::read_dir(crate::backup_folder(path)).is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.starts_with(&stem) && name.ends_with(".sqlite3")
        })
    });
    signed || beside("-wal") || crate::health::damage_note(path).exists() || backed_up
}

fn has_tables(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_schema)", [], |row| row.get(0))?)
}

/// SQL functions the queries need that SQLite lacks without ICU.
fn register_functions(conn: &Connection) -> Result<()> {
    // `lower()` in SQLite folds ASCII only; sections are often Cyrillic.
    conn.create_scalar_function(
        "unicode_lower",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(ctx.get::<String>(0)?.to_lowercase()),
    )?;
    Ok(())
}
