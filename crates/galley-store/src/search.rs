//! Full-text search: a parsed [`Query`] becomes FTS5 queries and SQL conditions.
//!
//! Ranking is by where the words are, then by age: articles with every word in the headline
//! first, then those with every word in the headline, dek, lead or tags, then the rest; within
//! each tier, newest first. Each tier is an FTS5 query read in rowid order with a limit, so a
//! search costs about the same for a rare word as for one in every article: nothing is scored or
//! sorted beyond the page shown. Snippets are cut in Rust from the stored text of those few
//! results only. User text never reaches SQL: terms are quoted, values are bound parameters.

use galley_model::{ArticleSummary, Status};
use galley_query::snippet::snippet as cut_snippet;
use galley_query::{Expr, Filter, Query, Snippet, TermMatcher};
use rusqlite::Connection;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::articles::{SUMMARY_COLUMNS, summary_from_row};
use crate::time::to_ms;
use crate::{Result, Store, index};

/// Where a result's words were found: the tier it was ranked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Field {
    Headline,
    /// Headline, dek, lead or tags together.
    Summary,
    Body,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    #[serde(flatten)]
    pub article: ArticleSummary,
    /// `None` when the search had no words, only filters.
    pub matched_in: Option<Field>,
    pub snippet: Option<Snippet>,
}

/// Characters of text in a snippet.
const SNIPPET_CHARS: usize = 160;

/// The index columns that hold the article's words (all but `facets`).
const TEXT_COLUMNS: &str = "headline summary body tags";

impl Store {
    /// Runs a search and returns up to `limit` results, best first.
    pub fn search(&self, query: &Query, limit: usize) -> Result<Vec<SearchHit>> {
        let conn = self.reader();
        let found = matching(&conn, query, limit)?;
        let matcher = TermMatcher::new(query);
        let mut without_body = conn
            .prepare_cached(&format!("SELECT {SUMMARY_COLUMNS}, a.lead FROM articles a WHERE a.rowid = ?"))?;
        let mut with_body = conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS}, a.lead, b.body FROM articles a JOIN bodies b ON b.article = a.rowid \
             WHERE a.rowid = ?"
        ))?;
        let mut hits = Vec::with_capacity(found.len());
        for (rowid, field) in found {
            let cut = |text: &str| cut_snippet(text, &matcher, SNIPPET_CHARS);
            // A snippet comes from where the words were found; the body is read only when needed.
            let hit = if field == Some(Field::Body) {
                with_body.query_row([rowid], |row| {
                    let article = summary_from_row(row)?;
                    let snippet = cut(row.get_ref(14)?.as_str()?).or_else(|| cut(&article.dek));
                    let snippet = snippet.or(cut(row.get_ref(13)?.as_str()?));
                    Ok(SearchHit { article, matched_in: field, snippet })
                })?
            } else {
                without_body.query_row([rowid], |row| {
                    let article = summary_from_row(row)?;
                    let snippet = match field {
                        Some(_) => cut(row.get_ref(13)?.as_str()?).or_else(|| cut(&article.dek)),
                        None => None,
                    };
                    Ok(SearchHit { article, matched_in: field, snippet })
                })?
            };
            hits.push(hit);
        }
        Ok(hits)
    }
}

impl Store {
    /// The ids of the articles a search finds, best first, without reading them or cutting
    /// snippets (for exporting a search).
    pub fn search_ids(&self, query: &Query, limit: usize) -> Result<Vec<galley_model::ArticleId>> {
        let conn = self.reader();
        let found = matching(&conn, query, limit)?;
        let mut id = conn.prepare_cached("SELECT id FROM articles WHERE rowid = ?")?;
        found
            .into_iter()
            .map(|(rowid, _)| {
                let text: String = id.query_row([rowid], |row| row.get(0))?;
                Ok(crate::articles::parse_id(&text)?)
            })
            .collect()
    }
}

/// The rowids of the articles a search finds, best first, with where their words were found.
fn matching(conn: &Connection, query: &Query, limit: usize) -> Result<Vec<(i64, Option<Field>)>> {
    let filters = FilterPlan::new(&query.filters);
    if filters.dates_exclude_everything() {
        return Ok(Vec::new());
    }
    match &query.expr {
        Some(expr) => ranked(conn, expr, &filters, limit),
        None => filtered(conn, &filters, limit),
    }
}

/// Up to `limit` rowids of articles whose words match, in tiers: headline, then summary, then
/// anywhere; newest first within a tier.
fn ranked(
    conn: &Connection,
    expr: &Expr,
    filters: &FilterPlan,
    limit: usize,
) -> Result<Vec<(i64, Option<Field>)>> {
    let (positive, excluded) = match expr {
        Expr::Not { left, right } => (fts_expr(left), Some(fts_expr(right))),
        other => (fts_expr(other), None),
    };
    let mut stmt = conn.prepare_cached(&filters.fts_sql())?;
    let tiers = [
        (Field::Headline, "headline"),
        (Field::Summary, "headline summary tags"),
        (Field::Body, TEXT_COLUMNS),
    ];
    let mut found: Vec<(i64, Option<Field>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (field, columns) in tiers {
        if found.len() >= limit {
            break;
        }
        let mut matching = format!("({{{columns}}} : ({positive}))");
        if let Some(excluded) = &excluded {
            matching = format!("({matching} NOT ({{{TEXT_COLUMNS}}} : ({excluded})))");
        }
        let matching = filters.narrow(Some(matching));
        // Rows already found in a better tier come again here: ask for enough to skip them.
        let rowids = stmt.query_map(filters.params(matching, limit.saturating_add(found.len())), |row| {
            row.get::<_, i64>(0)
        })?;
        for rowid in rowids {
            let rowid = rowid?;
            if found.len() < limit && seen.insert(rowid) {
                found.push((rowid, Some(field)));
            }
        }
    }
    Ok(found)
}

/// Up to `limit` rowids of articles that pass the filters, newest first.
fn filtered(conn: &Connection, filters: &FilterPlan, limit: usize) -> Result<Vec<(i64, Option<Field>)>> {
    let rowids: Vec<i64> = match &filters.facets {
        Some(_) => {
            let mut stmt = conn.prepare_cached(&filters.fts_sql())?;
            let matching = filters.narrow(None);
            stmt.query_map(filters.params(matching, limit), |row| row.get(0))?.collect::<Result<_, _>>()?
        }
        None => {
            let (conditions, mut values) = filter_sql(&filters.dates, true);
            values.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
            let sql =
                format!("SELECT a.rowid FROM articles a WHERE {conditions} ORDER BY a.rowid DESC LIMIT ?");
            let mut stmt = conn.prepare_cached(&sql)?;
            stmt.query_map(rusqlite::params_from_iter(values), |row| row.get(0))?.collect::<Result<_, _>>()?
        }
    };
    Ok(rowids.into_iter().map(|rowid| (rowid, None)).collect())
}

/// Filters split by how they run: as facet terms inside the FTS5 query, or as SQL on dates.
struct FilterPlan {
    /// `({facets} : (…))` for the status, language, section and tag filters, if any.
    facets: Option<String>,
    /// Spiked articles are left out unless a status is asked for.
    hide_spiked: bool,
    /// `after:` and `before:`, checked in SQL against `articles`.
    dates: Vec<Filter>,
}

impl FilterPlan {
    fn new(filters: &[Filter]) -> FilterPlan {
        let mut terms = Vec::new();
        let mut dates = Vec::new();
        for filter in filters {
            match filter {
                Filter::Tag(key) => terms.push(index::tag_facet(key)),
                Filter::Status(status) => terms.push(index::status_facet(*status)),
                Filter::Section(section) => terms.push(index::section_facet(section)),
                Filter::Language(language) => terms.push(index::language_facet(language)),
                Filter::After(_) | Filter::Before(_) => dates.push(filter.clone()),
            }
        }
        let facets = (!terms.is_empty()).then(|| {
            let quoted: Vec<String> = terms.iter().map(|t| format!("\"{t}\"")).collect();
            format!("({{facets}} : ({}))", quoted.join(" AND "))
        });
        let hide_spiked = !filters.iter().any(|f| matches!(f, Filter::Status(_)));
        FilterPlan { facets, hide_spiked, dates }
    }

    /// Whether the date filters leave no possible date (`after:2024 before:2022`), so the search
    /// can answer at once instead of checking every article.
    fn dates_exclude_everything(&self) -> bool {
        let after =
            self.dates.iter().filter_map(|f| if let Filter::After(t) = f { Some(*t) } else { None }).max();
        let before =
            self.dates.iter().filter_map(|f| if let Filter::Before(t) = f { Some(*t) } else { None }).min();
        matches!((after, before), (Some(after), Some(before)) if after >= before)
    }

    /// Adds the facet conditions to a words query (`None`: the facets alone).
    fn narrow(&self, words: Option<String>) -> String {
        let mut matching = match (words, &self.facets) {
            (Some(words), Some(facets)) => format!("({words} AND {facets})"),
            (Some(words), None) => words,
            (None, Some(facets)) => facets.clone(),
            (None, None) => unreachable!("a query has words or facets"),
        };
        if self.hide_spiked {
            matching = format!("({matching} NOT ({{facets}} : \"{}\"))", index::status_facet(Status::Spiked));
        }
        matching
    }

    /// The FTS5 query, joined to `articles` only when dates must be checked.
    fn fts_sql(&self) -> String {
        if self.dates.is_empty() {
            return "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?"
                .into();
        }
        let (conditions, _) = filter_sql(&self.dates, false);
        format!(
            "SELECT search_index.rowid FROM search_index JOIN articles a ON a.rowid = search_index.rowid \
             WHERE search_index MATCH ? AND {conditions} ORDER BY search_index.rowid DESC LIMIT ?"
        )
    }

    fn params(&self, matching: String, limit: usize) -> rusqlite::ParamsFromIter<Vec<Value>> {
        let mut values = vec![Value::Text(matching)];
        values.extend(filter_sql(&self.dates, false).1);
        values.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        rusqlite::params_from_iter(values)
    }
}

/// An FTS5 query for an expression. Terms are quoted, so nothing a user typed is read as syntax.
fn fts_expr(expr: &Expr) -> String {
    let quote = |term: &str| format!("\"{}\"", term.replace('"', "\"\""));
    let join = |items: &[Expr], op: &str| {
        let parts: Vec<String> = items.iter().map(|e| format!("({})", fts_expr(e))).collect();
        parts.join(op)
    };
    match expr {
        Expr::Term { term, prefix: false } => quote(term),
        Expr::Term { term, prefix: true } => format!("{} *", quote(term)),
        Expr::Phrase(terms) => quote(&terms.join(" ")),
        Expr::And(items) => join(items, " AND "),
        Expr::Or(items) => join(items, " OR "),
        Expr::Not { left, right } => format!("({}) NOT ({})", fts_expr(left), fts_expr(right)),
    }
}

/// SQL conditions on `articles a` for the filters, with their bound values. With `hide_spiked`,
/// spiked articles are left out unless a filter asks for a status.
pub(crate) fn filter_sql(filters: &[Filter], hide_spiked: bool) -> (String, Vec<Value>) {
    let mut conditions = Vec::new();
    let mut values = Vec::new();
    for filter in filters {
        match filter {
            Filter::Tag(key) => {
                conditions.push(
                    "EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.rowid = at.tag \
                     WHERE at.article = a.rowid AND (t.key = ? OR (t.key > ? AND t.key < ?)))",
                );
                values.push(Value::Text(key.clone()));
                values.push(Value::Text(format!("{key}/")));
                values.push(Value::Text(format!("{key}0")));
            }
            Filter::Status(status) => {
                conditions.push("a.status = ?");
                values.push(Value::Text(status.as_str().to_owned()));
            }
            Filter::Section(section) => {
                conditions.push("a.section_key = ?");
                values.push(Value::Text(crate::articles::section_key(section)));
            }
            Filter::Language(language) => {
                conditions.push("a.language = ?");
                values.push(Value::Text(language.clone()));
            }
            Filter::After(at) => {
                conditions.push("coalesce(a.published_at, a.created_at) >= ?");
                values.push(Value::Integer(to_ms(*at)));
            }
            Filter::Before(at) => {
                conditions.push("coalesce(a.published_at, a.created_at) < ?");
                values.push(Value::Integer(to_ms(*at)));
            }
        }
    }
    if hide_spiked && !filters.iter().any(|f| matches!(f, Filter::Status(_))) {
        conditions.push("a.status != 'spiked'");
    }
    if conditions.is_empty() {
        conditions.push("1");
    }
    (conditions.join(" AND "), values)
}
