//! `.md` import: the model's file format, plus what a file from elsewhere may lack.
//!
//! Galley's own exports carry every field in front matter and read back as they were; files from
//! Hugo, Obsidian or a text editor may have no headline and no language. This module fills those in
//! (a headline from the first line, the language from the letters) and says so in a warning. It must
//! not touch the body: a `.md` body is Markdown the journalist wrote, kept exactly as written.

use galley_model::{ArticleFields, markdown_file};

use crate::language::LetterCount;
use crate::{ImportError, Imported, headline, work};

/// Reads the text of a `.md` file (already decoded).
pub fn parse(text: &str) -> Result<Imported, ImportError> {
    let parsed = markdown_file::parse(text).map_err(|error| ImportError::FrontMatter(error.to_string()))?;
    let mut draft = parsed.draft;
    let mut warnings = parsed.warnings;
    let fields = &mut draft.fields;
    if fields.headline.trim().is_empty() {
        match headline_from_body(&fields.body) {
            Some(line) => {
                fields.headline = line;
                warnings.push(headline::TOOK_FIRST_LINE.to_owned());
            }
            None => warnings.push("no headline, and no text to take one from: write a headline".to_owned()),
        }
    }
    // After the headline is filled in: one taken from the body's first line is a field too.
    let removed = drop_control_characters(fields);
    if removed > 0 {
        warnings.push(format!(
            "removed {removed} invisible control character(s) from the headline and other fields"
        ));
    }
    // `markdown_file::parse` fills in "ru" when the file has no language (no key, or an empty one,
    // in YAML or TOML); only then is it ours to guess.
    if fields.foreign.absent.contains_key("language") {
        let mut letters = LetterCount::default();
        [&fields.headline, &fields.lead, &fields.body].into_iter().for_each(|text| letters.add(text));
        fields.language = letters.language().to_owned();
    }
    // The headline and language made up here are what the file's missing keys stand for: Galley
    // adds no key for them to the file while they stay so.
    markdown_file::record_absent(fields);
    Ok(Imported { draft, warnings })
}

/// Front matter can spell control characters (`"\e[31m"` in YAML): invisible, they break search
/// and counts, and printed in a terminal they act on it. A one-line field loses them (a line break
/// becomes a space); the dek, the lead and the note keep their line breaks; tabs stay. The body is
/// left as written. Returns how many were removed or replaced.
fn drop_control_characters(fields: &mut ArticleFields) -> usize {
    // A tab is whitespace Galley's own imports keep; anything else is out of place.
    let stray = |c: char| c.is_control() && c != '\t';
    let mut removed = 0;
    let mut one_line = |text: &mut String| {
        if text.contains(stray) {
            removed += text.chars().filter(|&c| stray(c)).count();
            let visible: String = text
                .chars()
                .filter_map(|c| match c {
                    '\n' | '\r' => Some(' '),
                    c if stray(c) => None,
                    c => Some(c),
                })
                .collect();
            *text = visible.trim().to_owned();
        }
    };
    one_line(&mut fields.headline);
    one_line(&mut fields.slug);
    one_line(&mut fields.dateline);
    one_line(&mut fields.section);
    fields.byline.iter_mut().for_each(&mut one_line);
    fields.tags.iter_mut().for_each(&mut one_line);
    for link in &mut fields.related {
        one_line(&mut link.title);
        one_line(&mut link.url);
    }
    for text in [&mut fields.dek, &mut fields.lead, &mut fields.note] {
        let before = text.chars().count();
        text.retain(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'));
        removed += before - text.chars().count();
    }
    removed
}

/// The first line of the body with words in it, without Markdown markers, made into a headline.
fn headline_from_body(body: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    let mut in_comment = false;
    for line in body.lines() {
        let trimmed = line.trim();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            continue;
        }
        if in_comment {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if let Some(marker) = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m)) {
            fence = Some(marker);
            continue;
        }
        if trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        // Link reference definitions and footnotes are not text a reader sees first.
        if trimmed.starts_with('[') && trimmed.contains("]:") {
            continue;
        }
        let text = strip_markers(trimmed);
        if text.chars().any(char::is_alphanumeric) {
            return Some(headline::from_line(&text));
        }
    }
    None
}

/// The text a reader would see on a line: no heading, quote or list markers, no emphasis, links
/// reduced to their text, images and HTML tags left out.
fn strip_markers(line: &str) -> String {
    let mut rest = line.trim();
    loop {
        let before = rest;
        rest = rest.trim_start_matches('#').trim_start_matches('>');
        for marker in ["- ", "* ", "+ ", "[ ] ", "[x] ", "[X] "] {
            rest = rest.strip_prefix(marker).unwrap_or(rest);
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=9).contains(&digits) && (rest[digits..].starts_with(". ") || rest[digits..].starts_with(") "))
        {
            rest = &rest[digits + 2..];
        }
        rest = rest.trim_start();
        if rest == before {
            break;
        }
    }
    let rest = rest.trim_end_matches(|c: char| c == '#' || c.is_whitespace());
    let inline = strip_inline(rest);
    inline.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strip_inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut ahead = Ahead { bracket: Next::new(']'), paren: Next::new(')'), angle: Next::new('>') };
    strip_inline_into(&chars, 0..chars.len(), &mut ahead, &mut out);
    out
}

/// `strip_inline` of `chars[range]` (a link's text is stripped as a line of its own), into `out`.
fn strip_inline_into(chars: &[char], range: std::ops::Range<usize>, ahead: &mut Ahead, out: &mut String) {
    let (start, end) = (range.start, range.end);
    let mut i = start;
    while i < end {
        work::add(1);
        let c = chars[i];
        let next = chars[i + 1..end].first().copied();
        match c {
            '\\' if next.is_some_and(|n| n.is_ascii_punctuation()) => {
                out.extend(next);
                i += 2;
                continue;
            }
            '!' if next == Some('[') => {
                // An image: its alt text is not the article's words.
                i = link_end(chars, i + 1, end, ahead).map_or(i + 1, |(_, end)| end);
                continue;
            }
            '[' => {
                if let Some((text_end, link_end)) = link_end(chars, i, end, ahead) {
                    strip_inline_into(chars, i + 1..text_end, ahead, out);
                    i = link_end;
                    continue;
                }
                out.push(c);
            }
            '<' if next.is_some_and(|n| n.is_ascii_alphabetic() || n == '/' || n == '!') => {
                match ahead.angle.find(chars, i).filter(|&at| at < end) {
                    Some(close) => i = close + 1,
                    None => {
                        out.push(c);
                        i += 1;
                    }
                }
                continue;
            }
            '*' | '`' => {}
            '~' if next == Some('~') => i += 1,
            '_' if !(i > start
                && chars[i - 1].is_alphanumeric()
                && next.is_some_and(char::is_alphanumeric)) => {}
            _ => out.push(c),
        }
        i += 1;
    }
}

/// For `[text](target)` or `[text][label]` starting at `open`, before `end`: where the text ends
/// and the link does.
fn link_end(chars: &[char], open: usize, end: usize, ahead: &mut Ahead) -> Option<(usize, usize)> {
    let text_end = ahead.bracket.find(chars, open).filter(|&at| at < end)?;
    let closer = match chars[text_end + 1..end].first() {
        Some('(') => &mut ahead.paren,
        Some('[') => &mut ahead.bracket,
        _ => return None,
    };
    let close = closer.find(chars, text_end + 1).filter(|&at| at < end)?;
    Some((text_end, close + 1))
}

/// Where the next `]`, `)` and `>` of a line are. Looked for afresh at every `[`, `(` and `<`,
/// a line of brackets and tags left open was read to its end once for each (a first line of
/// 100,000 `[a](` took 6.4 s); remembered, each part of the line is read about once.
struct Ahead {
    bracket: Next,
    paren: Next,
    angle: Next,
}

/// The first `target` at or after a position, remembered for the positions after it.
struct Next {
    target: char,
    /// The first `target` at or after `from` is at `at` (`None`: none to the end of the line).
    from: usize,
    at: Option<usize>,
}

impl Next {
    fn new(target: char) -> Self {
        Next { target, from: usize::MAX, at: None }
    }

    /// The answer for `from` holds for any later position up to the `target` it found; the line
    /// is read again only past it (or, rarely, for an earlier position: a link's text).
    fn find(&mut self, chars: &[char], from: usize) -> Option<usize> {
        let known = self.from <= from && self.at.is_none_or(|at| at >= from);
        if !known {
            self.at = chars[from..].iter().position(|&c| c == self.target).map(|at| from + at);
            work::add(self.at.map_or(chars.len(), |at| at + 1) - from);
        }
        self.from = from;
        self.at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Imported {
        parse(text).unwrap()
    }

    #[test]
    fn control_characters_spelled_in_front_matter_never_reach_the_fields() {
        let text = "---\nheadline: \"Пожар\\e[2J\\e]0;pwned\\a на складе\\r\"\ntags: [\"a\\x9bb\"]\n\
                    lead: \"Первая строка\\nвторая\\e[31m\"\n---\nТекст.\n";
        let imported = parse_ok(text);
        let fields = &imported.draft.fields;
        assert_eq!(fields.headline, "Пожар[2J]0;pwned на складе");
        // A headline taken from the body's first line is cleaned too (found by the fuzzer).
        let from_body = parse_ok("---\nlang: ru\n---\nThe ministers \u{18}met in Tokyo.\n");
        assert_eq!(from_body.draft.fields.headline, "The ministers met in Tokyo");
        // Tabs are kept: the `.txt` import keeps them, and its drafts must read back the same.
        assert_eq!(parse_ok("---\nheadline: \"a\\tb\"\n---\n").draft.fields.headline, "a\tb");
        assert_eq!(fields.tags, ["ab"]);
        assert_eq!(fields.lead, "Первая строка\nвторая[31m");
        assert!(
            imported.warnings.iter().any(|w| w.contains("removed 6 invisible control")),
            "{:?}",
            imported.warnings
        );
    }

    #[test]
    fn galley_exports_read_back_unchanged() {
        let text = "---\nheadline: Встреча\nlanguage: en\n---\nТекст *как есть*.\r\n\n\n";
        let imported = parse_ok(text);
        assert_eq!(imported.warnings, Vec::<String>::new());
        assert_eq!(imported.draft.fields.headline, "Встреча");
        // The front matter said English: that stands even for a Russian text.
        assert_eq!(imported.draft.fields.language, "en");
        assert_eq!(imported.draft.fields.body, "Текст *как есть*.\r\n\n\n");
    }

    #[test]
    fn the_language_is_detected_when_the_front_matter_has_none() {
        let english = parse_ok("---\ntitle: Ministers meet\n---\nThe ministers met in Tokyo on Monday.\n");
        assert_eq!(english.draft.fields.language, "en");
        let russian = parse_ok("# Встреча министров\n\nМинистры встретились в Токио.\n");
        assert_eq!(russian.draft.fields.language, "ru");
        let no_front_matter = parse_ok("# Ministers meet\n\nThe ministers met in Tokyo.\n");
        assert_eq!(no_front_matter.draft.fields.language, "en");
        let empty_key = parse_ok("---\nlanguage:\n---\nThe ministers met in Tokyo.\n");
        assert_eq!(empty_key.draft.fields.language, "en");
        let lang_key = parse_ok("---\nlang: ru # the desk's\n---\nThe ministers met in Tokyo.\n");
        assert_eq!(lang_key.draft.fields.language, "ru");
        // TOML front matter names it too (it was guessed over).
        let toml = parse_ok("+++\ntitle = 'Встреча'\nlanguage = 'en'\n+++\nМинистры встретились в Токио.\n");
        assert_eq!(toml.draft.fields.language, "en");
    }

    #[test]
    fn a_missing_headline_is_taken_from_the_first_line() {
        let imported = parse_ok(
            "---\nsection: World\n---\n\n> **Breaking:** [Ministers](https://example.org) meet in _Tokyo_\n\nMore text.\n",
        );
        assert_eq!(imported.draft.fields.headline, "Breaking: Ministers meet in Tokyo");
        assert_eq!(imported.warnings, [headline::TOOK_FIRST_LINE]);
        // The body is still exactly what was written.
        assert_eq!(
            imported.draft.fields.body,
            "\n> **Breaking:** [Ministers](https://example.org) meet in _Tokyo_\n\nMore text.\n"
        );
    }

    #[test]
    fn the_headline_from_a_paragraph_is_its_first_sentence_cut_short() {
        let body = "Министры встретились в Токио. Они обсудили проекты.\n";
        assert_eq!(parse_ok(body).draft.fields.headline, "Министры встретились в Токио");
        let long = format!("{}конец\n", "очень длинное предложение без точки ".repeat(10));
        let headline = parse_ok(&long).draft.fields.headline;
        assert!(headline.chars().count() <= 121 && headline.ends_with('…'), "{headline}");
    }

    #[test]
    fn code_comments_images_and_rules_are_not_headlines() {
        let body =
            "<!-- draft\nnote -->\n```\ncode line\n```\n![photo](p.jpg)\n---\n1. Первый пункт списка\n";
        assert_eq!(parse_ok(body).draft.fields.headline, "Первый пункт списка");
    }

    #[test]
    fn a_file_with_no_text_has_no_headline_and_says_so() {
        let imported = parse_ok("---\ntags: [a]\n---\n");
        assert_eq!(imported.draft.fields.headline, "");
        assert_eq!(imported.warnings, ["no headline, and no text to take one from: write a headline"]);
    }

    #[test]
    fn front_matter_warnings_pass_through() {
        let imported = parse_ok("---\ntitle: T\ndraft: true\n---\nText\n");
        assert_eq!(imported.warnings, ["front matter fields Galley does not use, kept as they are: draft"]);
    }

    #[test]
    fn broken_front_matter_is_an_error_with_its_message() {
        let error = parse("---\ntitle: x\nbody").unwrap_err();
        assert_eq!(
            error,
            ImportError::FrontMatter(
                "the front matter starts with `---` but never ends (add a line `---` after it)".into()
            )
        );
    }

    #[test]
    fn a_long_first_line_of_links_and_tags_left_open_is_read_once() {
        // Issue 15 §2: each `[` looked to the end of the line for its `)`, and each `<` for its
        // `>`: a first line of 100,000 `[a](` took 6.4 s (release), 200,000 `<a` 12.6 s and
        // 400,000 `[` closed once at the end 44 s.
        let cases = [
            ("[a](".repeat(10_000), format!("{}…", "[a](".repeat(30))),
            ("![a](".repeat(8_000), format!("{}…", "[a](".repeat(30))),
            ("<a".repeat(20_000), format!("{}…", "<a".repeat(60))),
            (format!("{}](x) text", "[".repeat(40_000)), format!("{}…", "[".repeat(120))),
            ("[a][".repeat(10_000), format!("{}…", "a[".repeat(60))),
        ];
        for (line, headline) in cases {
            let text = format!("---\nsection: World\n---\n{line}\n\nMore text.\n");
            let imported = parse_ok(&text);
            assert_eq!(imported.draft.fields.headline, headline);
            assert_eq!(imported.warnings, [headline::TOOK_FIRST_LINE]);
            let work = work::of(|| drop(headline_from_body(&imported.draft.fields.body)));
            assert!(work <= 3 * line.len(), "{work} for {} characters", line.len());
        }
        // Links and tags still close where they did, inside a link's text too.
        assert_eq!(strip_markers("[a [b](c) <i>d</i>](e) [f](g"), "a [b d](e) [f](g");
        assert_eq!(strip_markers("[x]: <y> [z] ![](p) q <r"), "[x]: [z] q <r");
        assert_eq!(strip_markers("a \\[b](c)_d_ [e\\](f) ~~g~~"), "a [b](c)d e\\ g");
    }

    #[test]
    fn markers_are_stripped() {
        assert_eq!(strip_markers("## Заголовок ##"), "Заголовок");
        assert_eq!(strip_markers("- [x] done \\*really\\*"), "done *really*");
        assert_eq!(strip_markers("12) пункт"), "пункт");
        assert_eq!(strip_markers("a <b>bold</b> snake_case ~~old~~ `code`"), "a bold snake_case old code");
        assert_eq!(strip_markers("see [the report][1] now"), "see the report now");
    }
}
