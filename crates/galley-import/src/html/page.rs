//! What a page says of itself outside the article Readability extracts: its `<h1>`s, description,
//! dates and language, and whether Readability's quick test finds an article in it.

use dom_smoothie::{Readability, is_probably_readable};

use super::{is_han_or_kana, normalize_spaces};

/// Readability's quick test of a page (`isProbablyReaderable`): some paragraph of at least this
/// many characters, and enough of them. Firefox asks for 140 before it offers its reader view on any
/// page; an import is asked for, so a short article of short paragraphs (a sentence of a dozen
/// words each) is let through. Of 140, 100 and 80, 80 is the value that takes every article among
/// the real pages `tests/web_pages.rs` reads while it still refuses their home pages, feed and
/// blog index.
const MIN_PARAGRAPH_CHARS: usize = 80;
const MIN_SCORE: f32 = 20.0;
/// In Chinese and Japanese a character carries about what three Latin letters do: the same test
/// counts each as three (the score grows with the square root of the length).
const DENSE_SCRIPT_FACTOR: f32 = 3.0;

/// Meta names (lowercased) that hold a page's publication date, after those Readability reads.
const DATE_META_NAMES: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "date",
    "pubdate",
    "publishdate",
    "publish_date",
    "pub_date",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "sailthru.date",
];

/// Meta names (lowercased) that hold a page's language, after `<html lang>`.
const LANGUAGE_META_NAMES: &[&str] = &["language", "lang", "dc.language", "content-language"];

/// What the page says of itself outside the article Readability extracts.
pub(super) struct Page {
    /// The text of each `<h1>`, spaces normalized.
    pub(super) h1: Vec<String>,
    /// The description from the page's metadata (JSON-LD, Open Graph, `<meta name>`), not
    /// Readability's stand-in of the first paragraph.
    pub(super) description: Option<String>,
    /// Publication dates in the markup Readability does not read, in order of trust.
    pub(super) dates: Vec<String>,
    /// The language from `<meta>` tags (Readability reads `<html lang>`).
    pub(super) language: Vec<String>,
    /// Most of the paragraphs' letters are Chinese or Japanese.
    dense_script: bool,
}

impl Page {
    pub(super) fn read(readability: &Readability) -> Page {
        let doc = &readability.doc;
        let h1 = doc
            .select("h1")
            .nodes()
            .iter()
            .map(|node| normalize_spaces(&node.text()))
            .filter(|text| !text.is_empty())
            .collect();
        let description = readability
            .get_article_metadata(readability.parse_json_ld())
            .excerpt
            .filter(|description| !description.trim().is_empty());

        let mut dates = Vec::new();
        let mut language = Vec::new();
        for node in doc.select("[itemprop=datePublished], time[pubdate]").nodes() {
            dates.extend(node.attr("content").or_else(|| node.attr("datetime")).map(|d| d.to_string()));
        }
        for meta in doc.select("meta[content]").nodes() {
            let key = meta
                .attr("name")
                .or_else(|| meta.attr("property"))
                .or_else(|| meta.attr("http-equiv"))
                .map(|key| key.to_ascii_lowercase())
                .unwrap_or_default();
            let content = meta.attr("content").map(|c| c.to_string()).unwrap_or_default();
            if DATE_META_NAMES.contains(&key.as_str()) {
                dates.push(content);
            } else if LANGUAGE_META_NAMES.contains(&key.as_str()) {
                language.push(content);
            } else if key == "og:locale" {
                language.push(content.replace('_', "-"));
            }
        }

        let paragraphs = doc.select("p").text();
        let (mut dense, mut other) = (0usize, 0usize);
        for c in paragraphs.chars().filter(|&c| is_letter(c)) {
            if is_han_or_kana(c) {
                dense += 1;
            } else {
                other += 1;
            }
        }
        Page { h1, description, dates, language, dense_script: dense > other }
    }

    /// Readability's quick test of whether a document holds an article, for this page's script.
    pub(super) fn is_probably_readable(&self, readability: &Readability) -> bool {
        let (score, chars) = if self.dense_script {
            (
                MIN_SCORE / DENSE_SCRIPT_FACTOR.sqrt(),
                (MIN_PARAGRAPH_CHARS as f32 / DENSE_SCRIPT_FACTOR) as usize,
            )
        } else {
            (MIN_SCORE, MIN_PARAGRAPH_CHARS)
        };
        is_probably_readable(&readability.doc, Some(score), Some(chars))
    }
}

/// `char::is_alphabetic`, answered without Unicode's tables for the letters most pages are written
/// in (ASCII, and Cyrillic's basic block, which is letters throughout): a page's every letter is
/// asked, and the table's search took a third of a large page's import.
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{400}'..='\u{481}' | '\u{48A}'..='\u{4FF}' => true,
        c if c.is_ascii() => false,
        c => c.is_alphabetic(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn letters_are_told_as_unicode_tells_them() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(super::is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
