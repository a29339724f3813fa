//! Highlighted snippets. (Interface stub: to be implemented.)

use std::ops::Range;

use crate::Query;

/// Decides whether a word of original text matches a query.
#[derive(Debug, Clone, Default)]
pub struct TermMatcher {}

impl TermMatcher {
    pub fn new(query: &Query) -> TermMatcher {
        let _ = query;
        TermMatcher {}
    }

    /// Whether the word (as written in the text) matches a query term.
    pub fn matches(&self, word: &str) -> bool {
        let _ = word;
        false
    }
}

/// An excerpt of text with the matched words marked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges within `text` of the matched words.
    pub highlights: Vec<Range<usize>>,
}

/// The excerpt of about `max_chars` characters around the first matched words, or `None` if no word matches.
pub fn snippet(text: &str, matcher: &TermMatcher, max_chars: usize) -> Option<Snippet> {
    let _ = (text, matcher, max_chars);
    None
}
