//! Which link targets Galley keeps: http(s), mailto, relative paths and in-page anchors.

/// The scheme of a URL that is not http(s), mailto, a relative path or an in-page `#anchor`.
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
    (!matches!(scheme.as_str(), "http" | "https" | "mailto")).then_some(scheme)
}
