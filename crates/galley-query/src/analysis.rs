//! Words and index terms: the one place that decides what a word is and what the index stores.
//!
//! The store indexes `index_terms` of every field and the query parser looks words up with
//! `term`, so both must go through these functions and nothing else; a change here needs a
//! reindex. A term is a folded word (lowercase, `ё`→`е`, combining marks dropped) stemmed with
//! Snowball: Russian for words with Cyrillic letters, English for plain ASCII words, none for
//! the rest (digits, other scripts). Terms hold only alphanumeric characters, so the store can
//! hand them to FTS5's `ascii` tokenizer, which splits on ASCII punctuation and spaces.
//!
//! This module must stay fast (indexing runs over gigabytes) and must never panic on any text:
//! words are cut to [`MAX_TERM_CHARS`] before stemming.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Longest word, in characters after folding, that is stemmed; the rest of a longer "word" (a
/// pasted hash, a 500-digit number) is cut off so stemming stays cheap and terms stay short.
pub const MAX_TERM_CHARS: usize = 64;

/// Entries in a thread's term cache before it is emptied: enough for the vocabulary of a large
/// archive, small enough (tens of MB at most) not to matter.
const CACHE_LIMIT: usize = 200_000;

/// Longer words are rare and would only bloat the cache.
const MAX_CACHED_WORD_BYTES: usize = 96;

/// Byte ranges of the words in `text`, in order.
///
/// A word is a maximal run of alphanumeric characters; combining marks (stress `за́мок`) and the
/// invisible joiners that editors paste inside words (soft hyphen, zero-width (non-)joiner, word
/// joiner) stay inside it. Everything else separates: `российско-японского` and `ВЭФ-2016` are
/// two words each, and so is `don't`.
pub fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    Words { text, pos: 0 }
}

struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Words<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.pos;
        let start = loop {
            let &b = bytes.get(i)?;
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    break i;
                }
                i += 1;
                continue;
            }
            let c = text[i..].chars().next()?;
            if is_word_char(c) {
                break i;
            }
            i += c.len_utf8();
        };
        let mut end = start;
        let mut j = start;
        while let Some(&b) = bytes.get(j) {
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                j += 1;
                end = j;
                continue;
            }
            let Some(c) = text[j..].chars().next() else {
                break;
            };
            if is_word_char(c) || is_combining_mark(c) {
                j += c.len_utf8();
                end = j;
            } else if is_joiner(c) {
                // A joiner belongs to the word only if more of the word follows; `end` stays
                // put so a trailing one is left out.
                j += c.len_utf8();
            } else {
                break;
            }
        }
        self.pos = j;
        Some(start..end)
    }
}

fn is_word_char(c: char) -> bool {
    // Russian letters first: they are most of the text and cheaper to test than the tables.
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё') || c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}')
}

/// A word folded for comparison: lowercase, `ё`→`е`, stress and other combining marks dropped.
///
/// Only alphanumeric characters come out: anything else in `word` is left out. `й` stays `й`
/// (it is a letter of its own, not `и` with a mark).
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out, usize::MAX);
    out
}

/// Appends at most `max_chars` characters of the folded `word` to `out`.
fn fold_into(word: &str, out: &mut String, max_chars: usize) {
    if word.is_ascii() {
        let folded = word.bytes().filter(u8::is_ascii_alphanumeric).take(max_chars);
        out.extend(folded.map(|b| char::from(b.to_ascii_lowercase())));
    } else if is_nfc_quick(word.chars()) == IsNormalized::Yes {
        fold_chars(word.chars(), out, max_chars);
    } else {
        // Composing first keeps a decomposed `й` (и + breve) a `й` instead of losing the breve.
        fold_chars(word.nfc(), out, max_chars);
    }
}

fn fold_chars(chars: impl Iterator<Item = char>, out: &mut String, max_chars: usize) {
    let mut count = 0;
    for c in chars {
        if count >= max_chars {
            return;
        }
        match c {
            'a'..='z' | '0'..='9' | 'а'..='я' => {
                out.push(c);
                count += 1;
            }
            'A'..='Z' => {
                out.push(c.to_ascii_lowercase());
                count += 1;
            }
            'А'..='Я' => {
                out.extend(c.to_lowercase());
                count += 1;
            }
            'ё' | 'Ё' => {
                out.push('е');
                count += 1;
            }
            _ if c.is_ascii() => {}
            _ => {
                for lower in c.to_lowercase() {
                    decompose_canonical(lower, |part| {
                        if count < max_chars && part.is_alphanumeric() {
                            out.push(if part == 'ё' { 'е' } else { part });
                            count += 1;
                        }
                    });
                }
            }
        }
    }
}

static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));
static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Appends the stem of an already folded word to `out`.
fn stem_into(folded: &str, out: &mut String) {
    let stemmer = if folded.chars().any(|c| matches!(c, '\u{400}'..='\u{4FF}')) {
        Some(&*RUSSIAN)
    } else if folded.is_ascii() && folded.bytes().any(|b| b.is_ascii_alphabetic()) {
        // Only plain ASCII goes to the English stemmer: Latin words with letters such as `ß`
        // or `ø` are not English and are better kept whole.
        Some(&*ENGLISH)
    } else {
        None
    };
    match stemmer.map(|stemmer| stemmer.stem(folded)) {
        Some(stem) if !stem.is_empty() => out.push_str(&stem),
        _ => out.push_str(folded),
    }
}

/// The index term of one word: folded, then stemmed by its script.
///
/// Empty if `word` has no alphanumeric character.
pub fn term(word: &str) -> String {
    let mut out = String::new();
    CACHE.with_borrow_mut(|cache| cache.term_into(word, &mut out));
    out
}

/// Appends the index terms of `text` to `out`, separated by single spaces.
///
/// A space goes before the first term too when `out` is not empty.
pub fn index_terms(text: &str, out: &mut String) {
    CACHE.with_borrow_mut(|cache| {
        for range in words(text) {
            let before = out.len();
            if before > 0 {
                out.push(' ');
            }
            let at = out.len();
            cache.term_into(&text[range], out);
            if out.len() == at {
                out.truncate(before);
            }
        }
    });
}

/// Calls `then` with the term of `word`, unless the word is not cached and `wanted` rejects its
/// fold: stemming is the costly part, and a snippet only needs the terms of likely matches.
///
/// `wanted` must only reject folds whose terms are of no interest.
pub(crate) fn with_term_if<R>(
    word: &str,
    wanted: impl FnOnce(&str) -> bool,
    then: impl FnOnce(&str) -> R,
) -> Option<R> {
    CACHE.with_borrow_mut(|cache| cache.with_term_if(word, wanted, then))
}

thread_local! {
    static CACHE: RefCell<TermCache> = RefCell::new(TermCache::new(CACHE_LIMIT));
}

/// Terms of words seen recently on this thread, keyed by the word as written: news text repeats
/// its vocabulary, so most words skip both folding and stemming.
struct TermCache {
    terms: HashMap<Box<str>, Box<str>, BuildHasherDefault<FxHasher>>,
    limit: usize,
    /// Reused so that a miss does not allocate for the fold.
    folded: String,
}

impl TermCache {
    fn new(limit: usize) -> TermCache {
        TermCache { terms: HashMap::default(), limit, folded: String::new() }
    }

    fn term_into(&mut self, word: &str, out: &mut String) {
        if let Some(term) = self.terms.get(word) {
            out.push_str(term);
            return;
        }
        self.folded.clear();
        fold_into(word, &mut self.folded, MAX_TERM_CHARS);
        let start = out.len();
        stem_into(&self.folded, out);
        let term = &out[start..];
        self.remember(word, term);
    }

    fn with_term_if<R>(
        &mut self,
        word: &str,
        wanted: impl FnOnce(&str) -> bool,
        then: impl FnOnce(&str) -> R,
    ) -> Option<R> {
        if let Some(term) = self.terms.get(word) {
            return Some(then(term));
        }
        self.folded.clear();
        fold_into(word, &mut self.folded, MAX_TERM_CHARS);
        if !wanted(&self.folded) {
            return None;
        }
        let mut term = String::new();
        stem_into(&self.folded, &mut term);
        let result = then(&term);
        self.remember(word, &term);
        Some(result)
    }

    fn remember(&mut self, word: &str, term: &str) {
        if word.len() > MAX_CACHED_WORD_BYTES {
            return;
        }
        if self.terms.len() >= self.limit {
            // Dropping everything is crude but cheap, and the hot vocabulary refills quickly.
            self.terms.clear();
        }
        self.terms.insert(word.into(), term.into());
    }
}

/// The Fx hash (as in rustc): words are short and the cache is local, so a fast hash with no
/// protection against crafted collisions is the right trade.
#[derive(Default)]
struct FxHasher {
    hash: u64,
}

impl FxHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_list(text: &str) -> Vec<&str> {
        words(text).map(|range| &text[range]).collect()
    }

    /// The term without the cache, to check the cache against.
    fn uncached_term(word: &str) -> String {
        let mut folded = String::new();
        fold_into(word, &mut folded, MAX_TERM_CHARS);
        let mut out = String::new();
        stem_into(&folded, &mut out);
        out
    }

    #[test]
    fn words_split_on_everything_but_letters_digits_and_marks() {
        assert_eq!(word_list("за́мок"), ["за́мок"]);
        assert_eq!(word_list("российско-японского"), ["российско", "японского"]);
        assert_eq!(word_list("ВЭФ-2016"), ["ВЭФ", "2016"]);
        assert_eq!(word_list("don't"), ["don", "t"]);
        assert_eq!(
            word_list("  «Галушка», — сказал он.\n\n2016 г."),
            ["Галушка", "сказал", "он", "2016", "г"]
        );
        assert_eq!(word_list("сотруд\u{AD}ничество\u{AD} и"), ["сотруд\u{AD}ничество", "и"]);
        assert_eq!(word_list("\u{301}ab\u{301}"), ["ab\u{301}"]);
        assert_eq!(word_list("🙂 … \0 ---"), Vec::<&str>::new());
        assert_eq!(word_list("naïve café"), ["naïve", "café"]);
    }

    #[test]
    fn word_ranges_are_byte_ranges() {
        let text = "Вопрос: café?";
        let ranges: Vec<_> = words(text).collect();
        assert_eq!(ranges, [0..12, 14..19]);
    }

    #[test]
    fn fold_lowercases_and_drops_marks() {
        assert_eq!(fold("за́мок"), "замок");
        assert_eq!(fold("Ёлка"), "елка");
        assert_eq!(fold("ЁЛКА"), "елка");
        assert_eq!(fold("café"), "cafe");
        assert_eq!(fold("Cafe\u{301}"), "cafe");
        assert_eq!(fold("ЙОД"), "йод");
        assert_eq!(fold("и\u{306}од"), "йод");
        assert_eq!(fold("е\u{308}лка"), "елка");
        assert_eq!(fold("STRAßE"), "straße");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("сотруд\u{AD}ничество"), "сотрудничество");
        assert_eq!(fold("a-b c"), "abc");
    }

    #[test]
    fn russian_inflections_share_a_term() {
        let same = |a: &str, b: &str| assert_eq!(term(a), term(b), "{a} vs {b}");
        same("сотрудничество", "сотрудничества");
        same("сотрудничество", "Сотрудничеству");
        same("Галушка", "Галушки");
        same("Галушка", "галушкой");
        same("ёлка", "елка");
        same("форума", "форум");
        same("инвесторов", "инвесторы");
        same("за́мок", "замок");
        assert_eq!(term("сотрудничества"), "сотрудничеств");
    }

    #[test]
    fn english_words_are_stemmed_and_others_only_folded() {
        assert_eq!(term("meetings"), term("meeting"));
        assert_eq!(term("Meetings"), "meet");
        assert_eq!(term("2016"), "2016");
        assert_eq!(term("東京"), "東京");
        assert_eq!(term("Straße"), "straße");
        assert_eq!(term("!!"), "");
    }

    #[test]
    fn long_words_are_cut_before_stemming() {
        let letters = "я".repeat(10_000);
        assert!(term(&letters).chars().count() <= MAX_TERM_CHARS);
        let digits = "7".repeat(500);
        assert_eq!(term(&digits), "7".repeat(MAX_TERM_CHARS));
        let mut out = String::new();
        index_terms(&format!("{} {}", "ab".repeat(5_000), letters), &mut out);
        assert_eq!(out.split(' ').count(), 2);
    }

    #[test]
    fn index_terms_joins_terms_with_single_spaces() {
        let mut out = String::new();
        index_terms("Встреча в рамках ВЭФ-2016: «Галушка» и Сэко", &mut out);
        assert_eq!(out, "встреч в рамк вэф 2016 галушк и сэк");
        index_terms("", &mut out);
        index_terms(" — ", &mut out);
        index_terms("Meetings", &mut out);
        assert_eq!(out, "встреч в рамк вэф 2016 галушк и сэк meet");
    }

    #[test]
    fn cache_gives_the_same_terms_as_stemming_and_survives_clearing() {
        let text = "Министр по развитию Дальнего Востока Александр Галушка и министр экономики \
                    Японии Хиросигэ Сэко обсудили вопросы сотрудничества. Meetings, meeting, \
                    Ёлка ёлка ЁЛКА за́мок замок и\u{306}од йод";
        let mut cache = TermCache::new(5);
        for round in 0..3 {
            for range in words(text) {
                let word = &text[range];
                let mut cached = String::new();
                cache.term_into(word, &mut cached);
                assert_eq!(cached, uncached_term(word), "round {round}, word {word}");
                assert!(cache.terms.len() <= 5);
            }
        }
        let hit = cache.with_term_if("йод", |_| false, str::to_owned);
        assert_eq!(hit.as_deref(), Some("йод"), "a cached word skips the check");
        assert_eq!(cache.with_term_if("Сахалин", |_| false, str::to_owned), None);
        assert_eq!(cache.with_term_if("Сахалина", |_| true, str::to_owned).as_deref(), Some("сахалин"));
    }

    #[test]
    fn stems_keep_the_first_two_letters_of_the_fold() {
        // The snippet matcher relies on this to skip stemming most words: Russian stems are
        // prefixes of the fold, English ones keep at least the first letter.
        let text = "сотрудничества инвесторов японских привлечения двустороннего активизации ёлками \
                    я и в ее её ах ох ой ай ые ие ия ья ью ьё meetings happy happily cries skies \
                    dying lying tying idly gently ugly early only singly news atlas generalization \
                    relational conditional ies ied sky cry by ay eed ing owing aing yes yelling";
        for range in words(text) {
            let word = &text[range];
            let (folded, stem) = (fold(word), term(word));
            // English rewrites `dying` to `die`, so only the first letter is kept there.
            let keep = if stem.is_ascii() { 1 } else { 2 };
            let head = |s: &str| s.chars().take(keep).collect::<String>();
            assert!(folded.starts_with(&head(&stem)), "{word}: {folded} vs {stem}");
        }
    }

    #[test]
    fn terms_are_alphanumeric_for_any_input() {
        let alphabet: Vec<char> =
            "аяёЁйЙиеьъыAZaz09 -'\u{301}\u{306}\u{308}\u{AD}ßøİ東🙂\0_.".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..3_000 {
            let mut text = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let mut out = String::new();
            index_terms(&text, &mut out);
            if out.is_empty() {
                continue;
            }
            for piece in out.split(' ') {
                assert!(!piece.is_empty(), "{text:?} -> {out:?}");
                assert!(piece.chars().all(char::is_alphanumeric), "{text:?} -> {out:?}");
            }
        }
    }
}
