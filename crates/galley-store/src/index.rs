//! Keeping the search index in step with the articles.
//!
//! The index holds terms, not text (see `sql/v2.sql`): headline, summary (dek and lead), the plain
//! text of the body, and tag names, each run through `galley_query::analysis`.

use galley_model::ArticleFields;
use galley_query::analysis::index_terms;
use rusqlite::{Connection, params};

use crate::Result;

/// Replaces an article's row in the index.
pub(crate) fn write(conn: &Connection, rowid: i64, fields: &ArticleFields) -> Result<()> {
    let mut headline = String::new();
    index_terms(&fields.headline, &mut headline);
    let mut summary = String::new();
    index_terms(&fields.dek, &mut summary);
    index_terms(&fields.lead, &mut summary);
    let mut body = String::new();
    index_terms(&galley_render::plain_text(&fields.body), &mut body);
    let mut tags = String::new();
    for tag in &fields.tags {
        index_terms(tag, &mut tags);
    }
    remove(conn, rowid)?;
    conn.prepare_cached(
        "INSERT INTO search_index (rowid, headline, summary, body, tags) VALUES (?, ?, ?, ?, ?)",
    )?
    .execute(params![rowid, headline, summary, body, tags])?;
    Ok(())
}

pub(crate) fn remove(conn: &Connection, rowid: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?")?.execute([rowid])?;
    Ok(())
}

/// Whether a change from `old` to `new` touches what the index holds.
pub(crate) fn changed(old: &ArticleFields, new: &ArticleFields) -> bool {
    old.headline != new.headline
        || old.dek != new.dek
        || old.lead != new.lead
        || old.body != new.body
        || old.tags != new.tags
}

/// Indexes every article from scratch (after a migration creates the index).
pub(crate) fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM search_index", [])?;
    let rowids: Vec<i64> = conn
        .prepare("SELECT rowid FROM articles")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for rowid in rowids {
        let fields = crate::articles::read_fields(conn, rowid)?;
        write(conn, rowid, &fields)?;
    }
    Ok(())
}
