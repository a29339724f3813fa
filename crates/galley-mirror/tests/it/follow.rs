//! Following a folder with real file events: every way programs write files, many files at once,
//! Galley's changes from another process, edits racing with autosave, and lost events.
//! Tests wait on conditions with deadlines, never for fixed times.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use galley_core::model::{ArticleFields, ArticlePatch, RevisionReason, Status};
use galley_core::{Library, OpenOptions};
use galley_mirror::{Event, FollowOptions, Mirror, WatchChoice, WatchMode};

use crate::support::{Desk, list, wait_for};

/// Generous: CI machines are slow and busy. The speed target (1 s) is measured in the benchmark.
const LIMIT: Duration = Duration::from_secs(10);

struct Following {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    events: Arc<Mutex<Vec<Event>>>,
}

impl Following {
    fn start(desk: &Desk, watch: WatchChoice) -> Following {
        let stop = Arc::new(AtomicBool::new(false));
        let events = Arc::new(Mutex::new(Vec::new()));
        let library = desk.library.clone();
        let (stop_flag, log) = (stop.clone(), events.clone());
        let options =
            FollowOptions { watch, poll_interval: Duration::from_millis(100), ..FollowOptions::default() };
        let thread = std::thread::spawn(move || {
            let mut mirror = Mirror::open(&library).unwrap();
            galley_mirror::follow(&library, &mut mirror, &options, &stop_flag, |event| {
                log.lock().unwrap().push(event)
            })
            .unwrap();
        });
        let following = Following { stop, thread: Some(thread), events };
        wait_for("the first pass", LIMIT, || following.passes() > 0);
        following
    }

    fn passes(&self) -> usize {
        self.events.lock().unwrap().iter().filter(|e| matches!(e, Event::Passed { .. })).count()
    }

    fn events(&self) -> Vec<Event> {
        self.events.lock().unwrap().clone()
    }

    fn stop(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.take().unwrap().join().unwrap();
    }
}

impl Drop for Following {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// A desk following its folder, with the sample written out; returns the sample's file name and slug.
fn following() -> (Desk, Following, String, String) {
    let desk = Desk::new();
    let following = Following::start(&desk, WatchChoice::Auto);
    wait_for("the sample's file", LIMIT, || desk.files().len() == 1);
    let name = desk.files()[0].clone();
    let slug = name.trim_end_matches(".md").to_owned();
    (desk, following, name, slug)
}

fn body_of(desk: &Desk, slug: &str) -> String {
    desk.article(slug).fields.body
}

#[test]
fn events_are_the_systems_own_on_a_local_disk() {
    let (_desk, following, _, _) = following();
    assert!(following.events().contains(&Event::Watching(WatchMode::Events)), "{:?}", following.events());
}

#[test]
fn a_write_in_place_arrives() {
    let (desk, _following, name, slug) = following();
    let text = desk.read(&name) + "\nЗаписано поверх, без усечения.\n";
    // Longer than before, written from the start without truncating: every old byte is overwritten.
    let mut file = std::fs::OpenOptions::new().write(true).open(desk.file(&name)).unwrap();
    file.write_all(text.as_bytes()).unwrap();
    drop(file);
    wait_for("the in-place write", LIMIT, || body_of(&desk, &slug).contains("без усечения"));
    assert_eq!(desk.reasons(&slug)[0], RevisionReason::ExternalEdit);
}

#[test]
fn truncate_and_write_arrives() {
    let (desk, _following, name, slug) = following();
    desk.write(&name, &(desk.read(&name) + "\nУсечено и записано.\n"));
    wait_for("the truncating write", LIMIT, || body_of(&desk, &slug).contains("Усечено и записано"));
}

#[test]
fn a_temporary_file_renamed_over_arrives() {
    let (desk, _following, name, slug) = following();
    // What Vim (with `backupcopy=no`), VS Code and most editors do.
    let temp = desk.file(&format!(".{name}.tmp"));
    std::fs::write(&temp, desk.read(&name) + "\nЧерез временный файл.\n").unwrap();
    std::fs::rename(&temp, desk.file(&name)).unwrap();
    wait_for("the renamed-over write", LIMIT, || body_of(&desk, &slug).contains("Через временный файл"));
}

#[test]
fn delete_and_recreate_is_a_change_not_a_spike() {
    let (desk, following, name, slug) = following();
    let text = desk.read(&name) + "\nУдалён и создан заново.\n";
    std::fs::remove_file(desk.file(&name)).unwrap();
    std::fs::write(desk.file(&name), &text).unwrap();
    wait_for("the re-created file", LIMIT, || body_of(&desk, &slug).contains("создан заново"));
    assert_eq!(desk.article(&slug).fields.status, Status::Draft);
    // However the two events were split into passes, the article ends where the file says.
    let reasons = desk.reasons(&slug);
    assert_eq!(reasons[0], RevisionReason::ExternalEdit, "{reasons:?} {:?}", following.events());
}

#[test]
fn a_rename_keeps_the_article_and_moving_out_and_in_spikes_and_creates() {
    let (desk, _following, name, slug) = following();
    let id = desk.article(&slug).id;
    std::fs::rename(desk.file(&name), desk.file("переименован.md")).unwrap();
    wait_for("the rename", LIMIT, || {
        desk.library.mirror_record(id).unwrap().is_some_and(|r| r.path == "переименован.md")
    });
    assert_eq!(desk.article(&slug).fields.status, Status::Draft, "a rename is not a deletion");

    let outside = desk.dir.path().join("снаружи.md");
    std::fs::rename(desk.file("переименован.md"), &outside).unwrap();
    wait_for("the move out", LIMIT, || desk.article(&slug).fields.status == Status::Spiked);

    std::fs::write(desk.dir.path().join("новая.md"), "# Новая заметка\n\nТекст.\n").unwrap();
    std::fs::rename(desk.dir.path().join("новая.md"), desk.file("новая.md")).unwrap();
    wait_for("the move in", LIMIT, || desk.library.search("заметка", 5).unwrap().len() == 1);
    wait_for("its id written in", LIMIT, || desk.read("новая.md").starts_with("---\nid: "));
}

#[test]
fn a_folder_moved_out_spikes_its_articles_and_moved_back_brings_them_back() {
    let (desk, _following, _, _) = following();
    std::fs::create_dir(desk.file("Регионы")).unwrap();
    for n in 0..3 {
        std::fs::write(desk.file(&format!("Регионы/заметка-{n}.md")), format!("# Регион {n}\n\nТекст.\n"))
            .unwrap();
    }
    wait_for("the folder's articles", LIMIT, || desk.library.count().unwrap() == 4);
    let spiked = || desk.library.list(Some(Status::Spiked), None, 10).unwrap().len();
    let outside = desk.dir.path().join("Регионы");
    std::fs::rename(desk.file("Регионы"), &outside).unwrap();
    wait_for("the moved-out folder's articles spiked", LIMIT, || spiked() == 3);
    std::fs::rename(&outside, desk.file("Регионы")).unwrap();
    wait_for("the folder back", LIMIT, || spiked() == 0);
    assert_eq!(desk.library.count().unwrap(), 4, "the same articles, not copies");
}

#[test]
fn an_editors_temporary_files_are_not_articles() {
    let (desk, following, name, slug) = following();
    // Vim checks it may write a folder with a file named 4913; sed -i writes sedXXXXXX and renames it.
    std::fs::write(desk.file("4913"), "").unwrap();
    std::fs::remove_file(desk.file("4913")).unwrap();
    std::fs::write(desk.file(".заметка.md.swp"), "b0VIM").unwrap();
    desk.write(&name, &(desk.read(&name) + "\nПосле временных файлов.\n"));
    wait_for("the edit", LIMIT, || body_of(&desk, &slug).contains("После временных файлов"));
    assert_eq!(desk.library.count().unwrap(), 1);
    let full_passes =
        following.events().iter().filter(|e| matches!(e, Event::Passed { full: true, .. })).count();
    assert_eq!(full_passes, 1, "only the first pass read every file: {:?}", following.events());
}

#[test]
fn a_thousand_files_written_at_once_all_arrive() {
    let (desk, _following, _, _) = following();
    for n in 0..1000 {
        std::fs::write(
            desk.file(&format!("заметка-{n:04}.md")),
            format!("# Заметка {n}\n\nТекст заметки {n}.\n"),
        )
        .unwrap();
    }
    wait_for("1,000 new articles", Duration::from_secs(60), || desk.library.count().unwrap() == 1001);
    wait_for("their ids written in", Duration::from_secs(60), || {
        list(&desk.folder())
            .iter()
            .all(|name| std::fs::read_to_string(desk.file(name)).unwrap().starts_with("---\nid: "))
    });
    assert_eq!(desk.files().len(), 1001, "no file was added or lost");
    let article = desk.library.search("\"Текст заметки 999\"", 5).unwrap();
    assert_eq!(article.len(), 1);
}

#[test]
fn a_git_checkout_of_another_branch_arrives_whole() {
    let git = |desk: &Desk, args: &[&str]| {
        let status = std::process::Command::new("git")
            .args([
                "-c",
                "user.name=Galley",
                "-c",
                "user.email=galley@example.org",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .current_dir(desk.folder())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    };
    let (desk, _following, name, slug) = following();
    for n in 0..50 {
        desk.write(&format!("ветка-{n}.md"), &format!("# Материал {n}\n\nПервая версия.\n"));
    }
    wait_for("the new files' ids", LIMIT, || {
        desk.library.count().unwrap() == 51
            && list(&desk.folder())
                .iter()
                .all(|f| std::fs::read_to_string(desk.file(f)).unwrap().starts_with("---"))
    });
    git(&desk, &["init", "-q"]);
    git(&desk, &["add", "-A"]);
    git(&desk, &["commit", "-q", "-m", "main"]);
    git(&desk, &["checkout", "-q", "-b", "rewrite"]);
    for n in 0..50 {
        let file = format!("ветка-{n}.md");
        desk.write(&file, &desk.read(&file).replace("Первая версия.", "Вторая версия."));
    }
    std::fs::remove_file(desk.file(&name)).unwrap();
    git(&desk, &["commit", "-q", "-a", "-m", "rewrite"]);
    wait_for("the branch's edits", LIMIT, || {
        desk.library.search("\"Вторая версия\"", 100).unwrap().len() == 50
    });
    wait_for("the branch's deletion", LIMIT, || desk.article(&slug).fields.status == Status::Spiked);

    git(&desk, &["checkout", "-q", "main"]);
    wait_for("main's versions back", LIMIT, || {
        desk.library.search("\"Первая версия\"", 100).unwrap().len() == 50
            && desk.article(&slug).fields.status == Status::Draft
    });
    assert!(Mirror::conflicts(&desk.library).unwrap().is_empty());
}

#[test]
fn galley_changes_from_another_process_reach_the_file() {
    let (desk, _following, name, _) = following();
    // Another process (the CLI) opens the same store and edits.
    let other = Library::open_with(
        &desk.dir.path().join("store.sqlite3"),
        Arc::new(galley_core::model::SystemClock),
        OpenOptions { seed_sample: false },
    )
    .unwrap();
    let slug = name.trim_end_matches(".md");
    other
        .edit(
            slug,
            ArticlePatch {
                dek: Some("Из другого процесса".into()), ..ArticlePatch::default()
            },
        )
        .unwrap();
    wait_for("the file to follow", LIMIT, || desk.read(&name).contains("dek: Из другого процесса"));
}

#[test]
fn edits_racing_with_autosave_both_survive() {
    let (desk, following, name, slug) = following();
    let id = desk.article(&slug).id;
    let base = desk.article(&slug).fields;
    let writer = {
        let path = desk.file(&name);
        std::thread::spawn(move || {
            let mut last = String::new();
            for n in 0..40 {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                if text.is_empty() {
                    continue;
                }
                last = format!("Правка из редактора {n}");
                let edited = match text.find("\n---\n") {
                    Some(end) => format!("{}\n---\n{last}\n\n{}", &text[..end], &text[end + 5..]),
                    None => continue,
                };
                std::fs::write(&path, edited).unwrap();
                std::thread::sleep(Duration::from_millis(7));
            }
            last
        })
    };
    let mut autosaved = String::new();
    for n in 0..40 {
        autosaved = format!("Автосохранение {n}");
        let fields = ArticleFields { lead: autosaved.clone(), ..base.clone() };
        desk.library.autosave(&id.to_string(), fields).unwrap();
        std::thread::sleep(Duration::from_millis(5));
    }
    let last_edit = writer.join().unwrap();

    // Once both stop, Galley's last version and the file's last version are both in the store.
    let survives = |needle: &str| {
        let current = desk.article(&slug).fields;
        current.body.contains(needle)
            || current.lead.contains(needle)
            || desk.library.revisions(&slug).unwrap().iter().any(|r| {
                let fields = desk.library.revision(&slug, r.number).unwrap().fields;
                fields.body.contains(needle) || fields.lead.contains(needle)
            })
    };
    wait_for("the editor's last version in the store", LIMIT, || survives(&last_edit));
    assert!(survives(&autosaved));
    assert!(desk.read(&name).contains(&last_edit) || desk.article(&slug).fields.body.contains(&last_edit));
    let text = desk.read(&name);
    assert!(
        text.contains(&last_edit) || text.contains(&autosaved),
        "the file holds one side's latest version: {text}\n{:?}",
        following.events()
    );
}

#[test]
fn changes_made_while_nobody_watched_are_found_on_start() {
    let mut desk = Desk::new();
    desk.pass();
    let name = desk.files()[0].clone();
    let slug = name.trim_end_matches(".md").to_owned();
    // Galley closed: the events of these changes are lost.
    std::fs::rename(desk.file(&name), desk.file("в-архиве.md")).unwrap();
    desk.write("в-архиве.md", &(desk.read("в-архиве.md") + "\nДописано без Galley.\n"));
    desk.write("пока-закрыто.md", "# Написано без Galley\n\nТекст.\n");
    let following = Following::start(&desk, WatchChoice::Auto);
    let Some(Event::Passed { full: true, changes, .. }) =
        following.events().into_iter().find(|e| matches!(e, Event::Passed { .. }))
    else {
        panic!("{:?}", following.events())
    };
    assert_eq!(changes.len(), 3, "moved, updated, created: {changes:?}");
    assert!(body_of(&desk, &slug).contains("Дописано без Galley"));
    assert_eq!(desk.library.count().unwrap(), 2);
    following.stop();
}

#[test]
fn a_folder_that_was_gone_and_came_back_is_watched_again() {
    let (desk, following, name, slug) = following();
    let aside = desk.dir.path().join("aside");
    std::fs::rename(desk.folder(), &aside).unwrap();
    let failed = || {
        following
            .events()
            .iter()
            .any(|e| matches!(e, Event::Failed { message } if message.contains("is not there")))
    };
    wait_for("the pass to say the folder is gone", LIMIT, failed);
    assert_eq!(desk.article(&slug).fields.status, Status::Draft, "nothing was spiked");
    std::fs::rename(&aside, desk.folder()).unwrap();
    let watching = || following.events().iter().filter(|e| matches!(e, Event::Watching(_))).count();
    wait_for("a new watch", LIMIT, || watching() == 2);
    desk.write(&name, &(desk.read(&name) + "\nПапка вернулась.\n"));
    wait_for("an edit after the folder came back", LIMIT, || {
        body_of(&desk, &slug).contains("Папка вернулась")
    });
}

#[test]
fn a_folder_missing_at_start_is_waited_for() {
    let desk = Desk::new();
    let aside = desk.dir.path().join("aside");
    std::fs::rename(desk.folder(), &aside).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let events = Arc::new(Mutex::new(Vec::new()));
    let thread = {
        let (library, stop, events) = (desk.library.clone(), stop.clone(), events.clone());
        std::thread::spawn(move || {
            let mut mirror = Mirror::open(&library).unwrap();
            let options =
                FollowOptions { poll_interval: Duration::from_millis(50), ..FollowOptions::default() };
            galley_mirror::follow(&library, &mut mirror, &options, &stop, |e| events.lock().unwrap().push(e))
        })
    };
    wait_for("the missing folder reported", LIMIT, || {
        events
            .lock()
            .unwrap()
            .iter()
            .any(|e| matches!(e, Event::Failed { message } if message.contains("is not there")))
    });
    std::fs::rename(&aside, desk.folder()).unwrap();
    wait_for("following once it is back", LIMIT, || {
        events.lock().unwrap().iter().any(|e| matches!(e, Event::Passed { full: true, .. }))
    });
    stop.store(true, Ordering::Relaxed);
    thread.join().unwrap().unwrap();
}

#[test]
fn polling_follows_where_events_cannot() {
    let desk = Desk::new();
    let following = Following::start(&desk, WatchChoice::Poll);
    assert!(
        following.events().iter().any(|e| matches!(e, Event::Watching(WatchMode::Polling { .. }))),
        "{:?}",
        following.events()
    );
    wait_for("the sample's file", LIMIT, || desk.files().len() == 1);
    let name = desk.files()[0].clone();
    desk.write(&name, &(desk.read(&name) + "\nЗамечено опросом.\n"));
    wait_for("the polled change", LIMIT, || body_of(&desk, name.trim_end_matches(".md")).contains("опросом"));
    following.stop();
}

/// A store found damaged (here by another process, which leaves its note beside the store) takes
/// no pass: the failure is said once, not at every try, and the folder's edit waits. Once a backup
/// is restored, following goes on and the edit is kept.
#[test]
fn a_store_found_damaged_is_left_alone_until_a_backup_is_restored_and_the_edit_waits() {
    let (desk, following, name, slug) = following();
    let backup = desk.library.backup(galley_core::BackupKind::Manual, None).unwrap();
    let note = desk.dir.path().join("store.sqlite3.damaged");
    std::fs::write(&note, "database disk image is malformed\n").unwrap();
    desk.write(&name, &(desk.read(&name) + "\nНаписано, пока хранилище повреждено.\n"));
    let failures = || {
        following
            .events()
            .iter()
            .filter(|e| matches!(e, Event::Failed { message } if message.contains("is damaged")))
            .count()
    };
    wait_for("the damage said", LIMIT, || failures() > 0);
    // Ten store ticks, each of which tries again.
    std::thread::sleep(Duration::from_millis(1_000));
    assert_eq!(failures(), 1, "said once: {:?}", following.events());
    assert!(!body_of(&desk, &slug).contains("пока хранилище повреждено"), "nothing written to it");

    desk.library.restore_backup(&backup.path).unwrap();
    assert!(!note.exists());
    // The restore forgot the folder's records: the file's version comes in, current or as a
    // conflict beside the backup's.
    wait_for("the edit kept", LIMIT, || {
        body_of(&desk, &slug).contains("пока хранилище повреждено")
            || desk.reasons(&slug).contains(&RevisionReason::Conflict)
    });
    following.stop();
}

/// Polling sees an edit made as soon as following starts, also when it leaves the file's time as
/// it was: file systems keep times in ticks (whole seconds on some), so an edit in the same tick
/// as the file's last write has the same modification time, and only its size, its change time or
/// its bytes tell. (The poller once compared whole seconds of modification time alone: an edit in
/// the same second as Galley's own write waited for the full pass a minute later.)
#[test]
fn polling_sees_an_edit_made_as_it_starts_in_the_same_tick_as_the_files_last_write() {
    let mut desk = Desk::new();
    desk.pass();
    let name = desk.files()[0].clone();
    let slug = name.trim_end_matches(".md").to_owned();
    let written = std::fs::metadata(desk.file(&name)).unwrap().modified().unwrap();
    let following = Following::start(&desk, WatchChoice::Poll);
    desk.write(&name, &(desk.read(&name) + "\nПравка в ту же секунду.\n"));
    std::fs::File::options().write(true).open(desk.file(&name)).unwrap().set_modified(written).unwrap();
    wait_for("the edit in the same tick", LIMIT, || body_of(&desk, &slug).contains("ту же секунду"));
    assert_eq!(desk.reasons(&slug)[0], RevisionReason::ExternalEdit);

    // Edited again in the tick of that edit (its time kept once more), with the same size.
    let text = desk.read(&name).replace("ту же секунду", "ту же минутку");
    let edited = std::fs::metadata(desk.file(&name)).unwrap().modified().unwrap();
    desk.write(&name, &text);
    std::fs::File::options().write(true).open(desk.file(&name)).unwrap().set_modified(edited).unwrap();
    wait_for("the second edit in the same tick", LIMIT, || body_of(&desk, &slug).contains("ту же минутку"));
    following.stop();
}
