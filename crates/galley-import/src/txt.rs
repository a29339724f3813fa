//! Plain text to an article: headline, lead, body and related links guessed from the lines.
//!
//! A `.txt` usually comes from "Save as text" on a news site or a copy from a word processor. It
//! carries site chrome (the site's name, a clock icon, menus), the headline more than once (page
//! title, social-card title cut short, the heading), the article one paragraph per line or
//! hard-wrapped, and a tail of "see also" links and the site's tagline. This module keeps the
//! article and drops the rest, with heuristics meant for any such text, not one site:
//!
//! * chrome before the headline: lines with fewer than three words, symbols and emoji, menus and
//!   breadcrumbs, dates, short lines repeated further down;
//! * the headline is the first line that is left; copies of it (whole or cut short) are dropped;
//! * paragraphs are lines, or blank-line-separated blocks of hard-wrapped lines joined back;
//! * a line such as "Также по теме:" or "Read more" ends the article: the links after it become
//!   related links, the rest is dropped (with a warning if it reads like article text);
//! * the first paragraph is the lead when at least two follow the headline.
//!
//! It must not edit the text it keeps: no typography, no rewording. The one change is a backslash
//! before what Markdown would read as markup (`# `, `> `, `- `, `1. `, tags), so the body, which is
//! Markdown, shows the text as it was written.

use std::borrow::Cow;

use galley_model::{ArticleFields, Draft, Related};

use crate::language::LetterCount;
use crate::{Imported, headline, work};

/// Lines that start the "see also" tail, compared lowercased, without a trailing colon.
const RELATED_MARKERS: &[&str] = &[
    "также по теме",
    "читайте также",
    "смотрите также",
    "см. также",
    "по теме",
    "related",
    "see also",
    "read more",
    "read also",
];

/// Dropped lines of at least this many words read like article text: the journalist is told.
const CONTENT_WORDS: usize = 12;

/// A copy of the headline cut shorter than this is too short to call a copy.
const MIN_COPY_CHARS: usize = 20;

/// The most copies of a headline looked for right after it (a page title, a social card and the
/// heading make three).
const MAX_COPIES: usize = 8;

/// Reads a plain text (any line endings) into a draft.
pub fn parse(text: &str) -> Imported {
    let mut warnings = Vec::new();
    let text = clean(text, &mut warnings);
    let lines: Vec<Line> = text.split('\n').map(Line::new).collect();
    let Some(head) = find_headline(&lines) else {
        warnings.push("the text is empty: there is nothing to import".to_owned());
        return Imported { draft: Draft::default(), warnings };
    };
    if head.made_up {
        warnings.push(headline::TOOK_FIRST_LINE.to_owned());
    }

    let mut related = Vec::new();
    let (article, tail, marker) = split_tail(&lines[head.body_start..], &mut related);
    let mut kept = keep_article_lines(&article, &head.text, &mut related);
    drop_leading_short_lines(&mut kept, &mut warnings);
    drop_trailing_chrome(&mut kept);
    // Paragraphs are borrowed from the text where they are one line: a text of a million short
    // lines is not copied line by line (nor joined into further copies below).
    let paragraphs: Vec<Cow<str>> = kept.split(|line| line.is_blank()).flat_map(paragraphs_of).collect();
    if let Some(marker) = marker {
        read_tail(tail, marker, &mut related, &mut warnings);
    }
    let mut seen = std::collections::HashSet::new();
    related.retain(|link: &Related| seen.insert(link.url.clone()));

    let mut letters = LetterCount::default();
    letters.add(&head.text);
    paragraphs.iter().for_each(|paragraph| letters.add(paragraph));
    let language = letters.language();
    let (lead, body) = match paragraphs.as_slice() {
        [lead, rest @ ..] if !rest.is_empty() => (lead.to_string(), rest),
        all => (String::new(), all),
    };
    let mut out = String::with_capacity(body.iter().map(|p| p.len() + 2).sum());
    for (i, paragraph) in body.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        escape_markdown(paragraph, &mut out);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    let body = out;
    let fields = ArticleFields {
        headline: head.text,
        lead,
        body,
        related,
        language: language.to_owned(),
        ..ArticleFields::default()
    };
    Imported { draft: Draft { fields, ..Draft::default() }, warnings }
}

/// One line of the text, trimmed, with how far it was indented.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    indent: usize,
}

impl<'a> Line<'a> {
    const BLANK: Line<'static> = Line { text: "", indent: 0 };

    fn new(raw: &'a str) -> Self {
        let text = raw.trim();
        let leading = &raw[..raw.len() - raw.trim_start().len()];
        let indent = leading.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
        Line { text, indent }
    }

    fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Line endings to `\n`, the other line breaks (Word's vertical tab, form feed, Unicode separators)
/// too, and stray control characters out: they are invisible and break search and counts.
///
/// One copy of the text: runs of ordinary characters are copied whole.
fn clean(text: &str, warnings: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut run = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let ordinary =
            c == '\t' || c == '\n' || !(c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}'));
        if ordinary {
            continue;
        }
        out.push_str(&text[run..at]);
        run = at + c.len_utf8();
        match c {
            // Windows (`\r\n`) and old Mac (`\r`) line endings.
            '\r' => {
                out.push('\n');
                if chars.next_if(|&(_, next)| next == '\n').is_some() {
                    run += 1;
                }
            }
            '\u{B}' | '\u{C}' | '\u{2028}' => out.push('\n'),
            '\u{2029}' => out.push_str("\n\n"),
            '\u{FEFF}' => {}
            _ => removed += 1,
        }
    }
    out.push_str(&text[run..]);
    if removed > 0 {
        warnings.push(format!("removed {removed} invisible control character(s) from the text"));
    }
    out
}

/// Where the headline is and what it says.
struct Head {
    text: String,
    /// The first line of the article proper.
    body_start: usize,
    /// No line looked like a headline: it was made from the first line.
    made_up: bool,
}

fn find_headline(lines: &[Line]) -> Option<Head> {
    // Where each line's text is last seen: "comes back further down" is then one look-up, not a
    // scan of the rest of the text per candidate (quadratic on a text of many short lines).
    let mut last_seen = std::collections::HashMap::new();
    for (index, line) in lines.iter().enumerate() {
        if !line.is_blank() && word_count(line.text, 7) <= 6 {
            last_seen.insert(line.text, index);
        }
    }
    for (index, line) in lines.iter().enumerate() {
        let text = line.text;
        if is_short_line(text) || is_navigation(text) || is_copyright(text) {
            continue;
        }
        // The headline and the copies right after it (a page title, a social card cut short). A
        // page repeats its headline a few times at most: more copies are not looked for, so a
        // text of one line repeated is not read again for each of its lines.
        let mut last = index;
        let mut longest = text;
        let mut copies = 0;
        for (j, other) in lines.iter().enumerate().skip(index + 1) {
            work::add(1);
            if other.is_blank() {
                continue;
            }
            if copies == MAX_COPIES || !is_copy(other.text, text) {
                break;
            }
            copies += 1;
            last = j;
            if strip_ellipsis(other.text).len() > strip_ellipsis(longest).len() {
                longest = other.text;
            }
        }
        // A short line that comes back further down is the site's, not the article's: its name,
        // a menu repeated in the footer.
        if word_count(text, 7) <= 6 && last_seen.get(text).is_some_and(|&seen| seen > last) {
            continue;
        }
        // A long line with several sentences is the article's first paragraph, not a headline.
        let chars = longest.chars().count();
        if chars > 300 || (chars > 150 && headline::sentence_break(longest).is_some()) {
            return Some(Head { text: headline::from_line(longest), body_start: index, made_up: true });
        }
        return Some(Head { text: longest.to_owned(), body_start: last + 1, made_up: false });
    }
    // Nothing looks like a headline (one short line, or only chrome): the first line with words is.
    let index = lines
        .iter()
        .position(|line| line.text.chars().any(char::is_alphanumeric))
        .or_else(|| lines.iter().position(|line| !line.is_blank()))?;
    let text = lines[index].text.trim_matches(|c: char| is_pictograph(c) || c.is_whitespace());
    let text = if text.is_empty() { lines[index].text } else { text };
    Some(Head { text: headline::shorten(text, headline::MAX_CHARS), body_start: index + 1, made_up: true })
}

/// The article's lines and the "see also" tail after them, with the marker line that starts it.
///
/// A marker after the article's text ends the article: what follows is links and the site's
/// footer. A marker before any text is a "related" box above the article: its links are read and
/// the article resumes at the first line that reads like text.
fn split_tail<'a, 'b>(
    region: &'b [Line<'a>],
    related: &mut Vec<Related>,
) -> (Vec<Line<'a>>, &'b [Line<'a>], Option<&'a str>) {
    let mut article = Vec::new();
    // Kept up to date as lines join the article, not recomputed per marker (quadratic on a text
    // of many markers).
    let mut has_text = false;
    let mut at = 0;
    while let Some(offset) = region[at..].iter().position(|line| is_bare_marker(line.text)) {
        let marker = at + offset;
        has_text = has_text
            || region[at..marker].iter().any(|line| {
                work::add(1);
                !line.is_blank() && !is_short_line(line.text) && !is_symbols_only(line.text)
            });
        article.extend_from_slice(&region[at..marker]);
        let resume = || {
            region[marker + 1..]
                .iter()
                .position(|line| {
                    work::add(1);
                    word_count(line.text, CONTENT_WORDS) >= CONTENT_WORDS && related_link(line.text).is_none()
                })
                .map(|i| marker + 1 + i)
        };
        match (!has_text).then(resume).flatten() {
            Some(resume) => {
                let mut ignored = Vec::new();
                read_tail(&region[marker + 1..resume], region[marker].text, related, &mut ignored);
                at = resume;
            }
            None => return (article, &region[marker + 1..], Some(region[marker].text)),
        }
    }
    article.extend_from_slice(&region[at..]);
    (article, &[], None)
}

/// Whether `other` repeats the headline `candidate`: the same line, the line cut short, or (when
/// the candidate itself ends in `…`) the whole line the candidate was cut from. A longer line that
/// merely starts with the headline's words is the lead, not a copy.
fn is_copy(other: &str, candidate: &str) -> bool {
    let truncated = strip_ellipsis(candidate) != candidate.trim_end();
    let (other, candidate) = (strip_ellipsis(other), strip_ellipsis(candidate));
    let prefix = |short: &str, long: &str| short.chars().count() >= MIN_COPY_CHARS && long.starts_with(short);
    other == candidate || prefix(other, candidate) || (truncated && prefix(candidate, other))
}

fn strip_ellipsis(text: &str) -> &str {
    let text = text.trim_end();
    text.strip_suffix('…').or_else(|| text.strip_suffix("...")).map_or(text, str::trim_end)
}

/// The lines of the article, with headline copies, emoji lines and inline "see also" lines
/// blanked out (they still separate paragraphs). Links on inline "see also" lines are kept.
fn keep_article_lines<'a>(lines: &[Line<'a>], headline: &str, related: &mut Vec<Related>) -> Vec<Line<'a>> {
    let headline = strip_ellipsis(headline);
    lines
        .iter()
        .map(|&line| {
            let text = line.text;
            let copy = strip_ellipsis(text);
            let is_headline_copy =
                copy == headline || (copy.chars().count() >= MIN_COPY_CHARS && headline.starts_with(copy));
            if is_headline_copy || is_symbols_only(text) {
                return Line::BLANK;
            }
            if let Some(rest) = inline_marker(text) {
                if let Some(link) = related_link(rest) {
                    related.push(link);
                    return Line::BLANK;
                }
                if word_count(rest, CONTENT_WORDS) < CONTENT_WORDS {
                    return Line::BLANK;
                }
            }
            line
        })
        .collect()
}

/// Dates, bylines, photo credits and share buttons between the headline and the text: left out,
/// and named in a warning so the journalist can put a byline where it belongs. A short line that
/// ends a sentence ("Первая группа.") is text and stops the search.
fn drop_leading_short_lines(lines: &mut [Line], warnings: &mut Vec<String>) {
    let is_text = |line: &Line| {
        !line.is_blank()
            && !is_date_line(line.text)
            && !is_credit_line(line.text)
            && (letter_words(line.text, 3) >= 3 || ends_sentence(line.text))
    };
    let Some(first) = lines.iter().position(is_text) else {
        return;
    };
    let mut dropped = Vec::new();
    for line in &mut lines[..first] {
        if line.text.chars().any(char::is_alphanumeric) {
            dropped.push(format!("«{}»", line.text));
        }
        *line = Line::BLANK;
    }
    if !dropped.is_empty() {
        warnings
            .push(format!("left out short lines between the headline and the text: {}", dropped.join(", ")));
    }
}

/// Copyright lines and symbols at the very end are the site's footer.
fn drop_trailing_chrome(lines: &mut [Line]) {
    for line in lines.iter_mut().rev() {
        if line.is_blank() {
            continue;
        }
        if !(is_copyright(line.text) || is_symbols_only(line.text)) {
            break;
        }
        *line = Line::BLANK;
    }
}

/// The "see also" tail: lines with a URL become related links (a title on the line before a bare
/// URL belongs to it); the rest is dropped, with a warning when it reads like article text.
fn read_tail(tail: &[Line], marker: &str, related: &mut Vec<Related>, warnings: &mut Vec<String>) {
    let mut pending: Option<&str> = None;
    let mut dropped = 0;
    let mut drop = |text: &str| {
        if word_count(text, CONTENT_WORDS) >= CONTENT_WORDS {
            dropped += 1;
        }
    };
    for line in tail.iter().filter(|line| !line.is_blank()) {
        let text = inline_marker(line.text).unwrap_or(line.text);
        match related_link(text) {
            Some(mut link) => {
                if link.title.is_empty() {
                    link.title = pending.take().map(clean_title).unwrap_or_default();
                } else if let Some(title) = pending.take() {
                    drop(title);
                }
                related.push(link);
            }
            None => {
                if let Some(previous) = pending.replace(text) {
                    drop(previous);
                }
            }
        }
    }
    if let Some(last) = pending {
        drop(last);
    }
    if dropped > 0 {
        let marker = marker.trim_end_matches([':', ' ']);
        warnings.push(format!(
            "left out {dropped} paragraph(s) after «{marker}»: check that they are not part of the article"
        ));
    }
}

/// A related link from a line with an http(s) URL; the title is the rest of the line.
fn related_link(text: &str) -> Option<Related> {
    let start = ["https://", "http://"].iter().filter_map(|scheme| text.find(scheme)).min()?;
    let rest = &text[start..];
    let mut url = &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())];
    // Punctuation after a URL ends the sentence, not the URL; a ")" closes it only if it opened one.
    // The brackets are counted once and the count kept as the URL shortens (counting them again
    // for each character taken off was quadratic in a URL ending in many of them).
    let (mut opened, mut closed) = (url.matches('(').count(), url.matches(')').count());
    work::add(url.len());
    while let Some(last) = url.chars().last() {
        work::add(1);
        let unbalanced_paren = last == ')' && opened < closed;
        if !(".,;:!?»\"'”>]".contains(last) || unbalanced_paren) {
            break;
        }
        closed -= usize::from(last == ')');
        opened -= usize::from(last == '(');
        url = &url[..url.len() - last.len_utf8()];
    }
    let before = text[..start].trim_end().trim_end_matches(['(', '[', '<', '«']);
    let after = text[start + url.len()..].trim_start().trim_start_matches([')', ']', '>', '»']);
    // What is left around the URL is its title, unless it is only punctuation (a full stop after it).
    let title: Vec<String> = [clean_title(before), clean_title(after)]
        .into_iter()
        .filter(|part| part.chars().any(char::is_alphanumeric))
        .collect();
    Some(Related { title: title.join(" "), url: url.to_owned() })
}

/// A link title without the separators around it (" — ", ":", bullets).
fn clean_title(text: &str) -> String {
    text.trim_matches(|c: char| c.is_whitespace() || "—–-:|•·*→,;".contains(c)).to_owned()
}

/// A line that is only a "see also" marker.
fn is_bare_marker(text: &str) -> bool {
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let text = text.trim_end_matches(|c: char| c.is_whitespace() || ":.…!".contains(c));
    // Lowercased once, and only a line short enough to be a marker.
    let longest = RELATED_MARKERS.iter().map(|marker| marker.len()).max().unwrap_or(0);
    if text.len() > 2 * longest {
        return false;
    }
    // Most lines are ruled out by their first letter, before any is lowercased whole.
    let Some(first) = text.chars().next().and_then(|c| c.to_lowercase().next()) else {
        return false;
    };
    RELATED_MARKERS.iter().any(|marker| marker.starts_with(first) && lowercase_is(text, marker))
}

/// Whether `text` lowercased is `lower`, without making the lowercased copy (every line is asked).
fn lowercase_is(text: &str, lower: &str) -> bool {
    text.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// The rest of a line that starts with a "see also" marker and a colon.
fn inline_marker(text: &str) -> Option<&str> {
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let first = text.chars().next()?.to_lowercase().next()?;
    RELATED_MARKERS.iter().filter(|marker| marker.starts_with(first)).find_map(|marker| {
        let len = text.char_indices().nth(marker.chars().count()).map(|(i, _)| i)?;
        let rest = text[len..].strip_prefix(':')?;
        lowercase_is(&text[..len], marker).then_some(rest.trim())
    })
}

/// Too short to be a headline or a paragraph opening: fewer than three words with letters, a
/// date, a byline or a credit.
fn is_short_line(text: &str) -> bool {
    letter_words(text, 3) < 3 || is_date_line(text) || is_credit_line(text)
}

/// The words with letters in `text`, counted no further than `limit`: every test compares the
/// count with a few, and a line may be the whole text.
fn letter_words(text: &str, limit: usize) -> usize {
    text.split_whitespace().filter(|word| word.chars().any(char::is_alphabetic)).take(limit).count()
}

/// The words in `text`, counted no further than `limit`.
fn word_count(text: &str, limit: usize) -> usize {
    text.split_whitespace().take(limit).count()
}

/// "13 сентября 2016 года, 10:15", "Updated 5 May 2021": at most three words, and a date or a time.
fn is_date_line(text: &str) -> bool {
    // Stems long enough not to start other words; short months are spelled out.
    const STEMS: &[&str] = &[
        "январ",
        "феврал",
        "апрел",
        "июн",
        "июл",
        "август",
        "сентябр",
        "октябр",
        "ноябр",
        "декабр",
        "january",
        "february",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const WORDS: &[&str] = &[
        "март",
        "марта",
        "марте",
        "май",
        "мая",
        "мае",
        "jan",
        "feb",
        "mar",
        "march",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ];
    if letter_words(text, 4) > 3 || !text.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let lower = text.to_lowercase();
    let has_month = lower
        .split(|c: char| !c.is_alphabetic())
        .any(|word| WORDS.contains(&word) || STEMS.iter().any(|stem| word.starts_with(stem)));
    let has_time = lower
        .as_bytes()
        .windows(4)
        .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2..].iter().all(u8::is_ascii_digit));
    has_month || has_time
}

/// "Фото: пресс-служба", "Source: Reuters", "By Jane Doe".
fn is_credit_line(text: &str) -> bool {
    const LABELS: &[&str] = &[
        "фото",
        "автор",
        "источник",
        "текст",
        "видео",
        "photo",
        "author",
        "source",
        "text",
        "video",
        "credit",
    ];
    // Only the label is lowercased: a whole paragraph's letters are not looked up for it.
    let labelled = text
        .split_once(':')
        .is_some_and(|(label, _)| label.len() <= 32 && LABELS.contains(&label.to_lowercase().trim()));
    let byline = text.split_whitespace().nth(6).is_none()
        && text.chars().take(3).collect::<String>().to_lowercase() == "by ";
    labelled || byline
}

/// "Главная » Новости » Политика", "Home | News | World": two or more separators between words.
fn is_navigation(text: &str) -> bool {
    text.split_whitespace().filter(|word| ["|", "/", "»", "›", ">", "•", "·", "→"].contains(word)).count()
        >= 2
}

fn is_copyright(text: &str) -> bool {
    // More than 30 words is text; counted no further than that.
    if text.split_whitespace().nth(30).is_some() {
        return false;
    }
    let lower = text.to_lowercase();
    lower.contains('©')
        || lower.starts_with("(c)")
        || lower.starts_with("copyright")
        || lower.contains("все права защищены")
        || lower.contains("all rights reserved")
}

/// Emoji and pictographs with no words: a clock, a magnifying glass, share icons.
fn is_symbols_only(text: &str) -> bool {
    !text.chars().any(char::is_alphanumeric) && text.chars().any(is_pictograph)
}

fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{2190}'..='\u{2BFF}' | '\u{1F000}'..='\u{1FAFF}' | '\u{FE0F}' | '\u{200D}' | '\u{20E3}')
}

/// The paragraphs of a block of lines without blank lines between them.
fn paragraphs_of<'a>(block: &[Line<'a>]) -> Vec<Cow<'a, str>> {
    if block.is_empty() {
        return Vec::new();
    }
    if !is_hard_wrapped(block) {
        return block.iter().map(|line| Cow::Borrowed(line.text)).collect();
    }
    let width = block.iter().map(|line| line.text.chars().count()).max().unwrap_or(0);
    let min_indent = block.iter().map(|line| line.indent).min().unwrap_or(0);
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for (i, line) in block.iter().enumerate() {
        join_wrapped(&mut current, line.text);
        // Within wrapped text a paragraph ends at an indented line, or where a sentence ended on a
        // line that had room for more.
        let ends = match block.get(i + 1) {
            None => true,
            Some(next) => {
                next.indent > min_indent || (!is_full(line, next, width) && ends_sentence(line.text))
            }
        };
        if ends {
            paragraphs.push(Cow::Owned(std::mem::take(&mut current)));
        }
    }
    paragraphs
}

/// Lines cut by an editor at a fixed width: no longer than a screen, many of them full (the next
/// word would not have fitted) and the full ones mostly ending mid-sentence. Lines followed by an
/// indented line end a paragraph and say nothing either way. One-paragraph-per-line text has long
/// lines, or lines that end sentences.
fn is_hard_wrapped(block: &[Line]) -> bool {
    let width = block.iter().map(|line| line.text.chars().count()).max().unwrap_or(0);
    if block.len() < 2 || !(30..=120).contains(&width) {
        return false;
    }
    let min_indent = block.iter().map(|line| line.indent).min().unwrap_or(0);
    let (mut inner, mut full, mut open) = (0, 0, 0);
    for pair in block.windows(2).filter(|pair| pair[1].indent <= min_indent) {
        inner += 1;
        if is_full(&pair[0], &pair[1], width) {
            full += 1;
            open += usize::from(!ends_sentence(pair[0].text));
        }
    }
    let indented_starts = block.len() - 1 - inner;
    (indented_starts > 0 || full * 2 >= inner) && full > 0 && open * 2 >= full
}

/// Whether the next line's first word would not have fitted on this line.
fn is_full(line: &Line, next: &Line, width: usize) -> bool {
    let next_word = next.text.split_whitespace().next().map_or(0, |word| word.chars().count());
    line.text.chars().count() + 1 + next_word > width
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with(['.', '!', '?', '…', ':', '»', '"', '”'])
}

/// Joins a wrapped line on: with a space, or without one after a hyphen that splits a compound
/// ("российско-" + "японского").
fn join_wrapped(current: &mut String, next: &str) {
    if current.is_empty() {
        current.push_str(next);
        return;
    }
    let mut tail = current.chars().rev();
    let hyphenated = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphabetic);
    if !(hyphenated && next.chars().next().is_some_and(char::is_lowercase)) {
        current.push(' ');
    }
    current.push_str(next);
}

/// A backslash before what Markdown would read as markup, so the paragraph shows as written:
/// headings, quotes, list items, fences, rules, link definitions at its start, and HTML tags
/// anywhere (the renderer drops raw HTML, which would lose the text).
fn escape_markdown(paragraph: &str, out: &mut String) {
    let bytes = paragraph.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let after = |at: usize| bytes.get(at).is_none_or(|&b| b == b' ' || b == b'\t');
    let escape_at = match bytes.first() {
        Some(b'#' | b'>' | b'=' | b'|') => Some(0),
        Some(b'-' | b'*' | b'+') if after(1) => Some(0),
        Some(b'[') if paragraph.contains("]:") => Some(0),
        _ if ["---", "***", "___", "```", "~~~"].iter().any(|fence| paragraph.starts_with(fence)) => Some(0),
        _ if (1..=9).contains(&digits)
            && matches!(bytes.get(digits), Some(b'.' | b')'))
            && after(digits + 1) =>
        {
            Some(digits)
        }
        _ => None,
    };
    // Copied in runs between the places a backslash goes.
    let mut run = 0;
    if let Some(at) = escape_at {
        out.push_str(&paragraph[..at]);
        out.push('\\');
        run = at;
    }
    for (i, _) in paragraph.match_indices('<') {
        let tag_like =
            bytes.get(i + 1).is_some_and(|&n| n.is_ascii_alphabetic() || matches!(n, b'/' | b'!' | b'?'));
        if tag_like && Some(i) != escape_at {
            out.push_str(&paragraph[run..i]);
            out.push('\\');
            run = i;
        }
    }
    out.push_str(&paragraph[run..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> ArticleFields {
        parse(text).draft.fields
    }

    /// A readable dump of what matters in a text import.
    fn dump(imported: &Imported) -> String {
        let f = &imported.draft.fields;
        let mut out = format!(
            "headline: {}\nlanguage: {}\nlead: {}\nbody:\n{}",
            f.headline, f.language, f.lead, f.body
        );
        for link in &f.related {
            out.push_str(&format!("related: {} <{}>\n", link.title, link.url));
        }
        for warning in &imported.warnings {
            out.push_str(&format!("warning: {warning}\n"));
        }
        out
    }

    #[test]
    fn an_english_page_loses_its_chrome() {
        let text = "Home | News | World\n\
            Ministers meet in Tokyo to discuss trade\n\
            By Jane Doe\n\
            12 September 2016, 10:15\n\
            \n\
            The ministers of Russia and Japan met in Tokyo on Monday to discuss a plan for cooperation in the Far East.\n\
            The plan contains 18 items in five groups.\n\
            # 1 priority: the airport.\n\
            \n\
            Read more:\n\
            Russia and Japan sign a deal — https://example.com/deal.\n\
            Ministers to meet again in November\n\
            https://example.com/november\n\
            © 2016 Example News. All rights reserved.\n";
        expect_test::expect![[r#"
            headline: Ministers meet in Tokyo to discuss trade
            language: en
            lead: The ministers of Russia and Japan met in Tokyo on Monday to discuss a plan for cooperation in the Far East.
            body:
            The plan contains 18 items in five groups.

            \# 1 priority: the airport.
            related: Russia and Japan sign a deal <https://example.com/deal>
            related: Ministers to meet again in November <https://example.com/november>
            warning: left out short lines between the headline and the text: «By Jane Doe», «12 September 2016, 10:15»
        "#]]
        .assert_eq(&dump(&parse(text)));
    }

    /// Wraps a paragraph the way a text editor does: greedily, at `width` characters.
    fn wrap(paragraph: &str, width: usize) -> String {
        let mut out = String::new();
        let mut line_len = 0;
        for word in paragraph.split(' ') {
            let len = word.chars().count();
            if line_len > 0 && line_len + 1 + len > width {
                out.push('\n');
                line_len = 0;
            } else if line_len > 0 {
                out.push(' ');
                line_len += 1;
            }
            out.push_str(word);
            line_len += len;
        }
        out
    }

    const PARAGRAPHS: [&str; 4] = [
        "Мэр Хабаровска открыл в понедельник новый мост через Амур. Движение по нему начнётся после проверки, \
         которую проведут специалисты в течение двух недель.",
        "Строительство моста обошлось городу в двенадцать миллиардов рублей и заняло четыре года, \
         на год больше, чем обещали подрядчики.",
        "Часть средств выделил федеральный бюджет, часть — край; город платил за подъезды и освещение.",
        "Следующий мост, по словам мэра, появится не раньше чем через десять лет.",
    ];

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        for width in [50, 72, 80] {
            let wrapped: Vec<String> = PARAGRAPHS.iter().map(|p| wrap(p, width)).collect();
            let text = format!("Мэр открыл новый мост через Амур\n\n{}\n", wrapped.join("\n\n"));
            let f = fields(&text);
            assert_eq!(f.headline, "Мэр открыл новый мост через Амур");
            assert_eq!(f.lead, PARAGRAPHS[0], "width {width}");
            assert_eq!(f.body, format!("{}\n", PARAGRAPHS[1..].join("\n\n")), "width {width}");
        }
    }

    #[test]
    fn hard_wrapped_paragraphs_without_blank_lines_split_at_indents_and_short_lines() {
        let indented: Vec<String> = PARAGRAPHS.iter().map(|p| format!("    {}", wrap(p, 66))).collect();
        let text = format!("Мэр открыл новый мост через Амур\n{}\n", indented.join("\n"));
        let f = fields(&text);
        assert_eq!(f.lead, PARAGRAPHS[0]);
        assert_eq!(f.body, format!("{}\n", PARAGRAPHS[1..].join("\n\n")));

        let flush: Vec<String> = PARAGRAPHS.iter().map(|p| wrap(p, 66)).collect();
        let text = format!("Мэр открыл новый мост через Амур\n\n{}\n", flush.join("\n"));
        let f = fields(&text);
        assert_eq!(f.lead, PARAGRAPHS[0]);
        assert_eq!(f.body, format!("{}\n", PARAGRAPHS[1..].join("\n\n")));
    }

    #[test]
    fn wrapped_compounds_keep_their_hyphen() {
        let mut joined = String::from("специалисты российско-");
        join_wrapped(&mut joined, "японского консорциума");
        assert_eq!(joined, "специалисты российско-японского консорциума");
        let mut dash = String::from("Россия -");
        join_wrapped(&mut dash, "Япония");
        assert_eq!(dash, "Россия - Япония");
    }

    #[test]
    fn one_paragraph_per_line_is_kept_line_by_line() {
        let f = fields("Мэр открыл мост через Амур\nПервый абзац — лид.\nВторой абзац.\nТретий абзац.\n");
        assert_eq!(f.lead, "Первый абзац — лид.");
        assert_eq!(f.body, "Второй абзац.\n\nТретий абзац.\n");
    }

    #[test]
    fn windows_line_endings_read_like_unix_ones() {
        let unix = "Мэр открыл мост через Амур\n\nПервый абзац текста.\nВторой абзац текста.\n";
        let windows = unix.replace('\n', "\r\n");
        assert_eq!(parse(&windows), parse(unix));
        let old_mac = unix.replace('\n', "\r");
        assert_eq!(parse(&old_mac), parse(unix));
        assert!(!fields(&windows).body.contains('\r'));
    }

    #[test]
    fn related_links_take_their_titles() {
        let text = "Мэр открыл мост через Амур\n\
            Первый абзац текста.\n\
            Читайте также: Мост строили четыре года https://example.ru/most-4\n\
            Второй абзац текста.\n\
            Смотрите также\n\
            • Мост закроют на ремонт (https://example.ru/remont)\n\
            https://example.ru/bare\n\
            https://ru.wikipedia.org/wiki/Амур_(река).\n\
            Подпишитесь на наш канал\n\
            Это длинная фраза из двенадцати или даже больше слов, которая похожа на текст статьи.\n";
        let imported = parse(text);
        let f = &imported.draft.fields;
        assert_eq!(f.body, "Второй абзац текста.\n");
        let links: Vec<(&str, &str)> = f.related.iter().map(|r| (r.title.as_str(), r.url.as_str())).collect();
        assert_eq!(
            links,
            [
                ("Мост строили четыре года", "https://example.ru/most-4"),
                ("Мост закроют на ремонт", "https://example.ru/remont"),
                ("", "https://example.ru/bare"),
                ("", "https://ru.wikipedia.org/wiki/Амур_(река)"),
            ]
        );
        assert_eq!(
            imported.warnings,
            ["left out 1 paragraph(s) after «Смотрите также»: check that they are not part of the article"]
        );
    }

    #[test]
    fn a_related_box_above_the_article_is_skipped() {
        let text = "Мэр открыл мост через Амур\n\
            Читайте также:\n\
            Мост закроют на ремонт https://example.ru/remont\n\
            Пробки в центре\n\
            Мэр Хабаровска открыл в понедельник новый мост через Амур, движение начнётся через две недели.\n\
            Строительство моста обошлось городу в двенадцать миллиардов рублей и заняло четыре года.\n\
            \n\
            См. также:\n\
            Мост строили четыре года\n";
        let imported = parse(text);
        let f = &imported.draft.fields;
        assert!(f.lead.starts_with("Мэр Хабаровска открыл"), "{}", f.lead);
        assert_eq!(
            f.body,
            "Строительство моста обошлось городу в двенадцать миллиардов рублей и заняло четыре года.\n"
        );
        assert_eq!(
            f.related,
            [Related {
                title: "Мост закроют на ремонт".into(), url: "https://example.ru/remont".into()
            }]
        );
        assert_eq!(imported.warnings, Vec::<String>::new());
    }

    #[test]
    fn short_sentences_one_per_line_are_not_joined() {
        let text = "Bridge opens over the Amur river\n\
            The mayor of Khabarovsk opened a new bridge over the Amur on Monday.\n\
            Traffic will start after a two-week inspection by engineers.\n\
            The bridge cost the city twelve billion roubles and took four years.\n\
            The next bridge will not come for at least ten years, the mayor said.\n";
        let f = fields(text);
        assert_eq!(f.lead, "The mayor of Khabarovsk opened a new bridge over the Amur on Monday.");
        assert_eq!(f.body.matches("\n\n").count(), 2, "{}", f.body);
        assert_eq!(f.language, "en");
    }

    #[test]
    fn a_headline_that_ends_in_an_ellipsis_keeps_it() {
        let f = fields(
            "Мост через Амур откроют, но не скоро…\nМост через Амур откроют, но не скоро…\nПервый абзац.\nВторой абзац.\n",
        );
        assert_eq!(f.headline, "Мост через Амур откроют, но не скоро…");
        assert_eq!(f.lead, "Первый абзац.");
    }

    #[test]
    fn dates_and_credits_are_told_from_headlines() {
        for line in [
            "13 сентября 2016 года, 10:15",
            "Опубликовано 2 мая 2016",
            "Updated 5 May 2021",
            "Фото: пресс-служба края",
            "By Jane Doe",
        ] {
            assert!(is_short_line(line), "{line}");
        }
        for line in [
            "Саммит в Токио 15 декабря",
            "Decision on 5 bridges postponed",
            "Майор полиции 5 лет скрывал доход",
        ] {
            assert!(!is_short_line(line), "{line}");
        }
    }

    #[test]
    fn a_lead_that_starts_like_the_headline_stays_the_lead() {
        let f = fields(
            "Мэр открыл мост через Амур\nМэр открыл мост через Амур в понедельник, сообщила пресс-служба.\nВторой абзац.\n",
        );
        assert_eq!(f.headline, "Мэр открыл мост через Амур");
        assert_eq!(f.lead, "Мэр открыл мост через Амур в понедельник, сообщила пресс-служба.");
    }

    #[test]
    fn a_one_line_file_is_a_headline() {
        let f = fields("Мэр открыл мост через Амур");
        assert_eq!(
            (f.headline.as_str(), f.lead.as_str(), f.body.as_str()),
            ("Мэр открыл мост через Амур", "", "")
        );
        let short = parse("Срочно\n");
        assert_eq!(short.draft.fields.headline, "Срочно");
        assert_eq!(short.warnings, [headline::TOOK_FIRST_LINE]);
    }

    #[test]
    fn a_one_paragraph_file_gets_a_headline_from_its_first_sentence() {
        let paragraph = format!(
            "Мэр открыл мост через Амур. {}",
            "Движение начнётся через две недели после проверки. ".repeat(6)
        );
        let imported = parse(&paragraph);
        let f = &imported.draft.fields;
        assert_eq!(f.headline, "Мэр открыл мост через Амур");
        assert_eq!(f.lead, "");
        assert_eq!(f.body, format!("{}\n", paragraph.trim()));
        assert_eq!(imported.warnings, [headline::TOOK_FIRST_LINE]);
    }

    #[test]
    fn a_file_of_only_chrome_keeps_its_first_words() {
        let imported = parse("Сайт ХабаровскаХабаровск\u{2003}🔍\n🕛\n\n");
        let f = &imported.draft.fields;
        assert_eq!(f.headline, "Сайт ХабаровскаХабаровск");
        assert_eq!((f.lead.as_str(), f.body.as_str()), ("", ""));
        assert_eq!(imported.warnings, [headline::TOOK_FIRST_LINE]);
        let symbols = parse("🕛\n");
        assert_eq!(symbols.draft.fields.headline, "🕛");
    }

    #[test]
    fn a_repeated_site_name_is_not_the_headline() {
        let text = "Новости Хабаровского края\nМэр открыл мост через Амур\nПервый абзац.\nВторой абзац.\n\n\
                    Новости Хабаровского края\n";
        let f = fields(text);
        assert_eq!(f.headline, "Мэр открыл мост через Амур");
        // Only chrome before the headline is dropped: the footer copy stays (it is not clearly chrome).
        assert_eq!(f.body, "Второй абзац.\n\nНовости Хабаровского края\n");
    }

    #[test]
    fn a_truncated_copy_first_gives_way_to_the_whole_headline() {
        let f = fields(
            "Мэр открыл новый мост через…\nМэр открыл новый мост через Амур\nПервый абзац.\nВторой абзац.\n",
        );
        assert_eq!(f.headline, "Мэр открыл новый мост через Амур");
        assert_eq!(f.lead, "Первый абзац.");
    }

    #[test]
    fn markdown_syntax_in_plain_text_is_escaped() {
        for (paragraph, escaped) in [
            ("# не заголовок", "\\# не заголовок"),
            ("#хештег", "\\#хештег"),
            ("> не цитата", "\\> не цитата"),
            ("- не список", "\\- не список"),
            ("* не список", "\\* не список"),
            ("+ не список", "\\+ не список"),
            ("1. не список", "1\\. не список"),
            ("2016) не список", "2016\\) не список"),
            ("```", "\\```"),
            ("---", "\\---"),
            ("***", "\\***"),
            ("[1]: сноска", "\\[1]: сноска"),
            ("Тег <b>жирный</b> и a < b", "Тег \\<b>жирный\\</b> и a < b"),
            ("-5 градусов", "-5 градусов"),
            ("2016 год", "2016 год"),
            ("Обычный текст.", "Обычный текст."),
        ] {
            let mut out = String::new();
            escape_markdown(paragraph, &mut out);
            assert_eq!(out, escaped, "{paragraph}");
        }
    }

    #[test]
    fn control_characters_are_removed_with_a_warning() {
        let imported = parse("Мэр открыл мост через Амур\nПервый\u{1} абзац.\u{B}Второй абзац.\n");
        assert_eq!(imported.draft.fields.lead, "Первый абзац.");
        assert_eq!(imported.draft.fields.body, "Второй абзац.\n");
        assert_eq!(imported.warnings, ["removed 1 invisible control character(s) from the text"]);
    }

    #[test]
    fn the_marker_only_counts_on_its_own_line() {
        let f = fields("Мэр открыл мост через Амур\nПо теме мэр высказался ещё вчера.\nВторой абзац.\n");
        assert_eq!(f.lead, "По теме мэр высказался ещё вчера.");
        assert!(is_bare_marker("Также по теме:"));
        assert!(is_bare_marker("READ MORE"));
        assert!(is_bare_marker("📌 Читайте также…"));
        assert!(!is_bare_marker("По теме мэр высказался"));
    }

    /// The sample saved from a regional news site: the main data-driven test.
    #[test]
    fn the_galushka_sample_imports_clean() {
        let bytes = include_bytes!("../../../fixtures/galushka-seko-meeting.txt");
        let imported = crate::import(bytes, crate::Format::Text).unwrap();
        let f = &imported.draft.fields;
        assert_eq!(
            f.headline,
            "Вопросы российско-японского сотрудничества на Дальнем Востоке обсуждались на встрече Александра Галушки \
             с Министром экономики торговли и промышленности Японии (METI), Министром по делам сотрудничества с Россией \
             в области экономики Хиросигэ Сэко"
        );
        assert!(f.lead.starts_with("Вопросы активизации двустороннего сотрудничества"));
        assert!(f.lead.ends_with("2-3 сентября этого года."));
        let paragraphs: Vec<&str> = f.body.trim_end().split("\n\n").collect();
        assert_eq!(paragraphs.len(), 9);
        assert!(paragraphs[0].starts_with("Стороны согласовали план"));
        assert!(paragraphs[8].ends_with("Сигэру Мураямой."));
        let source = std::str::from_utf8(bytes).unwrap();
        for paragraph in &paragraphs {
            assert!(source.lines().any(|line| line == *paragraph), "not as in the file: {paragraph}");
        }
        for chrome in ["Сайт Хабаровска", "🕛", "🔍", "Также по теме", "Актуальные новости", "Министром по\n"]
        {
            let all = format!("{}\n{}\n{}\n", f.headline, f.lead, f.body);
            assert!(!all.contains(chrome), "{chrome}");
        }
        let start: String = f.headline.chars().take(60).collect();
        assert!(!f.body.contains(&start));
        assert_eq!(f.language, "ru");
        assert!(f.related.is_empty());
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);

        let id = "0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e".parse().unwrap();
        let at = "2016-09-13T10:00:00Z".parse().unwrap();
        let file = galley_model::markdown_file::write(id, f, at, at, true);
        expect_test::expect_file!["../test_data/galushka.expected.md"].assert_eq(&file);
    }

    /// The lines of `text`, for holding the work of its import to a multiple of them.
    fn work_per_line(text: &str) -> usize {
        let lines = text.lines().count();
        work::of(|| drop(parse(text))) / lines
    }

    #[test]
    fn many_copies_of_a_short_line_are_not_read_again_for_each() {
        // Each copy was a candidate headline that read every copy after it, then the rest of the
        // text for the line coming back: 400 KB took 2 s in a release build.
        let text = format!(
            "{}Другая строка текста здесь\nНовости края сегодня\n",
            "Новости края сегодня\n".repeat(5_000)
        );
        assert_eq!(fields(&text).headline, "Другая строка текста здесь");
        assert!(work_per_line(&text) <= 2 * MAX_COPIES, "{}", work_per_line(&text));
    }

    #[test]
    fn many_related_markers_before_the_text_are_read_once() {
        // Each marker looked again at every line before it for text: 400 KB took 6.5 s.
        let pair = "Читайте также\nФото: один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать\n";
        let text = format!("Мэр открыл мост через Амур сегодня\n{}", pair.repeat(2_000));
        let f = fields(&text);
        assert_eq!(f.headline, "Мэр открыл мост через Амур сегодня");
        assert!(f.body.starts_with("Фото: один два"), "{}", &f.body[..100]);
        assert!(work_per_line(&text) <= 4, "{}", work_per_line(&text));
    }

    #[test]
    fn a_related_url_ending_in_many_brackets_is_trimmed_once() {
        // Each `)` taken off the end counted every bracket again: 200 KB ran for over a minute.
        let text = format!(
            "Мэр открыл мост через Амур сегодня\nПервый абзац текста.\nЧитайте также\nhttps://x.ru/a{}\n",
            ")".repeat(20_000)
        );
        let imported = parse(&text);
        assert_eq!(imported.draft.fields.related[0].url, "https://x.ru/a");
        assert!(work::of(|| drop(parse(&text))) <= 3 * text.len());
    }

    #[test]
    fn line_breaks_of_every_kind_are_cleaned_in_one_copy() {
        // One pass now does what a copy with `\n` line endings and a second cleaned copy did.
        let mut warnings = Vec::new();
        assert_eq!(
            clean("a\r\r\nb\rc\u{2028}d\u{2029}e\u{B}f\u{FEFF}g\u{7}h\r", &mut warnings),
            "a\n\nb\nc\nd\n\ne\nfgh\n"
        );
        assert_eq!(warnings, ["removed 1 invisible control character(s) from the text"]);
    }

    #[test]
    fn empty_text_is_reported() {
        let imported = parse("\n \n");
        assert_eq!(imported.draft, Draft::default());
        assert_eq!(imported.warnings, ["the text is empty: there is nothing to import"]);
    }
}
