//! Revisions: the list of an article's revisions, what changed between two, saving a labelled
//! one, and restoring one.

use galley_core::FieldDiff;
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

/// What changed from revision `old` to revision `new`, or to the article as stored when `new` is
/// `None`, word by word.
#[tauri::command(async)]
pub fn revision_diff(
    state: State<'_, AppState>,
    id: String,
    old: u32,
    new: Option<u32>,
) -> Result<Vec<FieldDiff>, IpcError> {
    Ok(state.library.diff(&id, old, new)?)
}

/// Records the article as stored now as a revision with the user's label ("sent to the desk").
#[tauri::command(async)]
pub fn revision_save(state: State<'_, AppState>, id: String, label: String) -> Result<Article, IpcError> {
    Ok(state.library.save_revision(&id, &label)?)
}
