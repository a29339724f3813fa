//! The mirror folder: a store kept in step with a folder of `.md` files that journalists also edit
//! in other programs (Vim, VS Code, Obsidian) and sync with git, Dropbox or Nextcloud.
//!
//! Every article not spiked has a file, `<slug>.md` when Galley names it, in the `.md` export's
//! format (front matter with the id, then the body; without the editor's note and the time of the
//! last change). Changes go both ways: a new file becomes an article, a changed file a revision
//! (reason: external edit), a deleted file spikes its article, a renamed file stays the same
//! article (the id in its front matter), and a change made in any Galley process is written to
//! the article's file. When both sides changed, both survive (a conflict revision) and the file is
//! not touched until the user chooses.
//!
//! A file Galley did not write keeps its form: it gets its id as one line (a note without front
//! matter gets front matter of that line alone, then every byte it had), and when Galley writes it
//! after a change, the keys other tools own, the file's names and format, a note's heading and the
//! absence of keys the file never had (a Hugo post's `slug`) stay, unless the change was to them
//! (`galley_model::markdown_file`).
//!
//! [`Mirror::pass`] does the work and decides from what is on disk and in the store, never from
//! what an event claimed, so it can always be run again. [`follow`] runs passes as file events
//! (`notify`, or polling where native events are unreliable) and the store's changes come in.
//! This is the only crate that knows `notify`. [`Mirror::link_plan`] says what linking a folder
//! would change before anything is written.

mod change;
mod error;
mod file_name;
mod folder;
mod follow;
mod mirror;
mod plan;
mod watch;

pub use change::{Change, Kept};
pub use error::{Error, Result};
pub use folder::{hash, is_mirrored};
pub use follow::{Event, FollowOptions, follow};
pub use mirror::{Conflict, FileProblem, Mirror, Scope, file_text};
pub use plan::LinkPlan;
pub use watch::{WatchChoice, WatchMode};
