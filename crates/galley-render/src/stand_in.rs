//! Text that cannot carry markup stands in the sanitizer's input as a short token, and is put back
//! in the sanitizer's output escaped as the sanitizer would have written it.
//!
//! The sanitizer's parser takes time for every byte and most for every character reference: a
//! 44 MB body of raw HTML shown as text (97 MB of `&lt;` and `&gt;`) took 11 s in it, a 52 MB code
//! block 12 s. Yet the text of a Markdown document is escaped by comrak: it reaches the parser as
//! characters and leaves it as the same characters, escaped again. So each long run of it is
//! taken out of the tree before the HTML is written, the parser reads a token in its place, and
//! [`StandIns::restore`] writes the text where the token came out, escaped as html5ever escapes
//! text (`&`, `<`, `>`, no-break space), after the input stream's own changes (line ends, NUL).
//!
//! Where the token comes out decides what it may become. Between tags it is text: a token moves
//! with the parser's rules exactly as the text would, being text too (whitespace alone, which
//! tables place differently, never stands in). Inside a tag it is an attribute value: Galley's own
//! HTML puts text there only in an image's `alt`, which the allowlist keeps unjudged, so it is put
//! back there escaped as an attribute; in any other attribute (raw HTML left a quote open across
//! Galley's own HTML) the attribute goes, since the sanitizer judged the token, not the text.
//!
//! A token holds a number the process drew at random, so nothing an article holds (raw HTML's
//! character references decode to any text) can pass for one. It must never be used for HTML that
//! is not the sanitizer's output: the tokens are found by reading html5ever's serialization.

use std::borrow::Cow;
use std::hash::{BuildHasher, RandomState};

/// Texts shorter than this stay in place: a token is about as long, and reading it costs as much.
pub(crate) const MIN_LEN: usize = 32;

/// Attributes whose value a token may come out in and be put back: plain text the allowlist keeps
/// as written (comrak writes an image's alt text from the text of its description).
const PLAIN_TEXT_ATTRIBUTES: [&str; 1] = ["alt"];

/// The texts taken out, each at the index its token names; those lent, for `'t`.
pub(crate) struct StandIns<'t> {
    /// `galley-` and the random number: every token starts with it.
    prefix: String,
    texts: Vec<Cow<'t, str>>,
    /// The shortest text taken out ([`MIN_LEN`]; the tests take out shorter ones too).
    min_len: usize,
}

impl<'t> StandIns<'t> {
    pub(crate) fn new(min_len: usize) -> StandIns<'t> {
        StandIns { prefix: format!("galley-{:016x}-", random()), texts: Vec::new(), min_len }
    }

    /// Takes `text` out and leaves its token in its place, if it is worth one. Line ends at either
    /// end stay in place: comrak decides whether to start a new line by the last byte it wrote,
    /// and the parser reads a CR and the LF after it as one line end.
    pub(crate) fn take(&mut self, text: &mut String) {
        let Some((lead, trail)) = self.line_ends_around(text) else { return };
        let mut taken = std::mem::take(text);
        let after = taken.split_off(taken.len() - trail);
        let before: String = taken.drain(..lead).collect();
        *text = format!("{before}{}{after}", self.token());
        self.texts.push(Cow::Owned(taken));
    }

    /// What stands in for `text`, which is kept borrowed rather than copied: its token, with the
    /// line ends at either end, if it is worth one, else `text` itself.
    pub(crate) fn stand_in_for(&mut self, text: &'t str) -> Cow<'t, str> {
        let Some((lead, trail)) = self.line_ends_around(text) else { return Cow::Borrowed(text) };
        let stands_in = format!("{}{}{}", &text[..lead], self.token(), &text[text.len() - trail..]);
        self.texts.push(Cow::Borrowed(&text[lead..text.len() - trail]));
        Cow::Owned(stands_in)
    }

    /// [`take`](Self::take) for comrak's text nodes.
    pub(crate) fn take_cow(&mut self, text: &mut Cow<'static, str>) {
        if self.line_ends_around(text).is_some() {
            let mut owned = std::mem::take(text).into_owned();
            self.take(&mut owned);
            *text = Cow::Owned(owned);
        }
    }

    /// How many bytes of line ends `text` starts and ends with, if the rest is worth a token: as
    /// long as one, and more than whitespace (which tables place apart from other text).
    fn line_ends_around(&self, text: &str) -> Option<(usize, usize)> {
        let line_end = |b: &u8| matches!(b, b'\n' | b'\r');
        let lead = text.bytes().take_while(line_end).count();
        let trail = text.bytes().rev().take_while(line_end).count();
        let rest = text.get(lead..text.len().saturating_sub(trail)).unwrap_or_default();
        let worth = rest.len() >= self.min_len
            && !rest.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r'));
        worth.then_some((lead, trail))
    }

    fn token(&self) -> String {
        format!("{}{}.", self.prefix, self.texts.len())
    }

    /// The sanitizer's output with every token replaced by its text, escaped for where it stands.
    pub(crate) fn restore(&self, sanitized: &str) -> String {
        if self.texts.is_empty() {
            return sanitized.to_owned();
        }
        let mut out = String::with_capacity(sanitized.len() + self.escaped_len());
        let mut rest = sanitized;
        while let Some(open) = rest.find('<') {
            self.restore_text(&mut out, &rest[..open]);
            let end = tag_end(&rest[open..]).map_or(rest.len(), |end| open + end);
            self.restore_tag(&mut out, &rest[open..end]);
            rest = &rest[end..];
        }
        self.restore_text(&mut out, rest);
        out
    }

    /// Copies text, each token replaced by its text escaped as text.
    fn restore_text(&self, out: &mut String, text: &str) {
        self.replace_tokens(out, text, false);
    }

    /// Copies a tag; an attribute value holding a token gets its text back (plain-text
    /// attributes) or goes with its attribute.
    fn restore_tag(&self, out: &mut String, tag: &str) {
        if !tag.contains(self.prefix.as_str()) {
            out.push_str(tag);
            return;
        }
        // html5ever writes a start tag as `<name` and ` name="value"` for each attribute, with
        // `"` in a value as `&quot;`, then `>`.
        let mut rest = tag;
        let name_end = rest.find([' ', '>']).unwrap_or(rest.len());
        out.push_str(&rest[..name_end]);
        rest = &rest[name_end..];
        while let Some(attribute) = rest.strip_prefix(' ') {
            let Some((name, after_name)) = attribute.split_once("=\"") else { break };
            let Some(value_end) = after_name.find('"') else { break };
            let value = &after_name[..value_end];
            if !value.contains(self.prefix.as_str()) {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                out.push_str(value);
                out.push('"');
            } else if PLAIN_TEXT_ATTRIBUTES.contains(&name) {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                self.replace_tokens(out, value, true);
                out.push('"');
            }
            rest = &after_name[value_end + 1..];
        }
        out.push_str(rest);
    }

    /// Copies `text`, each token replaced by its text escaped as html5ever escapes text or, with
    /// `attribute`, an attribute value.
    fn replace_tokens(&self, out: &mut String, text: &str, attribute: bool) {
        let mut rest = text;
        while let Some(start) = rest.find(self.prefix.as_str()) {
            out.push_str(&rest[..start]);
            let after = &rest[start + self.prefix.len()..];
            let digits = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
            let index = after[..digits].parse::<usize>().ok().filter(|_| after[digits..].starts_with('.'));
            match index.and_then(|index| self.texts.get(index)) {
                Some(original) => {
                    escape(out, original, attribute);
                    rest = &after[digits + 1..];
                }
                // Not a token of ours after all: the random number makes this unreachable.
                None => {
                    out.push_str(&self.prefix);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
    }

    /// How long the texts are once escaped as text, or a little more: room reserved once.
    fn escaped_len(&self) -> usize {
        // Each `&` grows by 4, `<` and `>` by 3, a no-break space by 4 (counted by its second
        // byte, which a few other letters share: room to spare). Counted in short chunks, so the
        // counts fit the narrow lanes the compiler adds them in.
        let growth = |text: &str| -> usize {
            let chunk = |bytes: &[u8]| -> usize {
                let each =
                    |&b: &u8| u16::from(b == b'&' || b == 0xA0) * 4 + u16::from(b == b'<' || b == b'>') * 3;
                usize::from(bytes.iter().map(each).sum::<u16>())
            };
            text.as_bytes().chunks(64).map(chunk).sum()
        };
        self.texts.iter().map(|text| text.len() + growth(text)).sum()
    }
}

/// Where the tag that `html` starts with ends, just after its `>`: a `>` in a quoted attribute value
/// does not end it.
fn tag_end(html: &str) -> Option<usize> {
    let mut quoted = false;
    for (at, byte) in html.bytes().enumerate() {
        match byte {
            b'"' => quoted = !quoted,
            b'>' if !quoted => return Some(at + 1),
            _ => {}
        }
    }
    None
}

/// Writes `text` as html5ever's serializer writes what its parser read from comrak's escaping of
/// it: comrak writes NUL as U+FFFD, the parser's input stream turns CR LF and CR into LF, and the
/// serializer escapes `&`, `<`, `>` and U+00A0, and `"` in an attribute value. The bytes to look
/// at are found with memchr, each kind once through the text.
fn escape(out: &mut String, text: &str, attribute: bool) {
    let bytes = text.as_bytes();
    let mut markup = memchr::memchr3_iter(b'&', b'<', b'>', bytes).peekable();
    let mut others = memchr::memchr3_iter(0xC2, b'\r', b'\0', bytes).peekable();
    let mut quotes = attribute.then(|| memchr::memchr_iter(b'"', bytes)).into_iter().flatten().peekable();
    let mut written = 0;
    loop {
        let at = match (markup.peek(), others.peek(), quotes.peek()) {
            (None, None, None) => break,
            (a, b, c) => *[a, b, c].into_iter().flatten().min().expect("one is some"),
        };
        if markup.peek() == Some(&at) {
            markup.next();
        } else if others.peek() == Some(&at) {
            others.next();
        } else {
            quotes.next();
        }
        let (replacement, len) = match bytes[at] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\0' => ("\u{fffd}", 1),
            b'\r' if bytes.get(at + 1) == Some(&b'\n') => ("", 1),
            b'\r' => ("\n", 1),
            _ if bytes.get(at + 1) == Some(&0xA0) => ("&nbsp;", 2),
            // 0xC2 starting another character.
            _ => continue,
        };
        out.push_str(&text[written..at]);
        out.push_str(replacement);
        written = at + len;
    }
    out.push_str(&text[written..]);
}

/// A number no article can know: std's hasher keys, drawn from the system's randomness once per
/// thread and stepped for each new state.
pub(crate) fn random() -> u64 {
    RandomState::new().hash_one(0x6761_6c6c_6579_u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(texts: &[&str]) -> (StandIns<'static>, Vec<String>) {
        let mut stand_ins = StandIns::new(MIN_LEN);
        let tokens = texts
            .iter()
            .map(|text| {
                let mut text = (*text).to_owned();
                stand_ins.take(&mut text);
                text
            })
            .collect();
        (stand_ins, tokens)
    }

    #[test]
    fn text_comes_back_escaped_as_the_sanitizer_writes_text() {
        let long = "a < b & c > d \"quoted\" 'single'\u{a0}no-break\r\nline\rend\0nul";
        let (stand_ins, tokens) = taken(&[long]);
        assert_ne!(tokens[0], long);
        assert_eq!(
            stand_ins.restore(&format!("<p>x {} y</p>", tokens[0])),
            "<p>x a &lt; b &amp; c &gt; d \"quoted\" 'single'&nbsp;no-break\nline\nend\u{fffd}nul y</p>"
        );
        // The sanitizer's own output for the same text, as comrak escapes it.
        let mut comrak = String::new();
        comrak::html::escape(&mut comrak, long).unwrap();
        assert_eq!(
            crate::sanitize::sanitize(&format!("<p>x {comrak} y</p>")),
            stand_ins.restore(&format!("<p>x {} y</p>", tokens[0]))
        );
    }

    #[test]
    fn short_text_and_whitespace_stay_in_place() {
        let (stand_ins, tokens) = taken(&["short", &" ".repeat(100), &"\n\t ".repeat(20)]);
        assert_eq!(tokens, ["short".to_owned(), " ".repeat(100), "\n\t ".repeat(20)]);
        assert_eq!(stand_ins.restore("<p>short</p>"), "<p>short</p>");
    }

    #[test]
    fn line_ends_at_either_end_stay_in_place() {
        let (stand_ins, tokens) = taken(&["\r\n\na long enough text to stand in for\r\nits second line\r"]);
        let token = tokens[0].trim_matches(['\r', '\n']);
        assert_eq!(tokens[0], format!("\r\n\n{token}\r"));
        assert_eq!(
            stand_ins.restore(&format!("<pre>{token}</pre>")),
            "<pre>a long enough text to stand in for\nits second line</pre>"
        );
    }

    #[test]
    fn a_token_in_an_attribute_is_put_back_only_as_alt_text() {
        let text = "Схема \"моста\" <через> реку & берег";
        let (stand_ins, tokens) = taken(&[text, text, text]);
        let sanitized = format!(
            "<p><img src=\"a.png\" alt=\"{} и {}\" title=\"t\"><h1 id=\"x {}\" lang=\"ru\">h</h1></p>",
            tokens[0], tokens[1], tokens[2]
        );
        assert_eq!(
            stand_ins.restore(&sanitized),
            "<p><img src=\"a.png\" alt=\"Схема &quot;моста&quot; &lt;через&gt; реку &amp; берег и \
             Схема &quot;моста&quot; &lt;через&gt; реку &amp; берег\" title=\"t\"><h1 lang=\"ru\">h</h1></p>"
        );
    }

    #[test]
    fn a_gt_in_an_attribute_value_does_not_end_the_tag() {
        let (stand_ins, tokens) = taken(&["a long enough text to stand in for"]);
        let sanitized = format!("<a title=\"x > {} <\">{}</a>", tokens[0], tokens[0]);
        assert_eq!(stand_ins.restore(&sanitized), "<a>a long enough text to stand in for</a>");
    }

    #[test]
    fn what_only_looks_like_a_token_stays() {
        let (stand_ins, tokens) = taken(&["a long enough text to stand in for"]);
        let prefix = &tokens[0][..tokens[0].len() - 2];
        for unknown in [format!("{prefix}7."), format!("{prefix}x"), format!("{prefix}0")] {
            assert_eq!(stand_ins.restore(&format!("<p>{unknown}</p>")), format!("<p>{unknown}</p>"));
        }
    }

    #[test]
    fn each_render_draws_its_own_number() {
        assert_ne!(StandIns::new(MIN_LEN).prefix, StandIns::new(MIN_LEN).prefix);
    }
}
