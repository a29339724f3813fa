//! Links from the preview: opened in the system browser, and only web and mail links.

use tauri::{AppHandle, Runtime};
use tauri_plugin_opener::OpenerExt;

use crate::IpcError;

/// The schemes a link in an article may open. Everything else (`javascript:`, `file:`, custom
/// app schemes) is refused: a link in untrusted text must not reach the machine.
const OPENABLE: &[&str] = &["http://", "https://", "mailto:"];

/// Whether the system browser may be asked to open `url`.
pub fn is_openable(url: &str) -> bool {
    let url = url.trim_start();
    OPENABLE.iter().any(|scheme| url.get(..scheme.len()).is_some_and(|s| s.eq_ignore_ascii_case(scheme)))
        && !url.chars().any(char::is_control)
}

/// Opens a link the user confirmed, in the system browser or mail app.
#[tauri::command(async)]
pub fn link_open<R: Runtime>(app: AppHandle<R>, url: String) -> Result<(), IpcError> {
    if !is_openable(&url) {
        return Err(IpcError::bad_input(format!(
            "Galley opens only http, https and mailto links, not {url}"
        )));
    }
    app.opener()
        .open_url(url.trim(), None::<&str>)
        .map_err(|err| IpcError::internal(format!("no browser opened the link: {err}")))
}

#[cfg(test)]
mod tests {
    use super::is_openable;

    #[test]
    fn only_web_and_mail_links_open() {
        for url in ["https://sakhalin.info/news/1", "HTTP://example.com", "mailto:desk@example.com"] {
            assert!(is_openable(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "tauri://localhost/index.html",
            "data:text/html,<script>",
            "ms-settings:",
            "https://example.com/\nline",
            "",
        ] {
            assert!(!is_openable(url), "{url}");
        }
    }
}
