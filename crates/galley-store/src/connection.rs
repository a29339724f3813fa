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
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens the connection that writes, creating or upgrading the store; tells whether it was created.
pub(crate) fn open_writer(path: &Path) -> Result<(Connection, bool)> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .map_err(|source| Error::CreateFolder { path: folder.to_owned(), source })?;
    }
    let mut conn = Connection::open(path)?;
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

    // WAL: readers never block the writer and a killed process leaves a consistent file.
    // synchronous=FULL: a save that was acknowledged survives a power cut, not just a crash.
    conn.pragma_update(None, "journal_mode", "wal")?;
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
    Ok((conn, empty))
}

/// Opens the connection that only reads. The writer must have opened (and upgraded) the file first.
pub(crate) fn open_reader(path: &Path) -> Result<Connection> {
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
        Some(ErrorCode::NotADatabase) => {
            Error::NotAStore { path: path.to_owned(), reason: "it is not an SQLite database".into() }
        }
        _ => Error::Sqlite(err),
    })
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
