//! `galley-bench`: measures the store on generated articles of realistic size.
//!
//! Bulk import (10,000 then up to 100,000 articles), 1,000 mixed searches, the first page of the
//! list, and autosaves, each on a real store file. Prints a Markdown table for BENCHMARKS.md.
//! Run it in release mode: `cargo run --release -p galley-bench -- --articles 100000`.
//! Timings are measured, never asserted: this is not a test.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use galley_core::model::{ArticleFields, Draft, RevisionReason, Status, SystemClock};
use galley_core::{Library, OpenOptions};
use galley_corpus::Corpus;

mod hostile;
mod large;
mod mirror;

struct Options {
    articles: u64,
    queries: usize,
    store: Option<PathBuf>,
    seed: u64,
    /// Run only these parts (`search`, `list`, `desk`, `autosave`, `render`, `export`, `mirror`, `large`,
    /// `hostile`);
    /// all if empty.
    only: Vec<String>,
}

const PARTS: &[&str] =
    &["search", "list", "desk", "autosave", "render", "export", "mirror", "large", "hostile"];
/// The parts that work on the big store (the others make their own data).
const STORE_PARTS: &[&str] = &["search", "list", "desk", "autosave", "export"];

fn parse_args() -> Result<Options, String> {
    let mut options = Options { articles: 100_000, queries: 1_000, store: None, seed: 42, only: Vec::new() };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--articles" => options.articles = value()?.parse().map_err(|e| format!("--articles: {e}"))?,
            "--queries" => options.queries = value()?.parse().map_err(|e| format!("--queries: {e}"))?,
            "--store" => options.store = Some(PathBuf::from(value()?)),
            "--seed" => options.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--only" => {
                let part = value()?;
                if !PARTS.contains(&part.as_str()) {
                    return Err(format!("--only: `{part}` is none of {}", PARTS.join(", ")));
                }
                options.only.push(part);
            }
            "--help" | "-h" => {
                return Err("usage: galley-bench [--articles N] [--queries N] [--store PATH] [--seed N] [--only PART]...\n\
                            With --store, an existing store that already holds the articles is reused.\n\
                            PART is one of search, list, desk, autosave, render, export, mirror, large, hostile (repeatable)."
                    .into());
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(options)
}

fn main() {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(1);
        }
    };
    let temp = tempfile::tempdir().expect("temporary folder");
    let path = options.store.clone().unwrap_or_else(|| temp.path().join("bench.sqlite3"));
    let library = Library::open_with(&path, Arc::new(SystemClock), OpenOptions { seed_sample: false })
        .expect("the bench store opens");
    let mut report = Report::default();
    let runs = |part: &str| options.only.is_empty() || options.only.iter().any(|only| only == part);

    if STORE_PARTS.iter().any(|part| runs(part)) {
        let existing = library.count().expect("count");
        if existing < options.articles {
            import(&library, &options, existing, &mut report);
        } else {
            eprintln!("reusing {existing} articles in {}", path.display());
        }
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
            + std::fs::metadata(path.with_extension("sqlite3-wal")).map(|m| m.len()).unwrap_or(0);
        report.note(format!(
            "store: {} articles, {:.0} MB on disk",
            library.count().unwrap(),
            size as f64 / 1e6
        ));
    }

    if runs("search") {
        search(&library, &options, &mut report);
    }
    if runs("list") {
        list(&library, &mut report);
    }
    if runs("desk") {
        desk(&library, &options, &mut report);
    }
    if runs("autosave") {
        autosave(&library, &options, &mut report);
    }
    if runs("render") {
        render(&options, &mut report);
    }
    if runs("export") {
        export(&library, &mut report);
    }
    if runs("mirror") {
        mirror::run(options.seed, &mut report);
    }
    if runs("large") {
        large::run(&mut report);
    }
    if runs("hostile") {
        hostile::run(&mut report);
    }
    report.print();
}

/// Imports generated articles in batches, timing only the store's work (not the generator's).
fn import(library: &Library, options: &Options, from: u64, report: &mut Report) {
    let mut corpus = Corpus::new(options.seed);
    const BATCH: u64 = 1_000;
    let mut stored = Duration::ZERO;
    let mut bytes = 0u64;
    let mut first_10k = None;
    let mut next = from;
    while next < options.articles {
        let end = (next + BATCH).min(options.articles);
        let drafts: Vec<Draft> = (next..end).map(|i| corpus.article(i)).collect();
        bytes += drafts.iter().map(|d| d.fields.body.len() as u64).sum::<u64>();
        let start = Instant::now();
        let results = library.create_many(drafts, RevisionReason::Import).expect("batch is stored");
        stored += start.elapsed();
        assert!(results.iter().all(Result::is_ok), "every generated article is stored");
        next = end;
        if next >= 10_000 && first_10k.is_none() && from == 0 {
            first_10k = Some(stored);
            report.row("bulk import, first 10,000", rate(10_000, stored), "≥ 1,000 articles/s");
        }
        if next.is_multiple_of(10_000) {
            eprintln!("imported {next} articles ({:.0} /s)", (next - from) as f64 / stored.as_secs_f64());
        }
    }
    let count = options.articles - from;
    report.row(&format!("bulk import, all {count}"), rate(count, stored), "≥ 1,000 articles/s");
    report.note(format!(
        "bodies imported: {:.0} MB of Markdown, {:.1} KB on average",
        bytes as f64 / 1e6,
        bytes as f64 / count as f64 / 1e3
    ));
}

fn rate(count: u64, took: Duration) -> String {
    format!("{:.0} articles/s ({:.1} s)", count as f64 / took.as_secs_f64(), took.as_secs_f64())
}

fn search(library: &Library, options: &Options, report: &mut Report) {
    let queries = galley_corpus::queries(options.seed, options.queries);
    let mut times = Vec::with_capacity(queries.len());
    let mut empty = 0;
    let mut errors = 0;
    let mut slowest = (Duration::ZERO, String::new());
    for query in &queries {
        let start = Instant::now();
        let result = library.search(query, 50);
        let took = start.elapsed();
        match result {
            Ok(hits) if hits.is_empty() => empty += 1,
            Ok(_) => {}
            Err(_) => errors += 1,
        }
        if took > slowest.0 {
            slowest = (took, query.clone());
        }
        times.push(took);
    }
    if std::env::var_os("GALLEY_BENCH_SLOWEST").is_some() {
        let mut by_time: Vec<_> = times.iter().zip(&queries).collect();
        by_time.sort_by(|a, b| b.0.cmp(a.0));
        for (took, query) in by_time.iter().take(25) {
            eprintln!("slow: {} {query}", ms(**took));
        }
    }
    let stats = Percentiles::of(&mut times);
    report.row(
        &format!("search, {} mixed queries, top 50 with snippets: median", queries.len()),
        ms(stats.median),
        "≤ 5 ms",
    );
    report.row("search: p99", ms(stats.p99), "≤ 30 ms");
    report.row("search: slowest", format!("{} (`{}`)", ms(stats.max), slowest.1), "");
    report.note(format!("queries with no results: {empty}; refused as malformed: {errors}"));
}

fn list(library: &Library, report: &mut Report) {
    let mut times = Vec::new();
    for _ in 0..200 {
        let start = Instant::now();
        let page = library.list(None, None, 50).expect("list");
        times.push(start.elapsed());
        assert_eq!(page.len(), 50);
    }
    let stats = Percentiles::of(&mut times);
    report.row("list, first page of 50: median", ms(stats.median), "≤ 5 ms");
    report.row("list, first page of 50: p99", ms(stats.p99), "");
    let mut filtered = Vec::new();
    for _ in 0..200 {
        let start = Instant::now();
        library.list(Some(Status::Ready), Some("Регионы"), 50).expect("list");
        filtered.push(start.elapsed());
    }
    let stats = Percentiles::of(&mut filtered);
    report.row("list, status:ready tag:Регионы: median", ms(stats.median), "");
}

/// Medians of `runs` calls of `f`.
fn median_of(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    Percentiles::of(&mut times).median
}

/// What the desk asks of the store and the renderer beyond the plain list: other orders, a
/// section filter, the sections with counts, and the inspector and the revision diff of a long piece.
fn desk(library: &Library, options: &Options, report: &mut Report) {
    use galley_core::{ListSort, ListView, Settings};
    for sort in [ListSort::Headline, ListSort::Created, ListSort::UpdatedOldest] {
        let view = ListView { sort, ..ListView::default() };
        let first = median_of(20, || {
            library.list_page(&view, 0, 100).expect("list");
        });
        report.row(
            &format!("desk: list sorted {sort:?}, first page of 100 with count: median"),
            ms(first),
            "",
        );
    }
    for sort in [ListSort::Updated, ListSort::Headline] {
        let deep = ListView { sort, ..ListView::default() };
        let total = library.list_page(&deep, 0, 0).expect("count").total as usize;
        let at = median_of(10, || {
            library.list_page(&deep, total / 2, 100).expect("list");
        });
        report.row(&format!("desk: list sorted {sort:?}, a page in the middle: median"), ms(at), "");
    }
    let sections = library.sections().expect("sections");
    let took = median_of(20, || {
        library.sections().expect("sections");
    });
    report.row(&format!("desk: sections with counts ({} sections): median", sections.len()), ms(took), "");
    if let Some(section) = sections.first() {
        let view = ListView { section: Some(section.name.clone()), ..ListView::default() };
        let took = median_of(20, || {
            library.list_page(&view, 0, 100).expect("list");
        });
        report.row("desk: list of one section, first page with count: median", ms(took), "");
    }

    // A 5,000-word piece, as the inspector sees it on every keystroke, and its diff after an edit.
    let mut corpus = Corpus::new(options.seed);
    let mut fields = corpus.article(7).fields;
    let mut i = 8;
    while fields.body.split_whitespace().count() < 5_000 {
        fields.body.push_str("\n\n");
        fields.body.push_str(&corpus.article(i).fields.body);
        i += 1;
    }
    let limits = Settings::default().limits_for(&fields.section, fields.target_chars);
    let took = median_of(50, || {
        galley_core::inspect(&fields, limits);
    });
    report.row("desk: inspect a 5,000-word piece (counts + checklist): median", ms(took), "");
    let mut edited = fields.clone();
    edited.body = edited
        .body
        .split("\n\n")
        .enumerate()
        .map(|(n, paragraph)| {
            if n % 10 == 3 {
                format!("{paragraph} Добавлено при правке.")
            } else {
                paragraph.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let took = median_of(20, || {
        galley_core::diff_fields(&fields, &edited);
    });
    report.row("desk: word diff of a 5,000-word piece, every tenth paragraph edited: median", ms(took), "");
}

/// Autosaves as an editor sends them: the body of an article grows a sentence at a time, and now
/// and then a sentence is deleted (which forces a new revision).
fn autosave(library: &Library, options: &Options, report: &mut Report) {
    let mut rng = fastrand::Rng::with_seed(options.seed);
    let page = library.list(None, None, 100).expect("list");
    let mut times = Vec::new();
    for round in 0..5 {
        for summary in &page {
            let id = summary.id.to_string();
            let mut fields: ArticleFields = library.article(&id).expect("read").fields;
            if round == 3 {
                let cut =
                    fields.body.char_indices().nth(fields.body.chars().count() / 2).map_or(0, |(i, _)| i);
                fields.body.truncate(cut);
            } else {
                fields.body.push_str(&format!(
                    "\n\nНовый абзац {}: стороны договорились продолжить переговоры.",
                    rng.u32(..)
                ));
            }
            let start = Instant::now();
            library.autosave(&id, fields).expect("autosave");
            times.push(start.elapsed());
        }
    }
    let stats = Percentiles::of(&mut times);
    report.row(
        &format!("autosave (update + index + revision), {} saves: median", times.len()),
        ms(stats.median),
        "",
    );
    report.row("autosave: p99", ms(stats.p99), "≤ 15 ms");
}

/// Rendering everything included (parse, typography, HTML, sanitizing) at three sizes, and the
/// pathological shapes that break naive Markdown parsers.
fn render(options: &Options, report: &mut Report) {
    let mut corpus = Corpus::new(options.seed);
    let mut body_of_size = |bytes: usize| {
        let mut body = String::new();
        let mut i = 0;
        while body.len() < bytes {
            body.push_str(&corpus.article(i).fields.body);
            body.push_str("\n\n");
            i += 1;
        }
        body
    };
    for (name, bytes, runs) in [("20 KB", 20_000, 200), ("1 MB", 1_000_000, 20), ("10 MB", 10_000_000, 3)] {
        let body = body_of_size(bytes);
        let times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                let rendered = galley_render::render_body(&body, "ru");
                let took = start.elapsed();
                assert!(rendered.html.len() > body.len() / 2);
                took
            })
            .collect();
        let target = match name {
            "20 KB" => "≤ 1 ms",
            "1 MB" => "≤ 30 ms",
            _ => "",
        };
        report.row(
            &format!("render {name} article: median"),
            ms(Percentiles::of(&mut times.clone()).median),
            target,
        );
    }
    for (name, body) in galley_render::pathological::shapes() {
        let start = Instant::now();
        let rendered = galley_render::render_body(&body, "ru");
        report.row(
            &format!("render pathological: {name}"),
            format!("{} ({} KB out)", ms(start.elapsed()), rendered.html.len() / 1000),
            "< 2 s",
        );
    }
}

/// Batch export of 10,000 stored articles as standalone HTML, each written atomically.
fn export(library: &Library, report: &mut Report) {
    let ids: Vec<String> =
        library.list(None, None, 10_000).expect("list").into_iter().map(|a| a.id.to_string()).collect();
    let out = tempfile::tempdir().expect("temporary folder");
    let start = Instant::now();
    let exported = library
        .export(
            &galley_core::Selection::Articles(ids),
            galley_core::ExportFormat::Html,
            out.path(),
            None,
            None,
            |_, _| {},
        )
        .expect("export runs");
    let took = start.elapsed();
    let count = exported.files.len() as u64;
    assert_eq!(exported.failed(), 0);
    report.row(&format!("batch export, {count} articles as standalone HTML"), rate(count, took), "");
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

struct Percentiles {
    median: Duration,
    p99: Duration,
    max: Duration,
}

impl Percentiles {
    fn of(times: &mut [Duration]) -> Percentiles {
        times.sort_unstable();
        let at =
            |q: f64| times[((times.len() as f64 * q).ceil() as usize).saturating_sub(1).min(times.len() - 1)];
        Percentiles { median: at(0.5), p99: at(0.99), max: times[times.len() - 1] }
    }
}

#[derive(Default)]
struct Report {
    rows: Vec<(String, String, String)>,
    notes: Vec<String>,
}

impl Report {
    fn row(&mut self, what: &str, measured: String, target: &str) {
        eprintln!("{what}: {measured}");
        self.rows.push((what.to_owned(), measured, target.to_owned()));
    }

    fn note(&mut self, note: String) {
        eprintln!("{note}");
        self.notes.push(note);
    }

    fn print(&self) {
        println!("| measure | measured | target |\n|---|---|---|");
        for (what, measured, target) in &self.rows {
            println!("| {what} | {measured} | {target} |");
        }
        println!();
        for note in &self.notes {
            println!("- {note}");
        }
    }
}
