//! Typography on an HTML fragment: the text between tags is typeset, tags, attributes, comments
//! and the content of `code`, `pre`, `script`, `style` and `textarea` stay as they are.

use crate::typography::Typographer;

/// Elements whose end closes a block: quotes do not pair across them.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "td",
    "th",
    "blockquote",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "figcaption",
    "dd",
    "dt",
    "br",
    "hr",
    "tr",
    "ul",
    "ol",
    "table",
    "aside",
];
/// Elements whose content is not prose.
const VERBATIM: &[&str] = &["code", "pre", "script", "style", "textarea", "kbd", "samp"];

/// Typesets the text of an HTML fragment.
pub fn typeset_html(fragment: &str, language: &str) -> String {
    let mut typographer = Typographer::new(language);
    let mut out = String::with_capacity(fragment.len() + fragment.len() / 8);
    let mut verbatim_depth = 0usize;
    let mut rest = fragment;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            push_text(&mut out, rest, verbatim_depth > 0, &mut typographer);
            break;
        };
        push_text(&mut out, &rest[..open], verbatim_depth > 0, &mut typographer);
        rest = &rest[open..];
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map_or(rest.len(), |i| i + 3)
        } else {
            rest.find('>').map_or(rest.len(), |i| i + 1)
        };
        let tag = &rest[..end];
        let name: String = tag
            .trim_start_matches('<')
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let closing = tag.starts_with("</");
        if VERBATIM.contains(&name.as_str()) {
            if closing {
                verbatim_depth = verbatim_depth.saturating_sub(1);
            } else if !tag.ends_with("/>") {
                verbatim_depth += 1;
            }
            typographer.skip("x");
        }
        if BLOCKS.contains(&name.as_str()) {
            typographer.end_block();
        }
        out.push_str(tag);
        rest = &rest[end..];
    }
    out
}

/// Typesets one run of text, reading and writing the basic entities around the typographer.
fn push_text(out: &mut String, text: &str, verbatim: bool, typographer: &mut Typographer) {
    if text.is_empty() {
        return;
    }
    if verbatim {
        out.push_str(text);
        return;
    }
    let decoded = text
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "\u{e000}")
        .replace("&gt;", "\u{e001}")
        .replace("&amp;", "\u{e002}");
    let typeset = typographer.text(&decoded);
    out.push_str(
        &typeset.replace('\u{e000}', "&lt;").replace('\u{e001}', "&gt;").replace('\u{e002}', "&amp;"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_code_are_left_alone() {
        let html =
            "<p class=\"a-b\">Текст <code>a - b \"c\"</code> и <a href=\"https://x.ru/a--b\">ссылка</a></p>";
        let typeset = typeset_html(html, "ru");
        assert!(typeset.contains("<p class=\"a-b\">"), "{typeset}");
        assert!(typeset.contains("<code>a - b \"c\"</code>"), "{typeset}");
        assert!(typeset.contains("href=\"https://x.ru/a--b\""), "{typeset}");
    }

    #[test]
    fn entities_survive() {
        let typeset = typeset_html("<p>a &lt;b&gt; &amp; c</p>", "ru");
        assert!(typeset.contains("&lt;b&gt;") && typeset.contains("&amp;"), "{typeset}");
    }
}
