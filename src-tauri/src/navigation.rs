//! Where the app's webview may navigate: only to its own pages and the preview's `about:srcdoc`.

use tauri::Url;

/// Whether `url` is one of the app's own pages (the bundled UI, or the preview frame's document).
/// Anything else is a link in an article: never loaded in the app's window.
pub fn is_app_url(url: &Url) -> bool {
    match url.scheme() {
        // The bundled UI on Linux and macOS.
        "tauri" => url.host_str() == Some("localhost"),
        // The bundled UI on Windows (WebView2 serves custom protocols over http).
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        // The preview's `srcdoc` document, and the empty frame before it.
        "about" => matches!(url.path(), "srcdoc" | "blank"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_app_url;

    #[test]
    fn only_the_apps_own_pages_load_in_its_window() {
        for url in ["tauri://localhost/index.html", "http://tauri.localhost/", "about:srcdoc", "about:blank"]
        {
            assert!(is_app_url(&url.parse().unwrap()), "{url}");
        }
        for url in [
            "https://sakhalin.info/",
            "http://localhost:8080/",
            "tauri://evil.example/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,hi",
            "mailto:desk@example.com",
        ] {
            assert!(!is_app_url(&url.parse().unwrap()), "{url}");
        }
    }
}
