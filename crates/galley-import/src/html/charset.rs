//! The encoding a page declares, and its bytes decoded in it.

use encoding_rs::{Encoding, UTF_8};

use crate::decode::{self, Decoded};
use crate::{ImportError, check_size};

/// Decodes a page in the encoding it declares, else as any imported text.
pub(super) fn decode(bytes: &[u8]) -> Result<Decoded, ImportError> {
    check_size(bytes.len() as u64)?;
    match declared_encoding(bytes) {
        // A byte-order mark wins over a declaration, as in browsers: `decode::decode` reads it.
        Some(encoding) if encoding != UTF_8 && Encoding::for_bom(bytes).is_none() => {
            // A page saved again as UTF-8 often keeps its old declaration. Text in a single-byte
            // encoding is almost never valid UTF-8 once it has letters outside ASCII, so such a page
            // is read as the UTF-8 it is, not as mojibake.
            if !bytes.is_ascii()
                && let Ok(text) = std::str::from_utf8(bytes)
            {
                let warning = format!(
                    "the page says it is in {}, but it is UTF-8: read as UTF-8; check that the letters look right",
                    encoding.name()
                );
                return Ok(Decoded {
                    text: text.to_owned(),
                    encoding: UTF_8.name(),
                    warnings: vec![warning],
                });
            }
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            let mut warnings = Vec::new();
            if had_errors {
                warnings.push(format!(
                    "some characters are not valid {}, as the page says it is: check the text for \u{FFFD}",
                    encoding.name()
                ));
            }
            Ok(Decoded { text: text.into_owned(), encoding: encoding.name(), warnings })
        }
        _ => decode::decode(bytes),
    }
}

/// The encoding a page declares in its first 1,024 bytes: `<meta charset="…">`, or
/// `<meta http-equiv="Content-Type" content="text/html; charset=…">`.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(1024)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&head[from..], b"charset") {
        let rest = &head[from + at + b"charset".len()..];
        from += at + b"charset".len();
        let rest = rest.trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else { continue };
        let rest = rest.trim_ascii_start();
        let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
        let label: Vec<u8> = rest
            .iter()
            .copied()
            .take_while(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
            .collect();
        if let Some(encoding) = Encoding::for_label(&label) {
            // A page saved as UTF-16 that says so is read by its byte-order mark; HTML treats a
            // declared UTF-16 as UTF-8.
            return Some(if encoding.is_single_byte() || encoding.output_encoding() == encoding {
                encoding
            } else {
                UTF_8
            });
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_encoding_is_read_as_browsers_read_it() {
        assert_eq!(declared_encoding(br#"<meta charset="windows-1251">"#), Some(encoding_rs::WINDOWS_1251));
        assert_eq!(declared_encoding(b"<META CHARSET=KOI8-R>"), Some(encoding_rs::KOI8_R));
        assert_eq!(
            declared_encoding(br#"<meta http-equiv="Content-Type" content="text/html; charset=cp1251">"#),
            Some(encoding_rs::WINDOWS_1251)
        );
        assert_eq!(declared_encoding(br#"<meta charset="utf-16">"#), Some(UTF_8));
        assert_eq!(declared_encoding(b"<p>charset is a word, not a declaration</p>"), None);
        let late = format!("{}<meta charset=\"windows-1251\">", " ".repeat(1024));
        assert_eq!(declared_encoding(late.as_bytes()), None, "only the first 1,024 bytes count");
    }
}
