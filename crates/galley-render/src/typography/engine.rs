//! The single pass behind [`Typographer`](super::Typographer), [`typeset`](super::typeset) and
//! [`changes`](super::changes).
//!
//! [`Engine::run`] walks a run of text once, char by char, and reports [`Edit`]s in order; the
//! callers either splice them into a new string or list them. Looking back uses a small ring of
//! the last characters already *output* in the block (so a run continues what the previous run
//! of the same block ended with, and decisions see already-fixed text the way a second pass
//! would, which keeps the result idempotent). Looking ahead reads the rest of the current run;
//! what lies beyond it is unknown (`last == false`) or the end of the block (`last == true`).
//! No regular expressions and no allocation per character.

use std::ops::Range;

const NBSP: char = '\u{a0}';
const NBSP_STR: &str = "\u{a0}";
/// Stands in the history for text that was skipped (inline code, an image): neither a letter nor
/// a space, so it reads like a word ending.
const MARK: char = '\u{fffc}';
/// How many output characters the engine remembers (a power of two).
const WINDOW: usize = 16;
/// Deeper quote nesting than this is not tracked (the extra quotes are left as they are).
const MAX_DEPTH: usize = 32;

/// Which rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lang {
    Ru,
    En,
    Other,
}

impl Lang {
    /// `ru`, `uk`, `be` (and regional variants such as `ru-RU`) get the Russian rules, `en` the
    /// English ones, anything else only the rules that hold everywhere.
    pub(super) fn from_code(code: &str) -> Lang {
        let primary = code.trim().split(['-', '_']).next().unwrap_or("");
        let is = |name: &str| primary.eq_ignore_ascii_case(name);
        if is("ru") || is("uk") || is("be") {
            Lang::Ru
        } else if is("en") {
            Lang::En
        } else {
            Lang::Other
        }
    }
}

/// One replacement, in byte offsets of the run it was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Edit {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) replacement: &'static str,
    pub(super) rule: &'static str,
}

fn edit(start: usize, end: usize, replacement: &'static str, rule: &'static str) -> Edit {
    Edit { start, end, replacement, rule }
}

/// What a rule decided at a position: the byte offset it consumed up to, and its edit.
type Hit = Option<(usize, Edit)>;

/// The last characters output in the current block.
#[derive(Debug, Clone)]
struct History {
    chars: [char; WINDOW],
    /// Characters pushed since the block started.
    len: usize,
}

impl History {
    fn push(&mut self, c: char) {
        self.chars[self.len % WINDOW] = c;
        self.len += 1;
    }

    fn push_str(&mut self, text: &str) {
        text.chars().for_each(|c| self.push(c));
    }

    /// The `k`-th character back (1 is the previous one); `None` before the start of the block.
    /// Beyond what is remembered it answers [`MARK`], which no rule takes for a digit, letter or
    /// space.
    fn back(&self, k: usize) -> Option<char> {
        if k > self.len {
            None
        } else if k > WINDOW {
            Some(MARK)
        } else {
            Some(self.chars[(self.len - k) % WINDOW])
        }
    }
}

/// The two levels of quotes: «ёлочки»/“double” outside, „лапки“/‘single’ inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Outer,
    Inner,
}

/// The quotes open in the current block, by level.
#[derive(Debug, Clone)]
struct Quotes {
    open: [Kind; MAX_DEPTH],
    depth: usize,
}

impl Quotes {
    fn top(&self) -> Option<Kind> {
        self.depth.checked_sub(1).map(|d| self.open[d])
    }

    /// The level a new double quote takes: inside an outer quote the inner one, else the outer.
    fn next_kind(&self) -> Kind {
        match self.top() {
            Some(Kind::Outer) => Kind::Inner,
            _ => Kind::Outer,
        }
    }

    fn push(&mut self, kind: Kind) {
        if self.depth < MAX_DEPTH {
            self.open[self.depth] = kind;
            self.depth += 1;
        }
    }

    /// Closes the innermost quote; `None` if there is none.
    fn close(&mut self) -> Option<Kind> {
        let kind = self.top()?;
        self.depth -= 1;
        Some(kind)
    }
}

enum Quote {
    Open,
    Close,
    Leave,
}

/// The typographer's state: the language, what was output last in the block, the open quotes.
#[derive(Debug, Clone)]
pub(super) struct Engine {
    lang: Lang,
    history: History,
    quotes: Quotes,
}

impl Engine {
    pub(super) fn new(lang: Lang) -> Engine {
        Engine {
            lang,
            history: History { chars: [' '; WINDOW], len: 0 },
            quotes: Quotes { open: [Kind::Outer; MAX_DEPTH], depth: 0 },
        }
    }

    /// Forgets the block: nothing pairs or binds across blocks.
    pub(super) fn end_block(&mut self) {
        self.history.len = 0;
        self.quotes.depth = 0;
    }

    /// Text between runs that is kept as it is: only spaces read as those spaces (a line break
    /// starts a line), anything else as a word.
    pub(super) fn skip(&mut self, verbatim: &str) {
        if let Some(end) = verbatim.chars().next_back() {
            self.history.push(if verbatim.chars().all(is_space) { end } else { MARK });
        }
    }

    /// Typesets a run of the current block, reporting the edits in order. `last` says the run
    /// ends the block (plain text); otherwise more may follow.
    pub(super) fn run(&mut self, text: &str, last: bool, mut emit: impl FnMut(Edit)) {
        let ru = self.lang == Lang::Ru;
        let mut done = 0;
        let mut urls = Urls::default();
        let mut verbatim = 0..0;
        for (i, c) in text.char_indices() {
            if i < done {
                continue;
            }
            if i >= verbatim.end {
                verbatim = urls.next(text, i);
            }
            if matches!(c, 'w' | 'W')
                && !verbatim.contains(&i)
                && text.get(i..i + 4).is_some_and(|www| www.eq_ignore_ascii_case("www."))
                && let Some(span) = url_span(text, token_start(text, i))
                && span.start == i
            {
                verbatim = span;
            }
            if verbatim.contains(&i) || !may_change(c, ru) {
                self.history.push(c);
                continue;
            }
            match self.rule(text, i, c, last) {
                Some((end, edit)) => {
                    self.history.push_str(&text[i..edit.start]);
                    self.history.push_str(edit.replacement);
                    self.history.push_str(&text[edit.end..end]);
                    emit(edit);
                    done = end;
                }
                None => self.history.push(c),
            }
        }
    }

    fn rule(&mut self, s: &str, i: usize, c: char, last: bool) -> Hit {
        let ru = self.lang == Lang::Ru;
        match c {
            '.' => self.ellipsis(s, i),
            _ if self.lang == Lang::Other => None,
            ' ' if ru => self.space(s, i, last),
            '-' => self.hyphen(s, i),
            '–' if ru => self.between_words(s, i, c.len_utf8(), true),
            '—' if ru => self.em_dash(s, i),
            '"' | '“' | '”' => self.quote(s, i, c, last),
            '«' | '»' | '„' if ru => self.quote(s, i, c, last),
            '\'' | '‘' | '’' if !ru => self.single_quote(s, i, c, last),
            '\'' => self.latin_apostrophe(s, i),
            'x' | 'х' => self.times(s, i, c),
            '0'..='9' if ru && matches!(self.history.back(1), Some('№' | '§')) => {
                Some((i + 1, edit(i, i, NBSP_STR, "nbsp")))
            }
            _ => None,
        }
    }

    /// `...` → `…` (exactly three dots: `?..` and longer rows of dots stay).
    fn ellipsis(&self, s: &str, i: usize) -> Hit {
        let b = s.as_bytes();
        let three = self.history.back(1) != Some('.')
            && b.get(i + 1) == Some(&b'.')
            && b.get(i + 2) == Some(&b'.')
            && b.get(i + 3) != Some(&b'.');
        three.then(|| (i + 3, edit(i, i + 3, "…", "ellipsis")))
    }

    /// A regular space in Russian: before a dash between words it becomes a no-break space
    /// together with the dash; else it becomes a no-break space where it binds two words.
    fn space(&self, s: &str, i: usize, last: bool) -> Hit {
        let p1 = self.history.back(1)?;
        if is_space(p1) {
            return None;
        }
        let rest = &s[i + 1..];
        if let Some((len, em)) = dash_at(rest) {
            if em {
                return Some((i + 1, edit(i, i + 1, NBSP_STR, "dash")));
            }
            let after = &rest[len..];
            if let Some(n) = after.chars().next().filter(|&c| is_space(c)) {
                if p1.is_ascii_digit() && after[n.len_utf8()..].starts_with(|c: char| c.is_ascii_digit()) {
                    return None;
                }
                let end = i + 1 + len;
                return Some((end, edit(i, end, "\u{a0}—", "dash")));
            }
        }
        match rest.chars().next() {
            None if last => return None,
            Some(c) if is_space(c) => return None,
            _ => {}
        }
        self.binds(p1, rest).then(|| (i + 1, edit(i, i + 1, NBSP_STR, "nbsp")))
    }

    /// Whether the space after `p1` (the last character output) and before `rest` binds.
    fn binds(&self, p1: char, rest: &str) -> bool {
        match p1 {
            '№' | '§' => true,
            '.' => self.initial(rest) || self.abbreviation(rest),
            c if c.is_ascii_digit() => unit_at(rest) || self.thousands(rest),
            c if is_letter(c) => {
                (self.short_word() && rest.chars().next().is_none_or(word_starts)) || particle_at(rest)
            }
            _ => false,
        }
    }

    /// The previous word (ending at the last character output, a letter) has one or two letters.
    fn short_word(&self) -> bool {
        let h = &self.history;
        word_may_start_after(h.back(2))
            || (h.back(2).is_some_and(is_letter) && word_may_start_after(h.back(3)))
    }

    /// `А. С.` or `А. Пушкин`: the previous word is a capital initial with its dot, and a capital
    /// follows.
    fn initial(&self, rest: &str) -> bool {
        let h = &self.history;
        h.back(2).is_some_and(char::is_uppercase)
            && (word_may_start_after(h.back(3)) || h.back(3) == Some('.'))
            && rest.starts_with(char::is_uppercase)
    }

    /// `т. е.`, `т. д.`, `т. п.`, `т. к.`, `т. н.`, `т. ч.`
    fn abbreviation(&self, rest: &str) -> bool {
        let h = &self.history;
        let mut next = rest.chars();
        h.back(2) == Some('т')
            && word_may_start_after(h.back(3))
            && matches!(next.next(), Some('е' | 'д' | 'п' | 'к' | 'н' | 'ч'))
            && next.next() == Some('.')
    }

    /// `15 000`: a group of one to three digits before a group of exactly three.
    fn thousands(&self, rest: &str) -> bool {
        let b = rest.as_bytes();
        let group = b.len() >= 3
            && b[..3].iter().all(u8::is_ascii_digit)
            && !b.get(3).is_some_and(u8::is_ascii_digit);
        if !group {
            return false;
        }
        let h = &self.history;
        let mut k = 1;
        while k <= 4 && h.back(k).is_some_and(|c| c.is_ascii_digit()) {
            k += 1;
        }
        (2..=4).contains(&k)
            && h.back(k).is_none_or(|c| {
                is_space(c)
                    || matches!(
                        c,
                        '(' | '«' | '„' | '“' | '"' | '−' | '–' | '—' | '~' | '≈' | '$' | '€' | '£'
                    )
            })
    }

    /// Only spaces and tabs since the start of the line (or of the block).
    fn at_line_start(&self) -> bool {
        let mut k = 1;
        loop {
            match self.history.back(k) {
                Some(' ' | '\t') => k += 1,
                None | Some('\n') => return true,
                Some(_) => return false,
            }
        }
    }

    /// `-`, `--` (both: `len` bytes from `i`) or, in Russian, `–` between words or opening a line
    /// of direct speech.
    fn between_words(&self, s: &str, i: usize, len: usize, en_dash: bool) -> Hit {
        let end = i + len;
        let next = s[end..].chars().next();
        if self.at_line_start() {
            if self.lang != Lang::Ru {
                return None;
            }
            return match next {
                Some(' ') => Some((end + 1, edit(i, end + 1, "—\u{a0}", "dash"))),
                Some(NBSP) => Some((end, edit(i, end, "—", "dash"))),
                _ => None,
            };
        }
        if en_dash && self.lang != Lang::Ru {
            return None;
        }
        let spaced = self.history.back(1).is_some_and(is_space) && next.is_some_and(is_space);
        if !spaced {
            return None;
        }
        // Digits on both sides (`5 - 3`, `1990 – 1995`): a sum or a spaced range, left alone.
        let next2 = next.and_then(|n| s[end + n.len_utf8()..].chars().next());
        if self.history.back(2).is_some_and(|c| c.is_ascii_digit())
            && next2.is_some_and(|c| c.is_ascii_digit())
        {
            return None;
        }
        Some((end, edit(i, end, "—", "dash")))
    }

    /// An em dash opening a line of direct speech takes a no-break space after it.
    fn em_dash(&self, s: &str, i: usize) -> Hit {
        let space = i + '—'.len_utf8();
        (self.at_line_start() && s.as_bytes().get(space) == Some(&b' '))
            .then(|| (space + 1, edit(space, space + 1, NBSP_STR, "dash")))
    }

    fn hyphen(&self, s: &str, i: usize) -> Hit {
        let p1 = self.history.back(1);
        if p1 == Some('-') {
            return None;
        }
        let b = s.as_bytes();
        let double = b.get(i + 1) == Some(&b'-');
        if double && b.get(i + 2) == Some(&b'-') {
            return None;
        }
        let end = if double { i + 2 } else { i + 1 };
        if let Some(hit) = self.between_words(s, i, end - i, false) {
            return Some(hit);
        }
        let next = s[end..].chars().next();
        if double {
            // English closed em dash: `word--word`.
            let closed = self.lang == Lang::En && p1.is_some_and(is_letter) && next.is_some_and(is_letter);
            return closed.then(|| (end, edit(i, end, "—", "dash")));
        }
        if !next.is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        if p1.is_none_or(|c| is_space(c) || matches!(c, '(' | '[' | '{' | '=' | '≈')) {
            return Some((end, edit(i, end, "−", "minus")));
        }
        (p1.is_some_and(|c| c.is_ascii_digit()) && self.range(s, end))
            .then(|| (end, edit(i, end, "–", "range")))
    }

    /// Whether the hyphen before `right` (between digits) joins a range such as `1990-1995`,
    /// `2-3`, `1,5-2`, not a part of a date or a phone number (`2016-09-13`, `123-45-67`).
    fn range(&self, s: &str, right: usize) -> bool {
        let h = &self.history;
        let digit = |k: usize| h.back(k).is_some_and(|c| c.is_ascii_digit());
        let mut k = 1;
        while digit(k) {
            k += 1;
        }
        let left_digits = k - 1;
        let left_fraction = matches!(h.back(k), Some('.' | ',')) && digit(k + 1);
        if left_fraction {
            k += 1;
            while digit(k) {
                k += 1;
            }
        }
        if !number_may_start_after(h.back(k)) {
            return false;
        }
        let b = &s.as_bytes()[right..];
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        // `2016-09`: a leading zero on the right is a month or a code, not a range.
        if digits >= 2 && b[0] == b'0' {
            return false;
        }
        let mut j = digits;
        let right_fraction =
            matches!(b.get(j), Some(b'.' | b',')) && b.get(j + 1).is_some_and(u8::is_ascii_digit);
        if right_fraction {
            j += 1;
            while b.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
        }
        // `555-1234` is a phone number.
        let phone = !left_fraction && !right_fraction && left_digits == 3 && digits == 4;
        !phone && b.get(j) != Some(&b'-')
    }

    /// `3x4`, `3 x 4` (Latin x or Cyrillic х) between numbers → `×`.
    fn times(&self, s: &str, i: usize, c: char) -> Hit {
        let end = i + c.len_utf8();
        let h = &self.history;
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let space = |c: Option<char>| matches!(c, Some(' ' | NBSP));
        let mut next = s[end..].chars();
        let n1 = next.next();
        let from = if digit(h.back(1)) && digit(n1) {
            // `0x1F` is hexadecimal.
            if h.back(1) == Some('0') && !digit(h.back(2)) {
                return None;
            }
            1
        } else if space(h.back(1)) && digit(h.back(2)) && space(n1) && digit(next.next()) {
            2
        } else {
            return None;
        };
        let mut k = from;
        while digit(h.back(k)) {
            k += 1;
        }
        let glued =
            h.back(k).is_some_and(|c| is_word_char(c) || matches!(c, '_' | '.' | ',' | '-' | '#' | '/'));
        (!glued).then(|| (end, edit(i, end, "×", "times")))
    }

    /// The side a quote takes from its neighbours: after the start, a space, an opening bracket,
    /// a dash or an opening quote it opens; after a letter, digit, punctuation or a closing quote
    /// it closes. Then the neighbour after it settles the odd cases: one followed by a space
    /// or punctuation does not open, one glued to a word with nothing open opens (`ООО"Ромашка"`),
    /// and one that would close nothing stays as it is (`12"`).
    fn decide(&self, s: &str, end: usize, last: bool) -> Quote {
        let next = s[end..].chars().next();
        let closer = match next {
            None => last,
            Some(c) => is_space(c) || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '…'),
        };
        let open = self.quotes.depth > 0;
        if self.opens_quote(self.history.back(1)) {
            if !closer {
                Quote::Open
            } else if open {
                Quote::Close
            } else {
                Quote::Leave
            }
        } else if open {
            Quote::Close
        } else if next.is_some_and(is_word_char) {
            Quote::Open
        } else {
            Quote::Leave
        }
    }

    fn opens_quote(&self, p: Option<char>) -> bool {
        let Some(c) = p else { return true };
        is_space(c)
            || matches!(c, '(' | '[' | '{' | '-' | '‐' | '–' | '—' | '―')
            || match self.lang {
                Lang::Ru => matches!(c, '«' | '„'),
                Lang::En => matches!(c, '“' | '‘'),
                Lang::Other => false,
            }
    }

    /// Double quotes: `"`, `“`, `”` by their neighbours; in Russian `«`, `„` always open and `»`
    /// always closes. The nesting level picks the mark.
    fn quote(&mut self, s: &str, i: usize, c: char, last: bool) -> Hit {
        let end = i + c.len_utf8();
        let inner_open = self.quotes.top() == Some(Kind::Inner);
        let action = match c {
            '«' | '„' => Quote::Open,
            '»' => Quote::Close,
            // `“` closes open „лапки“ (as it does in typeset text), else it is judged like `"`.
            '“' if self.lang == Lang::Ru && inner_open => Quote::Close,
            _ => match self.decide(s, end, last) {
                // In English, closing inner quotes gives `’`, which a second pass would read as
                // an apostrophe where one could stand: then leave the quote as it is.
                Quote::Close if self.lang == Lang::En && inner_open && self.apostrophe_here(s, end) => {
                    Quote::Leave
                }
                action => action,
            },
        };
        let mark = match action {
            Quote::Open => {
                let kind = self.quotes.next_kind();
                self.quotes.push(kind);
                self.mark(kind, true)
            }
            Quote::Close => {
                let kind = self.quotes.close()?;
                self.mark(kind, false)
            }
            Quote::Leave => return None,
        };
        changed(s, i, end, mark, "quotes")
    }

    fn mark(&self, kind: Kind, open: bool) -> &'static str {
        match (self.lang, kind, open) {
            (Lang::Ru, Kind::Outer, true) => "«",
            (Lang::Ru, Kind::Outer, false) => "»",
            (Lang::Ru, Kind::Inner, true) => "„",
            (Lang::Ru, Kind::Inner, false) => "“",
            (_, Kind::Outer, true) => "“",
            (_, Kind::Outer, false) => "”",
            (_, Kind::Inner, true) => "‘",
            (_, Kind::Inner, false) => "’",
        }
    }

    /// English `'`, `‘`, `’`: an apostrophe inside a word (`don't`), before a year (`'90s`) or in
    /// an elision (`'em`, `rock 'n' roll`); else a single quote, opening after a space or
    /// bracket, closing elsewhere.
    fn single_quote(&mut self, s: &str, i: usize, c: char, last: bool) -> Hit {
        let end = i + c.len_utf8();
        let p1 = self.history.back(1);
        let rest = &s[end..];
        let next = rest.chars().next();
        let (mark, rule) = if c == '‘' {
            self.quotes.push(Kind::Inner);
            ("‘", "quotes")
        } else if p1.is_some_and(is_word_char) && next.is_some_and(is_word_char) {
            // `5'10"`: between digits it is a foot mark, not an apostrophe.
            if p1.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            ("’", "apostrophe")
        } else if self.opens_quote(p1) {
            if c == '’' || next.is_some_and(|c| c.is_ascii_digit()) || elision_at(rest) {
                ("’", "apostrophe")
            } else if next.map_or(last, is_space) {
                return None;
            } else {
                self.quotes.push(Kind::Inner);
                ("‘", "quotes")
            }
        } else if self.quotes.top() == Some(Kind::Inner) {
            self.quotes.close();
            ("’", "quotes")
        } else {
            ("’", "apostrophe")
        };
        changed(s, i, end, mark, rule)
    }

    /// Whether a `’` at `s[..end]` would be taken for an apostrophe by [`Engine::single_quote`]:
    /// inside a word or after a space or opening bracket.
    fn apostrophe_here(&self, s: &str, end: usize) -> bool {
        let p1 = self.history.back(1);
        (p1.is_some_and(is_word_char) && s[end..].starts_with(is_word_char)) || self.opens_quote(p1)
    }

    /// Russian text keeps `'` but for an apostrophe inside a Latin word (`O'Neil`).
    fn latin_apostrophe(&self, s: &str, i: usize) -> Hit {
        let latin = |c: Option<char>| c.is_some_and(|c| is_letter(c) && c <= '\u{24f}');
        (latin(self.history.back(1)) && latin(s[i + 1..].chars().next()))
            .then(|| (i + 1, edit(i, i + 1, "’", "apostrophe")))
    }
}

/// Whether a rule may start at `c`: the quick test that lets most characters through untouched.
/// Spaces and digits start rules only in Russian.
fn may_change(c: char, ru: bool) -> bool {
    match c {
        '-' | '.' | '"' | '\'' | 'x' => true,
        ' ' | '0'..='9' => ru,
        '\0'..='\u{7f}' => false,
        'х' | '–' | '—' | '“' | '”' | '«' | '»' | '„' | '‘' | '’' => true,
        _ => false,
    }
}

/// `char::is_whitespace`, quicker on the letters that make up most of the text.
fn is_space(c: char) -> bool {
    match c {
        ' ' | '\t'..='\r' | NBSP | '\u{85}' => true,
        '\0'..='\u{167f}' => false,
        _ => c.is_whitespace(),
    }
}

/// `char::is_alphabetic`, quicker on Latin and Cyrillic.
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | 'А'..='я' | 'ё' | 'Ё' => true,
        '\0'..='\u{7f}' => false,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric`, quicker on Latin and Cyrillic.
fn is_word_char(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c) || (!c.is_ascii() && c.is_numeric())
}

/// An edit replacing `s[i..end]` by `mark`, unless it is already that.
fn changed(s: &str, i: usize, end: usize, mark: &'static str, rule: &'static str) -> Hit {
    (s[i..end] != *mark).then(|| (end, edit(i, end, mark, rule)))
}

/// A dash at the start of `rest` that could stand between words: its length in bytes and whether
/// it is already an em dash.
fn dash_at(rest: &str) -> Option<(usize, bool)> {
    let b = rest.as_bytes();
    if rest.starts_with('—') {
        Some(('—'.len_utf8(), true))
    } else if rest.starts_with('–') {
        Some(('–'.len_utf8(), false))
    } else if b.first() != Some(&b'-') {
        None
    } else if b.get(1) != Some(&b'-') {
        Some((1, false))
    } else if b.get(2) != Some(&b'-') {
        Some((2, false))
    } else {
        None
    }
}

/// Whether a word can start right after `c` (`None`: the start of the block): after a space, an
/// opening bracket or quote, a dash or an ellipsis, not after a hyphen, apostrophe, dot or digit.
fn word_may_start_after(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        is_space(c) || matches!(c, '(' | '[' | '{' | '«' | '„' | '“' | '"' | '‘' | '—' | '–' | '―' | '…')
    })
}

/// Whether `c` can start what a short word binds to: a word, a number, a quote or bracket.
/// (Any quote mark: the mark a quote gets must not change the verdict, or a second pass would.)
fn word_starts(c: char) -> bool {
    is_word_char(c) || is_quote(c) || matches!(c, '(' | '[' | '№' | '§' | '−' | '-' | '$' | '€' | '£' | '…')
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '«' | '»' | '„' | '“' | '”' | '‘' | '’')
}

/// Whether a number can start right after `c` and be one side of a range.
fn number_may_start_after(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        is_space(c)
            || matches!(c, '(' | '[' | '{' | '«' | '„' | '“' | '"' | '—' | '~' | '≈' | '$' | '€' | '£')
    })
}

/// `ли`, `ль`, `же`, `ж`, `бы`, `б` as a word at the start of `rest`.
fn particle_at(rest: &str) -> bool {
    if !rest.starts_with(['л', 'ж', 'б']) {
        return false;
    }
    const PARTICLES: [(&str, bool); 6] =
        [("ли", true), ("ль", true), ("же", true), ("бы", true), ("ж", false), ("б", false)];
    PARTICLES.iter().any(|&(particle, dot)| {
        rest.strip_prefix(particle).is_some_and(|after| {
            after.chars().next().is_none_or(|c| {
                is_space(c)
                    || is_quote(c)
                    || matches!(c, ',' | '!' | '?' | ';' | ':' | '…' | ')')
                    || (dot && c == '.')
            })
        })
    })
}

/// A unit, currency or month at the start of `rest` that a number before it binds to.
fn unit_at(rest: &str) -> bool {
    let Some(first) = rest.chars().next() else { return false };
    if matches!(first, '%' | '‰' | '°' | '€' | '$' | '₽' | '£' | '¥') {
        return true;
    }
    if !is_letter(first) {
        return false;
    }
    let end = rest.find(|c: char| !is_letter(c)).unwrap_or(rest.len());
    is_unit(&rest[..end])
}

/// Units, amounts and currencies written after a number (case matters: `МВт`, `мВт`), and the
/// months of a date (`2 сентября`).
fn is_unit(word: &str) -> bool {
    matches!(
        word,
        "км" | "м"
            | "дм"
            | "см"
            | "мм"
            | "мкм"
            | "нм"
            | "кг"
            | "г"
            | "мг"
            | "т"
            | "ц"
            | "л"
            | "мл"
            | "га"
            | "кв"
            | "куб"
            | "тыс"
            | "млн"
            | "млрд"
            | "трлн"
            | "руб"
            | "р"
            | "коп"
            | "долл"
            | "евро"
            | "юаней"
            | "иен"
            | "ч"
            | "мин"
            | "сек"
            | "с"
            | "мс"
            | "сут"
            | "гг"
            | "Вт"
            | "кВт"
            | "МВт"
            | "ГВт"
            | "ТВт"
            | "кВтч"
            | "Гц"
            | "кГц"
            | "МГц"
            | "ГГц"
            | "Кб"
            | "Мб"
            | "Гб"
            | "Тб"
            | "КБ"
            | "МБ"
            | "ГБ"
            | "ТБ"
            | "шт"
            | "чел"
            | "экз"
            | "об"
            | "января"
            | "февраля"
            | "марта"
            | "апреля"
            | "мая"
            | "июня"
            | "июля"
            | "августа"
            | "сентября"
            | "октября"
            | "ноября"
            | "декабря"
    )
}

/// `'em`, `'til`, `'tis`, `'twas`, `'cause`, `'n'` at the start of `rest` (after the `'`).
fn elision_at(rest: &str) -> bool {
    let end = rest.find(|c: char| !is_letter(c)).unwrap_or(rest.len());
    let word = &rest[..end];
    ["em", "til", "tis", "twas", "cause", "n", "bout"]
        .iter()
        .any(|elision| word.eq_ignore_ascii_case(elision))
}

/// Finds the URLs (`://`) and e-mail addresses (`@`) of a run in order, looking for the next `:`
/// and `@` once per occurrence rather than word by word. (A URL starting with `www.` is caught
/// when the run gets to it.)
#[derive(Default)]
struct Urls {
    colon: Option<usize>,
    at: Option<usize>,
}

impl Urls {
    /// The next span to keep verbatim that ends after `from`; an empty one at the end if none.
    fn next(&mut self, s: &str, mut from: usize) -> Range<usize> {
        loop {
            let marker =
                Urls::find(&mut self.colon, s, from, ':').min(Urls::find(&mut self.at, s, from, '@'));
            if marker == usize::MAX {
                return s.len()..s.len();
            }
            let url_like = s.as_bytes()[marker] == b'@' || s[marker..].starts_with("://");
            if url_like
                && let Some(span) = url_span(s, token_start(s, marker))
                && span.end > from
            {
                return span;
            }
            // Both markers are ASCII: the next byte starts a character.
            from = marker + 1;
        }
    }

    /// The first `c` at or after `from` (`usize::MAX` if none), remembered in `slot`.
    fn find(slot: &mut Option<usize>, s: &str, from: usize, c: char) -> usize {
        match *slot {
            Some(at) if at >= from => at,
            _ => *slot.insert(s[from..].find(c).map_or(usize::MAX, |at| at + from)),
        }
    }
}

/// The start of the whitespace-delimited token holding byte `at`.
fn token_start(s: &str, at: usize) -> usize {
    let b = s.as_bytes();
    let mut start = at;
    while start > 0 {
        match b[start - 1] {
            b' ' | b'\t' | b'\n' | b'\r' => break,
            0xA0 if start >= 2 && b[start - 2] == 0xC2 => break,
            _ => start -= 1,
        }
    }
    start
}

/// The part of the token starting at `i` that is a URL or an e-mail address, to be kept
/// verbatim: leading brackets and quotes, and trailing quotes, stay outside it.
fn url_span(s: &str, i: usize) -> Option<Range<usize>> {
    let b = s.as_bytes();
    let mut end = i;
    while let Some(&byte) = b.get(end) {
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' => break,
            0xC2 if b.get(end + 1) == Some(&0xA0) => break,
            _ => end += 1,
        }
    }
    let core = s[i..end].trim_start_matches(['(', '[', '<', '"', '\'', '«', '„', '“', '‘']);
    let start = end - core.len();
    // A URL has no quotes: a curly or double one ends it (`"https://x.ru".`) and is typeset.
    let core = &core[..core.find(['"', '«', '»', '„', '“', '”', '‘', '’']).unwrap_or(core.len())];
    let core = core.trim_end_matches('\'');
    let www = core.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."));
    (core.contains("://") || www || is_email(core)).then(|| start..start + core.len())
}

/// `user@host.tld`, maybe after `mailto:` and before closing punctuation.
fn is_email(token: &str) -> bool {
    let Some((user, domain)) = token.split_once('@') else { return false };
    let user = user.strip_prefix("mailto:").unwrap_or(user);
    let domain = domain.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
    !user.is_empty()
        && user.chars().all(|c| is_word_char(c) || matches!(c, '.' | '_' | '-' | '+' | '%'))
        && domain.starts_with(is_word_char)
        && domain.contains('.')
        && domain.chars().all(|c| is_word_char(c) || matches!(c, '.' | '-'))
}
