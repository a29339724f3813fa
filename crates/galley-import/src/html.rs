//! Saved web pages (`.html`, `.htm`): the page's main article, found by `dom_smoothie` (Mozilla's
//! Readability, in Rust), as Markdown.
//!
//! The headline is the page's title, the lead its description, the byline and the date come from
//! its metadata where it has them, and the body is the article with its paragraphs, headings,
//! links, lists, quotes and images (with their alt text). Menus, footers, comments and scripts are
//! left behind. The page's declared encoding (`<meta charset>`, as browsers read it in the first
//! 1,024 bytes) is honoured; without one the text is decoded as any other import.
//! Nothing here is trusted: the body is Markdown that the renderer sanitizes like any other.

use dom_smoothie::{Config, Readability, TextMode};
use encoding_rs::{Encoding, UTF_8};
use galley_model::{ArticleFields, Draft, Timestamp};

use crate::decode::{self, Decoded};
use crate::{ImportError, Imported, check_size, detect_language};

/// Reads a saved web page into a draft.
pub fn parse(bytes: &[u8]) -> Result<Imported, ImportError> {
    let decoded = decode_html(bytes)?;
    let config = Config { text_mode: TextMode::Markdown, ..Config::default() };
    let mut readability =
        Readability::new(decoded.text.as_str(), None, Some(config)).map_err(|_| ImportError::NoArticle)?;
    // Readability's own test of whether a page holds an article (enough scored text), so a home
    // page or a menu is refused rather than imported as its links.
    if !readability.is_probably_readable() {
        return Err(ImportError::NoArticle);
    }
    let article = readability.parse().map_err(|_| ImportError::NoArticle)?;

    let mut body = article.text_content.trim().to_owned();
    let byline: Vec<String> =
        article.byline.iter().map(|b| b.trim().to_owned()).filter(|b| !b.is_empty()).collect();
    // A byline the page printed above the text is metadata now, not the body's first paragraph.
    if let Some(name) = byline.first()
        && let Some(rest) = body.strip_prefix(name.as_str()).and_then(|rest| rest.strip_prefix("\n\n"))
    {
        body = rest.trim_start().to_owned();
    }
    if body.is_empty() {
        return Err(ImportError::NoArticle);
    }
    // The description often repeats the first paragraph; then it is no lead of its own.
    let lead = article
        .excerpt
        .as_deref()
        .map(str::trim)
        .filter(|excerpt| !excerpt.is_empty() && !body.contains(excerpt))
        .unwrap_or_default()
        .to_owned();
    let language = article
        .lang
        .as_deref()
        .and_then(galley_model::article::normalize_language)
        .unwrap_or_else(|| detect_language(&body).to_owned());
    let published_at =
        article.published_time.as_deref().and_then(|time| time.trim().parse::<Timestamp>().ok());

    let mut warnings = decoded.warnings;
    let headline = article.title.trim().to_owned();
    if headline.is_empty() {
        warnings.push("the page has no title: write the headline".into());
    }
    body.push('\n');
    let fields =
        ArticleFields { headline, lead, byline, language, published_at, body, ..ArticleFields::default() };
    Ok(Imported { draft: Draft { fields, ..Draft::default() }, warnings })
}

/// Decodes a page in the encoding it declares, else as any imported text.
fn decode_html(bytes: &[u8]) -> Result<Decoded, ImportError> {
    check_size(bytes.len() as u64)?;
    match declared_encoding(bytes) {
        // A byte-order mark wins over a declaration, as in browsers: `decode` reads it.
        Some(encoding) if encoding != UTF_8 && Encoding::for_bom(bytes).is_none() => {
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            let mut warnings = Vec::new();
            if had_errors {
                warnings.push(format!(
                    "some characters are not valid {}, as the page says it is: check the text for \u{FFFD}",
                    encoding.name()
                ));
            }
            Ok(Decoded { text: text.into_owned(), encoding: encoding.name(), warnings })
        }
        _ => decode::decode(bytes),
    }
}

/// The encoding a page declares in its first 1,024 bytes: `<meta charset="…">`, or
/// `<meta http-equiv="Content-Type" content="text/html; charset=…">`.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(1024)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&head[from..], b"charset") {
        let rest = &head[from + at + b"charset".len()..];
        from += at + b"charset".len();
        let rest = trim_start(rest);
        let Some(rest) = rest.strip_prefix(b"=") else { continue };
        let rest = trim_start(rest);
        let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
        let label: Vec<u8> = rest
            .iter()
            .copied()
            .take_while(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
            .collect();
        if let Some(encoding) = Encoding::for_label(&label) {
            // A page saved as UTF-16 that says so is read by its byte-order mark; HTML treats a
            // declared UTF-16 as UTF-8.
            return Some(if encoding.is_single_byte() || encoding.output_encoding() == encoding {
                encoding
            } else {
                UTF_8
            });
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    &bytes[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Russian news page as sites serve it: Windows-1251, a menu, the article, a footer.
    fn page(encoding: &str) -> String {
        format!(
            r#"<!doctype html><html lang="ru"><head><meta charset="{encoding}">
<title>Встреча Галушки и Сэко</title>
<meta name="description" content="Министры обсудили план из 18 позиций.">
<meta name="author" content="Иван Петров">
<meta property="article:published_time" content="2016-11-01T10:00:00+03:00">
<script>window.tracker = "pwned";</script></head>
<body><nav><a href="/">Главная</a> <a href="/news">Новости</a> <a href="/sport">Спорт</a></nav>
<article><h1>Встреча Галушки и Сэко</h1><p class="byline">Иван Петров</p>
<p>Вопросы активизации двустороннего сотрудничества и привлечения японских инвесторов в дальневосточные регионы обсуждались в Токио на встрече Александра Галушки и Хиросигэ Сэко.</p>
<p>Стороны согласовали план интенсификации экономических связей между Японией и Россией на Дальнем Востоке. Документ содержит 18 позиций, объединенных в 5 групп.</p>
<p>Четвертое направление – развитие инфраструктурных связей, в том числе проект энергомоста Сахалин – Хоккайдо.</p>
<blockquote>«Это надолго», — сказал министр.</blockquote>
<ul><li>Первый пункт</li><li>Второй <a href="https://example.ru/plan">пункт</a></li></ul>
<p><img src="https://example.ru/photo.jpg" alt="Галушка и Сэко в Токио"></p>
<script>document.title = "pwned";</script></article>
<footer>© 2016 Новости ДВ. Все права защищены. <a href="/about">О нас</a></footer></body></html>"#
        )
    }

    #[test]
    fn a_saved_news_page_becomes_an_article_without_its_site() {
        let page = page("windows-1251");
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
        let imported = parse(&bytes).unwrap();
        let fields = &imported.draft.fields;
        assert_eq!(fields.headline, "Встреча Галушки и Сэко");
        assert_eq!(fields.lead, "Министры обсудили план из 18 позиций.");
        assert_eq!(fields.byline, ["Иван Петров"]);
        assert_eq!(fields.language, "ru");
        assert_eq!(fields.published_at, Some("2016-11-01T07:00:00Z".parse().unwrap()));
        assert!(
            fields.body.starts_with("Вопросы активизации"),
            "the byline is not a paragraph: {}",
            fields.body
        );
        for kept in [
            "> «Это надолго», — сказал министр.",
            "- Второй [пункт](https://example.ru/plan)",
            "![Галушка и Сэко в Токио](https://example.ru/photo.jpg)",
            "Сахалин – Хоккайдо",
        ] {
            assert!(fields.body.contains(kept), "{kept} is kept: {}", fields.body);
        }
        for left in ["Главная", "Спорт", "Все права защищены", "pwned", "tracker"]
        {
            assert!(!fields.body.contains(left), "{left} is the site's, not the article's: {}", fields.body);
        }
        assert!(imported.warnings.is_empty(), "a declared encoding is no guess: {:?}", imported.warnings);
    }

    #[test]
    fn the_declared_encoding_is_read_as_browsers_read_it() {
        assert_eq!(declared_encoding(br#"<meta charset="windows-1251">"#), Some(encoding_rs::WINDOWS_1251));
        assert_eq!(declared_encoding(b"<META CHARSET=KOI8-R>"), Some(encoding_rs::KOI8_R));
        assert_eq!(
            declared_encoding(br#"<meta http-equiv="Content-Type" content="text/html; charset=cp1251">"#),
            Some(encoding_rs::WINDOWS_1251)
        );
        assert_eq!(declared_encoding(br#"<meta charset="utf-16">"#), Some(UTF_8));
        assert_eq!(declared_encoding(b"<p>charset is a word, not a declaration</p>"), None);
        let late = format!("{}<meta charset=\"windows-1251\">", " ".repeat(1024));
        assert_eq!(declared_encoding(late.as_bytes()), None, "only the first 1,024 bytes count");
    }

    #[test]
    fn a_page_without_an_article_is_refused_with_a_reason() {
        let err = parse(b"<!doctype html><html><head><title>x</title></head><body><nav><a href=\"/\">Home</a></nav></body></html>").unwrap_err();
        assert!(matches!(err, ImportError::NoArticle), "{err}");
        assert!(err.to_string().contains("copy the article"), "{err}");
    }

    #[test]
    fn a_utf8_page_without_a_declaration_reads_too() {
        let imported = parse(page("").replace("<meta charset=\"\">", "").as_bytes()).unwrap();
        assert_eq!(imported.draft.fields.headline, "Встреча Галушки и Сэко");
    }
}
