//! Backups from the terminal: made, listed, restored, and bad files refused.

use crate::Galley;

#[test]
fn backup_backups_and_restore_backup_from_the_terminal() {
    let g = Galley::new();
    let id = g.sample_id();
    let backup = g.run(&["backup"]).ok();
    let path = backup.stdout.trim().to_owned();
    assert!(path.contains("backups") && path.ends_with("-manual.sqlite3"), "{backup:?}");
    g.run(&["edit", &id, "--dek", "После копии"]).ok();

    let listed = g.run(&["backups", "--json"]).ok().json();
    assert_eq!(listed[0]["kind"], "manual");
    assert_eq!(listed[0]["path"], path.as_str());

    let restored = g.run(&["restore-backup", &path]).ok();
    assert!(
        restored.stdout.contains("restored") && restored.stdout.contains("before-restore"),
        "{restored:?}"
    );
    assert_eq!(g.run(&["show", &id, "--json"]).ok().json()["dek"], "");
    let kinds: Vec<String> = g
        .run(&["backups", "--json"])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, ["before_restore", "manual"]);

    let bad = g.file("not-a-store.sqlite3", "просто текст".repeat(100));
    let refused = g.run(&["restore-backup", bad.to_str().unwrap()]);
    assert_eq!(refused.code, 1, "{refused:?}");
    assert!(refused.stderr.contains("not a Galley store"), "{refused:?}");
    let existing = g.file("taken.sqlite3", "занято");
    let refused = g.run(&["backup", "--out", existing.to_str().unwrap()]);
    assert_eq!(refused.code, 1, "{refused:?}");
    assert!(refused.stderr.contains("already exists"), "{refused:?}");
}

#[test]
fn a_damaged_store_is_verified_refuses_writes_and_is_restored_from_the_newest_good_backup() {
    use std::io::{Seek, SeekFrom, Write};
    let g = Galley::new();
    let id = g.sample_id();
    let backup = g.run(&["backup"]).ok().stdout.trim().to_owned();
    assert_eq!(g.run(&["verify"]).ok().stdout.trim(), "the store is sound");
    g.run(&["edit", &id, "--dek", "После копии"]).ok();

    // Noise over the search index's root page, as a failing disk would leave it.
    let root: i64 = rusqlite::Connection::open(g.store())
        .unwrap()
        .query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'search_index_data'", [], |r| r.get(0))
        .unwrap();
    let mut file = std::fs::OpenOptions::new().write(true).open(g.store()).unwrap();
    file.seek(SeekFrom::Start((root as u64 - 1) * 4096)).unwrap();
    file.write_all(&[0x5A; 4096]).unwrap();
    drop(file);

    let verified = g.run(&["verify"]);
    assert_eq!(verified.code, 1, "{verified:?}");
    for expected in ["the store is damaged", &format!("newest good backup: {backup}"), "restore-backup"] {
        assert!(verified.stdout.contains(expected), "{expected}: {verified:?}");
    }
    assert!(verified.stdout.contains("would lose changes to 1 articles"), "{verified:?}");
    let refused = g.run(&["edit", &id, "--dek", "не записать"]);
    assert_eq!(refused.code, 2, "the store failing, not the request: {refused:?}");
    assert!(
        refused.stderr.contains("is damaged") && refused.stderr.contains("restore-backup"),
        "{refused:?}"
    );
    assert_eq!(g.run(&["show", &id, "--json"]).ok().json()["dek"], "После копии", "still readable");

    let restored = g.run(&["restore-backup", &backup]).ok();
    assert!(restored.stdout.contains("-damaged.sqlite3"), "{restored:?}");
    assert!(restored.stdout.contains("1 articles the backup lacked were saved as .md files"), "{restored:?}");
    assert_eq!(g.run(&["verify"]).ok().stdout.trim(), "the store is sound");
    g.run(&["edit", &id, "--dek", "Снова пишется"]).ok();
}

#[test]
fn a_store_too_damaged_to_open_takes_a_backup_in_its_place_and_is_kept() {
    use std::io::{Seek, SeekFrom, Write};
    let g = Galley::new();
    let id = g.sample_id();
    let backup = g.run(&["backup"]).ok().stdout.trim().to_owned();
    // Its first page gone: the file no longer reads as a database at all.
    let mut file = std::fs::OpenOptions::new().write(true).open(g.store()).unwrap();
    file.seek(SeekFrom::Start(0)).unwrap();
    file.write_all(&[0u8; 100]).unwrap();
    drop(file);
    let damaged = std::fs::read(g.store()).unwrap();
    let refused = g.run(&["list"]);
    assert_ne!(refused.code, 0, "{refused:?}");
    assert!(refused.stderr.contains("cannot be read as a database"), "{refused:?}");
    // What still works on it: the list of backups, and the check, which offers the newest good one.
    let listed = g.run(&["backups"]).ok();
    assert!(listed.stdout.contains(&backup), "{listed:?}");
    let verified = g.run(&["verify"]);
    assert_eq!(verified.code, 1, "{verified:?}");
    for expected in [
        "the store is damaged",
        "cannot be read as a database",
        &format!("newest good backup: {backup}"),
        "cannot be read from the damaged store",
        &format!("restore-backup {backup}"),
    ] {
        assert!(verified.stdout.contains(expected), "{expected}: {verified:?}");
    }
    assert!(std::fs::read(g.store()).unwrap() == damaged, "neither touched the file");

    let restored = g.run(&["restore-backup", &backup]).ok();
    let kept = restored
        .stdout
        .lines()
        .find_map(|line| line.strip_prefix("the store as it was before is kept in "))
        .expect("says where the damaged file is kept")
        .to_owned();
    assert!(kept.ends_with("-damaged.sqlite3"), "{restored:?}");
    assert!(std::fs::read(&kept).unwrap() == damaged, "the damaged file is kept byte for byte");
    assert_eq!(g.run(&["verify"]).ok().stdout.trim(), "the store is sound");
    assert_eq!(g.run(&["show", &id, "--json"]).ok().json()["id"], id.as_str());
    g.run(&["edit", &id, "--dek", "Снова пишется"]).ok();
}

/// A check found the store damaged (the note beside it), then its first page went. An older
/// backup (schema 1) takes its place: the note goes with the file it was about, the backup is
/// brought up to date, and the store takes writes again.
#[test]
fn a_store_noted_damaged_and_then_unopenable_takes_an_older_backup_and_is_writable_again() {
    use std::io::{Seek, SeekFrom, Write};
    let g = Galley::new();
    g.sample_id();
    let old = g.dir.path().join("old-backup.sqlite3");
    rusqlite::Connection::open(&old)
        .unwrap()
        .execute_batch(include_str!("../../../galley-store/tests/data/create_v1.sql"))
        .unwrap();
    let note = std::path::PathBuf::from(format!("{}.damaged", g.store().display()));
    std::fs::write(&note, "database disk image is malformed\n").unwrap();
    let mut file = std::fs::OpenOptions::new().write(true).open(g.store()).unwrap();
    file.seek(SeekFrom::Start(0)).unwrap();
    file.write_all(&[0u8; 100]).unwrap();
    drop(file);

    let restored = g.run(&["restore-backup", old.to_str().unwrap()]).ok();
    assert!(restored.stdout.contains("-damaged.sqlite3"), "{restored:?}");
    assert!(!note.exists(), "the note went with the damaged file");
    assert_eq!(g.run(&["verify"]).ok().stdout.trim(), "the store is sound");
    g.run(&["new", "--headline", "Снова пишется"]).ok();
}

/// An old store a check found damaged is not upgraded (that would rewrite it), but its backups
/// are listed and one takes its place.
#[test]
fn an_old_store_found_damaged_takes_a_backup_in_its_place() {
    let g = Galley::new();
    let id = g.sample_id();
    let backup = g.run(&["backup"]).ok().stdout.trim().to_owned();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", g.store().display()));
    }
    rusqlite::Connection::open(g.store())
        .unwrap()
        .execute_batch(include_str!("../../../galley-store/tests/data/create_v1.sql"))
        .unwrap();
    std::fs::write(format!("{}.damaged", g.store().display()), "database disk image is malformed\n").unwrap();
    let refused = g.run(&["list"]);
    assert!(refused.stderr.contains("left untouched"), "{refused:?}");
    assert!(g.run(&["backups"]).ok().stdout.contains(&backup));
    let verified = g.run(&["verify"]);
    assert_eq!(verified.code, 1, "{verified:?}");
    assert!(verified.stdout.contains(&format!("newest good backup: {backup}")), "{verified:?}");
    g.run(&["restore-backup", &backup]).ok();
    assert_eq!(g.run(&["show", &id, "--json"]).ok().json()["id"], id.as_str());
    g.run(&["edit", &id, "--dek", "Снова пишется"]).ok();
}
