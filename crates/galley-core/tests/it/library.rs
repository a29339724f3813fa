//! The Library's own policy: seeding, revision reasons, publishing, restore.

use std::sync::Arc;

use galley_core::model::{ArticleFields, ArticlePatch, ManualClock, RevisionReason, Status, Timestamp};
use galley_core::{Library, ListView, OpenOptions};

fn library(seed: bool) -> (tempfile::TempDir, Library, Arc<ManualClock>) {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new("2026-11-28T09:00:00Z".parse().unwrap()));
    let library = Library::open_with(
        &dir.path().join("store.sqlite3"),
        clock.clone(),
        OpenOptions { seed_sample: seed },
    )
    .unwrap();
    (dir, library, clock)
}

#[test]
fn a_new_store_is_seeded_once_with_the_sample() {
    let (dir, library, clock) = library(true);
    let list = library.list(None, None, 10).unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].headline.starts_with("Вопросы российско-японского сотрудничества"));
    assert_eq!(list[0].tags, ["Япония", "Регионы/Дальний Восток", "Экономика/Инвестиции"]);
    drop(library);
    let again = Library::open_with(&dir.path().join("store.sqlite3"), clock, OpenOptions::default()).unwrap();
    assert_eq!(again.count().unwrap(), 1, "an existing store is not seeded again");
}

#[test]
fn a_status_change_alone_is_recorded_as_one_and_publishing_stamps_the_time() {
    let (_dir, library, clock) = library(false);
    let a = library.create(ArticleFields { headline: "Новость".into(), ..ArticleFields::default() }).unwrap();
    clock.advance(jiff::SignedDuration::from_mins(5));
    let published = library
        .edit(&a.id.to_string(), ArticlePatch { status: Some(Status::Published), ..ArticlePatch::default() })
        .unwrap();
    let when: Timestamp = "2026-11-28T09:05:00Z".parse().unwrap();
    assert_eq!(published.fields.published_at, Some(when));
    assert_eq!(published.updated_at, when);
    let reasons: Vec<_> = library.revisions(&a.id.to_string()).unwrap().iter().map(|r| r.reason).collect();
    assert_eq!(reasons, [RevisionReason::StatusChange, RevisionReason::Create]);

    clock.advance(jiff::SignedDuration::from_mins(5));
    let edited = library
        .edit(
            &a.id.to_string(),
            ArticlePatch {
                status: Some(Status::Ready),
                headline: Some("Правка".into()),
                ..ArticlePatch::default()
            },
        )
        .unwrap();
    assert_eq!(edited.fields.published_at, Some(when), "the first publication time stays");
    assert_eq!(library.revisions(&a.id.to_string()).unwrap()[0].reason, RevisionReason::Save);
}

#[test]
fn restore_brings_back_the_text_and_keeps_the_slug() {
    let (_dir, library, _clock) = library(false);
    let a = library
        .create(ArticleFields {
            headline: "Первый".into(),
            body: "Старый текст".into(),
            ..ArticleFields::default()
        })
        .unwrap();
    let id = a.id.to_string();
    library
        .edit(
            &id,
            ArticlePatch {
                headline: Some("Второй".into()),
                slug: Some("vtoroi".into()),
                body: Some("Новый".into()),
                status: Some(Status::Editing),
                ..ArticlePatch::default()
            },
        )
        .unwrap();
    let restored = library.restore(&id, 1).unwrap();
    assert_eq!(restored.fields.status, Status::Editing, "the desk status is not part of the text");
    assert_eq!(
        (restored.fields.headline.as_str(), restored.fields.body.as_str()),
        ("Первый", "Старый текст")
    );
    assert_eq!(restored.fields.slug, "vtoroi");
    assert_eq!(restored.revision, 3);
    assert!(
        library.revision(&id, 2).unwrap().fields.body == "Новый",
        "the replaced text is still a revision"
    );
}

#[test]
fn stats_count_what_a_reader_sees() {
    let (_dir, library, _clock) = library(false);
    let a = library
        .create(ArticleFields {
            headline: "Три слова тут".into(),
            body: "## Подзаголовок\n\nТекст со [ссылкой](https://example.ru/very/long/url).\n".into(),
            target_chars: Some(2000),
            ..ArticleFields::default()
        })
        .unwrap();
    let stats = library.stats(&a.id.to_string()).unwrap();
    assert_eq!(stats.headline.words, 3);
    assert_eq!(stats.body.words, 4);
    assert_eq!(stats.total.words, 7);
    assert_eq!(stats.target_chars, Some(2000));
}

#[test]
fn a_query_it_cannot_run_is_a_user_error() {
    let (_dir, library, _clock) = library(false);
    let err = library.search("status:done", 10).unwrap_err();
    assert!(err.is_user_error());
    assert!(err.to_string().contains("draft"), "{err}");
}

#[test]
fn a_list_page_knows_the_size_of_the_whole_list() {
    let (_dir, library, clock) = library(false);
    for n in 0..7 {
        clock.advance(jiff::SignedDuration::from_secs(60));
        let status = if n % 3 == 0 { Status::Ready } else { Status::Draft };
        let tags = if n < 2 { vec!["Регионы/Сахалин".to_owned()] } else { Vec::new() };
        library
            .create(ArticleFields {
                headline: format!("Материал {n}"),
                status,
                tags,
                ..ArticleFields::default()
            })
            .unwrap();
    }
    let page = library.list_page(&ListView::default(), 5, 5).unwrap();
    assert_eq!(page.total, 7);
    assert_eq!(
        page.articles.iter().map(|a| a.headline.as_str()).collect::<Vec<_>>(),
        ["Материал 1", "Материал 0"]
    );
    let ready =
        library.list_page(&ListView { status: Some(Status::Ready), ..ListView::default() }, 0, 1).unwrap();
    assert_eq!((ready.total, ready.articles.len()), (3, 1));
    let regions =
        library.list_page(&ListView { tag: Some("регионы".into()), ..ListView::default() }, 0, 10).unwrap();
    assert_eq!(regions.total, 2, "a parent tag counts its children's articles");
}

#[test]
fn a_pipe_or_a_device_picked_for_import_is_refused_not_waited_on() {
    let (dir, library, _) = library(false);
    let pipe = dir.path().join("from-a-pipe.md");
    assert!(std::process::Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    let zero = dir.path().join("zero.md");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let note = dir.path().join("note.md");
    std::fs::write(&note, "# Пожар на складе\n\nВ Хабаровске горел склад.\n").unwrap();

    // On a thread with a deadline: a read that blocks fails the test instead of hanging it.
    let (sent, received) = std::sync::mpsc::channel();
    let paths = vec![pipe, zero, note];
    std::thread::spawn(move || {
        let outcomes = library.import_files(&paths);
        let _ = sent.send(outcomes.into_iter().map(|o| o.result.map(|f| f.headline)).collect::<Vec<_>>());
    });
    let results = received.recv_timeout(std::time::Duration::from_secs(20)).expect("the import ends");
    let [Err(pipe), Err(zero), Ok(note)] = &results[..] else { panic!("{results:?}") };
    assert!(pipe.to_string().contains("not a regular file"), "{pipe}");
    assert!(zero.to_string().contains("not a regular file"), "{zero}");
    assert_eq!(note, "Пожар на складе");
}

#[test]
fn words_a_save_could_not_keep_are_kept_beside_the_store_and_come_back_as_a_revision() {
    let (dir, library, _) = library(false);
    let article = library
        .create(ArticleFields {
            headline: "Бюджет".into(),
            body: "Сохранено.".into(),
            ..ArticleFields::default()
        })
        .unwrap();
    let typed = ArticleFields {
        body: "Набрано, но не сохранено.".into(),
        note: "звонок".into(),
        ..article.fields.clone()
    };
    let kept = library.keep_unsaved(article.id, &typed).unwrap();
    assert_eq!(kept.parent().unwrap(), dir.path().join("store-unsaved"));
    assert_eq!(library.unsaved().unwrap(), std::slice::from_ref(&kept));
    // Kept again with more words: the same file, the newer text.
    let more = ArticleFields {
        body: "Набрано, но не сохранено. Ещё.".into(), ..typed.clone()
    };
    library.keep_unsaved(article.id, &more).unwrap();
    assert_eq!(library.unsaved().unwrap().len(), 1);

    let outcomes = library.restore_unsaved().unwrap();
    assert!(outcomes.iter().all(|o| o.result.is_ok()), "{outcomes:?}");
    let restored = library.article(&article.id.to_string()).unwrap();
    assert_eq!(restored.fields.body, "Набрано, но не сохранено. Ещё.");
    assert_eq!(restored.fields.note, "звонок", "the note comes back too");
    assert!(library.unsaved().unwrap().is_empty(), "a stored text's file is removed");

    // A save that succeeds makes the kept text redundant.
    library.keep_unsaved(article.id, &typed).unwrap();
    library.forget_unsaved(article.id).unwrap();
    library.forget_unsaved(article.id).unwrap();
    assert!(library.unsaved().unwrap().is_empty());
}

#[test]
fn words_the_folder_beside_the_store_cannot_take_go_to_the_fallback_and_come_back_from_there() {
    let (dir, library, _) = library(false);
    let article = library
        .create(ArticleFields {
            headline: "Диск полон".into(),
            body: "Сохранено.".into(),
            ..ArticleFields::default()
        })
        .unwrap();
    let fallback = dir.path().join("elsewhere").join("unsaved");
    library.set_unsaved_fallback(Some(fallback.clone()));
    // The folder beside the store cannot be made (as on a full or read-only drive).
    std::fs::write(library.unsaved_folder(), "not a folder").unwrap();
    let typed = ArticleFields {
        body: "Набрано на полном диске.".into(), ..article.fields.clone()
    };
    let kept = library.keep_unsaved(article.id, &typed).unwrap();
    assert_eq!(kept.parent().unwrap(), fallback, "the words went to the fallback folder");
    assert_eq!(library.unsaved().unwrap(), std::slice::from_ref(&kept));

    // The drive takes them again: the newer words go beside the store and the older copy goes.
    std::fs::remove_file(library.unsaved_folder()).unwrap();
    let newer = ArticleFields {
        body: "Набрано на полном диске. И потом.".into(), ..typed.clone()
    };
    let beside = library.keep_unsaved(article.id, &newer).unwrap();
    assert_eq!(beside.parent().unwrap(), library.unsaved_folder());
    assert_eq!(library.unsaved().unwrap(), std::slice::from_ref(&beside), "only the newest words are kept");

    // Kept in the fallback at the end of a session, they come back from there at the next start.
    library.forget_unsaved(article.id).unwrap();
    std::fs::remove_dir(library.unsaved_folder()).unwrap();
    std::fs::write(library.unsaved_folder(), "not a folder").unwrap();
    library.keep_unsaved(article.id, &newer).unwrap();
    let outcomes = library.restore_unsaved().unwrap();
    assert!(outcomes.iter().all(|o| o.result.is_ok()), "{outcomes:?}");
    assert_eq!(library.article(&article.id.to_string()).unwrap().fields.body, newer.body);
    assert!(library.unsaved().unwrap().is_empty(), "the file in the fallback folder is removed once stored");

    // Neither folder can take them: the error is the one beside the store.
    library.set_unsaved_fallback(Some(dir.path().join("elsewhere-file")));
    std::fs::write(dir.path().join("elsewhere-file"), "").unwrap();
    let err = library.keep_unsaved(article.id, &newer).unwrap_err().to_string();
    assert!(err.contains("store-unsaved"), "{err}");
}

#[test]
fn words_typed_into_an_article_removed_elsewhere_are_kept_and_make_it_again() {
    let (_dir, library, _) = library(false);
    // Removed elsewhere: galley-cli puts back a backup made before the article existed.
    let before = library.backup(galley_core::BackupKind::Manual, None).unwrap();
    let article = library
        .create(ArticleFields {
            headline: "Исчезнувший".into(),
            body: "Первый абзац.".into(),
            ..ArticleFields::default()
        })
        .unwrap();
    library.restore_backup(&before.path).unwrap();
    let typed = ArticleFields {
        body: "Первый абзац. Второй, набранный после.".into(),
        ..article.fields.clone()
    };
    let failed = library.autosave_based_on(&article.id.to_string(), article.revision, typed.clone());
    assert!(failed.is_err(), "the save fails: the article is gone");

    // The desk keeps the words; the next start (or the retry's restore) makes the article again.
    library.keep_unsaved(article.id, &typed).unwrap();
    let outcomes = library.restore_unsaved().unwrap();
    assert!(outcomes.iter().all(|o| o.result.is_ok()), "{outcomes:?}");
    let back = library.article(&article.id.to_string()).unwrap();
    assert_eq!(
        (back.fields.headline.as_str(), back.fields.body.as_str()),
        ("Исчезнувший", typed.body.as_str())
    );
}

#[test]
fn each_store_has_its_own_fallback_folder_for_unsaved_words() {
    let a =
        galley_core::unsaved_fallback_folder(std::path::Path::new("/media/usb/newsroom.sqlite3")).unwrap();
    let b = galley_core::unsaved_fallback_folder(std::path::Path::new("/home/me/newsroom.sqlite3")).unwrap();
    assert_ne!(a, b);
    assert!(a.file_name().unwrap().to_string_lossy().starts_with("newsroom-"));
    assert_eq!(a.parent(), b.parent());
}

/// The kept file is written as the `.md` export is, without the keys the article's own file did
/// not have: what the editor changed is in it all the same, and the rest comes back as stored.
#[test]
fn words_kept_for_an_article_from_a_note_come_back_with_the_headline_typed_and_the_slug_stored() {
    let (dir, library, _) = library(false);
    let note = dir.path().join("note.md");
    std::fs::write(&note, "# Заметка\n\nТекст.\n").unwrap();
    let id = library.import_files(&[note]).remove(0).result.unwrap().id;
    library.set_status(&id.to_string(), Status::Editing).unwrap();
    let article = library.article(&id.to_string()).unwrap();
    let typed = ArticleFields {
        headline: "Заметка, переписанная".into(),
        language: "en".into(),
        body: "Text typed, not saved.\n".into(),
        ..article.fields.clone()
    };
    library.keep_unsaved(id, &typed).unwrap();
    let outcomes = library.restore_unsaved().unwrap();
    assert!(outcomes.iter().all(|o| o.result.is_ok()), "{outcomes:?}");
    let restored = library.article(&id.to_string()).unwrap();
    assert_eq!(restored.fields.headline, "Заметка, переписанная");
    assert_eq!(restored.fields.language, "en");
    assert_eq!(restored.fields.body, "Text typed, not saved.\n");
    assert_eq!((restored.fields.slug, restored.fields.status), (article.fields.slug, Status::Editing));
}

#[test]
fn an_autosave_over_a_change_made_elsewhere_keeps_both_and_names_the_other() {
    let (_dir, library, _clock) = library(false);
    let opened =
        library.create(ArticleFields { headline: "Заседание".into(), ..ArticleFields::default() }).unwrap();

    // The editor's own saves follow each other: nothing was saved over.
    let mut edited = opened.fields.clone();
    edited.body = "Первый абзац.".into();
    let first = library.autosave_based_on(&opened.id.to_string(), opened.revision, edited.clone()).unwrap();
    assert_eq!(first.saved_over, None);

    // Meanwhile another process (galley-cli, another window) changes the dek.
    let elsewhere = library
        .edit(
            &opened.id.to_string(),
            ArticlePatch {
                dek: Some("Подзаголовок из скрипта".into()), ..ArticlePatch::default()
            },
        )
        .unwrap();

    // The editor, still based on its own save, saves again: its words are stored, and the answer
    // names the revision holding the other change, which the revisions keep.
    edited.body = "Первый абзац. Второй.".into();
    let second = library.autosave_based_on(&opened.id.to_string(), first.article.revision, edited).unwrap();
    assert_eq!(second.saved_over, Some(elsewhere.revision));
    assert_eq!(second.article.fields.body, "Первый абзац. Второй.");
    let kept = library.revision(&opened.id.to_string(), elsewhere.revision).unwrap();
    assert_eq!(kept.fields.dek, "Подзаголовок из скрипта");
}
