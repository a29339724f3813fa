//! Revisions: the list of an article's revisions and restoring one.

use galley_model::{Article, RevisionSummary};
use tauri::State;

use crate::{AppState, IpcError};

/// The article's revisions, newest first.
#[tauri::command(async)]
pub fn revision_list(state: State<'_, AppState>, id: String) -> Result<Vec<RevisionSummary>, IpcError> {
    Ok(state.library.revisions(&id)?)
}

/// Brings back revision `number` as a new revision: nothing after it is lost.
#[tauri::command(async)]
pub fn revision_restore(state: State<'_, AppState>, id: String, number: u32) -> Result<Article, IpcError> {
    Ok(state.library.restore(&id, number)?)
}
