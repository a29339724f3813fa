//! Registers Galley's commands with Tauri, so capabilities can grant them by name.

const COMMANDS: &[&str] = &[
    "app_config",
    "app_trace",
    "app_close",
    "app_keep_open",
    "article_list",
    "article_get",
    "article_create",
    "article_autosave",
    "article_search",
    "article_preview",
    "revision_list",
    "revision_restore",
    "tag_list",
    "template_list",
    "export_save",
    "export_copy",
    "export_open",
    "link_open",
    "article_set_status",
    "article_tag",
    "article_inspect",
    "section_list",
    "article_import_pick",
    "revision_diff",
    "revision_save",
    "tag_rename",
    "tag_merge",
    "settings_get",
    "settings_set",
    "settings_pick_path",
    "mirror_status",
    "mirror_link_pick",
    "mirror_unlink",
    "mirror_resolve",
    "backup_list",
    "backup_now",
    "backup_pick",
    "backup_restore",
    "store_health",
    "rescue_status",
    "rescue_pick",
    "rescue_restore",
    "rescue_open_default",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("the Tauri build configuration is valid");
}
