//! Counts a desk cares about: words, characters with and without spaces, reading time.
//!
//! Counts are taken from plain text (rendered, not Markdown source); the caller renders first.
//! Characters are user-perceived characters (grapheme clusters), not bytes or code points, so an
//! emoji or a letter with a stress mark counts once. Line breaks are not characters.

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// Reading speed used for reading time, in words per minute (a common figure for news copy).
pub const WORDS_PER_MINUTE: u64 = 180;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Counts {
    pub words: u64,
    /// "Знаков с пробелами".
    pub chars_with_spaces: u64,
    /// "Знаков без пробелов".
    pub chars_without_spaces: u64,
    pub reading_seconds: u64,
}

impl Counts {
    /// Counts a piece of plain text.
    pub fn of(text: &str) -> Counts {
        let mut chars_with_spaces = 0;
        let mut chars_without_spaces = 0;
        for grapheme in text.graphemes(true) {
            if grapheme == "\n" || grapheme == "\r\n" || grapheme == "\r" {
                continue;
            }
            chars_with_spaces += 1;
            if !grapheme.chars().all(char::is_whitespace) {
                chars_without_spaces += 1;
            }
        }
        let words =
            text.split_whitespace().filter(|word| word.chars().any(char::is_alphanumeric)).count() as u64;
        Counts {
            words,
            chars_with_spaces,
            chars_without_spaces,
            reading_seconds: (words * 60).div_ceil(WORDS_PER_MINUTE),
        }
    }

    fn plus(self, other: Counts) -> Counts {
        let words = self.words + other.words;
        Counts {
            words,
            chars_with_spaces: self.chars_with_spaces + other.chars_with_spaces,
            chars_without_spaces: self.chars_without_spaces + other.chars_without_spaces,
            reading_seconds: (words * 60).div_ceil(WORDS_PER_MINUTE),
        }
    }
}

/// Counts per field, and for the whole piece.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ArticleStats {
    pub headline: Counts,
    pub dek: Counts,
    pub lead: Counts,
    pub body: Counts,
    pub total: Counts,
    /// The article's target length in characters with spaces, if the desk set one.
    pub target_chars: Option<u32>,
}

impl ArticleStats {
    /// Combines per-field counts of plain text.
    pub fn new(headline: Counts, dek: Counts, lead: Counts, body: Counts, target_chars: Option<u32>) -> Self {
        let total = headline.plus(dek).plus(lead).plus(body);
        ArticleStats { headline, dek, lead, body, total, target_chars }
    }
}

/// A count as messages write it, its thousands set apart with commas: `1000000` as `1,000,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_have_thousands() {
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(12_345), "12,345");
    }

    use super::*;

    #[test]
    fn russian_text_is_counted_by_words_and_characters() {
        let counts = Counts::of("Первая группа – проекты высокой степени.\nВторая  часть.");
        assert_eq!(counts.words, 7, "the dash is not a word");
        assert_eq!(counts.chars_with_spaces, 54);
        assert_eq!(counts.chars_without_spaces, 47);
        assert_eq!(counts.reading_seconds, 3);
    }

    #[test]
    fn graphemes_count_once() {
        let counts = Counts::of("за\u{301}мок 👩‍💻");
        assert_eq!(counts.chars_with_spaces, 7);
        assert_eq!(counts.words, 1, "an emoji alone is not a word");
    }

    #[test]
    fn empty_text_counts_nothing() {
        assert_eq!(Counts::of(""), Counts::default());
        assert_eq!(Counts::of(" \n\r\n").chars_without_spaces, 0);
    }
}
