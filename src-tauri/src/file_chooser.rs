//! The native file chooser: open one file or several, a folder, or a place to save, kept above
//! the window that asked, answered to a command thread that waits for it.
//!
//! On Linux GTK's chooser runs **in a process of its own** (this binary, started with
//! [`CHOOSER_ARG`]). In the app's process it would open files to guess their types, the store's
//! `-wal` and `-shm` among them when it shows the store's folder; closing them drops every POSIX
//! lock the process holds on them, SQLite's included. Another process using the store (galley-cli,
//! a script) then took itself for the only one: it reset the shared memory under the app, which
//! died of SIGBUS in its next save, or removed the write-ahead log the app was still writing to.
//! SQLite's own connections are the only code in the app's process that opens the store's files.
//! (tauri-plugin-dialog's GTK backend was not usable either: it iterates GTK's main context from
//! a second thread.) On Windows and macOS the plugin's dialogs are the system's own, shown by the
//! system outside the app's process, and are used as they are.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tauri::{Runtime, WebviewWindow};

use crate::IpcError;

/// The argument that makes `galley-desktop` the chooser's process instead of the app.
pub const CHOOSER_ARG: &str = "--file-chooser";

/// A chooser to show: its title, the kind of file it offers, where it opens, a name to save under.
pub struct FileChooser<'w, R: Runtime> {
    window: &'w WebviewWindow<R>,
    request: Request,
}

/// What the chooser is asked, as the chooser's process reads it.
#[derive(Debug, Serialize, Deserialize)]
struct Request {
    title: String,
    mode: Mode,
    /// A name for the kind of file, and its extensions (without the dot, any case).
    filter: Option<(String, Vec<String>)>,
    folder: Option<PathBuf>,
    file_name: Option<String>,
    /// The X11 window to stay above.
    parent: Option<u64>,
}

/// What the chooser asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
enum Mode {
    OpenFile,
    OpenFiles,
    Folder,
    Save,
}

impl<'w, R: Runtime> FileChooser<'w, R> {
    /// A chooser above `window`, titled `title`.
    pub fn new(window: &'w WebviewWindow<R>, title: impl Into<String>) -> Self {
        let request = Request {
            title: title.into(),
            mode: Mode::OpenFile,
            filter: None,
            folder: None,
            file_name: None,
            parent: None,
        };
        Self { window, request }
    }

    /// Offers only files ending in one of `extensions` (without the dot, any case), named `name`.
    pub fn filter(mut self, name: impl Into<String>, extensions: &[&str]) -> Self {
        self.request.filter = Some((name.into(), extensions.iter().map(|ext| (*ext).to_owned()).collect()));
        self
    }

    /// Opens in `folder`.
    pub fn folder(mut self, folder: PathBuf) -> Self {
        self.request.folder = Some(folder);
        self
    }

    /// Proposes `name` as the file's name (when saving).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.request.file_name = Some(name.into());
        self
    }

    /// One existing file; `None` when cancelled.
    pub fn pick_file(self) -> Result<Option<PathBuf>, IpcError> {
        Ok(self.show(Mode::OpenFile)?.into_iter().next())
    }

    /// Existing files; none when cancelled.
    pub fn pick_files(self) -> Result<Vec<PathBuf>, IpcError> {
        self.show(Mode::OpenFiles)
    }

    /// A folder; `None` when cancelled.
    pub fn pick_folder(self) -> Result<Option<PathBuf>, IpcError> {
        Ok(self.show(Mode::Folder)?.into_iter().next())
    }

    /// A file to write, after the chooser asked before replacing one; `None` when cancelled.
    pub fn save_file(self) -> Result<Option<PathBuf>, IpcError> {
        Ok(self.show(Mode::Save)?.into_iter().next())
    }

    /// Runs the chooser's process and waits for its answer: the chosen paths, none when cancelled.
    /// Must not be called on the main thread.
    #[cfg(target_os = "linux")]
    fn show(self, mode: Mode) -> Result<Vec<PathBuf>, IpcError> {
        use std::io::Write;
        use std::process::{Command, Stdio};

        let failed = |why: String| IpcError::internal(format!("the file dialog could not be shown: {why}"));
        let mut request = self.request;
        request.mode = mode;
        request.parent = x11_window_of(self.window);
        let exe = std::env::current_exe().map_err(|err| failed(err.to_string()))?;
        let mut child = Command::new(exe)
            .arg(CHOOSER_ARG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|err| failed(err.to_string()))?;
        let asked = serde_json::to_vec(&request).map_err(|err| failed(err.to_string()))?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(&asked).map_err(|err| failed(err.to_string()))?;
        }
        let output = child.wait_with_output().map_err(|err| failed(err.to_string()))?;
        if !output.status.success() {
            return Err(failed(format!("its process ended with {}", output.status)));
        }
        let chosen: Vec<std::ffi::OsString> = serde_json::from_slice(&output.stdout)
            .map_err(|err| failed(format!("its answer did not read: {err}")))?;
        Ok(chosen.into_iter().map(PathBuf::from).collect())
    }

    #[cfg(not(target_os = "linux"))]
    fn show(self, mode: Mode) -> Result<Vec<PathBuf>, IpcError> {
        use tauri_plugin_dialog::DialogExt;
        let Request { title, filter, folder, file_name, .. } = self.request;
        let mut dialog = self.window.dialog().file().set_parent(self.window).set_title(title);
        if let Some((name, extensions)) = &filter {
            let extensions: Vec<&str> = extensions.iter().map(String::as_str).collect();
            dialog = dialog.add_filter(name, &extensions);
        }
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        if let Some(name) = file_name {
            dialog = dialog.set_file_name(name);
        }
        let chosen = match mode {
            Mode::OpenFile => dialog.blocking_pick_file().into_iter().collect(),
            Mode::OpenFiles => dialog.blocking_pick_files().unwrap_or_default(),
            Mode::Folder => dialog.blocking_pick_folder().into_iter().collect(),
            Mode::Save => dialog.blocking_save_file().into_iter().collect(),
        };
        Ok(chosen.into_iter().filter_map(|path| path.into_path().ok()).collect())
    }
}

/// The X11 window id of `window` (read on the main thread); `None` under Wayland.
#[cfg(target_os = "linux")]
fn x11_window_of<R: Runtime>(window: &WebviewWindow<R>) -> Option<u64> {
    use gtk::prelude::*;
    let (answer, answered) = std::sync::mpsc::channel();
    let window_on_main = window.clone();
    window
        .run_on_main_thread(move || {
            let xid = window_on_main
                .gtk_window()
                .ok()
                .and_then(|gtk_window| gtk_window.window())
                .and_then(|gdk_window| gdk_window.downcast::<gdkx11::X11Window>().ok())
                .map(|x11| x11.xid());
            let _ = answer.send(xid);
        })
        .ok()?;
    answered.recv().ok().flatten()
}

/// The chooser's process: reads a request on standard input, shows GTK's chooser above the app's
/// window, writes the chosen paths as JSON on standard output. Returns the exit code.
#[cfg(target_os = "linux")]
pub fn chooser_process() -> i32 {
    let request: Request = match serde_json::from_reader(std::io::stdin()) {
        Ok(request) => request,
        Err(err) => {
            eprintln!("galley-desktop {CHOOSER_ARG}: the request did not read: {err}");
            return 2;
        }
    };
    if let Err(err) = gtk::init() {
        eprintln!("galley-desktop {CHOOSER_ARG}: GTK did not start: {err}");
        return 2;
    }
    // As OsString: a name that is not UTF-8 comes back as it is.
    let chosen: Vec<std::ffi::OsString> =
        gtk_chooser::run(request).into_iter().map(PathBuf::into_os_string).collect();
    match serde_json::to_writer(std::io::stdout(), &chosen) {
        Ok(()) => 0,
        Err(err) => {
            eprintln!("galley-desktop {CHOOSER_ARG}: the answer was not written: {err}");
            2
        }
    }
}

/// The GTK side, in the chooser's process.
#[cfg(target_os = "linux")]
mod gtk_chooser {
    use std::path::PathBuf;

    use gtk::glib;
    use gtk::prelude::*;
    use gtk::{FileChooserAction, FileChooserDialog, FileFilter, ResponseType};

    use super::{Mode, Request};

    /// Shows the chooser and waits for the answer (a nested loop is harmless here: this process
    /// has nothing else to run).
    pub(super) fn run(request: Request) -> Vec<PathBuf> {
        let (action, accept) = match request.mode {
            Mode::OpenFile | Mode::OpenFiles => (FileChooserAction::Open, "_Open"),
            Mode::Folder => (FileChooserAction::SelectFolder, "_Select"),
            Mode::Save => (FileChooserAction::Save, "_Save"),
        };
        // GTK's own words for the buttons, in the desktop's language.
        let label = |text: &str| glib::dgettext(Some("gtk30"), text);
        let dialog = FileChooserDialog::with_buttons(
            Some(&request.title),
            None::<&gtk::Window>,
            action,
            &[(&label("_Cancel"), ResponseType::Cancel), (&label(accept), ResponseType::Accept)],
        );
        dialog.set_default_response(ResponseType::Accept);
        dialog.set_modal(true);
        dialog.set_select_multiple(request.mode == Mode::OpenFiles);
        if request.mode == Mode::Save {
            dialog.set_do_overwrite_confirmation(true);
        }
        if let Some((name, extensions)) = &request.filter {
            let filter = FileFilter::new();
            filter.set_name(Some(name));
            for extension in extensions {
                filter.add_pattern(&any_case_pattern(extension));
            }
            dialog.add_filter(filter);
        }
        if let Some(folder) = &request.folder {
            dialog.set_current_folder(folder);
        }
        if let (Mode::Save, Some(name)) = (request.mode, &request.file_name) {
            dialog.set_current_name(name);
        }
        if let Some(parent) = request.parent {
            dialog.connect_realize(move |dialog| stay_above(dialog, parent));
        }
        let response = dialog.run();
        let chosen = if response == ResponseType::Accept { dialog.filenames() } else { Vec::new() };
        dialog.hide();
        chosen
    }

    /// Keeps the chooser above the app's window, which lives in another process.
    fn stay_above(dialog: &FileChooserDialog, parent: u64) {
        let Some(display) =
            gtk::gdk::Display::default().and_then(|d| d.downcast::<gdkx11::X11Display>().ok())
        else {
            return;
        };
        let foreign = gdkx11::X11Window::foreign_new_for_display(&display, parent);
        if let Some(window) = dialog.window() {
            window.set_transient_for(foreign.upcast_ref::<gtk::gdk::Window>());
        }
    }

    /// `*.md` as a pattern GTK 3 matches in any case: `*.[mM][dD]`.
    pub(super) fn any_case_pattern(extension: &str) -> String {
        let mut pattern = String::from("*.");
        for c in extension.chars() {
            let (lower, upper) = (c.to_lowercase().to_string(), c.to_uppercase().to_string());
            if lower == upper {
                pattern.push(c);
            } else {
                pattern.push_str(&format!("[{lower}{upper}]"));
            }
        }
        pattern
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn a_filter_matches_its_extension_in_any_case() {
        assert_eq!(super::gtk_chooser::any_case_pattern("md"), "*.[mM][dD]");
        assert_eq!(super::gtk_chooser::any_case_pattern("sqlite3"), "*.[sS][qQ][lL][iI][tT][eE]3");
    }
}
