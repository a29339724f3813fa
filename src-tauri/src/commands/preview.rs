//! The live preview: the article as the HTML export renders it, off the UI thread.

use galley_model::Article;
use serde::Serialize;

use crate::IpcError;

/// The standalone HTML document (sanitized body, built-in template) and the renderer's warnings.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct Preview {
    pub html: String,
    pub warnings: Vec<String>,
}

/// Renders the article as the editor holds it, exactly as `export --format html` would, except that
/// links open as new windows: the shell turns those into a question to the user, so a click never
/// navigates the preview frame (see `on_new_window` in `lib.rs`).
#[tauri::command(async)]
pub fn article_preview(article: Article) -> Result<Preview, IpcError> {
    let rendered = galley_render::document::standalone_html(&article, None)
        .map_err(|err| IpcError::internal(err.to_string()))?;
    Ok(Preview { html: links_open_new_windows(&rendered.html), warnings: rendered.warnings })
}

/// Gives every link a `_blank` target. The renderer's output is serialised HTML, so every element
/// start reads `<a ` exactly; text holding `<a ` is escaped as `&lt;a `.
fn links_open_new_windows(html: &str) -> String {
    html.replace("<a ", "<a target=\"_blank\" ")
}
