//! Checks on runs of prose: the text of one paragraph, heading or table cell, each character
//! remembering where in its field it was typed.

use std::ops::Range;

use super::{Field, Problem};
use crate::typography::{self, Change};

/// Stands for an image in a run: a word-like thing that is not text.
pub(super) const OBJECT: char = '\u{FFFC}';

/// The text of one block as a reader reads it, mapped back to the field it came from.
#[derive(Debug, Default)]
pub(super) struct Run {
    pub(super) text: String,
    /// For each byte of `text`: the byte offset in the field of the character it is part of, or
    /// `None` for text that is not prose (inline code, images, autolinks), which only gives context.
    src: Vec<Option<usize>>,
}

impl Run {
    pub(super) fn push(&mut self, ch: char, at: Option<usize>) {
        self.text.push(ch);
        self.src.extend(std::iter::repeat_n(at, ch.len_utf8()));
    }

    /// Adds text that is not prose; quotes in it are neutralized so they pair with nothing.
    pub(super) fn push_verbatim(&mut self, verbatim: &str) {
        for ch in verbatim.chars() {
            let ch = match ch {
                '"' | '\'' | '«' | '»' | '„' | '“' | '”' | '‘' | '’' => '_',
                '\n' | '\r' => ' ',
                other => other,
            };
            self.push(ch, None);
        }
    }

    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether every byte of the range is prose; an empty range must sit next to prose.
    fn is_prose(&self, range: &Range<usize>) -> bool {
        if range.start > range.end
            || !self.text.is_char_boundary(range.start)
            || !self.text.is_char_boundary(range.end)
        {
            return false;
        }
        if range.is_empty() {
            return self.offset(range.start).is_some();
        }
        self.src[range.clone()].iter().all(Option::is_some)
    }

    /// The field offset of a byte position of the run (for the end, just past the last character).
    fn offset(&self, i: usize) -> Option<usize> {
        if let Some(&Some(at)) = self.src.get(i) {
            return Some(at);
        }
        let (j, ch) = self.text.get(..i)?.char_indices().next_back()?;
        self.src[j].map(|at| at + ch.len_utf8())
    }

    /// Whether the range was typed exactly as it reads, so replacing it in the field is certain.
    fn is_exact(&self, range: &Range<usize>, field: &Field<'_>) -> bool {
        let Some(start) = self.offset(range.start) else { return false };
        let text = &self.text[range.clone()];
        field.text.get(start..start + text.len()) == Some(text)
            && text.char_indices().all(|(i, _)| self.src[range.start + i] == Some(start + i))
    }

    fn char_before(&self, i: usize) -> Option<char> {
        self.text[..i].chars().next_back()
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..)?.chars().next()
    }
}

/// Checks a plain-text field (headline, dek, lead).
pub(super) fn check_plain(field: &Field<'_>, language: &str, out: &mut Vec<Problem>) {
    for run in plain_runs(field.text) {
        check_run(&run, field, language, out);
    }
}

/// The paragraphs of plain text (split at blank lines) as runs.
pub(super) fn plain_runs(text: &str) -> Vec<Run> {
    let mut runs = vec![Run::default()];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            runs.push(Run::default());
        } else if let Some(run) = runs.last_mut() {
            for (i, ch) in line.char_indices() {
                run.push(ch, Some(offset + i));
            }
        }
        offset += line.len();
    }
    runs.retain(|run| !run.is_empty());
    runs
}

/// Runs every prose check on a run, typography included.
pub(super) fn check_run(run: &Run, field: &Field<'_>, language: &str, out: &mut Vec<Problem>) {
    if run.is_empty() {
        return;
    }
    let changes = typography::changes(&run.text, language);
    check_run_with(run, field, language, &changes, out);
}

/// The prose checks with the typography changes given (tests pass their own).
pub(super) fn check_run_with(
    run: &Run,
    field: &Field<'_>,
    language: &str,
    changes: &[Change],
    out: &mut Vec<Problem>,
) {
    let changes: Vec<&Change> = changes.iter().filter(|change| run.is_prose(&change.range)).collect();
    for change in &changes {
        out.push(typography_problem(run, field, change));
    }
    // Typography's changes come in order and do not overlap: a binary search finds the one that
    // could cover a range (a scan per range made long texts quadratic).
    let replacing: Vec<&Range<usize>> = changes.iter().map(|c| &c.range).filter(|r| !r.is_empty()).collect();
    let covered = |range: Range<usize>| {
        let first = replacing.partition_point(|r| r.end <= range.start);
        replacing.get(first).is_some_and(|r| r.start < range.end)
    };
    let primary = language.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();

    if primary == "ru" || primary == "en" {
        straight_quotes(run, field, &primary, &covered, out);
    }
    unbalanced_quotes(run, field, out);
    hyphens_as_dashes(run, field, &primary, &covered, out);
    double_spaces(run, field, &covered, out);
    repeated_words(run, field, out);
}

fn problem(
    run: &Run,
    field: &Field<'_>,
    range: Range<usize>,
    code: &'static str,
    message: String,
    fix: Option<String>,
) -> Problem {
    let offset = run.offset(range.start).unwrap_or_default();
    field.problem(offset, code, message, run.text[range].to_owned(), fix)
}

fn typography_problem(run: &Run, field: &Field<'_>, change: &Change) -> Problem {
    let found = &run.text[change.range.clone()];
    let what = match change.rule {
        "quotes" => "Use typographic quotes",
        "dash" => "Use a dash",
        "nbsp" => "Use a no-break space",
        "ellipsis" => "Use an ellipsis",
        "spaces" | "space" => "Fix the spacing",
        _ => "Typeset",
    };
    let message = format!(
        "{what} ({}): replace {} with {}.",
        change.rule,
        visible(found),
        visible(&change.replacement)
    );
    let problem =
        problem(run, field, change.range.clone(), "typography", message, Some(change.replacement.clone()));
    Problem { rule: Some(change.rule), ..problem }
}

/// Text for a message, with invisible characters named.
pub(super) fn visible(text: &str) -> String {
    if text.is_empty() {
        return "nothing".to_owned();
    }
    let mut out = String::from("`");
    for ch in text.chars() {
        match ch {
            '\u{a0}' => out.push_str("<no-break space>"),
            '\u{202f}' => out.push_str("<narrow no-break space>"),
            '\u{2009}' => out.push_str("<thin space>"),
            '\u{200b}' => out.push_str("<zero-width space>"),
            '\u{ad}' => out.push_str("<soft hyphen>"),
            '\n' => out.push_str("<line break>"),
            '\t' => out.push_str("<tab>"),
            other => out.push(other),
        }
    }
    out.push('`');
    out
}

fn straight_quotes(
    run: &Run,
    field: &Field<'_>,
    language: &str,
    covered: &dyn Fn(Range<usize>) -> bool,
    out: &mut Vec<Problem>,
) {
    let wanted = if language == "ru" {
        "«ёлочки» („лапки“ inside)"
    } else {
        "curly quotes “ ” (‘ ’ inside)"
    };
    for (i, ch) in run.text.char_indices() {
        let range = i..i + 1;
        if ch == '"' && run.is_prose(&range) && !covered(range.clone()) {
            let message = format!("Straight quote: use {wanted}.");
            out.push(problem(run, field, range, "straight_quotes", message, None));
        }
    }
}

fn unbalanced_quotes(run: &Run, field: &Field<'_>, out: &mut Vec<Problem>) {
    // Open quotes waiting for their pair: (byte index, the quote).
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut unmatched: Vec<(usize, char)> = Vec::new();
    let mut close = |open: &mut Vec<(usize, char)>, i: usize, ch: char, opener: char| {
        match open.iter().rposition(|&(_, o)| o == opener) {
            // Quotes opened inside the pair and never closed are unmatched.
            Some(at) => unmatched.extend(open.drain(at..).skip(1)),
            None => unmatched.push((i, ch)),
        }
    };
    for (i, ch) in run.text.char_indices() {
        if !run.is_prose(&(i..i + ch.len_utf8())) {
            continue;
        }
        match ch {
            '«' | '„' => open.push((i, ch)),
            '»' => close(&mut open, i, ch, '«'),
            '“' if open.last().is_some_and(|&(_, o)| o == '„') => {
                open.pop();
            }
            '“' => open.push((i, ch)),
            '”' => close(&mut open, i, ch, '“'),
            _ => {}
        }
    }
    unmatched.extend(open);
    unmatched.sort_unstable();
    for (i, ch) in unmatched {
        let message = match ch {
            '«' | '„' | '“' => {
                format!("Quote {ch} is never closed in this paragraph: close it or remove it.")
            }
            _ => format!("Quote {ch} closes nothing in this paragraph: open the quote or remove it."),
        };
        out.push(problem(run, field, i..i + ch.len_utf8(), "unbalanced_quotes", message, None));
    }
}

fn is_space(ch: char) -> bool {
    ch == ' ' || ch == '\u{a0}'
}

fn hyphens_as_dashes(
    run: &Run,
    field: &Field<'_>,
    language: &str,
    covered: &dyn Fn(Range<usize>) -> bool,
    out: &mut Vec<Problem>,
) {
    for (i, ch) in run.text.char_indices() {
        if ch != '-' || !run.is_prose(&(i..i + 1)) || covered(i..i + 1) {
            continue;
        }
        let Some(before) = run.char_before(i).filter(|&c| is_space(c)) else { continue };
        let start = i - before.len_utf8();
        let end = i + 2;
        if run.char_at(i + 1) != Some(' ')
            || run.char_before(start).is_none_or(char::is_whitespace)
            || run.char_at(end).is_none_or(char::is_whitespace)
        {
            continue;
        }
        let range = start..end;
        let (message, fix) = match language {
            "ru" => ("A hyphen used as a dash: use an em dash with a no-break space before it.", "\u{a0}— "),
            "en" => ("A hyphen used as a dash: use an em dash.", " — "),
            _ => ("A hyphen used as a dash: use a dash.", ""),
        };
        let fix = (!fix.is_empty() && run.is_exact(&range, field)).then(|| fix.to_owned());
        out.push(problem(run, field, range, "hyphen_as_dash", message.to_owned(), fix));
    }
}

fn double_spaces(
    run: &Run,
    field: &Field<'_>,
    covered: &dyn Fn(Range<usize>) -> bool,
    out: &mut Vec<Problem>,
) {
    let bytes = run.text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b' ' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        let range = start..i;
        let inside_line = start > 0
            && !matches!(bytes[start - 1], b'\n' | b'\r')
            && i < bytes.len()
            && !matches!(bytes[i], b'\n' | b'\r');
        if range.len() < 2 || !inside_line || !run.is_prose(&range) {
            continue;
        }
        if covered(range.clone()) {
            continue;
        }
        let fix = run.is_exact(&range, field).then(|| " ".to_owned());
        let message = format!("{} spaces in a row: use one.", range.len());
        out.push(problem(run, field, range, "double_space", message, fix));
    }
}

/// English pairs that are grammatical ("he had had enough", "I know that that is true").
const DOUBLES_ALLOWED: &[&str] = &["had", "that"];

fn repeated_words(run: &Run, field: &Field<'_>, out: &mut Vec<Problem>) {
    let words = words(&run.text);
    let mut k = 0;
    while k < words.len() {
        let first = words[k].clone();
        let word = run.text[first.clone()].to_lowercase();
        let mut last = k;
        while let Some(next) = words.get(last + 1) {
            let gap = &run.text[words[last].end..next.start];
            if !gap.chars().all(char::is_whitespace) || run.text[next.clone()].to_lowercase() != word {
                break;
            }
            last += 1;
        }
        let range = first.start..words[last].end;
        let is_number = word.chars().all(|c| !c.is_alphabetic());
        if last > k && !is_number && !DOUBLES_ALLOWED.contains(&word.as_str()) && run.is_prose(&range) {
            let fix = run.is_exact(&range, field).then(|| run.text[first].to_owned());
            let message = format!("The word “{}” is repeated: keep one.", &run.text[words[k].clone()]);
            out.push(problem(run, field, range, "repeated_word", message, fix));
        }
        k = last + 1;
    }
}

/// Byte ranges of the words of a text: letters and digits, joined by a hyphen or an apostrophe
/// between two of them (`кто-то`, `don't`).
fn words(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    for (k, &(i, ch)) in chars.iter().enumerate() {
        let joiner = matches!(ch, '-' | '\'' | '’' | '\u{2011}')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|&(_, next)| next.is_alphanumeric());
        if ch.is_alphanumeric() || joiner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words.push(s..i);
        }
    }
    if let Some(s) = start {
        words.push(s..text.len());
    }
    words
}
