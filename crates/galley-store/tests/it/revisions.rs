use galley_model::{ArticleFields, RevisionReason};

use crate::fixture::{Fixture, at};

fn body(f: &Fixture, id: galley_model::ArticleId, text: &str, reason: RevisionReason, minute: i64) -> u32 {
    let current = f.store.article(&id.to_string()).unwrap();
    let fields = ArticleFields { body: text.into(), ..current.fields };
    f.store.save(id, fields, reason, None, at(minute)).unwrap().revision
}

#[test]
fn every_change_is_a_numbered_revision_with_its_reason() {
    let f = Fixture::new();
    let a = f.headline("Заголовок", "Первый текст.");
    assert_eq!(body(&f, a.id, "Второй текст.", RevisionReason::Save, 1), 2);
    assert_eq!(body(&f, a.id, "Третий текст.", RevisionReason::ExternalEdit, 2), 3);
    let list = f.store.revisions(&a.id.to_string()).unwrap();
    let seen: Vec<_> = list.iter().map(|r| (r.number, r.reason)).collect();
    assert_eq!(
        seen,
        [(3, RevisionReason::ExternalEdit), (2, RevisionReason::Save), (1, RevisionReason::Create)]
    );
    let first = f.store.revision(&a.id.to_string(), 1).unwrap();
    assert_eq!(first.fields.body, "Первый текст.");
    assert_eq!(first.summary.body_chars, 13);
}

#[test]
fn saving_the_same_fields_adds_no_revision() {
    let f = Fixture::new();
    let a = f.headline("Заголовок", "Текст.");
    let again = f.store.save(a.id, a.fields.clone(), RevisionReason::Save, None, at(5)).unwrap();
    assert_eq!(again.revision, 1);
    assert_eq!(again.updated_at, a.updated_at, "an unchanged save does not touch the article");
    assert_eq!(f.store.revisions(&a.id.to_string()).unwrap().len(), 1);
}

#[test]
fn a_labelled_save_is_kept_even_without_changes() {
    let f = Fixture::new();
    let a = f.headline("Заголовок", "Текст.");
    let saved = f
        .store
        .save(a.id, a.fields.clone(), RevisionReason::Save, Some("до правки редактора"), at(5))
        .unwrap();
    assert_eq!(saved.revision, 2);
    let list = f.store.revisions(&a.id.to_string()).unwrap();
    assert_eq!(list[0].label.as_deref(), Some("до правки редактора"));
}

#[test]
fn autosaves_while_typing_fold_into_one_revision() {
    let f = Fixture::new();
    let a = f.headline("Заголовок", "");
    assert_eq!(body(&f, a.id, "Сто", RevisionReason::Autosave, 1), 2);
    assert_eq!(body(&f, a.id, "Стороны", RevisionReason::Autosave, 2), 2);
    assert_eq!(body(&f, a.id, "Стороны согласовали", RevisionReason::Autosave, 3), 2);
    let folded = f.store.revision(&a.id.to_string(), 2).unwrap();
    assert_eq!(folded.fields.body, "Стороны согласовали");
    assert_eq!(folded.summary.created_at, at(3));
}

#[test]
fn an_autosave_that_deletes_text_keeps_the_text_in_a_revision() {
    let f = Fixture::new();
    let a = f.headline("Заголовок", "");
    body(&f, a.id, "Абзац, который удалят. Абзац, который останется.", RevisionReason::Autosave, 1);
    let after = body(&f, a.id, "Абзац, который останется.", RevisionReason::Autosave, 2);
    assert_eq!(after, 3, "a deletion starts a new revision");
    let before = f.store.revision(&a.id.to_string(), 2).unwrap();
    assert!(before.fields.body.contains("который удалят"));
}

#[test]
fn autosaves_far_apart_are_separate_revisions() {
    let f = Fixture::new();
    let a = f.headline("Заголовок", "");
    body(&f, a.id, "Утро", RevisionReason::Autosave, 1);
    assert_eq!(body(&f, a.id, "Утро и вечер", RevisionReason::Autosave, 300), 3);
}

#[test]
fn restoring_an_old_state_reuses_its_snapshot() {
    let f = Fixture::new();
    let a = f.headline("Заголовок", "Версия А");
    body(&f, a.id, "Версия Б", RevisionReason::Save, 1);
    body(&f, a.id, "Версия А", RevisionReason::Restore, 2);
    let conn = rusqlite::Connection::open(f.path()).unwrap();
    let snapshots: i64 = conn.query_row("SELECT count(*) FROM snapshots", [], |r| r.get(0)).unwrap();
    let revisions: i64 = conn.query_row("SELECT count(*) FROM revisions", [], |r| r.get(0)).unwrap();
    assert_eq!((revisions, snapshots), (3, 2), "identical snapshots are stored once");
}

#[test]
fn a_missing_revision_says_so() {
    let f = Fixture::new();
    let a = f.headline("Заголовок", "");
    let err = f.store.revision(&a.id.to_string(), 7).unwrap_err();
    assert_eq!(err.to_string(), format!("article {} has no revision 7", a.id));
}
