//! The tag tree with counts, and the tag manager: rename and merge.

use galley_core::TagCount;
use tauri::State;

use crate::{AppState, IpcError};

#[tauri::command(async)]
pub fn tag_list(state: State<'_, AppState>) -> Result<Vec<TagCount>, IpcError> {
    Ok(state.library.tags()?)
}

/// Renames a tag everywhere it is used (its children move with it).
#[tauri::command(async)]
pub fn tag_rename(state: State<'_, AppState>, from: String, to: String) -> Result<(), IpcError> {
    Ok(state.library.rename_tag(&from, &to)?)
}

/// Merges tag `from` into `into`: articles carrying `from` carry `into` instead.
#[tauri::command(async)]
pub fn tag_merge(state: State<'_, AppState>, from: String, into: String) -> Result<(), IpcError> {
    Ok(state.library.merge_tags(&from, &into)?)
}
