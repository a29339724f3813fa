//! The mirror's bookkeeping: change numbers, the link and the per-file records.

use std::path::Path;

use galley_model::{ArticleFields, RevisionReason};
use galley_store::{MirrorConflict, MirrorRecord};

use crate::fixture::{Fixture, at};

#[test]
fn every_change_to_an_article_takes_the_next_number_and_a_tag_rename_counts() {
    let f = Fixture::new();
    let a = f.headline("Первая", "Текст.");
    let b = f.article(ArticleFields {
        headline: "Вторая".into(),
        tags: vec!["Погода".into()],
        ..Default::default()
    });
    let after_creation = f.store.last_change().unwrap();
    assert_eq!(f.store.unsynced(-1, after_creation).unwrap(), [a.id, b.id], "in the order they changed");

    f.store
        .save(
            a.id,
            ArticleFields { dek: "Правка".into(), ..a.fields.clone() },
            RevisionReason::Save,
            None,
            at(1),
        )
        .unwrap();
    let after_edit = f.store.last_change().unwrap();
    assert_eq!(f.store.unsynced(after_creation, after_edit).unwrap(), [a.id]);
    // Saving what is already there changes nothing.
    f.store.save(b.id, b.fields.clone(), RevisionReason::Save, None, at(2)).unwrap();
    assert_eq!(f.store.last_change().unwrap(), after_edit);

    f.store.rename_tag("Погода", "Климат").unwrap();
    let after_rename = f.store.last_change().unwrap();
    assert_eq!(f.store.unsynced(after_edit, after_rename).unwrap(), [b.id], "its file must change");
}

#[test]
fn records_round_trip_and_linking_another_folder_forgets_them() {
    let f = Fixture::new();
    let a = f.headline("Первая", "Текст.");
    let b = f.headline("Вторая", "Текст.");
    assert_eq!(f.store.mirror_link().unwrap(), None);
    f.store.link_mirror(Path::new("/папка")).unwrap();
    assert_eq!(f.store.mirror_link().unwrap().unwrap().synced_seq, -1, "a new link compares everything");
    let records = [
        MirrorRecord {
            article: a.id,
            path: "Регионы/a.md".into(),
            file_hash: Some([1; 32]),
            article_hash: [2; 32],
            change_seq: 0,
            conflict: Some(MirrorConflict::Changed { revision: 3 }),
        },
        MirrorRecord {
            article: b.id,
            path: "Регионы-2/b.md".into(),
            file_hash: None,
            article_hash: [4; 32],
            change_seq: 0,
            conflict: Some(MirrorConflict::Deleted),
        },
    ];
    f.store.put_mirror_records(&records).unwrap();
    assert_eq!(f.store.mirror_records().unwrap(), [records[1].clone(), records[0].clone()], "by path");
    assert_eq!(f.store.mirror_record_at("Регионы/a.md").unwrap().as_ref(), Some(&records[0]));
    assert_eq!(
        f.store.mirror_records_under("Регионы").unwrap(),
        [records[0].clone()],
        "not the sibling folder"
    );

    // A path belongs to one article: taking it drops the old record and marks that article changed.
    let before = f.store.last_change().unwrap();
    let (_, b_seq) = f.store.article_with_change(&b.id.to_string()).unwrap();
    let moved =
        MirrorRecord {
            article: b.id, path: "Регионы/a.md".into(), change_seq: b_seq, ..records[1].clone()
        };
    f.store.put_mirror_records(std::slice::from_ref(&moved)).unwrap();
    assert_eq!(f.store.mirror_records().unwrap(), [moved]);
    assert_eq!(f.store.unsynced(before, f.store.last_change().unwrap()).unwrap(), [a.id]);

    let unsynced = || f.store.unsynced(-1, f.store.last_change().unwrap()).unwrap();
    assert_eq!(unsynced(), [a.id], "an article without a record is not in the folder yet");
    f.store
        .save(
            b.id,
            ArticleFields { dek: "Позже".into(), ..b.fields.clone() },
            RevisionReason::Save,
            None,
            at(9),
        )
        .unwrap();
    assert_eq!(unsynced(), [a.id, b.id], "changed after its record was made");

    f.store.link_mirror(Path::new("/папка")).unwrap();
    assert_eq!(f.store.mirror_records().unwrap().len(), 1, "the same folder keeps its records");
    f.store.link_mirror(Path::new("/другая")).unwrap();
    assert!(f.store.mirror_records().unwrap().is_empty());
    f.store.unlink_mirror().unwrap();
    assert_eq!(f.store.mirror_link().unwrap(), None);
}

#[test]
fn a_kept_revision_does_not_change_the_article() {
    let f = Fixture::new();
    let a = f.headline("Первая", "Текст.");
    let other = ArticleFields { body: "Версия из файла.".into(), ..a.fields.clone() };
    let number = f.store.add_revision(a.id, &other, RevisionReason::Conflict, at(5)).unwrap();
    assert_eq!(number, 2);
    let now = f.store.article(&a.id.to_string()).unwrap();
    assert_eq!(now.fields.body, "Текст.");
    assert_eq!(f.store.revision(&a.id.to_string(), 2).unwrap().fields.body, "Версия из файла.");
}
