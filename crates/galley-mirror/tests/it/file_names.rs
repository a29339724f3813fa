//! Names in a folder shared with colleagues on Windows and macOS: Galley writes only names every
//! system can hold, never one that another name in the folder equals there (case, Unicode
//! normalisation), and reports two files that would be one file there instead of mirroring both.

use galley_core::model::{ArticleFields, Status};
use galley_mirror::{Change, Scope};

use crate::support::Desk;

fn create(desk: &Desk, headline: &str) -> String {
    let article =
        desk.library.create(ArticleFields { headline: headline.into(), ..ArticleFields::default() }).unwrap();
    article.id.to_string()
}

fn written(changes: &[Change]) -> Vec<&str> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::Wrote { path, .. } => Some(path.as_str()),
            _ => None,
        })
        .collect()
}

fn problems(changes: &[Change]) -> Vec<(&str, &str)> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::Problem { path, message } => Some((path.as_str(), message.as_str())),
            _ => None,
        })
        .collect()
}

fn headlines(desk: &Desk) -> Vec<String> {
    let mut headlines: Vec<String> =
        desk.library.list(None, None, 100).unwrap().into_iter().map(|a| a.headline).collect();
    headlines.sort();
    headlines
}

#[test]
fn a_headline_that_makes_a_windows_device_name_gets_a_name_windows_can_hold() {
    let mut desk = Desk::with(false);
    // «Нуль» transliterates to `nul`: `nul.md` is the device NUL on Windows, in any case and
    // with any extension.
    let nul = create(&desk, "Нуль");
    let con = create(&desk, "Con");
    let com = create(&desk, "COM1");
    let mut changes = written(&desk.push()).into_iter().map(str::to_owned).collect::<Vec<_>>();
    changes.sort();
    assert_eq!(changes, ["com1-2.md", "con-2.md", "nul-2.md"]);
    assert_eq!(desk.files(), ["com1-2.md", "con-2.md", "nul-2.md"]);
    assert_eq!(desk.article(&nul).fields.slug, "nul", "the slug stays what the headline gives");
    for id in [nul, con, com] {
        assert_ne!(desk.article(&id).fields.status, Status::Spiked);
    }
    assert!(desk.pass().is_empty(), "the names hold: nothing to do");
}

#[test]
fn files_with_windows_device_names_written_by_others_are_read_as_usual() {
    let mut desk = Desk::with(false);
    desk.write("nul.md", "# Нуль\n\nФайл коллеги с Linux.\n");
    desk.write("AUX.md", "# Вспомогательный\n\nТоже.\n");
    let changes = desk.pass();
    assert_eq!(changes.iter().filter(|c| matches!(c, Change::Created { given_id: true, .. })).count(), 2);
    assert!(problems(&changes).is_empty(), "{changes:?}");
    assert_eq!(headlines(&desk), ["Вспомогательный", "Нуль"]);
    assert_eq!(desk.files(), ["AUX.md", "nul.md"], "they keep their names");
}

#[test]
fn a_new_file_never_takes_a_name_another_equals_on_windows_or_macos() {
    let mut desk = Desk::with(false);
    // A colleague's file whose name is `note.md` once case is ignored; its headline gives
    // another slug.
    desk.write("Note.md", "# Заметка коллеги\n\nТекст.\n");
    // And a folder whose name is `zametka.md` once case is ignored.
    std::fs::create_dir(desk.file("ZAMETKA.md")).unwrap();
    desk.pass();
    create(&desk, "Note");
    create(&desk, "Заметка");
    let mut names = written(&desk.push()).into_iter().map(str::to_owned).collect::<Vec<_>>();
    names.sort();
    assert_eq!(names, ["note-2.md", "zametka-2.md"]);
    assert!(desk.read("Note.md").contains("Заметка коллеги"), "the colleague's file is untouched");
}

#[test]
fn two_files_one_name_on_windows_or_macos_are_reported_not_both_mirrored() {
    let mut desk = Desk::with(false);
    // Case, and Unicode normalisation: «Йошкар» composed (as Linux and Windows keep it) and
    // decomposed (и + combining breve, as macOS writes it).
    desk.write("Note.md", "# Первая заметка\n\nТекст.\n");
    desk.write("note.md", "# Вторая заметка\n\nДругой текст.\n");
    let composed = "Йошкар-Ола.md";
    let decomposed = "И\u{0306}ошкар-Ола.md";
    desk.write(composed, "# Мост в Йошкар-Оле\n\nСоставное имя.\n");
    desk.write(decomposed, "# Мост в Йошкар-Оле, macOS\n\nРазложенное имя.\n");

    let changes = desk.pass();
    let mut problems = problems(&changes);
    problems.sort();
    // Of each pair the first in byte order is mirrored (`N` before `n`; `и` before `й`).
    let [(first, first_why), (second, second_why)] = problems[..] else { panic!("{changes:?}") };
    assert_eq!((first, second), ("note.md", composed), "{changes:?}");
    assert!(first_why.contains("`Note.md`") && first_why.contains("macOS"), "{first_why}");
    assert!(second_why.contains(&format!("`{decomposed}`")) && second_why.contains("rename"), "{second_why}");
    assert_eq!(headlines(&desk), ["Мост в Йошкар-Оле, macOS", "Первая заметка"]);
    assert_eq!(
        desk.read("note.md"),
        "# Вторая заметка\n\nДругой текст.\n",
        "the refused file is not written"
    );
    assert!(desk.pass().is_empty(), "a problem is reported once");
    let listed: Vec<String> = desk.mirror.problems().into_iter().map(|p| p.path).collect();
    assert_eq!(listed, ["note.md", composed]);

    // Events name the refused file: still refused, beside the one mirrored.
    let changes = desk.mirror.pass(&desk.library, Scope::Paths(vec![desk.file("note.md")])).unwrap();
    assert!(changes.is_empty(), "{changes:?}");

    // Renamed, it is mirrored, and its problem is gone.
    std::fs::rename(desk.file("note.md"), desk.file("note-vtoraya.md")).unwrap();
    let changes = desk
        .mirror
        .pass(&desk.library, Scope::Paths(vec![desk.file("note.md"), desk.file("note-vtoraya.md")]))
        .unwrap();
    assert!(
        matches!(&changes[..], [Change::Created { path, .. }] if path == "note-vtoraya.md"),
        "{changes:?}"
    );
    let listed: Vec<String> = desk.mirror.problems().into_iter().map(|p| p.path).collect();
    assert_eq!(listed, [composed]);
}

#[test]
fn a_file_renamed_onto_another_name_on_windows_or_macos_keeps_its_article() {
    let mut desk = Desk::with(false);
    desk.write("a.md", "# Первая\n\nТекст.\n");
    desk.write("b.md", "# Вторая\n\nТекст.\n");
    desk.pass();
    let second =
        desk.library.list(None, None, 10).unwrap().into_iter().find(|a| a.headline == "Вторая").unwrap();

    // On Linux `b.md` becomes `A.md`: on Windows and macOS that is `a.md`. The file Galley
    // already keeps there stays mirrored; the renamed one is refused, and its article is neither
    // spiked nor changed.
    std::fs::rename(desk.file("b.md"), desk.file("A.md")).unwrap();
    let changes = desk.pass();
    let problems = problems(&changes);
    assert!(matches!(problems[..], [("A.md", why)] if why.contains("`a.md`")), "{changes:?}");
    assert_eq!(problems.len(), changes.len(), "nothing else happened: {changes:?}");
    assert_ne!(desk.article(&second.id.to_string()).fields.status, Status::Spiked);

    // Renamed again, it is the same article, moved from where Galley last kept it.
    std::fs::rename(desk.file("A.md"), desk.file("vtoraya.md")).unwrap();
    let changes = desk.pass();
    assert!(
        matches!(&changes[..], [Change::Moved { from, to, .. }] if from == "b.md" && to == "vtoraya.md"),
        "{changes:?}"
    );
    assert!(desk.mirror.problems().is_empty());
    assert_eq!(desk.files(), ["a.md", "vtoraya.md"]);
}
