//! Galley's desktop shell: Tauri 2 around the `Library`.
//!
//! Thin by design: each command takes plain data, calls one `galley_core::Library` method and
//! returns plain data or an [`IpcError`]. Commands live in `commands/`, one file per area, named
//! `noun_verb`; `build.rs` registers them so the capability in `capabilities/default.json` grants
//! exactly these and nothing else. No decision about articles is made here.

mod commands;
mod error;
mod state;

pub use error::IpcError;
pub use state::AppState;

/// Starts the app on the store named by `GALLEY_STORE`, or the default store in the OS data folder.
pub fn run() {
    let state = AppState::open_default().unwrap_or_else(|err| {
        eprintln!("Galley cannot open its store: {err}");
        std::process::exit(1);
    });
    with_commands(tauri::Builder::default(), state)
        .run(tauri::generate_context!())
        .expect("the Tauri app runs");
}

/// Adds the state and the commands to a builder (tests pass Tauri's mock builder).
pub fn with_commands<R: tauri::Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder.manage(state).invoke_handler(tauri::generate_handler![
        commands::articles::article_list,
        commands::articles::article_get,
        commands::articles::article_create,
        commands::articles::article_autosave,
        commands::search::article_search,
        commands::preview::article_preview,
        commands::tags::tag_list,
    ])
}
