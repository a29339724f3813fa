//! Articles: list, open, create, autosave.

use galley_model::{Article, ArticleFields, ArticleSummary, Status};
use tauri::State;

use crate::{AppState, IpcError};

#[tauri::command(async)]
pub fn article_list(
    state: State<'_, AppState>,
    status: Option<Status>,
    tag: Option<String>,
    limit: usize,
) -> Result<Vec<ArticleSummary>, IpcError> {
    Ok(state.library.list(status, tag.as_deref(), limit)?)
}

#[tauri::command(async)]
pub fn article_get(state: State<'_, AppState>, id: String) -> Result<Article, IpcError> {
    Ok(state.library.article(&id)?)
}

#[tauri::command(async)]
pub fn article_create(state: State<'_, AppState>, headline: String) -> Result<Article, IpcError> {
    Ok(state.library.create(ArticleFields { headline, ..ArticleFields::default() })?)
}

/// Saves what the editor holds; the Library decides whether it folds into the last autosave.
#[tauri::command(async)]
pub fn article_autosave(
    state: State<'_, AppState>,
    id: String,
    fields: ArticleFields,
) -> Result<Article, IpcError> {
    Ok(state.library.autosave(&id, fields)?)
}
