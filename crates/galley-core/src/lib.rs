//! The `Library`: the one API every Galley front end (the CLI, the desktop app) calls.
//!
//! It brings the crates together: the store for keeping articles, the importer for files, the
//! renderer for counts. It decides policy the lower crates stay out of — which revision reason a
//! change gets, when `published_at` is set, seeding a new store with the sample article — and it
//! owns the clock. It speaks plain data only and never depends on Tauri or any UI.

mod app_lock;
mod backup;
mod diff;
mod error;
mod export;
mod fs;
mod import;
mod library;
mod mirror_state;
mod paths;
mod read;
mod recovery;
mod settings;
mod store_move;
mod store_place;
mod unsaved;

pub use app_lock::{AppLock, AppLockOutcome, app_lock_path};
pub use backup::{
    BackupFile, BackupKind, Restored, backups_of, check_backup, scheduled_space, scheduled_to_keep,
};
pub use diff::{DiffField, DiffSpan, FieldDiff, SpanKind, diff_fields};
pub use error::Error;
pub use export::{ExportFormat, ExportReport, ExportedFile, Selection};
pub use fs::{replace_file_if, write_atomically};
pub use galley_import::ImportError;
pub use galley_model as model;
pub use galley_store::BUSY_TIMEOUT as STORE_BUSY_TIMEOUT;
pub use galley_store::BackupFacts;
pub use galley_store::Error as StoreError;
pub use galley_store::{ContentHash, MirrorConflict, MirrorLink, MirrorRecord};
pub use galley_store::{Field, LATEST_VERSION, SearchHit, TagCount};
pub use galley_store::{ListSort, SectionCount};
pub use galley_store::{PageCheck, ReadOnly, backup_folder};
pub use import::{ImportOutcome, ImportedFile};
pub use library::{Autosaved, Inspection, Library, ListPage, ListView, OpenOptions, inspect};
pub use mirror_state::file_version;
pub use paths::{
    SETTINGS_ENV, STORE_ENV, StoreChoice, StoreOrigin, configured_store, default_store_path, settings_path,
    unsaved_fallback_folder,
};
pub use read::{Links, link_refused, open_regular_file, read_at_most};
pub use recovery::{
    LostArticle, Recovered, RecoveryOffer, restore_over_unreadable_store, unreadable_store_offer,
};
pub use settings::{Limits, Loaded, SectionLimits, Settings, SidePanel, Theme, UiLanguage};
pub use store_place::{StorePlaceRisk, store_place_risk};

pub type Result<T, E = Error> = std::result::Result<T, E>;
