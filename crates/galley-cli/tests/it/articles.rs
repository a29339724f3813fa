//! Writing, editing, tagging and restoring articles from a script.

use crate::Galley;

#[test]
fn new_prints_the_id_and_show_reads_the_article_back() {
    let g = Galley::new();
    let id = g
        .run_with_stdin(
            &[
                "new",
                "--headline",
                "Энергомост Сахалин – Хоккайдо",
                "--lang",
                "ru",
                "--tag",
                "Энергетика",
                "--tag",
                "Регионы/Сахалин",
                "--body-file",
                "-",
            ],
            "Проект **энергомоста** обсуждают с 2016 года.\n",
        )
        .ok()
        .stdout
        .trim()
        .to_owned();
    let article = g.run(&["show", &id, "--json"]).ok().json();
    assert_eq!(article["id"], id.as_str());
    assert_eq!(article["headline"], "Энергомост Сахалин – Хоккайдо");
    assert_eq!(article["slug"], "energomost-sakhalin-khokkaido");
    assert_eq!(article["body"], "Проект **энергомоста** обсуждают с 2016 года.\n");
    assert_eq!(article["tags"], serde_json::json!(["Энергетика", "Регионы/Сахалин"]));
    let by_slug = g.run(&["show", "energomost-sakhalin-khokkaido"]).ok();
    assert!(by_slug.stdout.starts_with("Энергомост Сахалин – Хоккайдо\n"), "{by_slug:?}");
}

#[test]
fn edits_become_revisions_and_an_old_one_can_be_restored() {
    let g = Galley::new();
    let id = g.run(&["new", "--headline", "Черновик"]).ok().stdout.trim().to_owned();
    let body = g.file("body.md", "Первая версия текста.\n");
    g.run(&["edit", &id, "--body-file", body.to_str().unwrap(), "--lead", "Лид"]).ok();
    g.run(&["edit", &id, "--headline", "Финал", "--byline", "Анна Смирнова", "--dateline", "Токио"]).ok();
    g.run(&["edit", &id, "--status", "published"]).ok();

    let revisions = g.run(&["revisions", &id, "--json"]).ok().json();
    let reasons: Vec<_> =
        revisions.as_array().unwrap().iter().map(|r| r["reason"].as_str().unwrap().to_owned()).collect();
    assert_eq!(reasons, ["status_change", "save", "save", "create"]);
    let published = g.run(&["show", &id, "--json"]).ok().json();
    assert!(published["published_at"].is_string(), "publishing sets published_at");
    assert_eq!(published["byline"], serde_json::json!(["Анна Смирнова"]));

    let restored = g.run(&["restore", &id, "2", "--json"]).ok().json();
    assert_eq!(restored["headline"], "Черновик");
    assert_eq!(restored["body"], "Первая версия текста.\n");
    assert_eq!(restored["revision"], 5);
    assert_eq!(restored["slug"], "chernovik", "the slug survives a restore");
    let latest = &g.run(&["revisions", &id, "--json"]).ok().json()[0];
    assert_eq!(latest["reason"], "restore");
}

#[test]
fn tags_are_added_removed_renamed_and_merged() {
    let g = Galley::new();
    let id = g.run(&["new", "--headline", "Тест", "--tag", "Япония"]).ok().stdout.trim().to_owned();
    let tagged = g
        .run(&["tag", &id, "--add", "Города/Хабаровск", "--add", "Бизнес", "--remove", "ЯПОНИЯ", "--json"])
        .ok()
        .json();
    assert_eq!(tagged["tags"], serde_json::json!(["Города/Хабаровск", "Бизнес"]));

    let renamed = g.run(&["tags", "--rename", "Города", "Области", "--json"]).ok().json();
    let names: Vec<_> =
        renamed.as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap().to_owned()).collect();
    assert!(names.contains(&"Области/Хабаровск".to_owned()), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("Города")), "{names:?}");

    g.run(&["tags", "--merge", "Бизнес", "Области/Хабаровск"]).ok();
    assert_eq!(g.run(&["show", &id, "--json"]).ok().json()["tags"], serde_json::json!(["Области/Хабаровск"]));

    let tree = g.run(&["tags"]).ok().stdout;
    assert!(tree.contains("Области  1\n  Хабаровск  1\n"), "{tree}");
}

#[test]
fn list_filters_by_status_and_tag() {
    let g = Galley::new();
    let a = g.run(&["new", "--headline", "Готово", "--tag", "Края/Приморье"]).ok().stdout.trim().to_owned();
    g.run(&["new", "--headline", "Черновик", "--tag", "Политика"]).ok();
    g.run(&["edit", &a, "--status", "ready"]).ok();
    let ready = g.run(&["list", "--status", "ready", "--json"]).ok().json();
    assert_eq!(ready.as_array().unwrap().len(), 1);
    assert_eq!(ready[0]["id"], a.as_str());
    let regions = g.run(&["list", "--tag", "края", "--json"]).ok().json();
    assert_eq!(regions.as_array().unwrap().len(), 1);
    let limited = g.run(&["list", "--limit", "2", "--json"]).ok().json();
    assert_eq!(limited.as_array().unwrap().len(), 2);
}

#[test]
fn stats_count_the_rendered_text_per_field() {
    let g = Galley::new();
    let id = g
        .run_with_stdin(
            &["new", "--headline", "Два слова", "--lead", "Лид из трёх", "--body-file", "-"],
            "**Жирный** [текст](https://example.ru).\n",
        )
        .ok()
        .stdout
        .trim()
        .to_owned();
    let stats = g.run(&["stats", &id, "--json"]).ok().json();
    assert_eq!(stats["headline"]["words"], 2);
    assert_eq!(stats["lead"]["words"], 3);
    assert_eq!(stats["body"]["words"], 2, "markup and the URL are not words");
    assert_eq!(stats["body"]["chars_with_spaces"], 13);
    assert_eq!(stats["total"]["words"], 7);
    let table = g.run(&["stats", &id]).ok().stdout;
    assert!(table.contains("chars+spaces"), "{table}");
}
