//! Export, the checklist and typography from the terminal.

use std::process::Command;

use crate::{Galley, run};

#[test]
fn the_sample_exports_in_every_format() {
    let g = Galley::new();
    let id = g.sample_id();
    for (format, starts) in
        [("html", "<!DOCTYPE html>"), ("fragment", "<p>"), ("md", "---\n"), ("ninjs", "{")]
    {
        let out = g.dir.path().join(format!("sample.{format}"));
        let run = g.run(&["export", &id, "--format", format, "--out", out.to_str().unwrap()]).ok();
        assert_eq!(run.stdout, format!("{id}\t{}\n", out.display()));
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with(starts), "{format}: {}", &text[..80.min(text.len())]);
    }
}

#[test]
fn a_search_exports_into_a_folder_with_a_summary() {
    let g = Galley::new();
    g.run(&["new", "--headline", "Энергомост Сахалин – Хоккайдо"]).ok();
    let folder = g.dir.path().join("out");
    let run = g
        .run(&[
            "export",
            "--search",
            "сахалин",
            "--format",
            "md",
            "--out",
            folder.to_str().unwrap(),
            "--json",
        ])
        .ok();
    let report = run.json();
    assert_eq!(
        report["files"].as_array().unwrap().len(),
        2,
        "the sample and the new article mention Sakhalin"
    );
    let mut names: Vec<_> =
        std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert!(names.contains(&"energomost-sakhalin-khokkaido.md".to_owned()), "{names:?}");
    let human =
        g.run(&["export", "--search", "сахалин", "--format", "html", "--out", folder.to_str().unwrap()]).ok();
    assert!(human.stderr.contains("exported 2 of 2 articles as html"), "{human:?}");
}

#[test]
fn export_mistakes_exit_1_with_a_message() {
    let g = Galley::new();
    let id = g.sample_id();
    let out = g.dir.path().join("x.html");
    let bad_format = g.run(&["export", &id, "--format", "docx", "--out", out.to_str().unwrap()]);
    assert_eq!(bad_format.code, 1, "{bad_format:?}");
    assert!(bad_format.stderr.contains("html, fragment, md or ninjs"), "{bad_format:?}");
    let no_template = g.run(&["export", &id, "--template", "nope", "--out", out.to_str().unwrap()]);
    assert_eq!(no_template.code, 1, "{no_template:?}");
    assert!(!out.exists(), "nothing is written when the template is missing");
}

#[test]
fn check_lists_the_desks_problems_with_places() {
    let g = Galley::new();
    let id = g.sample_id();
    let problems = g.run(&["check", &id, "--json"]).ok().json();
    let problems = problems.as_array().unwrap();
    assert!(!problems.is_empty());
    assert!(
        problems.iter().any(|p| p["place"] == "headline" && p["code"] == "headline_too_long"),
        "{problems:?}"
    );
    for p in problems {
        assert!(p["line"].as_u64().unwrap() >= 1 && p["column"].as_u64().unwrap() >= 1);
    }
    let human = g.run(&["check", &id]).ok().stdout;
    assert!(human.contains("headline:1:111: headline_too_long"), "{human}");
}

#[test]
fn typography_reads_stdin_and_needs_no_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("never-made.sqlite3");
    let mut command = Command::new(env!("CARGO_BIN_EXE_galley-cli"));
    command.args(["typography", "--lang", "ru", "--store"]).arg(&store);
    let typeset = run(command, "Он сказал: \"Привет\" - и ушёл...").ok().stdout;
    assert_eq!(typeset, "Он\u{a0}сказал: «Привет»\u{a0}— и\u{a0}ушёл…");
    assert!(!store.exists(), "typesetting opens no store");

    let mut html = Command::new(env!("CARGO_BIN_EXE_galley-cli"));
    html.args(["typography", "--lang", "en", "--html"]);
    let typeset = run(html, "<p class=\"x\">\"Quoted\" -- and <code>\"code\"</code></p>").ok().stdout;
    assert_eq!(typeset, "<p class=\"x\">“Quoted” — and <code>\"code\"</code></p>");
}

#[test]
fn attach_takes_images_only() {
    let g = Galley::new();
    let id = g.sample_id();
    let svg = g.file("evil.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");
    let refused = g.run(&["attach", &id, svg.to_str().unwrap()]);
    assert_eq!(refused.code, 1, "{refused:?}");
    assert!(refused.stderr.contains("not a PNG, JPEG, GIF or WebP image"), "{refused:?}");
    let gif = g.file("dot.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;");
    let attached = g.run(&["attach", &id, gif.to_str().unwrap(), "--alt", "Точка", "--json"]).ok().json();
    assert!(attached["body"].as_str().unwrap().trim_end().ends_with(".gif)"), "{attached}");
    assert!(attached["body"].as_str().unwrap().contains("![Точка](assets/"));
}
