//! Hostile inputs up to the import cap: the shapes that were slowest to import or render, each made
//! as large as a file Galley accepts (`galley_import::MAX_FILE_BYTES`, 50 MiB), timed through the
//! importer or the renderer alone (no store).
//!
//! Peak memory is the process's: run one shape per process under `/usr/bin/time -v`
//! (`GALLEY_BENCH_HOSTILE=txt-lines`). Each row also gives the resident peak the shape's input
//! alone reached before the work began, so the work's own share can be told.

use std::time::Instant;

use galley_core::model::{Article, ArticleFields, ArticleId, Clock, SystemClock};
use galley_import::{Format, MAX_FILE_BYTES, import};

use crate::{Report, ms};

const CAP: usize = MAX_FILE_BYTES as usize;

/// The shapes, by name, with what each one is.
pub const SHAPES: &[(&str, &str)] = &[
    ("txt-lines", "`.txt`, one short line repeated"),
    ("txt-line", "`.txt`, one line"),
    ("txt-paragraphs", "`.txt`, paragraphs of prose"),
    ("html-paragraphs", "`.html`, a page of paragraphs"),
    ("html-nodes", "`.html`, a page of empty `<i>` elements"),
    ("html-paragraphs-at-budget", "`.html`, paragraphs of a sentence, just within the element budget"),
    ("md-prose", "`.md`, prose"),
    ("render-prose", "render (preview/export), prose"),
    ("render-raw-divs", "render (preview/export), nested raw `<div>`s"),
    (
        "render-prose-template",
        "render with a user's template (the built-in one, sanitized as a user's), prose",
    ),
    ("render-code", "render, a code block of HTML source"),
    ("render-code-language", "render, a code block whose language is 50 MB of `<`"),
    // Markdown that makes a comrak node of every few bytes (`galley_render::parse::MAX_NODES`).
    ("render-lines-eq", "render, lines `a = b` (one paragraph)"),
    ("render-lines-lt", "render, lines `a < b` (one paragraph)"),
    ("render-paragraphs-lt", "render, paragraphs `a < b`"),
    ("render-raw-tags", "render, lines of raw `<b>x</b>`"),
    ("render-heading-lt", "render, a heading of 50 MB of `<`"),
    ("render-alt-lt", "render, an image whose description is 50 MB of `<`"),
    ("render-emphasis", "render, `*a*` repeated"),
    ("render-links", "render, `[a]` repeated, with a link definition"),
    ("render-code-spans", "render, `` `a` `` repeated"),
    ("render-entities", "render, `&lt;` repeated"),
    ("render-escapes", "render, `\\*` repeated"),
    ("render-emails", "render, e-mail addresses repeated (autolinks)"),
    ("render-nested-quotes", "render, 50 MB of `>` (quotes nested 50 million deep)"),
    ("render-list-items", "render, lines `- a` (a list of one-letter items)"),
    ("render-table-cells", "render, a table of one-letter cells"),
    // The most a body may cost and still be formatted: prose up to the cap, with as much of a dense
    // shape as keeps it just within the budget.
    ("render-lines-lt-at-budget", "render, prose and lines `a < b`, just within the node budget"),
    ("render-raw-tags-at-budget", "render, prose and lines of raw `<b>x</b>`, just within the node budget"),
    ("render-emails-at-budget", "render, prose and e-mail addresses, just within the node budget"),
    ("render-code-spans-at-budget", "render, prose and `` `a` ``, just within the node budget"),
    ("render-list-items-at-budget", "render, prose and lines `- a`, just within the node budget"),
    ("plain-lines-lt", "plain text (counts, search index), lines `a < b`"),
    ("check-lines-lt", "the checklist, lines `a < b`"),
];

/// Runs every shape, or those `GALLEY_BENCH_HOSTILE` names (comma-separated).
pub fn run(report: &mut Report) {
    let chosen = std::env::var("GALLEY_BENCH_HOSTILE").unwrap_or_default();
    for (name, what) in SHAPES {
        if chosen.is_empty() || chosen.split(',').any(|s| s.trim() == *name) {
            shape(name, what, report);
        }
    }
}

/// `unit` repeated up to `bytes`, whole units only.
fn repeated(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len())
}

/// Prose paragraphs up to the cap, then `unit` (of which comrak makes `nodes` nodes) repeated as
/// often as keeps the whole just within the node budget.
fn at_budget(unit: &str, nodes: usize) -> String {
    let paragraph = format!("{}\n\n", prose_paragraph());
    // A paragraph of prose is two nodes, the paragraph and its text; comrak's count may differ a
    // little from this estimate, hence the 3% left.
    let prose_nodes = 2 * CAP / paragraph.len();
    let units = (galley_render::parse::MAX_NODES * 97 / 100 - prose_nodes) / nodes;
    let dense = unit.repeat(units);
    repeated(&paragraph, CAP - dense.len()) + &dense
}

fn prose_paragraph() -> String {
    "Вопросы активизации двустороннего сотрудничества и привлечения японских инвесторов в \
     дальневосточные регионы обсуждались в Токио на встрече министров. "
        .repeat(3)
}

fn shape(name: &str, what: &str, report: &mut Report) {
    let headline = "Мэр открыл новый мост через Амур в понедельник\n";
    let input = match name {
        "txt-lines" => format!("{headline}{}", repeated("Новости края сегодня\n", CAP - headline.len())),
        "txt-line" => repeated("слово ", CAP),
        "txt-paragraphs" => {
            format!("{headline}{}", repeated(&format!("{}\n\n", prose_paragraph()), CAP - 100))
        }
        "html-paragraphs" => {
            let open = "<!doctype html><html><head><title>Мост через Амур</title></head><body><article>";
            let close = "</article></body></html>";
            let paragraph = format!("<p>{}</p>\n", prose_paragraph());
            format!("{open}{}{close}", repeated(&paragraph, CAP - open.len() - close.len()))
        }
        "html-nodes" => {
            let open = format!(
                "<!doctype html><html><head><title>Мост</title></head><body><article><p>{}</p>",
                prose_paragraph()
            );
            let close = "</article></body></html>";
            format!("{open}{}{close}", repeated("<i></i>", CAP - open.len() - close.len()))
        }
        "html-paragraphs-at-budget" => {
            let open = "<!doctype html><html><head><title>Мост через Амур</title></head><body><article>";
            let close = "</article></body></html>";
            let paragraph = "<p>Мэр открыл новый мост через Амур в понедельник.</p>\n";
            // `<html>`, `<head>`, `<title>`, `<body>` and `<article>` are nodes too.
            format!("{open}{}{close}", paragraph.repeat(galley_html_depth::MAX_NODES - 5))
        }
        "md-prose" | "render-prose" | "render-prose-template" => {
            repeated(&format!("{}\n\n", prose_paragraph()), CAP)
        }
        "render-raw-divs" => repeated("<div>", 44_000_000),
        "render-lines-lt-at-budget" => at_budget("a < b\n", 4),
        "render-raw-tags-at-budget" => at_budget("<b>x</b>\n", 4),
        "render-emails-at-budget" => at_budget("a@b.ru ", 2),
        "render-code-spans-at-budget" => at_budget("`a` ", 2),
        "render-list-items-at-budget" => at_budget("- a\n", 2),
        "render-code" => format!("```\n{}```\n", repeated("<a href=\"x\">&amp;</a>\n", CAP - 10)),
        "render-code-language" => format!("```{}\nx\n```\n", repeated("<", CAP - 20)),
        "render-lines-eq" => repeated("a = b\n", CAP),
        "render-lines-lt" | "plain-lines-lt" | "check-lines-lt" => repeated("a < b\n", CAP),
        "render-paragraphs-lt" => repeated("a < b\n\n", CAP),
        "render-raw-tags" => repeated("<b>x</b>\n", CAP),
        "render-heading-lt" => format!("# {}\n", repeated("<", CAP - 3)),
        "render-alt-lt" => format!("![{}](a.png)\n", repeated("<", CAP - 12)),
        "render-emphasis" => repeated("*a* ", CAP),
        "render-links" => format!("[a]: https://example.ru/a\n\n{}", repeated("[a] ", CAP - 30)),
        "render-code-spans" => repeated("`a` ", CAP),
        "render-entities" => repeated("&lt;", CAP),
        "render-escapes" => repeated("\\*", CAP),
        "render-emails" => repeated("a@b.ru ", CAP),
        "render-nested-quotes" => repeated(">", CAP),
        "render-list-items" => repeated("- a\n", CAP),
        "render-table-cells" => format!("| a | b |\n|---|---|\n{}", repeated("|a|b|\n", CAP - 30)),
        other => unreachable!("no shape {other}"),
    };
    let before = peak_resident();
    let start = Instant::now();
    let outcome = match name {
        "txt-lines" | "txt-line" | "txt-paragraphs" => summary(import(input.as_bytes(), Format::Text)),
        "html-paragraphs" | "html-nodes" | "html-paragraphs-at-budget" => {
            summary(import(input.as_bytes(), Format::Html))
        }
        "md-prose" => summary(import(input.as_bytes(), Format::Markdown)),
        "plain-lines-lt" => format!("{} of text", megabytes(galley_render::plain_text(&input).len())),
        "check-lines-lt" => {
            let fields = ArticleFields { body: input.clone(), ..ArticleFields::default() };
            let problems =
                galley_render::check::check(&fields, &galley_render::check::CheckOptions::default());
            format!("{} problem(s)", problems.len())
        }
        _ => {
            let now = SystemClock.now();
            let article = Article {
                id: ArticleId::new(now),
                fields: ArticleFields {
                    headline: "Мост".into(),
                    body: input.clone(),
                    ..ArticleFields::default()
                },
                created_at: now,
                updated_at: now,
                revision: 1,
            };
            let template = name
                .ends_with("-template")
                .then_some(("user.html", galley_render::document::BUILTIN_TEMPLATE));
            let rendered =
                galley_render::document::standalone_html(&article, template).expect("the template");
            format!("{} of HTML, {} warning(s)", megabytes(rendered.html.len()), rendered.warnings.len())
        }
    };
    let took = start.elapsed();
    // Counted after the timing: how near the budget the body is.
    let outcome = if name.ends_with("-at-budget") && name.starts_with("render-") {
        format!("{outcome}, {} nodes", galley_render::parse::nodes_of(&input))
    } else {
        outcome
    };
    report.row(
        &format!("hostile: {what}, {}", megabytes(input.len())),
        format!("{} ({outcome}; input alone: peak {before})", ms(took)),
        "< 2 s, < 500 MB",
    );
}

fn summary(result: Result<galley_import::Imported, galley_import::ImportError>) -> String {
    match result {
        Ok(imported) => format!("body {}", megabytes(imported.draft.fields.body.len())),
        Err(error) => format!("refused: {error}"),
    }
}

fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// The process's resident peak so far (`VmHWM`), where the system says it.
fn peak_resident() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| status.lines().find(|line| line.starts_with("VmHWM:")).map(str::to_owned))
        .map_or_else(|| "unknown".into(), |line| line.trim_start_matches("VmHWM:").trim().to_owned())
}
