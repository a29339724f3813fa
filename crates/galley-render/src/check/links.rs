//! Where links go, and what raw HTML in the body says about its images and links.

pub(super) use crate::url::unsafe_scheme;

use super::{Field, Problem};

pub(super) fn unsafe_message(what: &str, scheme: &str) -> String {
    if scheme == "mailto" {
        return format!(
            "{what} is a mailto: link that asks the mail program for more than a letter (such as a file \
             to attach): keep only to, cc, bcc, subject and body."
        );
    }
    format!("{what} goes to a `{}:` address: use an http(s), mailto or relative link.", scheme.escape_debug())
}

/// Checks raw HTML (a block or an inline tag) that starts at byte `start` on 1-based `line` of the
/// field: `<img>` needs a non-empty `alt`, and no `href` or `src` may be unsafe. Linear in the
/// HTML: a tag is placed in the source only when it has a problem, and each line once.
pub(super) fn check_html(field: &Field<'_>, line: usize, start: usize, html: &str, out: &mut Vec<Problem>) {
    let mut locator = Locator { html, line, start, scanned: 0, newlines: 0, line_start: 0, placed: None };
    for tag in tags(html) {
        let no_alt = tag.name == "img" && tag.attr("alt").is_none_or(|alt| alt.trim().is_empty());
        let unsafe_urls: Vec<(&str, String)> = ["href", "src"]
            .into_iter()
            .filter_map(|name| tag.attr(name).and_then(|url| Some((url, unsafe_scheme(url)?))))
            .collect();
        if !no_alt && unsafe_urls.is_empty() {
            continue;
        }
        let at = locator.at(field, tag.offset);
        if no_alt {
            let message = "The image has no alt text: add an alt attribute that describes it.".to_owned();
            out.push(field.problem(at, "missing_alt_text", message, found(field, at, tag.len), None));
        }
        for (url, scheme) in unsafe_urls {
            let what = if tag.name == "img" { "Image" } else { "Link" };
            out.push(field.problem(at, "unsafe_link", unsafe_message(what, &scheme), url.to_owned(), None));
        }
    }
}

/// The tag's text as typed at `at`: `len` bytes, or the rest of the line if it ends sooner.
fn found(field: &Field<'_>, at: usize, len: usize) -> String {
    let text = field.text;
    let window = text.get(at..(at + len).min(text.len())).unwrap_or_default();
    match window.find(['\n', '\r']) {
        Some(end) => window[..end].to_owned(),
        None if !window.is_empty() && at + len <= text.len() => window.to_owned(),
        // Not on a character boundary, or past the end: the rest of the line.
        None => field.rest_of_line(at).to_owned(),
    }
}

/// Where in the field byte offsets of raw HTML are, for offsets that come in order: each line of
/// the HTML is found in the source line it came from (container prefixes such as `> ` are not in
/// comrak's literal) once, and the newlines before an offset are counted once.
struct Locator<'h> {
    html: &'h str,
    /// The 1-based line and the byte where the HTML starts in the field.
    line: usize,
    start: usize,
    /// How far the newlines are counted, how many there were, and where the last line starts.
    scanned: usize,
    newlines: usize,
    line_start: usize,
    /// The HTML line last placed (where it starts in the HTML) and where it is in the field, or
    /// where its source line starts if it was not found there.
    placed: Option<(usize, Result<usize, usize>)>,
}

impl Locator<'_> {
    fn at(&mut self, field: &Field<'_>, offset: usize) -> usize {
        let html = self.html;
        if offset >= self.scanned {
            for newline in memchr::memchr_iter(b'\n', &html.as_bytes()[self.scanned..offset]) {
                self.newlines += 1;
                self.line_start = self.scanned + newline + 1;
            }
            self.scanned = offset;
        }
        let line_start = self.line_start;
        let placed = match self.placed {
            Some((placed_line, placed)) if placed_line == line_start => placed,
            _ => {
                let line_end = html[line_start..].find('\n').map_or(html.len(), |i| line_start + i);
                let html_line = html[line_start..line_end].trim_end_matches('\r');
                let source_start =
                    if self.newlines == 0 { self.start } else { field.offset(self.line + self.newlines, 1) };
                let placed = field
                    .rest_of_line(source_start)
                    .find(html_line)
                    .map(|found| source_start + found)
                    .ok_or(source_start);
                self.placed = Some((line_start, placed));
                placed
            }
        };
        match placed {
            Ok(line_at) => line_at + (offset - line_start),
            Err(source_start) => source_start,
        }
    }
}

#[derive(Debug)]
struct Tag {
    /// Byte offset of the `<`.
    offset: usize,
    /// Length of the tag's text, up to and including `>`.
    len: usize,
    /// Lowercase name.
    name: String,
    /// Lowercase names, entity-decoded values.
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// The start tags in a piece of HTML, read leniently (as browsers do): comments are skipped.
fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let len = bytes.len();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(found) = html[i..].find('<') {
        let offset = i + found;
        let mut j = offset + 1;
        if html[j..].starts_with("!--") {
            i = html[j..].find("-->").map_or(len, |end| j + end + 3);
            continue;
        }
        if !bytes.get(j).is_some_and(u8::is_ascii_alphabetic) {
            i = j;
            continue;
        }
        while j < len && bytes[j].is_ascii_alphanumeric() {
            j += 1;
        }
        let name = html[offset + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < len && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= len || bytes[j] == b'>' {
                j = (j + 1).min(len);
                break;
            }
            let name_start = j;
            while j < len && !bytes[j].is_ascii_whitespace() && !matches!(bytes[j], b'=' | b'>' | b'/') {
                j += 1;
            }
            if j == name_start {
                // A stray `=`.
                j += 1;
                continue;
            }
            let attr = html[name_start..j].to_ascii_lowercase();
            while j < len && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = "";
            if j < len && bytes[j] == b'=' {
                j += 1;
                while j < len && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < len && matches!(bytes[j], b'"' | b'\'') {
                    let quote = bytes[j];
                    let value_start = j + 1;
                    let value_end = bytes[value_start..]
                        .iter()
                        .position(|&b| b == quote)
                        .map_or(len, |end| value_start + end);
                    value = &html[value_start..value_end];
                    j = (value_end + 1).min(len);
                } else {
                    let value_start = j;
                    while j < len && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    value = &html[value_start..j];
                }
            }
            attrs.push((attr, decode_entities(value)));
        }
        tags.push(Tag { offset, len: j - offset, name, attrs });
        i = j;
    }
    tags
}

/// Decodes character references in an attribute value: numeric ones, and the named ones that
/// matter for URLs (`&colon;`, `&Tab;`, `&NewLine;`, …). Unknown names stay as they are.
fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match decode_one(rest) {
            Some((ch, used)) => {
                out.push(ch);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// One character reference at the start of the text: the character and the bytes it took.
fn decode_one(text: &str) -> Option<(char, usize)> {
    let body = text.strip_prefix('&')?;
    if let Some(numeric) = body.strip_prefix('#') {
        let (radix, digits_at) = if numeric.starts_with(['x', 'X']) { (16, 1) } else { (10, 0) };
        let digits = &numeric[digits_at..];
        let count = digits.find(|c: char| !c.is_digit(radix)).unwrap_or(digits.len());
        if count == 0 {
            return None;
        }
        let code = u32::from_str_radix(&digits[..count.min(8)], radix).unwrap_or(0xFFFD);
        let ch = char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{FFFD}');
        let mut used = 2 + digits_at + count;
        if digits[count..].starts_with(';') {
            used += 1;
        }
        return Some((ch, used));
    }
    let end = body.find(';')?;
    let ch = match &body[..end] {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "colon" => ':',
        "Tab" => '\t',
        "NewLine" => '\n',
        "nbsp" => '\u{a0}',
        "sol" => '/',
        "bsol" => '\\',
        "period" => '.',
        "num" => '#',
        "quest" => '?',
        "lpar" => '(',
        "rpar" => ')',
        "semi" => ';',
        "comma" => ',',
        "equals" => '=',
        "excl" => '!',
        "percnt" => '%',
        "commat" => '@',
        "plus" => '+',
        "lowbar" => '_',
        _ => return None,
    };
    Some((ch, end + 2))
}
