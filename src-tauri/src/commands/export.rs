//! Export from the desk: save through the native dialog, copy to the clipboard, open in the
//! system browser. The dialog, clipboard and browser are driven from here, not from the page, so
//! the webview holds no permission to any of them.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use galley_core::model::{Clock, SystemClock};
use galley_core::{ExportFormat, Selection};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State, WebviewWindow};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_opener::OpenerExt;

use crate::file_chooser::FileChooser;
use crate::{AppState, IpcError};

/// A file the export wrote, and what the renderer warned about.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct ExportSaved {
    pub path: String,
    pub warnings: Vec<String>,
}

/// The user's templates (`templates/NAME.html` beside the store), for the export dialog.
#[tauri::command(async)]
pub fn template_list(state: State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    Ok(state.library.templates()?)
}

/// Asks where to save with the native dialog, then exports the stored article there.
/// `None` when the user cancels.
#[tauri::command(async)]
pub fn export_save<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    id: String,
    format: ExportFormat,
    template: Option<String>,
    title: String,
) -> Result<Option<ExportSaved>, IpcError> {
    let article = state.library.article(&id)?;
    let name = format!("{}.{}", article.fields.slug, format.extension());
    let chosen = FileChooser::new(&window, title)
        .file_name(name)
        .filter(format.name(), &[format.extension().rsplit('.').next().unwrap_or("html")])
        .save_file()?;
    let Some(path) = chosen else { return Ok(None) };
    let warnings = export_to(&state, id, format, &path, template.as_deref())?;
    Ok(Some(ExportSaved { path: path.display().to_string(), warnings }))
}

/// Exports one article to the file `path`: its warnings, or its failure as the error.
fn export_to(
    state: &AppState,
    id: String,
    format: ExportFormat,
    path: &Path,
    template: Option<&str>,
) -> Result<Vec<String>, IpcError> {
    let report = state.library.export(&Selection::Article(id), format, path, template, None, |_, _| {})?;
    let file = report.files.into_iter().next().expect("one article exports one file");
    match file.error {
        Some(error) => Err(IpcError::internal(error)),
        None => Ok(file.warnings),
    }
}

/// Puts the article on the clipboard in `format`: HTML formats go as HTML with the source as the
/// plain-text flavour, so a rich editor gets the formatting and a source field gets the markup.
#[tauri::command(async)]
pub fn export_copy<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
    format: ExportFormat,
    template: Option<String>,
) -> Result<Vec<String>, IpcError> {
    let article = state.library.article(&id)?;
    let rendered = state.library.export_text(&article, format, template.as_deref())?;
    let copied = match format {
        ExportFormat::Html | ExportFormat::Fragment => {
            app.clipboard().write_html(rendered.html.as_str(), Some(rendered.html.as_str()))
        }
        ExportFormat::Md | ExportFormat::Ninjs => app.clipboard().write_text(rendered.html.as_str()),
    };
    copied.map_err(|err| IpcError::internal(format!("the clipboard refused the text: {err}")))?;
    Ok(rendered.warnings)
}

/// How long an export opened in the browser stays in the cache folder: the browser has read it
/// long before, and a reader may still reload it for a while.
const OPENED_EXPORTS_KEPT_FOR: Duration = Duration::from_secs(24 * 60 * 60);

/// `at` as the file system's time (a time before 1970 as 1970).
fn system_time(at: galley_core::model::Timestamp) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_millis(u64::try_from(at.as_millisecond()).unwrap_or(0))
}

/// Removes the exports opened in the browser more than `age` before `now` (each keeps its images
/// inside, so they would otherwise pile up in the cache folder, one per article ever opened).
/// What cannot be read or removed is left for the next time.
fn forget_old_exports(folder: &Path, now: SystemTime, age: Duration) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let old = entry
            .metadata()
            .ok()
            .filter(|meta| meta.is_file())
            .and_then(|meta| meta.modified().ok())
            .is_some_and(|modified| now.duration_since(modified).is_ok_and(|since| since > age));
        if old && path.extension().is_some_and(|ext| ext == "html") {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Exports the article as an HTML document into the app's cache folder and opens it in the
/// system browser. Images are embedded, so the file stands alone.
#[tauri::command(async)]
pub fn export_open<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
    template: Option<String>,
) -> Result<String, IpcError> {
    let article = state.library.article(&id)?;
    let folder = app
        .path()
        .app_cache_dir()
        .map_err(|err| IpcError::internal(format!("no cache folder for the export: {err}")))?
        .join("exports");
    let path: PathBuf = folder.join(format!("{}.html", article.fields.slug));
    std::fs::create_dir_all(&folder)
        .map_err(|err| IpcError::internal(format!("cannot create {}: {err}", folder.display())))?;
    forget_old_exports(&folder, system_time(SystemClock.now()), OPENED_EXPORTS_KEPT_FOR);
    export_to(&state, id, ExportFormat::Html, &path, template.as_deref())?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|err| IpcError::internal(format!("no browser opened {}: {err}", path.display())))?;
    Ok(path.display().to_string())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    #[test]
    fn exports_opened_long_ago_leave_the_cache_folder_and_the_latest_stay() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("vchera.html");
        let new = dir.path().join("segodnya.html");
        let other = dir.path().join("notes.txt");
        for path in [&old, &new, &other] {
            std::fs::write(path, "<p>текст</p>").unwrap();
        }
        let now = super::system_time(galley_core::model::Timestamp::from_second(1_800_000_000).unwrap());
        let two_days_ago = now - Duration::from_secs(2 * 24 * 60 * 60);
        std::fs::File::options().write(true).open(&new).unwrap().set_modified(now).unwrap();
        for path in [&old, &other] {
            std::fs::File::options().write(true).open(path).unwrap().set_modified(two_days_ago).unwrap();
        }
        super::forget_old_exports(dir.path(), now, super::OPENED_EXPORTS_KEPT_FOR);
        assert!(!old.exists(), "an export opened two days ago is gone");
        assert!(new.exists(), "the one just opened stays");
        assert!(other.exists(), "only exports are removed");
    }
}
