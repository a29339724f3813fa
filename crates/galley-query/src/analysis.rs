//! Words and index terms. (Interface stub: to be implemented.)

use std::ops::Range;

/// Byte ranges of the words in `text`, in order.
pub fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let _ = text;
    std::iter::empty()
}

/// A word folded for comparison: lowercase, `ё`→`е`, stress and other combining marks dropped.
pub fn fold(word: &str) -> String {
    word.to_owned()
}

/// The index term of one word: folded, then stemmed by its script.
pub fn term(word: &str) -> String {
    fold(word)
}

/// Appends the index terms of `text` to `out`, separated by single spaces.
pub fn index_terms(text: &str, out: &mut String) {
    let _ = (text, out);
}
