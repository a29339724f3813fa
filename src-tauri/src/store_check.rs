//! The check of every page of the store, run beside the desk at every start (two seconds in): a
//! store that fails it takes no more writes (`galley_core::Library::check_store`), and the page is
//! told, with the newest good backup and what restoring it would lose. The check stops when the
//! app exits.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use galley_core::{Library, PageCheck, ReadOnly, RecoveryOffer};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::offered::OfferedPaths;

/// Sent to the page with the store's health when the check ends.
pub const STORE_HEALTH: &str = "galley://store-health";

/// How long after start the check begins: once the desk is on screen, so on two cores it never
/// competes with opening it (a journalist has not typed yet by then).
const CHECK_DELAY: Duration = Duration::from_secs(2);

/// Why the store takes no writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ReadOnlyKind {
    Damaged,
    Unwritable,
}

/// The store's health, as the page shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct StoreHealth {
    /// Set when the store takes no writes.
    pub read_only: Option<ReadOnlyKind>,
    /// What happened, in full, when it takes none.
    pub message: Option<String>,
    /// For a damaged store: the newest good backup, with what restoring it would lose.
    pub offer: Option<RecoveryOffer>,
}

/// The check, started once; `stop` ends it when the app exits.
#[derive(Default)]
pub struct StoreCheck {
    stop: Arc<AtomicBool>,
}

impl StoreCheck {
    /// Starts the check on a thread of its own. The page hears the store's health through
    /// [`STORE_HEALTH`] when the check ends: damage found, or a note of damage lifted.
    pub fn start<R: Runtime>(&self, app: AppHandle<R>, library: Arc<Library>) {
        let stop = self.stop.clone();
        std::thread::spawn(move || {
            std::thread::sleep(CHECK_DELAY);
            match library.check_store(stop) {
                Ok(PageCheck::Sound | PageCheck::Damaged(_)) => {
                    let health = health(&library);
                    if let Some(offered) = app.try_state::<OfferedPaths>() {
                        offered.offer_recovery(&health);
                    }
                    let _ = app.emit(STORE_HEALTH, health);
                }
                Ok(PageCheck::Stopped) => {}
                Err(err) => eprintln!("Galley could not check the store: {err}"),
            }
        });
    }

    /// Ends a check still running (the app is exiting).
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The store's health now.
pub fn health(library: &Library) -> StoreHealth {
    let read_only = library.read_only();
    let kind = read_only.as_ref().map(|r| match r {
        ReadOnly::Damaged { .. } => ReadOnlyKind::Damaged,
        ReadOnly::Unwritable { .. } => ReadOnlyKind::Unwritable,
    });
    let offer = match kind {
        Some(ReadOnlyKind::Damaged) => library.recovery_offer().unwrap_or_else(|err| {
            eprintln!("Galley could not look through the backups: {err}");
            None
        }),
        _ => None,
    };
    StoreHealth { read_only: kind, message: read_only.map(|r| r.to_string()), offer }
}
