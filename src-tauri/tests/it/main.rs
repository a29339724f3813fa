//! The shell's commands through Tauri's IPC on the mock runtime, against a real store.

use galley_desktop::AppState;
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};

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
    let answer =
        call(&shell, "article_autosave", json!({"id": id, "basedOn": created["revision"], "fields": fields}))
            .unwrap();
    assert_eq!(answer["saved_over"], Value::Null, "nothing changed the article elsewhere");
    let saved = answer["article"].clone();
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
    call(&shell, "article_autosave", json!({"id": id, "basedOn": created["revision"], "fields": fields}))
        .unwrap();
    let labelled = call(&shell, "revision_save", json!({"id": id, "label": "на правку"})).unwrap();
    let first = labelled["revision"].as_u64().unwrap();
    fields["body"] = json!("Мэр сказал: мост построят к осени.");
    call(&shell, "article_autosave", json!({"id": id, "basedOn": first, "fields": fields})).unwrap();

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

/// The directives of the app's CSP, each as its list of sources.
fn csp_directives(config: &Value) -> Vec<(String, Vec<String>)> {
    let csp = &config["app"]["security"]["csp"];
    match csp {
        Value::Object(map) => map
            .iter()
            .map(|(name, sources)| {
                let sources = sources.as_str().expect("a directive's sources are a string");
                (name.clone(), sources.split_whitespace().map(str::to_owned).collect())
            })
            .collect(),
        Value::String(text) => text
            .split(';')
            .filter_map(|directive| {
                let mut words = directive.split_whitespace().map(str::to_owned);
                Some((words.next()?, words.collect()))
            })
            .collect(),
        other => panic!("the app has no CSP: {other}"),
    }
}

#[test]
fn the_csp_and_capability_stay_strict() {
    let config: Value = serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
    let directives = csp_directives(&config);
    let sources = |name: &str| -> Vec<String> {
        directives.iter().find(|(n, _)| n == name).map(|(_, s)| s.clone()).unwrap_or_default()
    };
    assert_eq!(sources("script-src"), ["'self'"], "no inline, eval'd or remote script");
    assert_eq!(sources("object-src"), ["'none'"]);
    assert_eq!(sources("base-uri"), ["'none'"]);
    assert_eq!(sources("form-action"), ["'none'"]);
    assert_eq!(sources("default-src"), ["'self'"]);
    assert_eq!(sources("frame-src"), ["'self'"], "the preview's srcdoc frame and nothing from elsewhere");
    for (name, list) in &directives {
        for source in list {
            assert!(
                !matches!(source.as_str(), "'unsafe-eval'" | "'wasm-unsafe-eval'" | "'unsafe-hashes'" | "*")
                    && !source.contains("unsafe-eval"),
                "{name} allows {source}"
            );
            // Inline style is allowed (the preview's table alignment, the theme); inline script never.
            assert!(
                source != "'unsafe-inline'" || name == "style-src",
                "{name} allows inline code: only style-src may"
            );
            // Nothing may load from the web: the app is offline-first and its pages are its own.
            let remote =
                source.starts_with("http:") || source.starts_with("https:") || source.starts_with("ws");
            assert!(
                !remote || (name == "connect-src" && source == "http://ipc.localhost"),
                "{name} lets the app load from {source}"
            );
        }
        assert!(
            !matches!(name.as_str(), "script-src-elem" | "script-src-attr" | "worker-src"),
            "{name} would loosen script-src"
        );
    }
    let security = &config["app"]["security"];
    assert_eq!(security["freezePrototype"], true);
    assert!(
        security.get("dangerousDisableAssetCspModification").is_none_or(|v| v == false),
        "Tauri's CSP nonces and hashes stay on"
    );
    assert!(security.get("assetProtocol").is_none_or(|p| p["enable"] != true), "no asset protocol");
    assert!(
        config["app"].get("withGlobalTauri").is_none_or(|v| v == false),
        "no window.__TAURI__ global for a payload to find"
    );

    // Galley's own commands, and listening for the shell's events; no plugin permission at all:
    // the dialog, clipboard and opener are driven from Rust commands.
    let commands: Vec<String> = include_str!("../../build.rs")
        .lines()
        .filter_map(|line| line.trim().strip_prefix('"')?.strip_suffix("\",").map(str::to_owned))
        .collect();
    assert!(commands.len() > 10, "{commands:?}");
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    let mut files: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|entry| entry.unwrap().path()).collect();
    files.sort();
    assert_eq!(
        files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect::<Vec<_>>(),
        ["default.json"],
        "one capability, the main window's: a new file would grant more"
    );
    for file in &files {
        let capability: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let name = file.display();
        assert_eq!(capability["windows"], json!(["main"]), "{name}: only the main window");
        assert!(capability.get("webviews").is_none(), "{name}: no webview grants");
        assert!(capability.get("remote").is_none(), "{name}: no page from elsewhere may call commands");
        assert!(
            capability.get("platforms").is_none_or(|p| p.is_array()),
            "{name}: platforms, if named, are a list"
        );
        for permission in capability["permissions"].as_array().unwrap() {
            // A permission with a scope is an object naming it; Galley grants none.
            let permission =
                permission.as_str().unwrap_or_else(|| panic!("{name}: a scoped permission: {permission}"));
            let own = permission
                .strip_prefix("allow-")
                .is_some_and(|name| commands.contains(&name.replace('-', "_")));
            let events = ["core:event:allow-listen", "core:event:allow-unlisten"].contains(&permission);
            assert!(own || events, "{name}: {permission} is more than the app needs");
        }
    }
}

/// The link targets the published payloads carry: Markdown destinations, reference definitions,
/// autolinks and URL attributes, each also with its character references decoded (as a browser
/// reads an attribute), plus a related link's whole text.
fn payload_urls() -> Vec<String> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/hostile/payloads.json"))
            .expect("tests/hostile/payloads.json");
    let payloads: Vec<Value> = serde_json::from_str(&text).unwrap();
    let mut urls = Vec::new();
    let mut push = |url: &str| {
        let url = url.trim_matches(|c| c == '"' || c == '\'' || c == '<' || c == '>');
        if !url.is_empty() {
            urls.push(url.to_owned());
            urls.push(decode_references(url));
        }
    };
    for payload in &payloads {
        let text = payload["payload"].as_str().unwrap();
        if payload["vector"] == "related" {
            push(text);
        }
        // [text](destination), and ![alt](destination)
        for (i, _) in text.match_indices("](") {
            let rest = text[i + 2..].trim_start();
            let end = rest.find([')', ' ', '\n']).unwrap_or(rest.len());
            push(&rest[..end]);
        }
        // [label]: destination
        for line in text.lines() {
            if let Some((_, rest)) = line.trim_start().strip_prefix('[').and_then(|l| l.split_once("]:")) {
                push(rest.split_whitespace().next().unwrap_or(""));
            }
        }
        // <scheme:…> autolinks
        for (i, _) in text.match_indices('<') {
            let rest = &text[i + 1..];
            let end = rest.find(['>', ' ', '\n']).unwrap_or(rest.len());
            let candidate = &rest[..end];
            if candidate.split_once(':').is_some_and(|(s, _)| {
                !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            }) {
                push(candidate);
            }
        }
        // href=…, src=…, action=…, formaction=…, data=…, background=…
        for attribute in ["href=", "src=", "action=", "data=", "background="] {
            for (i, _) in text.match_indices(attribute) {
                let rest = &text[i + attribute.len()..];
                let (quote, rest) = match rest.chars().next() {
                    Some(q @ ('"' | '\'')) => (Some(q), &rest[1..]),
                    _ => (None, rest),
                };
                let end = match quote {
                    Some(q) => rest.find(q),
                    None => rest.find([' ', '>', '\n']),
                }
                .unwrap_or(rest.len());
                push(&rest[..end]);
            }
        }
    }
    urls.sort();
    urls.dedup();
    urls
}

/// `&#106;`, `&#x6A;`, `&#58` (no semicolon), `&colon;` and `&Tab;` as a browser reads them.
fn decode_references(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let named =
            [("&colon;", ':'), ("&Tab;", '\t'), ("&NewLine;", '\n'), ("&lpar;", '('), ("&rpar;", ')')];
        if let Some((name, c)) = named.iter().find(|(name, _)| rest.starts_with(name)) {
            out.push(*c);
            rest = &rest[name.len()..];
            continue;
        }
        let (radix, digits_from) = match rest.get(..3) {
            Some("&#x" | "&#X") => (16, 3),
            _ if rest.starts_with("&#") => (10, 2),
            _ => {
                out.push('&');
                rest = &rest[1..];
                continue;
            }
        };
        let digits: String = rest[digits_from..].chars().take_while(|c| c.is_digit(radix)).collect();
        match u32::from_str_radix(&digits, radix).ok().and_then(char::from_u32) {
            Some(c) if !digits.is_empty() => {
                out.push(c);
                rest = &rest[digits_from + digits.len()..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn links_the_shell_refuses_to_open_and_templates_it_offers() {
    let shell = shell();
    let mut refused = vec![
        "javascript:alert(1)".to_owned(),
        " JavaScript:alert(1)".to_owned(),
        "java\tscript:alert(1)".to_owned(),
        "\u{1}javascript:alert(1)".to_owned(),
        "vbscript:msgbox(1)".to_owned(),
        "data:text/html,<script>alert(1)</script>".to_owned(),
        "file:///etc/passwd".to_owned(),
        "FILE:///C:/Windows/System32/calc.exe".to_owned(),
        "file://server/share/payload.exe".to_owned(),
        "smb://example.invalid/share/payload.exe".to_owned(),
        "\\\\example.invalid\\share\\payload.exe".to_owned(),
        "obsidian://open?vault=Notes&file=x".to_owned(),
        "joplin://x-callback-url/openNote?id=1".to_owned(),
        "joplin-content://note-viewer/etc/passwd".to_owned(),
        "typora://app/exec".to_owned(),
        "ms-settings:".to_owned(),
        "ms-msdt:/id PCWDiagnostic".to_owned(),
        "search-ms:query=x".to_owned(),
        "vscode://file/etc/passwd".to_owned(),
        "tauri://localhost/index.html".to_owned(),
        "ipc://localhost/article_create".to_owned(),
        "//example.invalid/x".to_owned(),
        "./update.js".to_owned(),
        "https://example.com/\nline".to_owned(),
        String::new(),
    ];
    let from_payloads = payload_urls();
    assert!(from_payloads.len() > 40, "{from_payloads:?}");
    let mut openable = 0;
    for url in from_payloads {
        if galley_desktop::is_openable(&url) {
            // Only web and mail links may go to the browser (after the user says yes).
            let lower = url.trim_start().to_ascii_lowercase();
            assert!(
                ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s)),
                "the opener would take {url:?}"
            );
            openable += 1;
        } else {
            refused.push(url);
        }
    }
    assert!(openable > 0 && refused.len() > 60, "{openable} openable, {} refused", refused.len());
    for url in &refused {
        assert!(!galley_desktop::is_openable(url), "{url:?}");
        let err = call(&shell, "link_open", json!({ "url": url })).unwrap_err();
        assert_eq!(err["code"], "bad_input", "{url:?}");
        // Nor may any of them load in the app's window.
        if let Ok(parsed) = url.trim().parse::<tauri::Url>() {
            let own_page = parsed.scheme() == "tauri" && parsed.host_str() == Some("localhost");
            assert!(own_page || !galley_desktop::is_app_url(&parsed), "{url:?} would load in the window");
        }
    }
    println!(
        "link targets: {} refused by the opener through IPC, {openable} web or mail links from payloads",
        refused.len()
    );
    assert_eq!(call(&shell, "template_list", json!({})).unwrap(), json!([]));
    let config = call(&shell, "app_config", json!({})).unwrap();
    assert_eq!(config["trace"], false);
    assert!(config["store"].as_str().unwrap().ends_with("store.sqlite3"));
}

#[test]
fn a_window_can_list_and_restore_revisions() {
    let shell = shell();
    let created = call(&shell, "article_create", json!({"headline": "Первая версия"})).unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    let mut fields = created.clone();
    fields["headline"] = json!("Вторая версия");
    fields["body"] = json!("Совсем другой текст.");
    call(&shell, "article_autosave", json!({"id": id, "basedOn": created["revision"], "fields": fields}))
        .unwrap();
    let revisions = call(&shell, "revision_list", json!({"id": id})).unwrap();
    let numbers: Vec<u64> =
        revisions.as_array().unwrap().iter().map(|r| r["number"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [2, 1], "newest first");
    let restored = call(&shell, "revision_restore", json!({"id": id, "number": 1})).unwrap();
    assert_eq!(restored["headline"], "Первая версия");
    assert_eq!(restored["revision"], 3, "a restore is a new revision: nothing after it is lost");
}

/// Makes the store at `path` read as one from a newer Galley: `user_version` (bytes 60–63 of
/// the header) set to 99.
fn mark_from_newer_galley(path: &std::path::Path) {
    use std::io::{Seek, SeekFrom, Write};
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(60)).unwrap();
    file.write_all(&99u32.to_be_bytes()).unwrap();
}

/// Makes the store at `path` too damaged to open: its header, on the first page, zeroed after
/// SQLite's signature (which tells a damaged store from a file that never was one).
fn damage_first_page(path: &std::path::Path) {
    use std::io::{Seek, SeekFrom, Write};
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(16)).unwrap();
    file.write_all(&[0; 84]).unwrap();
}

#[test]
fn a_store_in_the_settings_that_cannot_open_leaves_the_default_open_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("newer.sqlite3");
    drop(galley_core::Library::open(&newer).unwrap());
    mark_from_newer_galley(&newer);
    let before = std::fs::read(&newer).unwrap();
    let settings = dir.path().join("settings.json");
    std::fs::write(&settings, serde_json::json!({ "store": newer }).to_string()).unwrap();
    let default = dir.path().join("default.sqlite3");
    let state = AppState::open_configured(None, Some(settings), Some(default.clone())).ok().unwrap();
    assert_eq!(state.library.path(), default.as_path());
    let problem = state.settings_problem.expect("the user is told");
    assert!(problem.contains("newer.sqlite3") && problem.contains("default store"), "{problem}");
    assert_eq!(std::fs::read(&newer).unwrap(), before, "left untouched");

    // A file that never was a store (nothing of SQLite's in it, no backups of it): the same.
    let notes = dir.path().join("notes.db");
    std::fs::write(&notes, "заметки, а не хранилище\n".repeat(100)).unwrap();
    let settings = dir.path().join("settings-notes.json");
    std::fs::write(&settings, serde_json::json!({ "store": notes }).to_string()).unwrap();
    let state = AppState::open_configured(None, Some(settings), Some(default.clone())).ok().unwrap();
    assert_eq!(state.library.path(), default.as_path());
    let problem = state.settings_problem.expect("the user is told");
    assert!(problem.contains("notes.db") && problem.contains("not a Galley store"), "{problem}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "заметки, а не хранилище\n".repeat(100));

    // A store given by the environment (or the command line) wins over the settings.
    let given = dir.path().join("given.sqlite3");
    let state = AppState::open_configured(Some(given.clone()), None, Some(default)).ok().unwrap();
    assert_eq!(state.library.path(), given.as_path());
    assert!(state.settings_problem.is_none());
}

#[test]
fn a_store_chosen_in_the_settings_that_is_gone_is_not_made_anew() {
    // Its drive unplugged: the mount point is an empty folder. A store made there would take the
    // journalist's words onto another disk, hidden again once the drive is back.
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("drive");
    std::fs::create_dir(&mount).unwrap();
    let chosen = mount.join("desk.sqlite3");
    let settings = dir.path().join("settings.json");
    std::fs::write(&settings, serde_json::json!({ "store": chosen }).to_string()).unwrap();
    let default = dir.path().join("default.sqlite3");
    let state = AppState::open_configured(None, Some(settings), Some(default.clone())).ok().unwrap();
    assert_eq!(state.library.path(), default.as_path());
    let problem = state.settings_problem.expect("the user is told");
    assert!(problem.contains("desk.sqlite3") && problem.contains("is not there"), "{problem}");
    assert_eq!(std::fs::read_dir(&mount).unwrap().count(), 0, "nothing is made where the drive was");
}

fn fields(headline: &str) -> galley_model::ArticleFields {
    galley_model::ArticleFields { headline: headline.into(), ..Default::default() }
}

/// The app started on a store that would not open: the rescue page's commands, on the mock runtime.
fn rescue_shell(dir: tempfile::TempDir, failure: galley_desktop::OpenFailure) -> Shell {
    let app = galley_desktop::with_rescue(mock_builder(), failure)
        .build(tauri::generate_context!(test = true))
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    Shell { _dir: dir, _app: app, window }
}

#[test]
fn a_store_too_damaged_to_open_starts_on_the_newest_good_backup_and_then_the_desk() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite3");
    let library = galley_core::Library::open(&store).unwrap();
    let kept = library.create(fields("В копии")).unwrap();
    let backup = library.backup(galley_core::BackupKind::Manual, None).unwrap();
    library.create(fields("После копии")).unwrap();
    drop(library);
    damage_first_page(&store);
    let damaged = std::fs::read(&store).unwrap();

    let failure =
        AppState::open_configured(Some(store.clone()), None, Some(dir.path().join("default.sqlite3")))
            .err()
            .expect("the store does not open");
    assert!(failure.damaged, "{}", failure.problem);
    assert!(failure.problem.contains("cannot be read"), "{}", failure.problem);
    let shell = rescue_shell(dir, *failure);

    let status = call(&shell, "rescue_status", json!({})).unwrap();
    assert_eq!(status["damaged"], true);
    assert_eq!(status["desk_open"], false);
    assert_eq!(status["store"], store.display().to_string());
    assert_eq!(status["can_open_default"], false, "the store was not chosen in the settings");
    let elsewhere = dir_of(&shell).join("elsewhere.sqlite3");
    std::fs::copy(&backup.path, &elsewhere).unwrap();
    let refused = call(&shell, "rescue_restore", json!({ "path": elsewhere })).unwrap_err();
    assert!(refused["message"].as_str().unwrap().contains("not offered"), "{refused}");
    assert_eq!(std::fs::read(&store).unwrap(), damaged, "a path the page made up changes nothing");
    let offer = call(&shell, "rescue_offer", json!({})).unwrap();
    assert_eq!(offer["backup"]["path"], backup.path.display().to_string());
    assert_eq!(offer["lost"], Value::Null, "what it lacks cannot be read");
    assert!(
        call(&shell, "article_list", json!({ "view": {}, "offset": 0, "limit": 10 })).is_err(),
        "no desk yet"
    );

    let restored = call(&shell, "rescue_restore", json!({ "path": backup.path })).unwrap();
    assert_eq!(restored["safety_backup"]["kind"], "damaged");
    let copy = restored["safety_backup"]["path"].as_str().unwrap();
    assert_eq!(std::fs::read(copy).unwrap(), damaged, "the damaged file is kept byte for byte");
    let listed = call(&shell, "article_list", json!({ "view": {}, "offset": 0, "limit": 10 })).unwrap();
    let headlines: Vec<&str> =
        listed["articles"].as_array().unwrap().iter().map(|a| a["headline"].as_str().unwrap()).collect();
    assert!(headlines.contains(&"В копии") && !headlines.contains(&"После копии"), "{headlines:?}");
    let article = call(&shell, "article_get", json!({ "id": kept.id })).unwrap();
    assert_eq!(article["headline"], "В копии");
    let again = call(&shell, "rescue_restore", json!({ "path": backup.path })).unwrap_err();
    assert!(again["message"].as_str().unwrap().contains("open already"), "{again}");
    assert_eq!(
        call(&shell, "rescue_status", json!({})).unwrap()["desk_open"],
        true,
        "a reload goes to the desk"
    );
}

#[test]
fn a_damaged_store_chosen_in_the_settings_is_offered_before_the_default_store() {
    let dir = tempfile::tempdir().unwrap();
    let chosen = dir.path().join("desk.sqlite3");
    drop(galley_core::Library::open(&chosen).unwrap());
    damage_first_page(&chosen);
    let damaged = std::fs::read(&chosen).unwrap();
    let settings = dir.path().join("settings.json");
    std::fs::write(&settings, serde_json::json!({ "store": chosen }).to_string()).unwrap();
    let default = dir.path().join("default.sqlite3");
    let failure = AppState::open_configured(None, Some(settings), Some(default.clone()))
        .err()
        .expect("the journalist's words are in the damaged store: not silently replaced by another");
    assert!(failure.damaged && failure.default_store.as_deref() == Some(default.as_path()));
    assert!(!default.exists(), "nothing opened yet");
    let shell = rescue_shell(dir, *failure);

    let status = call(&shell, "rescue_status", json!({})).unwrap();
    assert_eq!(status["can_open_default"], true);
    assert_eq!(call(&shell, "rescue_offer", json!({})).unwrap(), Value::Null, "it has no backup");
    call(&shell, "rescue_open_default", json!({})).unwrap();
    assert!(default.exists());
    let view = call(&shell, "settings_get", json!({})).unwrap();
    let problem = view["problem"].as_str().unwrap();
    assert!(problem.contains("desk.sqlite3") && problem.contains("default store"), "{problem}");
    call(&shell, "article_list", json!({ "view": {}, "offset": 0, "limit": 10 })).unwrap();
    assert_eq!(std::fs::read(&chosen).unwrap(), damaged, "left as it was");
}

fn dir_of(shell: &Shell) -> std::path::PathBuf {
    shell._dir.path().to_path_buf()
}

#[test]
fn the_page_names_back_only_paths_the_shell_offered_it() {
    let shell = shell();
    let made = call(&shell, "backup_now", json!({})).unwrap();
    let listed = dir_of(&shell).join("copy.sqlite3");
    std::fs::copy(made["path"].as_str().unwrap(), &listed).unwrap();

    // A backup the page never saw (a script in it could name any file) is refused.
    let refused = call(&shell, "backup_restore", json!({ "path": listed })).unwrap_err();
    assert!(refused["message"].as_str().unwrap().contains("not offered"), "{refused}");
    let unlisted = call(&shell, "backup_restore", json!({ "path": made["path"] })).unwrap_err();
    assert!(unlisted["message"].as_str().unwrap().contains("not offered"), "not listed yet: {unlisted}");
    // Once the list showed it, it restores.
    let list = call(&shell, "backup_list", json!({})).unwrap();
    assert!(list["backups"].as_array().unwrap().iter().any(|b| b["path"] == made["path"]));
    call(&shell, "backup_restore", json!({ "path": made["path"] })).unwrap();

    // The settings take a store or templates folder only as set or as picked in the dialog.
    let mut settings = call(&shell, "settings_get", json!({})).unwrap()["settings"].clone();
    settings["store"] = json!(dir_of(&shell).join("elsewhere.sqlite3"));
    let refused = call(&shell, "settings_set", json!({ "settings": settings })).unwrap_err();
    assert!(refused["message"].as_str().unwrap().contains("not offered"), "{refused}");
    settings["store"] = Value::Null;
    settings["templates"] = json!("/etc");
    assert!(call(&shell, "settings_set", json!({ "settings": settings })).is_err());
    settings["templates"] = Value::Null;
    settings["ui_language"] = json!("en");
    assert_eq!(call(&shell, "settings_set", json!({ "settings": settings })).unwrap()["ui_language"], "en");
}

#[test]
fn a_mirror_folder_is_linked_only_once_the_shell_offered_it_with_its_plan() {
    let shell = shell();
    let folder = dir_of(&shell).join("site");
    std::fs::create_dir_all(&folder).unwrap();
    let post = "---\ntitle: Post\ndraft: true\n---\n\nText.\n";
    std::fs::write(folder.join("post.md"), post).unwrap();

    // A folder the page names on its own (a script in it could name any folder) is refused.
    let refused = call(&shell, "mirror_link", json!({ "folder": folder })).unwrap_err();
    assert!(refused["message"].as_str().unwrap().contains("not offered"), "{refused}");
    assert_eq!(std::fs::read_to_string(folder.join("post.md")).unwrap(), post, "nothing written");

    // As `mirror_pick` offers it once the user chose it in the native dialog, with the plan.
    let folder = std::fs::canonicalize(&folder).unwrap();
    shell.window.state::<galley_desktop::OfferedPaths>().offer(folder.clone());
    let status = call(&shell, "mirror_link", json!({ "folder": folder })).unwrap();
    assert_eq!(status["folder"], json!(folder));
    // The follower's first pass writes the id.
    let read = || std::fs::read_to_string(folder.join("post.md")).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !read().starts_with("---\nid: ") && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let linked = read();
    assert!(
        linked.starts_with("---\nid: ") && linked.ends_with("title: Post\ndraft: true\n---\n\nText.\n"),
        "{linked}"
    );
    call(&shell, "mirror_unlink", json!({})).unwrap();
}

#[test]
fn a_store_picked_where_there_is_none_is_made_when_the_settings_are_saved_and_opens_next_time() {
    let shell = shell();
    let new = dir_of(&shell).join("Редакция").join("galley.sqlite3");
    std::fs::create_dir_all(new.parent().unwrap()).unwrap();
    // As the settings dialog's picker would have offered it.
    shell.window.state::<galley_desktop::OfferedPaths>().offer(new.clone());
    let mut settings = call(&shell, "settings_get", json!({})).unwrap()["settings"].clone();
    settings["store"] = json!(new);
    call(&shell, "settings_set", json!({ "settings": settings })).unwrap();
    assert!(new.exists(), "the store is made while the user asks for it");
    let next = AppState::open_configured(
        None,
        Some(dir_of(&shell).join("settings.json")),
        Some(dir_of(&shell).join("default.sqlite3")),
    )
    .unwrap_or_else(|failure| panic!("{}", failure.problem));
    assert_eq!(next.library.path(), new, "the next start opens it, not the default store");
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
