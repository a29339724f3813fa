//! Registers Galley's commands with Tauri, so capabilities can grant them by name.

const COMMANDS: &[&str] = &[
    "article_list",
    "article_search",
    "article_get",
    "article_create",
    "article_autosave",
    "article_preview",
    "tag_list",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("the Tauri build configuration is valid");
}
