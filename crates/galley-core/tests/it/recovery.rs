//! A damaged store: found by the check of every page, kept from every write in every process,
//! and replaced by the newest good backup, with what that backup lacks saved as `.md` files.

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use galley_core::model::{ArticleFields, ArticlePatch, ManualClock};
use galley_core::{BackupKind, Library, OpenOptions, PageCheck, ReadOnly};

const PAGE: u64 = 4096;

fn open(path: &Path, clock: &Arc<ManualClock>) -> Library {
    Library::open_with(path, clock.clone(), OpenOptions::default()).unwrap()
}

/// Overwrites the root page of the search index's data with noise: a store damaged as a failing
/// disk or a sync tool copying it mid-write would leave it, whose articles can still be read.
fn damage_search_index(store: &Path) {
    let root: i64 = {
        let conn = rusqlite::Connection::open(store).unwrap();
        conn.query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'search_index_data'", [], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let mut file = std::fs::OpenOptions::new().write(true).open(store).unwrap();
    file.seek(SeekFrom::Start((root as u64 - 1) * PAGE)).unwrap();
    file.write_all(&[0xA5; PAGE as usize]).unwrap();
    file.sync_all().unwrap();
}

fn stop() -> Arc<AtomicBool> {
    Arc::new(AtomicBool::new(false))
}

#[test]
fn a_sound_store_passes_the_check_and_takes_writes() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new("2026-11-28T09:00:00Z".parse().unwrap()));
    let library = open(&dir.path().join("galley.sqlite3"), &clock);
    assert_eq!(library.check_store(stop()).unwrap(), PageCheck::Sound);
    assert_eq!(library.read_only(), None);
    library.create(ArticleFields { headline: "Проверка".into(), ..Default::default() }).unwrap();
}

#[test]
fn a_check_that_is_stopped_says_so_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new("2026-11-28T09:00:00Z".parse().unwrap()));
    let library = open(&dir.path().join("galley.sqlite3"), &clock);
    for n in 0..50 {
        library.create(ArticleFields { headline: format!("Материал {n}"), ..Default::default() }).unwrap();
    }
    assert_eq!(library.check_store(Arc::new(AtomicBool::new(true))).unwrap(), PageCheck::Stopped);
    assert_eq!(library.read_only(), None);
}

#[test]
fn a_damaged_store_is_never_written_and_the_newest_good_backup_restores_it_keeping_what_it_lacked() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("galley.sqlite3");
    let clock = Arc::new(ManualClock::new("2026-11-28T09:00:00Z".parse().unwrap()));
    let (edited, added) = {
        let library = open(&store, &clock);
        for n in 0..200 {
            let body = format!("Заметка номер {n}. «Цитата», сказал он. ").repeat(20);
            library
                .create(ArticleFields {
                    headline: format!("Материал {n}"), body, ..Default::default()
                })
                .unwrap();
        }
        clock.advance(jiff::SignedDuration::from_mins(10));
        library.backup(BackupKind::Manual, None).unwrap();
        clock.advance(jiff::SignedDuration::from_mins(10));
        let newer = library.backup(BackupKind::Scheduled, None).unwrap();
        // A newer backup that is itself damaged is passed over.
        damage_search_index(&newer.path);
        clock.advance(jiff::SignedDuration::from_mins(10));
        let edited = library.list(None, None, 1).unwrap()[0].id.to_string();
        library
            .edit(&edited, ArticlePatch { dek: Some("Правка после копии".into()), ..Default::default() })
            .unwrap();
        let added = library
            .create(ArticleFields {
                headline: "Написано после копии".into(), ..Default::default()
            })
            .unwrap();
        (edited, added.id.to_string())
    };
    damage_search_index(&store);

    let library = open(&store, &clock);
    let PageCheck::Damaged(problems) = library.check_store(stop()).unwrap() else {
        panic!("damage not found")
    };
    assert!(!problems.is_empty());
    assert!(matches!(library.read_only(), Some(ReadOnly::Damaged { .. })));
    let refused = library
        .edit(&edited, ArticlePatch { dek: Some("не записать".into()), ..Default::default() })
        .unwrap_err()
        .to_string();
    assert!(refused.contains("is damaged") && refused.contains("restore-backup"), "{refused}");

    // Another process, and a later start, keep off it from the first write on.
    let other = open(&store, &clock);
    assert!(matches!(other.read_only(), Some(ReadOnly::Damaged { .. })));
    assert!(other.create(ArticleFields { headline: "нет".into(), ..Default::default() }).is_err());
    assert_eq!(other.article(&edited).unwrap().fields.dek, "Правка после копии", "still readable");

    // The offer: the newest backup that passes the check, and what it lacks.
    let offer = library.recovery_offer().unwrap().expect("a good backup is offered");
    assert_eq!(offer.backup.kind, BackupKind::Manual, "the damaged scheduled one is passed over");
    assert_eq!(offer.articles, 201);
    let lost = offer.lost.expect("the damaged store can still tell");
    let mut lost_ids: Vec<(&str, bool)> = lost.iter().map(|a| (a.id.as_str(), a.in_backup)).collect();
    lost_ids.sort();
    let mut expected = vec![(edited.as_str(), true), (added.as_str(), false)];
    expected.sort();
    assert_eq!(lost_ids, expected);

    let damaged_bytes = std::fs::read(&store).unwrap();
    let refused = library.backup(BackupKind::Manual, None).unwrap_err().to_string();
    assert!(
        refused.contains("is damaged"),
        "a damaged store makes no backup that would pass for good: {refused}"
    );
    let restored = library.restore_backup(&offer.backup.path).unwrap();
    assert_eq!(restored.safety_backup.kind, BackupKind::Damaged);
    assert!(
        std::fs::read(&restored.safety_backup.path).unwrap() == damaged_bytes,
        "the damaged files are kept as they were"
    );
    let recovered = restored.recovered.expect("what the backup lacked is saved");
    assert_eq!((recovered.saved, recovered.unreadable.len()), (2, 0));
    let mut saved: Vec<String> = std::fs::read_dir(&recovered.folder)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    saved.sort();
    assert!(saved.iter().any(|text| text.contains("Правка после копии")), "{saved:?}");
    assert!(saved.iter().any(|text| text.contains("Написано после копии")), "{saved:?}");

    // Sound and writable again, in every process.
    assert_eq!(library.read_only(), None);
    assert_eq!(other.read_only(), None);
    assert!(!dir.path().join("galley.sqlite3.damaged").exists(), "the note of damage is gone");
    assert_eq!(library.check_store(stop()).unwrap(), PageCheck::Sound);
    assert_eq!(library.count().unwrap(), 201);
    library.edit(&edited, ArticlePatch { dek: Some("снова пишется".into()), ..Default::default() }).unwrap();
    assert_eq!(library.search("снова", 10).unwrap().len(), 1, "the search index works again");
}
