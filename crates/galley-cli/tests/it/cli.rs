//! Global flags, the store's location and exit codes.

use std::process::Command;

use crate::{Galley, run};

#[test]
fn the_store_flag_goes_before_or_after_the_command() {
    let g = Galley::new();
    let mut after = Command::new(env!("CARGO_BIN_EXE_galley-cli"));
    after.args(["list", "--json", "--store"]).arg(g.store());
    let listed = run(after, "").ok().json();
    assert_eq!(listed.as_array().unwrap().len(), 1, "a new store holds the sample");
    assert!(g.store().exists());
}

#[test]
fn the_store_can_come_from_the_environment() {
    let g = Galley::new();
    let path = g.dir.path().join("from-env.sqlite3");
    let output = Command::new(env!("CARGO_BIN_EXE_galley-cli"))
        .args(["list", "--json"])
        .env("GALLEY_STORE", &path)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(path.exists());
}

/// `galley-cli` without `--store`, with the settings file at `settings`.
fn cli_with_settings(settings: &std::path::Path, args: &[&str]) -> crate::Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_galley-cli"));
    command.args(args).env("GALLEY_SETTINGS", settings);
    run(command, "")
}

#[test]
fn without_a_flag_or_variable_the_store_is_the_one_chosen_in_the_app_settings() {
    let g = Galley::new();
    let chosen = g.dir.path().join("chosen.sqlite3");
    let mut new = Command::new(env!("CARGO_BIN_EXE_galley-cli"));
    new.args(["new", "--headline", "Только в выбранном хранилище", "--store"]).arg(&chosen);
    run(new, "").ok();
    let settings = g.dir.path().join("settings.json");
    std::fs::write(&settings, serde_json::json!({ "store": chosen }).to_string()).unwrap();
    let listed = cli_with_settings(&settings, &["list"]).ok();
    assert!(
        listed.stdout.contains("Только в выбранном хранилище"),
        "the settings' store was opened: {listed:?}"
    );
}

#[test]
fn a_store_chosen_in_the_settings_that_is_not_there_is_never_made() {
    // Its drive unplugged: a store made at the mount point would be taken for the real one later.
    let g = Galley::new();
    let chosen = g.dir.path().join("usb").join("galley.sqlite3");
    std::fs::create_dir(g.dir.path().join("usb")).unwrap();
    let settings = g.dir.path().join("settings.json");
    std::fs::write(&settings, serde_json::json!({ "store": chosen }).to_string()).unwrap();
    for args in [&["list"][..], &["new", "--headline", "Заметка"], &["sync", "--once"]] {
        let refused = cli_with_settings(&settings, args);
        assert_eq!(refused.code, 1, "{args:?}: {refused:?}");
        assert!(refused.stderr.contains("is not there"), "{refused:?}");
        assert_eq!(
            std::fs::read_dir(g.dir.path().join("usb")).unwrap().count(),
            0,
            "nothing was made: {args:?}"
        );
    }
}

#[test]
fn a_new_store_starts_with_the_sample_article() {
    let g = Galley::new();
    let list = g.run(&["list", "--json"]).ok().json();
    let sample = &list[0];
    assert_eq!(
        sample["headline"],
        "Вопросы российско-японского сотрудничества на Дальнем Востоке обсуждались на встрече Александра \
         Галушки с Министром экономики торговли и промышленности Японии (METI), Министром по делам \
         сотрудничества с Россией в области экономики Хиросигэ Сэко"
    );
    assert_eq!(sample["language"], "ru");
    assert_eq!(sample["status"], "draft");
    for field in
        ["id", "slug", "headline", "dek", "section", "language", "status", "tags", "created_at", "updated_at"]
    {
        assert!(sample.get(field).is_some(), "list --json has `{field}`");
    }
}

#[test]
fn bad_input_exits_1_with_a_message_and_no_panic() {
    let g = Galley::new();
    for args in [
        vec!["frobnicate"],
        vec!["show", "no-such-article"],
        vec!["list", "--status", "done"],
        vec!["restore", "no-such-article", "1"],
        vec!["tags", "--rename", "Нет такого", "Другой"],
        vec!["new", "--headline", "X", "--lang", "русский"],
        vec!["edit", "no-such-article", "--headline", "X"],
    ] {
        let run = g.run(&args);
        assert_eq!(run.code, 1, "{args:?}: {run:?}");
        assert!(!run.stderr.is_empty(), "{args:?} says what went wrong");
        assert!(!run.stderr.contains("panicked"), "{args:?}: {run:?}");
    }
}

#[test]
fn a_store_from_a_newer_galley_is_refused_with_exit_1() {
    let g = Galley::new();
    g.run(&["list"]).ok();
    rusqlite::Connection::open(g.store()).unwrap().pragma_update(None, "user_version", 42).unwrap();
    let run = g.run(&["list"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("newer version of Galley"), "{run:?}");
}

#[test]
fn help_names_every_command() {
    let run = Command::new(env!("CARGO_BIN_EXE_galley-cli")).arg("--help").output().unwrap();
    assert!(run.status.success());
    let help = String::from_utf8(run.stdout).unwrap();
    for command in
        ["new", "import", "list", "show", "edit", "tag", "tags", "search", "revisions", "restore", "stats"]
    {
        assert!(help.contains(&format!("\n  {command} ")), "help lists `{command}`:\n{help}");
    }
}
