//! Highlighted snippets: where a query's words occur in the original text of a result.
//!
//! The store runs this for the top results only, on the original field text (not the index), so
//! it must stay cheap on long bodies: the scan stops at the first matching word and most words
//! are rejected before stemming. A word matches when its index term equals a positive query term
//! or starts with a query prefix; excluded terms are never highlighted. It does no IO and keeps
//! no state besides the shared term cache of [`crate::analysis`].

use std::ops::Range;

use crate::analysis::{with_term_if, words};
use crate::{Expr, Query};

/// Decides whether a word of original text matches a query.
#[derive(Debug, Clone, Default)]
pub struct TermMatcher {
    exact: Vec<String>,
    prefixes: Vec<String>,
    /// How every term and prefix starts: two characters, or one for ASCII terms. Russian stems
    /// are prefixes of the folded word and English ones keep its first letter (`dying` → `die`),
    /// other words are not stemmed; so a fold that starts like no query term cannot match and
    /// needs no stemming.
    heads: Vec<String>,
}

impl TermMatcher {
    pub fn new(query: &Query) -> TermMatcher {
        let mut matcher = TermMatcher::default();
        if let Some(expr) = &query.expr {
            matcher.collect(expr);
        }
        for term in matcher.exact.iter().chain(&matcher.prefixes) {
            let head: String = term.chars().take(if term.is_ascii() { 1 } else { 2 }).collect();
            if !matcher.heads.contains(&head) {
                matcher.heads.push(head);
            }
        }
        matcher
    }

    fn collect(&mut self, expr: &Expr) {
        match expr {
            Expr::Term { term, prefix: false } => push_new(&mut self.exact, term),
            Expr::Term { term, prefix: true } => push_new(&mut self.prefixes, term),
            Expr::Phrase(terms) => terms.iter().for_each(|term| push_new(&mut self.exact, term)),
            Expr::And(items) | Expr::Or(items) => items.iter().for_each(|item| self.collect(item)),
            Expr::Not { left, right: _ } => self.collect(left),
        }
    }

    /// Whether the query has no words to match (filters only, or nothing).
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.prefixes.is_empty()
    }

    /// Whether the word (as written in the text) matches a query term.
    pub fn matches(&self, word: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        let wanted = |folded: &str| self.heads.iter().any(|head| folded.starts_with(head.as_str()));
        let matches = |term: &str| {
            self.exact.iter().any(|exact| exact == term)
                || self.prefixes.iter().any(|prefix| term.starts_with(prefix.as_str()))
        };
        with_term_if(word, wanted, matches).unwrap_or(false)
    }
}

fn push_new(terms: &mut Vec<String>, term: &str) {
    if !term.is_empty() && !terms.iter().any(|known| known == term) {
        terms.push(term.to_owned());
    }
}

/// An excerpt of text with the matched words marked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Snippet {
    pub text: String,
    /// Byte ranges within `text` of the matched words.
    pub highlights: Vec<Range<usize>>,
}

/// Marks where the excerpt was cut from longer text.
const ELLIPSIS: char = '…';

/// The excerpt of about `max_chars` characters around the first matched words, or `None` if no word matches.
///
/// The excerpt starts a little before the first match, at a word, and ends after a whole word;
/// runs of whitespace become one space and Markdown markup standing alone (`##`, `**`, `>`) is
/// left out. `…` marks a cut at either end and is not counted in `max_chars`.
pub fn snippet(text: &str, matcher: &TermMatcher, max_chars: usize) -> Option<Snippet> {
    let first = words(text).find(|range| matcher.matches(&text[range.clone()]))?;
    let max_chars = max_chars.max(1);
    let before = max_chars / 3;
    let start = window_start(text, first.start, before);
    let built = build(text, start, first.start, matcher, max_chars);
    if built.reached_end && start > 0 && built.chars < max_chars {
        // The match is near the end: spend the unused room on text before it. The walk back
        // never counts fewer characters than the excerpt shows, so the end still fits.
        let from_match = built.chars - built.before_match;
        let start = window_start(text, first.start, max_chars.saturating_sub(from_match));
        return Some(build(text, start, first.start, matcher, max_chars).snippet);
    }
    Some(built.snippet)
}

/// Where to start an excerpt that shows about `budget` characters before byte `at`: after a
/// whitespace, so no word is cut, or at `at` itself if none is near.
fn window_start(text: &str, at: usize, budget: usize) -> usize {
    if budget == 0 {
        return at;
    }
    let mut count = 0;
    let mut pos = at;
    let mut previous_was_space = false;
    for (i, c) in text[..at].char_indices().rev() {
        let space = c.is_whitespace();
        // A run of whitespace shows as one space.
        if !(space && previous_was_space) {
            count += 1;
        }
        previous_was_space = space;
        pos = i;
        if count >= budget {
            break;
        }
    }
    if pos == 0 {
        return 0;
    }
    let starts_token = text[..pos].chars().next_back().is_some_and(char::is_whitespace);
    let from = if starts_token {
        pos
    } else {
        match text[pos..at].find(char::is_whitespace) {
            Some(offset) => pos + offset,
            None => return at,
        }
    };
    let rest = &text[from..at];
    from + (rest.len() - rest.trim_start().len())
}

struct Built {
    snippet: Snippet,
    /// Characters of text in the snippet, ellipses left out.
    chars: usize,
    /// Characters of text before the first matched word.
    before_match: usize,
    reached_end: bool,
}

/// The excerpt from byte `start`: it always reaches the word at byte `first`, then takes whole
/// words while they fit in `max_chars`.
fn build(text: &str, start: usize, first: usize, matcher: &TermMatcher, max_chars: usize) -> Built {
    let mut out = String::new();
    let mut highlights = Vec::new();
    let mut chars = 0;
    let mut before_match = 0;
    if start > 0 {
        out.push(ELLIPSIS);
    }
    let body = &text[start..];
    let first = first - start;
    let mut previous_end = 0;
    let mut gap = String::new();
    let mut cut = false;
    for range in words(body) {
        gap.clear();
        clean_gap(&body[previous_end..range.start], &mut gap, previous_end == 0, false);
        let word = &body[range.clone()];
        let gap_chars = gap.chars().count();
        let word_chars = word.chars().count();
        let must_show = range.start <= first;
        if !must_show && chars + gap_chars + word_chars > max_chars {
            // Punctuation stuck to the last word (`инвесторов.`) reads better than a bare cut.
            let tail = gap.split(' ').next().unwrap_or_default();
            let tail_chars = tail.chars().count();
            if chars + tail_chars <= max_chars {
                out.push_str(tail);
                chars += tail_chars;
            }
            cut = true;
            break;
        }
        out.push_str(&gap);
        chars += gap_chars;
        let (shown, long) = if range.start == first && word_chars > max_chars {
            // A matched "word" longer than the whole snippet (a pasted hash): show its start.
            let end = word.char_indices().nth(max_chars).map_or(word.len(), |(at, _)| at);
            (&word[..end], true)
        } else {
            (word, false)
        };
        if range.start == first {
            before_match = chars;
        }
        let at = out.len();
        out.push_str(shown);
        chars += shown.chars().count();
        if matcher.matches(word) {
            highlights.push(at..out.len());
        }
        previous_end = range.end;
        if long {
            cut = true;
            break;
        }
    }
    if !cut {
        gap.clear();
        clean_gap(&body[previous_end..], &mut gap, previous_end == 0, true);
        let gap_chars = gap.chars().count();
        if chars + gap_chars <= max_chars {
            out.push_str(&gap);
            chars += gap_chars;
        } else {
            cut = true;
        }
    }
    if cut {
        out.push(ELLIPSIS);
    }
    Built { snippet: Snippet { text: out, highlights }, chars, before_match, reached_end: !cut }
}

/// Characters that are Markdown markup when they stand apart from words.
fn is_markup(c: char) -> bool {
    matches!(c, '*' | '_' | '#' | '`' | '~' | '>')
}

/// Appends the text between two words (or before the first, or after the last) with whitespace
/// collapsed and Markdown markup left out.
///
/// Markup is only stripped next to whitespace or the ends of the text: between two words
/// (`snake_case`, `2*3`) it is content and removing it would glue the words together.
fn clean_gap(gap: &str, out: &mut String, leading: bool, trailing: bool) {
    let has_space = gap.contains(char::is_whitespace);
    let strip = has_space || leading || trailing;
    let mut need_space = false;
    for (i, piece) in gap.split(char::is_whitespace).enumerate() {
        // Pieces after the first follow a whitespace character.
        need_space |= i > 0;
        let piece = if strip { piece.trim_matches(is_markup) } else { piece };
        if piece.is_empty() {
            continue;
        }
        let at_text_start = leading && out.is_empty();
        // Pieces hold no whitespace, so this never doubles a space.
        if need_space && !at_text_start {
            out.push(' ');
        }
        need_space = false;
        out.push_str(piece);
    }
    let at_text_edge = trailing || (leading && out.is_empty());
    if need_space && !at_text_edge {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn matcher(query: &str) -> TermMatcher {
        TermMatcher::new(&parse(query).expect("test queries parse"))
    }

    /// The snippet with highlights shown as `[word]`.
    fn show(text: &str, query: &str, max_chars: usize) -> String {
        let Some(snippet) = snippet(text, &matcher(query), max_chars) else {
            return "None".to_owned();
        };
        let mut shown = String::new();
        let mut at = 0;
        for range in &snippet.highlights {
            shown.push_str(&snippet.text[at..range.start]);
            shown.push('[');
            shown.push_str(&snippet.text[range.clone()]);
            shown.push(']');
            at = range.end;
        }
        shown.push_str(&snippet.text[at..]);
        shown
    }

    const SENTENCE: &str =
        "Вопросы активизации двустороннего сотрудничества и привлечения японских инвесторов";

    #[test]
    fn highlights_exactly_the_matching_words() {
        let snippet = snippet(SENTENCE, &matcher("сотрудничество инвестор*"), 200).expect("a match");
        let marked: Vec<&str> = snippet.highlights.iter().map(|range| &snippet.text[range.clone()]).collect();
        assert_eq!(marked, ["сотрудничества", "инвесторов"]);
        assert_eq!(snippet.text, SENTENCE);
    }

    #[test]
    fn matcher_follows_terms_prefixes_and_exclusions() {
        let m = matcher("сотрудничество инвестор* -хоккайдо \"японских компаний\"");
        assert!(m.matches("Сотрудничеству"));
        assert!(m.matches("инвесторами"));
        assert!(m.matches("инвестор"));
        assert!(m.matches("японская"));
        assert!(m.matches("компании"));
        assert!(!m.matches("Хоккайдо"));
        assert!(!m.matches("инвест"));
        assert!(!m.matches("сотрудник"));
        assert!(!m.matches(""));
        let english = matcher("happy meetings");
        assert!(matcher("die").matches("dying"), "English may change the second letter");
        assert!(english.matches("Meeting"));
        assert!(english.matches("happy"));
        assert!(!matcher("tag:Япония").matches("Япония"));
        assert!(matcher("tag:Япония").is_empty());
    }

    #[test]
    fn no_match_no_snippet() {
        assert_eq!(snippet(SENTENCE, &matcher("хоккайдо"), 100), None);
        assert_eq!(snippet("", &matcher("хоккайдо"), 100), None);
        assert_eq!(snippet(SENTENCE, &TermMatcher::default(), 100), None);
    }

    #[test]
    fn windows_cut_at_words_with_ellipses() {
        let text = "Первая фраза о погоде. Министр Галушка провёл встречу с инвесторами во Владивостоке, \
                    где обсуждались вопросы энергетики, транспорта и туризма на ближайшие годы.";
        expect_test::expect![
            "…Галушка провёл встречу с [инвесторами] во Владивостоке, где обсуждались вопросы энергетики,…"
        ]
        .assert_eq(&show(text, "инвесторы", 90));
        expect_test::expect!["…о погоде. Министр [Галушка] провёл встречу с инвесторами во…"]
            .assert_eq(&show(text, "галушки", 60));
        expect_test::expect!["[Первая] фраза о…"].assert_eq(&show(text, "первый", 20));
        expect_test::expect!["…транспорта и туризма на ближайшие [годы]."].assert_eq(&show(text, "год", 50));
        expect_test::expect!["…[Г]…"].assert_eq(&show(text, "галушка", 1));
    }

    #[test]
    fn whitespace_collapses_and_markdown_goes() {
        let text =
            "## Заголовок\n\n> Цитата о **сотрудничестве**  и\tпрочем.\n\n* пункт _один_\n\nsnake_case 2*3";
        expect_test::expect!["Заголовок Цитата о [сотрудничестве] и прочем. пункт один snake_case 2*3"]
            .assert_eq(&show(text, "сотрудничество", 200));
        expect_test::expect!["[Жирное] начало"].assert_eq(&show("**Жирное** начало", "жирное", 50));
    }

    #[test]
    fn long_texts_and_words_stay_bounded() {
        let body = format!("{} инвесторов {}", "слово ".repeat(10_000), "хвост ".repeat(10_000));
        let snippet = snippet(&body, &matcher("инвестор"), 120).expect("a match");
        assert!(snippet.text.chars().count() <= 124, "{}", snippet.text);
        assert_eq!(snippet.highlights.len(), 1);
        let long = format!("до {} после", "я".repeat(5_000));
        let m = matcher(&"я".repeat(5_000));
        let cut = super::snippet(&long, &m, 30).expect("a match");
        assert_eq!(cut.text, format!("до {}…", "я".repeat(30)));
        assert_eq!(cut.highlights.len(), 1);
        assert_eq!(cut.text[cut.highlights[0].clone()], "я".repeat(30));
    }
}
