//! Words the store could not take: kept beside the store while a save fails, brought back at the
//! next start (`galley_core`'s `unsaved.rs` says how).

use galley_core::model::{ArticleFields, ArticleId};
use tauri::State;

use crate::commands::import::{ImportResult, result_of};
use crate::{AppState, IpcError};

/// Keeps what the editor holds for `id` in a file beside the store; returns the file's path, for
/// the page to say where the words are.
#[tauri::command(async)]
pub fn unsaved_keep(
    state: State<'_, AppState>,
    id: ArticleId,
    fields: ArticleFields,
) -> Result<String, IpcError> {
    Ok(state.library.keep_unsaved(id, &fields)?.display().to_string())
}

/// The article's text is in the store now: its kept file goes.
#[tauri::command(async)]
pub fn unsaved_forget(state: State<'_, AppState>, id: ArticleId) -> Result<(), IpcError> {
    Ok(state.library.forget_unsaved(id)?)
}

/// How many texts were kept and not yet stored (at start: left by a session that ended first).
#[tauri::command(async)]
pub fn unsaved_count(state: State<'_, AppState>) -> Result<u32, IpcError> {
    Ok(state.library.unsaved()?.len().try_into().unwrap_or(u32::MAX))
}

/// Stores every kept text as a revision of its article; one result per file.
#[tauri::command(async)]
pub fn unsaved_restore(state: State<'_, AppState>) -> Result<Vec<ImportResult>, IpcError> {
    Ok(state.library.restore_unsaved()?.into_iter().map(result_of).collect())
}
