//! The tag tree with counts.

use galley_core::TagCount;
use tauri::State;

use crate::{AppState, IpcError};

#[tauri::command(async)]
pub fn tag_list(state: State<'_, AppState>) -> Result<Vec<TagCount>, IpcError> {
    Ok(state.library.tags()?)
}
