//! Revisions: numbered full snapshots of an article's fields, each with the reason it was made.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{ArticleFields, Timestamp};

/// Why a revision was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum RevisionReason {
    Create,
    Autosave,
    Save,
    StatusChange,
    Import,
    ExternalEdit,
    Conflict,
    Restore,
}

impl RevisionReason {
    pub const ALL: [RevisionReason; 8] = [
        RevisionReason::Create,
        RevisionReason::Autosave,
        RevisionReason::Save,
        RevisionReason::StatusChange,
        RevisionReason::Import,
        RevisionReason::ExternalEdit,
        RevisionReason::Conflict,
        RevisionReason::Restore,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RevisionReason::Create => "create",
            RevisionReason::Autosave => "autosave",
            RevisionReason::Save => "save",
            RevisionReason::StatusChange => "status_change",
            RevisionReason::Import => "import",
            RevisionReason::ExternalEdit => "external_edit",
            RevisionReason::Conflict => "conflict",
            RevisionReason::Restore => "restore",
        }
    }
}

impl fmt::Display for RevisionReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text is not a revision reason.
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not a revision reason")]
pub struct RevisionReasonError(String);

impl FromStr for RevisionReason {
    type Err = RevisionReasonError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RevisionReason::ALL
            .into_iter()
            .find(|reason| reason.as_str() == s)
            .ok_or_else(|| RevisionReasonError(s.to_owned()))
    }
}

/// One revision in a list: what it is, without the snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RevisionSummary {
    pub number: u32,
    pub reason: RevisionReason,
    /// A short label the user gave an explicit save.
    pub label: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: Timestamp,
    /// Characters in the snapshot's body, to show how the piece grew.
    pub body_chars: u64,
}

/// A revision with its full snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    #[serde(flatten)]
    pub summary: RevisionSummary,
    pub fields: ArticleFields,
}
