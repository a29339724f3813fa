//! Saved web pages (`.html`, `.htm`): the page's main article, found by `dom_smoothie` (Mozilla's
//! Readability, in Rust), as Markdown.
//!
//! The headline is the page's title (less the site's name), the dek its description where that is
//! text of its own, and the lead the first paragraph where the description says it is one; the
//! byline (names only) and the date come from its metadata where it has them, and the body is the
//! article with its paragraphs, headings, links, lists, quotes and images (with their alt text).
//! Menus, footers, comments and scripts are left behind. The page's declared encoding
//! (`<meta charset>`, as browsers read it in the first 1,024 bytes) is honoured; without one the
//! text is decoded as any other import.
//! Finding the article is Readability's job: this module only reads what Readability leaves out
//! (the page's headings, dates and language in other common markup) and tidies what it returns.
//! Nothing here is trusted: the body is Markdown that the renderer sanitizes like any other.
//!
//! This file is the flow; each step that reads something of the page has its own module:
//! `charset` decodes the bytes, `page` reads the metadata Readability leaves out, `title`
//! finds the headline in the page's title, `description` sorts the description into dek or lead,
//! `byline` keeps the names of a byline and `time` reads the publication time.

mod byline;
mod charset;
mod description;
mod page;
mod time;
mod title;

use dom_smoothie::{Config, Readability, TextMode};
use galley_model::article::normalize_language;
use galley_model::{ArticleFields, Draft};

use crate::decode::Decoded;
use crate::{ImportError, Imported, detect_language, txt};
use page::Page;

/// Reads a saved web page into a draft.
pub fn parse(bytes: &[u8]) -> Result<Imported, ImportError> {
    let decoded = charset::decode(bytes)?;
    // The tree builder, Readability's scoring and the Markdown conversion each take time in
    // proportion to the depth for every element (10,000 nested `<div>`s took 7 s), and time and
    // memory for every node (7.4 million empty `<i>`s took 44 s and 2 GB). Measured first, by the
    // same parser, stopped at the limits.
    match galley_html_depth::document_excess(
        &decoded.text,
        galley_html_depth::MAX_DEPTH,
        galley_html_depth::MAX_NODES,
    ) {
        Some(galley_html_depth::Excess::Depth) => return Err(ImportError::TooDeep),
        Some(galley_html_depth::Excess::Nodes) => return Err(ImportError::TooManyElements),
        None => {}
    }
    let config = Config { text_mode: TextMode::Markdown, ..Config::default() };
    let mut readability =
        Readability::new(decoded.text.as_str(), None, Some(config)).map_err(|_| ImportError::NoArticle)?;
    if readability.doc.select("head *, body *").is_empty() {
        // No elements: the page is its text, without what markup it has (a doctype, `<html>`).
        let text = readability.doc.text().to_string();
        return plain_text(Decoded { text, ..decoded });
    }
    // What Readability's article leaves out, read before `parse` replaces the document with it.
    let page = Page::read(&readability);
    let quick = page.is_probably_readable(&readability);
    let article = readability.parse().map_err(|_| ImportError::NoArticle)?;
    // Readability's quick test sees only `<p>`, `<pre>`, `<article>` and `<div>` with `<br>`; its
    // extraction also reads a `<div>` of text as a paragraph. So a page that fails the quick test is
    // tested again as the article Readability found, where such divs are paragraphs: a home page or
    // a menu still has no paragraphs there.
    if !quick {
        let extracted =
            Readability::new(article.content.as_ref(), None, None).map_err(|_| ImportError::NoArticle)?;
        if !page.is_probably_readable(&extracted) {
            return Err(ImportError::NoArticle);
        }
    }

    let mut warnings = decoded.warnings;
    // Control characters are invisible and break search, counts and the `.md` file the article
    // becomes (too many read as binary); `.txt` import drops them too.
    let mut body: String = article
        .text_content
        .trim()
        .chars()
        .filter(|&c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect();
    let raw_byline = article.byline.as_deref().map(str::trim).unwrap_or_default();
    // A byline the page printed above the text is metadata now, not the body's first paragraph.
    if !raw_byline.is_empty()
        && let Some(rest) = body.strip_prefix(raw_byline).and_then(|rest| rest.strip_prefix("\n\n"))
    {
        body = rest.trim_start().to_owned();
    }
    let byline = byline::names(raw_byline);
    if body.is_empty() {
        return Err(ImportError::NoArticle);
    }

    let headline = title::headline(&article.title, article.site_name.as_deref(), &page.h1);
    if headline.is_empty() {
        warnings.push("the page has no title: write the headline".into());
    }
    let (dek, lead) = match page.description.as_deref().map(normalize_spaces) {
        Some(description) => {
            description::dek_or_lead(description, &headline, article.site_name.as_deref(), &mut body)
        }
        None => (String::new(), String::new()),
    };
    let language = article
        .lang
        .iter()
        .chain(&page.language)
        .find_map(|code| normalize_language(code))
        .unwrap_or_else(|| detect_language(&body).to_owned());
    let published_at = article.published_time.iter().chain(&page.dates).find_map(|raw| {
        let (time, zone_guessed) = time::parse(raw)?;
        if zone_guessed {
            warnings.push(format!(
                "the page gives its date without a time zone ({}): read as UTC; check the publication time",
                raw.trim()
            ));
        }
        Some(time)
    });

    body.push('\n');
    let fields = ArticleFields {
        headline,
        dek,
        lead,
        byline,
        language,
        published_at,
        body,
        ..ArticleFields::default()
    };
    Ok(Imported { draft: Draft { fields, ..Draft::default() }, warnings })
}

/// A file named `.html` that holds no markup at all is the text it is.
fn plain_text(decoded: Decoded) -> Result<Imported, ImportError> {
    if decoded.text.trim().is_empty() {
        return Err(ImportError::NoArticle);
    }
    let mut imported = txt::parse(&decoded.text);
    imported.warnings.splice(0..0, decoded.warnings);
    imported.warnings.push("the page has no HTML in it: read as plain text".into());
    Ok(imported)
}

/// A Chinese character or Japanese kana: scripts written without spaces between words.
fn is_han_or_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// The text with each run of whitespace one space, none at either end, and no control characters
/// (invisible, and they break search and counts; `.txt` import drops them too).
fn normalize_spaces(text: &str) -> String {
    let visible: String = text.chars().filter(|&c| c.is_whitespace() || !c.is_control()).collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
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

    fn nested(depth: usize, open: &str, close: &str) -> String {
        let text =
            "The mayor opened the new bridge over the Amur on Monday, after four years of work. ".repeat(8);
        format!("<html><body>{}<p>{text}</p>{}</body></html>", open.repeat(depth), close.repeat(depth))
    }

    #[test]
    fn a_page_nested_ten_thousand_deep_is_refused() {
        // 10,000 nested `<div>`s took 7 s to import; 100,000 ran for more than 5 minutes.
        for page in
            [nested(10_000, "<div>", "</div>"), nested(100_000, "<div>", ""), nested(50_000, "<b>", "")]
        {
            assert_eq!(parse(page.as_bytes()).unwrap_err(), ImportError::TooDeep);
        }
        let message = ImportError::TooDeep.to_string();
        assert!(message.contains("more than 256 levels deep"), "{message}");
    }

    #[test]
    fn a_page_of_more_elements_than_real_ones_is_refused() {
        // 7.4 million empty `<i>`s (50 MB) took 44 s and 2 GB to import.
        let elements = |n: usize| nested(1, &"<i></i>".repeat(n), "");
        let page = elements(galley_html_depth::MAX_NODES);
        assert_eq!(parse(page.as_bytes()).unwrap_err(), ImportError::TooManyElements);
        let message = ImportError::TooManyElements.to_string();
        assert!(message.starts_with("this page has more than 250,000 elements"), "{message}");
        // Within the budget the page is read (its one paragraph is the article).
        let imported = parse(elements(galley_html_depth::MAX_NODES - 10).as_bytes()).unwrap();
        assert!(imported.draft.fields.body.contains("The mayor opened"), "{}", imported.draft.fields.body);
    }

    #[test]
    fn a_page_nested_as_deep_as_real_ones_imports() {
        let imported = parse(nested(60, "<div>", "</div>").as_bytes()).unwrap();
        assert!(imported.draft.fields.body.starts_with("The mayor opened"), "{}", imported.draft.fields.body);
        assert!(parse(nested(250, "<div>", "</div>").as_bytes()).is_ok());
        // Tags closed by others (paragraphs, list items) do not add up.
        let paragraphs =
            "<p>The mayor opened the new bridge over the Amur on Monday, after four years.".repeat(2_000);
        let page = format!("<html><body>{paragraphs}</body></html>");
        assert!(!matches!(parse(page.as_bytes()), Err(ImportError::TooDeep)));
    }

    #[test]
    fn a_saved_news_page_becomes_an_article_without_its_site() {
        let page = page("windows-1251");
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
        let imported = parse(&bytes).unwrap();
        let fields = &imported.draft.fields;
        assert_eq!(fields.headline, "Встреча Галушки и Сэко");
        assert_eq!(fields.dek, "Министры обсудили план из 18 позиций.", "the description is no paragraph's");
        assert_eq!(fields.lead, "");
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

    /// Found by the `html_import` fuzz target: a control character in the title reached the
    /// headline (the same goes for the description and the byline).
    #[test]
    fn control_characters_never_reach_the_one_line_fields() {
        let page = page("utf-8")
            .replace(
                "<title>Встреча Галушки и Сэко</title>",
                "<title>Встреча\u{6} Галушки \u{1b}и Сэко</title>",
            )
            .replace("план из 18 позиций.", "план\u{7} из 18 позиций.")
            .replace("content=\"Иван Петров\"", "content=\"Иван\u{1} Петров\"");
        let fields = parse(page.as_bytes()).unwrap().draft.fields;
        assert_eq!(fields.headline, "Встреча Галушки и Сэко");
        assert_eq!(fields.dek, "Министры обсудили план из 18 позиций.");
        assert_eq!(fields.byline, ["Иван Петров"]);
    }

    /// Found by the `html_import` fuzz target: a page of markup without elements in it
    /// (`<!DOCTYPE html><html la<n`) was read as plain text, its markup the headline.
    #[test]
    fn markup_without_elements_is_not_text() {
        for page in ["<!DOCTYPE html><html la<n", "<!DOCTYPE html><html></html>", "<html><!-- x --></html>"] {
            let err = parse(page.as_bytes()).unwrap_err();
            assert!(matches!(err, ImportError::NoArticle), "{page}: {err}");
        }
        let imported = parse(b"<html>Mayor opens the bridge\n\nThe mayor opened it.</html>").unwrap();
        assert_eq!(imported.draft.fields.headline, "Mayor opens the bridge");
        assert_eq!(imported.draft.fields.body, "The mayor opened it.\n");
    }

    /// Found by the `html_import` fuzz target: control characters in the page's text reached the
    /// body, and the article's `.md` export then read as binary and would not import again.
    #[test]
    fn control_characters_never_reach_the_body() {
        let page = page("utf-8").replace("Документ содержит", "Документ\u{13}\u{13}\u{13} содержит\r\n");
        let body = parse(page.as_bytes()).unwrap().draft.fields.body;
        assert!(body.contains("Документ содержит"), "{body}");
        assert!(!body.chars().any(|c| c.is_control() && c != '\n'), "{body:?}");
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

    #[test]
    fn a_description_that_repeats_the_first_paragraph_makes_it_the_lead() {
        let page = page("utf-8").replace(
            "Министры обсудили план из 18 позиций.",
            "Вопросы активизации двустороннего сотрудничества и привлечения японских инвесторов…",
        );
        let fields = parse(page.as_bytes()).unwrap().draft.fields;
        assert_eq!(fields.dek, "");
        assert!(
            fields.lead.starts_with("Вопросы активизации") && fields.lead.ends_with("Хиросигэ Сэко."),
            "{}",
            fields.lead
        );
        assert!(fields.body.starts_with("Стороны согласовали"), "the lead left the body: {}", fields.body);
    }

    #[test]
    fn metadata_readability_leaves_out_is_read() {
        let page = page("utf-8")
            .replace(
                "<meta property=\"article:published_time\" content=\"2016-11-01T10:00:00+03:00\">",
                "<meta name=\"DC.date.issued\" content=\"2016-11-01\">",
            )
            .replace(
                "<html lang=\"ru\">",
                "<html><head><meta property=\"og:locale\" content=\"ru_RU\"></head>",
            );
        let imported = parse(page.as_bytes()).unwrap();
        assert_eq!(imported.draft.fields.published_at, Some("2016-11-01T00:00:00Z".parse().unwrap()));
        assert_eq!(imported.draft.fields.language, "ru-ru");
        assert_eq!(
            imported.warnings,
            [
                "the page gives its date without a time zone (2016-11-01): read as UTC; check the publication time"
            ]
        );
    }

    #[test]
    fn a_page_saved_again_as_utf8_is_read_as_utf8_whatever_it_declares() {
        let imported = parse(page("iso-8859-15").as_bytes()).unwrap();
        assert_eq!(imported.draft.fields.headline, "Встреча Галушки и Сэко");
        assert_eq!(
            imported.warnings,
            [
                "the page says it is in ISO-8859-15, but it is UTF-8: read as UTF-8; check that the letters look right"
            ]
        );
    }

    #[test]
    fn an_html_file_of_plain_text_is_read_as_text() {
        let text = "Мэр открыл мост через Амур\n\nМэр Хабаровска открыл новый мост через Амур в понедельник.\n\nДвижение по мосту откроют в среду.\n\nСтроительство шло три года.\n";
        let imported = parse(text.as_bytes()).unwrap();
        assert_eq!(imported.draft.fields.headline, "Мэр открыл мост через Амур");
        assert!(imported.draft.fields.body.contains("Движение по мосту"), "{:?}", imported.draft.fields);
        assert_eq!(imported.warnings.last().unwrap(), "the page has no HTML in it: read as plain text");
    }
}
