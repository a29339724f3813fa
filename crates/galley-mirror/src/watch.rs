//! File events: the system's own (inotify, FSEvents, ReadDirectoryChanges) where they can be
//! trusted, polling where they cannot (network and virtual-machine shares, or when the system's
//! watch limit is reached). Events only say where to look; a pass decides what happened.

use std::collections::HashMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant, SystemTime};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecursiveMode, Watcher};

use crate::folder::Folder;
use crate::{Error, Result};

/// How the user wants the folder watched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WatchChoice {
    /// The system's events, unless the folder is on a file system where they are unreliable, or
    /// watching fails; then polling.
    #[default]
    Auto,
    /// Polling only.
    Poll,
}

/// How the folder is being watched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum WatchMode {
    Events,
    /// Polling, and why.
    Polling {
        reason: String,
    },
}

/// What the watcher tells the loop.
pub(crate) enum Signal {
    /// Something happened at these paths.
    Paths(Vec<PathBuf>),
    /// Events were lost (the queue overflowed) or the watcher failed: look at everything.
    Rescan(String),
    /// The system's watch limit was reached (a folder was added past it): events cannot be
    /// trusted any more; poll instead.
    WatchFailed(String),
}

/// A running watcher; dropping it stops the events.
pub(crate) struct Watch {
    _running: Box<dyn Send>,
    pub mode: WatchMode,
}

pub(crate) fn start(
    root: &Path,
    choice: WatchChoice,
    poll_interval: Duration,
    tx: Sender<Signal>,
) -> Result<Watch> {
    let reason = match choice {
        WatchChoice::Poll => Some("polling was asked for".to_owned()),
        WatchChoice::Auto => unreliable_file_system(root).map(|fs| {
            format!("the folder is on a {fs} file system, which does not report changes made elsewhere")
        }),
    };
    if reason.is_none() {
        match native(root, tx.clone()) {
            Ok(watcher) => return Ok(Watch { _running: watcher, mode: WatchMode::Events }),
            Err(err) => {
                return poll(root, poll_interval, tx, format!("the system's file events failed: {err}"));
            }
        }
    }
    poll(root, poll_interval, tx, reason.unwrap_or_default())
}

fn native(root: &Path, tx: Sender<Signal>) -> notify::Result<Box<dyn Watcher + Send>> {
    let mut watcher = notify::recommended_watcher(handler(tx))?;
    watcher.watch(root, RecursiveMode::Recursive)?;
    Ok(Box::new(watcher))
}

/// Watches by polling, for `reason`: the files are looked at now (before the first pass), then
/// every `interval` on a thread of their own, which ends when the watch is dropped.
pub(crate) fn poll(root: &Path, interval: Duration, tx: Sender<Signal>, reason: String) -> Result<Watch> {
    let mut poller = Poller::new(root.to_owned());
    let (running, stopped) = mpsc::channel::<()>();
    std::thread::Builder::new()
        .name("galley-mirror poll".into())
        .spawn(move || {
            while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(interval) {
                let paths = poller.look();
                if !paths.is_empty() && tx.send(Signal::Paths(paths)).is_err() {
                    return;
                }
            }
        })
        .map_err(|err| Error::Watch { path: root.to_owned(), message: err.to_string() })?;
    Ok(Watch { _running: Box::new(running), mode: WatchMode::Polling { reason } })
}

/// How long after a file's times were read a write can still leave them as they were, when they
/// are in whole seconds (FAT keeps even seconds; HFS+, ext3 and some shares whole ones).
const COARSE_TICK: Duration = Duration::from_secs(2);
/// The same for finer times: the file system's clock ticks (Linux's every few milliseconds,
/// Windows' every 15.6 ms). Shorter than a poll's interval, it means one more look.
const FINE_TICK: Duration = Duration::from_millis(50);

/// What polling knows of a file: its size, its times as finely as the file system keeps them,
/// and (on Unix) its change time, which no program can set back, and which file it is. Any
/// difference means a look. A write in the same tick of the file system's clock as the one before
/// can leave all of it as it was (same size, same times), so a file is also looked at once more,
/// in the first look that began a tick after its stamp was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    changed: (i64, i64),
    #[cfg(unix)]
    file: (u64, u64),
}

impl Stamp {
    fn of(meta: &Metadata) -> Stamp {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            changed: (meta.ctime(), meta.ctime_nsec()),
            #[cfg(unix)]
            file: (meta.dev(), meta.ino()),
        }
    }

    /// The tick of the file system's clock, as far as these times tell.
    fn tick(&self) -> Duration {
        let whole = |time: SystemTime| {
            time.duration_since(SystemTime::UNIX_EPOCH).map_or(true, |since| since.subsec_nanos() == 0)
        };
        if self.modified.is_none_or(whole) { COARSE_TICK } else { FINE_TICK }
    }
}

/// A file as polling last saw it.
#[derive(Debug, Clone, Copy)]
struct Seen {
    stamp: Stamp,
    /// A look that begins before this may miss a write that left `stamp` as it was.
    settled_from: Instant,
}

/// Polling: the mirrored files (those a pass reads, in folders that are not hidden) looked at
/// each time, and the paths of those that changed, appeared or went, or may have changed unseen,
/// sent to the loop, whose pass reads them.
struct Poller {
    folder: Folder,
    seen: HashMap<PathBuf, Seen>,
    /// When the last look began.
    last_look: Instant,
}

impl Poller {
    /// Looks at the files for the first time: what follows is compared with this.
    fn new(root: PathBuf) -> Poller {
        let mut poller =
            Poller { folder: Folder::new(root), seen: HashMap::new(), last_look: Instant::now() };
        let (began, files) = poller.stamps();
        poller.compare(began, files, Instant::now());
        poller
    }

    /// Looks at the files; returns the paths a pass should read.
    fn look(&mut self) -> Vec<PathBuf> {
        let (began, files) = self.stamps();
        self.compare(began, files, Instant::now())
    }

    /// When the look began, and the stamp of every file a pass reads (`Folder::list`). A folder
    /// that cannot be read has none: its files read as gone, and the pass finds out why.
    fn stamps(&self) -> (Instant, HashMap<PathBuf, Stamp>) {
        let began = Instant::now();
        let files = self
            .folder
            .list()
            .map(|listing| listing.files)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|relative| {
                let path = self.folder.path(&relative);
                // The entry itself: a link is refused by the pass, never followed.
                let meta = std::fs::symlink_metadata(&path).ok()?;
                Some((path, Stamp::of(&meta)))
            })
            .collect();
        (began, files)
    }

    /// Compares a look that began at `began` and ended at `ended` with the last one.
    fn compare(&mut self, began: Instant, files: HashMap<PathBuf, Stamp>, ended: Instant) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> =
            self.seen.keys().filter(|path| !files.contains_key(*path)).cloned().collect();
        let mut seen = HashMap::with_capacity(files.len());
        for (path, stamp) in files {
            let settled_from = match self.seen.get(&path) {
                Some(before) if before.stamp == stamp => {
                    // Once, in the first look that began a tick after the stamp was read: a write
                    // in that tick may have left the stamp as it was, and the pass compares bytes.
                    if self.last_look < before.settled_from && before.settled_from <= began {
                        paths.push(path.clone());
                    }
                    before.settled_from
                }
                _ => {
                    paths.push(path.clone());
                    ended + stamp.tick()
                }
            };
            seen.insert(path, Seen { stamp, settled_from });
        }
        self.seen = seen;
        self.last_look = began;
        paths.sort();
        paths
    }
}

fn handler(tx: Sender<Signal>) -> impl FnMut(notify::Result<notify::Event>) + Send + 'static {
    move |event: notify::Result<notify::Event>| {
        let signal = match event {
            Ok(event) if event.need_rescan() => Signal::Rescan("the system dropped file events".into()),
            // Reading a file changes nothing; closing one written to is the end of a save.
            Ok(event) if matches!(event.kind, EventKind::Access(kind) if kind != AccessKind::Close(AccessMode::Write)) =>
            {
                return;
            }
            Ok(event) => Signal::Paths(event.paths),
            Err(err) if matches!(err.kind, notify::ErrorKind::MaxFilesWatch) => {
                Signal::WatchFailed(format!("the system's limit of watched folders was reached ({err})"))
            }
            Err(err) => Signal::Rescan(format!("file events failed: {err}")),
        };
        let _ = tx.send(signal);
    }
}

/// The type of the file system holding `path` when it is one whose changes made by other machines
/// produce no local events (network shares, virtual machines' shared folders).
#[cfg(target_os = "linux")]
fn unreliable_file_system(path: &Path) -> Option<String> {
    const UNRELIABLE: [&str; 14] = [
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "9p",
        "virtiofs",
        "vboxsf",
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.davfs2",
        "davfs",
        "afs",
        "ceph",
    ];
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    let path = std::fs::canonicalize(path).ok()?;
    // The mount with the longest mount point above the path holds it. Fields: id, parent,
    // major:minor, root, mount point, options, optional fields, "-", type, source, options.
    let (_, fs_type) = mounts
        .lines()
        .filter_map(|line| {
            let mut fields = line.split(' ');
            let mount_point = unescape(fields.nth(4)?);
            let fs_type = line.split(" - ").nth(1)?.split(' ').next()?;
            path.starts_with(&mount_point).then(|| (mount_point.len(), fs_type.to_owned()))
        })
        .max_by_key(|(len, _)| *len)?;
    UNRELIABLE.contains(&fs_type.as_str()).then_some(fs_type)
}

#[cfg(not(target_os = "linux"))]
fn unreliable_file_system(_path: &Path) -> Option<String> {
    None
}

/// Mount points in mountinfo write spaces and a few others as `\040`-style octal escapes.
#[cfg(target_os = "linux")]
fn unescape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\'
            && i + 3 < bytes.len()
            && let Some(code) = std::str::from_utf8(&bytes[i + 1..i + 4])
                .ok()
                .and_then(|digits| u8::from_str_radix(digits, 8).ok())
        {
            out.push(code);
            i += 4;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn lost_events_ask_for_a_full_look_and_reads_are_ignored() {
        use notify::event::{Flag, ModifyKind};
        let (tx, rx) = mpsc::channel();
        let mut handle = handler(tx);
        handle(Ok(notify::Event::new(EventKind::Other).set_flag(Flag::Rescan)));
        handle(Ok(notify::Event::new(EventKind::Access(AccessKind::Read)).add_path("/f/a.md".into())));
        handle(Ok(notify::Event::new(EventKind::Modify(ModifyKind::Any)).add_path("/f/b.md".into())));
        handle(Err(notify::Error::generic("queue gone")));
        handle(Err(notify::Error::new(notify::ErrorKind::MaxFilesWatch)));
        let signals: Vec<Signal> = rx.try_iter().collect();
        assert!(matches!(&signals[0], Signal::Rescan(reason) if reason.contains("dropped")));
        assert!(matches!(&signals[1], Signal::Paths(paths) if paths == &[PathBuf::from("/f/b.md")]));
        assert!(matches!(&signals[2], Signal::Rescan(reason) if reason.contains("queue gone")));
        assert!(matches!(&signals[3], Signal::WatchFailed(reason) if reason.contains("limit")));
        assert_eq!(signals.len(), 4, "the read was ignored");
    }

    /// Polling reads a file again when anything in its stamp changed, and once more in the first
    /// look that began a tick of the file system's clock after its times were read (two seconds
    /// for times in whole seconds): a write in that tick may have left the stamp as it was.
    #[test]
    fn polling_looks_again_until_a_write_could_not_have_left_the_times_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "a").unwrap();
        let real = Stamp::of(&std::fs::metadata(dir.path().join("a.md")).unwrap());
        let second = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let whole = Stamp { modified: Some(second), ..real };
        let fine = Stamp { modified: Some(second + Duration::from_millis(250)), ..real };
        let path = PathBuf::from("/f/a.md");
        let start = Instant::now();
        let at = |ms: u64| start + Duration::from_millis(ms);
        let mut poller =
            Poller { folder: Folder::new(dir.path().to_owned()), seen: HashMap::new(), last_look: start };
        let mut look = |began: u64, stamp: Option<Stamp>| {
            let files = stamp.map(|stamp| (path.clone(), stamp)).into_iter().collect();
            poller.compare(at(began), files, at(began + 10)) == [path.clone()]
        };
        assert!(look(0, Some(whole)), "a new file");
        for began in [500, 1_000, 1_500, 2_000] {
            assert!(!look(began, Some(whole)), "whole seconds, read at 10 ms: not yet at {began} ms");
        }
        assert!(look(2_500, Some(whole)), "looked at once more, in the first look a tick after");
        assert!(!look(3_000, Some(whole)), "and only once");
        assert!(look(3_500, Some(Stamp { len: real.len + 1, ..whole })), "the size alone changed");
        assert!(look(6_000, Some(fine)), "the time changed");
        assert!(look(6_500, Some(fine)), "once more after a fine tick");
        assert!(!look(7_000, Some(fine)));
        assert!(look(7_500, None), "gone");
        assert!(!look(8_000, None));
    }

    /// On a real folder: an edit that keeps the size and the modification time (as an edit in the
    /// same second does where times are whole seconds) is seen by its change time; hidden folders
    /// and other files are not looked at.
    #[cfg(unix)]
    #[test]
    fn polling_sees_an_edit_that_kept_size_and_modification_time() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_owned();
        std::fs::create_dir_all(root.join("Регионы")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for (name, text) in [("a.md", "a"), ("Регионы/b.md", "первая"), (".git/c.md", "c"), ("d.txt", "d")]
        {
            std::fs::write(root.join(name), text).unwrap();
        }
        let mut poller = Poller::new(root.clone());
        let mut seen: Vec<&PathBuf> = poller.seen.keys().collect();
        seen.sort();
        assert_eq!(seen, [&root.join("a.md"), &root.join("Регионы/b.md")]);
        // Every file is looked at once more, in the first look a tick after the first one.
        let started = Instant::now();
        while poller.look().is_empty() {
            assert!(started.elapsed() < Duration::from_secs(10), "no second look at the files");
        }
        assert_eq!(poller.look(), Vec::<PathBuf>::new(), "only once");
        let b = root.join("Регионы/b.md");
        let modified = std::fs::metadata(&b).unwrap().modified().unwrap();
        std::fs::write(&b, "вторая").unwrap();
        std::fs::File::options().write(true).open(&b).unwrap().set_modified(modified).unwrap();
        assert_eq!(poller.look(), [b]);
    }

    #[test]
    fn mount_points_with_spaces_are_read() {
        assert_eq!(unescape("/mnt/My\\040Share"), "/mnt/My Share");
        assert_eq!(unescape("/plain"), "/plain");
    }

    #[test]
    fn a_local_temporary_folder_is_watched_by_events() {
        let dir = tempfile::tempdir().unwrap();
        let found = unreliable_file_system(dir.path());
        assert!(found.is_none(), "a temporary folder on {found:?}");
    }
}
