//! Schema migrations, tracked in `PRAGMA user_version`.
//!
//! Each step is a SQL file run in its own transaction, followed by whatever Rust must do for it
//! (filling the search index needs the stemmer, which SQL lacks). A fresh file runs every step.
//! Steps are never edited once released: a change to the schema is a new step, and the test
//! fixtures keep a store of every old version to prove the upgrade path.

use rusqlite::Connection;

use crate::connection::APPLICATION_ID;
use crate::{Result, index};

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = 6;

const STEPS: [&str; LATEST_VERSION as usize] = [
    include_str!("sql/v1.sql"),
    include_str!("sql/v2.sql"),
    include_str!("sql/v3.sql"),
    include_str!("sql/v4.sql"),
    include_str!("sql/v5.sql"),
    include_str!("sql/v6.sql"),
];

/// Brings the store from `version` up to [`LATEST_VERSION`].
pub(crate) fn migrate(conn: &mut Connection, version: i64) -> Result<()> {
    for (from, step) in STEPS.iter().enumerate().skip(usize::try_from(version).unwrap_or(0)) {
        let to = from as i64 + 1;
        let tx = conn.transaction()?;
        // Another process opening the store at the same moment may have taken this step since the
        // version was read: the write lock is held now, so what the file says is final.
        let now: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if now >= to {
            continue;
        }
        tx.execute_batch(step)?;
        if to == 2 {
            index::rebuild(&tx)?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", to)?;
        tx.commit()?;
    }
    Ok(())
}
