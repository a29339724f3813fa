//! Tag names: how a typed tag becomes a canonical name, and when two names are the same tag.
//!
//! A name is NFC-normalised, trimmed, with runs of spaces folded; `/` separates levels of a
//! hierarchy (`Регионы/Хабаровск`). Two names are the same tag when their keys match: the key is
//! the lowercased name. `ё` and `е` stay distinct in names and keys (search folds them, not tags).

use std::fmt;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// The longest tag name accepted, in characters.
pub const MAX_TAG_CHARS: usize = 200;

/// A canonical tag name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TagName(String);

/// Why a typed tag was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TagNameError {
    #[error("a tag name cannot be empty")]
    Empty,
    #[error("tag `{0}` is longer than {MAX_TAG_CHARS} characters")]
    TooLong(String),
    #[error("tag `{0}` contains a control character")]
    ControlCharacter(String),
}

impl TagName {
    /// Canonicalises a typed tag: `" регионы / Хабаровск "` → `"регионы/Хабаровск"`.
    pub fn parse(typed: &str) -> Result<TagName, TagNameError> {
        let nfc: String = typed.nfc().collect();
        if nfc.chars().any(char::is_control) {
            return Err(TagNameError::ControlCharacter(nfc));
        }
        let levels: Vec<String> = nfc
            .split('/')
            .map(|level| level.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|level| !level.is_empty())
            .collect();
        if levels.is_empty() {
            return Err(TagNameError::Empty);
        }
        let name = levels.join("/");
        if name.chars().count() > MAX_TAG_CHARS {
            return Err(TagNameError::TooLong(name));
        }
        Ok(TagName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The comparison key: two names with the same key are the same tag.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }

    /// The parent tag, if this one is nested (`Регионы/Хабаровск` → `Регионы`).
    pub fn parent(&self) -> Option<TagName> {
        self.0.rsplit_once('/').map(|(parent, _)| TagName(parent.to_owned()))
    }

    /// The last level of the name (`Регионы/Хабаровск` → `Хабаровск`).
    pub fn leaf(&self) -> &str {
        self.0.rsplit('/').next().unwrap_or(&self.0)
    }
}

impl fmt::Display for TagName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Canonicalises a list of typed tags, dropping repeats (first spelling wins).
pub fn canonical_tags<I, S>(typed: I) -> Result<Vec<TagName>, TagNameError>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for tag in typed {
        let name = TagName::parse(tag.as_ref())?;
        if seen.insert(name.key()) {
            out.push(name);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_folded_and_nfc() {
        let name = TagName::parse("  Регионы /  Хабаровский   край/ ").unwrap();
        assert_eq!(name.as_str(), "Регионы/Хабаровский край");
        assert_eq!(name.parent().unwrap().as_str(), "Регионы");
        assert_eq!(name.leaf(), "Хабаровский край");
        // "й" typed as и + combining breve becomes one code point.
        let decomposed = TagName::parse("Хабаровски\u{0438}\u{0306}").unwrap();
        assert_eq!(decomposed.as_str(), "Хабаровский");
    }

    #[test]
    fn keys_ignore_case_but_keep_yo() {
        let a = TagName::parse("ЭКОНОМИКА").unwrap();
        let b = TagName::parse("экономика").unwrap();
        assert_eq!(a.key(), b.key());
        let yo = TagName::parse("ёлки").unwrap();
        let ye = TagName::parse("елки").unwrap();
        assert_ne!(yo.key(), ye.key());
    }

    #[test]
    fn bad_names_are_refused() {
        assert_eq!(TagName::parse(" / ").unwrap_err(), TagNameError::Empty);
        assert!(matches!(TagName::parse("a\u{7}b"), Err(TagNameError::ControlCharacter(_))));
        assert!(matches!(TagName::parse(&"я".repeat(201)), Err(TagNameError::TooLong(_))));
    }

    #[test]
    fn repeats_are_dropped() {
        let tags = canonical_tags(["Япония", "япония", "Дальний Восток"]).unwrap();
        let names: Vec<_> = tags.iter().map(TagName::as_str).collect();
        assert_eq!(names, ["Япония", "Дальний Восток"]);
    }
}
