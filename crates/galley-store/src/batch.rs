//! Many drafts stored at once (a file import, the new files of a mirror folder being linked): in
//! one transaction while nothing else needs the writer, handed over to a save that waits for it.
//!
//! One transaction is what a bulk import needs: committing every 64 drafts (or 20 ms) made storing
//! 5,000 generated articles 30–50% slower (4–5 s became 5–8.7 s). But a transaction holds the
//! store's one writer for as long as it runs: linking a folder of 10,000 files held it for 12 s,
//! and an autosave from the desk waited all that time (issue 15 §3). So after each draft the batch
//! asks whether a thread is waiting for the writer; if one is, it commits what it stored and hands
//! the writer over (a fair unlock: with a plain one this thread, already running, takes it straight
//! back), then goes on in a new transaction. A save waits for one draft and a commit at most. Each
//! draft is stored whole or not at all (its own savepoint), with what `then` writes beside it (a
//! mirror file's record).
//!
//! Another process is not seen waiting: its save waits for SQLite's lock, and fails after the busy
//! timeout (10 s). So a transaction takes no new draft after [`LONGEST`], and the batch then
//! leaves the lock free for [`PAUSE`], long enough for that process's next try to find it free.

use std::time::{Duration, Instant};

use galley_model::{Draft, RevisionReason, Timestamp};
use parking_lot::MutexGuard;
use rusqlite::Connection;

use crate::articles::{Stored, insert_or_update};
use crate::{Error, Result, Store};

/// Batches at least this large are checkpointed when they are stored.
const BIG_BATCH: usize = 64;
/// A transaction of a batch takes no new draft after this long…
const LONGEST: Duration = Duration::from_secs(2);
/// …and the lock is then left free this long: more than SQLite's longest sleep between two tries
/// of a process waiting for it (100 ms).
const PAUSE: Duration = Duration::from_millis(150);

impl Store {
    /// Stores many drafts, each on its own savepoint: a draft that fails is reported and the
    /// others are kept. The drafts are committed together, or a few at a time when a save waits
    /// for the writer meanwhile (see the module's docs): when a commit fails, the drafts committed
    /// before it stand and every other one is reported with the failure; when nothing could be
    /// committed, the failure is the answer.
    pub fn create_many(
        &self,
        drafts: impl IntoIterator<Item = Draft>,
        reason: RevisionReason,
        now: Timestamp,
    ) -> Result<Vec<Result<Stored>>> {
        self.create_many_then(drafts.into_iter().map(|draft| (draft, ())), reason, now, |_, _, _| Ok(()))
    }

    /// [`Store::create_many`], running `then` on each stored article inside its savepoint, so what
    /// it writes is committed with the article or not at all (a mirror's record of the file the
    /// article came from).
    pub(crate) fn create_many_then<T>(
        &self,
        drafts: impl IntoIterator<Item = (Draft, T)>,
        reason: RevisionReason,
        now: Timestamp,
        mut then: impl FnMut(&Connection, &Stored, T) -> Result<()>,
    ) -> Result<Vec<Result<Stored>>> {
        let mut drafts = drafts.into_iter().peekable();
        let mut conn = self.writer()?;
        let mut results = Vec::new();
        let mut long = false;
        while drafts.peek().is_some() {
            if long {
                MutexGuard::unlocked_fair(&mut conn, || std::thread::sleep(PAUSE));
            } else if !results.is_empty() {
                // The thread waiting goes first. It may find the store damaged: every write asks.
                MutexGuard::bump(&mut conn);
            }
            let writable = match self.read_only() {
                Some(why) if !results.is_empty() => Err((Error::from(why), 0)),
                _ => Ok(()),
            };
            let until = Instant::now() + LONGEST;
            let wanted = || self.writer_wanted() || Instant::now() >= until;
            match writable.and_then(|()| store_some(&mut conn, &mut drafts, reason, now, &mut then, wanted)) {
                Ok(mut stored) => results.append(&mut stored),
                Err((err, _)) if results.is_empty() => return Err(err),
                Err((err, taken)) => {
                    let left = taken + drafts.count();
                    results.extend((0..left).map(|_| Err(again(&err))));
                    return Ok(results);
                }
            }
            long = Instant::now() >= until;
        }
        if results.len() >= BIG_BATCH {
            // A big batch leaves a big write-ahead log; folding it into the database now keeps the
            // next save from paying for it. Everything is committed: a failure here changes
            // nothing the caller must know.
            conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())).ok();
        }
        Ok(results)
    }
}

/// Stores drafts in one transaction, at least one, until none is left or `wanted` says another
/// thread waits for the writer (or the transaction has run long enough); returns what became of
/// each, or why the transaction failed with how many drafts it took.
fn store_some<T>(
    conn: &mut Connection,
    drafts: &mut impl Iterator<Item = (Draft, T)>,
    reason: RevisionReason,
    now: Timestamp,
    then: &mut impl FnMut(&Connection, &Stored, T) -> Result<()>,
    wanted: impl Fn() -> bool,
) -> Result<Vec<Result<Stored>>, (Error, usize)> {
    let mut tx = conn.transaction().map_err(|err| (err.into(), 0))?;
    let mut results = Vec::new();
    for (draft, extra) in drafts.by_ref() {
        let taken = results.len() + 1;
        let savepoint = tx.savepoint().map_err(|err| (err.into(), taken))?;
        let result = insert_or_update(&savepoint, draft, reason, now)
            .and_then(|stored| then(&savepoint, &stored, extra).map(|()| stored));
        if result.is_ok() {
            savepoint.commit().map_err(|err| (err.into(), taken))?;
        }
        results.push(result);
        if wanted() {
            break;
        }
    }
    let taken = results.len();
    tx.commit().map_err(|err| (err.into(), taken))?;
    Ok(results)
}

/// The failure that stopped a batch, once more for each draft it left unstored (errors are not
/// `Clone`; a transaction fails with SQLite's errors, or the store's read-only state).
fn again(err: &Error) -> Error {
    use rusqlite::{Error::SqliteFailure, ffi};
    match err {
        Error::Sqlite(SqliteFailure(code, message)) => Error::Sqlite(SqliteFailure(*code, message.clone())),
        Error::ReadOnly(why) => Error::ReadOnly(why.clone()),
        other => Error::Sqlite(SqliteFailure(ffi::Error::new(ffi::SQLITE_ERROR), Some(other.to_string()))),
    }
}
