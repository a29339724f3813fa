//! Galley's desktop shell: Tauri 2 around the `Library`.
//!
//! Thin by design: each command takes plain data, calls one `galley_core::Library` method and
//! returns plain data or an [`IpcError`]. Commands live in `commands/`, one file per area, named
//! `noun_verb`; `build.rs` registers them so the capability in `capabilities/default.json` grants
//! exactly these and nothing else. The dialog, clipboard and opener plugins are driven from Rust
//! commands, so the page holds no permission to them. No decision about articles is made here.

pub mod bindings;
mod commands;
mod error;
mod file_chooser;
#[cfg(target_os = "linux")]
pub use file_chooser::{CHOOSER_ARG, chooser_process};
mod mirror;
mod navigation;
mod offered;
mod single_instance;
mod state;
mod store_check;

use std::time::{Duration, Instant};

use tauri::webview::NewWindowResponse;
use tauri::{
    AppHandle, DragDropEvent, Emitter, Manager, RunEvent, WebviewUrl, WebviewWindowBuilder, WindowEvent,
};

pub use commands::links::is_openable;
pub use error::{ErrorCode, IpcError};
pub use navigation::is_app_url;
pub use offered::OfferedPaths;
pub use state::{AppState, OpenFailure, TRACE_ENV, Trace};
pub use store_check::{ReadOnlyKind, STORE_HEALTH, StoreHealth};

/// Sent to the page when the window is asked to close: the page saves, then calls `app_close`.
pub const CLOSE_REQUESTED: &str = "galley://close-requested";
/// Sent to the page when a link in the preview was clicked: the page asks, then calls `link_open`.
pub const LINK_REQUESTED: &str = "galley://link-requested";
/// Sent to the page when files are dragged over the window (`true`) or leave it (`false`).
pub const DROP_HOVER: &str = "galley://drop-hover";
/// Sent to the page with the per-file results of files dropped on the window.
pub const IMPORTED: &str = "galley://imported";
/// Sent to the page with the mirror folder's status and what a pass changed.
pub const MIRROR: &str = "galley://mirror";
/// Sent to the page when a scheduled backup failed, with why (in the Library's words).
pub const BACKUP_FAILED: &str = "galley://backup-failed";
/// How long a closing window waits for the page to answer before it closes anyway: longer than a
/// save may wait for another process to finish writing the store, so that save is not cut off.
const CLOSE_GRACE: Duration = galley_core::STORE_BUSY_TIMEOUT.saturating_add(Duration::from_secs(5));

/// Starts the app on the store named by `GALLEY_STORE`, or the default store in the OS data folder.
/// `started` is when the process began, for timing marks. A store that would not open starts the
/// app on a page that says why (`rescue.html`), with a backup to restore when it is damaged.
pub fn run(started: Instant) {
    let opened = AppState::open_default(started);
    // One app per store: a second launch on it brings the first window forward and ends here.
    let store = match &opened {
        Ok(state) => Some(state.library.path().to_owned()),
        Err(failure) => failure.store.clone(),
    };
    let lock = store.as_deref().and_then(single_instance::take_or_leave);
    let builder = match opened {
        Ok(state) => with_commands(tauri::Builder::default(), state),
        Err(failure) => {
            eprintln!("Galley cannot open its store: {}", failure.problem);
            with_rescue(tauri::Builder::default(), *failure)
        }
    };
    // Windows and macOS: the plugin's file dialogs (Linux has its own, see file_chooser.rs).
    #[cfg(not(target_os = "linux"))]
    let builder = builder.plugin(tauri_plugin_dialog::init());
    builder
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            if let Some(lock) = lock {
                single_instance::answer_knocks(app.handle(), &lock);
                // Held as long as the app runs.
                app.manage(lock);
            }
            // The window is built here, not from the configuration alone, to watch its navigation.
            let mut config =
                app.config().app.windows.first().expect("tauri.conf.json defines the main window").clone();
            if app.try_state::<AppState>().is_none() {
                config.url = WebviewUrl::App("rescue.html".into());
            }
            let handle = app.handle().clone();
            let window = WebviewWindowBuilder::from_config(app, &config)?
                // Nothing but the app's own pages ever loads in its window.
                .on_navigation(is_app_url)
                // Links in the preview open as new windows (the preview gives them a `_blank`
                // target): none is ever created; web and mail links go to the page, which asks the
                // user and then hands them to the system browser.
                .on_new_window(move |url, _features| {
                    if is_openable(url.as_str()) {
                        let _ = handle.emit_to("main", LINK_REQUESTED, url.as_str());
                    }
                    NewWindowResponse::Deny
                })
                .build()?;
            tune_webview(&window)?;
            if app.try_state::<AppState>().is_some() {
                start_background(app.handle());
            }
            Ok(())
        })
        .on_window_event(|window, event| match event {
            WindowEvent::DragDrop(drop) => on_drop(window, drop),
            WindowEvent::CloseRequested { api, .. } => {
                // The page saves what it holds, then calls `app_close`, or `app_keep_open` when the
                // save failed. A page that does not answer (hung) is closed after a grace period.
                // Without a store open (the rescue page) there is nothing to save.
                let Some(state) = window.try_state::<AppState>() else { return };
                api.prevent_close();
                let request = state.close_request();
                let _ = window.emit_to(window.label(), CLOSE_REQUESTED, ());
                let window = window.clone();
                std::thread::spawn(move || {
                    std::thread::sleep(CLOSE_GRACE);
                    if window.state::<AppState>().close_still_wanted(request) {
                        let _ = window.destroy();
                    }
                });
            }
            _ => {}
        })
        .build(tauri::generate_context!())
        .expect("the Tauri app builds")
        .run(|app, event| {
            if let RunEvent::Exit = event
                && let Some(state) = app.try_state::<AppState>()
            {
                state.store_check.stop();
            }
            // Quitting the app (⌘Q on macOS, a session ending) skips the windows' close requests:
            // while a window is open, turn the quit into closing it, so its page saves first.
            // Once the last window has closed, the app exits.
            if let RunEvent::ExitRequested { api, .. } = event
                && let Some(window) = app.get_webview_window("main")
            {
                api.prevent_exit();
                let _ = window.close();
            }
        });
}

/// Opens the desk on `state` once the rescue page has mended the store or chosen another: the
/// commands find it from now on, and what runs beside the desk starts.
fn start_desk<R: tauri::Runtime>(app: &AppHandle<R>, state: AppState) {
    app.manage(state);
    start_background(app);
}

/// What runs beside the desk for as long as the app runs: the mirror folder followed, the hourly
/// backups, and the check of every page of the store (damage found stops all writes).
fn start_background<R: tauri::Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    state.mirror.start(app.clone(), state.library.clone());
    start_scheduled_backups(app.clone(), state.library.clone());
    state.store_check.start(app.clone(), state.library.clone());
}

/// How often the app looks whether an hourly backup is due…
const BACKUP_CHECK: Duration = Duration::from_secs(10 * 60);
/// …the first time soon after start, once the desk is shown, so that a short session still backs
/// up what the one before it changed (the first look backs up only when the store changed since
/// its newest backup, so a start with nothing new makes no copy).
const FIRST_BACKUP_CHECK: Duration = Duration::from_secs(20);

/// Backs the store up every hour it changed, while the app runs, and thins out old backups
/// (`Library::scheduled_backup`). A backup that fails is said to the page (`BACKUP_FAILED`) and on
/// standard error, and tried again at the next look.
fn start_scheduled_backups<R: tauri::Runtime>(
    app: AppHandle<R>,
    library: std::sync::Arc<galley_core::Library>,
) {
    std::thread::spawn(move || {
        let mut last_change = None;
        std::thread::sleep(FIRST_BACKUP_CHECK);
        loop {
            if let Err(err) = library.scheduled_backup(&mut last_change) {
                eprintln!("Galley could not back up the store: {err}");
                let _ = app.emit(BACKUP_FAILED, err.to_string());
            }
            std::thread::sleep(BACKUP_CHECK);
        }
    });
}

/// Files dragged onto the window: the page shows where to drop while they hover; dropped files
/// are imported here, off the main thread, and the page gets one result per file. The page never
/// sees a path it could read: the shell reads the files.
fn on_drop<R: tauri::Runtime>(window: &tauri::Window<R>, drop: &DragDropEvent) {
    match drop {
        DragDropEvent::Enter { .. } => {
            let _ = window.emit_to(window.label(), DROP_HOVER, true);
        }
        DragDropEvent::Leave => {
            let _ = window.emit_to(window.label(), DROP_HOVER, false);
        }
        DragDropEvent::Drop { paths, .. } => {
            let _ = window.emit_to(window.label(), DROP_HOVER, false);
            if window.try_state::<AppState>().is_none() {
                return; // the rescue page: no store to import into
            }
            let window = window.clone();
            let paths = paths.clone();
            std::thread::spawn(move || {
                let results = commands::import::import_paths(&window.state::<AppState>(), &paths);
                let _ = window.emit_to(window.label(), IMPORTED, results);
            });
        }
        _ => {}
    }
}

/// Adds the state and the commands to a builder (tests pass Tauri's mock builder).
pub fn with_commands<R: tauri::Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder.manage(state).manage(OfferedPaths::default()).invoke_handler(commands())
}

/// Adds a store that would not open, and the commands, to a builder: the app starts on the rescue
/// page, and the desk's commands answer once it has opened a store.
pub fn with_rescue<R: tauri::Runtime>(builder: tauri::Builder<R>, failure: OpenFailure) -> tauri::Builder<R> {
    builder.manage(failure).manage(OfferedPaths::default()).invoke_handler(commands())
}

/// Every command the page may call (the capability grants exactly these).
fn commands<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        commands::app::app_config,
        commands::app::app_trace,
        commands::app::app_close,
        commands::app::app_keep_open,
        commands::articles::article_list,
        commands::articles::article_get,
        commands::articles::article_create,
        commands::articles::article_autosave,
        commands::unsaved::unsaved_keep,
        commands::unsaved::unsaved_forget,
        commands::unsaved::unsaved_count,
        commands::unsaved::unsaved_restore,
        commands::articles::article_set_status,
        commands::articles::article_tag,
        commands::articles::article_inspect,
        commands::articles::section_list,
        commands::import::article_import_pick,
        commands::backup::backup_list,
        commands::backup::backup_now,
        commands::backup::backup_pick,
        commands::backup::backup_restore,
        commands::backup::store_health,
        commands::mirror::mirror_status,
        commands::mirror::mirror_pick,
        commands::mirror::mirror_link,
        commands::mirror::mirror_unlink,
        commands::mirror::mirror_resolve,
        commands::search::article_search,
        commands::preview::article_preview,
        commands::revisions::revision_list,
        commands::revisions::revision_restore,
        commands::revisions::revision_diff,
        commands::revisions::revision_save,
        commands::tags::tag_list,
        commands::tags::tag_rename,
        commands::tags::tag_merge,
        commands::settings::settings_get,
        commands::settings::settings_set,
        commands::settings::settings_pick_path,
        commands::settings::store_move,
        commands::settings::app_start_moved,
        commands::export::template_list,
        commands::export::export_save,
        commands::export::export_copy,
        commands::export::export_open,
        commands::links::link_open,
        commands::rescue::rescue_status,
        commands::rescue::rescue_offer,
        commands::rescue::rescue_pick,
        commands::rescue::rescue_restore,
        commands::rescue::rescue_open_default,
    ]
}

/// WebKitGTK's defaults suit a web browser. Galley shows one page of its own and a preview frame:
/// - spellchecking is on (WebKitGTK has it off), in Russian and English at once: WebKitGTK checks
///   against a list of languages, not an element's `lang` (dictionaries come from hunspell through
///   enchant: `hunspell-ru`, `hunspell-en-us`). Loading them takes about 0.45 s, so it happens
///   [`SPELLCHECK_DELAY`] after the window opens, not before the desk is shown;
/// - the document-viewer cache model drops the page cache and the large memory caches;
/// - painting on the CPU (no GPU compositing) spares the web process an OpenGL stack, which
///   under a software renderer alone is about 100 MB; text and a few panels paint fast enough
///   without it. `GALLEY_WEBKIT_GPU=1` turns compositing back on (WebKit then decides).
#[cfg(target_os = "linux")]
fn tune_webview<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) -> tauri::Result<()> {
    window.with_webview(|webview| {
        use webkit2gtk::{CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};
        let view = webview.inner();
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
        if let Some(settings) = WebViewExt::settings(&view)
            && std::env::var_os("GALLEY_WEBKIT_GPU").is_none()
        {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    })?;
    let window = window.clone();
    std::thread::spawn(move || {
        std::thread::sleep(SPELLCHECK_DELAY);
        let _ = window.with_webview(|webview| {
            use webkit2gtk::{WebContextExt, WebViewExt};
            if let Some(context) = webview.inner().context() {
                context.set_spell_checking_enabled(true);
                context.set_spell_checking_languages(&["ru_RU", "en_US"]);
            }
        });
    });
    Ok(())
}

/// How long after the window opens the spellchecker's dictionaries load (Linux).
#[cfg(target_os = "linux")]
const SPELLCHECK_DELAY: Duration = Duration::from_millis(1500);

#[cfg(not(target_os = "linux"))]
fn tune_webview<R: tauri::Runtime>(_window: &tauri::WebviewWindow<R>) -> tauri::Result<()> {
    Ok(())
}
