//! Large and strange content through the CLI: a 10 MB article imported, shown, edited, searched
//! and exported; 100,000 tags listed, renamed and searched; and a mirror folder's file with a
//! byte-order mark and Windows line endings taken in once, without a rewrite loop.

use std::fmt::Write as _;

use crate::{Galley, fixture};

/// About `bytes` of Russian news prose from the sample, in parts with a heading, a list and a
/// link each, and the word «Кривохатьково» once in the middle. Returns the body and its parts.
fn russian_body(bytes: usize) -> (String, usize) {
    let sample = std::fs::read_to_string(fixture("galushka-seko-meeting.txt")).unwrap();
    let paragraphs: Vec<&str> = sample.lines().map(str::trim).filter(|l| l.chars().count() > 80).collect();
    let mut body = String::with_capacity(bytes + 8_192);
    let mut part = 0;
    while body.len() < bytes {
        part += 1;
        writeln!(body, "## Часть {part}. Сотрудничество на Дальнем Востоке\n").unwrap();
        for n in 0..paragraphs.len() {
            writeln!(body, "{}\n", paragraphs[(n + part) % paragraphs.len()]).unwrap();
        }
        writeln!(body, "- проект {part}\n- порт Владивосток\n- встреча №{part}\n").unwrap();
        writeln!(body, "Подробнее: [материал {part}](https://example.ru/news/{part}).\n").unwrap();
        if part == 700 {
            writeln!(body, "Делегация посетила Кривохатьково.\n").unwrap();
        }
    }
    (body, part)
}

#[test]
fn a_10_mb_article_is_imported_shown_edited_searched_and_exported() {
    let g = Galley::new();
    let (body, parts) = russian_body(10_000_000);
    let file = g.file("большой.md", format!("# Большой материал\n\n{body}"));
    let imported = g.run(&["import", file.to_str().unwrap(), "--json"]).ok().json();
    assert_eq!(imported[0]["ok"], true, "{imported}");
    assert_eq!(imported[0]["slug"], "bolshoi-material");

    let shown = g.run(&["show", "bolshoi-material", "--json"]).ok().json();
    assert_eq!(shown["body"].as_str().unwrap(), body, "whole, byte for byte");

    let edited = g.file("edited.md", format!("{body}Последний абзац.\n"));
    g.run(&["edit", "bolshoi-material", "--body-file", edited.to_str().unwrap()]).ok();
    let revisions = g.run(&["revisions", "bolshoi-material", "--json"]).ok().json();
    assert_eq!(revisions.as_array().unwrap().len(), 2, "{revisions}");

    let hits = g.run(&["search", "кривохатьково", "--json"]).ok().json();
    assert_eq!(hits.as_array().unwrap().len(), 1, "{hits}");
    assert_eq!(hits[0]["slug"], "bolshoi-material");

    let stats = g.run(&["stats", "bolshoi-material", "--json"]).ok().json();
    let words = stats["body"]["words"].as_u64().unwrap();
    assert!(words > 600_000, "{stats}");

    for (format, extension) in [("html", "html"), ("fragment", "html"), ("md", "md"), ("ninjs", "json")] {
        let out = g.dir.path().join(format!("out-{format}.{extension}"));
        g.run(&["export", "bolshoi-material", "--format", format, "--out", out.to_str().unwrap()]).ok();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.len() > 10_000_000, "{format}: {} bytes", text.len());
        assert_eq!(text.matches("Часть ").count(), parts, "{format}");
        assert!(text.contains("Последний абзац."), "{format}");
    }
}

#[test]
fn a_hundred_thousand_tags_are_listed_renamed_and_searched() {
    let g = Galley::new();
    let mut file = String::from("---\nheadline: Сто тысяч меток\ntags:\n");
    for n in 0..100_000 {
        writeln!(file, "  - Тема {}/Метка {n}", n / 100).unwrap();
    }
    file.push_str("---\nТекст.\n");
    let path = g.file("метки.md", file);
    let imported = g.run(&["import", path.to_str().unwrap(), "--json"]).ok().json();
    assert_eq!(imported[0]["ok"], true, "{imported}");
    let slug = imported[0]["slug"].as_str().unwrap().to_owned();

    // The sample's three tags and two parents, then 100,000 tags under 1,000 parents.
    let tags = g.run(&["tags", "--json"]).ok().json();
    assert_eq!(tags.as_array().unwrap().len(), 5 + 100_000 + 1_000);
    let listed = g.run(&["tags"]).ok();
    assert_eq!(listed.stdout.lines().count(), 5 + 100_000 + 1_000);
    assert!(listed.stdout.contains("\nТема 999  1\n  Метка 99900  1\n"), "a tree with totals");

    g.run(&["tags", "--rename", "Тема 999", "Тема последняя"]).ok();
    let hits = g.run(&["search", "tag:\"Тема последняя/Метка 99950\"", "--json"]).ok().json();
    assert_eq!(hits.as_array().unwrap().len(), 1, "{}", hits.to_string().len());
    assert_eq!(hits[0]["slug"], slug.as_str());
    let listed = g.run(&["list", "--tag", "тема последняя", "--json"]).ok().json();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let shown = g.run(&["show", &slug, "--json"]).ok().json();
    let tags = shown["tags"].as_array().unwrap();
    assert_eq!(tags.len(), 100_000);
    assert_eq!(tags[99_999], "Тема последняя/Метка 99999", "renamed in its place");
}

#[test]
fn a_mirror_file_with_a_bom_and_windows_line_endings_is_taken_in_once() {
    let g = Galley::new();
    let folder = g.dir.path().join("папка");
    std::fs::create_dir_all(&folder).unwrap();
    let body = "Первый абзац.\r\n\r\nВторой абзац с «кавычками».\r\n";
    std::fs::write(folder.join("заметка.md"), format!("\u{FEFF}# Заметка из Блокнота\r\n\r\n{body}"))
        .unwrap();
    g.run(&["sync", folder.to_str().unwrap(), "--once"]).ok();

    let listed = g.run(&["list", "--json"]).ok().json();
    let note = listed.as_array().unwrap().iter().find(|a| a["headline"] == "Заметка из Блокнота");
    let note = note.unwrap_or_else(|| panic!("no BOM or CR in the headline: {listed}"));
    let shown = g.run(&["show", note["id"].as_str().unwrap(), "--json"]).ok().json();
    assert_eq!(shown["body"], body, "the body as the file had it, CRLF and all");

    // Galley wrote the id into the file: front matter of the id alone, in the file's line endings
    // and after its BOM, then every byte the note had.
    let text = std::fs::read_to_string(folder.join("заметка.md")).unwrap();
    let id = note["id"].as_str().unwrap();
    let front = format!("\u{FEFF}---\r\nid: {id}\r\n---\r\n");
    assert_eq!(text, format!("{front}# Заметка из Блокнота\r\n\r\n{body}"));
    let again = g.run(&["sync", "--once"]).ok();
    assert_eq!(again.stdout, "", "nothing left to do: no rewrite loop over line endings");
}
