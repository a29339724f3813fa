//! Search with Galley's query language.

use galley_core::SearchHit;
use tauri::State;

use crate::{AppState, IpcError};

#[tauri::command(async)]
pub fn article_search(
    state: State<'_, AppState>,
    query: String,
    limit: usize,
) -> Result<Vec<SearchHit>, IpcError> {
    Ok(state.library.search(&query, limit)?)
}
