//! A store and a linked folder in a temporary directory.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use galley_core::model::{Article, ManualClock, RevisionReason};
use galley_core::{Library, OpenOptions};
use galley_mirror::{Change, Mirror, Scope};

pub struct Desk {
    pub dir: tempfile::TempDir,
    pub library: Arc<Library>,
    pub mirror: Mirror,
    #[allow(dead_code)]
    pub clock: Arc<ManualClock>,
}

impl Desk {
    /// A store seeded with the sample article, linked to an empty folder.
    pub fn new() -> Desk {
        Desk::with(true)
    }

    pub fn with(seed: bool) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("folder")).unwrap();
        let clock = Arc::new(ManualClock::new("2026-11-28T09:00:00Z".parse().unwrap()));
        let library = Arc::new(
            Library::open_with(
                &dir.path().join("store.sqlite3"),
                clock.clone(),
                OpenOptions { seed_sample: seed },
            )
            .unwrap(),
        );
        let mirror = Mirror::link(&library, &dir.path().join("folder")).unwrap();
        Desk { dir, library, mirror, clock }
    }

    pub fn folder(&self) -> PathBuf {
        self.mirror.folder().to_owned()
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.folder().join(name)
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.file(name)).unwrap()
    }

    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.file(name), text).unwrap();
    }

    pub fn pass(&mut self) -> Vec<Change> {
        self.mirror.pass(&self.library, Scope::Full).unwrap()
    }

    /// Only the store's changes (what a process that made them does).
    pub fn push(&mut self) -> Vec<Change> {
        self.mirror.pass(&self.library, Scope::Paths(Vec::new())).unwrap()
    }

    pub fn article(&self, id_or_slug: &str) -> Article {
        self.library.article(id_or_slug).unwrap()
    }

    pub fn reasons(&self, id_or_slug: &str) -> Vec<RevisionReason> {
        self.library.revisions(id_or_slug).unwrap().into_iter().map(|r| r.reason).collect()
    }

    /// The mirrored files in the folder, sorted.
    pub fn files(&self) -> Vec<String> {
        list(&self.folder())
    }
}

pub fn list(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| galley_mirror::is_mirrored(n))
        .collect();
    names.sort();
    names
}

/// Waits until `condition` holds, failing with `what` after `limit`. Tests wait on conditions,
/// never for fixed times.
#[track_caller]
pub fn wait_for(what: &str, limit: Duration, mut condition: impl FnMut() -> bool) -> Duration {
    let started = Instant::now();
    while !condition() {
        assert!(started.elapsed() < limit, "gave up after {limit:?} waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
    started.elapsed()
}
