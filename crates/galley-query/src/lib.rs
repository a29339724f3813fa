//! Galley's search language and the text analysis that the index and the queries share.
//!
//! Index and query must agree on what a word is, so both go through [`analysis`]: words are split,
//! case-folded, `ё` folded to `е`, stress marks dropped, and stemmed with Snowball (Russian for
//! Cyrillic words, English for Latin ones). [`parse`] turns what a user types into a [`Query`];
//! it never panics on odd input and fails only on a search it cannot run (a filter it cannot
//! read, exclusions alone, too many words), with a message meant for people.
//! [`snippet`] finds the matched words in original text for highlighted snippets.
//!
//! This crate knows nothing of SQL or FTS5 syntax: the store translates a [`Query`].

pub mod analysis;
pub mod parse;
pub mod snippet;

pub use parse::{Expr, Filter, ParseError, Query, parse};
pub use snippet::{Snippet, TermMatcher};
