//! The mirror on real stores and real folders: passes (`pass.rs`), following real file events
//! (`follow.rs`), what others put in a shared folder (`untrusted.rs`) and the names a folder shared
//! with Windows and macOS can hold (`file_names.rs`).

mod faults;
mod file_names;
mod follow;
mod front_matter;
mod pass;
mod support;
mod untrusted;
