//! Revisions: numbered snapshots of an article's fields, stored content-addressed.
//!
//! A save whose fields equal the newest revision's adds nothing. Autosaves while someone types
//! would otherwise pile up a snapshot a second, so an autosave replaces the previous autosave when
//! that one is recent and everything in it is still there (its text is a subsequence of the new
//! text): the replaced state can be rebuilt from the new one by deleting, and nothing the user
//! wrote is lost. A deletion, or any other kind of save, always starts a new revision.

use galley_model::{ArticleFields, Revision, RevisionReason, RevisionSummary, Timestamp};
use jiff::SignedDuration;
use rusqlite::{Connection, OptionalExtension, params};

use crate::articles::{read_article, rowid_of};
use crate::time::{from_ms, to_ms};
use crate::{Error, Result, Store};

/// How long a run of autosaves may fold into one revision.
const AUTOSAVE_WINDOW: SignedDuration = SignedDuration::from_mins(10);

impl Store {
    /// An article's revisions, newest first.
    pub fn revisions(&self, id_or_slug: &str) -> Result<Vec<RevisionSummary>> {
        let conn = self.reader();
        let article = read_article(&conn, id_or_slug)?;
        let rowid = rowid_of(&conn, article.id)?;
        let mut stmt = conn.prepare_cached(
            "SELECT number, reason, label, created_at, body_chars FROM revisions WHERE article = ? \
             ORDER BY number DESC",
        )?;
        let rows = stmt.query_map([rowid], summary_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One revision with its snapshot.
    pub fn revision(&self, id_or_slug: &str, number: u32) -> Result<Revision> {
        let conn = self.reader();
        let article = read_article(&conn, id_or_slug)?;
        let rowid = rowid_of(&conn, article.id)?;
        let found = conn
            .prepare_cached(
                "SELECT r.number, r.reason, r.label, r.created_at, r.body_chars, s.fields FROM revisions r \
                 JOIN snapshots s ON s.rowid = r.snapshot WHERE r.article = ? AND r.number = ?",
            )?
            .query_row(params![rowid, number], |row| Ok((summary_from_row(row)?, row.get::<_, String>(5)?)))
            .optional()?;
        let (summary, json) =
            found.ok_or_else(|| Error::RevisionNotFound { article: article.id.to_string(), number })?;
        Ok(Revision { summary, fields: serde_json::from_str(&json)? })
    }
}

fn summary_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<RevisionSummary> {
    let reason: String = row.get(1)?;
    Ok(RevisionSummary {
        number: row.get(0)?,
        reason: reason.parse().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
        })?,
        label: row.get(2)?,
        created_at: from_ms(row.get(3)?),
        body_chars: row.get::<_, i64>(4)? as u64,
    })
}

/// Records `fields` as the article's newest revision (see the module docs for when it does not);
/// returns the newest revision's number.
pub(crate) fn record(
    conn: &Connection,
    article: i64,
    fields: &ArticleFields,
    reason: RevisionReason,
    label: Option<&str>,
    now: Timestamp,
) -> Result<u32> {
    let json = serde_json::to_string(fields)?;
    let hash = blake3::hash(json.as_bytes());
    let latest = conn
        .prepare_cached(
            "SELECT r.number, r.reason, r.label, r.created_at, r.snapshot, s.hash, s.fields FROM revisions r \
             JOIN snapshots s ON s.rowid = r.snapshot WHERE r.article = ? ORDER BY r.number DESC LIMIT 1",
        )?
        .query_row([article], |row| {
            Ok(Latest {
                number: row.get(0)?,
                reason: row.get(1)?,
                label: row.get(2)?,
                created_at: from_ms(row.get(3)?),
                snapshot: row.get(4)?,
                hash: row.get(5)?,
                fields: row.get(6)?,
            })
        })
        .optional()?;
    let body_chars = fields.body.chars().count() as i64;

    if let Some(latest) = &latest {
        if label.is_none() && latest.hash == hash.as_bytes() {
            return Ok(latest.number);
        }
        if folds_into(latest, fields, reason, label, now)? {
            let snapshot = store_snapshot(conn, hash.as_bytes(), &json)?;
            conn.prepare_cached(
                "UPDATE revisions SET snapshot = ?, created_at = ?, body_chars = ? WHERE article = ? AND number = ?",
            )?
            .execute(params![snapshot, to_ms(now), body_chars, article, latest.number])?;
            drop_snapshot_if_unused(conn, latest.snapshot)?;
            return Ok(latest.number);
        }
    }
    let number = latest.as_ref().map_or(1, |l| l.number + 1);
    let snapshot = store_snapshot(conn, hash.as_bytes(), &json)?;
    conn.prepare_cached(
        "INSERT INTO revisions (article, number, reason, label, created_at, snapshot, body_chars) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![article, number, reason.as_str(), label, to_ms(now), snapshot, body_chars])?;
    conn.prepare_cached("UPDATE articles SET revision = ? WHERE rowid = ?")?
        .execute(params![number, article])?;
    Ok(number)
}

struct Latest {
    number: u32,
    reason: String,
    label: Option<String>,
    created_at: Timestamp,
    snapshot: i64,
    hash: Vec<u8>,
    fields: String,
}

/// Whether an autosave may replace the newest revision instead of adding one.
fn folds_into(
    latest: &Latest,
    new: &ArticleFields,
    reason: RevisionReason,
    label: Option<&str>,
    now: Timestamp,
) -> Result<bool> {
    let autosaves = reason == RevisionReason::Autosave && latest.reason == RevisionReason::Autosave.as_str();
    if !autosaves
        || label.is_some()
        || latest.label.is_some()
        || now.duration_since(latest.created_at) > AUTOSAVE_WINDOW
    {
        return Ok(false);
    }
    let old: ArticleFields = serde_json::from_str(&latest.fields)?;
    Ok(nothing_lost(&old, new))
}

/// Whether every text of `old` survives in `new` (as a subsequence), all else being equal.
fn nothing_lost(old: &ArticleFields, new: &ArticleFields) -> bool {
    let texts = |f: &ArticleFields| {
        [f.headline.clone(), f.dek.clone(), f.lead.clone(), f.body.clone(), f.note.clone()]
    };
    let rest = |f: &ArticleFields| ArticleFields {
        headline: String::new(),
        dek: String::new(),
        lead: String::new(),
        body: String::new(),
        note: String::new(),
        ..f.clone()
    };
    rest(old) == rest(new) && texts(old).iter().zip(texts(new).iter()).all(|(o, n)| is_subsequence(o, n))
}

fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut rest = haystack.chars();
    needle.chars().all(|c| rest.by_ref().any(|h| h == c))
}

fn store_snapshot(conn: &Connection, hash: &[u8], json: &str) -> Result<i64> {
    conn.prepare_cached("INSERT INTO snapshots (hash, fields) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING")?
        .execute(params![hash, json])?;
    Ok(conn
        .prepare_cached("SELECT rowid FROM snapshots WHERE hash = ?")?
        .query_row([hash], |row| row.get(0))?)
}

fn drop_snapshot_if_unused(conn: &Connection, snapshot: i64) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM snapshots WHERE rowid = ?1 AND NOT EXISTS (SELECT 1 FROM revisions WHERE snapshot = ?1)",
    )?
    .execute([snapshot])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsequences() {
        assert!(is_subsequence("Привет мир", "Привет, мирр"));
        assert!(!is_subsequence("Привет мир", "Привет"));
        assert!(is_subsequence("", "x"));
    }
}
