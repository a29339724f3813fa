//! Moving the store out of an unsafe place: a whole, checked copy where the journalist chose,
//! with the words kept from failed saves; the old store left as it was.

use galley_core::model::ArticleFields;
use galley_core::{Library, OpenOptions};

#[test]
fn a_store_in_a_sync_folder_is_copied_whole_to_a_safe_place_and_the_old_one_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let dropbox = dir.path().join("Dropbox");
    std::fs::create_dir_all(dropbox.join(".dropbox.cache")).unwrap();
    let old = dropbox.join("galley.sqlite3");
    let library = Library::open_with(
        &old,
        std::sync::Arc::new(galley_core::model::SystemClock),
        OpenOptions::default(),
    )
    .unwrap();
    let article = library
        .create(ArticleFields {
            headline: "Переезд".into(),
            body: "Слова в Dropbox.".into(),
            ..ArticleFields::default()
        })
        .unwrap();
    let typed = ArticleFields {
        body: "Слова, которые не сохранились.".into(), ..article.fields.clone()
    };
    library.keep_unsaved(article.id, &typed).unwrap();
    let before = std::fs::read(&old).unwrap();

    // Not into the same sync folder, nor over a file that is there.
    let refused = library.copy_store_to(&dropbox.join("elsewhere.sqlite3")).unwrap_err().to_string();
    assert!(refused.contains("Dropbox") && refused.contains("own disk"), "{refused}");
    assert!(!dropbox.join("elsewhere.sqlite3").exists());
    std::fs::write(dir.path().join("taken.sqlite3"), "mine").unwrap();
    let refused = library.copy_store_to(&dir.path().join("taken.sqlite3")).unwrap_err().to_string();
    assert!(refused.contains("already"), "{refused}");
    assert_eq!(std::fs::read(dir.path().join("taken.sqlite3")).unwrap(), b"mine");

    let new = dir.path().join("local").join("galley.sqlite3");
    let facts = library.copy_store_to(&new).unwrap();
    assert_eq!(facts.articles, library.count().unwrap());
    let moved = Library::open_existing(&new).unwrap();
    assert_eq!(moved.article(&article.id.to_string()).unwrap().fields.body, "Слова в Dropbox.");
    assert_eq!(moved.unsaved().unwrap().len(), 1, "the words kept from a failed save come along");
    moved.restore_unsaved().unwrap();
    assert_eq!(moved.article(&article.id.to_string()).unwrap().fields.body, typed.body);

    // The old store is as it was, and still works until the app switches.
    assert_eq!(std::fs::read(&old).unwrap(), before);
    assert_eq!(library.unsaved().unwrap().len(), 1);
    library.autosave(&article.id.to_string(), typed).unwrap();
}
