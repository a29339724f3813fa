//! The mirror on real stores and real folders: passes (`pass.rs`), following real file events
//! (`follow.rs`), and what others put in a shared folder (`untrusted.rs`).

mod faults;
mod follow;
mod front_matter;
mod pass;
mod support;
mod untrusted;
