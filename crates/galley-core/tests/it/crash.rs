//! Crash safety: a writer killed with SIGKILL at random moments — while it saves, imports files,
//! exports an article or backs up the store — never corrupts the store, never loses a save or an
//! import it acknowledged, and never leaves an export or a backup that is not whole.
//!
//! The test binary runs itself as the writer (the `writer_child` test, which does nothing unless
//! the environment names a store), so the writer is the real Library in a real process.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use galley_core::model::{ArticleFields, SystemClock, markdown_file};
use galley_core::{BackupKind, ExportFormat, Library, OpenOptions, Selection};

const CHILD_STORE: &str = "GALLEY_CRASH_STORE";
const CHILD_SEED: &str = "GALLEY_CRASH_SEED";
/// Kills in one run; `GALLEY_CRASH_KILLS` sets another number.
const KILLS: u64 = 1_000;

/// The writer: creates an article, then saves it again and again, and now and then imports three
/// files, exports the article or backs up the store, printing `ack` after each returns: `new ID`,
/// `save ID N`, `import ID`, `export PATH ID`, `backup PATH`.
#[test]
fn writer_child() {
    let Ok(store) = std::env::var(CHILD_STORE) else { return };
    let seed: u64 =
        std::env::var(CHILD_SEED).expect("seed is set with the store").parse().expect("seed is a number");
    let mut rng = fastrand::Rng::with_seed(seed);
    let library =
        Library::open_with(Path::new(&store), Arc::new(SystemClock), OpenOptions { seed_sample: false })
            .expect("the writer opens the store");
    let mut current = None;
    for n in 0.. {
        if current.is_none() || rng.u8(..10) == 0 {
            let article = library
                .create(ArticleFields {
                    headline: format!("Статья {seed}-{n}"), ..ArticleFields::default()
                })
                .expect("create");
            println!("ack new {}", article.id);
            current = Some(article.id.to_string());
        }
        let id = current.as_deref().expect("an article was created");
        let filler = "Текст заметки, который журналист набирает и правит. ".repeat(rng.usize(10..150));
        let body = format!("счётчик: {n}\n\n{filler}");
        let mut fields = library.article(id).expect("read").fields;
        fields.body = body;
        library.autosave(id, fields).expect("save");
        println!("ack save {id} {n}");
        match rng.u8(..40) {
            0 => {
                let folder = Path::new(&store).with_file_name(format!("in-{seed}-{n}"));
                std::fs::create_dir_all(&folder).expect("import folder");
                let files: Vec<_> = (0..3)
                    .map(|i| {
                        let path = folder.join(format!("{i}.md"));
                        let text = format!("# Импорт {seed}-{n}-{i}\n\n{}", "Абзац из файла. ".repeat(200));
                        std::fs::write(&path, text).expect("import file");
                        path
                    })
                    .collect();
                for outcome in library.import_files(&files) {
                    println!("ack import {}", outcome.result.expect("import").id);
                }
            }
            1 => {
                let out = Path::new(&store).with_file_name(format!("export-{seed}-{n}.md"));
                let report = library
                    .export(&Selection::Article(id.to_owned()), ExportFormat::Md, &out, None, None, |_, _| {})
                    .expect("export");
                assert_eq!(report.failed(), 0);
                println!("ack export {} {id}", out.display());
            }
            2 => {
                let backup = library.backup(BackupKind::Manual, None).expect("backup");
                println!("ack backup {}", backup.path.display());
            }
            _ => {}
        }
    }
}

#[test]
fn acknowledged_saves_survive_sigkill_and_the_store_stays_sound() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("crash.sqlite3");
    let seed: u64 = std::env::var("GALLEY_TEST_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20261128);
    let mut rng = fastrand::Rng::with_seed(seed);
    let kills: u64 = std::env::var("GALLEY_CRASH_KILLS").ok().and_then(|s| s.parse().ok()).unwrap_or(KILLS);
    // Every article acknowledged, with the last save number acknowledged for it.
    let mut acknowledged: BTreeMap<String, Option<u64>> = BTreeMap::new();
    let mut exports: Vec<(String, String)> = Vec::new();
    let mut backups: Vec<String> = Vec::new();
    let mut checked = std::collections::HashSet::new();
    let mut total_acks = 0;
    let mut others = 0;

    for kill in 0..kills {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "crash::writer_child", "--nocapture", "--test-threads=1"])
            .env(CHILD_STORE, &store)
            .env(CHILD_SEED, (seed + kill).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The random moment of the kill: anywhere from start-up to a few dozen saves in.
        std::thread::sleep(Duration::from_millis(rng.u64(5..80)));
        child.kill().unwrap();
        child.wait().unwrap();
        let mut output = String::new();
        child.stdout.take().unwrap().read_to_string(&mut output).unwrap();
        let mut fresh = std::collections::HashSet::new();

        for line in output.lines() {
            let words: Vec<&str> = line.split(' ').collect();
            match words.as_slice() {
                ["ack", "new", id] => {
                    acknowledged.insert(id.to_string(), None);
                    fresh.insert(id.to_string());
                }
                ["ack", "save", id, n] => {
                    acknowledged.insert(id.to_string(), Some(n.parse().unwrap()));
                    fresh.insert(id.to_string());
                    total_acks += 1;
                }
                ["ack", "import", id] => {
                    acknowledged.entry(id.to_string()).or_insert(None);
                    fresh.insert(id.to_string());
                    others += 1;
                }
                ["ack", "export", path, id] => {
                    exports.push((path.to_string(), id.to_string()));
                    others += 1;
                }
                ["ack", "backup", path] => {
                    backups.push(path.to_string());
                    others += 1;
                }
                _ => {}
            }
        }

        let library = Library::open_with(&store, Arc::new(SystemClock), OpenOptions { seed_sample: false })
            .unwrap_or_else(|e| panic!("kill {kill} (seed {seed}): the store opens again: {e}"));
        assert_eq!(library.integrity_check().unwrap(), Vec::<String>::new(), "kill {kill} (seed {seed})");
        // Every article acknowledged in this round, and a sample of the earlier ones.
        let sample: Vec<(&String, &Option<u64>)> =
            acknowledged.iter().filter(|(id, _)| fresh.contains(*id) || rng.u8(..100) < 5).collect();
        for (id, last) in sample {
            let article = library.article(id).unwrap_or_else(|e| {
                panic!("kill {kill} (seed {seed}): acknowledged article {id} is there: {e}")
            });
            if let Some(last) = last {
                let saved: u64 = article
                    .fields
                    .body
                    .strip_prefix("счётчик: ")
                    .and_then(|rest| rest.split('\n').next())
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("kill {kill}: article {id} has a counter"));
                assert!(
                    saved >= *last,
                    "kill {kill} (seed {seed}): article {id} has save {saved}, {last} was acknowledged"
                );
            }
        }
        // An export or a backup is whole or not there: acknowledged ones are there, whole, and
        // any other file beside them too (a kill mid-write leaves only a temporary file).
        let folder = store.parent().unwrap();
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with("export-") && name.ends_with(".md") && checked.insert(path.clone()) {
                let text = std::fs::read_to_string(&path).unwrap();
                let parsed = markdown_file::parse(&text)
                    .unwrap_or_else(|e| panic!("kill {kill} (seed {seed}): export {name} is whole: {e}"));
                assert!(
                    parsed.draft.fields.body.starts_with("счётчик: "),
                    "kill {kill}: export {name} is whole"
                );
            }
        }
        for (path, id) in &exports {
            let text = std::fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("kill {kill} (seed {seed}): acknowledged export {path}: {e}"));
            assert!(text.contains(&format!("id: {id}")), "kill {kill}: export {path} is the article's");
        }
        for backup in library.backups().unwrap() {
            galley_core::check_backup(&backup.path).unwrap_or_else(|e| {
                panic!("kill {kill} (seed {seed}): backup {} is sound: {e}", backup.path.display())
            });
        }
        for path in &backups {
            assert!(
                Path::new(path).exists(),
                "kill {kill} (seed {seed}): acknowledged backup {path} is there"
            );
        }
    }
    assert!(total_acks > kills, "the writer got to work between kills ({total_acks} saves acknowledged)");
    assert!(others > kills / 10, "imports, exports and backups were killed too ({others} acknowledged)");
    eprintln!("{kills} kills; {total_acks} saves, {others} imports, exports and backups acknowledged");
}
