//! Following a folder: a pass on start (whatever changed while Galley was closed), then a pass for
//! each burst of file events, for each change another Galley process made to the store, and a full
//! pass whenever events were lost.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use galley_core::Library;

use crate::watch::{self, Signal, WatchChoice, WatchMode};
use crate::{Change, FileProblem, Mirror, Result, Scope};

/// How [`follow`] works.
#[derive(Debug, Clone)]
pub struct FollowOptions {
    pub watch: WatchChoice,
    /// How often a polling watcher looks at the files.
    pub poll_interval: Duration,
    /// How often to look whether another process changed the store.
    pub store_interval: Duration,
    /// While polling, how often to read every file (polling compares sizes and times, which a
    /// program can keep; this catches what it misses).
    pub full_pass_interval: Duration,
}

impl Default for FollowOptions {
    fn default() -> Self {
        FollowOptions {
            watch: WatchChoice::Auto,
            poll_interval: Duration::from_millis(500),
            store_interval: Duration::from_millis(100),
            full_pass_interval: Duration::from_secs(60),
        }
    }
}

/// What [`follow`] reports as it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Watching has started, this way.
    Watching(WatchMode),
    /// A pass finished (also when it changed nothing), and the files that cannot be read now.
    Passed { full: bool, changes: Vec<Change>, problems: Vec<FileProblem> },
    /// File events were lost; a full pass follows.
    Rescan { reason: String },
    /// A pass failed; it is tried again on the next event or store change, as a full pass.
    Failed { message: String },
    /// The conflicts waiting for the user changed outside this process's passes (another Galley
    /// process found or settled one).
    ConflictsChanged,
}

/// A burst of events ends after this long without one…
const QUIET: Duration = Duration::from_millis(20);
/// …or this long after it began, whichever comes first.
const BURST: Duration = Duration::from_millis(150);

/// Keeps the store and the mirror's folder in step until `stop` is set.
pub fn follow(
    library: &Library,
    mirror: &mut Mirror,
    options: &FollowOptions,
    stop: &AtomicBool,
    mut report: impl FnMut(Event),
) -> Result<()> {
    let (tx, rx) = mpsc::channel();
    // A folder that is not there (a drive not plugged in, a share not mounted) is waited for.
    if !mirror.folder().is_dir() {
        report(Event::Failed {
            message: crate::Error::FolderMissing(mirror.folder().to_owned()).to_string(),
        });
        while !mirror.folder().is_dir() {
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            std::thread::sleep(options.poll_interval);
        }
    }
    // Watch before the first pass, so nothing written during it goes unseen.
    let mut watch = watch::start(mirror.folder(), options.watch, options.poll_interval, tx.clone())?;
    loop {
        report(Event::Watching(watch.mode.clone()));
        let polling = matches!(watch.mode, WatchMode::Polling { .. });
        let next = follow_signals(library, mirror, options, stop, &rx, polling, &mut report)?;
        drop(watch);
        watch = match next {
            Next::Stop => return Ok(()),
            // The system's events gave out: poll from now on (the first pass reads everything).
            Next::Poll(reason) => watch::poll(mirror.folder(), options.poll_interval, tx.clone(), reason)?,
            // The folder is back after it was gone: its watch went with it.
            Next::Restart => watch::start(mirror.folder(), options.watch, options.poll_interval, tx.clone())?,
        };
    }
}

/// Why [`follow_signals`] returned.
#[derive(Debug, PartialEq, Eq)]
enum Next {
    /// `stop` was set.
    Stop,
    /// The system's events cannot be trusted any more (why): poll instead.
    Poll(String),
    /// Passes work again after failing (the folder was gone): watch it anew.
    Restart,
}

/// The loop of [`follow`], on the watcher's signals, until it must stop or watch another way.
fn follow_signals(
    library: &Library,
    mirror: &mut Mirror,
    options: &FollowOptions,
    stop: &AtomicBool,
    rx: &Receiver<Signal>,
    polling: bool,
    report: &mut dyn FnMut(Event),
) -> Result<Next> {
    // A failure is reported once, not at every try: it comes back until something changes.
    let mut last_failure: Option<String> = None;
    let mut run = |scope: Scope, report: &mut dyn FnMut(Event)| -> bool {
        let full = matches!(scope, Scope::Full);
        match mirror.pass(library, scope) {
            Ok(changes) => {
                last_failure = None;
                report(Event::Passed { full, changes, problems: mirror.problems() });
                true
            }
            Err(err) => {
                let message = err.to_string();
                if last_failure.as_ref() != Some(&message) {
                    report(Event::Failed { message: message.clone() });
                    last_failure = Some(message);
                }
                false
            }
        }
    };
    let mut healthy = run(Scope::Full, report);
    let mut last_full = Instant::now();
    let conflicts = || library.mirror_conflicts().map(|c| c.len()).unwrap_or_default();
    let mut conflicts_seen = conflicts();

    while !stop.load(Ordering::Relaxed) {
        match rx.recv_timeout(options.store_interval) {
            Ok(first) => {
                let mut paths = BTreeSet::new();
                let mut rescan = None;
                let mut failed = None;
                let mut take = |signal: Signal| match signal {
                    Signal::Paths(changed) => paths.extend(changed),
                    Signal::Rescan(reason) => rescan = Some(reason),
                    Signal::WatchFailed(reason) => failed = Some(reason),
                };
                take(first);
                let started = Instant::now();
                while let Some(left) = BURST.checked_sub(started.elapsed()) {
                    match rx.recv_timeout(left.min(QUIET)) {
                        Ok(signal) => take(signal),
                        Err(_) => break,
                    }
                }
                if let Some(reason) = failed {
                    report(Event::Rescan { reason: reason.clone() });
                    return Ok(Next::Poll(reason));
                }
                if let Some(reason) = &rescan {
                    report(Event::Rescan { reason: reason.clone() });
                }
                let scope = if rescan.is_some() || !healthy {
                    Scope::Full
                } else {
                    Scope::Paths(paths.into_iter().collect::<Vec<PathBuf>>())
                };
                if matches!(scope, Scope::Full) {
                    last_full = Instant::now();
                }
                let failing = !healthy;
                healthy = run(scope, report);
                if failing && healthy {
                    return Ok(Next::Restart);
                }
            }
            Err(RecvTimeoutError::Timeout) => {
                let store_changed = match (library.last_change(), library.mirror_link()) {
                    (Ok(last), Ok(Some(link))) => last > link.synced_seq,
                    _ => true,
                };
                let due = polling && last_full.elapsed() >= options.full_pass_interval;
                if !healthy || due {
                    last_full = Instant::now();
                    let failing = !healthy;
                    healthy = run(Scope::Full, report);
                    if failing && healthy {
                        return Ok(Next::Restart);
                    }
                } else if store_changed {
                    healthy = run(Scope::Paths(Vec::new()), report);
                }
                let now = conflicts();
                if now != conflicts_seen {
                    conflicts_seen = now;
                    report(Event::ConflictsChanged);
                }
            }
            Err(RecvTimeoutError::Disconnected) => {
                // The watcher stopped sending: start another rather than go deaf.
                return Err(crate::Error::Watch {
                    path: mirror.folder().to_owned(),
                    message: "the file watcher stopped".into(),
                });
            }
        }
    }
    Ok(Next::Stop)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::Ordering;

    use galley_core::OpenOptions;
    use galley_core::model::SystemClock;

    use super::*;

    /// Events lost (the system's queue overflowed): the watcher's signal to look at everything
    /// brings in what no event named. The watch limit reached: the loop hands over to polling.
    #[test]
    fn a_rescan_signal_finds_what_no_event_named_and_a_watch_limit_hands_over_to_polling() {
        let dir = tempfile::tempdir().unwrap();
        let library = Arc::new(
            Library::open_with(
                &dir.path().join("store.sqlite3"),
                Arc::new(SystemClock),
                OpenOptions::default(),
            )
            .unwrap(),
        );
        let mut mirror = Mirror::link(&library, &dir.path().join("folder")).unwrap();
        let folder = mirror.folder().to_owned();
        let (tx, rx) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let (events_tx, events) = mpsc::channel();
        let thread = {
            let (library, stop) = (library.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut report = |event: Event| {
                    let _ = events_tx.send(event);
                };
                follow_signals(
                    &library,
                    &mut mirror,
                    &FollowOptions::default(),
                    &stop,
                    &rx,
                    false,
                    &mut report,
                )
            })
        };
        let first = events.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(matches!(first, Event::Passed { full: true, .. }), "{first:?}");

        // A file written with its event lost: the loop hears nothing of it…
        std::fs::write(folder.join("потеряно.md"), "# Событие потерялось\n\nТекст.\n").unwrap();
        // …until the watcher says events were dropped.
        tx.send(Signal::Rescan("the system dropped file events".into())).unwrap();
        let rescan = events.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(matches!(&rescan, Event::Rescan { reason } if reason.contains("dropped")), "{rescan:?}");
        let pass = events.recv_timeout(Duration::from_secs(10)).unwrap();
        let Event::Passed { full: true, changes, .. } = pass else { panic!("{pass:?}") };
        assert!(
            matches!(&changes[..], [Change::Created { path, .. }] if path == "потеряно.md"),
            "{changes:?}"
        );
        // The system's watch limit reached: the loop hands over to polling.
        tx.send(Signal::WatchFailed("the system's limit of watched folders was reached".into())).unwrap();
        let switched = thread.join().unwrap().unwrap();
        assert!(matches!(switched, Next::Poll(reason) if reason.contains("limit")));
        assert!(!stop.load(Ordering::Relaxed));
    }
}
