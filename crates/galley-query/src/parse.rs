//! The query language. (Interface stub: to be implemented.)

use galley_model::Status;

/// What to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// One index term; `prefix` matches every term that starts with it.
    Term { term: String, prefix: bool },
    /// Terms next to each other, in order.
    Phrase(Vec<String>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    /// `left` without `right` (`сахалин -хоккайдо`).
    Not { left: Box<Expr>, right: Box<Expr> },
}

/// A condition on an article's fields rather than its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// The tag's key (lowercased name); matches the tag and every tag below it.
    Tag(String),
    Status(Status),
    /// Section name, compared case-insensitively.
    Section(String),
    Language(String),
    /// Updated at or after this moment.
    After(jiff::Timestamp),
    /// Updated before this moment.
    Before(jiff::Timestamp),
}

/// A parsed search.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub expr: Option<Expr>,
    pub filters: Vec<Filter>,
}

/// A search that cannot be run, with a message that says what to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

/// Parses what the user typed.
pub fn parse(input: &str) -> Result<Query, ParseError> {
    let _ = input;
    Ok(Query::default())
}
