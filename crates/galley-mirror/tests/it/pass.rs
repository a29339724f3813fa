//! Passes over real folders: every kind of change on either side, conflicts and bad files.

use galley_core::model::{ArticleFields, ArticlePatch, RevisionReason, Status, markdown_file};
use galley_mirror::{Change, Kept, Mirror, Scope};

use crate::support::Desk;

/// A desk whose folder holds the sample article's file; its name and the article's slug.
fn linked_sample() -> (Desk, String, String) {
    let mut desk = Desk::new();
    desk.pass();
    let name = sample_file(&desk);
    let slug = name.trim_end_matches(".md").to_owned();
    (desk, name, slug)
}

fn sample_file(desk: &Desk) -> String {
    let files = desk.files();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn linking_writes_every_article_as_its_slug_and_reads_back_the_same() {
    let mut desk = Desk::new();
    let changes = desk.pass();
    let name = sample_file(&desk);
    let article = desk.article(name.trim_end_matches(".md"));
    assert_eq!(name, format!("{}.md", article.fields.slug));
    assert!(matches!(&changes[..], [Change::Wrote { path, .. }] if *path == name), "{changes:?}");

    let text = desk.read(&name);
    assert!(text.starts_with(&format!("---\nid: {}\n", article.id)), "{text}");
    let parsed = markdown_file::parse(&text).unwrap();
    assert_eq!(parsed.draft.fields, article.fields, "the file holds every field");
    assert!(desk.pass().is_empty(), "a second pass finds nothing to do");
    assert_eq!(desk.reasons(&name.replace(".md", "")), [RevisionReason::Import], "no revision was made");
}

#[test]
fn a_new_file_becomes_an_article_and_is_given_its_id() {
    let mut desk = Desk::with(false);
    desk.write("заметка.md", "# Пожар на складе\n\nВ Хабаровске горел склад.\n");
    let changes = desk.pass();
    let [Change::Created { path, id, headline, given_id: true }] = &changes[..] else {
        panic!("{changes:?}")
    };
    assert_eq!((path.as_str(), headline.as_str()), ("заметка.md", "Пожар на складе"));
    let article = desk.article(&id.to_string());
    assert_eq!(article.fields.body, "В Хабаровске горел склад.\n");
    let text = desk.read("заметка.md");
    assert!(text.contains(&format!("id: {id}")), "the id was written into the file: {text}");
    assert_eq!(desk.files(), ["заметка.md"], "the file keeps its name");
    assert!(desk.pass().is_empty(), "writing the id in is not read back as a change");
}

#[test]
fn a_changed_file_becomes_a_revision_and_keeps_the_note() {
    let (mut desk, name, slug) = linked_sample();
    desk.library
        .edit(
            &slug,
            ArticlePatch {
                note: Some("позвонить в пресс-службу".into()), ..ArticlePatch::default()
            },
        )
        .unwrap();
    assert!(desk.push().is_empty(), "the note is not in the file, so the file stays as it is");

    let text = desk.read(&name) + "\nМинистр Галушка ответил на вопросы.\n";
    desk.write(&name, &text);
    let changes = desk.pass();
    assert!(matches!(&changes[..], [Change::Updated { path, .. }] if *path == name), "{changes:?}");
    let article = desk.article(&slug);
    assert!(article.fields.body.ends_with("Министр Галушка ответил на вопросы.\n"));
    assert_eq!(article.fields.note, "позвонить в пресс-службу");
    assert_eq!(desk.reasons(&slug)[0], RevisionReason::ExternalEdit);
    assert_eq!(desk.read(&name), text, "Galley did not rewrite the file it read");
    assert!(desk.pass().is_empty());
}

#[test]
fn changes_made_in_galley_are_written_and_spiking_removes_the_file_until_it_comes_back() {
    let (mut desk, name, slug) = linked_sample();
    desk.library
        .edit(&slug, ArticlePatch { dek: Some("Новый подзаголовок".into()), ..Default::default() })
        .unwrap();
    let changes = desk.push();
    assert!(matches!(&changes[..], [Change::Wrote { .. }]), "{changes:?}");
    assert!(desk.read(&name).contains("dek: Новый подзаголовок"));

    desk.library.set_status(&slug, Status::Spiked).unwrap();
    let changes = desk.push();
    assert!(matches!(&changes[..], [Change::Removed { .. }]), "{changes:?}");
    assert!(desk.files().is_empty(), "a spiked article has no file");

    desk.library.set_status(&slug, Status::Editing).unwrap();
    desk.push();
    assert_eq!(desk.files(), std::slice::from_ref(&name));
    assert!(desk.read(&name).contains("status: editing"));
}

#[test]
fn a_tag_renamed_in_galley_reaches_the_files_that_carry_it() {
    let mut desk = Desk::new();
    desk.pass();
    let name = sample_file(&desk);
    desk.library.rename_tag("Япония", "Страны/Япония").unwrap();
    let changes = desk.push();
    assert!(matches!(&changes[..], [Change::Wrote { .. }]), "{changes:?}");
    assert!(desk.read(&name).contains("Страны/Япония"), "{}", desk.read(&name));
}

#[test]
fn a_deleted_file_spikes_its_article_and_restoring_the_file_brings_it_back() {
    let (mut desk, name, slug) = linked_sample();
    let text = desk.read(&name);
    std::fs::remove_file(desk.file(&name)).unwrap();
    let changes = desk.pass();
    assert!(matches!(&changes[..], [Change::Spiked { .. }]), "{changes:?}");
    let article = desk.article(&slug);
    assert_eq!(article.fields.status, Status::Spiked, "spiked, not deleted");
    assert!(!article.fields.body.is_empty());
    assert!(desk.pass().is_empty(), "a spiked article's file is not written again");

    desk.write(&name, &text);
    let changes = desk.pass();
    assert!(matches!(&changes[..], [Change::Updated { .. }]), "{changes:?}");
    assert_eq!(desk.article(&slug).fields.status, Status::Draft, "the file's status is back");
}

#[test]
fn a_renamed_file_is_the_same_article_and_a_copy_becomes_a_new_one() {
    let (mut desk, name, slug) = linked_sample();
    let id = desk.article(&slug).id;
    std::fs::create_dir(desk.file("Архив")).unwrap();
    std::fs::rename(desk.file(&name), desk.file("Архив/токио.md")).unwrap();
    let changes = desk.pass();
    let [Change::Moved { from, to, id: moved, .. }] = &changes[..] else { panic!("{changes:?}") };
    assert_eq!((from.as_str(), to.as_str(), *moved), (name.as_str(), "Архив/токио.md", id));
    assert_eq!(desk.article(&slug).fields.status, Status::Draft, "a rename is not a deletion");
    assert_eq!(desk.reasons(&slug), [RevisionReason::Import], "and no revision");

    std::fs::copy(desk.file("Архив/токио.md"), desk.file("копия.md")).unwrap();
    let changes = desk.pass();
    let [Change::Created { id: copy, given_id: true, .. }] = &changes[..] else { panic!("{changes:?}") };
    assert_ne!(*copy, id);
    assert!(desk.read("копия.md").contains(&format!("id: {copy}")), "the copy got an id of its own");
    assert_eq!(desk.library.count().unwrap(), 2);
}

#[test]
fn a_file_that_cannot_be_read_keeps_the_last_good_version_and_is_never_overwritten() {
    let (mut desk, name, slug) = linked_sample();
    let before = desk.article(&slug);
    let broken = desk.read(&name).replacen("headline:", "headline: [не закрыто", 1);
    desk.write(&name, &broken);
    let changes = desk.pass();
    let [Change::Problem { path, message }] = &changes[..] else { panic!("{changes:?}") };
    assert_eq!(path, &name);
    assert!(message.contains("cannot be read"), "{message}");
    assert_eq!(desk.article(&slug).fields, before.fields, "the last good version stays");
    assert!(desk.pass().is_empty(), "the problem is reported once");

    desk.library
        .edit(&slug, ArticlePatch { dek: Some("Правка в Galley".into()), ..Default::default() })
        .unwrap();
    let changes = desk.push();
    assert!(changes.iter().all(|c| !matches!(c, Change::Wrote { .. })), "{changes:?}");
    assert_eq!(desk.read(&name), broken, "the broken file is left for its author to fix");

    // Put back as it was, the file can take Galley's change.
    let fixed = broken.replacen("headline: [не закрыто", "headline:", 1);
    desk.write(&name, &fixed);
    let changes = desk.mirror.pass(&desk.library, Scope::Paths(vec![desk.file(&name)])).unwrap();
    assert!(matches!(&changes[..], [Change::Wrote { .. }]), "{changes:?}");
    assert!(desk.read(&name).contains("dek: Правка в Galley"));

    // Fixed with other words while Galley changed too: both survive.
    desk.write(&name, &broken);
    desk.pass();
    desk.library
        .edit(&slug, ArticlePatch { dek: Some("Вторая правка".into()), ..Default::default() })
        .unwrap();
    desk.write(&name, &fixed.replace("dek: Правка в Galley", "dek: Правка в файле"));
    let changes = desk.pass();
    assert!(matches!(&changes[..], [Change::Conflict { .. }]), "{changes:?}");
}

#[test]
fn when_both_sides_change_both_versions_survive_until_the_user_chooses() {
    let (mut desk, name, slug) = linked_sample();
    desk.library
        .edit(&slug, ArticlePatch { dek: Some("Версия Galley".into()), ..Default::default() })
        .unwrap();
    let from_disk = desk.read(&name).replacen("---\n", "---\ndek: Версия из файла\n", 1);
    // A line added at the top: the order of a hand-edited header does not matter.
    desk.write(&name, &from_disk);
    let changes = desk.pass();
    let [Change::Conflict { revision: Some(revision), .. }] = &changes[..] else { panic!("{changes:?}") };
    assert_eq!(desk.article(&slug).fields.dek, "Версия Galley", "Galley's version stays current");
    let kept = desk.library.revision(&slug, *revision).unwrap();
    assert_eq!(kept.summary.reason, RevisionReason::Conflict);
    assert_eq!(kept.fields.dek, "Версия из файла", "the file's version is a revision");
    assert_eq!(desk.read(&name), from_disk, "the file is not rewritten before the user chooses");

    desk.library.edit(&slug, ArticlePatch { lead: Some("Ещё правка".into()), ..Default::default() }).unwrap();
    assert!(desk.push().is_empty(), "nor after more edits in Galley");
    assert_eq!(Mirror::conflicts(&desk.library).unwrap().len(), 1);

    let changes = desk.mirror.resolve(&desk.library, desk.article(&slug).id, Kept::Galley).unwrap();
    assert!(matches!(&changes[..], [Change::Resolved { kept: Kept::Galley, .. }]), "{changes:?}");
    assert!(desk.read(&name).contains("dek: Версия Galley"));
    assert!(Mirror::conflicts(&desk.library).unwrap().is_empty());
    assert!(desk.pass().is_empty());
}

#[test]
fn choosing_the_file_makes_its_version_current() {
    let (mut desk, name, slug) = linked_sample();
    desk.library
        .edit(&slug, ArticlePatch { dek: Some("Версия Galley".into()), ..Default::default() })
        .unwrap();
    let from_disk = desk.read(&name).replacen("---\n", "---\ndek: Версия из файла\n", 1);
    desk.write(&name, &from_disk);
    desk.pass();
    let id = desk.article(&slug).id;
    let changes = desk.mirror.resolve(&desk.library, id, Kept::File).unwrap();
    assert!(matches!(&changes[..], [Change::Resolved { kept: Kept::File, .. }]), "{changes:?}");
    assert_eq!(desk.article(&slug).fields.dek, "Версия из файла");
    assert_eq!(desk.read(&name), from_disk);
    assert!(desk.pass().is_empty(), "in step again");
    let err = desk.mirror.resolve(&desk.library, id, Kept::File).unwrap_err();
    assert!(err.to_string().contains("no conflict"), "{err}");
}

#[test]
fn a_file_deleted_while_galley_changed_its_article_is_a_conflict_not_a_spike() {
    let (mut desk, name, slug) = linked_sample();
    desk.library
        .edit(&slug, ArticlePatch { dek: Some("Свежая правка".into()), ..Default::default() })
        .unwrap();
    std::fs::remove_file(desk.file(&name)).unwrap();
    let changes = desk.pass();
    assert!(matches!(&changes[..], [Change::Conflict { revision: None, .. }]), "{changes:?}");
    assert_eq!(desk.article(&slug).fields.status, Status::Draft);
    assert!(desk.files().is_empty(), "not written back before the user chooses");
    desk.mirror.resolve(&desk.library, desk.article(&slug).id, Kept::Galley).unwrap();
    assert_eq!(desk.files(), [name]);
}

#[test]
fn a_pass_interrupted_after_writing_a_file_converges_without_a_conflict() {
    let (mut desk, name, slug) = linked_sample();
    let article = desk
        .library
        .edit(&slug, ArticlePatch { dek: Some("Записано".into()), ..Default::default() })
        .unwrap();
    // As if a pass wrote the file and was killed before recording it.
    desk.write(&name, &galley_mirror::file_text(&article));
    let changes = desk.pass();
    assert!(changes.is_empty(), "{changes:?}");
    assert!(Mirror::conflicts(&desk.library).unwrap().is_empty());
}

#[test]
fn relinking_a_folder_with_older_versions_updates_the_files_and_keeps_real_differences() {
    let (mut desk, name, slug) = linked_sample();
    desk.library.unlink_mirror().unwrap();
    desk.library
        .edit(
            &slug,
            ArticlePatch {
                dek: Some("Пока папка была отвязана".into()), ..Default::default()
            },
        )
        .unwrap();
    desk.write("свой.md", "# Чужой файл\n\nТекст.\n");
    let folder = desk.folder();
    desk.mirror = Mirror::link(&desk.library, &folder).unwrap();
    let changes = desk.pass();
    assert!(changes.iter().any(|c| matches!(c, Change::Wrote { path, .. } if *path == name)), "{changes:?}");
    assert!(desk.read(&name).contains("dek: Пока папка была отвязана"), "an older Galley version is updated");
    assert!(Mirror::conflicts(&desk.library).unwrap().is_empty());

    // A file that says something Galley never had is not overwritten without a record.
    desk.library.unlink_mirror().unwrap();
    let text = desk.read(&name).replace("Пока папка была отвязана", "Правка в файле");
    desk.write(&name, &text);
    desk.mirror = Mirror::link(&desk.library, &folder).unwrap();
    let changes = desk.pass();
    assert!(matches!(&changes[..], [Change::Conflict { .. }]), "{changes:?}");
    assert_eq!(desk.read(&name), text);
}

#[test]
fn a_missing_folder_changes_nothing() {
    let mut desk = Desk::new();
    desk.pass();
    let moved = desk.dir.path().join("elsewhere");
    std::fs::rename(desk.folder(), &moved).unwrap();
    let err = desk.mirror.pass(&desk.library, Scope::Full).unwrap_err();
    assert!(err.to_string().contains("is not there"), "{err}");
    assert_eq!(desk.library.list(None, None, 10).unwrap().len(), 1, "nothing was spiked");
}

#[test]
fn a_store_linked_to_one_folder_refuses_another() {
    let desk = Desk::new();
    let other = desk.dir.path().join("other");
    let err = Mirror::link(&desk.library, &other).err().unwrap();
    assert!(err.to_string().contains("unlink it first"), "{err}");
}

#[test]
fn files_from_another_galley_keep_their_ids_and_fields() {
    let mut desk = Desk::with(false);
    let id = galley_core::model::ArticleId::new("2026-11-01T00:00:00Z".parse().unwrap());
    let fields = ArticleFields {
        headline: "Снег в Москве".into(),
        slug: "sneg".into(),
        body: "Первый снег.\n".into(),
        tags: vec!["Погода".into()],
        ..ArticleFields::default()
    };
    desk.write(
        "sneg.md",
        &markdown_file::write_for_folder(id, &fields, "2026-11-01T00:00:00Z".parse().unwrap()),
    );
    let changes = desk.pass();
    assert!(matches!(&changes[..], [Change::Created { given_id: false, .. }]), "{changes:?}");
    let article = desk.article(&id.to_string());
    assert_eq!(article.fields.tags, ["Погода"]);
    assert!(desk.pass().is_empty(), "the file already says what Galley would write");
}

#[test]
fn two_files_that_swap_names_stay_their_articles() {
    let mut desk = Desk::with(false);
    desk.write("a.md", "# Первая\n\nТекст А.\n");
    desk.write("b.md", "# Вторая\n\nТекст Б.\n");
    desk.pass();
    let id_in = |desk: &Desk, name: &str| desk.read(name).lines().nth(1).unwrap().to_owned();
    let (a, b) = (id_in(&desk, "a.md"), id_in(&desk, "b.md"));
    std::fs::rename(desk.file("a.md"), desk.file("swap.md")).unwrap();
    std::fs::rename(desk.file("b.md"), desk.file("a.md")).unwrap();
    std::fs::rename(desk.file("swap.md"), desk.file("b.md")).unwrap();
    let changes = desk.pass();
    assert!(changes.iter().all(|c| matches!(c, Change::Moved { .. })), "{changes:?}");
    assert_eq!((id_in(&desk, "a.md"), id_in(&desk, "b.md")), (b, a), "each file kept its id");
    assert_eq!(desk.library.count().unwrap(), 2, "no copies");
    assert!(desk.library.list(Some(Status::Spiked), None, 10).unwrap().is_empty(), "nothing spiked");
}

#[test]
fn an_empty_folder_without_its_marker_is_an_unmounted_share_not_every_file_deleted() {
    let mut desk = Desk::new();
    desk.pass();
    // The share is unmounted: its mount point is an empty folder.
    let folder = desk.folder();
    std::fs::remove_dir_all(&folder).unwrap();
    std::fs::create_dir(&folder).unwrap();
    let err = desk.mirror.pass(&desk.library, Scope::Full).unwrap_err();
    assert!(err.to_string().contains("not mounted"), "{err}");
    assert!(desk.library.list(Some(Status::Spiked), None, 10).unwrap().is_empty(), "nothing spiked");
}

#[test]
fn settling_a_conflict_never_touches_a_file_changed_again_since() {
    let (mut desk, name, slug) = linked_sample();
    desk.library
        .edit(&slug, ArticlePatch { dek: Some("Версия Galley".into()), ..Default::default() })
        .unwrap();
    desk.write(&name, &desk.read(&name).replacen("---\n", "---\ndek: Версия файла\n", 1));
    desk.pass();
    // Edited again, and left broken, before the user chose.
    let broken = desk.read(&name).replacen("headline:", "headline: [не закрыто", 1);
    desk.write(&name, &broken);
    let id = desk.article(&slug).id;
    desk.mirror.resolve(&desk.library, id, Kept::Galley).unwrap();
    assert_eq!(desk.read(&name), broken, "the file's newest words are not overwritten");
    assert_eq!(Mirror::conflicts(&desk.library).unwrap().len(), 1, "the conflict still waits");
}
