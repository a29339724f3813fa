//! The live preview: the article as the HTML export renders it, off the UI thread.

use std::sync::LazyLock;

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
/// links open as new windows (the shell turns those into a question to the user, so a click never
/// navigates the preview frame: see `on_new_window` in `lib.rs`) and long bodies lay out on demand.
#[tauri::command(async)]
pub fn article_preview(article: Article) -> Result<Preview, IpcError> {
    let rendered = galley_render::document::standalone_html(&article, None)
        .map_err(|err| IpcError::internal(err.to_string()))?;
    Ok(Preview {
        html: follow_chosen_theme(&lay_out_on_demand(&links_open_new_windows(&rendered.html))),
        warnings: rendered.warnings,
    })
}

/// The export's stylesheet, whose colours follow the system's light or dark mode.
const ARTICLE_CSS: &str = include_str!("../../../crates/galley-render/templates/article.css");

/// Lets the page set the preview's theme when the user chose one over the system's: the UI puts
/// `data-theme="light"` or `"dark"` on the preview's `<html>`, and these rules (the export's own
/// colours, read from its stylesheet) win over its `prefers-color-scheme` query.
fn follow_chosen_theme(html: &str) -> String {
    html.replacen("</head>", &format!("{}</head>", *THEME_STYLE), 1)
}

/// The `<style>` of [`follow_chosen_theme`], read from the stylesheet once, not on every keystroke.
static THEME_STYLE: LazyLock<String> = LazyLock::new(|| {
    let block = |css: &str| -> String {
        let start = css.find(":root {").map(|at| at + ":root {".len()).unwrap_or(0);
        let end = css[start..].find('}').map(|at| start + at).unwrap_or(start);
        css[start..end].split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let light = block(ARTICLE_CSS);
    let dark =
        ARTICLE_CSS.split_once("prefers-color-scheme: dark").map(|(_, rest)| block(rest)).unwrap_or_default();
    format!(
        "<style>html[data-theme=light] {{ {light} color-scheme: light; }} \
         html[data-theme=dark] {{ {dark} color-scheme: dark; }}</style>"
    )
});

/// Lets WebKit skip laying out the blocks of a long article that are off screen (they are laid out
/// as they scroll into view): opening a 50 KB article shows its preview sooner. Preview only; the
/// export keeps its own stylesheet.
fn lay_out_on_demand(html: &str) -> String {
    const STYLE: &str =
        "<style>.body > * { content-visibility: auto; contain-intrinsic-size: auto 4em; }</style>";
    html.replacen("</head>", &format!("{STYLE}</head>"), 1)
}

/// Gives every link a `_blank` target. The renderer's output is serialised HTML, so every element
/// start reads `<a ` exactly; text holding `<a ` is escaped as `&lt;a `.
fn links_open_new_windows(html: &str) -> String {
    html.replace("<a ", "<a target=\"_blank\" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_can_be_told_light_or_dark() {
        let preview = follow_chosen_theme("<html><head></head><body></body></html>");
        assert!(
            preview.contains("html[data-theme=light] { color-scheme: light dark; --text: #1d1d1f;"),
            "{preview}"
        );
        assert!(preview.contains("--background: #fdfdfb; color-scheme: light; }"), "{preview}");
        assert!(preview.contains("html[data-theme=dark] { --text: #ececec;"), "{preview}");
        assert!(preview.contains("--background: #161718; color-scheme: dark; }</style></head>"), "{preview}");
    }

    #[test]
    fn the_preview_is_the_export_with_links_as_new_windows_and_lazy_layout() {
        let export = "<!DOCTYPE html><html><head><title>t</title></head><body><div class=\"body\">\
                      <p><a href=\"https://example.com/\">a</a> &lt;a x</p></div></body></html>";
        let preview = lay_out_on_demand(&links_open_new_windows(export));
        assert_eq!(preview.matches("<a target=\"_blank\" href=").count(), 1);
        assert!(preview.contains("&lt;a x"), "text stays text");
        assert!(
            preview.contains("content-visibility: auto; contain-intrinsic-size: auto 4em; }</style></head>")
        );
    }
}
