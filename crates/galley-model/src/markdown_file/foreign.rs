//! What a file's front matter holds that Galley does not own, kept so the file gives it back.
//!
//! Hugo, Jekyll and Obsidian keep their own keys beside Galley's (`draft: true`, `weight`,
//! `aliases`, `cssclasses`); dropping `draft` publishes the post. So a file's keys Galley does not
//! read travel with the article as the file wrote them: the exact lines of each such top-level key
//! (its nested and continuation lines, and the comment and blank lines above it), in the file's
//! order. Galley writes its own keys first, then these lines unchanged.
//!
//! YAML is cut into keys by lines (a line at the left margin that is not a comment, a list item or
//! the end of a flow collection starts a key), and the cut is checked: each piece must read alone
//! as one key with the value the whole front matter gives it. When a piece does not (an alias to an
//! anchor in another key, a key spelled over several lines), the keys Galley does not own are
//! written out by the YAML writer instead: every value is kept, the comments and spelling are not.
//! TOML keeps its own format: `toml_edit` reads it keeping every byte, and the keys Galley owns are
//! taken out of that document, so what is left (comments, tables, spelling) is the file's own.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_yaml_ng::{Mapping, Value};

/// Which front matter a file uses: YAML between `---` lines (Galley's own) or TOML between `+++`
/// lines (Hugo's other format).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FrontMatterFormat {
    #[default]
    Yaml,
    Toml,
}

impl FrontMatterFormat {
    fn is_yaml(&self) -> bool {
        *self == FrontMatterFormat::Yaml
    }
}

/// What an article's file held that is not Galley's: kept with the article (and its revisions),
/// so that writing the file again, or exporting the article as `.md`, gives it back. Empty for
/// an article written by Galley.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct ForeignFrontMatter {
    /// The file's front matter format, kept when Galley writes it.
    #[serde(skip_serializing_if = "FrontMatterFormat::is_yaml")]
    pub format: FrontMatterFormat,
    /// Galley's fields the file names its own way, by Galley's name (`headline` → `title`,
    /// `created_at` → `date`): Galley keeps writing the file's spelling.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
    /// The keys Galley does not own, as the file wrote them (see the module docs), each line
    /// ending with its line break.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Galley's fields the file's front matter has no key for (of those Galley always writes:
    /// `headline`, `slug`, `language`, `status`, `created_at`), each with the value it had when
    /// the file was read: made up (a slug from the headline, the language from the letters, the
    /// status a new article has) or, for the headline, taken from the text. Galley writes no key
    /// for such a field while it keeps that value, so a file gets no key it did not have (Hugo
    /// publishes a post with a `slug` at another address) until the field is changed in Galley.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub absent: BTreeMap<String, String>,
    /// For a file whose front matter names no headline and whose text begins with a `# Heading`:
    /// the text up to the body, exactly as written (blank lines, the heading line, the blank lines
    /// after it). The heading is where such a file keeps its headline: the body is what follows,
    /// and Galley writes the headline back there, not as a key.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub heading: String,
}

impl ForeignFrontMatter {
    pub fn is_empty(&self) -> bool {
        *self == ForeignFrontMatter::default()
    }

    /// The key the file uses for one of Galley's fields.
    pub(crate) fn name_of<'a>(&'a self, field: &'a str) -> &'a str {
        self.names.get(field).map_or(field, String::as_str)
    }
}

/// One top-level piece of YAML front matter: the comment and blank lines above a key, the key's
/// line and the lines that continue it.
struct Piece<'a> {
    text: &'a str,
    /// Where the key's own line starts in `text` (after the comments above it); `None` for
    /// comments at the end with no key after them.
    key_at: Option<usize>,
}

/// Cuts YAML front matter into top-level pieces by lines.
fn pieces(yaml: &str) -> Vec<Piece<'_>> {
    let mut pieces: Vec<Piece<'_>> = Vec::new();
    // Where the current piece starts, where its key line starts, and where comment and blank
    // lines not yet given to a piece start.
    let mut start = 0;
    let mut key_at: Option<usize> = None;
    let mut pending: Option<usize> = None;
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let first = line.chars().next().unwrap_or('\n');
        let blank = line.trim().is_empty();
        if blank || first == '#' {
            pending.get_or_insert(offset);
        } else if first.is_whitespace() || matches!(first, '-' | ']' | '}' | ',') {
            // Continues the current key: comments and blank lines between belong to it.
            pending = None;
        } else {
            // A new key: the piece before it ends where its comments began.
            let begins = pending.take().unwrap_or(offset);
            if let Some(at) = key_at {
                pieces.push(Piece { text: &yaml[start..begins], key_at: Some(at - start) });
            } else if begins > start {
                pieces.push(Piece { text: &yaml[start..begins], key_at: None });
            }
            start = begins;
            key_at = Some(offset);
        }
        offset += line.len();
    }
    let end = pending.unwrap_or(offset);
    if let Some(at) = key_at {
        pieces.push(Piece { text: &yaml[start..end], key_at: Some(at - start) });
    } else if end > start {
        pieces.push(Piece { text: &yaml[start..end], key_at: None });
    }
    if end < offset {
        pieces.push(Piece { text: &yaml[end..], key_at: None });
    }
    pieces
}

/// The text of the keys of `whole` (the front matter as read) that are in `foreign`, as the file
/// wrote them when the cut by lines checks out, else as the YAML writer writes them. Comments not
/// above a key Galley owns stay too.
pub(crate) fn yaml_text(yaml: &str, whole: &Mapping, foreign: &Mapping) -> String {
    let has_comments = yaml.lines().any(|line| line.starts_with('#'));
    if foreign.is_empty() && !has_comments {
        return String::new();
    }
    match cut_text(yaml, whole, foreign) {
        Some(text) => text,
        None if foreign.is_empty() => String::new(),
        None => serde_yaml_ng::to_string(foreign).expect("values read from YAML write back"),
    }
}

fn cut_text(yaml: &str, whole: &Mapping, foreign: &Mapping) -> Option<String> {
    let mut text = String::new();
    let mut keys = whole.keys();
    for piece in pieces(yaml) {
        let Some(at) = piece.key_at else {
            text.push_str(piece.text);
            continue;
        };
        // The piece must read alone as the next key of the whole, with the same value.
        let Ok(Value::Mapping(alone)) = serde_yaml_ng::from_str::<Value>(piece.text) else { return None };
        let mut entries = alone.into_iter();
        let (Some((key, value)), None) = (entries.next(), entries.next()) else { return None };
        if keys.next() != Some(&key) {
            return None;
        }
        match foreign.get(&key) {
            Some(kept) if *kept == value => text.push_str(piece.text),
            Some(_) => return None,
            // A key Galley owns: the comments above it stay, the key is Galley's to write.
            None => text.push_str(&piece.text[..at]),
        }
    }
    keys.next().is_none().then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(yaml: &str) -> Vec<(&str, bool)> {
        pieces(yaml).into_iter().map(|p| (p.text, p.key_at.is_some())).collect()
    }

    #[test]
    fn pieces_keep_comments_with_the_key_below_and_nested_lines_with_theirs() {
        let yaml = "# top\ntitle: A\n\n# hide it\ndraft: true\ntags:\n- a\n-  b\nparams:\n  x: 1\n\n  # inner\n  y: [1,\n  2]\n# end\n";
        assert_eq!(
            cut(yaml),
            [
                ("# top\ntitle: A\n", true),
                ("\n# hide it\ndraft: true\n", true),
                ("tags:\n- a\n-  b\n", true),
                ("params:\n  x: 1\n\n  # inner\n  y: [1,\n  2]\n", true),
                ("# end\n", false),
            ]
        );
    }
}
