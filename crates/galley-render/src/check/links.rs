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
/// field: `<img>` needs a non-empty `alt`, and no `href` or `src` may be unsafe.
pub(super) fn check_html(field: &Field<'_>, line: usize, start: usize, html: &str, out: &mut Vec<Problem>) {
    for tag in tags(html) {
        let at = locate(field, line, start, html, tag.offset);
        let found = || field.rest_of_line(at).get(..tag.len).unwrap_or(field.rest_of_line(at)).to_owned();
        if tag.name == "img" && tag.attr("alt").is_none_or(|alt| alt.trim().is_empty()) {
            let message = "The image has no alt text: add an alt attribute that describes it.".to_owned();
            out.push(field.problem(at, "missing_alt_text", message, found(), None));
        }
        for name in ["href", "src"] {
            if let Some(url) = tag.attr(name)
                && let Some(scheme) = unsafe_scheme(url)
            {
                let what = if tag.name == "img" { "Image" } else { "Link" };
                out.push(field.problem(
                    at,
                    "unsafe_link",
                    unsafe_message(what, &scheme),
                    url.to_owned(),
                    None,
                ));
            }
        }
    }
}

/// Where in the field a byte offset of raw HTML is: the HTML's line is found in the source line it
/// came from (container prefixes such as `> ` are not in comrak's literal).
fn locate(field: &Field<'_>, line: usize, start: usize, html: &str, offset: usize) -> usize {
    let before = &html[..offset];
    let newlines = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = html[offset..].find('\n').map_or(html.len(), |i| offset + i);
    let html_line = html[line_start..line_end].trim_end_matches('\r');
    let source_start = if newlines == 0 { start } else { field.offset(line + newlines, 1) };
    match field.rest_of_line(source_start).find(html_line) {
        Some(found) => source_start + found + (offset - line_start),
        None => source_start,
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
