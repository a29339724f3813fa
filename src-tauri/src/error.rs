//! The one error type that crosses to the UI.

use serde::Serialize;

/// What kind of failure: the UI branches on this, never on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The user can fix it by asking differently (a bad query, an unknown article, a bad link).
    BadInput,
    /// Something failed that the user cannot fix from here (disk, store, clipboard).
    Internal,
}

/// An error as the UI sees it: a code it can branch on, and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error, ts_rs::TS)]
#[error("{message}")]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn bad_input(message: impl Into<String>) -> IpcError {
        IpcError { code: ErrorCode::BadInput, message: message.into() }
    }

    pub fn internal(message: impl Into<String>) -> IpcError {
        IpcError { code: ErrorCode::Internal, message: message.into() }
    }
}

impl From<galley_core::Error> for IpcError {
    fn from(err: galley_core::Error) -> Self {
        let code = if err.is_user_error() { ErrorCode::BadInput } else { ErrorCode::Internal };
        IpcError { code, message: err.to_string() }
    }
}
