//! `galley-cli sync`: a folder kept in step, from a script's point of view.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::Galley;

fn md_files(folder: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    names
}

#[test]
fn once_links_the_folder_writes_every_article_and_reports_as_json_lines() {
    let g = Galley::new();
    let folder = g.dir.path().join("статьи");
    let run = g.run(&["sync", folder.to_str().unwrap(), "--once", "--json"]).ok();
    let lines: Vec<serde_json::Value> =
        run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1, "{run:?}");
    assert_eq!(lines[0]["event"], "wrote");
    assert_eq!(lines[0]["id"], g.sample_id().as_str());
    let name = lines[0]["path"].as_str().unwrap();
    assert_eq!(md_files(&folder), [name]);

    // Once linked, a command that changes an article writes its file too (stdout stays its own).
    let edit = g.run(&["edit", &g.sample_id(), "--dek", "Подзаголовок из скрипта", "--json"]).ok();
    assert!(edit.json()["id"].is_string(), "{edit:?}");
    assert!(edit.stderr.contains("wrote"), "{edit:?}");
    let text = std::fs::read_to_string(folder.join(name)).unwrap();
    assert!(text.contains("dek: Подзаголовок из скрипта"), "{text}");

    let again = g.run(&["sync", "--once"]).ok();
    assert_eq!(again.stdout, "", "nothing left to do");
}

#[test]
fn a_conflict_is_printed_listed_and_settled_by_choice() {
    let g = Galley::new();
    let folder = g.dir.path().join("folder");
    g.run(&["sync", folder.to_str().unwrap(), "--once"]).ok();
    let name = md_files(&folder).remove(0);
    let id = g.sample_id();
    let file = folder.join(&name);
    let text = std::fs::read_to_string(&file).unwrap().replacen("---\n", "---\ndek: Версия файла\n", 1);
    std::fs::write(&file, &text).unwrap();
    // Changed in Galley before any sync read the file: the edit's own write finds the conflict.
    let edit = g.run(&["edit", &id, "--dek", "Версия Galley"]).ok();
    assert!(edit.stderr.contains("CONFLICT"), "{edit:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text, "the file is left alone");

    let run = g.run(&["sync", "--once"]);
    assert_eq!(run.code, 1, "a conflict waits for the user: {run:?}");
    assert!(run.stderr.contains("1 conflict"), "{run:?}");

    let listed = g.run(&["sync", "--conflicts", "--json"]).ok().json();
    assert_eq!(listed[0]["id"], id.as_str());
    let revision = listed[0]["revision"].as_u64().unwrap();
    let kept = g.run(&["show", &id, "--json"]).ok().json();
    assert_eq!(kept["dek"], "Версия Galley");
    let revisions = g.run(&["revisions", &id, "--json"]).ok().json();
    assert!(
        revisions.as_array().unwrap().iter().any(|r| r["number"] == revision && r["reason"] == "conflict")
    );

    let resolved = g.run(&["sync", "--resolve", &id, "--keep", "file"]).ok();
    assert!(resolved.stdout.contains("resolved"), "{resolved:?}");
    assert_eq!(g.run(&["show", &id, "--json"]).ok().json()["dek"], "Версия файла");
    assert_eq!(g.run(&["sync", "--conflicts", "--json"]).ok().json(), serde_json::json!([]));
}

/// `galley-cli sync` running in the background, and the lines it prints.
struct Running {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Running {
    fn start(g: &Galley, args: &[&str]) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_galley-cli"))
            .arg("--store")
            .arg(g.store())
            .arg("sync")
            .args(args)
            .env_remove("GALLEY_STORE")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (tx, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if tx.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        Running { child, lines, seen: Vec::new() }
    }

    /// Waits for a line starting with `prefix`.
    fn wait_for_line(&mut self, prefix: &str) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(20))
                .unwrap_or_else(|_| panic!("no line starting with {prefix:?}; saw {:?}", self.seen));
            self.seen.push(line.clone());
            if line.starts_with(prefix) {
                return line;
            }
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn sync_follows_the_folder_until_stopped() {
    let g = Galley::new();
    let folder = g.dir.path().join("folder");
    let mut sync = Running::start(&g, &[folder.to_str().unwrap()]);
    assert!(sync.wait_for_line("following").contains("folder"));
    sync.wait_for_line("wrote");
    std::fs::write(folder.join("из-vim.md"), "# Написано в Vim\n\nТекст.\n").unwrap();
    let created = sync.wait_for_line("new");
    assert!(created.contains("из-vim.md") && created.contains("«Написано в Vim»"), "{created}");
}

/// `sync --poll` (what network shares get) takes an edit made as soon as it starts, also one in
/// the same tick of the file system's clock as the file's last write: here its time is set back
/// to that write's, as a file system keeping whole seconds would leave it.
#[test]
fn sync_poll_takes_an_edit_made_as_it_starts() {
    let g = Galley::new();
    let folder = g.dir.path().join("folder");
    g.run(&["sync", folder.to_str().unwrap(), "--once"]).ok();
    let name = md_files(&folder).remove(0);
    let file = folder.join(&name);
    let written = std::fs::metadata(&file).unwrap().modified().unwrap();
    let mut sync = Running::start(&g, &["--poll"]);
    assert!(sync.wait_for_line("following").contains("by polling"));
    let text = std::fs::read_to_string(&file).unwrap() + "\nДописано сразу после запуска.\n";
    std::fs::write(&file, text).unwrap();
    std::fs::File::options().write(true).open(&file).unwrap().set_modified(written).unwrap();
    let updated = sync.wait_for_line("updated");
    assert!(updated.contains(&name), "{updated}");
    let slug = name.trim_end_matches(".md");
    assert!(
        g.run(&["show", slug, "--json"]).ok().json()["body"]
            .as_str()
            .unwrap()
            .contains("сразу после запуска")
    );
}

#[test]
fn names_and_headlines_from_a_shared_folder_cannot_act_on_the_terminal() {
    // An escape sequence in a file name and one a headline spells in YAML: they clear the screen,
    // retitle the window and ring the bell when printed as they are.
    let galley = Galley::new();
    let folder = galley.dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("\u{1b}[2Jname.md"), "# Заметка\n\nТекст.\n").unwrap();
    std::fs::write(folder.join("b.md"), "---\nheadline: \"X\\e]0;pwned\\aY\"\n---\nТекст.\n").unwrap();
    galley.run(&["new", "--headline", "Из\u{1b}[31mтерминала\u{9b}0m"]).ok();

    let synced = galley.run(&["sync", folder.to_str().unwrap(), "--once"]);
    let listed = galley.run(&["list"]).ok();
    let searched = galley.run(&["search", "терминала"]).ok();
    for output in [&synced.stdout, &synced.stderr, &listed.stdout, &listed.stderr, &searched.stdout] {
        assert!(
            !output.contains(['\u{1b}', '\u{7}', '\u{9b}']),
            "a control character reached the terminal: {output:?}"
        );
    }
    assert!(synced.stdout.contains("\\x1b[2Jname.md"), "the name is shown, escaped: {synced:?}");
    assert!(listed.stdout.contains("Из\\x1b[31mтерминала\\x9b0m"), "{listed:?}");
    assert!(listed.stdout.contains("X]0;pwnedY"), "the front matter's were removed on import: {listed:?}");
    let json = galley.run(&["list", "--json"]).ok();
    assert!(!json.stdout.contains('\u{9b}') && json.stdout.contains("\\u009b"), "{json:?}");
    let headlines =
        json.json().as_array().unwrap().iter().map(|a| a["headline"].to_string()).collect::<String>();
    assert!(headlines.contains('\u{9b}'), "JSON keeps the headline exact: {headlines}");
}

/// Issue 15: before linking a Hugo site, a script (or a person) can see what would change.
#[test]
fn plan_says_what_linking_would_change_and_writes_nothing() {
    let g = Galley::new();
    let folder = g.dir.path().join("site");
    std::fs::create_dir(&folder).unwrap();
    let post = "---\ntitle: Post\ndraft: true\n---\nBody\n";
    std::fs::write(folder.join("post.md"), post).unwrap();
    let run = g.run(&["sync", folder.to_str().unwrap(), "--plan"]).ok();
    assert!(run.stdout.contains("id line added\tpost.md"), "{run:?}");
    assert!(run.stdout.contains("1 articles of the store become new files"), "{run:?}");
    let json = g.run(&["sync", folder.to_str().unwrap(), "--plan", "--json"]).ok().json();
    assert_eq!(json["id_added"], serde_json::json!(["post.md"]));
    assert_eq!(std::fs::read_to_string(folder.join("post.md")).unwrap(), post, "nothing written");
    assert_eq!(md_files(&folder), ["post.md"]);
    let unlinked = g.run(&["sync", "--once"]);
    assert_eq!(unlinked.code, 1, "the plan linked nothing: {unlinked:?}");
}
