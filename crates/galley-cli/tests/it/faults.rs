//! Fault injection through the real binary: a full disk under the store and the export folder,
//! I/O errors on fsync and rename (`strace -e inject`), a read-only store, a store whose drive
//! disappears, and two processes writing one store. Each ends with the store sound (`PRAGMA
//! integrity_check`) and every acknowledged save there.
//!
//! Mounting needs root (CI runs as root) and injecting needs `strace`; without them a test says
//! why it is skipped and passes without checking anything.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Run, run};

/// Says why a fault test cannot run here (not root, no `strace`) and lets it pass, unless
/// `GALLEY_REQUIRE_FAULTS` is set (CI sets it): then a test that cannot run fails.
macro_rules! skip {
    ($($arg:tt)*) => {{
        let message = format!($($arg)*);
        assert!(std::env::var_os("GALLEY_REQUIRE_FAULTS").is_none(), "{message} (GALLEY_REQUIRE_FAULTS is set)");
        eprintln!("{message}");
    }};
}

/// A small tmpfs on a folder for one test, unmounted when dropped, also when the test fails.
struct Drive {
    dir: PathBuf,
}

impl Drive {
    /// Mounts a tmpfs of `size` (`2m`) on `dir`; `None`, with the reason printed, where mounting
    /// is not permitted.
    fn mount(test: &str, dir: &Path, size: &str) -> Option<Drive> {
        std::fs::create_dir_all(dir).unwrap();
        Drive::mount_with(test, dir, &["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
    }

    /// Binds `source` on `dir` (a drive that can be unplugged while the files stay on disk).
    fn bind(test: &str, source: &Path, dir: &Path) -> Option<Drive> {
        std::fs::create_dir_all(dir).unwrap();
        Drive::mount_with(test, dir, &["--bind", source.to_str().unwrap()])
    }

    fn mount_with(test: &str, dir: &Path, args: &[&str]) -> Option<Drive> {
        match Command::new("mount").args(args).arg(dir).output() {
            Ok(out) if out.status.success() => Some(Drive { dir: dir.to_owned() }),
            Ok(out) => {
                skip!(
                    "SKIPPED {test}: cannot mount (run as root to test this): {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
                None
            }
            Err(err) => {
                skip!("SKIPPED {test}: no `mount` command: {err}");
                None
            }
        }
    }

    /// Remounts it read-only (`ro`) or writable again (`rw`).
    fn remount(&self, mode: &str) {
        let status =
            Command::new("mount").args(["-o", &format!("remount,{mode}")]).arg(&self.dir).status().unwrap();
        assert!(status.success(), "remount {mode}");
    }

    /// Unplugs it: lazily unmounted, so processes that hold files open keep them.
    fn unplug(self) {
        let status = Command::new("umount").arg("-l").arg(&self.dir).status().unwrap();
        assert!(status.success(), "umount -l");
        std::mem::forget(self);
    }
}

impl Drop for Drive {
    fn drop(&mut self) {
        let unmounted = Command::new("umount").arg(&self.dir).status().is_ok_and(|s| s.success());
        if !unmounted {
            let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
        }
    }
}

/// Fills the drive holding `dir` until `free` bytes are left (about: a page or two either way).
fn fill(dir: &Path, free: u64) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path).unwrap();
    let chunk = vec![b'x'; 64 * 1024];
    loop {
        match file.write(&chunk) {
            Ok(0) => break,
            Ok(_) => {}
            Err(err) if err.raw_os_error() == Some(28) => break,
            Err(err) => panic!("filling the drive: {err}"),
        }
    }
    let len = file.metadata().unwrap().len();
    file.set_len(len.saturating_sub(free)).unwrap();
    path
}

/// Whether `strace` can trace a child here; prints why a test is skipped when not.
fn strace(test: &str) -> bool {
    let works = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !works {
        skip!("SKIPPED {test}: `strace` is missing or cannot trace here (install the strace package)");
    }
    works
}

/// `galley-cli --store STORE ARGS…`, under `strace` with `strace` arguments when there are any
/// (`-e inject=…`).
fn cli(store: &Path, strace: &[&str], args: &[&str], stdin: &str) -> Run {
    let binary = env!("CARGO_BIN_EXE_galley-cli");
    let mut command = if strace.is_empty() {
        Command::new(binary)
    } else {
        let mut command = Command::new("strace");
        command.args(["-f", "-qq", "-o", "/dev/null"]).args(strace).arg(binary);
        command
    };
    command.arg("--store").arg(store).args(args);
    run(command, stdin)
}

/// The store passes SQLite's full integrity check.
#[track_caller]
fn assert_sound(store: &Path) {
    let conn = rusqlite::Connection::open(store).unwrap();
    let result: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(result, ["ok"], "{} is sound", store.display());
}

fn body(store: &Path, id: &str) -> String {
    cli(store, &[], &["show", id, "--json"], "").ok().json()["body"].as_str().unwrap().to_owned()
}

/// A new article with `text` as its body; its id.
fn article(store: &Path, text: &str) -> String {
    let id = cli(store, &[], &["new", "--headline", "Заметка о бюджете", "--json"], "").ok().json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    cli(store, &[], &["edit", &id, "--body-file", "-"], text).ok();
    id
}

/// The temporary files Galley's atomic writes use, left in `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| (name.starts_with(".galley-") && name.ends_with(".tmp")) || name.ends_with(".partial"))
        .collect()
}

fn big(words: usize) -> String {
    "Бюджет на следующий год приняли в первом чтении после долгого обсуждения. ".repeat(words)
}

#[test]
fn a_save_into_a_store_on_a_full_disk_says_so_and_keeps_the_last_save() {
    let dir = tempfile::tempdir().unwrap();
    let Some(drive) = Drive::mount("full store", &dir.path().join("drive"), "8m") else { return };
    let store = drive.dir.join("store.sqlite3");
    let id = article(&store, "Первая версия.");
    let filler = fill(&drive.dir, 200 * 1024);

    let failed = cli(&store, &[], &["edit", &id, "--body-file", "-"], &big(20_000));
    assert_eq!(failed.code, 2, "{failed:?}");
    assert!(failed.stderr.contains("the disk holding the store is full"), "{failed:?}");
    assert!(failed.stderr.contains("the change was not saved"), "{failed:?}");
    assert!(!failed.stderr.contains("database or disk is full"), "no raw SQLite message: {failed:?}");

    // Reading still works on the full disk, and the store holds the last save.
    assert_eq!(body(&store, &id), "Первая версия.");
    std::fs::remove_file(filler).unwrap();
    assert_sound(&store);
    cli(&store, &[], &["edit", &id, "--body-file", "-"], "Вторая версия.").ok();
    assert_eq!(body(&store, &id), "Вторая версия.");
}

#[test]
fn an_export_to_a_full_disk_names_the_file_and_leaves_the_old_one_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite3");
    let Some(drive) = Drive::mount("full export folder", &dir.path().join("out"), "1m") else { return };
    let id = article(&store, "Короткая заметка.");
    let out = drive.dir.join("zametka.md");
    let out_arg = out.to_str().unwrap();
    cli(&store, &[], &["export", &id, "--format", "md", "--out", out_arg], "").ok();
    let old = std::fs::read_to_string(&out).unwrap();

    cli(&store, &[], &["edit", &id, "--body-file", "-"], &big(20_000)).ok();
    for target in [out_arg, drive.dir.join("new.md").to_str().unwrap()] {
        let failed = cli(&store, &[], &["export", &id, "--format", "md", "--out", target], "");
        assert_eq!(failed.code, 1, "{failed:?}");
        let said = format!("{}{}", failed.stdout, failed.stderr);
        assert!(said.contains(&format!("{target}: could not write the file: the disk is full")), "{said}");
        assert!(said.contains("the file on disk was left as it was"), "{said}");
    }
    assert_eq!(std::fs::read_to_string(&out).unwrap(), old, "the old export is whole");
    assert!(!drive.dir.join("new.md").exists(), "no half-written new file");
    assert_eq!(temporaries(&drive.dir), Vec::<String>::new());
    assert_sound(&store);
}

#[test]
fn an_io_error_on_fsync_or_rename_fails_an_export_and_replaces_no_good_file() {
    if !strace("fsync/rename errors on export") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite3");
    let id = article(&store, "Старая версия.");
    let out = dir.path().join("zametka.md");
    let out_arg = out.to_str().unwrap();
    cli(&store, &[], &["export", &id, "--format", "md", "--out", out_arg], "").ok();
    let old = std::fs::read_to_string(&out).unwrap();
    cli(&store, &[], &["edit", &id, "--body-file", "-"], "Новая версия.").ok();

    for inject in ["fsync,fdatasync:error=EIO", "rename,renameat,renameat2:error=EIO"] {
        let failed = cli(
            &store,
            &["-e", &format!("inject={inject}")],
            &["export", &id, "--format", "md", "--out", out_arg],
            "",
        );
        assert_eq!(failed.code, 1, "{inject}: {failed:?}");
        let said = format!("{}{}", failed.stdout, failed.stderr);
        assert!(
            said.contains(&format!("{out_arg}: could not write the file: the drive failed to read or write")),
            "{inject}: {said}"
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), old, "{inject}: the old export is whole");
        assert_eq!(temporaries(dir.path()), Vec::<String>::new(), "{inject}");
    }
    assert_sound(&store);
    assert_eq!(body(&store, &id), "Новая версия.");
}

#[test]
fn an_io_error_on_fsync_fails_a_save_and_the_store_stays_sound() {
    if !strace("fsync errors on save") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite3");
    let id = article(&store, "Сохранённая версия.");
    // Only the write-ahead log's syncs fail: the commit of the save.
    let wal = format!("{}-wal", store.display());
    let strace = ["-P", &wal, "-e", "inject=fsync,fdatasync:error=EIO"];
    let failed = cli(&store, &strace, &["edit", &id, "--body-file", "-"], "Не сохранится.");
    assert_eq!(failed.code, 2, "{failed:?}");
    assert!(failed.stderr.contains("the store's drive failed to read or write"), "{failed:?}");
    assert!(!failed.stderr.contains("disk I/O error"), "no raw SQLite message: {failed:?}");
    assert_sound(&store);
    // The save was refused, not acknowledged: the store holds the saved version, or (when the
    // bytes reached the file though the sync failed) the new one, never anything else.
    let now = body(&store, &id);
    assert!(now == "Сохранённая версия." || now == "Не сохранится.", "{now}");
    cli(&store, &[], &["edit", &id, "--body-file", "-"], "После сбоя.").ok();
    assert_eq!(body(&store, &id), "После сбоя.");
    assert_sound(&store);
}

#[test]
fn an_io_error_on_rename_or_fsync_fails_a_backup_and_leaves_no_backup_that_is_not_whole() {
    if !strace("fsync/rename errors on backup") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite3");
    article(&store, "Текст для копии.");
    let backups = dir.path().join("copies");
    std::fs::create_dir(&backups).unwrap();
    for (n, inject) in
        ["rename,renameat,renameat2:error=EIO", "fsync,fdatasync:error=EIO"].into_iter().enumerate()
    {
        let target = backups.join(format!("copy-{n}.sqlite3"));
        // Only the calls on the backup's temporary file fail, not the store's own.
        let partial = format!("{}.partial", target.display());
        let strace = ["-P", &partial, "-e", &format!("inject={inject}")];
        let failed = cli(&store, &strace, &["backup", "--out", target.to_str().unwrap()], "");
        assert_eq!(failed.code, 2, "{inject}: {failed:?}");
        assert!(failed.stderr.contains("input/output error"), "{inject}: {failed:?}");
        // The backup's drive is named, not the store's.
        assert!(failed.stderr.contains(target.to_str().unwrap()), "{inject}: {failed:?}");
        assert!(!target.exists(), "{inject}: no backup that is not whole");
        assert_eq!(temporaries(&backups), Vec::<String>::new(), "{inject}");
    }
    assert_sound(&store);
}

#[test]
fn an_io_error_on_rename_in_the_mirror_folder_is_reported_and_no_file_is_half_written() {
    if !strace("rename errors in the mirror folder") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite3");
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let id = article(&store, "Версия в файле.");
    cli(&store, &[], &["sync", folder.to_str().unwrap(), "--once"], "").ok();
    let files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    let before: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect();
    assert!(before.iter().any(|text| text.contains("Версия в файле.")));

    // The edit is saved; writing its file fails: reported, the file keeps the old version.
    let edited = cli(
        &store,
        &["-e", "inject=rename,renameat,renameat2:error=EIO"],
        &["edit", &id, "--body-file", "-"],
        "Новая.",
    );
    assert_eq!(edited.code, 0, "the save itself is acknowledged: {edited:?}");
    assert!(edited.stderr.contains("PROBLEM"), "{edited:?}");
    assert!(edited.stderr.contains("the drive failed to read or write"), "{edited:?}");
    let failed = cli(&store, &["-e", "inject=rename,renameat,renameat2:error=EIO"], &["sync", "--once"], "");
    assert_eq!(failed.code, 1, "{failed:?}");
    assert!(failed.stdout.contains("Galley could not write the file"), "{failed:?}");
    let after: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect();
    assert_eq!(after, before, "the files are whole, as they were");
    assert_eq!(temporaries(&folder), Vec::<String>::new());
    assert_eq!(body(&store, &id), "Новая.");
    assert_sound(&store);

    // Once the drive works again the file follows.
    cli(&store, &[], &["sync", "--once"], "").ok();
    assert!(files.iter().any(|f| std::fs::read_to_string(f).unwrap().contains("Новая.")));
}

#[test]
fn a_folder_galley_cannot_read_in_the_mirror_folder_does_not_stop_the_others() {
    // A root-owned `lost+found` at the top of a USB stick: every full pass failed on it.
    if !strace("an unreadable folder in the mirror folder") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite3");
    let folder = dir.path().join("folder");
    std::fs::create_dir_all(folder.join("lost+found")).unwrap();
    std::fs::write(folder.join("note.md"), "# Пожар на складе\n\nВ Хабаровске горел склад.\n").unwrap();
    let lost = folder.join("lost+found");
    let denied = ["-P", lost.to_str().unwrap(), "-e", "inject=openat:error=EACCES"];

    let run = cli(&store, &denied, &["sync", folder.to_str().unwrap(), "--once"], "");
    assert_eq!(run.code, 1, "the problem is reported: {run:?}");
    assert!(run.stdout.contains("lost+found") && run.stdout.contains("cannot read this folder"), "{run:?}");
    assert!(
        cli(&store, &[], &["list"], "").ok().stdout.contains("Пожар на складе"),
        "the file beside it came in"
    );
    let again = cli(&store, &denied, &["sync", "--once"], "");
    assert!(again.stdout.contains("lost+found"), "still reported while it cannot be read: {again:?}");
}

#[test]
fn a_read_only_store_opens_to_read_and_a_save_says_it_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let Some(drive) = Drive::mount("read-only store", &dir.path().join("drive"), "8m") else { return };
    let store = drive.dir.join("store.sqlite3");
    let id = article(&store, "Текст на диске только для чтения.");
    let before = std::fs::read(&store).unwrap();
    drive.remount("ro");

    let shown = cli(&store, &[], &["show", &id, "--json"], "");
    let edited = cli(&store, &[], &["edit", &id, "--body-file", "-"], "Изменение.");
    assert_ne!(edited.code, 0, "{edited:?}");
    assert!(edited.stderr.contains("read-only"), "the user is told the store cannot be written: {edited:?}");
    assert!(
        !edited.stderr.contains("attempt to write a readonly database"),
        "no raw SQLite message: {edited:?}"
    );
    if shown.code == 0 {
        assert_eq!(shown.json()["body"], "Текст на диске только для чтения.");
    } else {
        assert!(shown.stderr.contains("read-only"), "a clear reason: {shown:?}");
    }
    drive.remount("rw");
    assert_eq!(std::fs::read(&store).unwrap(), before, "not a byte changed");
    assert_sound(&store);
    assert_eq!(body(&store, &id), "Текст на диске только для чтения.");
}

#[test]
fn a_store_whose_drive_is_unplugged_under_a_running_sync_is_whole_when_it_comes_back() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let disk = dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let Some(drive) = Drive::bind("unplugged drive", &disk, &dir.path().join("drive")) else { return };
    let store = drive.dir.join("store.sqlite3");
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let id = article(&store, "До отключения.");
    cli(&store, &[], &["sync", folder.to_str().unwrap(), "--once"], "").ok();
    let file = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| std::fs::read_to_string(p).is_ok_and(|text| text.contains("До отключения.")))
        .expect("the article's file");

    let mut follow = Command::new(env!("CARGO_BIN_EXE_galley-cli"))
        .arg("--store")
        .arg(&store)
        .args(["sync"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Both streams are read as they come; the process is unplugged once it holds the store (a
    // process started after would make a new one).
    let heard = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let readers: Vec<_> = [
        Box::new(follow.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
        Box::new(follow.stderr.take().unwrap()),
    ]
    .into_iter()
    .map(|stream| {
        let heard = heard.clone();
        std::thread::spawn(move || {
            for line in std::io::BufRead::lines(std::io::BufReader::new(stream)) {
                let Ok(line) = line else { break };
                heard.lock().unwrap().push_str(&(line + "\n"));
            }
        })
    })
    .collect();
    let wait = |what: &str, condition: &dyn Fn(&str) -> bool| {
        let started = Instant::now();
        while !condition(&heard.lock().unwrap()) {
            assert!(started.elapsed() < Duration::from_secs(30), "{what}: {}", heard.lock().unwrap());
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    wait("the sync starts", &|said| said.contains("following"));
    let mountpoint = drive.dir.clone();
    drive.unplug();
    // An edit in the file reaches the store the running process still holds open.
    let text = std::fs::read_to_string(&file).unwrap().replace("До отключения.", "Правка после отключения.");
    std::fs::write(&file, text).unwrap();
    // The edit is stored if the pass that reads it began before the unplug, else refused until
    // the drive is back; either way the process says so and goes on.
    wait("the running sync stores the edit or says the store is gone", &|said| {
        said.contains("updated") || said.contains("is no longer there (its drive was unplugged")
    });
    follow.kill().unwrap();
    follow.wait().unwrap();
    readers.into_iter().for_each(|r| r.join().unwrap());
    let said = heard.lock().unwrap().clone();

    // Nothing was made where the drive was; the drive's store is sound, with the last save.
    let left: Vec<_> = std::fs::read_dir(&mountpoint).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, Vec::<std::ffi::OsString>::new(), "no store or lock appeared at the empty mount point");
    assert_eq!(said.matches("panicked").count(), 0, "{said}");
    let back = Drive::bind("unplugged drive", &disk, &mountpoint).expect("mounted a moment ago");
    let store = back.dir.join("store.sqlite3");
    assert_sound(&store);
    let expected = if said.contains("updated") {
        "Правка после отключения."
    } else {
        "До отключения."
    };
    assert_eq!(body(&store, &id), expected, "{said}");
    // An edit that waited in its file comes in once the drive is back.
    cli(&store, &[], &["sync", "--once"], "").ok();
    assert_eq!(body(&store, &id), "Правка после отключения.");
    assert_sound(&store);
}

#[test]
fn two_processes_saving_one_store_keep_every_acknowledged_save() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite3");
    let shared = article(&store, "Общая заметка.");
    let own: Vec<String> = (0..2).map(|w| article(&store, &format!("Заметка {w}."))).collect();
    // Two writers at once: each saves its own article and the shared one; the second also backs
    // the store up now and then.
    let acknowledged: Vec<Vec<(String, String)>> = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..2)
            .map(|w| {
                let (store, shared, mine) = (&store, &shared, &own[w]);
                scope.spawn(move || {
                    let mut acks = Vec::new();
                    for n in 0..25 {
                        let target = if n % 2 == 0 { shared } else { mine };
                        let text = format!("Писатель {w}, правка {n}.");
                        let run = cli(store, &[], &["edit", target, "--body-file", "-"], &text);
                        assert_eq!(run.code, 0, "a save waits for the other process: {run:?}");
                        acks.push((target.clone(), text));
                        if w == 1 && n % 5 == 0 {
                            let out = store.with_file_name(format!("copy-{n}.sqlite3"));
                            cli(store, &[], &["backup", "--out", out.to_str().unwrap()], "").ok();
                        }
                    }
                    acks
                })
            })
            .collect();
        writers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    assert_sound(&store);
    for (w, acks) in acknowledged.iter().enumerate() {
        assert_eq!(body(&store, &own[w]), acks.iter().rev().find(|(id, _)| *id == own[w]).unwrap().1);
    }
    // Every acknowledged save of the shared article is one of its revisions; the last one wins.
    let conn = rusqlite::Connection::open(&store).unwrap();
    let revisions: Vec<String> = conn
        .prepare("SELECT s.fields FROM revisions r JOIN snapshots s ON s.rowid = r.snapshot")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (id, text) in acknowledged.iter().flatten().filter(|(id, _)| *id == shared) {
        assert!(
            revisions.iter().any(|fields| fields.contains(text.as_str())),
            "{id}: «{text}» is a revision"
        );
    }
    let last = body(&store, &shared);
    assert!(
        acknowledged.iter().any(|acks| acks.iter().rev().find(|(id, _)| *id == shared).unwrap().1 == last)
    );
    for n in (0..25).step_by(5) {
        let copy = store.with_file_name(format!("copy-{n}.sqlite3"));
        assert_sound(&copy);
    }
}

/// Both processes switch the old store from its rollback journal to the write-ahead log, and both
/// would upgrade it: the switch deadlocks when they meet (SQLite then answers one "busy" at once,
/// which failed it, in about a third of runs); only one copies the store as it was. Eight rounds, so
/// that they meet.
#[test]
fn two_processes_opening_an_old_store_at_once_both_work_and_it_is_upgraded_once() {
    for round in 0..8 {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("old.sqlite3");
        let conn = rusqlite::Connection::open(&store).unwrap();
        conn.execute_batch(include_str!("../../../galley-store/tests/data/create_v1.sql")).unwrap();
        let filler = "Переговоры стали развитием договорённостей. ".repeat(200);
        for n in 2..400 {
            conn.execute(
                "INSERT INTO articles SELECT ?1, ?2, ?3, headline, dek, lead, byline, dateline, section, language, status,
                     embargo_until, target_chars, note, created_at, updated_at, published_at, revision
                 FROM articles WHERE rowid = 1",
                rusqlite::params![n, format!("0192f0c4-5b7e-7c3a-9d2e-{n:012}"), format!("a-{n}")],
            )
            .unwrap();
            conn.execute("INSERT INTO bodies VALUES (?1, ?2)", rusqlite::params![n, filler]).unwrap();
        }
        drop(conn);
        let runs: Vec<Run> = std::thread::scope(|scope| {
            let both: Vec<_> = (0..2)
                .map(|_| scope.spawn(|| cli(&store, &[], &["list", "--limit", "1000", "--json"], "")))
                .collect();
            both.into_iter().map(|r| r.join().unwrap()).collect()
        });
        for run in runs {
            assert_eq!(run.code, 0, "round {round}: {run:?}");
            assert_eq!(run.json().as_array().unwrap().len(), 399);
        }
        assert_sound(&store);
        // What carries the name of the store before the upgrade is that: schema 1, every article.
        let copies: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "sqlite3"))
            .collect();
        assert!(!copies.is_empty(), "the store as it was is kept");
        for copy in copies {
            let conn = rusqlite::Connection::open(&copy).unwrap();
            let schema: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
            let articles: i64 = conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)).unwrap();
            assert_eq!((schema, articles), (1, 399), "round {round}: {}", copy.display());
        }
    }
}

#[test]
fn a_mirror_folder_on_a_full_disk_keeps_the_old_file_whole_and_the_article_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite3");
    let Some(drive) = Drive::mount("full mirror folder", &dir.path().join("folder"), "1m") else { return };
    let id = article(&store, "Версия в файле.");
    cli(&store, &[], &["sync", drive.dir.to_str().unwrap(), "--once"], "").ok();
    let file = std::fs::read_dir(&drive.dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| std::fs::read_to_string(p).is_ok_and(|text| text.contains("Версия в файле.")))
        .expect("the article's file");
    let old = std::fs::read_to_string(&file).unwrap();

    // The save is acknowledged; its file cannot be written: reported, the old file stays whole.
    let edited = cli(&store, &[], &["edit", &id, "--body-file", "-"], &big(20_000));
    assert_eq!(edited.code, 0, "{edited:?}");
    assert!(edited.stderr.contains("PROBLEM"), "{edited:?}");
    assert!(
        edited
            .stderr
            .contains("Galley could not write the file: the disk is full (no space left on the device)"),
        "{edited:?}"
    );
    assert!(edited.stderr.contains("the file on disk was left as it was"), "{edited:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), old, "the old file is whole");
    assert_eq!(temporaries(&drive.dir), Vec::<String>::new());
    assert_eq!(body(&store, &id), big(20_000), "the article is in the store");
    let again = cli(&store, &[], &["sync", "--once"], "");
    assert_eq!(again.code, 1, "{again:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), old);
    assert_sound(&store);
}
