//! Which link targets Galley keeps: http(s), mailto, relative paths and in-page anchors.

/// The scheme of a URL that is not http(s), mailto, a relative path or an in-page `#anchor`; also
/// `mailto` for an address that asks the mail program for more than a letter (`?attach=…`).
///
/// The URL is read as a browser reads it: leading and trailing control characters and spaces are
/// dropped and tabs and newlines anywhere are removed (`java\tscript:` is `javascript:`), and the
/// scheme is compared ignoring case. Entities must already be decoded (comrak does that for
/// Markdown destinations; the checklist does it for HTML attributes). Anything with a colon before
/// the first `/`, `?` or `#` has a scheme, so odd ones (`C:\…`, `java script:`) count too.
pub(crate) fn unsafe_scheme(url: &str) -> Option<String> {
    let cleaned: String =
        url.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    if !cleaned[end..].starts_with(':') {
        return None;
    }
    let scheme = cleaned[..end].to_ascii_lowercase();
    match scheme.as_str() {
        "http" | "https" => None,
        "mailto" if !asks_for_attachment(&cleaned[end + 1..]) => None,
        _ => Some(scheme),
    }
}

/// Whether a `mailto:` address names a header a mail program may act on beyond writing a letter:
/// `attach=` and the like make some (Thunderbird, Evolution, KMail) attach a file from the
/// reader's disk, so only the fields of a letter are kept (RFC 6068's `to`, `cc`, `bcc`,
/// `subject`, `body`; names compared percent-decoded and ignoring case).
fn asks_for_attachment(address: &str) -> bool {
    let Some((_, query)) = address.split_once('?') else { return false };
    query.split('&').filter(|pair| !pair.is_empty()).any(|pair| {
        let name = pair.split_once('=').map_or(pair, |(name, _)| name);
        let name = percent_decoded(name).to_ascii_lowercase();
        !matches!(name.as_str(), "to" | "cc" | "bcc" | "subject" | "body")
    })
}

/// `%61ttach` as `attach`; a `%` not followed by two hex digits is kept as it is.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
