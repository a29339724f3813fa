//! The live preview: the article as the HTML export renders it, off the UI thread.

use galley_model::Article;
use serde::Serialize;

use crate::IpcError;

/// The standalone HTML document (sanitized body, built-in template) and the renderer's warnings.
#[derive(Debug, Serialize)]
pub struct Preview {
    pub html: String,
    pub warnings: Vec<String>,
}

/// Renders the article as the editor holds it, exactly as `export --format html` would.
#[tauri::command(async)]
pub fn article_preview(article: Article) -> Result<Preview, IpcError> {
    let rendered = galley_render::document::standalone_html(&article, None)
        .map_err(|err| IpcError { code: "internal", message: err.to_string() })?;
    Ok(Preview { html: rendered.html, warnings: rendered.warnings })
}
