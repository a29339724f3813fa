//! Bytes to text: which encoding a file is in, and whether it is text at all.
//!
//! Journalists import what they have: UTF-8 from a modern editor, UTF-16 from Windows Notepad,
//! Windows-1251 or KOI8-R from old archives, and by mistake photos, PDFs and Word files. This module
//! reads the text ones (saying so in a warning when it had to guess) and refuses the rest with a
//! message that says what to do. It must not change the text it reads beyond removing a byte-order
//! mark: line endings are normalised by the caller that wants it ([`normalize_line_endings`], for
//! `.txt` only), since a `.md` body is kept exactly as written.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::{ImportError, MAX_FILE_BYTES};

/// Text read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark; line endings as they were.
    pub text: String,
    /// The encoding it was read as, by its standard name: `UTF-8`, `UTF-16LE`, `windows-1251`, …
    pub encoding: &'static str,
    /// What the journalist should check (an encoding that was guessed, damaged characters).
    pub warnings: Vec<String>,
}

/// What a file with no recognisable signature but binary content is called in the message.
const BINARY: &str = "binary data, e.g. an image or a document";

/// Refuses a file larger than [`MAX_FILE_BYTES`]; call it with the file's size before reading it.
pub fn check_size(len: u64) -> Result<(), ImportError> {
    if len > MAX_FILE_BYTES { Err(ImportError::TooLarge { bytes: len }) } else { Ok(()) }
}

/// Reads the bytes of a file as text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ImportError> {
    check_size(bytes.len() as u64)?;
    let decoded = decode_text(bytes)?;
    if is_blank(&decoded.text) {
        return Err(ImportError::Empty);
    }
    Ok(decoded)
}

/// Turns Windows (`\r\n`) and old Mac (`\r`) line endings into `\n`.
pub fn normalize_line_endings(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn decode_text(bytes: &[u8]) -> Result<Decoded, ImportError> {
    // UTF-32's byte-order mark starts like UTF-16's; encoding_rs does not read UTF-32 (nor should
    // anyone write it), so say what it is rather than show text full of NULs as "binary".
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(ImportError::NotText {
            reason: "the file is in the UTF-32 encoding, which Galley does not read".into(),
        });
    }
    let mut bytes = bytes;
    // A byte-order mark is the only sure sign of an encoding, so it wins over every guess below.
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        if encoding != UTF_8 {
            return decode_utf16(&bytes[bom_len..], encoding, "");
        }
        bytes = &bytes[bom_len..];
    }
    // Ctrl-Z ends files written by DOS-era tools; it is an artefact, not a control character in text.
    while let [rest @ .., 0x1A] = bytes {
        bytes = rest;
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    if let Some(looks_like) = signature(bytes) {
        return Err(ImportError::Binary { looks_like });
    }
    if bytes.contains(&0) {
        // Text never holds NUL, except UTF-16 saved without a byte-order mark.
        return utf16_without_bom(bytes).ok_or(ImportError::Binary { looks_like: BINARY });
    }
    if too_many_controls(bytes.iter().filter(|&&b| is_control_byte(b)).count(), bytes.len()) {
        return Err(ImportError::Binary { looks_like: BINARY });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text: text.to_owned(), encoding: UTF_8.name(), warnings: Vec::new() }),
        Err(_) => decode_not_utf8(bytes),
    }
}

/// Known file signatures ("magic numbers") of things people pick by mistake, with what to call them.
fn signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG photo"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"II*\0", "a TIFF image"),
        (b"MM\0*", "a TIFF image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a Word or OpenDocument file (.docx, .odt) or a ZIP archive"),
        (b"PK\x05\x06", "a ZIP archive"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Word or Excel document (.doc, .xls)"),
        (b"{\\rtf", "an RTF document"),
        (b"\x7FELF", "a program"),
        (b"\x1F\x8B", "a compressed archive"),
        (b"7z\xBC\xAF\x27\x1C", "a compressed archive"),
        (b"Rar!\x1A\x07", "a compressed archive"),
        (b"SQLite format 3\0", "a database"),
        (b"OggS", "an audio file"),
        (b"fLaC", "an audio file"),
    ];
    if let Some((_, name)) = SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(name);
    }
    match bytes {
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("a WebP image"),
        [b'R', b'I', b'F', b'F', ..] => Some("an audio or video file"),
        [_, _, _, _, b'f', b't', b'y', b'p', ..] => Some("a video or a phone photo (MP4, MOV, HEIC)"),
        // "ID3" alone could start an English sentence; the version byte after it could not.
        [b'I', b'D', b'3', 2..=4, ..] => Some("an MP3 audio file"),
        _ => None,
    }
}

fn decode_utf16(bytes: &[u8], encoding: &'static Encoding, how: &str) -> Result<Decoded, ImportError> {
    let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) else {
        return Err(ImportError::NotText {
            reason: "the file says it is in the UTF-16 encoding, but parts of it are damaged".into(),
        });
    };
    let controls = text.chars().filter(|&c| is_control_char(c)).count();
    // Text never holds NUL, as in UTF-8 (where one makes the file binary): the journalist could
    // not see it, and the article's `.md` export would not import again.
    if text.contains('\0') || too_many_controls(controls, text.chars().count()) {
        return Err(ImportError::Binary { looks_like: BINARY });
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        warnings: vec![format!("read as UTF-16{how} (not UTF-8): check that the text looks right")],
    })
}

/// UTF-16 without a byte-order mark: every other byte is NUL where the text has ASCII (spaces,
/// digits, punctuation, English), and never the bytes in between. Arbitrary binary data has NULs
/// at both positions; the decoded text must then also look like Latin or Cyrillic text.
fn utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.len() / 2;
    let nul_at = |parity: usize| bytes.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (nul_at(0), nul_at(1));
    let encoding = match (even, odd) {
        (0, odd) if odd * 16 >= units => UTF_16LE,
        (even, 0) if even * 16 >= units => UTF_16BE,
        _ => return None,
    };
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    let total = text.chars().count();
    let familiar = text.chars().filter(|&c| c.is_whitespace() || is_familiar_script(c)).count();
    if familiar * 10 < total * 9 {
        return None;
    }
    decode_utf16(bytes, encoding, " without a byte-order mark").ok()
}

/// Latin, Cyrillic, and the punctuation around them: the scripts of a Russian or English text.
fn is_familiar_script(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{52F}' | '\u{2000}'..='\u{206F}' | '\u{20AC}' | '\u{2116}')
}

/// Not valid UTF-8: either UTF-8 with a few damaged characters, or a legacy encoding.
fn decode_not_utf8(bytes: &[u8]) -> Result<Decoded, ImportError> {
    let damage = Utf8Damage::of(bytes);
    // Mostly valid multi-byte UTF-8 with a few bad spots is a UTF-8 file that was cut or damaged:
    // reading it as Windows-1251 would turn every letter into mojibake, so keep it as UTF-8 and
    // point at the damage (a legacy Cyrillic text has almost no valid UTF-8 sequences).
    if damage.multibyte > 0 && damage.bad * 8 <= damage.multibyte {
        let line = bytes[..damage.first_bad].iter().filter(|&&b| b == b'\n').count() + 1;
        let places = if damage.bad == 1 { "1 place".to_owned() } else { format!("{} places", damage.bad) };
        return Ok(Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding: UTF_8.name(),
            warnings: vec![format!(
                "the file has damaged characters in {places} (first on line {line}); they show as \u{FFFD}: retype them"
            )],
        });
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Deny);
    let unknown = || ImportError::NotText {
        reason: "the file is not in UTF-8, and Galley cannot tell which encoding it uses".into(),
    };
    // Galley's languages were written in single-byte code pages (windows-1251, KOI8-R, CP866,
    // windows-1252). A multi-byte guess (Shift_JIS, GBK, …) on such data means the guess failed.
    if !encoding.is_single_byte() {
        return Err(unknown());
    }
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes).ok_or_else(unknown)?;
    if !plausible_text(&text) {
        return Err(unknown());
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        warnings: vec![format!("read as {} (not UTF-8): check that the letters look right", encoding.name())],
    })
}

/// How far bytes are from being UTF-8.
struct Utf8Damage {
    /// Valid characters of two or more bytes.
    multibyte: usize,
    /// Invalid sequences.
    bad: usize,
    /// Offset of the first invalid sequence.
    first_bad: usize,
}

impl Utf8Damage {
    fn of(bytes: &[u8]) -> Self {
        let mut damage = Utf8Damage { multibyte: 0, bad: 0, first_bad: bytes.len() };
        let mut offset = 0;
        while offset < bytes.len() {
            let rest = &bytes[offset..];
            let (valid, skip) = match std::str::from_utf8(rest) {
                Ok(text) => (text, rest.len()),
                Err(error) => {
                    let valid_up_to = error.valid_up_to();
                    damage.bad += 1;
                    damage.first_bad = damage.first_bad.min(offset + valid_up_to);
                    let bad_len = error.error_len().unwrap_or(rest.len() - valid_up_to);
                    let valid = std::str::from_utf8(&rest[..valid_up_to]).expect("valid up to here");
                    (valid, valid_up_to + bad_len)
                }
            };
            damage.multibyte += valid.chars().filter(|c| c.len_utf8() > 1).count();
            offset += skip;
        }
        damage
    }
}

/// A guessed decoding that produced C1 control characters or no words at all read the wrong way.
fn plausible_text(text: &str) -> bool {
    let has_c1 = text.chars().any(|c| ('\u{80}'..='\u{9F}').contains(&c));
    let mut run = 0;
    let has_word = text.chars().any(|c| {
        run = if c.is_alphabetic() { run + 1 } else { 0 };
        run >= 2
    });
    !has_c1 && has_word
}

/// C0 controls other than tab, line feed, vertical tab (Word's line break), form feed and carriage
/// return, and DEL: bytes that text files do not contain.
fn is_control_byte(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r')) || b == 0x7F
}

fn is_control_char(c: char) -> bool {
    u8::try_from(c).is_ok_and(is_control_byte) || ('\u{80}'..='\u{9F}').contains(&c)
}

/// More than 2% control characters: text damaged beyond reading, or not text. A stray one or two
/// (pasted from a terminal or an old editor) are left for the format's module to clean.
fn too_many_controls(controls: usize, total: usize) -> bool {
    controls > 0 && controls * 50 > total
}

/// Nothing but whitespace, byte-order marks and zero-width spaces.
fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `markdown_import` fuzz target: a UTF-16 file with a NUL character among
    /// enough text imported with it, and the article's `.md` export then read as binary.
    #[test]
    fn utf16_with_a_nul_character_is_not_text() {
        let text = format!("{RUSSIAN}\0{RUSSIAN}");
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&bytes).unwrap_err(), ImportError::Binary { looks_like: BINARY });
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(RUSSIAN.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&bytes).unwrap().text, RUSSIAN);
    }

    const RUSSIAN: &str = "Вопросы российско-японского сотрудничества на Дальнем Востоке обсуждались в Токио. \
        Стороны согласовали план интенсификации экономических связей между Японией и Россией.";

    fn utf16(text: &str, bom: bool, big_endian: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        if bom {
            bytes.extend_from_slice(if big_endian { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
        }
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        bytes
    }

    #[test]
    fn utf8_is_read_as_it_is_and_its_bom_removed() {
        let plain = decode("Привет,\r\nмир".as_bytes()).unwrap();
        assert_eq!(plain, Decoded { text: "Привет,\r\nмир".into(), encoding: "UTF-8", warnings: vec![] });
        let with_bom = decode("\u{FEFF}# Заголовок\n".as_bytes()).unwrap();
        assert_eq!(with_bom.text, "# Заголовок\n");
        assert!(with_bom.warnings.is_empty());
    }

    #[test]
    fn windows_1251_is_guessed_with_a_warning() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(RUSSIAN);
        assert!(std::str::from_utf8(&bytes).is_err());
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, RUSSIAN);
        assert_eq!(decoded.encoding, "windows-1251");
        assert_eq!(decoded.warnings, ["read as windows-1251 (not UTF-8): check that the letters look right"]);
    }

    #[test]
    fn koi8_r_is_guessed_too() {
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(RUSSIAN);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, RUSSIAN);
        // KOI8-U is KOI8-R plus Ukrainian letters: for Russian text the two read the same.
        assert!(decoded.encoding.starts_with("KOI8-"), "{}", decoded.encoding);
    }

    #[test]
    fn windows_1252_english_is_guessed() {
        let english = "The café on Nevsky Prospekt served a naïve crème brûlée to the délégation, \
                       and the résumé of the meeting was “short”.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(english);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, english);
        assert_eq!(decoded.encoding, "windows-1252");
    }

    #[test]
    fn utf16_with_a_bom_is_read_in_both_byte_orders() {
        for big_endian in [false, true] {
            let decoded = decode(&utf16("Встреча в Токио\r\nMeeting in Tokyo", true, big_endian)).unwrap();
            assert_eq!(decoded.text, "Встреча в Токио\r\nMeeting in Tokyo");
            assert_eq!(decoded.encoding, if big_endian { "UTF-16BE" } else { "UTF-16LE" });
            assert_eq!(decoded.warnings, ["read as UTF-16 (not UTF-8): check that the text looks right"]);
        }
    }

    #[test]
    fn utf16_without_a_bom_is_recognised_by_its_nuls() {
        for big_endian in [false, true] {
            let decoded = decode(&utf16("Встреча в Токио, 2 сентября 2016 года", false, big_endian)).unwrap();
            assert_eq!(decoded.text, "Встреча в Токио, 2 сентября 2016 года");
            assert!(decoded.warnings[0].contains("without a byte-order mark"), "{:?}", decoded.warnings);
        }
    }

    #[test]
    fn a_broken_utf16_file_says_so() {
        let mut bytes = utf16("Текст", true, false);
        bytes.extend([0x00, 0xD8]); // an unpaired surrogate
        bytes.extend(utf16(" дальше", false, false));
        let error = decode(&bytes).unwrap_err();
        assert!(matches!(error, ImportError::NotText { .. }), "{error:?}");
        assert!(error.to_string().contains("save it as UTF-8"), "{error}");
    }

    #[test]
    fn utf32_is_named() {
        let error = decode(&[0xFF, 0xFE, 0, 0, b'A', 0, 0, 0]).unwrap_err().to_string();
        assert!(error.contains("UTF-32") && error.contains("save it as UTF-8"), "{error}");
    }

    #[test]
    fn images_and_documents_are_refused_by_their_signature() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        let error = decode(png).unwrap_err();
        assert_eq!(error, ImportError::Binary { looks_like: "a PNG image" });
        assert!(error.to_string().starts_with("this is not a text file (it looks like a PNG image)"));
        let docx = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0";
        assert!(decode(docx).unwrap_err().to_string().contains(".docx"));
        assert_eq!(
            decode(b"\xFF\xD8\xFF\xE0\0\x10JFIF").unwrap_err(),
            ImportError::Binary { looks_like: "a JPEG photo" }
        );
    }

    #[test]
    fn random_bytes_are_binary() {
        let mut rng = fastrand::Rng::with_seed(7);
        let bytes: Vec<u8> = std::iter::repeat_with(|| rng.u8(..)).take(4096).collect();
        let error = decode(&bytes).unwrap_err();
        assert_eq!(error, ImportError::Binary { looks_like: BINARY });
        assert!(error.to_string().contains("it looks like binary data, e.g. an image or a document"));
        // Without NULs, the share of control characters gives it away.
        let no_nuls: Vec<u8> = bytes.iter().map(|&b| b.max(1)).collect();
        assert_eq!(decode(&no_nuls).unwrap_err(), ImportError::Binary { looks_like: BINARY });
    }

    #[test]
    fn a_nul_in_the_middle_of_text_is_binary() {
        let error = decode(b"The mayor opened the bridge\0 on Monday morning.").unwrap_err();
        assert_eq!(error, ImportError::Binary { looks_like: BINARY });
    }

    #[test]
    fn a_stray_control_character_is_left_for_the_format_to_clean() {
        let text = "Жители города пожаловались на шум.\u{1}\nМэрия обещала разобраться до конца месяца.";
        assert_eq!(decode(text.as_bytes()).unwrap().text, text);
        assert_eq!(decode(b"Short \x01\x02 text").unwrap_err(), ImportError::Binary { looks_like: BINARY });
    }

    #[test]
    fn a_dos_end_of_file_mark_is_dropped() {
        assert_eq!(decode(b"Text.\r\n\x1a").unwrap().text, "Text.\r\n");
    }

    #[test]
    fn damaged_utf8_keeps_its_letters_and_points_at_the_damage() {
        let mut bytes = "Первая строка.\nПривет, ".as_bytes().to_vec();
        bytes.push(0x80); // a continuation byte with nothing to continue
        bytes.extend("мир!".as_bytes());
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, "Первая строка.\nПривет, \u{FFFD}мир!");
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(
            decoded.warnings,
            [
                "the file has damaged characters in 1 place (first on line 2); they show as \u{FFFD}: retype them"
            ]
        );
    }

    #[test]
    fn a_lone_continuation_byte_is_not_text() {
        let error = decode(&[0x80]).unwrap_err();
        assert!(matches!(error, ImportError::NotText { .. }), "{error:?}");
        assert_eq!(
            error.to_string(),
            "the file is not in UTF-8, and Galley cannot tell which encoding it uses; open it in a text editor and save it as UTF-8, then import it again"
        );
    }

    #[test]
    fn empty_and_blank_files_are_empty() {
        assert_eq!(decode(b"").unwrap_err(), ImportError::Empty);
        assert_eq!(decode(b" \n\t\r\n ").unwrap_err(), ImportError::Empty);
        assert_eq!(decode(b"\xEF\xBB\xBF").unwrap_err(), ImportError::Empty);
        assert_eq!(decode("\u{A0}\u{2003}\n".as_bytes()).unwrap_err(), ImportError::Empty);
        assert_eq!(decode(&utf16(" \n", true, false)).unwrap_err(), ImportError::Empty);
    }

    #[test]
    fn size_is_checked_before_reading() {
        assert!(check_size(MAX_FILE_BYTES).is_ok());
        assert_eq!(
            check_size(MAX_FILE_BYTES + 1).unwrap_err(),
            ImportError::TooLarge { bytes: MAX_FILE_BYTES + 1 }
        );
    }

    #[test]
    fn line_endings_become_newlines() {
        assert_eq!(normalize_line_endings("a\r\nb\rc\n"), "a\nb\nc\n");
    }
}
