//! Articles: creating, saving, reading and listing them.

use galley_model::article::normalize_language;
use galley_model::markdown_file::{self, ForeignFrontMatter};
use galley_model::slug::{is_valid_slug, slugify};
use galley_model::tag::canonical_tags;
use galley_model::{
    Article, ArticleFields, ArticleId, ArticleSummary, Draft, Related, RevisionReason, Status, Timestamp,
};
use galley_query::Filter;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::search::filter_sql;
use crate::time::{from_ms, to_ms};
use crate::{Error, Result, Store, index, revisions, tags};

/// Which articles a list shows, in what order.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Conditions, as in a search (`status:`, `tag:`, …). Without a status condition spiked
    /// articles are left out: spiked is the trash.
    pub filters: Vec<Filter>,
    pub sort: ListSort,
    pub limit: usize,
    pub offset: usize,
}

/// The order of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ListSort {
    /// Last changed first (the desk's default).
    #[default]
    Updated,
    /// Least recently changed first: what has been waiting longest.
    UpdatedOldest,
    /// Newest piece first, by when it was created.
    Created,
    /// By headline, A to Я, ignoring case.
    Headline,
}

impl ListSort {
    /// The `ORDER BY` of this order over `articles a`: exactly the order of its index (schema 4),
    /// status and rowid included, so a page is read in index order with no sort step (which a deep
    /// page would pay for every row it skips). The status sits between only because it is in the
    /// index; the rowid breaks ties, so pages never overlap.
    fn order_by(self) -> &'static str {
        match self {
            ListSort::Updated => "a.updated_at DESC, a.status ASC, a.rowid ASC",
            ListSort::UpdatedOldest => "a.updated_at ASC, a.status DESC, a.rowid DESC",
            ListSort::Created => "a.created_at DESC, a.status ASC, a.rowid ASC",
            ListSort::Headline => "a.headline_key ASC, a.status ASC, a.rowid ASC",
        }
    }
}

/// A section in use, with how many articles (not spiked) are in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionCount {
    /// The section as most recently spelled.
    pub name: String,
    pub count: u64,
}

/// What became of one draft in a batch: the article as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub article: Article,
    /// The article's `change_seq` as stored (see `sql/v5.sql`).
    pub change_seq: i64,
    /// `false` when the draft's id was already in the store and that article was updated.
    pub created: bool,
}

impl Store {
    /// Stores a new article (or, when the draft carries the id of one already stored, a new
    /// revision of it) and returns it as stored.
    pub fn create(&self, draft: Draft, reason: RevisionReason, now: Timestamp) -> Result<Article> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        let stored = insert_or_update(&tx, draft, reason, now)?;
        tx.commit()?;
        Ok(stored.article)
    }

    /// Saves new fields for an article: one transaction that updates the row, its tags, links and
    /// index entry, and records a revision. Saving unchanged fields writes nothing, unless `label`
    /// asks for a named revision.
    pub fn save(
        &self,
        id: ArticleId,
        fields: ArticleFields,
        reason: RevisionReason,
        label: Option<&str>,
        now: Timestamp,
    ) -> Result<Article> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        let rowid = rowid_of(&tx, id)?;
        update(&tx, rowid, id, fields, reason, label, now)?;
        tx.commit()?;
        read_article(&conn, &id.to_string())
    }

    /// [`Store::save`] of what an editor holds, which it based on revision `based_on`: saved even
    /// when a newer revision came from elsewhere meanwhile (the words on the journalist's screen
    /// are never refused), and then that revision's number is returned beside the article, so the
    /// journalist can be told. Checked inside the write transaction.
    pub fn save_based_on(
        &self,
        id: ArticleId,
        based_on: u32,
        fields: ArticleFields,
        reason: RevisionReason,
        now: Timestamp,
    ) -> Result<(Article, Option<u32>)> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        let rowid = rowid_of(&tx, id)?;
        let newest: u32 = tx
            .prepare_cached("SELECT revision FROM articles WHERE rowid = ?")?
            .query_row([rowid], |row| row.get(0))?;
        update(&tx, rowid, id, fields, reason, None, now)?;
        tx.commit()?;
        Ok((read_article(&conn, &id.to_string())?, (newest != based_on).then_some(newest)))
    }

    /// [`Store::save`], only if the article's `change_seq` is still `expected`: `None` when another
    /// change came first (checked inside the write transaction, so nothing can come between).
    pub fn save_if_unchanged(
        &self,
        id: ArticleId,
        expected: i64,
        change: impl FnOnce(ArticleFields) -> ArticleFields,
        reason: RevisionReason,
        now: Timestamp,
    ) -> Result<Option<(Article, i64)>> {
        let mut conn = self.writer()?;
        let tx = conn.transaction()?;
        let rowid = rowid_of(&tx, id)?;
        if change_seq_of(&tx, rowid)? != expected {
            return Ok(None);
        }
        let fields = change(read_fields(&tx, rowid)?);
        update(&tx, rowid, id, fields, reason, None, now)?;
        let saved = (read_article(&tx, &id.to_string())?, change_seq_of(&tx, rowid)?);
        tx.commit()?;
        Ok(Some(saved))
    }

    /// The article with its `change_seq`, read together (one snapshot).
    pub fn article_with_change(&self, id_or_slug: &str) -> Result<(Article, i64)> {
        let mut conn = self.reader();
        let tx = conn.transaction()?;
        let article = read_article(&tx, id_or_slug)?;
        let seq = change_seq_of(&tx, rowid_of(&tx, article.id)?)?;
        tx.commit()?;
        Ok((article, seq))
    }

    /// The article with this id or slug.
    pub fn article(&self, id_or_slug: &str) -> Result<Article> {
        read_article(&self.reader(), id_or_slug)
    }

    /// Articles matching the filter, in its order.
    pub fn list(&self, filter: &ListFilter) -> Result<Vec<ArticleSummary>> {
        let conn = self.reader();
        let (conditions, values) = filter_sql(&filter.filters, true);
        let order = filter.sort.order_by();
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles a WHERE {conditions} ORDER BY {order} LIMIT ? OFFSET ?"
        );
        let mut values = values;
        values.push(rusqlite::types::Value::Integer(i64::try_from(filter.limit).unwrap_or(i64::MAX)));
        values.push(rusqlite::types::Value::Integer(filter.offset as i64));
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values), summary_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Sections in use by articles that are not spiked, by name (case-insensitively one section),
    /// each named as most recently spelled.
    pub fn sections(&self) -> Result<Vec<SectionCount>> {
        let conn = self.reader();
        // Counted from the section index alone; then one index lookup per section for its name.
        let counts: Vec<(String, i64)> = conn
            .prepare_cached(
                "SELECT section_key, count(*) FROM articles WHERE status != 'spiked' AND section_key != '' \
                 GROUP BY section_key ORDER BY section_key",
            )?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut name = conn.prepare_cached(
            "SELECT section FROM articles WHERE section_key = ? AND status != 'spiked' \
             ORDER BY updated_at DESC LIMIT 1",
        )?;
        counts
            .into_iter()
            .map(|(key, count)| {
                let name: String = name.query_row([&key], |row| row.get(0))?;
                Ok(SectionCount { name, count: count as u64 })
            })
            .collect()
    }

    /// How many articles the filter's conditions match (its limit and offset aside).
    pub fn count_matching(&self, filter: &ListFilter) -> Result<u64> {
        let (conditions, values) = filter_sql(&filter.filters, true);
        let sql = format!("SELECT count(*) FROM articles a WHERE {conditions}");
        let count: i64 = self
            .reader()
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(values), |row| row.get(0))?;
        Ok(count as u64)
    }

    /// How many articles the store holds, spiked ones included.
    pub fn count(&self) -> Result<u64> {
        let count: i64 = self.reader().query_row("SELECT count(*) FROM articles", [], |row| row.get(0))?;
        Ok(count as u64)
    }
}

/// How the list sorts a headline: composed (NFC), without the diacritics left over, lowercased,
/// ё as е (as a Russian index sorts). Composing first puts a й typed as и + breve among the й, not
/// before every и; a stress mark or a stack of Zalgo marks does not move a headline either. (Marks
/// that are letters' vowels, as in Devanagari, are kept: they are not in the diacritics' blocks.)
/// Schema 4 computed keys for the articles stored before it without composing or dropping marks:
/// such a headline keeps its old place until the article is next saved.
pub(crate) fn headline_key(headline: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let composed: String = headline.nfc().filter(|c| !is_diacritic(*c)).collect();
    composed.to_lowercase().replace('ё', "е")
}

/// The Combining Diacritical Marks blocks (and their supplements, for symbols, half marks).
fn is_diacritic(c: char) -> bool {
    matches!(
        c,
        '\u{300}'..='\u{36F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// How the `section:` filter and the section list compare a section: lowercased.
pub(crate) fn section_key(section: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // Composed first: a section typed with a decomposed й is the same section.
    section.nfc().collect::<String>().to_lowercase()
}

/// The columns [`summary_from_row`] reads, from `articles a`.
pub(crate) const SUMMARY_COLUMNS: &str = "a.id, a.slug, a.headline, a.dek, a.byline, a.section, a.language, a.status, \
     a.created_at, a.updated_at, a.published_at, a.embargo_until, \
     (SELECT json_group_array(t.name ORDER BY at.position) FROM article_tags at JOIN tags t ON t.rowid = at.tag \
      WHERE at.article = a.rowid)";

pub(crate) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: parse_id(row.get_ref(0)?.as_str()?)?,
        slug: row.get(1)?,
        headline: row.get(2)?,
        dek: row.get(3)?,
        byline: json_list(row.get_ref(4)?.as_str()?)?,
        section: row.get(5)?,
        language: row.get(6)?,
        status: parse_status(row.get_ref(7)?.as_str()?)?,
        created_at: from_ms(row.get(8)?),
        updated_at: from_ms(row.get(9)?),
        published_at: row.get::<_, Option<i64>>(10)?.map(from_ms),
        embargo_until: row.get::<_, Option<i64>>(11)?.map(from_ms),
        tags: json_list(row.get_ref(12)?.as_str()?)?,
    })
}

pub(crate) fn insert_or_update(
    tx: &Connection,
    draft: Draft,
    reason: RevisionReason,
    now: Timestamp,
) -> Result<Stored> {
    if let Some(id) = draft.id
        && let Some(rowid) = find_rowid(tx, id)?
    {
        let stored = read_fields(tx, rowid)?;
        // A file says nothing of the fields it has no key for (the export of an article whose
        // file had no `slug` or `status` leaves them out): they keep their stored values, not
        // ones made up again from the headline.
        let mut fields = markdown_file::as_file_gives(&stored, draft.fields);
        if reason == RevisionReason::Import && fields.note.is_empty() {
            // Exported files never carry the editor's note: importing one keeps the stored note.
            fields.note = stored.note;
        }
        update(tx, rowid, id, fields, reason, None, now)?;
        let change_seq = change_seq_of(tx, rowid)?;
        return Ok(Stored { article: read_article(tx, &id.to_string())?, change_seq, created: false });
    }
    let id = draft.id.unwrap_or_else(|| ArticleId::new(now));
    let created_at = draft.created_at.unwrap_or(now);
    let updated_at = draft.updated_at.unwrap_or(now).max(created_at);
    let mut fields = prepare(tx, None, draft.fields)?;
    // The slug made for a file without one is what its missing key stands for.
    markdown_file::record_absent(&mut fields);
    let change_seq = next_change(tx)?;
    tx.prepare_cached(
        "INSERT INTO articles (id, slug, headline, dek, lead, byline, dateline, section, language, status, \
         embargo_until, target_chars, note, created_at, updated_at, published_at, revision, headline_key, \
         section_key, change_seq, foreign_front_matter) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
    )?
    .execute(params![
        id.to_string(),
        fields.slug,
        fields.headline,
        fields.dek,
        fields.lead,
        serde_json::to_string(&fields.byline)?,
        fields.dateline,
        fields.section,
        fields.language,
        fields.status.as_str(),
        fields.embargo_until.map(to_ms),
        fields.target_chars,
        fields.note,
        to_ms(created_at),
        to_ms(updated_at),
        fields.published_at.map(to_ms),
        headline_key(&fields.headline),
        section_key(&fields.section),
        change_seq,
        foreign_json(&fields.foreign)?,
    ])?;
    let rowid = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO bodies (article, body) VALUES (?, ?)")?
        .execute(params![rowid, fields.body])?;
    write_children(tx, rowid, &fields)?;
    index::write(tx, rowid, &fields)?;
    let revision = revisions::record(tx, rowid, &fields, reason, None, updated_at)?;
    // The stored article, without reading it back: tags and links are as `prepare` spelled them.
    Ok(Stored {
        article: Article { id, fields, created_at, updated_at, revision },
        change_seq,
        created: true,
    })
}

/// Writes new fields over an article's; returns its slug.
fn update(
    tx: &Connection,
    rowid: i64,
    id: ArticleId,
    fields: ArticleFields,
    reason: RevisionReason,
    label: Option<&str>,
    now: Timestamp,
) -> Result<String> {
    let old = read_fields(tx, rowid)?;
    let mut new = prepare(tx, Some(id), fields)?;
    // A field changed in Galley that the article's file has no key for gets one from now on.
    markdown_file::settle_absent(&mut new);
    if new == old {
        if label.is_some() {
            revisions::record(tx, rowid, &new, reason, label, now)?;
        }
        return Ok(new.slug);
    }
    tx.prepare_cached(
        "UPDATE articles SET slug = ?, headline = ?, dek = ?, lead = ?, byline = ?, dateline = ?, \
         section = ?, language = ?, status = ?, embargo_until = ?, target_chars = ?, note = ?, updated_at = ?, \
         published_at = ?, headline_key = ?, section_key = ?, change_seq = ?, foreign_front_matter = ? \
         WHERE rowid = ?",
    )?
    .execute(params![
        new.slug,
        new.headline,
        new.dek,
        new.lead,
        serde_json::to_string(&new.byline)?,
        new.dateline,
        new.section,
        new.language,
        new.status.as_str(),
        new.embargo_until.map(to_ms),
        new.target_chars,
        new.note,
        to_ms(now),
        new.published_at.map(to_ms),
        headline_key(&new.headline),
        section_key(&new.section),
        next_change(tx)?,
        foreign_json(&new.foreign)?,
        rowid,
    ])?;
    if old.body != new.body {
        tx.prepare_cached("UPDATE bodies SET body = ? WHERE article = ?")?
            .execute(params![new.body, rowid])?;
    }
    if old.tags != new.tags || old.related != new.related {
        write_children(tx, rowid, &new)?;
        tags::drop_unused(tx, &old.tags)?;
    }
    if index::changed(&old, &new) {
        index::write(tx, rowid, &new)?;
    }
    revisions::record(tx, rowid, &new, reason, label, now)?;
    Ok(new.slug)
}

/// Checks and completes fields before they are written: canonical tags in their stored spelling,
/// a known language, a valid and unique slug (made from the headline when empty).
fn prepare(conn: &Connection, id: Option<ArticleId>, mut fields: ArticleFields) -> Result<ArticleFields> {
    fields.language = normalize_language(&fields.language)
        .ok_or_else(|| Error::InvalidLanguage(fields.language.clone()))?;
    fields.tags = tags::resolve(conn, &canonical_tags(&fields.tags)?)?;
    fields.byline =
        fields.byline.iter().map(|name| name.trim().to_owned()).filter(|n| !n.is_empty()).collect();
    fields.slug = fields.slug.trim().to_owned();
    if fields.slug.is_empty() {
        fields.slug = unique_slug(conn, &slugify(&fields.headline), id)?;
    } else if !is_valid_slug(&fields.slug) {
        return Err(Error::InvalidSlug(fields.slug));
    } else if slug_owner(conn, &fields.slug)?.is_some_and(|owner| Some(owner) != id) {
        return Err(Error::SlugTaken(fields.slug));
    }
    Ok(fields)
}

fn unique_slug(conn: &Connection, base: &str, id: Option<ArticleId>) -> Result<String> {
    let mut candidate = base.to_owned();
    for n in 2.. {
        match slug_owner(conn, &candidate)? {
            None => return Ok(candidate),
            Some(owner) if Some(owner) == id => return Ok(candidate),
            Some(_) => candidate = format!("{base}-{n}"),
        }
    }
    unreachable!("the loop returns once a free slug is found")
}

fn slug_owner(conn: &Connection, slug: &str) -> Result<Option<ArticleId>> {
    let owner: Option<String> = conn
        .prepare_cached("SELECT id FROM articles WHERE slug = ?")?
        .query_row([slug], |row| row.get(0))
        .optional()?;
    Ok(owner.map(|id| parse_id(&id)).transpose()?)
}

fn write_children(conn: &Connection, rowid: i64, fields: &ArticleFields) -> Result<()> {
    tags::attach(conn, rowid, &fields.tags)?;
    conn.prepare_cached("DELETE FROM related WHERE article = ?")?.execute([rowid])?;
    let mut insert =
        conn.prepare_cached("INSERT INTO related (article, position, title, url) VALUES (?, ?, ?, ?)")?;
    for (position, link) in fields.related.iter().enumerate() {
        insert.execute(params![rowid, position as i64, link.title, link.url])?;
    }
    Ok(())
}

/// The number the next change to an article takes (see `change_seq` in `sql/v5.sql`). Read inside
/// the write transaction, so numbers grow in the order changes are committed.
pub(crate) fn next_change(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(change_seq), 0) + 1 FROM articles")?
        .query_row([], |row| row.get(0))?)
}

pub(crate) fn change_seq_of(conn: &Connection, rowid: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT change_seq FROM articles WHERE rowid = ?")?
        .query_row([rowid], |row| row.get(0))?)
}

/// Marks articles as changed without touching their fields' columns (a tag they carry was
/// renamed), so a mirror writes their files again.
pub(crate) fn mark_changed(conn: &Connection, rowid: i64) -> Result<()> {
    let seq = next_change(conn)?;
    conn.prepare_cached("UPDATE articles SET change_seq = ? WHERE rowid = ?")?
        .execute(params![seq, rowid])?;
    Ok(())
}

pub(crate) fn rowid_of(conn: &Connection, id: ArticleId) -> Result<i64> {
    find_rowid(conn, id)?.ok_or_else(|| Error::NotFound(id.to_string()))
}

fn find_rowid(conn: &Connection, id: ArticleId) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT rowid FROM articles WHERE id = ?")?
        .query_row([id.to_string()], |row| row.get(0))
        .optional()?)
}

macro_rules! indexed_columns {
    () => {
        "a.rowid, a.id, a.slug, a.headline, a.dek, a.lead, b.body, a.byline, a.dateline, \
         a.section, a.language, a.status, a.embargo_until, a.target_chars, a.note, a.created_at, a.updated_at, \
         a.published_at, a.revision"
    };
}

const ARTICLE_COLUMNS: &str = concat!(indexed_columns!(), ", a.foreign_front_matter");

/// The columns the search index is made from: those of every schema since 2, whose upgrade
/// builds the index before later steps add their columns.
const INDEXED_COLUMNS: &str = indexed_columns!();

const ARTICLE_TABLES: &str = "articles a JOIN bodies b ON b.article = a.rowid";

/// Reads an article by id or slug.
pub(crate) fn read_article(conn: &Connection, id_or_slug: &str) -> Result<Article> {
    let key = id_or_slug.trim();
    let by_id = key.parse::<ArticleId>().is_ok();
    let sql = format!(
        "SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_TABLES} WHERE a.{} = ?",
        if by_id { "id" } else { "slug" }
    );
    let found = conn
        .prepare_cached(&sql)?
        .query_row([if by_id { key.to_ascii_lowercase() } else { key.to_owned() }], |row| {
            let rowid: i64 = row.get(0)?;
            let fields = fields_from_row(row)?;
            let article = Article {
                id: parse_id(row.get_ref(1)?.as_str()?)?,
                fields,
                created_at: from_ms(row.get(15)?),
                updated_at: from_ms(row.get(16)?),
                revision: row.get(18)?,
            };
            Ok((rowid, article))
        })
        .optional()?;
    let (rowid, mut article) = found.ok_or_else(|| Error::NotFound(key.to_owned()))?;
    article.fields.tags = tags::of_article(conn, rowid)?;
    article.fields.related = related_of(conn, rowid)?;
    Ok(article)
}

/// Reads the fields of an article by its internal key.
pub(crate) fn read_fields(conn: &Connection, rowid: i64) -> Result<ArticleFields> {
    read_fields_from(conn, rowid, ARTICLE_COLUMNS)
}

/// Reads the fields the search index is made from (the others are left empty), in any schema
/// since 2.
pub(crate) fn read_indexed_fields(conn: &Connection, rowid: i64) -> Result<ArticleFields> {
    read_fields_from(conn, rowid, INDEXED_COLUMNS)
}

fn read_fields_from(conn: &Connection, rowid: i64, columns: &str) -> Result<ArticleFields> {
    let sql = format!("SELECT {columns} FROM {ARTICLE_TABLES} WHERE a.rowid = ?");
    let mut fields = conn.prepare_cached(&sql)?.query_row([rowid], fields_from_row)?;
    fields.tags = tags::of_article(conn, rowid)?;
    fields.related = related_of(conn, rowid)?;
    Ok(fields)
}

/// The fields of a row read with [`ARTICLE_COLUMNS`], without tags and links.
fn fields_from_row(row: &Row<'_>) -> rusqlite::Result<ArticleFields> {
    Ok(ArticleFields {
        slug: row.get(2)?,
        headline: row.get(3)?,
        dek: row.get(4)?,
        lead: row.get(5)?,
        body: row.get(6)?,
        byline: json_list(row.get_ref(7)?.as_str()?)?,
        dateline: row.get(8)?,
        section: row.get(9)?,
        language: row.get(10)?,
        status: parse_status(row.get_ref(11)?.as_str()?)?,
        embargo_until: row.get::<_, Option<i64>>(12)?.map(from_ms),
        target_chars: row.get(13)?,
        note: row.get(14)?,
        published_at: row.get::<_, Option<i64>>(17)?.map(from_ms),
        tags: Vec::new(),
        related: Vec::new(),
        // Not among the indexed columns (an upgrade's index is built before the column exists).
        foreign: match row.as_ref().column_count() > 19 {
            true => match row.get_ref(19)?.as_str_or_null()? {
                Some(json) => serde_json::from_str(json).map_err(conversion_error)?,
                None => ForeignFrontMatter::default(),
            },
            false => ForeignFrontMatter::default(),
        },
    })
}

/// What an article's file holds that Galley does not own, as stored: JSON, NULL when nothing.
fn foreign_json(foreign: &ForeignFrontMatter) -> Result<Option<String>> {
    Ok(if foreign.is_empty() { None } else { Some(serde_json::to_string(foreign)?) })
}

fn related_of(conn: &Connection, rowid: i64) -> Result<Vec<Related>> {
    let mut stmt =
        conn.prepare_cached("SELECT title, url FROM related WHERE article = ? ORDER BY position")?;
    let rows = stmt.query_map([rowid], |row| Ok(Related { title: row.get(0)?, url: row.get(1)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn conversion_error(err: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(err))
}

pub(crate) fn parse_id(text: &str) -> rusqlite::Result<ArticleId> {
    text.parse().map_err(conversion_error)
}

fn parse_status(text: &str) -> rusqlite::Result<Status> {
    text.parse().map_err(conversion_error)
}

fn json_list(text: &str) -> rusqlite::Result<Vec<String>> {
    serde_json::from_str(text).map_err(conversion_error)
}
