//! Full-text search: a parsed [`Query`] becomes FTS5 queries and SQL conditions.
//!
//! Ranking is by where the words are, then by age: articles with every word in the headline
//! first, then those with every word in the headline, dek, lead or tags, then the rest; within
//! each tier, newest first. Each tier is an FTS5 query read in rowid order with a limit, so a
//! search costs about the same for a rare word as for one in every article: nothing is scored or
//! sorted beyond the page shown. Snippets are cut in Rust from the stored text of those few
//! results only. User text never reaches SQL: terms are quoted, values are bound parameters.

use galley_model::ArticleSummary;
use galley_query::snippet::snippet as cut_snippet;
use galley_query::{Expr, Filter, Query, Snippet, TermMatcher};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::articles::{ListFilter, SUMMARY_COLUMNS, summary_from_row};
use crate::time::to_ms;
use crate::{Result, Store};

/// Where a result's words were found: the tier it was ranked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Headline,
    /// Headline, dek, lead or tags together.
    Summary,
    Body,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    #[serde(flatten)]
    pub article: ArticleSummary,
    /// `None` when the search had no words, only filters.
    pub matched_in: Option<Field>,
    pub snippet: Option<Snippet>,
}

/// Characters of text in a snippet.
const SNIPPET_CHARS: usize = 160;

impl Store {
    /// Runs a search and returns up to `limit` results, best first.
    pub fn search(&self, query: &Query, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(expr) = &query.expr else {
            let filter = ListFilter { filters: query.filters.clone(), limit, offset: 0 };
            let articles = self.list(&filter)?;
            return Ok(articles
                .into_iter()
                .map(|article| SearchHit { article, matched_in: None, snippet: None })
                .collect());
        };
        let conn = self.reader();
        let (positive, excluded) = match expr {
            Expr::Not { left, right } => (fts_expr(left), Some(fts_expr(right))),
            other => (fts_expr(other), None),
        };
        let (conditions, filter_values) = filter_sql(&query.filters);
        let sql = format!(
            "SELECT search_index.rowid FROM search_index JOIN articles a ON a.rowid = search_index.rowid \
             WHERE search_index MATCH ? AND {conditions} ORDER BY search_index.rowid DESC LIMIT ?"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let tiers = [
            (Field::Headline, format!("{{headline}} : ({positive})")),
            (Field::Summary, format!("{{headline summary tags}} : ({positive})")),
            (Field::Body, positive.clone()),
        ];
        let mut found: Vec<(i64, Field)> = Vec::new();
        for (field, matching) in tiers {
            if found.len() >= limit {
                break;
            }
            let matching = match &excluded {
                Some(excluded) => format!("({matching}) NOT ({excluded})"),
                None => matching,
            };
            let mut values = vec![Value::Text(matching)];
            values.extend(filter_values.iter().cloned());
            // Rows already found in a better tier come again here: ask for enough to skip them.
            values.push(Value::Integer((limit + found.len()) as i64));
            let rowids = stmt.query_map(rusqlite::params_from_iter(values), |row| row.get::<_, i64>(0))?;
            for rowid in rowids {
                let rowid = rowid?;
                if found.len() < limit && !found.iter().any(|(seen, _)| *seen == rowid) {
                    found.push((rowid, field));
                }
            }
        }

        let matcher = TermMatcher::new(query);
        let mut read = conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS}, a.lead, a.body FROM articles a WHERE a.rowid = ?"
        ))?;
        let mut hits = Vec::with_capacity(found.len());
        for (rowid, field) in found {
            let hit = read.query_row([rowid], |row| {
                let article = summary_from_row(row)?;
                let lead = row.get_ref(13)?.as_str()?;
                let body = row.get_ref(14)?.as_str()?;
                let snippet = cut_snippet(lead, &matcher, SNIPPET_CHARS)
                    .or_else(|| cut_snippet(body, &matcher, SNIPPET_CHARS));
                Ok(SearchHit { article, matched_in: Some(field), snippet })
            })?;
            hits.push(hit);
        }
        Ok(hits)
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

/// SQL conditions on `articles a` for the filters, with their bound values. Spiked articles are
/// left out unless a filter asks for a status.
pub(crate) fn filter_sql(filters: &[Filter]) -> (String, Vec<Value>) {
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
                conditions.push("unicode_lower(a.section) = ?");
                values.push(Value::Text(section.to_lowercase()));
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
    if !filters.iter().any(|f| matches!(f, Filter::Status(_))) {
        conditions.push("a.status != 'spiked'");
    }
    (conditions.join(" AND "), values)
}
