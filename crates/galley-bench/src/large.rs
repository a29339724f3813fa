//! Large and strange content: a 10 MB article through every step the desk takes it (create,
//! autosave, load, preview, export, search, import), a 5,000-column table, 100,000 tags, and a
//! history of 10,000 revisions. Each on a store of its own, so one does not slow the next.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use galley_core::model::{ArticleFields, ArticlePatch, SystemClock};
use galley_core::{ExportFormat, Library, ListView, OpenOptions, Selection};

use crate::{Report, median_of, ms};

use galley_corpus::LONG_BODY_NEEDLE as NEEDLE;

/// Runs every section, or those `GALLEY_BENCH_LARGE` names (`article,table,tags,history`).
pub fn run(report: &mut Report) {
    let temp = tempfile::tempdir().expect("temporary folder");
    let chosen = std::env::var("GALLEY_BENCH_LARGE").unwrap_or_default();
    let runs = |section: &str| chosen.is_empty() || chosen.split(',').any(|s| s.trim() == section);
    if runs("article") {
        large_article(temp.path(), report);
    }
    if runs("table") {
        wide_table(temp.path(), report);
    }
    if runs("tags") {
        many_tags(temp.path(), report);
    }
    if runs("history") {
        long_history(temp.path(), report);
    }
}

fn open(path: &Path) -> Library {
    Library::open_with(path, Arc::new(SystemClock), OpenOptions { seed_sample: false }).expect("store opens")
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// The store's file and its write-ahead log.
fn store_bytes(path: &Path) -> u64 {
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    size(path) + size(&path.with_extension("sqlite3-wal"))
}

/// A Markdown table of `columns` columns, rows added until it is about `bytes` long.
pub fn table(columns: usize, bytes: usize) -> String {
    let mut table = format!("|{}\n|{}\n", " h |".repeat(columns), "---|".repeat(columns));
    while table.len() < bytes {
        table.push_str(&format!("|{}\n", " x |".repeat(columns)));
    }
    table
}

fn large_article(dir: &Path, report: &mut Report) {
    let path = dir.join("large.sqlite3");
    let library = open(&path);
    let body = galley_corpus::long_body(10_000_000).0;
    report.note(format!(
        "large article: {} of Markdown, {} words",
        megabytes(body.len() as u64),
        body.split_whitespace().count()
    ));
    let fields = ArticleFields {
        headline: "Большой материал о сотрудничестве".into(),
        body: body.clone(),
        tags: vec!["Япония".into(), "Регионы/Дальний Восток".into()],
        ..ArticleFields::default()
    };
    let (article, took) = time(|| library.create(fields).expect("create"));
    report.row("10 MB article: create (store, index, first revision)", ms(took), "");
    let id = article.id.to_string();

    let took = median_of(5, || {
        library.article(&id).expect("load");
    });
    report.row("10 MB article: load: median", ms(took), "");

    // Autosaves as the editor sends them: a word typed at the end (folds into one revision), and
    // a word deleted in the middle (a new revision every time).
    let before = store_bytes(&path);
    let mut fields = library.article(&id).expect("load").fields;
    let mut typed = Vec::new();
    for n in 0..5 {
        fields.body.push_str(&format!(" Дописано {n}."));
        let (_, took) = time(|| library.autosave(&id, fields.clone()).expect("autosave"));
        typed.push(took);
    }
    let revisions_after_typing = library.revisions(&id).expect("revisions").len();
    let typed_growth = store_bytes(&path).saturating_sub(before);
    let mut deleted = Vec::new();
    let before = store_bytes(&path);
    for _ in 0..5 {
        // The first letter of the first «Галушки» left: each save deletes another one.
        let at = fields.body.find(" Галушки").expect("the body names Галушка") + 1;
        fields.body.replace_range(at..at + 'Г'.len_utf8(), "");
        let (_, took) = time(|| library.autosave(&id, fields.clone()).expect("autosave"));
        deleted.push(took);
    }
    let revisions_after_deleting = library.revisions(&id).expect("revisions").len();
    let deleted_growth = store_bytes(&path).saturating_sub(before);
    typed.sort();
    deleted.sort();
    report.row(
        "10 MB article: autosave, a word typed (5 saves): median",
        format!("{} ({} revisions after 5)", ms(typed[2]), revisions_after_typing),
        "",
    );
    report.row(
        "10 MB article: autosave, a character deleted (5 saves): median",
        format!(
            "{} ({} revisions after 5 more; store grew {})",
            ms(deleted[2]),
            revisions_after_deleting,
            megabytes(deleted_growth)
        ),
        "",
    );
    report.note(format!(
        "10 MB article: 5 typing autosaves grew the store (file and WAL) by {}",
        megabytes(typed_growth)
    ));

    let article = library.article(&id).expect("load");
    let took = median_of(3, || {
        galley_render::render_body(&article.fields.body, "ru");
    });
    report.row("10 MB article: render the body to sanitized HTML: median", ms(took), "");
    let took = median_of(3, || {
        library.export_text(&article, ExportFormat::Html, None).expect("preview");
    });
    report.row("10 MB article: preview (standalone HTML document): median", ms(took), "");
    let took = median_of(3, || {
        let template = ("user.html", galley_render::document::BUILTIN_TEMPLATE);
        galley_render::document::standalone_html(&article, Some(template)).expect("a user's template");
    });
    report.row(
        "10 MB article: standalone HTML with a user's template (the built-in one, sanitized as a user's): median",
        ms(took),
        "",
    );

    let out = dir.join("export");
    std::fs::create_dir_all(&out).unwrap();
    for format in [ExportFormat::Html, ExportFormat::Fragment, ExportFormat::Md, ExportFormat::Ninjs] {
        let file = out.join(format!("large.{}", format.extension()));
        let (exported, took) = time(|| {
            library
                .export(&Selection::Article(id.clone()), format, &file, None, None, |_, _| {})
                .expect("export")
        });
        assert_eq!(exported.failed(), 0);
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        report.row(
            &format!("10 MB article: export as {format:?} to a file"),
            format!("{} ({})", ms(took), megabytes(size)),
            "",
        );
    }

    let query = NEEDLE.to_lowercase();
    let hits = library.search(&query, 50).expect("search");
    assert_eq!(hits.len(), 1, "the word is found in the large article");
    let took = median_of(10, || {
        library.search(&query, 50).expect("search");
    });
    report.row("10 MB article: search a word in it, with its snippet: median", ms(took), "");

    // A plain `.md` file (no front matter) of 10 MB becomes a new article.
    let file = dir.join("large-import.md");
    std::fs::write(&file, format!("# Импорт большого материала\n\n{body}")).unwrap();
    let (outcomes, took) = time(|| library.import_files(std::slice::from_ref(&file)));
    assert!(outcomes[0].result.is_ok(), "{:?}", outcomes[0].result);
    report.row("10 MB article: import a 10 MB .md file", ms(took), "");
    report.note(format!("10 MB article store at the end: {}", megabytes(store_bytes(&path))));
}

fn wide_table(dir: &Path, report: &mut Report) {
    // Time per megabyte at a fixed width and at a fixed size: linear work keeps both flat. A table
    // of short cells makes a node every two bytes: 1.5 MB is as large as fits the node budget
    // (`galley_render::parse::MAX_NODES`); a larger one is shown unformatted.
    for (columns, bytes) in
        [(5_000, 375_000), (5_000, 750_000), (5_000, 1_500_000), (1_250, 1_500_000), (2_500, 1_500_000)]
    {
        let source = table(columns, bytes);
        let took = median_of(3, || {
            galley_render::render_body(&source, "ru");
        });
        report.row(
            &format!("table of {columns} columns, {}: render: median", megabytes(source.len() as u64)),
            format!("{} ({:.0} ms per MB)", ms(took), took.as_secs_f64() * 1e3 / (source.len() as f64 / 1e6)),
            "",
        );
    }
    let library = open(&dir.join("table.sqlite3"));
    let article = library
        .create(ArticleFields {
            headline: "Таблица".into(),
            body: table(5_000, 1_500_000),
            ..ArticleFields::default()
        })
        .expect("create");
    for format in [ExportFormat::Html, ExportFormat::Ninjs] {
        let took = median_of(3, || {
            library.export_text(&article, format, None).expect("export");
        });
        report.row(&format!("table of 5,000 columns, 1.5 MB: export as {format:?}: median"), ms(took), "");
    }
}

fn many_tags(dir: &Path, report: &mut Report) {
    const TAGS: usize = 100_000;
    // On one article.
    let path = dir.join("tags-one.sqlite3");
    let library = open(&path);
    for n in 0..20 {
        library
            .create(ArticleFields { headline: format!("Заметка {n}"), ..ArticleFields::default() })
            .expect("create");
    }
    let tags: Vec<String> = (0..TAGS).map(|n| format!("Тема {}/Метка {n}", n / 100)).collect();
    let (article, took) = time(|| {
        library
            .create(ArticleFields {
                headline: "Статья со ста тысячами меток".into(),
                body: "Текст.".into(),
                tags: tags.clone(),
                ..ArticleFields::default()
            })
            .expect("create")
    });
    report.row("100,000 tags on one article: create", ms(took), "");
    let id = article.id.to_string();
    let took = median_of(3, || {
        library.article(&id).expect("load");
    });
    report.row("100,000 tags on one article: load it: median", ms(took), "");
    let mut fields = article.fields.clone();
    fields.body.push_str(" Ещё слово.");
    let (_, took) = time(|| library.autosave(&id, fields.clone()).expect("autosave"));
    report.row("100,000 tags on one article: autosave a body edit", ms(took), "");
    let listed = library.tags().expect("tags");
    let took = median_of(5, || {
        library.tags().expect("tags");
    });
    report.row(
        "100,000 tags on one article: the tag tree with counts: median",
        format!("{} ({} tags and parents)", ms(took), listed.len()),
        "",
    );
    let took = median_of(5, || {
        library.list_page(&ListView::default(), 0, 100).expect("list");
    });
    report.row("100,000 tags on one article: first page of the list (it included): median", ms(took), "");
    let took = median_of(5, || {
        library.search("tag:\"Тема 500/Метка 50000\"", 50).expect("search");
    });
    report.row("100,000 tags on one article: search by one of its tags: median", ms(took), "");
    let (_, took) = time(|| library.rename_tag("Тема 7/Метка 700", "Тема 7/Метка семьсот").expect("rename"));
    report.row("100,000 tags on one article: rename one tag", ms(took), "");
    let (_, took) = time(|| library.tag(&id, &["Новая метка".into()], &[]).expect("tag"));
    report.row("100,000 tags on one article: add one more tag", ms(took), "");

    // Spread: 10,000 articles with 10 tags each, 100,000 tags in 1,000 parents.
    let path = dir.join("tags-spread.sqlite3");
    let library = open(&path);
    let drafts = (0..10_000).map(|n| galley_core::model::Draft {
        fields: ArticleFields {
            headline: format!("Заметка номер {n}"),
            body: "Текст заметки.".into(),
            tags: (0..10).map(|k| format!("Тема {}/Метка {}", n / 10, n * 10 + k)).collect(),
            ..ArticleFields::default()
        },
        ..Default::default()
    });
    let (results, took) = time(|| {
        library.create_many(drafts, galley_core::model::RevisionReason::Import).expect("batch is stored")
    });
    assert!(results.iter().all(Result::is_ok));
    report.row("100,000 tags over 10,000 articles: import the articles", ms(took), "");
    let listed = library.tags().expect("tags");
    let took = median_of(5, || {
        library.tags().expect("tags");
    });
    report.row(
        "100,000 tags over 10,000 articles: the tag tree with counts: median",
        format!("{} ({} tags and parents)", ms(took), listed.len()),
        "",
    );
    let took = median_of(5, || {
        library
            .list_page(&ListView { tag: Some("Тема 500".into()), ..ListView::default() }, 0, 100)
            .expect("list");
    });
    report.row("100,000 tags over 10,000 articles: list a parent tag: median", ms(took), "");
    let took = median_of(5, || {
        library.search("tag:\"Тема 500\"", 50).expect("search");
    });
    report.row("100,000 tags over 10,000 articles: search by a parent tag: median", ms(took), "");
    let (_, took) = time(|| library.rename_tag("Тема 500", "Тема пятьсот").expect("rename"));
    report.row("100,000 tags over 10,000 articles: rename a parent (10 children, 10 articles)", ms(took), "");
}

fn long_history(dir: &Path, report: &mut Report) {
    const REVISIONS: usize = 10_000;
    let library = open(&dir.join("history.sqlite3"));
    let body = galley_corpus::long_body(5_000).0;
    let article = library
        .create(ArticleFields {
            headline: "Материал с долгой историей".into(),
            body,
            ..ArticleFields::default()
        })
        .expect("create");
    let id = article.id.to_string();
    let mut body = article.fields.body;
    let mut saves = Vec::with_capacity(REVISIONS);
    for n in 1..REVISIONS {
        // A word changed in place each time: every save is a revision of its own.
        body = match body.rfind(" Правка ") {
            Some(at) if n % 2 == 0 => body[..at].to_owned(),
            _ => format!("{body} Правка {n}."),
        };
        let patch = ArticlePatch { body: Some(body.clone()), ..ArticlePatch::default() };
        let (_, took) = time(|| library.edit(&id, patch).expect("edit"));
        saves.push(took);
    }
    let took: Duration = saves.iter().sum();
    let median = |range: &[Duration]| {
        let mut range = range.to_vec();
        range.sort();
        range[range.len() / 2]
    };
    report.row(
        "10,000 revisions: one save, median of the first 1,000 and of the last 1,000",
        format!("{} and {}", ms(median(&saves[..1_000])), ms(median(&saves[saves.len() - 1_000..]))),
        "",
    );
    let revisions = library.revisions(&id).expect("revisions");
    assert_eq!(revisions.len(), REVISIONS);
    report.row(
        "10,000 revisions: saving them, one by one",
        format!("{:.0} saves/s ({:.1} s)", REVISIONS as f64 / took.as_secs_f64(), took.as_secs_f64()),
        "",
    );
    let took = median_of(10, || {
        library.revisions(&id).expect("revisions");
    });
    report.row("10,000 revisions: list them: median", ms(took), "");
    let took = median_of(10, || {
        library.revision(&id, 1).expect("revision");
    });
    report.row("10,000 revisions: load the first: median", ms(took), "");
    let took = median_of(10, || {
        library.diff(&id, 1, None).expect("diff");
    });
    report.row("10,000 revisions: diff the first with the current: median", ms(took), "");
    let (_, took) = time(|| library.restore(&id, 1).expect("restore"));
    report.row("10,000 revisions: restore the first", ms(took), "");
}
