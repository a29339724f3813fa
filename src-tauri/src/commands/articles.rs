//! Articles: list, open, create, autosave, move through the desk, tag, inspect.

use galley_core::{Autosaved, Inspection, ListPage, ListView, SectionCount, inspect};
use galley_model::{Article, ArticleFields, Status};
use tauri::State;

use crate::{AppState, IpcError};

/// One page of a list view (status, tag, section, sort) and the size of the whole list.
#[tauri::command(async)]
pub fn article_list(
    state: State<'_, AppState>,
    view: ListView,
    offset: usize,
    limit: usize,
) -> Result<ListPage, IpcError> {
    Ok(state.library.list_page(&view, offset, limit)?)
}

/// Sections in use, with counts, for the list's section filter.
#[tauri::command(async)]
pub fn section_list(state: State<'_, AppState>) -> Result<Vec<SectionCount>, IpcError> {
    Ok(state.library.sections()?)
}

/// Moves an article to another status: from the list, the palette or a drop on the sidebar.
#[tauri::command(async)]
pub fn article_set_status(
    state: State<'_, AppState>,
    id: String,
    status: Status,
) -> Result<Article, IpcError> {
    Ok(state.library.set_status(&id, status)?)
}

/// Adds and removes tags (an article dropped on a tag in the sidebar).
#[tauri::command(async)]
pub fn article_tag(
    state: State<'_, AppState>,
    id: String,
    add: Vec<String>,
    remove: Vec<String>,
) -> Result<Article, IpcError> {
    Ok(state.library.tag(&id, &add, &remove)?)
}

/// Counts and the checklist for the fields the editor holds (saved or not), against the limits
/// of the article's section from the settings.
#[tauri::command(async)]
pub fn article_inspect(state: State<'_, AppState>, fields: ArticleFields) -> Inspection {
    let limits = state.settings().limits_for(&fields.section, fields.target_chars);
    inspect(&fields, limits)
}

#[tauri::command(async)]
pub fn article_get(state: State<'_, AppState>, id: String) -> Result<Article, IpcError> {
    Ok(state.library.article(&id)?)
}

#[tauri::command(async)]
pub fn article_create(state: State<'_, AppState>, headline: String) -> Result<Article, IpcError> {
    let language = state.settings().article_language.clone();
    Ok(state.library.create(ArticleFields { headline, language, ..ArticleFields::default() })?)
}

/// Saves what the editor holds, which it loaded or last saved as revision `based_on`; the answer
/// names the revision it was saved over when the article changed elsewhere meanwhile. The Library
/// decides whether it folds into the last autosave.
#[tauri::command(async)]
pub fn article_autosave(
    state: State<'_, AppState>,
    id: String,
    based_on: u32,
    fields: ArticleFields,
) -> Result<Autosaved, IpcError> {
    Ok(state.library.autosave_based_on(&id, based_on, fields)?)
}
