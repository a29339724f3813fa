//! The shell's commands through Tauri's IPC on the mock runtime, against a real store.

use galley_desktop::AppState;
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

struct Shell {
    _dir: tempfile::TempDir,
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

fn shell() -> Shell {
    let dir = tempfile::tempdir().unwrap();
    let state =
        AppState::open(&dir.path().join("store.sqlite3"), Some(dir.path().join("settings.json"))).unwrap();
    // The real configuration and capability, so the ACL is the one the app ships with.
    let app = galley_desktop::with_commands(mock_builder(), state)
        .build(tauri::generate_context!(test = true))
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    Shell { _dir: dir, _app: app, window }
}

fn call(shell: &Shell, cmd: &str, args: Value) -> Result<Value, Value> {
    call_from(shell, "tauri://localhost", cmd, args)
}

/// A call as if made by a page at `origin`.
fn call_from(shell: &Shell, origin: &str, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: origin.parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(&shell.window, request).map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn the_desk_lists_opens_saves_and_searches_through_ipc() {
    let shell = shell();
    let list = call(&shell, "article_list", json!({"view": {}, "offset": 0, "limit": 50})).unwrap();
    assert_eq!(list["total"], 1, "a new store holds the sample");
    assert_eq!(list["articles"].as_array().unwrap().len(), 1);

    let created = call(&shell, "article_create", json!({"headline": "Новый материал"})).unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    let mut fields = created.clone();
    fields["body"] = json!("Стороны обсудили \"энергомост\" - проект века.");
    fields["tags"] = json!(["Энергетика"]);
    let saved = call(&shell, "article_autosave", json!({"id": id, "fields": fields})).unwrap();
    assert_eq!(saved["tags"], json!(["Энергетика"]));

    let hits = call(&shell, "article_search", json!({"query": "энергомосты", "limit": 10})).unwrap();
    assert_eq!(hits[0]["id"], id.as_str());

    let preview = call(&shell, "article_preview", json!({"article": saved})).unwrap();
    let html = preview["html"].as_str().unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "the preview is the HTML export");
    assert!(html.contains("<p>Стороны обсудили «энергомост»&nbsp;— проект века.</p>"), "{html}");

    let tags = call(&shell, "tag_list", json!({})).unwrap();
    assert!(tags.as_array().unwrap().iter().any(|t| t["name"] == "Энергетика"));
}

#[test]
fn a_desk_editor_filters_moves_tags_diffs_and_inspects_through_ipc() {
    let shell = shell();
    let created = call(&shell, "article_create", json!({"headline": "Мост через Амур"})).unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    let mut fields = created.clone();
    fields["section"] = json!("Экономика");
    fields["tags"] = json!(["Энергетика"]);
    fields["body"] = json!("Мэр сказал, что мост построят.");
    call(&shell, "article_autosave", json!({"id": id, "fields": fields})).unwrap();
    let labelled = call(&shell, "revision_save", json!({"id": id, "label": "на правку"})).unwrap();
    let first = labelled["revision"].as_u64().unwrap();
    fields["body"] = json!("Мэр сказал: мост построят к осени.");
    call(&shell, "article_autosave", json!({"id": id, "fields": fields})).unwrap();

    // The status moves from the list; the list filters by it and by section.
    let moved = call(&shell, "article_set_status", json!({"id": id, "status": "ready"})).unwrap();
    assert_eq!(moved["status"], "ready");
    let ready =
        call(&shell, "article_list", json!({"view": {"status": "ready"}, "offset": 0, "limit": 10})).unwrap();
    assert_eq!(ready["total"], 1);
    assert_eq!(ready["articles"][0]["id"], id.as_str());
    let economy = call(
        &shell,
        "article_list",
        json!({"view": {"section": "экономика", "sort": "headline"}, "offset": 0, "limit": 10}),
    )
    .unwrap();
    let headlines: Vec<&str> =
        economy["articles"].as_array().unwrap().iter().map(|a| a["headline"].as_str().unwrap()).collect();
    assert_eq!(headlines.len(), 2, "the sample is in the same section: {headlines:?}");
    assert!(
        headlines[0].starts_with("Вопросы") && headlines[1] == "Мост через Амур",
        "by headline, В before М"
    );
    let sections = call(&shell, "section_list", json!({})).unwrap();
    assert_eq!(sections, json!([{"name": "Экономика", "count": 2}]));

    // The labelled revision against the article now, word by word.
    let revisions = call(&shell, "revision_list", json!({"id": id})).unwrap();
    assert!(revisions.as_array().unwrap().iter().any(|r| r["label"] == "на правку"));
    let diff = call(&shell, "revision_diff", json!({"id": id, "old": first, "new": null})).unwrap();
    let body = diff.as_array().unwrap().iter().find(|d| d["field"] == "body").expect("the body changed");
    assert!(
        body["spans"].as_array().unwrap().contains(&json!({"kind": "added", "text": " к осени"})),
        "{body}"
    );
    assert!(diff.as_array().unwrap().iter().any(|d| d["field"] == "status"));

    // A tag renamed in the manager, and one added by a drop on the sidebar.
    call(&shell, "tag_rename", json!({"from": "Энергетика", "to": "Энергетика/Мосты"})).unwrap();
    let tagged = call(&shell, "article_tag", json!({"id": id, "add": ["Амур"], "remove": []})).unwrap();
    assert_eq!(tagged["tags"], json!(["Энергетика/Мосты", "Амур"]));

    // The section's headline limit from the settings applies to the inspection.
    let mut settings = call(&shell, "settings_get", json!({})).unwrap()["settings"].clone();
    settings["sections"] = json!([{"section": "Экономика", "headline_chars": 10, "target_chars": 2000}]);
    settings["ui_language"] = json!("en");
    let saved = call(&shell, "settings_set", json!({"settings": settings})).unwrap();
    assert_eq!(saved["ui_language"], "en");
    let inspection = call(&shell, "article_inspect", json!({"fields": tagged})).unwrap();
    assert_eq!(inspection["limits"], json!({"headline_chars": 10, "target_chars": 2000}));
    assert!(inspection["problems"].as_array().unwrap().iter().any(|p| p["code"] == "headline_too_long"));
    assert_eq!(inspection["stats"]["headline"]["chars_with_spaces"], 15);
    let view = call(&shell, "settings_get", json!({})).unwrap();
    let file = std::fs::read_to_string(view["path"].as_str().unwrap()).unwrap();
    assert!(file.contains("\"headline_chars\": 10"), "the settings are in the file: {file}");
}

#[test]
fn errors_come_back_with_a_code_the_ui_can_branch_on() {
    let shell = shell();
    let err = call(&shell, "article_get", json!({"id": "no-such-article"})).unwrap_err();
    assert_eq!(err["code"], "bad_input");
    assert!(err["message"].as_str().unwrap().contains("no article"), "{err}");
}

#[test]
fn hostile_markdown_in_the_preview_comes_back_inert() {
    let shell = shell();
    let markdown = "<script>window.__TAURI_INTERNALS__.invoke('article_create', {headline: 'pwned'})</script>\n\n\
                    <img src=x onerror=\"window.__TAURI__.core.invoke('article_create')\">\n\n[x](javascript:alert(1))";
    let mut article =
        call(&shell, "article_list", json!({"view": {}, "offset": 0, "limit": 1})).unwrap()["articles"][0]
            .clone();
    let id = article["id"].as_str().unwrap().to_owned();
    article = call(&shell, "article_get", json!({"id": id})).unwrap();
    article["body"] = json!(markdown);
    let preview = call(&shell, "article_preview", json!({"article": article})).unwrap();
    let html = preview["html"].as_str().unwrap();
    let body = &html[html.find("<div class=\"body\">").unwrap()..];
    assert!(
        !body.contains("<script") && !body.contains("onerror") && !body.contains("javascript:"),
        "{body}"
    );
    assert_eq!(html.matches("<script").count(), 1, "only the JSON-LD");
    assert_eq!(preview["warnings"].as_array().unwrap().len(), 2);
}

#[test]
fn a_page_from_elsewhere_cannot_call_galleys_commands() {
    let shell = shell();
    for origin in ["https://evil.example", "http://localhost:8080", "about:srcdoc"] {
        let refused = call_from(&shell, origin, "article_create", json!({"headline": "pwned"}));
        assert!(refused.is_err(), "{origin} was let through");
    }
    let list = call(&shell, "article_list", json!({"view": {}, "offset": 0, "limit": 50})).unwrap();
    assert_eq!(list["total"], 1, "nothing was created");
}

#[test]
fn the_csp_and_capability_stay_strict() {
    let config: Value = serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
    let csp = &config["app"]["security"]["csp"];
    assert_eq!(csp["script-src"], "'self'", "no inline or eval'd script");
    assert_eq!(csp["object-src"], "'none'");
    assert_eq!(csp["base-uri"], "'none'");
    assert!(!csp.to_string().contains("unsafe-eval"));
    let capability: Value = serde_json::from_str(include_str!("../../capabilities/default.json")).unwrap();
    let permissions: Vec<&str> =
        capability["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    // Galley's own commands, and listening for the shell's events; no plugin permission at all:
    // the dialog, clipboard and opener are driven from Rust commands.
    let commands: Vec<String> = include_str!("../../build.rs")
        .lines()
        .filter_map(|line| line.trim().strip_prefix('"')?.strip_suffix("\",").map(str::to_owned))
        .collect();
    assert!(commands.len() > 10, "{commands:?}");
    for permission in &permissions {
        let own =
            permission.strip_prefix("allow-").is_some_and(|name| commands.contains(&name.replace('-', "_")));
        let events = ["core:event:allow-listen", "core:event:allow-unlisten"].contains(permission);
        assert!(own || events, "{permission} is more than the app needs");
    }
}

#[test]
fn a_window_can_list_and_restore_revisions() {
    let shell = shell();
    let created = call(&shell, "article_create", json!({"headline": "Первая версия"})).unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    let mut fields = created.clone();
    fields["headline"] = json!("Вторая версия");
    fields["body"] = json!("Совсем другой текст.");
    call(&shell, "article_autosave", json!({"id": id, "fields": fields})).unwrap();
    let revisions = call(&shell, "revision_list", json!({"id": id})).unwrap();
    let numbers: Vec<u64> =
        revisions.as_array().unwrap().iter().map(|r| r["number"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [2, 1], "newest first");
    let restored = call(&shell, "revision_restore", json!({"id": id, "number": 1})).unwrap();
    assert_eq!(restored["headline"], "Первая версия");
    assert_eq!(restored["revision"], 3, "a restore is a new revision: nothing after it is lost");
}

#[test]
fn links_the_shell_refuses_to_open_and_templates_it_offers() {
    let shell = shell();
    for url in ["javascript:alert(1)", "file:///etc/passwd", "tauri://localhost/index.html"] {
        let err = call(&shell, "link_open", json!({"url": url})).unwrap_err();
        assert_eq!(err["code"], "bad_input", "{url}");
    }
    assert_eq!(call(&shell, "template_list", json!({})).unwrap(), json!([]));
    let config = call(&shell, "app_config", json!({})).unwrap();
    assert_eq!(config["trace"], false);
    assert!(config["store"].as_str().unwrap().ends_with("store.sqlite3"));
}

#[test]
fn a_store_in_the_settings_that_cannot_open_leaves_the_default_open_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "заметки, а не хранилище\n".repeat(100)).unwrap();
    let settings = dir.path().join("settings.json");
    std::fs::write(&settings, serde_json::json!({ "store": notes }).to_string()).unwrap();
    let default = dir.path().join("default.sqlite3");
    let state = AppState::open_configured(None, Some(settings), Some(default.clone())).unwrap();
    assert_eq!(state.library.path(), default.as_path());
    let problem = state.settings_problem.expect("the user is told");
    assert!(problem.contains("notes.txt") && problem.contains("default store"), "{problem}");
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "заметки, а не хранилище\n".repeat(100),
        "left untouched"
    );

    // A store given by the environment (or the command line) wins over the settings.
    let given = dir.path().join("given.sqlite3");
    let state = AppState::open_configured(Some(given.clone()), None, Some(default)).unwrap();
    assert_eq!(state.library.path(), given.as_path());
    assert!(state.settings_problem.is_none());
}

#[test]
fn a_close_stands_until_the_page_keeps_the_window_open() {
    let dir = tempfile::tempdir().unwrap();
    let state =
        AppState::open(&dir.path().join("store.sqlite3"), Some(dir.path().join("settings.json"))).unwrap();
    let first = state.close_request();
    assert!(state.close_still_wanted(first));
    state.keep_open();
    assert!(!state.close_still_wanted(first), "a failed save keeps the window open");
    let second = state.close_request();
    assert!(state.close_still_wanted(second) && !state.close_still_wanted(first));
}
