//! How much of an expected article text an import kept, in words.
//!
//! The measure is multiset recall: of the expected text's words, counted with repeats, the share
//! that the import has at least as many times. It ignores order and layout, which Markdown,
//! Readability and the packages' own extractors each change (paragraph breaks, list markers, a
//! caption moved), but it is not fooled by a body that has each word once: an import that kept only
//! the first paragraph of a long article scores about as low as the share it kept. Extra words in
//! the import (a caption, a pull quote) neither help nor hurt, so site chrome is checked apart.

use std::collections::HashMap;

/// Lowercase words of a text: runs of letters and digits, except that in scripts written without
/// spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese) each character is a word.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || is_mark(c) {
            if unspaced(c) {
                out.extend((!word.is_empty()).then(|| std::mem::take(&mut word)));
                out.push(c.to_string());
            } else {
                word.push(c);
            }
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    out.extend((!word.is_empty()).then_some(word));
    out
}

/// The share (0 to 1) of `expected`'s words, with repeats, found in `got`.
pub fn coverage(expected: &[String], got: &[String]) -> f64 {
    if expected.is_empty() {
        return 1.0;
    }
    let mut have: HashMap<&str, usize> = HashMap::new();
    for word in got {
        *have.entry(word).or_default() += 1;
    }
    let mut found = 0;
    for word in expected {
        if let Some(count) = have.get_mut(word.as_str())
            && *count > 0
        {
            *count -= 1;
            found += 1;
        }
    }
    found as f64 / expected.len() as f64
}

/// The text a reader sees of Markdown, roughly: link and image targets dropped (their words are
/// not the article's), the link text and alt text kept.
pub fn markdown_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(at) = rest.find("](") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        // Targets may hold balanced parentheses (Wikipedia-style URLs).
        let mut depth = 1;
        let end = after
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0 || c == '\n'
            })
            .map_or(after.len(), |(i, _)| i + 1);
        out.push(' ');
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn is_mark(c: char) -> bool {
    // Combining marks of Indic and South-East Asian scripts that are not Alphabetic.
    matches!(c, '\u{300}'..='\u{36F}' | '\u{E31}'..='\u{E4E}' | '\u{102B}'..='\u{103E}')
}

fn unspaced(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}' // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' // Han
        | '\u{FF66}'..='\u{FF9F}' // half-width Katakana
    )
}

#[test]
fn words_split_by_script() {
    assert_eq!(words("Don't stop, 2016!"), ["don", "t", "stop", "2016"]);
    assert_eq!(words("香港行政长官"), ["香", "港", "行", "政", "长", "官"]);
    assert_eq!(words("«Ёлки» — ok"), ["ёлки", "ok"]);
    assert_eq!(words("그는 전기전자"), ["그는", "전기전자"]);
}

#[test]
fn coverage_counts_repeats() {
    let expected = words("the cat and the dog and the bird");
    assert_eq!(coverage(&expected, &words("the cat and the dog and the bird")), 1.0);
    assert_eq!(coverage(&expected, &words("bird dog the cat and")), 5.0 / 8.0);
    assert_eq!(coverage(&expected, &[]), 0.0);
}

#[test]
fn markdown_targets_are_not_text() {
    assert_eq!(
        words(&markdown_text("See [the plan](https://ex.ru/a_(b)) and ![a photo](/p.jpg) now")),
        ["see", "the", "plan", "and", "a", "photo", "now"]
    );
}
