//! Keeping the search index in step with the articles.
//!
//! The index holds terms, not text (see `sql/v2.sql`): headline, summary (dek and lead), the plain
//! text of the body, tag names, each run through `galley_query::analysis`, and facet terms that
//! make filters part of the full-text query.

use galley_model::{ArticleFields, Status, TagName};
use galley_query::analysis::index_terms;
use rusqlite::{Connection, params};

use crate::Result;

/// The facet term of a status: `fsdraft`, `fsspiked`, …
pub(crate) fn status_facet(status: Status) -> String {
    format!("fs{}", status.as_str())
}

/// The facet term of a language code (`pt-br` → `flptbr`).
pub(crate) fn language_facet(language: &str) -> String {
    let code: String = language.chars().filter(char::is_ascii_alphanumeric).collect();
    format!("fl{code}")
}

/// The facet term of a section, by its lowercased name.
pub(crate) fn section_facet(section: &str) -> String {
    format!("fc{}", short_hash(&section.trim().to_lowercase()))
}

/// The facet term of a tag key; an article carries one for each of its tags and their parents.
pub(crate) fn tag_facet(key: &str) -> String {
    format!("ft{}", short_hash(key))
}

/// Sixteen hex digits of BLAKE3: names of any script become plain ASCII terms.
fn short_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..16].to_owned()
}

fn facets(fields: &ArticleFields) -> String {
    let mut terms = vec![status_facet(fields.status), language_facet(&fields.language)];
    if !fields.section.trim().is_empty() {
        terms.push(section_facet(&fields.section));
    }
    for tag in &fields.tags {
        let mut name = TagName::parse(tag).ok();
        while let Some(current) = name {
            terms.push(tag_facet(&current.key()));
            name = current.parent();
        }
    }
    terms.sort_unstable();
    terms.dedup();
    terms.join(" ")
}

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
        "INSERT INTO search_index (rowid, headline, summary, body, tags, facets) VALUES (?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![rowid, headline, summary, body, tags, facets(fields)])?;
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
        || old.status != new.status
        || old.language != new.language
        || old.section.trim().to_lowercase() != new.section.trim().to_lowercase()
}

/// Indexes every article from scratch (after a migration creates the index).
pub(crate) fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM search_index", [])?;
    let rowids: Vec<i64> = conn
        .prepare("SELECT rowid FROM articles")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for rowid in rowids {
        let fields = crate::articles::read_indexed_fields(conn, rowid)?;
        write(conn, rowid, &fields)?;
    }
    Ok(())
}
