//! The pre-publish checklist: what a desk editor looks at before an article goes out.
//!
//! [`check`] returns [`Problem`]s, each pinned to a field ([`Place`]), a 1-based line and column
//! (counted in characters within that field's text; for the body, in the Markdown source as typed),
//! with a stable `code`, a short message saying what to do, the text found and, where the fix is
//! certain, what it should become. `galley-cli check` prints them and the desktop inspector jumps
//! to them.
//!
//! Codes:
//!
//! | code                | what                                                                       |
//! |---------------------|----------------------------------------------------------------------------|
//! | `typography`        | a change [`crate::typography::changes`] would make (fix: its replacement)   |
//! | `straight_quotes`   | a straight `"` in Russian or English prose that typography doesn't report  |
//! | `unbalanced_quotes` | a `«`/`»`, `„`/`“` or `“`/`”` without its pair in the same paragraph        |
//! | `hyphen_as_dash`    | ` - ` between words, unless typography reports it                          |
//! | `double_space`      | two or more spaces inside a line of prose (fix: one space)                 |
//! | `repeated_word`     | the same word twice in a row, ignoring case (fix: the word once)           |
//! | `headline_too_long` | more characters than [`CheckOptions::headline_limit`]                       |
//! | `empty_headline`    | no headline                                                                |
//! | `missing_lead`      | no lead                                                                    |
//! | `missing_alt_text`  | a Markdown image with empty alt text, or an HTML `<img>` without `alt`     |
//! | `unsafe_link`       | a link, image or related link that is not http(s), mailto, relative or `#` |
//! | `empty_link_text`   | a link with nothing to click                                               |
//! | `body_not_checked`  | a body over the renderer's node budget, shown unformatted and not checked  |
//! | `too_many`          | the last entry when the list was cut at [`MAX_PROBLEMS`]                   |
//!
//! Headline, dek and lead are plain text; the body is Markdown, parsed with the options the
//! renderer uses ([`crate::markdown_options`]). Prose checks look only at what a reader reads as
//! prose: never code blocks, inline code, raw HTML, link URLs or autolinks. Each paragraph,
//! heading and table cell is checked as one run of text (so a repeated word or a quote pair is
//! seen across `**bold**` and line breaks), and every character of a run remembers where in the
//! source it was typed, which is how positions survive container prefixes (`> `, `- `), escapes and
//! entities.
//!
//! Typography is the authority on what it covers: `straight_quotes`, `hyphen_as_dash` and
//! `double_space` are left out where a typography change touches the same text, so each thing is
//! listed once. Typography changes that would touch code or other non-prose text are dropped.
//!
//! Problems come ordered by place (headline, dek, lead, body, related), then line, then column.

mod body;
mod links;
mod prose;
#[cfg(test)]
mod tests;

use std::cell::Cell;

use galley_model::ArticleFields;
use serde::Serialize;

/// A field of an article, as a place a problem was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Place {
    Headline,
    Dek,
    Lead,
    Body,
    Related,
}

impl Place {
    /// Where the place comes in the checklist's order.
    fn rank(self) -> u8 {
        match self {
            Place::Headline => 0,
            Place::Dek => 1,
            Place::Lead => 2,
            Place::Body => 3,
            Place::Related => 4,
        }
    }
}

/// One problem a desk editor would want to see before publishing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Problem {
    pub place: Place,
    /// 1-based line and column (in characters) within the field.
    pub line: u32,
    pub column: u32,
    /// A stable code scripts and the app can branch on (`straight_quotes`, `repeated_word`, …).
    pub code: &'static str,
    pub message: String,
    /// The text the problem is about, and what it would become where the fix is certain.
    pub found: String,
    pub fix: Option<String>,
    /// For `typography`, which rule of [`crate::typography`] made the change (`quotes`, `dash`,
    /// `nbsp`, `ellipsis`, `minus`, `times`, `range`, `apostrophe`), so a front end can say it in
    /// its own language.
    pub rule: Option<&'static str>,
}

/// Limits the checklist applies.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The longest headline the section allows, in characters.
    pub headline_limit: usize,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions { headline_limit: 110 }
    }
}

/// The most problems [`check`] lists; past it, one `too_many` problem says how many more there are.
pub const MAX_PROBLEMS: usize = 500;

/// Checks an article.
pub fn check(fields: &ArticleFields, options: &CheckOptions) -> Vec<Problem> {
    let language = fields.language.as_str();
    let mut problems = Vec::new();

    let headline = Field::new(Place::Headline, &fields.headline);
    check_headline(&headline, options, &mut problems);
    prose::check_plain(&headline, language, &mut problems);

    let dek = Field::new(Place::Dek, &fields.dek);
    prose::check_plain(&dek, language, &mut problems);

    let lead = Field::new(Place::Lead, &fields.lead);
    if fields.lead.trim().is_empty() {
        problems.push(lead.problem(
            0,
            "missing_lead",
            "There is no lead: write the paragraph that tells the news.".to_owned(),
            fields.lead.clone(),
            None,
        ));
    }
    prose::check_plain(&lead, language, &mut problems);

    let body = Field::new(Place::Body, &fields.body);
    body::check_body(&body, language, &mut problems);

    for (index, related) in fields.related.iter().enumerate() {
        if let Some(scheme) = links::unsafe_scheme(&related.url) {
            problems.push(Problem {
                place: Place::Related,
                line: to_u32(index + 1),
                column: 1,
                code: "unsafe_link",
                message: links::unsafe_message("Related link", &scheme),
                found: related.url.clone(),
                fix: None,
                rule: None,
            });
        }
    }

    problems.sort_by_key(|p| (p.place.rank(), p.line, p.column));
    cap(&mut problems);
    problems
}

fn check_headline(headline: &Field<'_>, options: &CheckOptions, out: &mut Vec<Problem>) {
    let trimmed = headline.text.trim();
    if trimmed.is_empty() {
        out.push(headline.problem(
            0,
            "empty_headline",
            "There is no headline: write one.".to_owned(),
            headline.text.to_owned(),
            None,
        ));
        return;
    }
    let length = trimmed.chars().count();
    if length > options.headline_limit {
        let lead_ws = headline.text.len() - headline.text.trim_start().len();
        let over = trimmed.char_indices().nth(options.headline_limit).map_or(trimmed.len(), |(i, _)| i);
        out.push(headline.problem(
            lead_ws + over,
            "headline_too_long",
            format!(
                "The headline is {length} characters long; the limit is {}: cut {} characters.",
                options.headline_limit,
                length - options.headline_limit
            ),
            trimmed[over..].to_owned(),
            None,
        ));
    }
}

/// Cuts the list at [`MAX_PROBLEMS`], ending it with a `too_many` problem placed where the first
/// left-off problem was (so the order holds).
fn cap(problems: &mut Vec<Problem>) {
    if problems.len() <= MAX_PROBLEMS {
        return;
    }
    let more = problems.len() - MAX_PROBLEMS;
    let first_left_off = &problems[MAX_PROBLEMS];
    let note = Problem {
        place: first_left_off.place,
        line: first_left_off.line,
        column: first_left_off.column,
        code: "too_many",
        message: format!(
            "{more} more problem{} not listed: fix the ones above and check again.",
            if more == 1 { " is" } else { "s are" }
        ),
        found: String::new(),
        fix: None,
        rule: None,
    };
    problems.truncate(MAX_PROBLEMS);
    problems.push(note);
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A field's text with its lines indexed, to turn byte offsets into lines and columns.
pub(super) struct Field<'a> {
    pub(super) place: Place,
    pub(super) text: &'a str,
    /// Byte offset where each line starts (after `\n`, `\r\n` or a lone `\r`, as CommonMark counts).
    line_starts: Vec<usize>,
    /// The last offset asked about and its column, so walking along a long line stays linear.
    last: Cell<(usize, usize)>,
}

impl<'a> Field<'a> {
    pub(super) fn new(place: Place, text: &'a str) -> Field<'a> {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                line_starts.push(i + 1);
            }
        }
        Field { place, text, line_starts, last: Cell::new((0, 1)) }
    }

    /// The 1-based line and character column of a byte offset (clamped into the text).
    pub(super) fn position(&self, offset: usize) -> (u32, u32) {
        let offset = floor_boundary(self.text, offset);
        let line = self.line_starts.partition_point(|&start| start <= offset).max(1);
        let start = self.line_starts[line - 1].min(offset);
        let column = match self.last.get() {
            (last, column) if start <= last && last <= offset => {
                column + self.text[last..offset].chars().count()
            }
            _ => self.text[start..offset].chars().count() + 1,
        };
        self.last.set((offset, column));
        (to_u32(line), to_u32(column))
    }

    /// The byte offset of a 1-based line and 1-based byte column, as comrak reports them.
    pub(super) fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        floor_boundary(self.text, start + column.saturating_sub(1))
    }

    /// The rest of the line a byte offset is on, without the line ending.
    pub(super) fn rest_of_line(&self, offset: usize) -> &'a str {
        let offset = floor_boundary(self.text, offset);
        let rest = &self.text[offset..];
        &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())]
    }

    pub(super) fn problem(
        &self,
        offset: usize,
        code: &'static str,
        message: String,
        found: String,
        fix: Option<String>,
    ) -> Problem {
        let (line, column) = self.position(offset);
        Problem { place: self.place, line, column, code, message, found, fix, rule: None }
    }
}

/// The largest char boundary of `text` at or before `offset`.
pub(super) fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
