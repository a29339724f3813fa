//! Where a page's description goes: the dek, the lead (the body's first paragraph, which it
//! repeats), or nowhere (it repeats other text of the page).

use super::{is_han_or_kana, normalize_spaces};

/// Sorts the page's description into the dek or the lead, taking the lead out of the body:
/// - a description that repeats the body's first paragraph (whole or cut short) marks that
///   paragraph as the lead, as `.txt` imports take the first paragraph;
/// - one that repeats other text of the body, the headline or the site's name is nothing new;
/// - any other is the page's own summary under the headline: the dek.
pub(super) fn dek_or_lead(
    description: String,
    headline: &str,
    site_name: Option<&str>,
    body: &mut String,
) -> (String, String) {
    let said = words(&description);
    if said.is_empty()
        || description.eq_ignore_ascii_case(headline)
        || site_name.is_some_and(|site| description.eq_ignore_ascii_case(site.trim()))
    {
        return (String::new(), String::new());
    }
    let (first, rest) = body.split_once("\n\n").unwrap_or((body.as_str(), ""));
    let first_is_paragraph = !rest.trim().is_empty() && is_plain_paragraph(first);
    if first_is_paragraph && share_found(&said, &words(&markdown_plain(first))) >= REPEAT_SHARE {
        let lead = normalize_spaces(&markdown_plain(first));
        *body = rest.trim_start().to_owned();
        return (String::new(), lead);
    }
    if share_found(&said, &words(&markdown_plain(body))) >= REPEAT_SHARE {
        return (String::new(), String::new());
    }
    (description, String::new())
}

/// The share of a description's words found in a paragraph for it to repeat that paragraph:
/// descriptions are cut short, and add or drop a word (a dateline, "By …").
const REPEAT_SHARE: f64 = 0.8;

/// A block of the Markdown body that is a plain paragraph, not a heading, list, quote, table,
/// image or code.
fn is_plain_paragraph(block: &str) -> bool {
    let block = block.trim_start();
    let numbered = block.trim_start_matches(|c: char| c.is_ascii_digit());
    !(block.is_empty()
        || ["#", ">", "- ", "* ", "+ ", "|", "![", "[![", "```", "    "].iter().any(|p| block.starts_with(p))
        || (numbered.len() < block.len() && (numbered.starts_with(". ") || numbered.starts_with(") "))))
}

/// The text of a Markdown paragraph as a reader sees it: links and images as their text, no
/// emphasis marks, no backslash escapes. Lead and dek are plain text fields.
fn markdown_plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => out.extend(chars.next()),
            '*' => {}
            '!' if chars.peek() == Some(&'[') => {}
            '[' | ']' => {
                if c == ']' && chars.peek() == Some(&'(') {
                    // Skip the target, with any parentheses it holds.
                    let mut depth = 0;
                    for t in chars.by_ref() {
                        depth += match t {
                            '(' => 1,
                            ')' => -1,
                            _ => 0,
                        };
                        if depth == 0 {
                            break;
                        }
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Lowercase words for comparing texts; in Chinese and Japanese, characters.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() && !is_han_or_kana(c) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if is_han_or_kana(c) {
            out.push(c.to_string());
        }
    }
    out.extend((!word.is_empty()).then_some(word));
    out
}

/// The share of `wanted` (with repeats) that `found` has.
fn share_found(wanted: &[String], found: &[String]) -> f64 {
    let mut left: Vec<&str> = found.iter().map(String::as_str).collect();
    left.sort_unstable();
    let mut hits = 0;
    for word in wanted {
        if let Ok(at) = left.binary_search(&word.as_str()) {
            left.remove(at);
            hits += 1;
        }
    }
    hits as f64 / wanted.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_description_that_repeats_the_first_paragraph_makes_it_the_lead_as_plain_text() {
        // The lead and dek fields are not Markdown.
        let mut body =
            "Первый [абзац](https://example.ru/a_(b)) с **важным** \\[словом\\].\n\nВторой абзац.".to_owned();
        let (dek, lead) = dek_or_lead("Первый абзац с важным словом".into(), "Заголовок", None, &mut body);
        assert_eq!(
            (dek.as_str(), lead.as_str(), body.as_str()),
            ("", "Первый абзац с важным [словом].", "Второй абзац.")
        );
    }

    #[test]
    fn a_description_that_repeats_later_text_the_headline_or_the_site_is_nothing() {
        let mut body = "Первый абзац.\n\nВторой абзац о встрече министров.".to_owned();
        for description in ["Второй абзац о встрече министров", "Заголовок", "Сайт Хабаровска"]
        {
            let (dek, lead) =
                dek_or_lead(description.into(), "Заголовок", Some("Сайт Хабаровска"), &mut body);
            assert_eq!((dek.as_str(), lead.as_str()), ("", ""), "{description}");
        }
    }
}
