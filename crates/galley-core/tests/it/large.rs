//! Large and strange content: a 10 MB article, a table of 5,000 columns, 100,000 tags, a history
//! of 10,000 revisions, and names in every shape (emoji with joiners and flags, right-to-left
//! scripts mixed with Latin and digits, stacks of combining marks, decomposed letters), Windows line
//! endings and byte-order marks in imported files. Each test checks what comes out — counts,
//! contents, round trips — at the real size, never how fast: `galley-bench --only large` times
//! the same shapes.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use galley_core::model::{ArticleFields, Draft, ManualClock, RevisionReason, Status};
use galley_core::{ExportFormat, Library, ListSort, ListView, OpenOptions, Selection, SpanKind};
use galley_corpus::{LONG_BODY_NEEDLE as NEEDLE, long_body as russian_body};
use jiff::SignedDuration;

fn library() -> (tempfile::TempDir, Library, Arc<ManualClock>) {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new("2026-11-28T09:00:00Z".parse().unwrap()));
    let library = Library::open_with(
        &dir.path().join("store.sqlite3"),
        clock.clone(),
        OpenOptions { seed_sample: false },
    )
    .unwrap();
    (dir, library, clock)
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn a_10_mb_article_is_saved_loaded_rendered_exported_and_found() {
    let (dir, library, clock) = library();
    let (body, parts) = russian_body(10_000_000);
    assert!(body.len() >= 10_000_000);
    let created = library
        .create(ArticleFields {
            headline: "Большой материал о сотрудничестве".into(),
            body: body.clone(),
            tags: vec!["Япония".into()],
            ..ArticleFields::default()
        })
        .unwrap();
    let id = created.id.to_string();
    assert_eq!(library.article(&id).unwrap().fields.body, body, "stored byte for byte");

    // Typing at the end: the autosaves fold into one revision, as with a short piece.
    let mut fields = created.fields.clone();
    for n in 0..3 {
        clock.advance(SignedDuration::from_secs(2));
        fields.body.push_str(&format!(" Дописано {n}."));
        library.autosave(&id, fields.clone()).unwrap();
    }
    let revisions = library.revisions(&id).unwrap();
    assert_eq!(revisions.len(), 2, "create, then one folded autosave: {revisions:?}");
    assert_eq!(revisions[0].body_chars, fields.body.chars().count() as u64);

    // A deletion is a revision of its own, and the deleted letter is still in the one before.
    clock.advance(SignedDuration::from_secs(2));
    let at = fields.body.find(NEEDLE).unwrap();
    fields.body.replace_range(at..at + 'К'.len_utf8(), "");
    library.autosave(&id, fields.clone()).unwrap();
    assert_eq!(library.revisions(&id).unwrap().len(), 3);
    assert!(library.revision(&id, 2).unwrap().fields.body.contains(NEEDLE));
    let restored = library.restore(&id, 2).unwrap();
    assert!(restored.fields.body.ends_with(" Дописано 2."));
    assert!(restored.fields.body.contains(NEEDLE));

    // The preview's renderer: every heading, list item and link of every part.
    let article = library.article(&id).unwrap();
    let rendered = galley_render::render_body(&article.fields.body, "ru");
    assert_eq!(count(&rendered.html, "<h2"), parts);
    assert_eq!(count(&rendered.html, "<li>"), 3 * parts);
    assert_eq!(count(&rendered.html, "href=\"https://example.ru/news/"), parts);
    assert!(rendered.html.contains(&format!("href=\"https://example.ru/news/{parts}\"")));

    // Every export format, as files named by slug.
    let out = dir.path().join("export");
    for format in [ExportFormat::Html, ExportFormat::Fragment, ExportFormat::Md, ExportFormat::Ninjs] {
        let report = library
            .export(&Selection::Articles(vec![id.clone()]), format, &out, None, None, |_, _| {})
            .unwrap();
        assert_eq!(report.failed(), 0, "{format:?}: {:?}", report.files);
        let path = out.join(format!("bolshoi-material-o-sotrudnichestve.{}", format.extension()));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.len() > 10_000_000, "{format:?}: {} bytes", text.len());
        assert!(text.contains(NEEDLE), "{format:?}");
        assert_eq!(count(&text, "Часть "), parts, "{format:?}: every heading");
    }
    let ninjs: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("bolshoi-material-o-sotrudnichestve.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(count(ninjs["bodies"][0]["value"].as_str().unwrap(), "<li>"), 3 * parts);

    // The Markdown export imports back as the same article, byte for byte.
    let imported = library.import_files(&[out.join("bolshoi-material-o-sotrudnichestve.md")]);
    let imported = imported[0].result.as_ref().unwrap();
    assert!(!imported.created);
    assert_eq!(imported.id, article.id);
    assert_eq!(library.article(&id).unwrap().fields, article.fields);

    // Found by a word that occurs once, with the word in the snippet.
    let hits = library.search(&NEEDLE.to_lowercase(), 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].article.id, article.id);
    let snippet = hits[0].snippet.as_ref().expect("a snippet from the body");
    assert!(snippet.text.contains(NEEDLE), "{snippet:?}");
    assert_eq!(library.search("сотрудничество", 10).unwrap().len(), 1);
}

#[test]
fn a_10_mb_markdown_file_imports_whole() {
    let (dir, library, _clock) = library();
    let (body, parts) = russian_body(10_000_000);
    let path = dir.path().join("большой.md");
    std::fs::write(&path, format!("# Импорт большого материала\n\n{body}")).unwrap();
    let outcomes = library.import_files(std::slice::from_ref(&path));
    let imported = outcomes[0].result.as_ref().unwrap();
    assert_eq!(imported.headline, "Импорт большого материала");
    assert_eq!(imported.slug, "import-bolshogo-materiala");
    let article = library.article(&imported.slug).unwrap();
    assert_eq!(article.fields.body, body, "the body as the file has it");
    assert_eq!(article.fields.language, "ru");
    assert_eq!(count(&article.fields.body, "\n## Часть"), parts - 1);
    assert_eq!(library.search(NEEDLE, 10).unwrap().len(), 1);
}

/// A table of `columns` columns and `rows` body rows, each cell's text naming its place.
fn table(columns: usize, rows: usize) -> String {
    let mut table = String::new();
    table.push('|');
    for c in 0..columns {
        write!(table, " h{c} |").unwrap();
    }
    table.push_str("\n|");
    table.push_str(&"---|".repeat(columns));
    table.push('\n');
    for r in 0..rows {
        table.push('|');
        for c in 0..columns {
            write!(table, " r{r}c{c} |").unwrap();
        }
        table.push('\n');
    }
    table
}

#[test]
fn a_table_of_5000_columns_renders_and_exports_every_cell() {
    let (_dir, library, _clock) = library();
    let (columns, rows) = (5_000, 40);
    let source = table(columns, rows);
    assert!(source.len() > 1_800_000, "{} bytes", source.len());
    let rendered = galley_render::render_body(&source, "ru");
    assert_eq!(count(&rendered.html, "</th>"), columns);
    assert_eq!(count(&rendered.html, "</td>"), columns * rows);
    assert!(rendered.html.contains(">h4999</th>"));
    assert!(rendered.html.contains(">r39c4999</td>"));

    let article = library
        .create(ArticleFields { headline: "Таблица".into(), body: source, ..ArticleFields::default() })
        .unwrap();
    for format in [ExportFormat::Html, ExportFormat::Fragment, ExportFormat::Ninjs] {
        let exported = library.export_text(&article, format, None).unwrap().html;
        assert_eq!(count(&exported, "</td>"), columns * rows, "{format:?}");
        assert!(exported.contains("r39c4999"), "{format:?}");
    }
}

#[test]
fn a_hundred_thousand_tags_on_one_article_are_listed_renamed_and_searched() {
    let (_dir, library, _clock) = library();
    let other =
        library.create(ArticleFields { headline: "Без меток".into(), ..ArticleFields::default() }).unwrap();
    let tags: Vec<String> = (0..100_000).map(|n| format!("Тема {}/Метка {n}", n / 100)).collect();
    let article = library
        .create(ArticleFields {
            headline: "Сто тысяч меток".into(),
            body: "Текст.".into(),
            tags: tags.clone(),
            ..ArticleFields::default()
        })
        .unwrap();
    let id = article.id.to_string();
    assert_eq!(library.article(&id).unwrap().fields.tags, tags, "all of them, in their order");

    let listed = library.tags().unwrap();
    assert_eq!(listed.len(), 100_000 + 1_000, "every tag and every parent");
    assert!(listed.iter().all(|t| t.total == 1));
    assert_eq!(listed.iter().filter(|t| t.count == 1).count(), 100_000);
    let parent = listed.iter().find(|t| t.name == "Тема 999").unwrap();
    assert_eq!((parent.count, parent.total), (0, 1));

    // A body edit keeps every tag; one more tag is added at the end.
    let mut fields = article.fields.clone();
    fields.body.push_str(" Ещё.");
    library.autosave(&id, fields).unwrap();
    let tagged = library.tag(&id, &["Новая".into()], &["Тема 0/Метка 0".into()]).unwrap();
    assert_eq!(tagged.fields.tags.len(), 100_000);
    assert_eq!(tagged.fields.tags.last().map(String::as_str), Some("Новая"));
    assert_eq!(tagged.fields.tags[0], "Тема 0/Метка 1");

    library.rename_tag("Тема 7/Метка 700", "Тема 7/Семьсот").unwrap();
    let renamed = library.article(&id).unwrap().fields.tags;
    assert_eq!(renamed[699], "Тема 7/Семьсот", "renamed in its place");
    assert!(!renamed.iter().any(|t| t == "Тема 7/Метка 700"));

    for query in ["tag:\"тема 7/семьсот\"", "tag:\"Тема 500/Метка 50000\"", "tag:\"Тема 999\""]
    {
        let hits = library.search(query, 10).unwrap();
        assert_eq!(hits.len(), 1, "{query}");
        assert_eq!(hits[0].article.id, article.id);
        assert_eq!(hits[0].article.tags.len(), 100_000);
    }
    let page =
        library.list_page(&ListView { tag: Some("Тема 5".into()), ..ListView::default() }, 0, 10).unwrap();
    assert_eq!(page.total, 1);
    let all = library.list_page(&ListView::default(), 0, 10).unwrap();
    assert_eq!(all.total, 2);
    assert!(all.articles.iter().any(|a| a.id == other.id));
}

#[test]
fn a_hundred_thousand_tags_over_a_thousand_articles_count_once_per_article() {
    let (_dir, library, _clock) = library();
    // 1,000 articles with 100 tags each; the tags of each article sit under one of 100 parents.
    let drafts = (0..1_000).map(|n| Draft {
        fields: ArticleFields {
            headline: format!("Заметка {n}"),
            body: "Текст заметки.".into(),
            status: if n >= 900 { Status::Spiked } else { Status::Draft },
            tags: (0..100).map(|k| format!("Тема {}/Метка {}", n % 100, n * 100 + k)).collect(),
            ..ArticleFields::default()
        },
        ..Draft::default()
    });
    let stored = library.create_many(drafts, RevisionReason::Import).unwrap();
    assert!(stored.iter().all(Result::is_ok));

    let listed = library.tags().unwrap();
    assert_eq!(listed.len(), 100_000 + 100);
    let parents: Vec<_> = listed.iter().filter(|t| !t.name.contains('/')).collect();
    assert_eq!(parents.len(), 100);
    // Ten articles under each parent, one of them spiked.
    assert!(parents.iter().all(|p| p.count == 0 && p.total == 9), "{:?}", &parents[..3]);
    assert_eq!(listed.iter().filter(|t| t.count == 1).count(), 90_000);

    let view = ListView { tag: Some("Тема 42".into()), ..ListView::default() };
    assert_eq!(library.list_page(&view, 0, 100).unwrap().total, 9);
    assert_eq!(library.search("tag:\"Тема 42\"", 100).unwrap().len(), 9);
    library.rename_tag("Тема 42", "Сорок два").unwrap();
    let view = ListView { tag: Some("сорок два".into()), ..ListView::default() };
    assert_eq!(library.list_page(&view, 0, 100).unwrap().total, 9);
    assert_eq!(library.tags().unwrap().len(), 100_000 + 100);
}

#[test]
fn ten_thousand_revisions_are_listed_loaded_compared_and_restored() {
    let (_dir, library, _clock) = library();
    let article = library
        .create(ArticleFields {
            headline: "Долгая история".into(),
            body: "Первая редакция.".into(),
            ..ArticleFields::default()
        })
        .unwrap();
    let id = article.id;
    // Each import of the article's id is a revision of its own (stored in one transaction).
    let drafts = (2..=10_000).map(|n| Draft {
        id: Some(id),
        fields: ArticleFields {
            headline: "Долгая история".into(),
            body: format!("Редакция номер {n}."),
            ..ArticleFields::default()
        },
        ..Draft::default()
    });
    assert!(library.create_many(drafts, RevisionReason::Import).unwrap().iter().all(Result::is_ok));

    let id = id.to_string();
    let revisions = library.revisions(&id).unwrap();
    assert_eq!(revisions.len(), 10_000);
    assert_eq!(revisions[0].number, 10_000, "newest first");
    assert_eq!(revisions[9_999].number, 1);
    assert_eq!(revisions[9_999].reason, RevisionReason::Create);
    assert_eq!(library.revision(&id, 1).unwrap().fields.body, "Первая редакция.");
    assert_eq!(library.revision(&id, 5_000).unwrap().fields.body, "Редакция номер 5000.");

    let diff = library.diff(&id, 1, None).unwrap();
    assert_eq!(diff.len(), 1, "only the body differs");
    let side = |kind: SpanKind| -> String {
        diff[0]
            .spans
            .iter()
            .filter(|s| s.kind == SpanKind::Same || s.kind == kind)
            .map(|s| s.text.as_str())
            .collect()
    };
    assert_eq!(side(SpanKind::Removed), "Первая редакция.");
    assert_eq!(side(SpanKind::Added), "Редакция номер 10000.");
    let between = library.diff(&id, 4_999, Some(5_000)).unwrap();
    assert_eq!(between[0].words_added + between[0].words_removed, 2, "{between:?}");

    let restored = library.restore(&id, 1).unwrap();
    assert_eq!(restored.fields.body, "Первая редакция.");
    assert_eq!(restored.revision, 10_001);
    assert_eq!(library.revisions(&id).unwrap()[0].reason, RevisionReason::Restore);
}

/// Headlines in every shape, with the slug each gets and a word a search must find.
const STRANGE: &[(&str, &str)] = &[
    // Emoji with zero-width joiners, skin tones and flags are dropped, the words kept.
    ("👩🏽‍💻 Программистка 🇯🇵🇷🇺 в Токио 👨‍👩‍👧", "programmistka-v-tokio"),
    // Right-to-left scripts, mixed with Latin and digits.
    ("مرحبا بالعالم 2026", "mrhb-bl-lm-2026"),
    ("שלום עולם Galley 3", "shlvm-vlm-galley-3"),
    // Decomposed й (и + U+0306) makes the slug the composed one does.
    ("И\u{0306}ошкар-Ола: новыи\u{0306} мост", "ioshkar-ola-novyi-most"),
    // Stacks of combining marks stay within their word.
    ("З\u{0337}\u{0322}а\u{0338}л\u{0335}г\u{0336}о\u{0334} текст", "zalgo-tekst"),
    // A soft hyphen and a zero-width joiner inside a word do not split it.
    ("сотруд\u{00AD}ничество и\u{200D}нвестиции", "sotrudnichestvo-investitsii"),
];

#[test]
fn slugs_of_emoji_rtl_and_combining_headlines_are_whole_ascii_words() {
    let (_dir, library, _clock) = library();
    for (headline, slug) in STRANGE {
        let article = library
            .create(ArticleFields { headline: (*headline).into(), ..ArticleFields::default() })
            .unwrap();
        assert_eq!(article.fields.slug, *slug, "{headline}");
        assert_eq!(library.article(slug).unwrap().fields.headline, *headline, "kept as typed");
    }
    // The composed and the decomposed spellings are one slug: the second gets a number.
    let composed = library
        .create(ArticleFields {
            headline: "Йошкар-Ола: новый мост".into(), ..ArticleFields::default()
        })
        .unwrap();
    assert_eq!(composed.fields.slug, "ioshkar-ola-novyi-most-2");
}

#[test]
fn composed_and_decomposed_spellings_find_and_sort_alike() {
    let (_dir, library, _clock) = library();
    let nfd = "Йошкар-Ола и Ёлкино".replace('Й', "И\u{0306}").replace('Ё', "Е\u{0308}");
    let decomposed = library
        .create(ArticleFields {
            headline: nfd.clone(),
            body: format!("Репортаж: {nfd}."),
            ..ArticleFields::default()
        })
        .unwrap();
    let composed = library
        .create(ArticleFields {
            headline: "Йошкар-Ола вечером".into(),
            body: "Репортаж: Йошкар-Ола.".into(),
            ..ArticleFields::default()
        })
        .unwrap();
    library.create(ArticleFields { headline: "Иваново".into(), ..ArticleFields::default() }).unwrap();
    library.create(ArticleFields { headline: "Калуга".into(), ..ArticleFields::default() }).unwrap();
    assert_eq!(library.article(&decomposed.id.to_string()).unwrap().fields.headline, nfd, "kept as typed");

    for query in ["Йошкар-Ола", "И\u{0306}ошкар-Ола", "йошкар", "и\u{0306}ошкар*"]
    {
        let mut found: Vec<_> =
            library.search(query, 10).unwrap().into_iter().map(|h| h.article.id).collect();
        found.sort();
        let mut expected = vec![decomposed.id, composed.id];
        expected.sort();
        assert_eq!(found, expected, "{query}");
    }
    for query in ["Ёлкино", "Е\u{0308}лкино", "елкино"] {
        let found: Vec<_> = library.search(query, 10).unwrap().into_iter().map(|h| h.article.id).collect();
        assert_eq!(found, [decomposed.id], "{query}");
    }

    // By headline, й comes after и however it was typed: Иваново, Йошкар-Ола в…, Йошкар-Ола и…, Калуга.
    let view = ListView { sort: ListSort::Headline, ..ListView::default() };
    let order: Vec<String> =
        library.list_page(&view, 0, 10).unwrap().articles.into_iter().map(|a| a.headline).collect();
    assert_eq!(order, ["Иваново", "Йошкар-Ола вечером", nfd.as_str(), "Калуга"]);
}

#[test]
fn tags_with_emoji_rtl_and_combining_marks_are_one_tag_each_and_rename() {
    let (_dir, library, _clock) = library();
    let a = library
        .create(ArticleFields {
            headline: "Первая".into(),
            tags: vec![
                "🇯🇵 Япония".into(),
                "👨‍👩‍👧 Семьи".into(),
                "שלום/עולם".into(),
                "مرحبا 2026".into(),
                "Йошкар-Ола".into(),
            ],
            ..ArticleFields::default()
        })
        .unwrap();
    let b = library
        .create(ArticleFields {
            headline: "Вторая".into(),
            // The same tags spelled otherwise: decomposed й, other case.
            tags: vec!["и\u{0306}ошкар-ола".into(), "🇯🇵 ЯПОНИЯ".into()],
            ..ArticleFields::default()
        })
        .unwrap();
    assert_eq!(b.fields.tags, ["Йошкар-Ола", "🇯🇵 Япония"], "the stored spelling, composed");

    let tags: Vec<(String, u64, u64)> =
        library.tags().unwrap().into_iter().map(|t| (t.name, t.count, t.total)).collect();
    let names: Vec<&str> = tags.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(names.len(), 6, "{names:?}");
    for name in ["🇯🇵 Япония", "👨‍👩‍👧 Семьи", "שלום", "שלום/עולם", "مرحبا 2026", "Йошкар-Ола"]
    {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    assert!(tags.contains(&("Йошкар-Ола".into(), 2, 2)));
    assert!(tags.contains(&("שלום".into(), 0, 1)));

    for (query, expected) in [
        ("tag:\"И\u{0306}ошкар-Ола\"", 2),
        ("tag:\"🇯🇵 япония\"", 2),
        ("tag:שלום", 1),
        ("tag:\"مرحبا 2026\"", 1),
    ] {
        assert_eq!(library.search(query, 10).unwrap().len(), expected, "{query}");
    }

    library.rename_tag("שלום", "ישראל").unwrap();
    assert_eq!(library.article(&a.id.to_string()).unwrap().fields.tags[2], "ישראל/עולם");
    library.rename_tag("👨‍👩‍👧 семьи", "👨‍👩‍👦 Семьи").unwrap();
    assert!(library.article(&a.id.to_string()).unwrap().fields.tags.contains(&"👨‍👩‍👦 Семьи".to_owned()));
    assert_eq!(library.search("tag:\"👨‍👩‍👦 семьи\"", 10).unwrap().len(), 1);
}

#[test]
fn exports_escape_strange_headlines_and_the_markdown_export_round_trips_them() {
    let (dir, library, _clock) = library();
    let headline =
        "<script>alert(1)</script> «Кавычки» \"и\" & 👨‍👩‍👧 שלום مرحبا З\u{0337}\u{0322}а\u{0338} и\u{0306}";
    let article = library
        .create(ArticleFields {
            headline: headline.into(),
            dek: "عربي 2026 — Hebrew עברית\u{200F} mixed".into(),
            lead: "Лид </script><!-- \u{2028} конец".into(),
            body: "Текст.\n".into(),
            byline: vec!["Анна \"Аня\" Иванова 👩🏽‍💻".into()],
            tags: vec!["🇯🇵 Япония".into(), "שלום/עולם".into()],
            ..ArticleFields::default()
        })
        .unwrap();
    assert_eq!(article.fields.slug, "script-alert-1-script-kavychki-i-shlvm-mrhb-za-i");

    let html = library.export_text(&article, ExportFormat::Html, None).unwrap().html;
    assert!(!html.contains("<script>alert"), "the headline's markup is text");
    assert!(html.contains("<title>&lt;script&gt;alert(1)&lt;&#x2f;script&gt; «Кавычки» «и» &amp; 👨‍👩‍👧 שלום"));
    assert_eq!(count(&html, "</script>"), 1, "only the JSON-LD's own end tag");
    let json_ld = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let json_ld: serde_json::Value = serde_json::from_str(json_ld).unwrap();
    assert_eq!(json_ld["headline"], headline);

    let ninjs: serde_json::Value =
        serde_json::from_str(&library.export_text(&article, ExportFormat::Ninjs, None).unwrap().html)
            .unwrap();
    assert_eq!(ninjs["headlines"][0]["value"], headline);

    // The Markdown export imported into another store gives every field back, byte for byte.
    let path = dir.path().join("strange.md");
    library
        .export(&Selection::Article(article.id.to_string()), ExportFormat::Md, &path, None, None, |_, _| {})
        .unwrap();
    let other_dir = tempfile::tempdir().unwrap();
    let other = Library::open_with(
        &other_dir.path().join("other.sqlite3"),
        Arc::new(ManualClock::new("2026-11-29T09:00:00Z".parse().unwrap())),
        OpenOptions { seed_sample: false },
    )
    .unwrap();
    let imported = other.import_files(std::slice::from_ref(&path));
    let imported = imported[0].result.as_ref().unwrap();
    assert_eq!(other.article(&imported.id.to_string()).unwrap().fields, article.fields);
}

#[test]
fn an_article_in_a_right_to_left_language_exports_as_a_right_to_left_page() {
    let (_dir, library, _clock) = library();
    for (language, dir) in
        [("ar", Some("rtl")), ("he", Some("rtl")), ("fa-IR", Some("rtl")), ("ru", None), ("en", None)]
    {
        let article = library
            .create(ArticleFields {
                headline: "مرحبا بالعالم 2026 Galley שלום".into(),
                body: "نص المقال 2026 مع Galley.\n".into(),
                language: language.into(),
                ..ArticleFields::default()
            })
            .unwrap();
        let html = library.export_text(&article, ExportFormat::Html, None).unwrap().html;
        let root = html.lines().nth(1).unwrap();
        let lang = article.fields.language.clone();
        match dir {
            Some(dir) => {
                assert_eq!(root, format!("<html lang=\"{lang}\" dir=\"{dir}\">"));
                assert!(html.contains("<p>نص المقال 2026 مع Galley.</p>"), "the text as written: {html}");
            }
            None => assert_eq!(root, format!("<html lang=\"{lang}\">")),
        }
    }
}

/// The fields that come from a file, as text.
fn import_one(library: &Library, dir: &Path, name: &str, bytes: &[u8]) -> ArticleFields {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let outcome = library.import_files(&[path]).remove(0);
    let imported = outcome.result.unwrap_or_else(|e| panic!("{name}: {e}"));
    library.article(&imported.id.to_string()).unwrap().fields
}

#[test]
fn windows_line_endings_and_a_bom_in_imported_files() {
    let (dir, library, _clock) = library();
    let dir = dir.path();
    let bom = "\u{FEFF}";

    // `.md` with front matter: the BOM goes, the front matter's CRLF is read, the body is kept as
    // written (CRLF and all), and renders as the same text with LF.
    let body = "Первый абзац.\r\n\r\n- пункт\r\n- второй\r\n\r\nВторой абзац\r\nпродолжается.\r\n";
    let file =
        format!("{bom}---\r\nheadline: Заголовок с CRLF\r\ntags: [Япония]\r\nlanguage: ru\r\n---\r\n{body}");
    let md = import_one(&library, dir, "crlf.md", file.as_bytes());
    assert_eq!(md.headline, "Заголовок с CRLF");
    assert_eq!(md.tags, ["Япония"]);
    assert_eq!(md.body, body, "a .md body is kept exactly as written");
    assert_eq!(
        galley_render::render_body(&md.body, "ru").html,
        galley_render::render_body(&body.replace("\r\n", "\n"), "ru").html
    );
    let found = library.search("продолжается", 10).unwrap();
    assert_eq!(found.len(), 1);
    assert!(!found[0].snippet.as_ref().unwrap().text.contains('\r'));

    // Its export imports back byte for byte.
    let slug = md.slug.clone();
    let exported =
        library.export_text(&library.article(&slug).unwrap(), ExportFormat::Md, None).unwrap().html;
    assert!(exported.ends_with(body));
    let again = import_one(&library, dir, "again.md", exported.as_bytes());
    assert_eq!(again.body, body);
    assert_eq!(again.slug, slug, "the same article");

    // `.md` without front matter: the headline from `# …`, without BOM or CR.
    let plain =
        import_one(&library, dir, "plain.md", format!("{bom}# Просто заметка\r\n\r\nТекст.\r\n").as_bytes());
    assert_eq!(plain.headline, "Просто заметка");
    assert_eq!(plain.body, "Текст.\r\n");

    // `.txt`: line endings become LF; no BOM in the headline.
    let txt = import_one(
        &library,
        dir,
        "note.txt",
        format!("{bom}Заголовок заметки из Блокнота\r\n\r\nПервый абзац заметки, достаточно длинный, чтобы быть текстом.\r\n").as_bytes(),
    );
    assert_eq!(txt.headline, "Заголовок заметки из Блокнота");
    assert!(!txt.body.contains('\r') && !txt.body.contains(bom), "{:?}", txt.body);
    assert!(txt.body.contains("Первый абзац заметки"));

    for fields in [&md, &plain, &txt] {
        assert!(!fields.headline.contains(bom) && !fields.headline.contains('\r'), "{:?}", fields.headline);
        assert!(!fields.body.contains(bom));
    }
}
