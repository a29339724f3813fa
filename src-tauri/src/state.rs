//! What every command shares: the open Library, and how the app was started.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use galley_core::{
    Library, STORE_ENV, Settings, StoreChoice, StoreOrigin, default_store_path, settings_path,
};

/// The variable that turns on timing marks (`1`) or the scripted measurement (`bench`).
pub const TRACE_ENV: &str = "GALLEY_TRACE";

/// The app's state: one Library for the app's lifetime, and the user's settings.
pub struct AppState {
    pub library: Arc<Library>,
    /// Follows the store's mirror folder.
    pub mirror: crate::mirror::MirrorRunner,
    /// The check of every page of the store, run at start.
    pub store_check: crate::store_check::StoreCheck,
    pub trace: Option<Trace>,
    settings: Mutex<Settings>,
    /// Where the settings are saved; `None` when there is no config folder (they then last a session).
    pub settings_path: Option<PathBuf>,
    /// What went wrong reading the settings file at start, for the page to show.
    pub settings_problem: Option<String>,
    /// Numbers close requests, so the page can call off a forced close (see [`AppState::close_request`]).
    close_requests: AtomicU64,
    /// How the store was chosen: one named for this run is moved for this run only.
    pub store_origin: StoreOrigin,
    /// Where the store was copied by `store_move`, for the app to start again on.
    pub moved_to: Mutex<Option<PathBuf>>,
}

/// Timing marks are on: when the process started, and whether the UI runs its measurement.
#[derive(Debug, Clone, Copy)]
pub struct Trace {
    pub started: Instant,
    pub bench: bool,
}

/// The store the app could not open, and why: the app then starts on a page that says so (see
/// `commands/rescue.rs`) instead of the desk, with the newest good backup when the store is
/// damaged. Holds what is needed to open a store once that is mended.
pub struct OpenFailure {
    /// The store that would not open (`None`: there is no data folder to put one in).
    pub store: Option<PathBuf>,
    /// Why, in full.
    pub problem: String,
    /// The store's file is damaged (`StoreError::is_damaged_store`): a backup can take its place.
    pub damaged: bool,
    /// The default store, when the one that failed was chosen in the settings: it can be opened
    /// instead.
    pub default_store: Option<PathBuf>,
    settings_path: Option<PathBuf>,
    settings: Settings,
    /// What went wrong reading the settings file, for the desk to show once a store opens.
    settings_problem: Option<String>,
    trace: Option<Trace>,
    /// Held while a backup goes in or a store opens: one at a time.
    pub(crate) acting: Mutex<()>,
}

impl OpenFailure {
    fn new(store: Option<PathBuf>, error: &galley_core::Error, opening: &Opening) -> Box<OpenFailure> {
        Box::new(OpenFailure {
            store,
            problem: error.to_string(),
            damaged: matches!(error, galley_core::Error::Store(err) if err.is_damaged_store()),
            default_store: None,
            settings_path: opening.settings_path.clone(),
            settings: opening.settings.clone(),
            settings_problem: opening.settings_problem.clone(),
            trace: None,
            acting: Mutex::new(()),
        })
    }

    /// The settings read at start (for the page's language and theme).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Opens the store again, once a backup has taken its place.
    pub fn reopen(&self) -> Result<AppState, galley_core::Error> {
        let store = self.store.as_deref().ok_or(galley_core::Error::NoDataFolder)?;
        let choice = StoreChoice { path: store.to_owned(), origin: StoreOrigin::Chosen };
        let state = AppState::open_with(&choice, self.settings_path.clone(), self.settings.clone())?;
        Ok(self.opened(state, None))
    }

    /// Opens the default store instead of the one chosen in the settings, and says why there.
    pub fn open_default(&self) -> Result<AppState, galley_core::Error> {
        let default = self.default_store.as_deref().ok_or(galley_core::Error::NoDataFolder)?;
        let choice = StoreChoice { path: default.to_owned(), origin: StoreOrigin::Default };
        let state = AppState::open_with(&choice, self.settings_path.clone(), self.settings.clone())?;
        Ok(self.opened(state, Some(fell_back(&self.problem))))
    }

    /// A store opened at last, with what the start knew: timing marks, and the problems to show.
    fn opened(&self, mut state: AppState, problem: Option<String>) -> AppState {
        state.trace = self.trace;
        let problems: Vec<String> = self.settings_problem.iter().cloned().chain(problem).collect();
        state.settings_problem = (!problems.is_empty()).then(|| problems.join("; "));
        state
    }
}

/// What the desk says when a store chosen in the settings did not open for `problem`.
fn fell_back(problem: &str) -> String {
    format!(
        "the store chosen in the settings could not be opened ({problem}); Galley opened the default store"
    )
}

/// The settings read at start, where they live, and what went wrong reading them.
struct Opening {
    settings_path: Option<PathBuf>,
    settings: Settings,
    settings_problem: Option<String>,
}

impl AppState {
    /// Reads the settings (`GALLEY_SETTINGS`, else the OS config folder), then opens the store
    /// named by `GALLEY_STORE`, else the one in the settings, else the default one (seeded on
    /// first run).
    pub fn open_default(started: Instant) -> Result<AppState, Box<OpenFailure>> {
        let trace = std::env::var(TRACE_ENV)
            .ok()
            .filter(|value| !value.is_empty() && value != "0")
            .map(|value| Trace { started, bench: value == "bench" });
        let opened = AppState::open_configured(
            std::env::var_os(STORE_ENV).map(PathBuf::from),
            settings_path(),
            default_store_path(),
        );
        match opened {
            Ok(mut state) => {
                state.trace = trace;
                Ok(state)
            }
            Err(mut failure) => {
                failure.trace = trace;
                Err(failure)
            }
        }
    }

    /// Opens `store` if given, else the store the settings at `settings_path` name, else
    /// `default_store`. A store chosen in the settings that cannot be opened (a drive not plugged
    /// in, a file of a newer Galley) must not keep the app from starting: the default store opens
    /// and the problem is kept for the page to show, beside the settings where it can be changed.
    /// A damaged one is the exception: the journalist's words are in it, so the app offers its
    /// backups first, and the default store only on request.
    pub fn open_configured(
        store: Option<PathBuf>,
        settings_path: Option<PathBuf>,
        default_store: Option<PathBuf>,
    ) -> Result<AppState, Box<OpenFailure>> {
        let loaded = settings_path.as_deref().map(Settings::load);
        let settings = loaded.as_ref().map(|l| l.settings.clone()).unwrap_or_default();
        let settings_problem = loaded.and_then(|l| l.problem);
        let mut problems: Vec<String> = settings_problem.iter().cloned().collect();
        let opening = Opening { settings_path, settings, settings_problem };
        let open = |choice: &StoreChoice| {
            AppState::open_with(choice, opening.settings_path.clone(), opening.settings.clone())
                .map_err(|err| OpenFailure::new(Some(choice.path.clone()), &err, &opening))
        };
        let no_data_folder = || OpenFailure::new(None, &galley_core::Error::NoDataFolder, &opening);
        let choice = StoreChoice::decide(store, Some(&opening.settings), default_store.clone())
            .ok_or_else(no_data_folder)?;
        let mut state = match open(&choice) {
            Ok(state) => state,
            // The store chosen in the settings (never made anew: its drive may only be unplugged).
            Err(mut failure) if choice.origin == StoreOrigin::Chosen => {
                if failure.damaged {
                    failure.default_store = default_store.filter(|default| *default != choice.path);
                    return Err(failure);
                }
                problems.push(fell_back(&failure.problem));
                let path = default_store.ok_or_else(no_data_folder)?;
                open(&StoreChoice { path, origin: StoreOrigin::Default })?
            }
            Err(failure) => return Err(failure),
        };
        state.settings_problem = (!problems.is_empty()).then(|| problems.join("; "));
        Ok(state)
    }

    /// Opens the store at `path` with the settings read from `settings_path` (defaults if none).
    pub fn open(path: &Path, settings_path: Option<PathBuf>) -> Result<AppState, galley_core::Error> {
        let settings = settings_path.as_deref().map(|p| Settings::load(p).settings).unwrap_or_default();
        let choice = StoreChoice { path: path.to_owned(), origin: StoreOrigin::Named };
        AppState::open_with(&choice, settings_path, settings)
    }

    /// Opens the chosen store with settings already read from `settings_path`.
    fn open_with(
        choice: &StoreChoice,
        settings_path: Option<PathBuf>,
        settings: Settings,
    ) -> Result<AppState, galley_core::Error> {
        let library = choice.open()?;
        library.set_templates_folder(settings.templates.clone());
        // A failed save's words go beside the store, or to this machine's own disk when the
        // store's drive is what failed.
        library.set_unsaved_fallback(galley_core::unsaved_fallback_folder(library.path()));
        Ok(AppState {
            library: Arc::new(library),
            mirror: crate::mirror::MirrorRunner::default(),
            store_check: crate::store_check::StoreCheck::default(),
            trace: None,
            settings: Mutex::new(settings),
            settings_path,
            settings_problem: None,
            close_requests: AtomicU64::new(0),
            store_origin: choice.origin,
            moved_to: Mutex::new(None),
        })
    }

    /// The settings in force.
    pub fn settings(&self) -> MutexGuard<'_, Settings> {
        self.settings.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Saves new settings and puts them in force (the store location waits for the next start).
    pub fn set_settings(&self, settings: Settings) -> Result<Settings, galley_core::Error> {
        // What is kept (and returned) is what the file will read back as.
        let settings = settings.normalized();
        if let Some(path) = &self.settings_path {
            settings.save(path)?;
        }
        self.library.set_templates_folder(settings.templates.clone());
        *self.settings() = settings.clone();
        Ok(settings)
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
