//! Import from the terminal: one line per file, bad files reported, the rest imported.

use crate::{Galley, fixture};

#[test]
fn the_sample_text_imports_with_its_real_headline() {
    let g = Galley::new();
    let path = fixture("galushka-seko-meeting.txt");
    let run = g.run(&["import", path.to_str().unwrap(), "--json"]).ok();
    let id = run.json()[0]["id"].as_str().unwrap().to_owned();
    let article = g.run(&["show", &id, "--json"]).ok().json();
    let headline = article["headline"].as_str().unwrap();
    assert!(headline.starts_with("Вопросы российско-японского сотрудничества"), "{headline}");
    assert!(!headline.contains("Сайт Хабаровска"));
    let body = article["body"].as_str().unwrap();
    assert!(
        !body.contains("Также по теме") && !body.contains("Актуальные новости"),
        "site chrome is dropped"
    );
    assert!(!body.contains(headline), "the headline's copies are dropped");
    assert!(
        article["lead"].as_str().unwrap().starts_with("Вопросы активизации двустороннего сотрудничества")
    );
}

#[test]
fn a_markdown_export_imports_back_as_the_same_article() {
    let g = Galley::new();
    let md = "---\nid: 0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e\ntitle: Из Obsidian\ntags: [Япония, Регионы/Хабаровск]\nstatus: ready\n---\nТекст **статьи**.\n";
    let path = g.file("note.md", md);
    g.run(&["import", path.to_str().unwrap()]).ok();
    let article = g.run(&["show", "0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e", "--json"]).ok().json();
    assert_eq!(article["headline"], "Из Obsidian");
    assert_eq!(article["status"], "ready");
    assert_eq!(article["body"], "Текст **статьи**.\n");
    // The same file again updates the article instead of making a second one.
    g.run(&["import", path.to_str().unwrap()]).ok();
    assert_eq!(
        g.run(&["list", "--json"]).ok().json().as_array().unwrap().len(),
        2,
        "the sample and this one"
    );
}

#[test]
fn bad_files_are_reported_one_per_line_and_the_batch_goes_on() {
    let g = Galley::new();
    let good =
        g.file("good.txt", "Хороший заголовок новости дня\n\nПервый абзац текста.\n\nВторой абзац текста.\n");
    let cp1251 = g.file(
        "cp1251.txt",
        encoding_rs::WINDOWS_1251
            .encode("Новость в старой кодировке Windows\n\nТекст новости в кодировке cp1251.\n")
            .0,
    );
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("Заголовок в UTF-16\n\nТекст.\n".encode_utf16().flat_map(u16::to_le_bytes));
    let utf16 = g.file("utf16.txt", utf16);
    let binary = g.file("photo.txt", [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
    let empty = g.file("empty.md", "");
    let huge = g.dir.path().join("huge.txt");
    std::fs::File::create(&huge).unwrap().set_len(51 * 1024 * 1024).unwrap();
    let wrong_type = g.file("report.docx", "PK");
    let missing = g.dir.path().join("missing.md");

    let paths = [&good, &cp1251, &utf16, &binary, &empty, &huge, &wrong_type, &missing];
    let args: Vec<&str> =
        std::iter::once("import").chain(paths.iter().map(|p| p.to_str().unwrap())).collect();
    let run = g.run(&args);
    assert_eq!(run.code, 1, "a failed file makes the exit code 1: {run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), paths.len(), "one line per file: {run:?}");
    for (line, ok) in lines.iter().zip([true, true, true, false, false, false, false, false]) {
        assert_eq!(!line.starts_with("error"), ok, "{line}");
    }
    assert!(lines[3].contains("not a text file"), "{}", lines[3]);
    assert!(lines[4].contains("empty"), "{}", lines[4]);
    assert!(lines[5].contains("50 MB"), "{}", lines[5]);
    assert!(lines[6].contains(".md, .txt and .html"), "{}", lines[6]);
    assert!(run.stderr.contains("imported 3 of 8 files"), "{run:?}");
    assert!(run.stderr.contains("windows-1251"), "the guessed encoding is reported: {run:?}");

    let list = g.run(&["search", "кодировке", "--json"]).ok().json();
    assert_eq!(list[0]["headline"], "Новость в старой кодировке Windows");
}

#[test]
fn a_saved_web_page_imports_as_its_article_and_a_page_without_one_is_refused() {
    let g = Galley::new();
    let paragraph = "Стороны согласовали план интенсификации экономических связей между Японией и Россией. ";
    let page = format!(
        "<html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Энергомост в план включили</title>\
         <meta name=\"author\" content=\"Иван Петров\"></head><body><nav><a href=\"/\">Главная</a></nav>\
         <article><p>{}</p><p>«Это надолго», — сказал министр.</p></article>\
         <footer>Все права защищены</footer></body></html>",
        paragraph.repeat(4)
    );
    let good = g.file("novost.html", &page);
    let empty = g.file("glavnaya.htm", "<html><body><nav><a href=\"/\">Главная</a></nav></body></html>");
    let run = g.run(&["import", good.to_str().unwrap(), empty.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 1, "one file failed: {}", run.stdout);
    let results = run.json();
    let id = results[0]["id"].as_str().expect("the page imported").to_owned();
    let article = g.run(&["show", &id, "--json"]).ok().json();
    assert_eq!(article["headline"], "Энергомост в план включили");
    assert_eq!(article["byline"], serde_json::json!(["Иван Петров"]));
    let body = article["body"].as_str().unwrap();
    assert!(body.contains("«Это надолго», — сказал министр."), "{body}");
    assert!(!body.contains("Главная") && !body.contains("Все права"), "the site stays behind: {body}");
    let refused = results[1]["error"].as_str().unwrap();
    assert!(refused.contains("no article was found"), "{refused}");
}
