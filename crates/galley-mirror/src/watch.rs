//! File events: the system's own (inotify, FSEvents, ReadDirectoryChanges) where they can be
//! trusted, polling where they cannot (network and virtual-machine shares, or when the system's
//! watch limit is reached). Events only say where to look; a pass decides what happened.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{PollWatcher, RecursiveMode, Watcher};

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
    _watcher: Box<dyn Watcher + Send>,
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
            Ok(watcher) => return Ok(Watch { _watcher: watcher, mode: WatchMode::Events }),
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

/// Watches by polling, for `reason`.
pub(crate) fn poll(root: &Path, interval: Duration, tx: Sender<Signal>, reason: String) -> Result<Watch> {
    let config = notify::Config::default().with_poll_interval(interval);
    let failed = |err: notify::Error| Error::Watch { path: root.to_owned(), message: err.to_string() };
    let mut watcher = PollWatcher::new(handler(tx), config).map_err(failed)?;
    watcher.watch(root, RecursiveMode::Recursive).map_err(failed)?;
    Ok(Watch { _watcher: Box::new(watcher), mode: WatchMode::Polling { reason } })
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
        let (tx, rx) = std::sync::mpsc::channel();
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
