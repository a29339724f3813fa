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
/// Kills of the writer in one run (`GALLEY_CRASH_KILLS` sets another number); with the kills
/// during schema upgrades, more than 1,000 in all.
const KILLS: u64 = 900;

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

const MIGRATE_STORE: &str = "GALLEY_CRASH_MIGRATE_STORE";
/// Articles in the schema-1 store the migration kills upgrade: enough that the upgrade (which
/// stems every article for the search index) takes a good part of a second.
const MIGRATION_ARTICLES: u64 = 300;
/// Kills during schema upgrades in one run; `GALLEY_CRASH_MIGRATION_KILLS` sets another number.
const MIGRATION_KILLS: u64 = 120;

/// A store as schema 1 wrote it (`galley-store`'s frozen fixture), with `count` generated
/// articles besides the fixture's one; returns the ids and bodies of the generated ones.
fn schema_1_store(path: &Path, count: u64) -> Vec<(String, String)> {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(include_str!("../../../galley-store/tests/data/create_v1.sql")).unwrap();
    let tx = conn.transaction().unwrap();
    let mut corpus = galley_corpus::Corpus::with_count(7, count);
    let mut made = Vec::new();
    for n in 0..count {
        let fields = corpus.article(n).fields;
        let rowid = n as i64 + 2;
        let at = 1_480_000_000_000 + rowid * 60_000;
        let id =
            galley_core::model::ArticleId::new(galley_core::model::Timestamp::from_millisecond(at).unwrap())
                .to_string();
        tx.execute(
            "INSERT INTO articles (rowid, id, slug, headline, dek, lead, byline, dateline, section, language,
                 status, embargo_until, target_chars, note, created_at, updated_at, published_at, revision)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULL, NULL, ?12, ?13, ?13, NULL, 1)",
            rusqlite::params![
                rowid,
                id,
                format!("a-{n}"),
                fields.headline,
                fields.dek,
                fields.lead,
                serde_json::to_string(&fields.byline).unwrap(),
                fields.dateline,
                fields.section,
                fields.language,
                fields.status.as_str(),
                fields.note,
                at
            ],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO bodies (article, body) VALUES (?1, ?2)",
            rusqlite::params![rowid, fields.body],
        )
        .unwrap();
        for (position, tag) in fields.tags.iter().enumerate() {
            tx.execute(
                "INSERT INTO tags (name, key) VALUES (?1, lower(?1)) ON CONFLICT (key) DO NOTHING",
                [tag],
            )
            .unwrap();
            tx.execute(
                "INSERT INTO article_tags (article, tag, position)
                 SELECT ?1, rowid, ?2 FROM tags WHERE key = lower(?3)",
                rusqlite::params![rowid, position as i64, tag],
            )
            .unwrap();
        }
        let snapshot =
            serde_json::to_string(&ArticleFields { slug: format!("a-{n}"), ..fields.clone() }).unwrap();
        tx.execute(
            "INSERT INTO snapshots (rowid, hash, fields) VALUES (?1, ?2, ?3)",
            rusqlite::params![rowid, rowid.to_be_bytes().to_vec(), snapshot],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO revisions (article, number, reason, label, created_at, snapshot, body_chars)
             VALUES (?1, 1, 'import', NULL, ?2, ?1, ?3)",
            rusqlite::params![rowid, at, fields.body.chars().count() as i64],
        )
        .unwrap();
        made.push((id, fields.body));
    }
    tx.commit().unwrap();
    made
}

/// The upgrading process: opens an old store (which backs it up, then upgrades it) and says so.
#[test]
fn migrating_child() {
    let Ok(store) = std::env::var(MIGRATE_STORE) else { return };
    Library::open_with(Path::new(&store), Arc::new(SystemClock), OpenOptions { seed_sample: false })
        .expect("the upgrading process opens the store");
    println!("ack upgraded");
}

/// The schema a store file is at, read without changing it (unless a killed process left a hot
/// journal, which only a connection that may write can roll back).
fn schema_of(path: &Path) -> i64 {
    let read = |flags| -> rusqlite::Result<i64> {
        let conn = rusqlite::Connection::open_with_flags(path, flags)?;
        conn.query_row("PRAGMA user_version", [], |row| row.get(0))
    };
    read(rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .or_else(|_| read(rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE))
        .unwrap()
}

/// Every pre-upgrade backup in `folder` is a whole, sound store of an older schema with every
/// article.
fn check_upgrade_backups(folder: &Path, articles: u64, context: &str) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else { return 0 };
    let mut whole = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".sqlite3") {
            continue; // a temporary file a killed backup left: never taken for a backup
        }
        let facts = galley_core::check_backup(&path)
            .unwrap_or_else(|e| panic!("{context}: backup {name} is whole and sound: {e}"));
        // Each step of the upgrade commits on its own: a store killed between steps is backed up
        // again, at the schema it reached, before the rest of the upgrade.
        assert!(
            facts.schema < galley_core::LATEST_VERSION,
            "{context}: backup {name} is from before the upgrade"
        );
        assert_eq!(facts.articles, articles, "{context}: backup {name} has every article");
        whole += 1;
    }
    whole
}

#[test]
fn a_schema_upgrade_killed_at_any_moment_is_redone_and_the_old_store_is_kept_whole() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.sqlite3");
    let made = schema_1_store(&template, MIGRATION_ARTICLES);
    let articles = MIGRATION_ARTICLES + 1;
    let seed: u64 = std::env::var("GALLEY_TEST_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20261128);
    let mut rng = fastrand::Rng::with_seed(seed);
    let kills: u64 = std::env::var("GALLEY_CRASH_MIGRATION_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(MIGRATION_KILLS);
    let spawn = |store: &Path| {
        Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "crash::migrating_child", "--nocapture", "--test-threads=1"])
            .env(MIGRATE_STORE, store)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long a whole upgrade takes here, from the start of the process: the kills fall within it.
    let round = dir.path().join("round");
    std::fs::create_dir_all(&round).unwrap();
    let store = round.join("old.sqlite3");
    std::fs::copy(&template, &store).unwrap();
    let started = std::time::Instant::now();
    let output = spawn(&store).wait_with_output().unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("ack upgraded"), "an upgrade runs to the end");
    let whole_run = started.elapsed();

    let (mut before_backup, mut during_upgrade, mut after_upgrade, mut mid_copy) = (0, 0, 0, 0);
    let mut done = 0;
    while done < kills {
        std::fs::remove_dir_all(&round).unwrap();
        std::fs::create_dir_all(&round).unwrap();
        std::fs::copy(&template, &store).unwrap();
        // One kill, or two in a row: the second process redoes what the first left undone.
        for _ in 0..rng.u8(1..=2) {
            let mut child = spawn(&store);
            // Half the kills fall in the first tenth, where the store is copied before the upgrade.
            let share = if rng.bool() { rng.f64() / 10.0 } else { rng.f64() };
            std::thread::sleep(whole_run.mul_f64(share));
            child.kill().unwrap();
            child.wait().unwrap();
            done += 1;
            let context = format!("migration kill {done} (seed {seed})");
            let backups = check_upgrade_backups(&round.join("backups"), articles, &context);
            let partial = |entry: std::fs::DirEntry| entry.path().extension().is_some_and(|e| e == "partial");
            if std::fs::read_dir(round.join("backups"))
                .is_ok_and(|mut entries| entries.any(|e| partial(e.unwrap())))
            {
                mid_copy += 1;
            }
            match (schema_of(&store), backups) {
                (schema, _) if schema == galley_core::LATEST_VERSION => after_upgrade += 1,
                (_, 0) => before_backup += 1,
                (_, _) => during_upgrade += 1,
            }
        }
        let context = format!("after migration kill {done} (seed {seed})");
        let library = Library::open_with(&store, Arc::new(SystemClock), OpenOptions { seed_sample: false })
            .unwrap_or_else(|e| panic!("{context}: the store opens and is upgraded: {e}"));
        assert_eq!(library.integrity_check().unwrap(), Vec::<String>::new(), "{context}");
        assert_eq!(library.count().unwrap(), articles, "{context}: every article is there");
        for (id, body) in (0..5).map(|_| &made[rng.usize(..made.len())]) {
            assert_eq!(&library.article(id).unwrap().fields.body, body, "{context}: article {id}");
        }
        let found = library.search_ids("Галушки Сэко").unwrap();
        assert!(
            found.iter().any(|id| id.to_string() == "0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e"),
            "{context}: the upgrade indexed the old articles"
        );
        let kept =
            library.backups().unwrap().into_iter().filter(|b| b.kind == BackupKind::BeforeUpgrade).count();
        assert!(kept >= 1, "{context}: the store before the upgrade is kept");
        assert_eq!(check_upgrade_backups(&round.join("backups"), articles, &context), kept, "{context}");
        drop(library);
    }
    eprintln!(
        "{done} kills during schema upgrades (an upgrade takes {whole_run:?} here): {before_backup} before the \
         backup was whole ({mid_copy} rounds left a half-written copy), {during_upgrade} after it and before the \
         upgrade committed, {after_upgrade} after"
    );
    assert!(
        before_backup + during_upgrade >= kills / 3,
        "most kills fell before the upgrade was done ({before_backup} + {during_upgrade} of {done})"
    );
}
