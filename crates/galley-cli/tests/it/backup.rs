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
