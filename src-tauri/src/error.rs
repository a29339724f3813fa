//! The one error type that crosses to the UI.

use serde::Serialize;

/// An error as the UI sees it: a code it can branch on, and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    /// `bad_input` (the user can fix it by asking differently) or `internal`.
    pub code: &'static str,
    pub message: String,
}

impl From<galley_core::Error> for IpcError {
    fn from(err: galley_core::Error) -> Self {
        let code = if err.is_user_error() { "bad_input" } else { "internal" };
        IpcError { code, message: err.to_string() }
    }
}
