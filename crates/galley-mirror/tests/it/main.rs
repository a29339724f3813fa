//! The mirror on real stores and real folders: passes (`pass.rs`) and following real file
//! events (`follow.rs`).

mod faults;
mod follow;
mod pass;
mod support;
