//! One app per store (`galley_core::AppLock`): the first launch takes the store, a second one on
//! the same store knocks, which brings the first window forward, and goes.

use std::path::Path;
use std::time::Duration;

use galley_core::{AppLock, AppLockOutcome};
use tauri::{AppHandle, Manager, Runtime};

/// How often the app looks for a knock (a file's size read: nothing to speak of).
const KNOCK_LOOK: Duration = Duration::from_millis(500);

/// Takes `store` for this app. When another app has it open, that app is asked to bring its
/// window forward and this process ends. When the lock cannot be taken at all (a read-only
/// folder), the app goes on without it and says so.
pub fn take_or_leave(store: &Path) -> Option<AppLock> {
    match AppLock::take_or_knock(store) {
        Ok(AppLockOutcome::Taken(lock)) => Some(lock),
        Ok(AppLockOutcome::OpenElsewhere) => {
            eprintln!("Galley is already open on {}: its window was brought forward", store.display());
            std::process::exit(0);
        }
        Err(err) => {
            eprintln!("Galley could not make sure it is the only window on the store ({err}); going on");
            None
        }
    }
}

/// Brings the main window forward whenever a second launch knocks, for as long as the app runs.
pub fn answer_knocks<R: Runtime>(app: &AppHandle<R>, lock: &AppLock) {
    let app = app.clone();
    let knock = lock.knock_file().to_owned();
    std::thread::spawn(move || {
        let size = || std::fs::metadata(&knock).map_or(0, |meta| meta.len());
        let mut heard = size();
        loop {
            std::thread::sleep(KNOCK_LOOK);
            let now = size();
            if now != heard {
                heard = now;
                if let Some(window) = app.get_webview_window("main") {
                    let _ = window.unminimize();
                    let _ = window.show();
                    let _ = window.set_focus();
                }
            }
        }
    });
}
