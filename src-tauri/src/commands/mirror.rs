//! The mirror folder: its status, linking one through the native folder dialog, unlinking, and
//! settling a conflict.

use crate::file_chooser::FileChooser;
use crate::mirror::MirrorStatus;
use crate::{AppState, IpcError};
use galley_core::model::ArticleId;
use galley_mirror::{Kept, Mirror};
use tauri::{AppHandle, Runtime, State, WebviewWindow};

#[tauri::command(async)]
pub fn mirror_status(state: State<'_, AppState>) -> MirrorStatus {
    state.mirror.status()
}

/// Asks for a folder and links the store to it (another folder linked before is unlinked; its
/// files stay). `None` when the user cancelled.
#[tauri::command(async)]
pub fn mirror_link_pick<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    title: String,
) -> Result<Option<MirrorStatus>, IpcError> {
    let Some(folder) = FileChooser::new(&window, title).pick_folder()? else {
        return Ok(None);
    };
    state.mirror.stop();
    let linked = state.library.mirror_link()?;
    if linked.is_some_and(|link| link.folder != folder) {
        state.library.unlink_mirror()?;
    }
    let result = Mirror::link(&state.library, &folder).map_err(mirror_error);
    // Follows the new folder, or the old link again if this one failed.
    state.mirror.start(app, state.library.clone());
    result?;
    Ok(Some(state.mirror.status()))
}

#[tauri::command(async)]
pub fn mirror_unlink<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<MirrorStatus, IpcError> {
    state.mirror.stop();
    state.library.unlink_mirror()?;
    state.mirror.start(app, state.library.clone());
    Ok(state.mirror.status())
}

/// Settles an article's conflict, keeping Galley's version or the file's.
#[tauri::command(async)]
pub fn mirror_resolve<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: ArticleId,
    kept: Kept,
) -> Result<MirrorStatus, IpcError> {
    let changes = Mirror::open(&state.library)
        .and_then(|mut m| m.resolve(&state.library, id, kept))
        .map_err(mirror_error)?;
    state.mirror.record(&app, &state.library, changes);
    Ok(state.mirror.status())
}

fn mirror_error(err: galley_mirror::Error) -> IpcError {
    if err.is_user_error() {
        IpcError::bad_input(err.to_string())
    } else {
        IpcError::internal(err.to_string())
    }
}
