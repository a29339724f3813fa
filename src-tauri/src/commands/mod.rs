//! Tauri commands, one file per area. Each is a thin call into the Library.

pub mod articles;
pub mod preview;
pub mod search;
pub mod tags;
