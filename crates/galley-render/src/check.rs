//! The pre-publish checklist. (Interface stub: to be implemented.)

use galley_model::ArticleFields;
use serde::Serialize;

/// A field of an article, as a place a problem was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    Headline,
    Dek,
    Lead,
    Body,
    Related,
}

/// One problem a desk editor would want to see before publishing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub place: Place,
    /// 1-based line and column (in characters) within the field.
    pub line: u32,
    pub column: u32,
    /// A stable code scripts and the app can branch on (`straight_quotes`, `repeated_word`, …).
    pub code: &'static str,
    pub message: String,
    /// The text the problem is about, and what it would become where the fix is certain.
    pub found: String,
    pub fix: Option<String>,
}

/// Limits the checklist applies.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The longest headline the section allows, in characters.
    pub headline_limit: usize,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions { headline_limit: 110 }
    }
}

/// Checks an article.
pub fn check(fields: &ArticleFields, options: &CheckOptions) -> Vec<Problem> {
    let _ = (fields, options);
    Vec::new()
}
