//! Whether a stylesheet a user's template writes could load something or run script.
//!
//! Not a CSS parser: a strict search, on the text as a browser's tokenizer would read it, for the
//! few ways CSS reaches outside the page: `url(`, `src(`, `image(`, `image-set(` (and prefixed
//! `-webkit-image-set(`), `@import`, and Internet Explorer's `expression(` and `behavior:`.
//! Escapes are resolved first (`\75 rl(` and `\u\r\l(` are `url(`), names are compared ignoring
//! ASCII case as CSS does, and a name counts with or without spaces before its `(` or `:` and
//! with or without comments inside it (`u/**/rl(` is not a URL to a browser, but costs nothing
//! to refuse). Strict on purpose: a stylesheet refused that a browser would have read harmlessly
//! is a warning for the template's author; the other way round is a page that calls home.

/// The first construct in `css` that could load or run something, as its author would search for
/// it (`url(`, `@import`, …); none when the stylesheet stays within the page.
pub(crate) fn loads_or_runs(css: &str) -> Option<&'static str> {
    let resolved = resolve_escapes(css).to_ascii_lowercase();
    let uncommented = without_comments(&resolved);
    [resolved.as_str(), uncommented.as_str()].into_iter().find_map(first_outside_reference)
}

fn first_outside_reference(css: &str) -> Option<&'static str> {
    const CALLS: [(&str, &str); 5] = [
        ("url", "url("),
        ("src", "src("),
        ("image", "image("),
        ("image-set", "image-set("),
        ("expression", "expression("),
    ];
    if let Some((_, shown)) = CALLS.iter().find(|(name, _)| followed_by(css, name, '(')) {
        return Some(shown);
    }
    if css.contains("@import") {
        return Some("@import");
    }
    followed_by(css, "behavior", ':').then_some("behavior:")
}

/// Whether `name` occurs followed, after optional whitespace, by `next`.
fn followed_by(css: &str, name: &str, next: char) -> bool {
    css.match_indices(name).any(|(at, _)| css[at + name.len()..].trim_start().starts_with(next))
}

/// The text with CSS escapes resolved as a tokenizer resolves them: `\` and up to six hex digits
/// (and one whitespace after them) is that code point (zero, a surrogate or beyond Unicode is
/// U+FFFD); `\` before a line break is nothing (a string's continuation); `\` before anything else
/// is that character.
fn resolve_escapes(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let mut hex = String::new();
        while hex.len() < 6
            && let Some(&digit) = chars.peek().filter(|d| d.is_ascii_hexdigit())
        {
            hex.push(digit);
            chars.next();
        }
        if hex.is_empty() {
            match chars.next() {
                Some('\n' | '\x0c') | None => {}
                Some('\r') => {
                    chars.next_if_eq(&'\n');
                }
                Some(other) => out.push(other),
            }
            continue;
        }
        let code = u32::from_str_radix(&hex, 16).expect("at most six hex digits");
        out.push(char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{fffd}'));
        match chars.peek() {
            Some('\r') => {
                chars.next();
                chars.next_if_eq(&'\n');
            }
            Some(' ' | '\t' | '\n' | '\x0c') => {
                chars.next();
            }
            _ => {}
        }
    }
    out
}

/// The text without `/* … */` comments (an unclosed one runs to the end, as in CSS).
fn without_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..].find("*/").map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn galleys_own_stylesheet_stays_within_the_page() {
        assert_eq!(loads_or_runs(crate::document::BUILTIN_CSS), None);
        assert_eq!(
            loads_or_runs("body { font: 1rem/1.5 \"PT Serif\", serif; } a:hover { color: #a3211b }"),
            None
        );
    }

    #[test]
    fn every_way_out_is_found_however_it_is_spelled() {
        for (css, found) in [
            ("body { background: url(https://tracker.example/p.gif) }", "url("),
            ("body { background: URL ( 'x.png' ) }", "url("),
            ("body { background: \\75 rl(x.png) }", "url("),
            ("body { background: \\000075rl(x.png) }", "url("),
            ("body { background: \\u\\r\\l(x.png) }", "url("),
            ("body { background: u\\\nrl(x.png) }", "url("),
            ("body { background: u/**/rl(x.png) }", "url("),
            ("@font-face { src: src(\"f.woff\") }", "src("),
            ("@IMPORT 'https://evil.example/x.css';", "@import"),
            ("@\\69mport 'x.css';", "@import"),
            ("p { background: -webkit-image-set('a.png' 1x) }", "image-set("),
            ("p { background: image('a.png') }", "image("),
            ("p { width: expression(alert(1)) }", "expression("),
            ("p { width: \\65xpression(alert(1)) }", "expression("),
            ("p { behavior : url(x.htc) }", "url("),
            ("p { BEHAVIOR: x }", "behavior:"),
        ] {
            assert_eq!(loads_or_runs(css), Some(found), "{css}");
        }
    }

    #[test]
    fn escapes_resolve_as_a_tokenizer_reads_them() {
        assert_eq!(resolve_escapes("\\75 rl"), "url");
        assert_eq!(resolve_escapes("\\41\\42 C"), "ABC");
        assert_eq!(resolve_escapes("\\0 x\\d800 y\\110000z"), "\u{fffd}x\u{fffd}y\u{fffd}z");
        assert_eq!(resolve_escapes("a\\\r\nb\\"), "ab");
        assert_eq!(resolve_escapes("\\\"quoted\\\""), "\"quoted\"");
        assert_eq!(without_comments("a/* x */b/* open"), "ab");
    }
}
