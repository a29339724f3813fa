//! What every command shares: the open Library, and how the app was started.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use galley_core::{Library, STORE_ENV, default_store_path};

/// The variable that turns on timing marks (`1`) or the scripted measurement (`bench`).
pub const TRACE_ENV: &str = "GALLEY_TRACE";

/// The app's state: one Library for the app's lifetime.
pub struct AppState {
    pub library: Library,
    pub trace: Option<Trace>,
    /// Numbers close requests, so the page can call off a forced close (see [`AppState::close_request`]).
    close_requests: AtomicU64,
}

/// Timing marks are on: when the process started, and whether the UI runs its measurement.
pub struct Trace {
    pub started: Instant,
    pub bench: bool,
}

impl AppState {
    /// Opens the store named by `GALLEY_STORE`, else the default one (seeded on first run).
    pub fn open_default(started: Instant) -> Result<AppState, galley_core::Error> {
        let path = match std::env::var_os(STORE_ENV) {
            Some(path) => path.into(),
            None => default_store_path().ok_or(galley_core::Error::NoDataFolder)?,
        };
        let mut state = AppState::open(&path)?;
        state.trace = std::env::var(TRACE_ENV)
            .ok()
            .filter(|value| !value.is_empty() && value != "0")
            .map(|value| Trace { started, bench: value == "bench" });
        Ok(state)
    }

    pub fn open(path: &Path) -> Result<AppState, galley_core::Error> {
        Ok(AppState { library: Library::open(path)?, trace: None, close_requests: AtomicU64::new(0) })
    }

    /// A close was requested: returns its number, to be checked with [`AppState::close_still_wanted`].
    pub fn close_request(&self) -> u64 {
        self.close_requests.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Whether close request `number` still stands: no later request, and the page did not keep the
    /// window open (a save failed and the text would be lost).
    pub fn close_still_wanted(&self, number: u64) -> bool {
        self.close_requests.load(Ordering::SeqCst) == number
    }

    /// The page keeps the window open: any close waiting on it is called off.
    pub fn keep_open(&self) {
        self.close_requests.fetch_add(1, Ordering::SeqCst);
    }
}
