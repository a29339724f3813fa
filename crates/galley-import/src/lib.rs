//! Turns the bytes of a file into an article draft: `.md` with front matter, plain `.txt`, and saved
//! web pages (`.html`).
//!
//! Decoding comes first and refuses clearly what is not text (binary, empty, too large) and reads
//! what is text in another encoding (UTF-16 with a byte-order mark, Windows-1251) with a warning.
//! Then the format's module makes a draft: [`markdown`] reads front matter through the model's file
//! format, [`txt`] guesses headline, lead, body and related links from text saved from a web page.
//!
//! This crate does no IO: the caller reads the file (after [`check_size`]) and passes its bytes and
//! the format its name says ([`Format::from_file_name`]). It never stores, renders or edits typography:
//! what it keeps of a text is kept as written.

pub mod decode;
pub mod html;
pub mod language;
pub mod markdown;
pub mod txt;
mod work;

mod headline;

use galley_model::Draft;

pub use decode::{Decoded, check_size};
pub use language::detect_language;

/// The largest file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// The formats Galley imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.md` with optional YAML front matter; the body is kept exactly as written.
    Markdown,
    /// Plain text, typically saved from a web page or a word processor.
    Text,
    /// A saved web page: its main article becomes the draft.
    Html,
}

impl Format {
    /// The format a file name says it has (`.md`, `.markdown`, `.mdown`, `.txt`, `.text`, `.html`,
    /// `.htm`; any case).
    ///
    /// Only the extension counts: a path with folders is fine, a name without an extension is not
    /// guessed (the caller asks the journalist instead).
    pub fn from_file_name(name: &str) -> Option<Format> {
        let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let (_, extension) = file.rsplit_once('.')?;
        match extension.to_ascii_lowercase().as_str() {
            "md" | "markdown" | "mdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

/// A file that imported, with what was odd about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub draft: Draft,
    /// Things the journalist should check, in plain words (encoding guessed, lines left out, …).
    pub warnings: Vec<String>,
}

/// Why a file could not be imported. Messages are for people and say what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty: there is no text in it to import")]
    Empty,
    #[error(
        "the file is too large ({}); Galley imports files up to 50 MB: copy just the article into a new file and import that",
        megabytes(.bytes)
    )]
    TooLarge { bytes: u64 },
    /// Not text at all: an image, a PDF, a Word document, a program.
    #[error(
        "this is not a text file (it looks like {looks_like}); open it in the program it belongs to and save or copy the article as plain text (.txt) or Markdown (.md)"
    )]
    Binary { looks_like: &'static str },
    /// Text, but in an encoding Galley cannot read reliably.
    #[error("{reason}; open it in a text editor and save it as UTF-8, then import it again")]
    NotText { reason: String },
    /// The `.md` front matter (the `---` block at the top) is broken; the message says where.
    #[error("the header of the Markdown file (the block between `---` lines) cannot be read: {0}")]
    FrontMatter(String),
    /// A web page in which no article was found (a home page, a menu, an empty page).
    #[error(
        "no article was found in this page: open it in a browser, copy the article's text into a .txt file and import that"
    )]
    NoArticle,
    /// A web page whose elements nest deeper than any real page (only hostile pages do): reading
    /// it would take minutes.
    #[error(
        "this page nests its elements more than {} levels deep, which no real article does: open it in a browser, copy the article's text into a .txt file and import that",
        galley_html_depth::MAX_DEPTH
    )]
    TooDeep,
    /// A web page with more elements than any real page (only hostile or generated pages do):
    /// reading it would take minutes and gigabytes.
    #[error(
        "this page has more than {} elements, which no real article does: open it in a browser, copy the article's text into a .txt file and import that",
        galley_model::counts::thousands(galley_html_depth::MAX_NODES)
    )]
    TooManyElements,
}

fn megabytes(bytes: &u64) -> String {
    // Rounded up so a file just over the limit never reads as "50.0 MB".
    let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// Imports the bytes of a file of the given format.
pub fn import(bytes: &[u8], format: Format) -> Result<Imported, ImportError> {
    // A page declares its own encoding; `html` reads the declaration before decoding.
    if format == Format::Html {
        return html::parse(bytes);
    }
    let decoded = decode::decode(bytes)?;
    let mut imported = match format {
        Format::Markdown => markdown::parse(&decoded.text)?,
        Format::Text | Format::Html => txt::parse(&decoded.text),
    };
    // Encoding warnings first: if the letters are wrong, nothing after matters.
    imported.warnings.splice(0..0, decoded.warnings);
    Ok(imported)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_the_extension_in_any_case() {
        assert_eq!(Format::from_file_name("заметка.md"), Some(Format::Markdown));
        assert_eq!(Format::from_file_name("Notes.MARKDOWN"), Some(Format::Markdown));
        assert_eq!(Format::from_file_name("a.mdown"), Some(Format::Markdown));
        assert_eq!(Format::from_file_name("C:\\Users\\anna\\Статья.TXT"), Some(Format::Text));
        assert_eq!(Format::from_file_name("/home/anna/news.text"), Some(Format::Text));
        assert_eq!(Format::from_file_name("Страница.HTM"), Some(Format::Html));
        assert_eq!(Format::from_file_name("saved.html"), Some(Format::Html));
        assert_eq!(Format::from_file_name("photo.png"), None);
        assert_eq!(Format::from_file_name("article.md.zip"), None);
        assert_eq!(Format::from_file_name("README"), None);
        assert_eq!(Format::from_file_name("folder.md/README"), None);
        assert_eq!(Format::from_file_name(""), None);
    }

    #[test]
    fn error_messages_say_what_to_do() {
        let too_large = ImportError::TooLarge { bytes: MAX_FILE_BYTES + 1 }.to_string();
        assert_eq!(
            too_large,
            "the file is too large (50.1 MB); Galley imports files up to 50 MB: copy just the article into a new file and import that"
        );
        let binary = import(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", Format::Text).unwrap_err().to_string();
        assert!(binary.starts_with("this is not a text file (it looks like a PDF document)"), "{binary}");
        let front = import(b"---\nstatus: done\n---\nText\n", Format::Markdown).unwrap_err();
        assert!(matches!(front, ImportError::FrontMatter(_)));
        let front = front.to_string();
        assert!(front.contains("front matter field `status`"), "{front}");
        assert!(!front.contains("Field {"), "no debug output: {front}");
    }

    #[test]
    fn decoding_warnings_come_first() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "The mayor opened the new bridge on Monday morning".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let imported = import(&bytes, Format::Text).unwrap();
        assert_eq!(imported.draft.fields.headline, "The mayor opened the new bridge on Monday morning");
        assert_eq!(imported.draft.fields.language, "en");
        assert!(imported.warnings[0].contains("read as UTF-16"), "{:?}", imported.warnings);
    }

    #[test]
    fn the_sample_reads_the_same_from_windows_1251_with_crlf_and_from_utf16() {
        let utf8 = include_str!("../../../fixtures/galushka-seko-meeting.txt");
        let expected = import(utf8.as_bytes(), Format::Text).unwrap().draft;

        // The emoji and the em space in the site's header have no place in windows-1251: a real
        // CP1251 page would not have had them.
        let windows_text = utf8.replace(['🔍', '🕛'], "").replace('\u{2003}', " ").replace('\n', "\r\n");
        let (cp1251, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&windows_text);
        assert!(!unmappable);
        let imported = import(&cp1251, Format::Text).unwrap();
        assert_eq!(imported.draft, expected);
        assert_eq!(
            imported.warnings,
            ["read as windows-1251 (not UTF-8): check that the letters look right"]
        );

        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(utf8.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(import(&utf16, Format::Text).unwrap().draft, expected);
    }

    #[test]
    fn empty_files_are_refused_in_both_formats() {
        assert_eq!(import(b"", Format::Markdown).unwrap_err(), ImportError::Empty);
        assert_eq!(import(b"\xEF\xBB\xBF \n\t\r\n", Format::Text).unwrap_err(), ImportError::Empty);
    }
}
