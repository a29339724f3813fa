//! The rules for names in a mirror folder, which is shared with colleagues on Windows and macOS.
//!
//! Galley writes a name only when an article gets its first file (`<slug>.md`, numbered when
//! taken), and every name it writes must exist on every system the folder is synced to:
//! - never one Windows refuses ([`windows_refuses`]): a device name (`CON`, `PRN`, `AUX`, `NUL`,
//!   `COM0`–`COM9`, `LPT0`–`LPT9`, their superscript-digit forms, `CONIN$`, `CONOUT$`) in any
//!   case and with any extension (`nul.md` is the device `NUL`), a name ending in a dot or a
//!   space, or one holding `<>:"/\|?*` or a control character. Such a name is skipped like a
//!   taken one: the headline «Нуль» gets `nul-2.md`.
//! - never one that equals a name already in the folder once case is folded and Unicode is
//!   composed ([`key`]): Windows and macOS ignore case, and macOS ignores normalisation (it writes
//!   `й` as `и` + a combining breve), so there `Note.md` and `note.md` are one file.
//!
//! Files others put there are read whatever their names (a colleague on Linux may write
//! `nul.md`), except that of two files whose names have one [`key`] in a folder, one is mirrored
//! and the others are refused as their own problem ([`refuse_clashes`]): on the colleagues'
//! systems they are one file, so mirroring both would give them a sync conflict, and treating them
//! as one would lose one's words. A name that is not Unicode is refused too ([`crate::folder`]).

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io;

use unicode_normalization::UnicodeNormalization;

use crate::folder::{Folder, Refused, is_mirrored};

/// Why Windows cannot hold a file of this name (one name, not a path), or `None` when it can.
pub fn windows_refuses(name: &str) -> Option<&'static str> {
    if let Some(c) = name.chars().find(|c| matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*'))
    {
        return Some(match c {
            '/' | '\\' => "Windows does not allow `/` or `\\` in a name",
            _ => "Windows does not allow any of `<>:\"|?*` in a name",
        });
    }
    if name.chars().any(char::is_control) {
        return Some("Windows does not allow control characters in a name");
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some("Windows drops a dot or a space at the end of a name");
    }
    // Windows reads `nul.md`, `nul.tar.gz` and `nul .md` all as the device `NUL`.
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    if is_device_name(stem) {
        return Some("Windows keeps this name for a device, whatever its case and extension");
    }
    None
}

fn is_device_name(stem: &str) -> bool {
    let upper = stem.to_uppercase();
    if matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$") {
        return true;
    }
    let mut chars = upper.chars();
    let prefix: String = chars.by_ref().take(3).collect();
    let rest: Vec<char> = chars.collect();
    matches!(prefix.as_str(), "COM" | "LPT")
        && matches!(rest[..], [c] if c.is_ascii_digit() || matches!(c, '¹' | '²' | '³'))
}

/// What a name is on a file system that ignores case and normalisation: composed (NFC), each
/// character upper- then lowercased (close to Unicode's full case folding: `ß` and `SS`, `ς` and
/// `σ` meet), composed again. Two names with one key are one file on Windows or macOS.
pub fn key(name: &str) -> String {
    name.nfc().flat_map(char::to_uppercase).flat_map(char::to_lowercase).nfc().collect()
}

/// The keys of the names taken in a folder: what a new name must not equal.
#[derive(Debug, Default)]
pub struct Taken(HashSet<String>);

impl Taken {
    /// The names of every entry in the mirror folder's top (files, folders, hidden or not, and
    /// names that are not Unicode as well as they can be read).
    pub fn in_folder(folder: &Folder) -> io::Result<Taken> {
        let mut taken = Taken::default();
        for entry in std::fs::read_dir(folder.root())? {
            taken.insert(&entry?.file_name().to_string_lossy());
        }
        Ok(taken)
    }

    pub fn insert(&mut self, name: &str) {
        self.0.insert(key(name));
    }

    /// Whether `name` equals a taken one, under case folding and NFC.
    pub fn holds(&self, name: &str) -> bool {
        self.0.contains(&key(name))
    }
}

/// Refuses each file in `paths` whose name has the [`key`] of another mirrored file's in its
/// folder: it leaves `paths` and becomes a problem that names the file mirrored instead. Of such
/// files Galley mirrors the first (in byte order) that it already keeps (`recorded`), else the
/// first. Returns the refused paths.
pub fn refuse_clashes(
    folder: &Folder,
    paths: &mut BTreeSet<String>,
    refused: &mut Vec<Refused>,
    recorded: impl Fn(&str) -> bool,
) -> Vec<String> {
    let parents: BTreeSet<&str> = paths.iter().map(|path| parent(path)).collect();
    // Every mirrored file beside the files looked at, grouped by the key of its path.
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for dir in parents {
        let Ok(entries) =
            std::fs::read_dir(if dir.is_empty() { folder.root().to_owned() } else { folder.path(dir) })
        else {
            continue;
        };
        for name in entries.filter_map(|e| e.ok()?.file_name().into_string().ok()) {
            let path = if dir.is_empty() { name } else { format!("{dir}/{name}") };
            if is_mirrored(&path) {
                groups.entry(key(&path)).or_default().push(path);
            }
        }
    }
    let mut clashing = Vec::new();
    for mut group in groups.into_values().filter(|group| group.len() > 1) {
        group.sort();
        let kept = group.iter().find(|path| recorded(path)).unwrap_or(&group[0]).clone();
        for path in group.into_iter().filter(|path| *path != kept) {
            if !paths.remove(&path) {
                continue;
            }
            refused.push(Refused { why: clash(&kept), path: path.clone() });
            clashing.push(path);
        }
    }
    clashing
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(parent, _)| parent)
}

fn clash(kept: &str) -> String {
    format!(
        "on Windows and macOS this name and `{kept}` are one file (they differ only in capital \
         letters or in how accented letters are encoded), so a shared folder cannot keep both; \
         Galley mirrors `{kept}`: rename this file to mirror it"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_are_refused_in_any_case_with_any_extension() {
        for name in [
            "nul.md",
            "NUL.md",
            "Nul.tar.gz",
            "nul",
            "nul .md",
            "con.md",
            "prn.md",
            "aux.md",
            "AuX.MD",
            "com1.md",
            "COM9.md",
            "com0.md",
            "lpt1.md",
            "LPT9.md",
            "com¹.md",
            "LPT³.md",
            "conin$.md",
            "CONOUT$.md",
        ] {
            assert!(windows_refuses(name).is_some_and(|why| why.contains("device")), "{name}");
        }
        for name in [
            "nul-2.md",
            "nully.md",
            "con-1.md",
            "console.md",
            "com10.md",
            "lpt.md",
            "com.md",
            "a.nul.md",
            "aux-.md",
            "com1-2.md",
            "comé.md",
            "zametka.md",
        ] {
            assert_eq!(windows_refuses(name), None, "{name}");
        }
    }

    #[test]
    fn characters_and_endings_windows_refuses() {
        for name in [
            "a<b.md",
            "a>b.md",
            "a:b.md",
            "a\"b.md",
            "a/b.md",
            "a\\b.md",
            "a|b.md",
            "a?b.md",
            "a*b.md",
            "a\u{1}b.md",
            "a\tb.md",
            "a\u{7f}.md",
            "note.md.",
            "note.md ",
            "note.",
        ] {
            assert!(windows_refuses(name).is_some(), "{name:?}");
        }
        assert_eq!(windows_refuses("Статья «Нуль» #1 (черновик).md"), None);
    }

    #[test]
    fn names_that_differ_only_in_case_or_normalisation_have_one_key() {
        assert_eq!(key("Note.md"), key("note.MD"));
        // NFC (as Linux and Windows keep it) and NFD (as macOS writes it).
        assert_eq!(key("Йошкар-Ола.md"), key("И\u{0306}ошкар-Ола.md"));
        assert_eq!(key("ЁЛКА.md"), key("е\u{0308}лка.md"));
        assert_eq!(key("Straße.md"), key("STRASSE.md"));
        assert_eq!(key("ΟΔΟΣ.md"), key("οδος.md"));
        assert_eq!(key("\u{212A}elvin.md"), key("kelvin.md"), "the Kelvin sign composes to K");
        assert_ne!(key("Ёлка.md"), key("Елка.md"), "ё is not е in a file name");
        assert_ne!(key("note.md"), key("note-2.md"));
    }

    #[test]
    fn taken_names_are_compared_by_key() {
        let mut taken = Taken::default();
        taken.insert("Note.md");
        taken.insert("И\u{0306}од.md");
        assert!(taken.holds("note.md"));
        assert!(taken.holds("NOTE.md"));
        assert!(taken.holds("йод.md"));
        assert!(!taken.holds("note-2.md"));
    }
}
