//! What a mirror folder needs the store to remember: the linked folder, how far the store's
//! changes have been written out to it, and per article the state both sides were in when they
//! were last in step (see `sql/v5.sql`). The mirror itself (files, events, decisions) lives in
//! `galley-mirror`; here are only its tables.

use std::path::{Path, PathBuf};

use galley_model::{ArticleFields, ArticleId, Draft, RevisionReason, Timestamp};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::articles::{parse_id, rowid_of};
use crate::{Result, Store, revisions};

/// A BLAKE3 hash of a file's bytes.
pub type ContentHash = [u8; 32];

/// The folder a store is linked to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MirrorLink {
    pub folder: PathBuf,
    /// Changes with a `change_seq` up to this are in the folder; `-1` before the first pass.
    pub synced_seq: i64,
}

/// An article's file as both sides last agreed on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MirrorRecord {
    pub article: ArticleId,
    /// Relative to the folder, with `/` between names.
    pub path: String,
    /// The hash of the file's bytes; `None` when the article has no file (spiked, or deleted).
    pub file_hash: Option<ContentHash>,
    /// The hash of the file Galley writes for the article as it was…
    pub article_hash: ContentHash,
    /// …at this `change_seq` of the article: a larger one means it changed since.
    pub change_seq: i64,
    pub conflict: Option<MirrorConflict>,
}

/// Both sides changed and the user has not chosen yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MirrorConflict {
    /// The file changed; its version is this revision of the article.
    Changed { revision: u32 },
    /// The file was deleted.
    Deleted,
}

impl Store {
    /// The folder this store is mirrored to, if any.
    pub fn mirror_link(&self) -> Result<Option<MirrorLink>> {
        let conn = self.reader();
        Ok(conn
            .prepare_cached("SELECT folder, synced_seq FROM mirror")?
            .query_row([], |row| {
                Ok(MirrorLink { folder: PathBuf::from(row.get::<_, String>(0)?), synced_seq: row.get(1)? })
            })
            .optional()?)
    }

    /// Links the store to `folder`. Linking another folder than before forgets what was known of
    /// the old one: the new folder is compared from scratch.
    pub fn link_mirror(&self, folder: &Path) -> Result<()> {
        let text = folder.to_string_lossy();
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        let current: Option<String> =
            tx.query_row("SELECT folder FROM mirror", [], |row| row.get(0)).optional()?;
        if current.as_deref() != Some(&*text) {
            tx.execute("DELETE FROM mirror_files", [])?;
            tx.execute(
                "INSERT INTO mirror (one, folder, synced_seq) VALUES (1, ?, -1) \
                 ON CONFLICT (one) DO UPDATE SET folder = excluded.folder, synced_seq = -1",
                [&*text],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Unlinks the folder (its files stay where they are) and forgets what was known of it.
    pub fn unlink_mirror(&self) -> Result<()> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM mirror_files", [])?;
        tx.execute("DELETE FROM mirror", [])?;
        tx.commit()?;
        Ok(())
    }

    /// Forgets what was known of the folder's files, keeping the link: after a backup took the
    /// store's place, its records describe files as they were then. Without them the next pass
    /// compares each file with its article afresh: where they differ both are kept (a conflict).
    pub fn forget_mirror_files(&self) -> Result<()> {
        self.writer()?.execute("DELETE FROM mirror_files", [])?;
        Ok(())
    }

    /// Notes that the folder holds every change up to `seq`.
    pub fn set_mirror_synced(&self, seq: i64) -> Result<()> {
        self.writer()?.prepare_cached("UPDATE mirror SET synced_seq = ?")?.execute([seq])?;
        Ok(())
    }

    /// The `change_seq` of the latest change to any article.
    pub fn last_change(&self) -> Result<i64> {
        Ok(self
            .reader()
            .prepare_cached("SELECT coalesce(max(change_seq), 0) FROM articles")?
            .query_row([], |row| row.get(0))?)
    }

    /// Stores drafts read from a mirror's files, each committed together with its file's record
    /// (`record` makes it from the article as stored and its `change_seq`): a pass interrupted
    /// after this leaves no article without its record, which the next pass would create again.
    pub fn create_mirrored(
        &self,
        files: Vec<(Draft, String, ContentHash)>,
        reason: RevisionReason,
        now: Timestamp,
        article_hash: impl Fn(&galley_model::Article) -> ContentHash,
    ) -> Result<Vec<Result<crate::Stored>>> {
        self.create_many_then(
            files.into_iter().map(|(draft, path, file_hash)| (draft, (path, file_hash))),
            reason,
            now,
            |conn, stored, (path, file_hash)| {
                let record = MirrorRecord {
                    article: stored.article.id,
                    path,
                    file_hash: Some(file_hash),
                    article_hash: article_hash(&stored.article),
                    change_seq: stored.change_seq,
                    conflict: None,
                };
                put_record(conn, &record)
            },
        )
    }

    /// Every record of the linked folder.
    pub fn mirror_records(&self) -> Result<Vec<MirrorRecord>> {
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(&format!("{RECORD_SELECT} ORDER BY m.path"))?;
        let rows = stmt.query_map([], record_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The records of conflicts waiting for the user.
    pub fn mirror_conflicts(&self) -> Result<Vec<MirrorRecord>> {
        let conn = self.reader();
        let mut stmt =
            conn.prepare_cached(&format!("{RECORD_SELECT} WHERE m.conflict IS NOT NULL ORDER BY m.path"))?;
        let rows = stmt.query_map([], record_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The record of an article.
    pub fn mirror_record(&self, article: ArticleId) -> Result<Option<MirrorRecord>> {
        let conn = self.reader();
        Ok(conn
            .prepare_cached(&format!("{RECORD_SELECT} WHERE a.id = ?"))?
            .query_row([article.to_string()], record_from_row)
            .optional()?)
    }

    /// The record of the file at `path`.
    pub fn mirror_record_at(&self, path: &str) -> Result<Option<MirrorRecord>> {
        let conn = self.reader();
        Ok(conn
            .prepare_cached(&format!("{RECORD_SELECT} WHERE m.path = ?"))?
            .query_row([path], record_from_row)
            .optional()?)
    }

    /// The articles changed after `after` up to `until` whose files do not hold that change yet:
    /// those without a record (spiked ones aside: they have no file) and those whose record was
    /// made from an older version. A pass's own changes are stamped on their records, so they are
    /// not looked at again; a change another process made meanwhile is.
    pub fn unsynced(&self, after: i64, until: i64) -> Result<Vec<ArticleId>> {
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(
            "SELECT a.id FROM articles a LEFT JOIN mirror_files m ON m.article = a.rowid \
             WHERE a.change_seq > ?1 AND a.change_seq <= ?2 \
             AND (m.article IS NULL AND a.status != 'spiked' OR m.change_seq < a.change_seq) \
             ORDER BY a.change_seq",
        )?;
        let rows = stmt.query_map([after, until], |row| parse_id(row.get_ref(0)?.as_str()?))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The records of files in the folder `prefix` (relative, no trailing `/`) and below it.
    pub fn mirror_records_under(&self, prefix: &str) -> Result<Vec<MirrorRecord>> {
        let conn = self.reader();
        // `/` sorts just before `0`: the range holds exactly the paths that start with `prefix/`.
        let mut stmt = conn.prepare_cached(&format!(
            "{RECORD_SELECT} WHERE m.path > ?1 || '/' AND m.path < ?1 || '0' ORDER BY m.path"
        ))?;
        let rows = stmt.query_map([prefix], record_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Writes records in one transaction. A path belongs to one article: a record that held the
    /// path before is dropped (its article gets a file of its own on the next pass).
    pub fn put_mirror_records(&self, records: &[MirrorRecord]) -> Result<()> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        for record in records {
            put_record(&tx, record)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Forgets an article's record.
    pub fn forget_mirror_record(&self, article: ArticleId) -> Result<()> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        let rowid = rowid_of(&tx, article)?;
        tx.execute("DELETE FROM mirror_files WHERE article = ?", [rowid])?;
        tx.commit()?;
        Ok(())
    }

    /// Records `fields` as a revision of the article without making them current: a version that
    /// must survive but did not win (a conflicting file). Returns the revision's number.
    pub fn add_revision(
        &self,
        article: ArticleId,
        fields: &ArticleFields,
        reason: RevisionReason,
        now: Timestamp,
    ) -> Result<u32> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        let rowid = rowid_of(&tx, article)?;
        let number = revisions::record(&tx, rowid, fields, reason, None, now)?;
        tx.commit()?;
        Ok(number)
    }
}

const RECORD_SELECT: &str = "SELECT a.id, m.path, m.file_hash, m.article_hash, m.conflict, m.change_seq \
     FROM mirror_files m JOIN articles a ON a.rowid = m.article";

fn record_from_row(row: &Row<'_>) -> rusqlite::Result<MirrorRecord> {
    let hash = |index: usize, bytes: Vec<u8>| {
        ContentHash::try_from(bytes.as_slice()).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Blob, Box::new(e))
        })
    };
    Ok(MirrorRecord {
        article: parse_id(row.get_ref(0)?.as_str()?)?,
        path: row.get(1)?,
        file_hash: row.get::<_, Option<Vec<u8>>>(2)?.map(|bytes| hash(2, bytes)).transpose()?,
        article_hash: hash(3, row.get(3)?)?,
        change_seq: row.get(5)?,
        conflict: row.get::<_, Option<i64>>(4)?.map(|n| match u32::try_from(n) {
            Ok(revision) if revision > 0 => MirrorConflict::Changed { revision },
            _ => MirrorConflict::Deleted,
        }),
    })
}

fn put_record(conn: &Connection, record: &MirrorRecord) -> Result<()> {
    let rowid = rowid_of(conn, record.article)?;
    let previous: Option<i64> = conn
        .prepare_cached("SELECT article FROM mirror_files WHERE path = ? AND article != ?")?
        .query_row(params![record.path, rowid], |row| row.get(0))
        .optional()?;
    if let Some(previous) = previous {
        conn.prepare_cached("DELETE FROM mirror_files WHERE article = ?")?.execute([previous])?;
        crate::articles::mark_changed(conn, previous)?;
    }
    let conflict = record.conflict.map(|conflict| match conflict {
        MirrorConflict::Changed { revision } => i64::from(revision),
        MirrorConflict::Deleted => 0,
    });
    conn.prepare_cached(
        "INSERT INTO mirror_files (article, path, file_hash, article_hash, conflict, change_seq) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT (article) DO UPDATE SET path = excluded.path, file_hash = excluded.file_hash, \
         article_hash = excluded.article_hash, conflict = excluded.conflict, change_seq = excluded.change_seq",
    )?
    .execute(params![
        rowid,
        record.path,
        record.file_hash.as_ref().map(|h| h.as_slice()),
        record.article_hash.as_slice(),
        conflict,
        record.change_seq
    ])?;
    Ok(())
}
