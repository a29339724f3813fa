//! Crash safety: a writer killed with SIGKILL at random moments never corrupts the store and never
//! loses a save it acknowledged.
//!
//! The test binary runs itself as the writer (the `writer_child` test, which does nothing unless
//! the environment names a store), so the writer is the real Library in a real process.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use galley_core::model::{ArticleFields, SystemClock};
use galley_core::{Library, OpenOptions};

const CHILD_STORE: &str = "GALLEY_CRASH_STORE";
const CHILD_SEED: &str = "GALLEY_CRASH_SEED";
const KILLS: u64 = 200;

/// The writer: creates an article, then saves it again and again, printing `ack` after each save
/// returns. A create is acknowledged as `new ID`, a save as `save ID N`.
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
    }
}

#[test]
fn acknowledged_saves_survive_sigkill_and_the_store_stays_sound() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("crash.sqlite3");
    let seed: u64 = std::env::var("GALLEY_TEST_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20261128);
    let mut rng = fastrand::Rng::with_seed(seed);
    // Every article acknowledged, with the last save number acknowledged for it.
    let mut acknowledged: BTreeMap<String, Option<u64>> = BTreeMap::new();
    let mut total_acks = 0;

    for kill in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "crash::writer_child", "--nocapture", "--test-threads=1"])
            .env(CHILD_STORE, &store)
            .env(CHILD_SEED, (seed + kill).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The random moment of the kill: anywhere from start-up to a few dozen saves in.
        std::thread::sleep(Duration::from_millis(rng.u64(5..120)));
        child.kill().unwrap();
        child.wait().unwrap();
        let mut output = String::new();
        child.stdout.take().unwrap().read_to_string(&mut output).unwrap();

        for line in output.lines() {
            let words: Vec<&str> = line.split(' ').collect();
            match words.as_slice() {
                ["ack", "new", id] => {
                    acknowledged.insert(id.to_string(), None);
                }
                ["ack", "save", id, n] => {
                    acknowledged.insert(id.to_string(), Some(n.parse().unwrap()));
                    total_acks += 1;
                }
                _ => {}
            }
        }

        let library = Library::open_with(&store, Arc::new(SystemClock), OpenOptions { seed_sample: false })
            .unwrap_or_else(|e| panic!("kill {kill} (seed {seed}): the store opens again: {e}"));
        assert_eq!(library.integrity_check().unwrap(), Vec::<String>::new(), "kill {kill} (seed {seed})");
        for (id, last) in &acknowledged {
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
    }
    assert!(total_acks > KILLS, "the writer got to work between kills ({total_acks} saves acknowledged)");
}
