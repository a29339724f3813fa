use galley_query::Filter;
use galley_store::{Error, LATEST_VERSION, ListFilter, Store};

use crate::fixture::Fixture;

fn file_made_from(sql: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    rusqlite::Connection::open(&path).unwrap().execute_batch(sql).unwrap();
    (dir, path)
}

#[test]
fn a_version_1_store_is_upgraded_and_its_articles_become_searchable() {
    let (_dir, path) = file_made_from(include_str!("../data/create_v1.sql"));
    let store = Store::open(&path).unwrap();
    assert!(!store.was_created());
    let article = store.article("vstrecha-galushki-i-seko").unwrap();
    assert_eq!(article.fields.tags, ["Регионы/Дальний Восток"]);
    assert_eq!(article.fields.related[0].url, "https://example.ru/vef");
    assert_eq!(store.revisions("vstrecha-galushki-i-seko").unwrap().len(), 1);

    let query = galley_query::parse("экономический форум").unwrap();
    let hits = store.search(&query, 10).unwrap();
    assert_eq!(hits.len(), 1, "the upgrade indexed the old article");
    // Schema 4 gave it the keys the desk sorts and filters by.
    let economy =
        ListFilter {
            filters: vec![Filter::Section("экономика".into())], limit: 10, ..ListFilter::default()
        };
    assert_eq!(store.list(&economy).unwrap().len(), 1, "the section key was filled in");
    assert_eq!(store.sections().unwrap()[0].name, "Экономика");
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, LATEST_VERSION);
    let key: String =
        conn.query_row("SELECT headline_key FROM articles WHERE rowid = 1", [], |r| r.get(0)).unwrap();
    assert_eq!(key, "встреча галушки и сэко в токио", "schema 4 filled in the headline's sort key");
    let foreign: Option<String> = conn
        .query_row("SELECT foreign_front_matter FROM articles WHERE rowid = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(foreign, None, "schema 6: an old article has no other tool's front matter");

    // The store as it was before the upgrade is kept, whole.
    let kept = path.parent().unwrap().join("backups/old-schema-1.sqlite3");
    let facts = galley_store::check_backup(&kept).unwrap();
    assert_eq!((facts.schema, facts.articles), (1, 1));
}

#[test]
fn a_store_found_damaged_is_never_upgraded() {
    // An older Galley found it damaged and noted so beside it; a newer one must not rewrite it.
    let (dir, path) = file_made_from(include_str!("../data/create_v1.sql"));
    std::fs::write(dir.path().join("old.sqlite3.damaged"), "database disk image is malformed\n").unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, Error::DamagedNeedsUpgrade { .. }), "{err}");
    assert!(err.to_string().contains("left untouched"), "{err}");
    assert!(std::fs::read(&path).unwrap() == before, "not a byte changed");
    assert!(!dir.path().join("backups").exists(), "no copy made from it either");
}

#[test]
fn a_store_from_a_newer_galley_is_refused_and_left_untouched() {
    let f = Fixture::new();
    let path = f.path();
    drop(f.store);
    rusqlite::Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("a newer store is refused");
    assert!(matches!(err, Error::TooNew { found: 99, .. }));
    assert!(err.to_string().contains("update Galley to open it"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "not a byte changed");
}

#[test]
fn a_file_that_is_not_a_store_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "Это не база данных, а заметки журналиста.\n".repeat(200)).unwrap();
    let err = Store::open(&text).err().expect("a text file is refused");
    assert!(err.to_string().contains("is not a Galley store"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "Это не база данных, а заметки журналиста.\n".repeat(200)
    );

    let (_d, other) =
        file_made_from("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('чужие данные');");
    let err = Store::open(&other).err().expect("another program's database is refused");
    assert!(err.to_string().contains("another program's data"), "{err}");
}

#[test]
fn a_new_store_is_created_with_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep").join("er").join("galley.sqlite3");
    let store = Store::open(&path).unwrap();
    assert!(store.was_created());
    drop(store);
    assert!(!Store::open(&path).unwrap().was_created());
}
