//! Many drafts stored at once (an import, the new files of a mirror folder being linked): a save
//! made meanwhile in this process comes in between, and never waits for the whole.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use galley_model::{ArticleFields, Draft, RevisionReason};

use crate::fixture::{Fixture, at};

const DRAFTS: usize = 500;

fn files() -> Vec<(Draft, String, [u8; 32])> {
    (0..DRAFTS)
        .map(|n| {
            let fields = ArticleFields {
                headline: format!("Заметка {n}"),
                body: format!("Текст заметки номер {n}."),
                ..ArticleFields::default()
            };
            (Draft { fields, ..Draft::default() }, format!("note-{n}.md"), [0; 32])
        })
        .collect()
}

/// Issue 15 §3, "a save made during a long mirror pass waits seconds": linking a folder stored
/// all its new files in one transaction, and an autosave on the desk waited for all of them (12 s
/// for 10,000 files). The hook every stored file runs (its record's hash) asks for a save at the
/// first file and counts the files stored until the save is in.
#[test]
fn a_save_asked_for_while_new_files_are_stored_does_not_wait_for_all_of_them() {
    let f = Fixture::new();
    let edited = f.headline("Статья на столе", "Первый абзац.");
    let stored = AtomicUsize::new(0);
    let asking = AtomicBool::new(false);
    let saved_after = AtomicUsize::new(usize::MAX);
    std::thread::scope(|scope| {
        f.store
            .create_mirrored(files(), RevisionReason::Import, at(1), |_| {
                if stored.fetch_add(1, Ordering::SeqCst) == 0 {
                    scope.spawn(|| {
                        asking.store(true, Ordering::SeqCst);
                        let fields = ArticleFields {
                            body: "Второй абзац.".into(), ..edited.fields.clone()
                        };
                        f.store.save(edited.id, fields, RevisionReason::Autosave, None, at(2)).unwrap();
                        saved_after.store(stored.load(Ordering::SeqCst), Ordering::SeqCst);
                    });
                    // The save is under way (it asks for the writer next) before the files go on.
                    while !asking.load(Ordering::SeqCst) {
                        std::thread::yield_now();
                    }
                }
                [0; 32]
            })
            .unwrap();
    });
    let saved_after = saved_after.load(Ordering::SeqCst);
    assert!(saved_after < DRAFTS, "the save waited for all {DRAFTS} files (it came in after {saved_after})");
    assert_eq!(f.store.article(&edited.id.to_string()).unwrap().fields.body, "Второй абзац.");
    assert_eq!(f.store.count().unwrap(), DRAFTS as u64 + 1);
}
