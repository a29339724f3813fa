//! Backups: made while the store is open, listed, thinned out, and restored into the open store.

use std::sync::Arc;

use galley_core::model::{ArticleFields, ArticlePatch, ManualClock};
use galley_core::{BackupKind, Library, OpenOptions};

fn library() -> (tempfile::TempDir, Library, Arc<ManualClock>) {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new("2026-11-28T09:00:00Z".parse().unwrap()));
    let library =
        Library::open_with(&dir.path().join("galley.sqlite3"), clock.clone(), OpenOptions::default())
            .unwrap();
    (dir, library, clock)
}

#[test]
fn a_backup_restored_brings_back_the_words_and_the_store_it_replaced_is_kept() {
    let (dir, library, clock) = library();
    let sample = library.list(None, None, 1).unwrap()[0].id.to_string();
    let backup = library.backup(BackupKind::Manual, None).unwrap();
    assert_eq!(backup.path, dir.path().join("backups/galley-20261128T090000.000Z-manual.sqlite3"));
    assert!(backup.bytes > 0);

    clock.advance(jiff::SignedDuration::from_mins(5));
    library
        .edit(&sample, ArticlePatch { dek: Some("Правка после копии".into()), ..Default::default() })
        .unwrap();
    library
        .create(ArticleFields {
            headline: "Новый материал после копии".into(), ..Default::default()
        })
        .unwrap();

    // Another process has the store open and sees the restore at its next read.
    let other = Library::open(library.path()).unwrap();
    let restored = library.restore_backup(&backup.path).unwrap();
    assert_eq!(restored.articles, 1);
    assert_eq!(library.article(&sample).unwrap().fields.dek, "", "the words are the backup's");
    assert_eq!(library.count().unwrap(), 1);
    assert_eq!(other.count().unwrap(), 1, "every connection sees the restored store");
    assert!(library.integrity_check().unwrap().is_empty());
    assert!(library.search("Правка", 5).unwrap().is_empty(), "the search index is the backup's too");
    assert_eq!(library.search("Новый материал после копии", 5).unwrap().len(), 0);

    // What the store held before the restore is itself a backup.
    assert_eq!(restored.safety_backup.kind, BackupKind::BeforeRestore);
    let before = Library::open(&restored.safety_backup.path).unwrap();
    assert_eq!(before.count().unwrap(), 2);
    assert_eq!(before.article(&sample).unwrap().fields.dek, "Правка после копии");

    let kinds: Vec<BackupKind> = library.backups().unwrap().iter().map(|b| b.kind).collect();
    assert_eq!(kinds, [BackupKind::BeforeRestore, BackupKind::Manual], "newest first");
}

#[test]
fn a_file_that_is_not_a_sound_store_is_refused_and_the_store_is_untouched() {
    let (dir, library, _) = library();
    let before = library.count().unwrap();
    let notes = dir.path().join("notes.sqlite3");
    std::fs::write(&notes, "Это не база данных.\n".repeat(300)).unwrap();
    let err = library.restore_backup(&notes).unwrap_err();
    assert!(err.to_string().contains("not a Galley store"), "{err}");

    // A real backup with a page overwritten in the middle.
    let backup = library.backup(BackupKind::Manual, None).unwrap();
    let mut bytes = std::fs::read(&backup.path).unwrap();
    let middle = bytes.len() / 2 / 4096 * 4096;
    bytes[middle..middle + 4096].fill(0x5a);
    let damaged = dir.path().join("damaged.sqlite3");
    std::fs::write(&damaged, bytes).unwrap();
    let err = library.restore_backup(&damaged).unwrap_err();
    assert!(err.to_string().contains("damaged") || err.to_string().contains("cannot be read"), "{err}");
    assert_eq!(library.count().unwrap(), before);
    assert!(
        library.backups().unwrap().iter().all(|b| b.kind != BackupKind::BeforeRestore),
        "nothing was replaced"
    );
}

#[test]
fn a_backup_never_overwrites_a_file() {
    let (dir, library, _) = library();
    let out = dir.path().join("copy.sqlite3");
    std::fs::write(&out, "своё").unwrap();
    let err = library.backup(BackupKind::Manual, Some(&out)).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "своё");
}

#[test]
fn old_scheduled_backups_are_thinned_out_and_others_kept() {
    let (_dir, library, clock) = library();
    let manual = library.backup(BackupKind::Manual, None).unwrap();
    // Hourly for three days.
    for _ in 0..72 {
        library.backup(BackupKind::Scheduled, None).unwrap();
        clock.advance(jiff::SignedDuration::from_hours(1));
    }
    let removed = library.prune_backups().unwrap();
    let left = library.backups().unwrap();
    let scheduled = left.iter().filter(|b| b.kind == BackupKind::Scheduled).count();
    assert_eq!(removed.len() + scheduled, 72);
    assert!((25..=28).contains(&scheduled), "a day of hourly ones and one a day before: {scheduled}");
    assert!(left.iter().any(|b| b.path == manual.path), "a backup made by hand stays");
}

#[test]
fn the_hourly_backup_waits_for_an_hour_and_for_a_change() {
    let (_dir, library, clock) = library();
    let mut seen = None;
    assert!(library.scheduled_backup(&mut seen).unwrap().is_some(), "the first one at once");
    clock.advance(jiff::SignedDuration::from_mins(30));
    let sample = library.list(None, None, 1).unwrap()[0].id.to_string();
    library.edit(&sample, ArticlePatch { dek: Some("Правка".into()), ..Default::default() }).unwrap();
    assert!(library.scheduled_backup(&mut seen).unwrap().is_none(), "not within the hour");
    clock.advance(jiff::SignedDuration::from_mins(31));
    assert!(library.scheduled_backup(&mut seen).unwrap().is_some(), "an hour on, with a change");
    clock.advance(jiff::SignedDuration::from_hours(2));
    assert!(library.scheduled_backup(&mut seen).unwrap().is_none(), "nothing changed since");
}

/// An edit, so that the next scheduled backup is due.
fn edit(library: &Library, dek: &str) {
    let sample = library.list(None, None, 1).unwrap()[0].id.to_string();
    library.edit(&sample, ArticlePatch { dek: Some(dek.into()), ..Default::default() }).unwrap();
}

/// `count` hourly ticks of the app's timer, each after an edit, as a working day makes them; the
/// clock ends an hour after the last. Returns the backups made.
fn hourly_backups(
    library: &Library,
    clock: &ManualClock,
    seen: &mut Option<i64>,
    count: usize,
) -> Vec<std::path::PathBuf> {
    let mut made = Vec::new();
    for n in 0..count {
        edit(library, &format!("Правка {n}"));
        made.push(library.scheduled_backup(seen).unwrap().expect("an hour on, with a change").path);
        clock.advance(jiff::SignedDuration::from_hours(1));
    }
    made
}

fn paths(library: &Library) -> Vec<std::path::PathBuf> {
    library.backups().unwrap().into_iter().map(|b| b.path).collect()
}

const A_YEAR: jiff::SignedDuration = jiff::SignedDuration::from_hours(365 * 24);

/// Issue 15 §4: one hourly tick with the clock a year ahead thinned twenty backups to one.
#[test]
fn a_clock_a_year_ahead_for_one_tick_thins_nothing_that_was_good() {
    let (_dir, library, clock) = library();
    let mut seen = None;
    let good = hourly_backups(&library, &clock, &mut seen, 20);
    clock.advance(A_YEAR);
    edit(&library, "Правка при часах на год вперёд");
    let ahead = library.scheduled_backup(&mut seen).unwrap().expect("the newest is a year old");
    let left = paths(&library);
    let removed: Vec<_> = good.iter().filter(|path| !left.contains(path)).collect();
    assert!(removed.is_empty(), "removed because of the clock: {removed:?}");
    assert!(left.contains(&ahead.path));
}

/// Issue 15 §4: the backup dated a year ahead counted as the newest, so once the clock was set
/// right no backup was "due" for a year.
#[test]
fn after_the_clock_is_corrected_a_backup_is_made_at_the_next_tick() {
    let (_dir, library, clock) = library();
    let mut seen = None;
    hourly_backups(&library, &clock, &mut seen, 20);
    clock.advance(A_YEAR);
    edit(&library, "Правка при часах на год вперёд");
    let ahead = library.scheduled_backup(&mut seen).unwrap().expect("the newest is a year old").path;
    // The clock set right before the next tick, ten minutes on.
    clock.advance(-A_YEAR + jiff::SignedDuration::from_mins(10));
    edit(&library, "Правка после исправления часов");
    assert!(library.scheduled_backup(&mut seen).unwrap().is_some(), "the next tick makes one");
    // A day of hourly backups after it: the one dated ahead takes no hour's place, and stays.
    clock.advance(jiff::SignedDuration::from_hours(1));
    let day = hourly_backups(&library, &clock, &mut seen, 24);
    let left = paths(&library);
    assert!(day.iter().all(|path| left.contains(path)), "a day of hourly backups: {left:#?}");
    assert!(left.contains(&ahead), "a backup dated ahead is kept");
}

/// Issue 15 §4: the app looked first three minutes after it started, so a session shorter than
/// that never got a backup; it may look at once when its first look backs up only what changed
/// since the newest backup, whichever process made it.
#[test]
fn the_first_look_of_a_new_process_backs_up_what_changed_since_the_newest_backup_and_nothing_else() {
    let (dir, library, clock) = library();
    assert!(library.scheduled_backup(&mut None).unwrap().is_some(), "the first one at once");
    // A session of two minutes: an edit, and no backup before it ends.
    clock.advance(jiff::SignedDuration::from_mins(1));
    edit(&library, "Правка в короткой сессии");
    // The next session, two hours later, looks at once.
    clock.advance(jiff::SignedDuration::from_hours(2));
    let next =
        Library::open_with(&dir.path().join("galley.sqlite3"), clock.clone(), Default::default()).unwrap();
    let made = next.scheduled_backup(&mut None).unwrap().expect("what the short session left");
    let copy = Library::open(&made.path).unwrap();
    let sample = copy.list(None, None, 1).unwrap()[0].id.to_string();
    assert_eq!(copy.article(&sample).unwrap().fields.dek, "Правка в короткой сессии");
    // A session that changes nothing, two hours on: no copy of the same store.
    clock.advance(jiff::SignedDuration::from_hours(2));
    let idle =
        Library::open_with(&dir.path().join("galley.sqlite3"), clock.clone(), Default::default()).unwrap();
    assert!(idle.scheduled_backup(&mut None).unwrap().is_none(), "nothing changed since the newest");
}
