//! The mirror folder: its status, linking one through the native folder dialog, unlinking, and
//! settling a conflict.

use crate::file_chooser::FileChooser;
use crate::mirror::MirrorStatus;
use crate::offered::OfferedPaths;
use crate::{AppState, IpcError};
use galley_core::model::ArticleId;
use std::path::Path;

use galley_mirror::{Kept, LinkPlan, Mirror};
use tauri::{AppHandle, Runtime, State, WebviewWindow};

#[tauri::command(async)]
pub fn mirror_status(state: State<'_, AppState>) -> MirrorStatus {
    state.mirror.status()
}

/// Asks for a folder and says what linking it would change, file by file, without writing
/// anything: the page shows the plan and links with [`mirror_link`] when the user agrees. The
/// folder is offered to the page for that. `None` when the user cancelled.
#[tauri::command(async)]
pub fn mirror_pick<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    offered: State<'_, OfferedPaths>,
    title: String,
) -> Result<Option<LinkPlan>, IpcError> {
    let Some(folder) = FileChooser::new(&window, title).pick_folder()? else {
        return Ok(None);
    };
    let plan = Mirror::link_plan_replacing(&state.library, &folder).map_err(mirror_error)?;
    offered.offer(plan.folder.clone());
    Ok(Some(plan))
}

/// Links the store to a folder [`mirror_pick`] offered (another folder linked before is unlinked;
/// its files stay).
#[tauri::command(async)]
pub fn mirror_link<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    offered: State<'_, OfferedPaths>,
    folder: String,
) -> Result<MirrorStatus, IpcError> {
    let folder = offered.taken(&folder)?;
    state.mirror.stop();
    let result = relink(&state, &folder);
    // Follows the new folder, or the old link again if this one failed.
    state.mirror.start(app, state.library.clone());
    result?;
    Ok(state.mirror.status())
}

fn relink(state: &AppState, folder: &Path) -> Result<(), IpcError> {
    let linked = state.library.mirror_link()?;
    if linked.is_some_and(|link| link.folder != folder) {
        state.library.unlink_mirror()?;
    }
    Mirror::link(&state.library, folder).map_err(mirror_error)?;
    Ok(())
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
