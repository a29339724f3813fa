//! Turns the bytes of a file into an article draft: `.md` with front matter and plain `.txt`.
//!
//! Decoding comes first and refuses clearly what is not text (binary, empty, too large) and reads
//! what is text in another encoding (UTF-16 with a byte-order mark, Windows-1251) with a warning.
//! This crate does no IO: the caller reads the file and passes its bytes and name.

pub mod decode;
pub mod txt;

use galley_model::Draft;

/// The largest file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// The formats Galley imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
}

impl Format {
    /// The format a file name says it has (`.md`, `.markdown`, `.txt`, `.text`; any case).
    pub fn from_file_name(name: &str) -> Option<Format> {
        let _ = name;
        None
    }
}

/// A file that imported, with what was odd about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub draft: Draft,
    pub warnings: Vec<String>,
}

/// Why a file could not be imported. Messages are for people and say what to do.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {bytes} bytes; Galley imports files up to 50 MB")]
    TooLarge { bytes: u64 },
    #[error("placeholder")]
    Other(String),
}

/// Imports the bytes of a file of the given format.
pub fn import(bytes: &[u8], format: Format) -> Result<Imported, ImportError> {
    let _ = (bytes, format);
    Err(ImportError::Empty)
}
