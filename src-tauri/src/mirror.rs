//! The mirror folder in the app: one thread follows the linked folder (`galley_mirror::follow`)
//! while the app runs, and keeps the status the page shows. Every pass that changed something,
//! and every change of state, is sent to the page as [`MIRROR`](crate::MIRROR).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

use galley_core::Library;
use galley_mirror::{Change, Conflict, Event, FileProblem, FollowOptions, Mirror, WatchMode};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};

/// How many of the latest changes the status keeps.
const RECENT: usize = 50;

/// Where the mirror stands, as the page shows it.
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
pub struct MirrorStatus {
    /// The linked folder; none when the store is not linked.
    pub folder: Option<String>,
    pub state: MirrorState,
    /// Why it polls, or what failed.
    pub detail: Option<String>,
    pub conflicts: Vec<Conflict>,
    pub problems: Vec<FileProblem>,
    /// The latest changes, newest first.
    pub recent: Vec<Change>,
}

/// What the follow thread is doing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum MirrorState {
    /// No folder is linked.
    #[default]
    Off,
    Starting,
    /// Following the system's file events.
    Events,
    /// Following by polling (see `detail`).
    Polling,
    /// The last pass failed (see `detail`); it is tried again.
    Failed,
}

/// What the page receives after a pass or a change of state.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MirrorUpdate {
    pub status: MirrorStatus,
    /// What this pass did (none for a change of state alone).
    pub changes: Vec<Change>,
}

/// The follow thread and the status it keeps.
#[derive(Default)]
pub struct MirrorRunner {
    status: Arc<Mutex<MirrorStatus>>,
    running: Mutex<Option<Running>>,
}

struct Running {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

impl MirrorRunner {
    pub fn status(&self) -> MirrorStatus {
        lock(&self.status).clone()
    }

    /// Follows the store's linked folder (stopping any earlier thread first); with no folder
    /// linked, the status says so.
    pub fn start<R: Runtime>(&self, app: AppHandle<R>, library: Arc<Library>) {
        // Held throughout, so two starts (a link and an unlink at once) cannot both leave a thread.
        let mut running = lock(&self.running);
        if let Some(old) = running.take() {
            old.stop.store(true, Ordering::Relaxed);
            let _ = old.thread.join();
        }
        let link = library.mirror_link().ok().flatten();
        *lock(&self.status) = MirrorStatus {
            folder: link.as_ref().map(|l| l.folder.display().to_string()),
            state: if link.is_some() { MirrorState::Starting } else { MirrorState::Off },
            conflicts: Mirror::conflicts(&library).unwrap_or_default(),
            ..MirrorStatus::default()
        };
        send(&app, &self.status, Vec::new());
        if link.is_none() {
            return;
        }
        let stop = Arc::new(AtomicBool::new(false));
        let status = self.status.clone();
        let thread = {
            let stop = stop.clone();
            std::thread::spawn(move || follow(&app, &library, &status, &stop))
        };
        *running = Some(Running { stop, thread });
    }

    /// Stops following (the pass under way finishes first).
    pub fn stop(&self) {
        if let Some(running) = lock(&self.running).take() {
            running.stop.store(true, Ordering::Relaxed);
            let _ = running.thread.join();
        }
    }

    /// Notes what a pass made outside the thread did (settling a conflict) and tells the page.
    pub fn record<R: Runtime>(&self, app: &AppHandle<R>, library: &Library, changes: Vec<Change>) {
        {
            let mut status = lock(&self.status);
            status.conflicts = Mirror::conflicts(library).unwrap_or_default();
            remember(&mut status, &changes);
        }
        send(app, &self.status, changes);
    }
}

fn follow<R: Runtime>(
    app: &AppHandle<R>,
    library: &Library,
    status: &Arc<Mutex<MirrorStatus>>,
    stop: &AtomicBool,
) {
    // How the folder is watched, to go back to after a failed pass.
    let mut watching: (MirrorState, Option<String>) = (MirrorState::Events, None);
    let result = Mirror::open(library).map_err(|e| e.to_string()).and_then(|mut mirror| {
        galley_mirror::follow(library, &mut mirror, &FollowOptions::default(), stop, |event| {
            let changes = match event {
                Event::Watching(mode) => {
                    watching = match mode {
                        WatchMode::Events => (MirrorState::Events, None),
                        WatchMode::Polling { reason } => (MirrorState::Polling, Some(reason)),
                    };
                    let mut status = lock(status);
                    (status.state, status.detail) = watching.clone();
                    Vec::new()
                }
                Event::Passed { changes, problems, .. } => {
                    let mut status = lock(status);
                    let recovered = status.state == MirrorState::Failed;
                    if recovered {
                        (status.state, status.detail) = watching.clone();
                    }
                    if changes.is_empty() && problems == status.problems && !recovered {
                        return;
                    }
                    status.problems = problems;
                    if !changes.is_empty() {
                        status.conflicts = Mirror::conflicts(library).unwrap_or_default();
                    }
                    remember(&mut status, &changes);
                    changes
                }
                Event::Rescan { .. } => return,
                Event::ConflictsChanged => {
                    lock(status).conflicts = Mirror::conflicts(library).unwrap_or_default();
                    Vec::new()
                }
                Event::Failed { message } => {
                    let mut status = lock(status);
                    if status.detail.as_deref() == Some(message.as_str()) {
                        return;
                    }
                    status.state = MirrorState::Failed;
                    status.detail = Some(message);
                    Vec::new()
                }
            };
            send(app, status, changes);
        })
        .map_err(|e| e.to_string())
    });
    if let Err(message) = result {
        let mut state = lock(status);
        state.state = MirrorState::Failed;
        state.detail = Some(message);
        drop(state);
        send(app, status, Vec::new());
    }
}

fn remember(status: &mut MirrorStatus, changes: &[Change]) {
    let mut recent: Vec<Change> = changes.iter().rev().cloned().collect();
    recent.append(&mut status.recent);
    recent.truncate(RECENT);
    status.recent = recent;
}

fn send<R: Runtime>(app: &AppHandle<R>, status: &Mutex<MirrorStatus>, changes: Vec<Change>) {
    let update = MirrorUpdate { status: lock(status).clone(), changes };
    let _ = app.emit_to("main", crate::MIRROR, update);
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
