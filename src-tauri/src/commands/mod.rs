//! Tauri commands, one file per area. Each is a thin call into the Library.

pub mod app;
pub mod articles;
pub mod backup;
pub mod export;
pub mod import;
pub mod links;
pub mod mirror;
pub mod preview;
pub mod rescue;
pub mod revisions;
pub mod search;
pub mod settings;
pub mod tags;
pub mod unsaved;
