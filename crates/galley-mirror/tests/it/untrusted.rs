//! The mirror folder is shared with other people, so what is in it is untrusted: links, pipes,
//! huge files and names Galley cannot keep are each refused as that entry's problem, never
//! followed, never read past the cap, and never a reason for the other files to stop.

use std::os::unix::fs::symlink;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use galley_core::model::{ArticleFields, ArticlePatch};
use galley_mirror::{Change, Mirror, Scope};

use crate::support::Desk;

/// A pass in a process's second mirror, which fails the test instead of hanging it when the pass
/// blocks (a read of a pipe or of `/dev/zero`).
fn pass_within(desk: &Desk, scope: Scope) -> Vec<Change> {
    let library = desk.library.clone();
    let (sent, received) = mpsc::channel();
    std::thread::spawn(move || {
        let changes = Mirror::open(&library).and_then(|mut mirror| mirror.pass(&library, scope));
        let _ = sent.send(changes);
    });
    match received.recv_timeout(Duration::from_secs(20)) {
        Ok(changes) => changes.expect("the pass runs"),
        Err(_) => panic!("the pass did not end within 20 s: it blocked on an entry of the folder"),
    }
}

/// The one problem reported for `path`.
#[track_caller]
fn problem_of<'a>(changes: &'a [Change], path: &str) -> &'a str {
    let problems: Vec<&str> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Problem { path: p, message } if p == path => Some(message.as_str()),
            _ => None,
        })
        .collect();
    let [message] = problems[..] else { panic!("one problem for {path} expected: {changes:?}") };
    message
}

fn headlines(desk: &Desk) -> Vec<String> {
    desk.library.list(None, None, 100).unwrap().into_iter().map(|a| a.headline).collect()
}

fn secret(dir: &Path) -> std::path::PathBuf {
    let outside = dir.join("secret");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\nсекрет\n").unwrap();
    outside
}

#[test]
fn a_link_to_a_file_outside_the_folder_is_refused_and_never_read() {
    let mut desk = Desk::with(false);
    let outside = secret(desk.dir.path());
    symlink(outside.join("id_rsa"), desk.file("notes.md")).unwrap();
    desk.write("заметка.md", "# Пожар на складе\n\nВ Хабаровске горел склад.\n");

    let changes = desk.pass();
    assert!(problem_of(&changes, "notes.md").contains("symbolic link"), "{changes:?}");
    assert_eq!(headlines(&desk), ["Пожар на складе"], "the other file came in, the link did not");
    assert!(desk.file("notes.md").symlink_metadata().unwrap().is_symlink(), "the link is left as it is");
    let key = std::fs::read_to_string(outside.join("id_rsa")).unwrap();
    assert!(!key.contains("id:"), "nothing was written through the link: {key}");
    assert!(desk.pass().is_empty(), "the problem is reported once");

    assert_eq!(desk.mirror.problems().len(), 1, "it stays among the folder's problems");
    // An event naming it, in a process that did not see it before.
    let changes = pass_within(&desk, Scope::Paths(vec![desk.file("notes.md")]));
    assert!(problem_of(&changes, "notes.md").contains("symbolic link"), "{changes:?}");
}

#[test]
fn a_link_to_a_device_is_refused_without_reading_it() {
    let desk = Desk::with(false);
    symlink("/dev/zero", desk.file("zero.md")).unwrap();
    let changes = pass_within(&desk, Scope::Full);
    assert!(problem_of(&changes, "zero.md").contains("symbolic link"), "{changes:?}");
}

#[test]
fn a_folder_swapped_for_a_link_to_outside_is_neither_read_nor_written() {
    let mut desk = Desk::with(false);
    std::fs::create_dir(desk.file("Регионы")).unwrap();
    desk.write("Регионы/мост.md", "# Мост через Амур\n\nМост откроют весной.\n");
    let changes = desk.pass();
    let [Change::Created { id, .. }] = changes[..] else { panic!("{changes:?}") };

    // Someone replaces the folder with a link to a folder outside that holds a file of that name.
    let outside = desk.dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("мост.md"), "# Чужой файл\n\nНе для Galley.\n").unwrap();
    std::fs::write(outside.join("новый.md"), "# Новый чужой\n\nТоже не для Galley.\n").unwrap();
    std::fs::rename(desk.file("Регионы"), desk.dir.path().join("moved-away")).unwrap();
    symlink(&outside, desk.file("Регионы")).unwrap();

    let changes = desk.pass();
    assert!(problem_of(&changes, "Регионы").contains("symbolic link"), "{changes:?}");
    let changes = desk
        .mirror
        .pass(&desk.library, Scope::Paths(vec![desk.file("Регионы"), desk.file("Регионы/новый.md")]))
        .unwrap();
    assert!(changes.iter().all(|c| matches!(c, Change::Problem { .. })), "{changes:?}");
    assert_eq!(headlines(&desk), ["Мост через Амур"], "nothing came in through the link, nothing was spiked");

    // A change in Galley is not written through the link either.
    desk.library
        .edit(&id.to_string(), ArticlePatch { dek: Some("Правка".into()), ..Default::default() })
        .unwrap();
    let changes = desk.push();
    assert!(changes.iter().all(|c| !matches!(c, Change::Wrote { .. })), "{changes:?}");
    assert_eq!(std::fs::read_to_string(outside.join("мост.md")).unwrap(), "# Чужой файл\n\nНе для Galley.\n");
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 2, "no file was made outside");
}

#[test]
fn a_pipe_named_like_an_article_does_not_hang_the_mirror() {
    let mut desk = Desk::with(false);
    let made = std::process::Command::new("mkfifo").arg(desk.file("x.md")).status().unwrap();
    assert!(made.success());

    let changes = pass_within(&desk, Scope::Full);
    assert!(problem_of(&changes, "x.md").contains("not a regular file"), "{changes:?}");
    let changes = pass_within(&desk, Scope::Paths(vec![desk.file("x.md")]));
    assert!(problem_of(&changes, "x.md").contains("not a regular file"), "{changes:?}");

    // The mirror's lock was not left held: the next pass takes a new file.
    desk.write("заметка.md", "# Пожар на складе\n\nВ Хабаровске горел склад.\n");
    let changes = desk.pass();
    assert!(changes.iter().any(|c| matches!(c, Change::Created { .. })), "{changes:?}");
}

#[test]
fn a_huge_file_at_the_name_a_new_article_would_take_does_not_stop_the_mirror() {
    let mut desk = Desk::with(false);
    // Sparse: a file over the cap at the name the article's slug gives, costing no disk.
    let huge = std::fs::File::create(desk.file("byudzhet.md")).unwrap();
    huge.set_len(galley_import::MAX_FILE_BYTES + 1).unwrap();

    let changes = desk.pass();
    assert!(problem_of(&changes, "byudzhet.md").contains("Galley reads files up to"), "{changes:?}");
    desk.library
        .create(ArticleFields {
            headline: "Бюджет".into(),
            slug: "byudzhet".into(),
            ..ArticleFields::default()
        })
        .unwrap();
    let changes = desk.push();
    assert!(
        changes.iter().any(|c| matches!(c, Change::Wrote { path, .. } if path == "byudzhet-2.md")),
        "the article takes the next free name: {changes:?}"
    );
    assert_eq!(desk.file("byudzhet.md").metadata().unwrap().len(), galley_import::MAX_FILE_BYTES + 1);
}

#[test]
fn a_name_that_is_not_unicode_is_reported_not_skipped_silently() {
    use std::os::unix::ffi::OsStrExt;
    let mut desk = Desk::with(false);
    let name = std::ffi::OsStr::from_bytes(b"\xc0\xafnotes.md");
    std::fs::write(desk.folder().join(name), "# Заметка\n").unwrap();
    desk.write("заметка.md", "# Пожар на складе\n\nВ Хабаровске горел склад.\n");
    let changes = desk.pass();
    let problems: Vec<&Change> = changes.iter().filter(|c| matches!(c, Change::Problem { .. })).collect();
    let [Change::Problem { path, message }] = problems[..] else { panic!("{changes:?}") };
    assert!(path.ends_with("notes.md") && message.contains("not valid Unicode"), "{path}: {message}");
    assert_eq!(headlines(&desk), ["Пожар на складе"]);
}
