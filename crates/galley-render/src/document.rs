//! Standalone HTML: one valid HTML5 file per article, from a template.
//!
//! The built-in template (`templates/article.html` with `article.css` inlined) gives semantic
//! structure (`<article>`, `<header>` with the headline, dek, byline, dateline and `<time>`, the
//! body, related links, tags), metadata (description, author, keywords, Open Graph and `article:`
//! tags) and a JSON-LD `NewsArticle`, the only script in the file. A user's template gets the same
//! values. Every value is escaped by the template engine except the body (already sanitized) and
//! the JSON-LD (escaped for a `<script>` element here). A user's template writes markup of its
//! own, so its whole output is sanitized again as a document (`sanitize_document`), each removal a
//! warning. The body is not read a second time: where the template prints it, a marker with a
//! random number comes out, the page is sanitized around it, and the body is put in its place
//! (`BodyMarker`), but only where it reads as it did alone (in the flow of the page's body, not in
//! a paragraph, a link, a table, an attribute or the head's elements) and only when the template
//! printed it whole (not captured and changed): otherwise the page with the body in it is read
//! whole, as before. The built-in template
//! prints a marker too, so that the body is not copied through the template engine. Escaping cannot
//! judge a URL, so related links are judged as the body's links are: one to a scheme other than
//! http(s) or mailto is left out, with a warning.

use std::sync::Arc;

use galley_model::{Article, Timestamp};
use minijinja::Environment;
use serde::Serialize;

use crate::sanitize::{sanitize_document, sanitize_document_around};
use crate::typography::Typographer;
use crate::url::unsafe_scheme;
use crate::{Rendered, render_body};

mod template;

use template::{BodyMarker, Page, marker_text, put_in, put_in_taking};

/// The built-in template's source.
pub const BUILTIN_TEMPLATE: &str = include_str!("../templates/article.html");
/// The built-in template's stylesheet, inlined in its `<style>`.
pub(crate) const BUILTIN_CSS: &str = include_str!("../templates/article.css");

/// How many steps a template may take beyond what its data pays for (the built-in one takes a few
/// hundred).
const TEMPLATE_FUEL: u64 = 1_000_000;

/// minijinja charges a fuel per 64 bytes a filter reads or a template writes: each byte of the data
/// pays for four of those (a body is read by `safe` and written, and a template may write it once
/// more), so the fuel grows with the article and a long one is never refused for its length, while
/// a template that loops over its data still runs out.
const DATA_BYTES_PER_FUEL: u64 = 16;

/// How much a template may write beyond the article's rendered body, whose size it may print
/// twice: a user's template cannot fill the disk or the memory of the app that shows it.
const OUTPUT_ALLOWANCE: usize = 8 * 1024 * 1024;

/// How deep a template's macros, includes and nested blocks may go (minijinja's own limit is 500).
const RECURSION_LIMIT: usize = 100;

/// A template that cannot be used, with where it went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("template `{name}`{}: {message}", .line.map(|l| format!(", line {l}")).unwrap_or_default())]
pub struct TemplateError {
    pub name: String,
    pub line: Option<usize>,
    pub message: String,
}

impl TemplateError {
    fn new(name: &str, err: &minijinja::Error) -> TemplateError {
        let message = match err.kind() {
            minijinja::ErrorKind::OutOfFuel => "the template does more work than an export needs (a loop \
                 too long, or a value too big): Galley stops a template after about a million steps \
                 or 64 MB of values it makes"
                .to_owned(),
            _ => err.detail().map(str::to_owned).unwrap_or_else(|| err.kind().to_string()),
        };
        TemplateError { name: name.to_owned(), line: err.line(), message }
    }

    fn too_long(name: &str, cap: usize) -> TemplateError {
        TemplateError {
            name: name.to_owned(),
            line: None,
            message: format!(
                "the template writes more than {} MB for this article; an export is the article \
                 with its page around it",
                cap / 1_000_000
            ),
        }
    }
}

/// Checks that a template compiles, so an export can refuse it before writing anything.
pub fn check_template(name: &str, source: &str) -> Result<(), TemplateError> {
    Environment::new()
        .template_from_named_str(name, source)
        .map(|_| ())
        .map_err(|e| TemplateError::new(name, &e))
}

/// Renders an article as a standalone HTML document with the built-in template, or with
/// `template` (its name and source).
pub fn standalone_html(article: &Article, template: Option<(&str, &str)>) -> Result<Rendered, TemplateError> {
    standalone(article, template, true)
}

/// [`standalone_html`]; a user's template has its body put in after the page is sanitized, or
/// without `marked`, sanitized with the page (the tests compare the two).
fn standalone(
    article: &Article,
    template: Option<(&str, &str)>,
    marked: bool,
) -> Result<Rendered, TemplateError> {
    let (name, source) = template.unwrap_or(("article.html", BUILTIN_TEMPLATE));
    let body = render_body(&article.fields.body, &article.fields.language);
    let cap = 2 * body.html.len() + OUTPUT_ALLOWANCE;
    let mut warnings = body.warnings;
    let Some(_) = template else {
        // The built-in template's output is Galley's and stays as it is. It prints the body once,
        // in the page's flow: given a marker for it, it makes no copies of the body, which goes
        // in after.
        let marker = marker_text();
        let values = DocumentValues::new(article, &marker, &mut warnings);
        let page =
            Page { name, source, values: &values, body: marker.as_str().into(), fuel: values.fuel(), cap };
        let html = put_in_taking(&page.render(None)?, &marker, body.html);
        return Ok(Rendered { html, warnings });
    };
    let body = Arc::<str>::from(body.html);
    let values = DocumentValues::new(article, &body, &mut warnings);
    // The body's value shares the body's text: a template reads it without a copy made for it.
    let page = Page { name, source, values: &values, body: body.clone().into(), fuel: values.fuel(), cap };
    // A user's template writes markup of its own: the whole page is sanitized again, and its
    // author is told what went. The body, sanitized already, is put in after where the page
    // around it does not change how it reads.
    let mut removed = Vec::new();
    let marker = BodyMarker::new(body.clone());
    let html = match marked.then(|| page.render(Some(&marker))).transpose()? {
        Some(marked) if marker.printed_whole(&marked) => {
            match sanitize_document_around(&marked, &marker.text, &mut removed) {
                Some(cleaned) => put_in(&cleaned, &marker.text, &body),
                // The page read whole, as the template wrote it.
                None => sanitize_document(&put_in(&marked, &marker.text, &body), &mut removed),
            }
        }
        _ => sanitize_document(&page.render(None)?, &mut removed),
    };
    warnings.extend(removed.into_iter().map(|line| format!("template `{name}`: {line}")));
    Ok(Rendered { html, warnings })
}

/// What a template can use.
#[derive(Debug, Serialize)]
struct DocumentValues<'a> {
    lang: &'a str,
    /// `rtl` for a language written right to left, so the page reads from the right; none otherwise.
    dir: Option<&'static str>,
    og_locale: &'static str,
    /// The headline, typeset: what `<title>` and `<h1>` show.
    title: String,
    headline: String,
    dek: String,
    lead: String,
    /// The lead as the meta description: typeset, on one line.
    description: String,
    authors: &'a [String],
    dateline: &'a str,
    section: &'a str,
    tags: &'a [String],
    /// The related links whose URLs the sanitizer would keep in a body; the others are left out.
    related: Vec<&'a galley_model::Related>,
    published: Moment,
    modified: Moment,
    /// Given to the template as a value of its own ([`Page`]'s `body`), not copied into this one.
    #[serde(skip)]
    body: &'a str,
    json_ld: String,
    css: &'static str,
    labels: Labels,
    id: String,
    slug: &'a str,
}

#[derive(Debug, Serialize)]
struct Moment {
    iso: String,
    human: String,
}

#[derive(Debug, Serialize)]
struct Labels {
    related: &'static str,
    tags: &'static str,
}

impl<'a> DocumentValues<'a> {
    fn new(article: &'a Article, body: &'a str, warnings: &mut Vec<String>) -> DocumentValues<'a> {
        let f = &article.fields;
        let typeset = |text: &str| {
            let mut typographer = Typographer::new(&f.language);
            typographer.text(text.trim())
        };
        let headline = typeset(&f.headline);
        let lead = typeset(&f.lead);
        let published_at = f.published_at.unwrap_or(article.created_at);
        let russian = f.language == "ru";
        DocumentValues {
            lang: &f.language,
            dir: is_right_to_left(&f.language).then_some("rtl"),
            og_locale: if russian { "ru_RU" } else { "en_US" },
            title: headline.clone(),
            headline,
            dek: typeset(&f.dek),
            description: lead.split_whitespace().collect::<Vec<_>>().join(" "),
            lead,
            authors: &f.byline,
            dateline: &f.dateline,
            section: &f.section,
            tags: &f.tags,
            related: safe_related(&f.related, warnings),
            published: Moment { iso: iso(published_at), human: human_date(published_at, russian) },
            modified: Moment { iso: iso(article.updated_at), human: human_date(article.updated_at, russian) },
            body,
            json_ld: json_ld(article, published_at),
            css: BUILTIN_CSS,
            labels: if russian {
                Labels { related: "Также по теме", tags: "Теги" }
            } else {
                Labels { related: "Related", tags: "Tags" }
            },
            id: article.id.to_string(),
            slug: &f.slug,
        }
    }
}

impl DocumentValues<'_> {
    /// A template cannot loop forever or build values without end: its work is bounded beyond
    /// what its data pays for (and what it writes by its output cap).
    fn fuel(&self) -> u64 {
        TEMPLATE_FUEL + self.data_bytes().div_ceil(DATA_BYTES_PER_FUEL)
    }

    /// The bytes of text a template is given (the fixed labels and style sheet are paid for by the
    /// template's own fuel).
    fn data_bytes(&self) -> u64 {
        let lists = self.authors.iter().chain(self.tags).map(String::len).sum::<usize>()
            + self.related.iter().map(|link| link.url.len() + link.title.len()).sum::<usize>();
        let texts = [&self.title, &self.headline, &self.dek, &self.lead, &self.description, &self.json_ld]
            .iter()
            .map(|text| text.len())
            .sum::<usize>();
        (self.body.len() + lists + texts + self.dateline.len() + self.section.len() + self.slug.len()) as u64
    }
}

/// Whether a language (a code such as `ar` or `he-IL`) is written right to left: Arabic, Hebrew,
/// Persian, Urdu, Pashto, Sindhi, Kurdish (Sorani), Uyghur, Dhivehi, Yiddish, Syriac, N'Ko.
fn is_right_to_left(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    matches!(
        primary.as_str(),
        "ar" | "he" | "iw" | "fa" | "ur" | "ps" | "sd" | "ckb" | "ug" | "dv" | "yi" | "syr" | "nqo"
    )
}

/// The related links a document may carry: a template escapes a URL's characters but cannot see
/// its scheme, so `javascript:`, `data:`, `file:` and app schemes are judged here, as the
/// sanitizer judges links in the body (OSV.dev's reference list had this hole: GHSA-prqw-jx4x-vw4x).
fn safe_related<'a>(
    related: &'a [galley_model::Related],
    warnings: &mut Vec<String>,
) -> Vec<&'a galley_model::Related> {
    related
        .iter()
        .filter(|link| match unsafe_scheme(&link.url) {
            None => true,
            Some(scheme) => {
                warnings.push(format!(
                    "the related link to a `{scheme}:` address was left out: links may only go to http(s), \
                     mailto, a relative path or an #anchor"
                ));
                false
            }
        })
        .collect()
}

fn iso(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn human_date(ts: Timestamp, russian: bool) -> String {
    const RU: [&str; 12] = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let date = ts.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let month = usize::try_from(date.month() - 1).unwrap_or(0);
    if russian {
        format!("{}\u{a0}{} {}", date.day(), RU[month], date.year())
    } else {
        format!("{} {}, {}", EN[month], date.day(), date.year())
    }
}

/// The JSON-LD `NewsArticle`, escaped so it cannot end its `<script>` element early.
fn json_ld(article: &Article, published_at: Timestamp) -> String {
    let f = &article.fields;
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": f.headline.chars().take(110).collect::<String>(),
        "datePublished": iso(published_at),
        "dateModified": iso(article.updated_at),
        "inLanguage": f.language,
        "identifier": article.id.to_string(),
    });
    let object = value.as_object_mut().expect("built as an object");
    if !f.lead.trim().is_empty() {
        object.insert("description".into(), f.lead.trim().into());
    }
    if !f.byline.is_empty() {
        let authors: Vec<_> =
            f.byline.iter().map(|name| serde_json::json!({"@type": "Person", "name": name})).collect();
        object.insert("author".into(), authors.into());
    }
    if !f.section.is_empty() {
        object.insert("articleSection".into(), f.section.clone().into());
    }
    if !f.tags.is_empty() {
        object.insert("keywords".into(), f.tags.join(", ").into());
    }
    if !f.dateline.is_empty() {
        object.insert("locationCreated".into(), serde_json::json!({"@type": "Place", "name": f.dateline}));
    }
    script_safe_json(&value)
}

/// JSON that can sit inside `<script>`: `<`, `>`, `&` and the two line separators JavaScript
/// treats as line ends are written as `\u` escapes.
pub fn script_safe_json(value: &serde_json::Value) -> String {
    script_safe(&serde_json::to_string(value).expect("JSON values always serialise"))
}

/// JSON's text made safe inside `<script>` as [`script_safe_json`] makes it: only characters a
/// JSON text may hold only in strings are replaced, so JSON keeps its meaning.
pub(crate) fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn article() -> Article {
        let body = "Первый абзац с [ссылкой](https://example.ru/a) и сноской[^1], «кавычки» & <b>жирный</b>.\n\n\
                    ## Итоги & выводы\n\n> Цитата.\n\n| Год | Цена |\n|:----|-----:|\n| 2026 | 10 |\n\n\
                    ![Схема \"моста\"](assets/a.png)\n\n```\nlet a = \"<b>\";\n```\n\n\
                    <abbr title=\"x\">ВГ</abbr> <script>alert(1)</script>\n\n[^1]: Сноска.\n";
        Article {
            id: "0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e".parse().unwrap(),
            fields: galley_model::ArticleFields {
                headline: "Мост".into(),
                body: body.into(),
                language: "ru".into(),
                ..Default::default()
            },
            created_at: "2026-09-01T07:16:47Z".parse().unwrap(),
            updated_at: "2026-09-04T18:03:12Z".parse().unwrap(),
            revision: 1,
        }
    }

    /// Templates that print the body where it reads as alone, where the page changes how it reads,
    /// where it is no text at all, and that capture or measure it.
    const TEMPLATES: &[&str] = &[
        BUILTIN_TEMPLATE,
        "<!DOCTYPE html><html><head><title>{{ title }}</title></head><body>{{ body | safe }}</body></html>",
        "<!DOCTYPE html><body><main><div class=\"body\">\n{{ body | safe }}\n</div></main><div>{{ body | safe }}</div>",
        "<body><table><tr><td onclick=\"x()\">{{ body | safe }}</td></tr></table><script>alert(1)</script>",
        "<body><p>{{ body | safe }}</p>",
        "<body><a href=\"/\">{{ body | safe }}</a><div>{{ body | safe }}</div>",
        "<head><title>{{ body | safe }}</title><meta name=\"description\" content=\"{{ body | safe }}\"></head>",
        "<body><div title=\"{{ body | safe }}\">x</div>",
        "<body><!-- {{ body | safe }} --><iframe>{{ body | safe }}</iframe>",
        "{% set copy %}{{ body | safe }}{% endset %}<div>{{ copy | replace('<p>', '<p class=\"x\">') }}</div>",
        "{% macro b() %}{{ body | safe }}{% endmacro %}<div>{{ b() }}</div>",
        "{% set copy %}{{ body | safe }}{% endset %}<div>{{ copy | length }} {{ body | safe }}</div>",
        "<div>{{ body }}</div><div>{{ body | length }}</div>",
        "<div>no body</div>",
        "<html><head>{{ body | safe }}<title>t</title></head><body><p>after</p></body></html>",
        "<body><table>{{ body | safe }}<tr><td>x</td></tr></table><p>after</p>",
        "<body><table><tr><td><table>{{ body | safe }}<div>moved</div></table></td></tr></table>",
        "<body><div><p><b>x</p>{{ body | safe }}</div>",
        "<body><div>{{ body | safe }}</div></body></html>{{ body | safe }}",
        "<body><button><div>{{ body | safe }}</div></button><form><div>{{ body | safe }}</div></form>",
    ];

    /// A user's template gives the same page, the same warnings and the same refusals whether
    /// its body is put in after the page is sanitized or read with it.
    #[test]
    fn a_body_put_in_unread_makes_the_page_reading_it_would() {
        let article = article();
        for template in TEMPLATES {
            let put_in = standalone(&article, Some(("t.html", template)), true);
            let read = standalone(&article, Some(("t.html", template)), false);
            assert_eq!(put_in, read, "{template}");
        }
        // Counted as the body it stands for, a marker meets the same output cap.
        let too_long = "{% for i in range(10) %}<div>{{ body | safe }}</div>{% endfor %}";
        let mut long = article.clone();
        long.fields.body = "Абзац длиной в строку текста.\n\n".repeat(30_000);
        let put_in = standalone(&long, Some(("t.html", too_long)), true);
        assert!(put_in.as_ref().is_err_and(|e| e.message.contains("writes more than")), "{put_in:?}");
        assert_eq!(put_in, standalone(&long, Some(("t.html", too_long)), false));
    }
}
