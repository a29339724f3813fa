//! The query language: what a user types in the search box, turned into a [`Query`].
//!
//! - Words must all match; each is looked up by its index term, so any inflection matches
//!   (`форум` finds `форума`). A typed token that splits into several words
//!   (`российско-японского`, `ВЭФ-2016`) must match as a phrase.
//! - `"quoted words"` match as a phrase (`«…»`, `“…”` and `„…“` work too); an unclosed quote runs
//!   to the end of the input.
//! - `word*` matches every word that starts with it; prefixes shorter than two letters are dropped
//!   silently, since they would match nearly everything.
//! - `-word`, `-"phrase"`, `-(group)` and `NOT word` exclude; a search of exclusions alone is
//!   refused, because the index cannot list "everything but".
//! - `OR` / `ИЛИ` join the items on each side and bind tighter than the implicit AND:
//!   `a b OR c` is `a AND (b OR c)`. `AND` / `И` are accepted and change nothing. Operators
//!   are recognised only in capitals; lowercase `or`, `and`, `и` are words. An operator with
//!   nothing to join is ignored, and a search made only of operators looks for them as words.
//! - Parentheses group. They never cause an error: a stray `)` is ignored, an unclosed `(` closes
//!   at the end, and nesting deeper than [`MAX_DEPTH`] just stops grouping.
//! - Filters `key:value` (value may be quoted): `tag:`/`тег:`, `status:`/`статус:`,
//!   `section:`/`раздел:`, `lang:`/`язык:`, `after:`/`после:`, `before:`/`до:`. They always
//!   all apply, so they cannot be excluded or joined with `OR`. `tag: Япония` (value after a
//!   space) works too. Any other `foo:bar` (`10:30`) is plain words.
//!
//! Parsing never panics and runs in linear time; it fails only with a [`ParseError`] whose
//! message tells a person what to change. It produces index terms, never FTS5 syntax: quoting
//! for SQLite is the store's job.

use std::borrow::Cow;

use galley_model::article::normalize_language;
use galley_model::markdown_file::parse_time;
use galley_model::{Status, TagName, TagNameError};

use crate::analysis::{fold, term, words};

/// Most terms a search may hold, counting every word of phrases and exclusions.
pub const MAX_TERMS: usize = 32;

/// Deepest nesting of parentheses that groups; deeper ones are ignored, which bounds recursion.
pub const MAX_DEPTH: usize = 8;

/// What to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// One index term; `prefix` matches every term that starts with it.
    Term {
        term: String,
        prefix: bool,
    },
    /// Terms next to each other, in order.
    Phrase(Vec<String>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    /// `left` without `right` (`сахалин -хоккайдо`).
    Not {
        left: Box<Expr>,
        right: Box<Expr>,
    },
}

/// A condition on an article's fields rather than its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// The tag's key (lowercased name); matches the tag and every tag below it.
    Tag(String),
    Status(Status),
    /// Section name, compared case-insensitively.
    Section(String),
    Language(String),
    /// Updated at or after this moment.
    After(jiff::Timestamp),
    /// Updated before this moment.
    Before(jiff::Timestamp),
}

/// A parsed search.
///
/// No `expr` and no `filters` means everything; filters alone mean a filtered list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub expr: Option<Expr>,
    pub filters: Vec<Filter>,
}

/// A search that cannot be run, with a message that says what to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

impl ParseError {
    fn new(message: impl Into<String>) -> ParseError {
        ParseError(message.into())
    }
}

/// Parses what the user typed.
pub fn parse(input: &str) -> Result<Query, ParseError> {
    let parsed = parse_with(input, true)?;
    if parsed.query.expr.is_none() && parsed.query.filters.is_empty() && parsed.saw_operator {
        // `OR` or `AND (` alone: the user is more likely looking for the word than for nothing.
        return Ok(parse_with(input, false)?.query);
    }
    Ok(parsed.query)
}

struct Parsed {
    query: Query,
    saw_operator: bool,
}

fn parse_with(input: &str, operators: bool) -> Result<Parsed, ParseError> {
    let tokens = Lexer { input, pos: 0, operators }.tokens();
    let mut parser = Parser { tokens: tokens.into_iter(), ..Parser::default() };
    let group = parser.group(0, false)?;
    let positive = and_of(group.positives);
    let expr = match (positive, or_of(group.negatives)) {
        (None, None) => None,
        (Some(left), None) => Some(left),
        (Some(left), Some(right)) => Some(Expr::Not { left: Box::new(left), right: Box::new(right) }),
        (None, Some(_)) if parser.filters.is_empty() => {
            return Err(ParseError::new(
                "A search can't only exclude words: add a word to look for besides the excluded ones.",
            ));
        }
        (None, Some(_)) => {
            return Err(ParseError::new(
                "Filters can't be combined with excluded words alone: add a word to look for besides \
                 the excluded ones.",
            ));
        }
    };
    Ok(Parsed { query: Query { expr, filters: parser.filters }, saw_operator: parser.saw_operator })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    And,
    Or,
    Not,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FilterKey {
    Tag,
    Status,
    Section,
    Language,
    After,
    Before,
}

impl FilterKey {
    fn from_typed(key: &str) -> Option<FilterKey> {
        // Keys are short; anything longer is not worth lowercasing.
        if key.is_empty() || key.len() > 24 {
            return None;
        }
        Some(match key.to_lowercase().as_str() {
            "tag" | "tags" | "тег" | "теги" => FilterKey::Tag,
            "status" | "статус" => FilterKey::Status,
            "section" | "раздел" | "рубрика" => FilterKey::Section,
            "lang" | "language" | "язык" => FilterKey::Language,
            "after" | "since" | "после" => FilterKey::After,
            "before" | "until" | "до" => FilterKey::Before,
            _ => return None,
        })
    }
}

#[derive(Debug)]
enum Token<'a> {
    Word { text: &'a str, negated: bool },
    Quoted { text: &'a str, negated: bool },
    Open { negated: bool },
    Close,
    Op(Op),
    Filter { key: FilterKey, typed_key: &'a str, value: &'a str, negated: bool },
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„')
}

fn ends_run(c: char) -> bool {
    c.is_whitespace() || is_quote(c) || c == '(' || c == ')'
}

struct Lexer<'a> {
    input: &'a str,
    pos: usize,
    operators: bool,
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<char> {
        self.input[self.pos..].chars().next()
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    fn skip_whitespace(&mut self) {
        let rest = &self.input[self.pos..];
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// The text up to the next quote (consumed) or the end; the opening quote is already consumed.
    fn quoted(&mut self) -> &'a str {
        let rest = &self.input[self.pos..];
        match rest.char_indices().find(|&(_, c)| is_quote(c)) {
            Some((at, quote)) => {
                self.pos += at + quote.len_utf8();
                &rest[..at]
            }
            None => {
                self.pos = self.input.len();
                rest
            }
        }
    }

    fn run(&mut self) -> &'a str {
        let rest = &self.input[self.pos..];
        let end = rest.find(ends_run).unwrap_or(rest.len());
        self.pos += end;
        &rest[..end]
    }

    fn tokens(mut self) -> Vec<Token<'a>> {
        let mut tokens = Vec::new();
        loop {
            self.skip_whitespace();
            let mut negated = false;
            while self.peek() == Some('-') {
                self.bump();
                negated = true;
            }
            let Some(c) = self.peek() else { break };
            if is_quote(c) {
                self.bump();
                tokens.push(Token::Quoted { text: self.quoted(), negated });
            } else if c == '(' {
                self.bump();
                tokens.push(Token::Open { negated });
            } else if c == ')' {
                self.bump();
                tokens.push(Token::Close);
            } else if !c.is_whitespace() {
                let run = self.run();
                tokens.push(self.classify(run, negated));
            }
        }
        tokens
    }

    fn classify(&mut self, run: &'a str, negated: bool) -> Token<'a> {
        if self.operators && !negated {
            match run {
                "OR" | "ИЛИ" => return Token::Op(Op::Or),
                "AND" | "И" => return Token::Op(Op::And),
                "NOT" => return Token::Op(Op::Not),
                _ => {}
            }
        }
        if let Some((typed_key, value)) = run.split_once(':')
            && let Some(key) = FilterKey::from_typed(typed_key)
        {
            let value = if value.is_empty() { self.detached_value() } else { value };
            return Token::Filter { key, typed_key, value, negated };
        }
        Token::Word { text: run, negated }
    }

    /// The value of a filter typed as `tag:"…"` or `tag: value`; empty if there is none.
    fn detached_value(&mut self) -> &'a str {
        let start = self.pos;
        self.skip_whitespace();
        match self.peek() {
            Some(c) if is_quote(c) => {
                self.bump();
                return self.quoted();
            }
            Some(c) if start != self.pos && !ends_run(c) && c != '-' => {
                let before = self.pos;
                let run = self.run();
                let is_operator = matches!(run, "OR" | "ИЛИ" | "AND" | "И" | "NOT");
                if !run.contains(':') && !is_operator {
                    return run;
                }
                self.pos = before;
            }
            _ => {}
        }
        self.pos = start;
        ""
    }
}

/// Positive and excluded items of one level of grouping.
#[derive(Default)]
struct Group {
    positives: Vec<Expr>,
    negatives: Vec<Expr>,
}

#[derive(Default)]
struct Parser<'a> {
    tokens: std::vec::IntoIter<Token<'a>>,
    filters: Vec<Filter>,
    terms: usize,
    /// `(` past the nesting limit whose `)` must not close a real group.
    ignored_opens: usize,
    saw_operator: bool,
}

impl Parser<'_> {
    /// Parses items up to the `)` that closes this group (depth > 0) or the end; `excluded`
    /// when the group is inside an excluded one, where a filter would silently mean its opposite.
    fn group(&mut self, depth: usize, excluded: bool) -> Result<Group, ParseError> {
        let mut group = Group::default();
        let mut or_pending = false;
        let mut not_pending = false;
        // Whether the last thing seen was a positive item that a following OR may join.
        let mut joinable = false;
        let mut after_filter = false;
        while let Some(token) = self.tokens.next() {
            let (item, negated) = match token {
                Token::Close => {
                    if self.ignored_opens > 0 {
                        self.ignored_opens -= 1;
                    } else if depth > 0 {
                        break;
                    }
                    continue;
                }
                Token::Op(op) => {
                    self.saw_operator = true;
                    match op {
                        Op::And => {}
                        Op::Not => not_pending = true,
                        Op::Or if after_filter => return Err(or_with_filter()),
                        Op::Or => or_pending = true,
                    }
                    continue;
                }
                Token::Filter { key, typed_key, value, negated } => {
                    if negated || not_pending {
                        return Err(ParseError(format!(
                            "Filters can't be excluded: remove the “-” or NOT before “{typed_key}:”."
                        )));
                    }
                    if excluded {
                        return Err(ParseError(format!(
                            "Filters can't be excluded: move “{typed_key}:” out of the excluded group."
                        )));
                    }
                    if or_pending && joinable {
                        return Err(or_with_filter());
                    }
                    self.filters.push(filter(key, typed_key, value)?);
                    (or_pending, joinable, after_filter) = (false, false, true);
                    continue;
                }
                Token::Open { negated } => {
                    if depth >= MAX_DEPTH {
                        self.ignored_opens += 1;
                        continue;
                    }
                    let negated = negated || not_pending;
                    let inner = self.group(depth + 1, excluded || negated)?;
                    match and_of(inner.positives) {
                        Some(left) => (Some(not_of(left, or_of(inner.negatives))), negated),
                        None if negated => (None, true),
                        None => {
                            // `a (-b)` means `a -b`: the exclusions apply to the level above.
                            if !inner.negatives.is_empty() {
                                group.negatives.extend(inner.negatives);
                                (or_pending, joinable, not_pending) = (false, false, false);
                            }
                            continue;
                        }
                    }
                }
                Token::Word { text, negated } => (self.word(text)?, negated),
                Token::Quoted { text, negated } => (self.phrase(text)?, negated),
            };
            let negated = negated || std::mem::take(&mut not_pending);
            let Some(item) = item else { continue };
            after_filter = false;
            if negated {
                // `a OR -b` cannot be searched as such; it is read as `a -b`.
                group.negatives.push(item);
                (or_pending, joinable) = (false, false);
                continue;
            }
            match group.positives.pop() {
                Some(last) if or_pending && joinable => group.positives.extend(or_of(vec![last, item])),
                Some(last) => group.positives.extend([last, item]),
                None => group.positives.push(item),
            }
            (or_pending, joinable) = (false, true);
        }
        Ok(group)
    }

    fn count(&mut self, terms: usize) -> Result<(), ParseError> {
        self.terms += terms;
        if self.terms > MAX_TERMS {
            return Err(ParseError(format!("The search is too long: use at most {MAX_TERMS} words.")));
        }
        Ok(())
    }

    /// A typed token: one word, a phrase if analysis splits it, a prefix if it ends in `*`.
    fn word(&mut self, text: &str) -> Result<Option<Expr>, ParseError> {
        let body = text.trim_end_matches('*');
        let is_prefix = body.len() != text.len();
        let mut typed: Vec<&str> = Vec::new();
        for range in words(body) {
            // Counting as we go keeps a huge pasted token from being analysed in full.
            self.count(1)?;
            typed.push(&body[range]);
        }
        let prefix = match typed.pop() {
            Some(last) if is_prefix => prefix_term(last),
            Some(last) => {
                typed.push(last);
                None
            }
            None => None,
        };
        let exact = phrase_of(typed.into_iter().map(term).filter(|t| !t.is_empty()).collect());
        let prefix = prefix.map(|term| Expr::Term { term, prefix: true });
        Ok(match (exact, prefix) {
            (Some(exact), Some(prefix)) => Some(Expr::And(vec![exact, prefix])),
            (exact, prefix) => exact.or(prefix),
        })
    }

    fn phrase(&mut self, text: &str) -> Result<Option<Expr>, ParseError> {
        let mut terms = Vec::new();
        for range in words(text) {
            self.count(1)?;
            let term = term(&text[range]);
            if !term.is_empty() {
                terms.push(term);
            }
        }
        Ok(phrase_of(terms))
    }
}

fn or_with_filter() -> ParseError {
    ParseError::new(
        "OR joins words, not filters: every filter (tag:, status: and the others) always applies.",
    )
}

/// What an index term must start with to match `word*`: the index holds stems, and a stem can be
/// shorter than the typed word (`сотрудничества*` → `сотрудничеств`).
fn prefix_term(word: &str) -> Option<String> {
    let folded = fold(word);
    let stem = term(word);
    let common: String =
        folded.chars().zip(stem.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect();
    (common.chars().count() >= 2).then_some(common)
}

fn phrase_of(mut terms: Vec<String>) -> Option<Expr> {
    match terms.len() {
        0 => None,
        1 => terms.pop().map(|term| Expr::Term { term, prefix: false }),
        _ => Some(Expr::Phrase(terms)),
    }
}

fn not_of(left: Expr, right: Option<Expr>) -> Expr {
    match right {
        Some(right) => Expr::Not { left: Box::new(left), right: Box::new(right) },
        None => left,
    }
}

/// `And` of the items, flattened and without repeats; the item itself if there is one.
fn and_of(items: Vec<Expr>) -> Option<Expr> {
    let mut flat = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Expr::And(parts) => parts.into_iter().for_each(|part| push_new(&mut flat, part)),
            other => push_new(&mut flat, other),
        }
    }
    finish(flat, Expr::And)
}

/// `Or` of the items, flattened and without repeats; the item itself if there is one.
fn or_of(items: Vec<Expr>) -> Option<Expr> {
    let mut flat = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Expr::Or(parts) => parts.into_iter().for_each(|part| push_new(&mut flat, part)),
            other => push_new(&mut flat, other),
        }
    }
    finish(flat, Expr::Or)
}

fn push_new(items: &mut Vec<Expr>, item: Expr) {
    // At most MAX_TERMS items, so the linear search is cheap.
    if !items.contains(&item) {
        items.push(item);
    }
}

fn finish(mut items: Vec<Expr>, make: fn(Vec<Expr>) -> Expr) -> Option<Expr> {
    match items.len() {
        0 => None,
        1 => items.pop(),
        _ => Some(make(items)),
    }
}

fn status_list() -> String {
    let names: Vec<&str> = Status::ALL.iter().map(|status| status.as_str()).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

fn filter(key: FilterKey, typed_key: &str, value: &str) -> Result<Filter, ParseError> {
    let value = value.trim();
    if value.is_empty() {
        let k = typed_key;
        return Err(ParseError(match key {
            FilterKey::Tag => format!("Type a tag after “{k}:”, for example {k}:Япония."),
            FilterKey::Status => format!("Type a status after “{k}:”: {}.", status_list()),
            FilterKey::Section => {
                format!("Type a section after “{k}:”, for example {k}:экономика.")
            }
            FilterKey::Language => {
                format!("Type a language code after “{k}:”, for example {k}:ru.")
            }
            FilterKey::After | FilterKey::Before => {
                format!("Type a date after “{k}:”, for example {k}:2016-09-01.")
            }
        }));
    }
    match key {
        FilterKey::Tag => match TagName::parse(value) {
            Ok(name) => Ok(Filter::Tag(name.key())),
            Err(TagNameError::Empty) => {
                Err(ParseError(format!("Type a tag after “{typed_key}:”, for example {typed_key}:Япония.")))
            }
            Err(TagNameError::TooLong(_)) => Err(ParseError::new(format!(
                "That tag is too long: tag names have at most {} characters.",
                galley_model::tag::MAX_TAG_CHARS
            ))),
            Err(TagNameError::ControlCharacter(_)) => {
                Err(ParseError::new("A tag name can't contain control characters."))
            }
        },
        FilterKey::Status => value
            .parse::<Status>()
            .map(Filter::Status)
            .map_err(|_| ParseError(format!("“{}” is not a status: use {}.", shorten(value), status_list()))),
        FilterKey::Section => {
            let section: Vec<&str> = value.split_whitespace().collect();
            Ok(Filter::Section(section.join(" ").to_lowercase()))
        }
        FilterKey::Language => normalize_language(value).map(Filter::Language).ok_or_else(|| {
            ParseError(format!("“{}” is not a language code: use one like ru or en.", shorten(value)))
        }),
        FilterKey::After => date(value).map(Filter::After).ok_or_else(|| bad_date(typed_key, value)),
        FilterKey::Before => date(value).map(Filter::Before).ok_or_else(|| bad_date(typed_key, value)),
    }
}

fn bad_date(typed_key: &str, value: &str) -> ParseError {
    ParseError(format!(
        "“{}” is not a date: write {typed_key}:2016-09-01, {typed_key}:2016-09 or {typed_key}:2016.",
        shorten(value)
    ))
}

/// A value quoted back in a message, cut so that a pasted page does not fill the error.
fn shorten(value: &str) -> Cow<'_, str> {
    const MAX: usize = 40;
    match value.char_indices().nth(MAX) {
        Some((at, _)) => Cow::Owned(format!("{}…", &value[..at])),
        None => Cow::Borrowed(value),
    }
}

/// The moment a typed date starts: `2016`, `2016-09`, `2016-09-01` (also `01.09.2016`), or
/// anything `parse_time` reads. A year or month means its first day, for `before:` as well
/// (`before:2016-09` is before September), midnight UTC like bare dates elsewhere in Galley.
fn date(value: &str) -> Option<jiff::Timestamp> {
    let number = |text: &str| -> Option<i16> {
        if text.is_empty() || text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.parse().ok()
    };
    let day = |year: &str, month: &str, day: &str| -> Option<jiff::Timestamp> {
        if year.len() != 4 || month.len() > 2 || day.len() > 2 {
            return None;
        }
        let (year, month, day) = (number(year)?, number(month)?, number(day)?);
        let date = jiff::civil::Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
        date.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok().map(|zoned| zoned.timestamp())
    };
    let parts: Vec<&str> = value.split(['-', '.']).collect();
    match parts.as_slice() {
        [year] if year.len() == 4 => day(year, "1", "1"),
        [year, month] if value.contains('-') => day(year, month, "1"),
        [d, m, y] if value.contains('.') => day(y, m, d),
        _ => parse_time(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(term: &str) -> Expr {
        Expr::Term { term: term.to_owned(), prefix: false }
    }

    /// One line per input: the query or the error, compact enough to read as a table.
    fn show(inputs: &[&str]) -> String {
        let mut out = String::new();
        for input in inputs {
            let shown = match parse(input) {
                Ok(query) => format!("{query:?}"),
                Err(error) => format!("Err({error})"),
            };
            out.push_str(&format!("{input:?} => {shown}\n"));
        }
        out
    }

    #[test]
    fn words_phrases_and_prefixes() {
        expect_test::expect![[r#"
            "Галушка" => Query { expr: Some(Term { term: "галушк", prefix: false }), filters: [] }
            "сотрудничество инвесторов" => Query { expr: Some(And([Term { term: "сотрудничеств", prefix: false }, Term { term: "инвестор", prefix: false }])), filters: [] }
            "российско-японского" => Query { expr: Some(Phrase(["российск", "японск"])), filters: [] }
            "ВЭФ-2016" => Query { expr: Some(Phrase(["вэф", "2016"])), filters: [] }
            "\"японских инвесторов\"" => Query { expr: Some(Phrase(["японск", "инвестор"])), filters: [] }
            "«Дальний Восток»" => Query { expr: Some(Phrase(["дальн", "восток"])), filters: [] }
            "\"форума\"" => Query { expr: Some(Term { term: "форум", prefix: false }), filters: [] }
            "\"unclosed phrase" => Query { expr: Some(Phrase(["unclos", "phrase"])), filters: [] }
            "сотруд*" => Query { expr: Some(Term { term: "сотруд", prefix: true }), filters: [] }
            "сотрудничества*" => Query { expr: Some(Term { term: "сотрудничеств", prefix: true }), filters: [] }
            "happy*" => Query { expr: Some(Term { term: "happ", prefix: true }), filters: [] }
            "ВЭФ-201*" => Query { expr: Some(And([Term { term: "вэф", prefix: false }, Term { term: "201", prefix: true }])), filters: [] }
            "я*" => Query { expr: None, filters: [] }
            "*" => Query { expr: None, filters: [] }
            "10:30" => Query { expr: Some(Phrase(["10", "30"])), filters: [] }
            "METI:" => Query { expr: Some(Term { term: "meti", prefix: false }), filters: [] }
            "Галушка галушки" => Query { expr: Some(Term { term: "галушк", prefix: false }), filters: [] }
            "за\u{301}мок ёлка" => Query { expr: Some(And([Term { term: "замок", prefix: false }, Term { term: "елк", prefix: false }])), filters: [] }
        "#]].assert_eq(&show(&[
            "Галушка",
            "сотрудничество инвесторов",
            "российско-японского",
            "ВЭФ-2016",
            "\"японских инвесторов\"",
            "«Дальний Восток»",
            "\"форума\"",
            "\"unclosed phrase",
            "сотруд*",
            "сотрудничества*",
            "happy*",
            "ВЭФ-201*",
            "я*",
            "*",
            "10:30",
            "METI:",
            "Галушка галушки",
            "за́мок ёлка",
        ]));
    }

    #[test]
    fn operators_groups_and_exclusions() {
        expect_test::expect![[r#"
            "сахалин -хоккайдо" => Query { expr: Some(Not { left: Term { term: "сахалин", prefix: false }, right: Term { term: "хоккайд", prefix: false } }), filters: [] }
            "сахалин -хоккайдо -\"курильские острова\"" => Query { expr: Some(Not { left: Term { term: "сахалин", prefix: false }, right: Or([Term { term: "хоккайд", prefix: false }, Phrase(["курильск", "остров"])]) }), filters: [] }
            "сахалин NOT хоккайдо" => Query { expr: Some(Not { left: Term { term: "сахалин", prefix: false }, right: Term { term: "хоккайд", prefix: false } }), filters: [] }
            "a b OR c" => Query { expr: Some(And([Term { term: "a", prefix: false }, Or([Term { term: "b", prefix: false }, Term { term: "c", prefix: false }])])), filters: [] }
            "a OR b c OR d" => Query { expr: Some(And([Or([Term { term: "a", prefix: false }, Term { term: "b", prefix: false }]), Or([Term { term: "c", prefix: false }, Term { term: "d", prefix: false }])])), filters: [] }
            "a ИЛИ b ИЛИ c" => Query { expr: Some(Or([Term { term: "a", prefix: false }, Term { term: "b", prefix: false }, Term { term: "c", prefix: false }])), filters: [] }
            "(a b) OR c" => Query { expr: Some(Or([And([Term { term: "a", prefix: false }, Term { term: "b", prefix: false }]), Term { term: "c", prefix: false }])), filters: [] }
            "a -(b c)" => Query { expr: Some(Not { left: Term { term: "a", prefix: false }, right: And([Term { term: "b", prefix: false }, Term { term: "c", prefix: false }]) }), filters: [] }
            "a (b -c)" => Query { expr: Some(And([Term { term: "a", prefix: false }, Not { left: Term { term: "b", prefix: false }, right: Term { term: "c", prefix: false } }])), filters: [] }
            "a (-b)" => Query { expr: Some(Not { left: Term { term: "a", prefix: false }, right: Term { term: "b", prefix: false } }), filters: [] }
            "a OR -b" => Query { expr: Some(Not { left: Term { term: "a", prefix: false }, right: Term { term: "b", prefix: false } }), filters: [] }
            "a AND b И c" => Query { expr: Some(And([Term { term: "a", prefix: false }, Term { term: "b", prefix: false }, Term { term: "c", prefix: false }])), filters: [] }
            "a and b or c и d" => Query { expr: Some(And([Term { term: "a", prefix: false }, Term { term: "and", prefix: false }, Term { term: "b", prefix: false }, Term { term: "or", prefix: false }, Term { term: "c", prefix: false }, Term { term: "и", prefix: false }, Term { term: "d", prefix: false }])), filters: [] }
            "a OR" => Query { expr: Some(Term { term: "a", prefix: false }), filters: [] }
            "OR b" => Query { expr: Some(Term { term: "b", prefix: false }), filters: [] }
            "OR" => Query { expr: Some(Term { term: "or", prefix: false }), filters: [] }
            "AND (" => Query { expr: Some(Term { term: "and", prefix: false }), filters: [] }
            "NOT" => Query { expr: Some(Term { term: "not", prefix: false }), filters: [] }
            "a OR OR b" => Query { expr: Some(Or([Term { term: "a", prefix: false }, Term { term: "b", prefix: false }])), filters: [] }
            "(((a)))" => Query { expr: Some(Term { term: "a", prefix: false }), filters: [] }
            "-хоккайдо" => Err(A search can't only exclude words: add a word to look for besides the excluded ones.)
            "-хоккайдо tag:Япония" => Err(Filters can't be combined with excluded words alone: add a word to look for besides the excluded ones.)
            "OR -b" => Err(A search can't only exclude words: add a word to look for besides the excluded ones.)
            "a a" => Query { expr: Some(Term { term: "a", prefix: false }), filters: [] }
        "#]].assert_eq(&show(&[
            "сахалин -хоккайдо",
            "сахалин -хоккайдо -\"курильские острова\"",
            "сахалин NOT хоккайдо",
            "a b OR c",
            "a OR b c OR d",
            "a ИЛИ b ИЛИ c",
            "(a b) OR c",
            "a -(b c)",
            "a (b -c)",
            "a (-b)",
            "a OR -b",
            "a AND b И c",
            "a and b or c и d",
            "a OR",
            "OR b",
            "OR",
            "AND (",
            "NOT",
            "a OR OR b",
            "(((a)))",
            "-хоккайдо",
            "-хоккайдо tag:Япония",
            "OR -b",
            "a a",
        ]));
    }

    #[test]
    fn filters() {
        expect_test::expect![[r#"
            "tag:Япония" => Query { expr: None, filters: [Tag("япония")] }
            "tag:\"Дальний Восток\" инвестиции" => Query { expr: Some(Term { term: "инвестиц", prefix: false }), filters: [Tag("дальний восток")] }
            "тег:«регионы / Хабаровск»" => Query { expr: None, filters: [Tag("регионы/хабаровск")] }
            "tag: Япония" => Query { expr: None, filters: [Tag("япония")] }
            "status:Ready" => Query { expr: None, filters: [Status(Ready)] }
            "статус:готово" => Err(“готово” is not a status: use draft, editing, ready, published or spiked.)
            "section: Экономика " => Query { expr: None, filters: [Section("экономика")] }
            "раздел:\"Экономика  и финансы\"" => Query { expr: None, filters: [Section("экономика и финансы")] }
            "lang:RU" => Query { expr: None, filters: [Language("ru")] }
            "язык:русский" => Err(“русский” is not a language code: use one like ru or en.)
            "after:2016-09-01" => Query { expr: None, filters: [After(2016-09-01T00:00:00Z)] }
            "after:2016-09" => Query { expr: None, filters: [After(2016-09-01T00:00:00Z)] }
            "before:2016" => Query { expr: None, filters: [Before(2016-01-01T00:00:00Z)] }
            "до:01.09.2016" => Query { expr: None, filters: [Before(2016-09-01T00:00:00Z)] }
            "после:2016-09-01T10:30:00Z" => Query { expr: None, filters: [After(2016-09-01T10:30:00Z)] }
            "after:2016-13" => Err(“2016-13” is not a date: write after:2016-09-01, after:2016-09 or after:2016.)
            "after:вчера" => Err(“вчера” is not a date: write after:2016-09-01, after:2016-09 or after:2016.)
            "before:2016-02-30" => Err(“2016-02-30” is not a date: write before:2016-09-01, before:2016-09 or before:2016.)
            "tag:a OR tag:b" => Err(OR joins words, not filters: every filter (tag:, status: and the others) always applies.)
            "tag:a OR b" => Err(OR joins words, not filters: every filter (tag:, status: and the others) always applies.)
            "a OR tag:b" => Err(OR joins words, not filters: every filter (tag:, status: and the others) always applies.)
            "-tag:a b" => Err(Filters can't be excluded: remove the “-” or NOT before “tag:”.)
            "b -(tag:a c)" => Err(Filters can't be excluded: move “tag:” out of the excluded group.)
            "NOT status:ready b" => Err(Filters can't be excluded: remove the “-” or NOT before “status:”.)
            "Tag:Япония STATUS:draft" => Query { expr: None, filters: [Tag("япония"), Status(Draft)] }
        "#]].assert_eq(&show(&[
            "tag:Япония",
            "tag:\"Дальний Восток\" инвестиции",
            "тег:«регионы / Хабаровск»",
            "tag: Япония",
            "status:Ready",
            "статус:готово",
            "section: Экономика ",
            "раздел:\"Экономика  и финансы\"",
            "lang:RU",
            "язык:русский",
            "after:2016-09-01",
            "after:2016-09",
            "before:2016",
            "до:01.09.2016",
            "после:2016-09-01T10:30:00Z",
            "after:2016-13",
            "after:вчера",
            "before:2016-02-30",
            "tag:a OR tag:b",
            "tag:a OR b",
            "a OR tag:b",
            "-tag:a b",
            "b -(tag:a c)",
            "NOT status:ready b",
            "Tag:Япония STATUS:draft",
        ]));
    }

    #[test]
    fn odd_input_never_fails_badly() {
        let long_word = "я".repeat(10_000);
        let long_text = "слово ".repeat(2_000);
        let parens = "(".repeat(10_000);
        expect_test::expect![[r#"
            "" => Query { expr: None, filters: [] }
            "   " => Query { expr: None, filters: [] }
            "\"" => Query { expr: None, filters: [] }
            "\"\"\"" => Query { expr: None, filters: [] }
            "AND (" => Query { expr: Some(Term { term: "and", prefix: false }), filters: [] }
            "*" => Query { expr: None, filters: [] }
            "-" => Query { expr: None, filters: [] }
            "- -" => Query { expr: None, filters: [] }
            "--a" => Err(A search can't only exclude words: add a word to look for besides the excluded ones.)
            "NEAR(" => Query { expr: Some(Term { term: "near", prefix: false }), filters: [] }
            ")" => Query { expr: None, filters: [] }
            "((((" => Query { expr: None, filters: [] }
            "))a((" => Query { expr: Some(Term { term: "a", prefix: false }), filters: [] }
            "a OR" => Query { expr: Some(Term { term: "a", prefix: false }), filters: [] }
            "OR b" => Query { expr: Some(Term { term: "b", prefix: false }), filters: [] }
            "🙂" => Query { expr: None, filters: [] }
            "🙂 ❤\u{fe0f} ✨" => Query { expr: None, filters: [] }
            "!!! ... ,,," => Query { expr: None, filters: [] }
            "tag:" => Err(Type a tag after “tag:”, for example tag:Япония.)
            "tag:\"\"" => Err(Type a tag after “tag:”, for example tag:Япония.)
            "tag:\"" => Err(Type a tag after “tag:”, for example tag:Япония.)
            "status:" => Err(Type a status after “status:”: draft, editing, ready, published or spiked.)
            "a\0b" => Query { expr: Some(Phrase(["a", "b"])), filters: [] }
            "\0" => Query { expr: None, filters: [] }
            "\\" => Query { expr: None, filters: [] }
            "a:b:c" => Query { expr: Some(Phrase(["a", "b", "c"])), filters: [] }
            "tag:a\u{7}b" => Err(A tag name can't contain control characters.)
        "#]]
        .assert_eq(&show(&[
            "",
            "   ",
            "\"",
            "\"\"\"",
            "AND (",
            "*",
            "-",
            "- -",
            "--a",
            "NEAR(",
            ")",
            "((((",
            "))a((",
            "a OR",
            "OR b",
            "🙂",
            "🙂 ❤️ ✨",
            "!!! ... ,,,",
            "tag:",
            "tag:\"\"",
            "tag:\"",
            "status:",
            "a\0b",
            "\0",
            "\\",
            "a:b:c",
            "tag:a\u{7}b",
        ]));
        let cut = "я".repeat(crate::analysis::MAX_TERM_CHARS);
        assert_eq!(parse(&long_word), Ok(Query { expr: Some(t(&term(&cut))), filters: vec![] }));
        assert_eq!(
            parse(&long_text),
            Err(ParseError("The search is too long: use at most 32 words.".to_owned()))
        );
        assert_eq!(parse(&parens), Ok(Query::default()));
        assert_eq!(parse(&format!("{parens} a")), Ok(Query { expr: Some(t("a")), filters: vec![] }));
    }

    #[test]
    fn term_limit_counts_every_word() {
        let words: Vec<String> = (0..32).map(|n| format!("w{n}")).collect();
        assert!(parse(&words.join(" ")).is_ok());
        let too_many = format!("{} -x", words.join(" "));
        assert_eq!(
            parse(&too_many),
            Err(ParseError("The search is too long: use at most 32 words.".to_owned()))
        );
        let phrase = format!("\"{}\" y", words.join(" "));
        assert!(parse(&phrase).is_err());
    }

    #[test]
    fn big_inputs_parse_quickly() {
        let inputs = [
            "a".repeat(10_000),
            "(".repeat(10_000),
            ")".repeat(10_000),
            "\"".repeat(10_000),
            "-".repeat(10_000),
            "OR ".repeat(3_000),
            "a-".repeat(5_000),
            "tag:".repeat(2_500),
            "🙂".repeat(3_000),
            "ё\u{301}".repeat(3_000),
        ];
        let started = std::time::Instant::now();
        for input in &inputs {
            let _ = parse(input);
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
    }

    fn check_terms(expr: &Expr, input: &str) {
        let ok = |term: &str| !term.is_empty() && term.chars().all(char::is_alphanumeric);
        match expr {
            Expr::Term { term, .. } => assert!(ok(term), "{input:?}: {term:?}"),
            Expr::Phrase(terms) => {
                assert!(terms.len() >= 2, "{input:?}: {terms:?}");
                assert!(terms.iter().all(|term| ok(term)), "{input:?}: {terms:?}");
            }
            Expr::And(items) | Expr::Or(items) => {
                assert!(items.len() >= 2, "{input:?}: {items:?}");
                items.iter().for_each(|item| check_terms(item, input));
            }
            Expr::Not { left, right } => {
                check_terms(left, input);
                check_terms(right, input);
            }
        }
    }

    #[test]
    fn random_tricky_input_gives_clean_terms_or_a_message() {
        let alphabet: Vec<&str> = vec![
            "\"", "*", "-", "(", ")", ":", "OR", "AND", "NOT", "ИЛИ", "И", " ", " ", " ", "тег:", "tag:",
            "status:", "after:", "ё", "Ё", "а", "b", "Б", "🙂", "\\", "«", "»", "\0", "'", "\u{301}",
            "\u{AD}", "10", "-", "Я", "e\u{301}", "lang:", "\n", "\t", "ж*",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..4_000 {
            let len = next() % 16;
            let input: String =
                (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            match parse(&input) {
                Ok(query) => {
                    if let Some(expr) = &query.expr {
                        check_terms(expr, &input);
                    }
                }
                Err(error) => {
                    let message = error.to_string();
                    assert!(message.ends_with('.') && message.len() > 20, "{input:?}: {message}");
                }
            }
        }
    }

    #[test]
    fn quoted_phrase_of_one_word_is_a_term() {
        assert_eq!(parse("\"Форума\""), Ok(Query { expr: Some(t("форум")), filters: vec![] }));
    }
}
