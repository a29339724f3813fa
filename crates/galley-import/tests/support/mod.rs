//! Helpers of the `web_pages` test: the fetched fixtures with their expected results, and the word
//! measure that compares an import with them.

pub mod fixtures;
pub mod words;
