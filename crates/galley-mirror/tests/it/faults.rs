//! The mirror folder on a drive that fills up: the article stays in the store, the file is the
//! whole old version, no temporary file is left, and the pass reports the problem in words.
//! Mounting a small tmpfs needs root (CI runs as root); without it the test says why it is
//! skipped.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use galley_core::model::{ArticleFields, ManualClock};
use galley_core::{Library, OpenOptions};
use galley_mirror::{Change, Mirror, Scope};

/// Says why a fault test cannot run here (not root, no `strace`) and lets it pass, unless
/// `GALLEY_REQUIRE_FAULTS` is set (CI sets it): then a test that cannot run fails.
macro_rules! skip {
    ($($arg:tt)*) => {{
        let message = format!($($arg)*);
        assert!(std::env::var_os("GALLEY_REQUIRE_FAULTS").is_none(), "{message} (GALLEY_REQUIRE_FAULTS is set)");
        eprintln!("{message}");
    }};
}

/// A tmpfs mounted for one test, unmounted when dropped (also when the test fails).
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(test: &str, dir: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output();
        match out {
            Ok(out) if out.status.success() => Some(Tmpfs(dir.to_owned())),
            Ok(out) => {
                let why = String::from_utf8_lossy(&out.stderr).trim().to_owned();
                skip!("SKIPPED {test}: cannot mount a tmpfs (run as root to test this): {why}");
                None
            }
            Err(err) => {
                skip!("SKIPPED {test}: no `mount` command: {err}");
                None
            }
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        if !Command::new("umount").arg(&self.0).status().is_ok_and(|s| s.success()) {
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
}

/// Fills the drive holding `dir` up to the last byte.
fn fill(dir: &Path) {
    use std::io::Write;
    let mut file = std::fs::File::create(dir.join("filler")).unwrap();
    let chunk = vec![b'x'; 64 * 1024];
    while file.write(&chunk).is_ok_and(|n| n > 0) {}
}

#[test]
fn a_file_that_cannot_be_written_on_a_full_disk_is_reported_and_left_whole() {
    let dir = tempfile::tempdir().unwrap();
    let Some(drive) = Tmpfs::mount("mirror folder on a full disk", &dir.path().join("folder"), "1m") else {
        return;
    };
    let clock = Arc::new(ManualClock::new("2026-11-28T09:00:00Z".parse().unwrap()));
    let library =
        Library::open_with(&dir.path().join("store.sqlite3"), clock, OpenOptions { seed_sample: false })
            .unwrap();
    let article = library
        .create(ArticleFields {
            headline: "Бюджет".into(),
            body: "Старый текст.".into(),
            ..ArticleFields::default()
        })
        .unwrap();
    let mut mirror = Mirror::link(&library, &drive.0).unwrap();
    mirror.pass(&library, Scope::Full).unwrap();
    let file = drive.0.join(format!("{}.md", article.fields.slug));
    let old = std::fs::read_to_string(&file).unwrap();

    fill(&drive.0);
    let body = "Новый абзац, которому нет места на диске. ".repeat(5_000);
    let mut fields = library.article(&article.id.to_string()).unwrap().fields;
    fields.body = body.clone();
    library.autosave(&article.id.to_string(), fields).unwrap();
    let changes = mirror.pass(&library, Scope::Paths(Vec::new())).unwrap();
    let problem = changes
        .iter()
        .find_map(|change| match change {
            Change::Problem { path, message } => Some((path.clone(), message.clone())),
            _ => None,
        })
        .unwrap_or_else(|| panic!("the pass reports the file it could not write: {changes:?}"));
    assert_eq!(problem.0, format!("{}.md", article.fields.slug));
    assert_eq!(
        problem.1,
        "Galley could not write the file: the disk is full (no space left on the device); the file on disk was \
         left as it was"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), old, "the old file is whole");
    let left: Vec<String> = std::fs::read_dir(&drive.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert_eq!(left, Vec::<String>::new(), "no temporary file left");
    assert_eq!(
        library.article(&article.id.to_string()).unwrap().fields.body,
        body,
        "the article is in the store"
    );
    assert_eq!(library.integrity_check().unwrap(), Vec::<String>::new());

    // Room again: the next pass writes the file.
    std::fs::remove_file(drive.0.join("filler")).unwrap();
    mirror.pass(&library, Scope::Full).unwrap();
    assert!(std::fs::read_to_string(&file).unwrap().contains("Новый абзац"));
}
