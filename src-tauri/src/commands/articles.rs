//! Articles: list, open, create, autosave.

use galley_core::ListPage;
use galley_model::{Article, ArticleFields, Status};
use tauri::State;

use crate::{AppState, IpcError};

/// One page of the article list, newest first, and the size of the whole list.
#[tauri::command(async)]
pub fn article_list(
    state: State<'_, AppState>,
    status: Option<Status>,
    tag: Option<String>,
    offset: usize,
    limit: usize,
) -> Result<ListPage, IpcError> {
    Ok(state.library.list_page(status, tag.as_deref(), offset, limit)?)
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
