//! The `.md` file format: YAML front matter carrying every field, then the body exactly as typed.
//!
//! ```text
//! ---
//! id: 0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e
//! headline: Встреча Галушки и Сэко
//! tags: [Япония, Регионы/Хабаровск]
//! ---
//! Body in Markdown…
//! ```
//!
//! Reading is lenient, as files come from Hugo, Jekyll, Obsidian and hand edits: `title` is read as
//! `headline`, `author`/`authors` as `byline`, a comma-separated string as a list, `date` as the
//! creation time. TOML front matter between `+++` lines (Hugo's other format) is read too. A file
//! whose front matter names no headline, or that has no front matter, takes its headline from a
//! leading `# Heading`; the body is the text after it.
//!
//! A file is not Galley's alone: what its front matter holds that Galley does not read (Hugo's
//! `draft`, `weight`, `aliases`; Obsidian's `cssclasses`; comments) is kept with the article as the
//! file wrote it ([`ForeignFrontMatter`], see [`foreign`]) and written back after Galley's keys, in
//! the file's format; Galley's fields keep the names the file gave them (a file with `title` keeps
//! `title`, never renamed to `headline`). Galley writes no key the file did not have while the field
//! keeps the value it was read with (a `slug` made up for a Hugo post would move it to another
//! address), and writes a note's heading back as it was (`held.rs`). A file Galley wrote uses the
//! model's field names and YAML, with every field.
//!
//! Reading is bounded: front matter longer than [`MAX_FRONT_MATTER_BYTES`], nested deeper than
//! [`MAX_FRONT_MATTER_DEPTH`], or whose YAML aliases (`*name`) repeat their anchors (`&name`) into
//! more than a few times its own size is refused before any value is built. An alias costs a few
//! bytes and stands for a whole copy of what it names, so aliases of aliases grow exponentially
//! ("billion laughs": 30 KB took 33 s and 3.7 GB). Galley never writes anchors or aliases.

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde::{Deserializer, Serialize};
use serde_yaml_ng::{Mapping, Value};

use crate::{ArticleFields, ArticleId, Draft, Related, Status, Timestamp, article::normalize_language};

pub mod foreign;
mod held;
mod toml_front;

pub use foreign::{ForeignFrontMatter, FrontMatterFormat};
pub use held::{as_file_gives, record_absent, settle_absent};

/// A file read into a draft, with what was odd about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFile {
    pub draft: Draft,
    pub warnings: Vec<String>,
}

/// The front matter is not something we can read.
#[derive(Debug, thiserror::Error)]
pub enum FrontMatterError {
    #[error("the front matter starts with `{0}` but never ends (add a line `{0}` after it)")]
    Unterminated(&'static str),
    #[error("the front matter is not valid YAML: {0}")]
    Yaml(String),
    #[error("the front matter is not valid TOML: {0}")]
    Toml(String),
    #[error("the front matter must be a list of `key: value` lines")]
    NotAMapping,
    #[error("front matter field `{field}`: {message}")]
    Field { field: &'static str, message: String },
    #[error(
        "the front matter is {} KiB long; Galley reads front matter up to {} MiB: move long text into the body",
        .bytes.div_ceil(1024),
        MAX_FRONT_MATTER_BYTES / (1024 * 1024)
    )]
    TooLarge { bytes: usize },
    #[error(
        "the front matter nests lists and fields more than {MAX_FRONT_MATTER_DEPTH} levels deep: keep each field a line of text or a list"
    )]
    TooDeep,
    #[error(
        "the front matter repeats itself through YAML aliases (`*name` standing for an `&name` value) into more than Galley reads: write the values out instead of referring to them"
    )]
    TooRepetitive,
    /// Counted in quoted text too (where they open nothing): the count is made before the parser
    /// reads anything, so the message says so, and what to take out.
    #[error(
        "the front matter has {brackets} `[` and `{{` in {} KiB, and Galley reads at most {allowed} in front matter this long (those inside quoted text count too): take brackets out of the values (tags, related links), or write lists one item a line (`- item`)",
        .bytes.div_ceil(1024)
    )]
    TooManyBrackets { brackets: usize, allowed: usize, bytes: usize },
}

/// The longest front matter read, in bytes. Galley writes what an article holds, so its own can be
/// long: an article with 100,000 tags has 3.3 MB of front matter, and must read back. Reading is
/// linear in the size (aliases and brackets are bounded below), so the bound is for memory.
pub const MAX_FRONT_MATTER_BYTES: usize = 8 * 1024 * 1024;

/// The most `[` and `{` read, times the front matter's length: the parser's work grows with both
/// (60 KB of `[` took 2.25 s). At this bound the worst case, 16,000 nested, takes about 0.6 s
/// (release build); it allows 8,192 in 64 KiB and about 160 in the 3.3 MB of an article with
/// 100,000 tags (Galley writes lists a line per item, so only brackets in the text count).
const MAX_BRACKET_WORK: usize = 1 << 29;

/// The deepest nesting of lists and mappings read (Galley's own front matter is 3 deep: the
/// related links).
pub const MAX_FRONT_MATTER_DEPTH: usize = 32;

/// Reads a `.md` file's text.
pub fn parse(text: &str) -> Result<ParsedFile, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A file without front matter is all body, and names none of Galley's fields.
    let (format, source, body) = split_front_matter(text)?.unwrap_or((FrontMatterFormat::Yaml, "", text));
    check_bounds(format, source)?;
    let (map, document) = match format {
        FrontMatterFormat::Yaml => {
            let value: Value =
                serde_yaml_ng::from_str(source).map_err(|e| FrontMatterError::Yaml(e.to_string()))?;
            let map = match value {
                Value::Mapping(map) => map,
                Value::Null => Mapping::new(),
                _ => return Err(FrontMatterError::NotAMapping),
            };
            (map, None)
        }
        FrontMatterFormat::Toml => {
            let (map, document) = toml_front::read(source)?;
            (map, Some(document))
        }
    };
    let mut reader = FieldReader { map: map.clone(), warnings: Vec::new(), names: Default::default() };
    let mut fields = ArticleFields::default();
    // Galley's fields the front matter has no key for: the file does not say them.
    let mut absent = Vec::new();
    let mut note_absent = |name: &'static str, missing: bool| {
        if missing {
            absent.push(name);
        }
    };

    let id = match reader.take_string("id")? {
        Some(id) => Some(
            id.parse::<ArticleId>()
                .map_err(|e| FrontMatterError::Field { field: "id", message: e.to_string() })?,
        ),
        None => None,
    };
    let headline = reader.take_named("headline", &["title"], FieldReader::take_string)?;
    note_absent("headline", headline.is_none());
    // Without a headline in the front matter, a leading `# Heading` is the headline, the text
    // after it the body; its bytes are kept to be written back.
    let mut heading = "";
    match headline {
        Some(headline) => {
            fields.headline = headline;
            fields.body = body.to_owned();
        }
        None => match held::split_heading(body) {
            Some((headline, end)) => {
                fields.headline = headline;
                heading = &body[..end];
                fields.body = body[end..].to_owned();
            }
            None => fields.body = body.to_owned(),
        },
    }
    let slug = reader.take_string("slug")?;
    note_absent("slug", slug.is_none());
    fields.slug = slug.unwrap_or_default();
    fields.dek = reader.take_named("dek", &["subtitle"], FieldReader::take_string)?.unwrap_or_default();
    fields.lead = reader.take_named("lead", &["description"], FieldReader::take_string)?.unwrap_or_default();
    fields.byline =
        reader.take_named("byline", &["authors", "author"], FieldReader::take_list)?.unwrap_or_default();
    fields.dateline = reader.take_string("dateline")?.unwrap_or_default();
    fields.section = reader.take_string("section")?.unwrap_or_default();
    let language = reader.take_named("language", &["lang"], FieldReader::take_string)?;
    note_absent("language", language.is_none());
    if let Some(language) = language {
        fields.language = normalize_language(&language).ok_or_else(|| FrontMatterError::Field {
            field: "language",
            message: format!("`{language}` is not a language code such as ru or en"),
        })?;
    }
    let status = reader.take_string("status")?;
    note_absent("status", status.is_none());
    if let Some(status) = status {
        fields.status = status
            .parse::<Status>()
            .map_err(|e| FrontMatterError::Field { field: "status", message: e.to_string() })?;
    }
    fields.tags = reader.take_list("tags")?.unwrap_or_default();
    fields.related = reader.take_related()?;
    fields.embargo_until = reader.take_time("embargo_until")?;
    fields.target_chars = match reader.take("target_chars") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) if n.as_u64().is_some_and(|n| n <= u64::from(u32::MAX)) => {
            Some(n.as_u64().expect("checked above") as u32)
        }
        Some(_) => {
            return Err(FrontMatterError::Field {
                field: "target_chars",
                message: "expected a whole number of characters".into(),
            });
        }
    };
    fields.note = reader.take_string("note")?.unwrap_or_default();
    fields.published_at = reader.take_time("published_at")?;
    let created_at = reader.take_named("created_at", &["date"], FieldReader::take_time)?;
    note_absent("created_at", created_at.is_none());
    let updated_at = reader.take_time("updated_at")?;

    let mut warnings = reader.warnings;
    let unknown: Vec<String> = reader.map.keys().map(key_text).collect();
    if !unknown.is_empty() {
        warnings.push(format!(
            "front matter fields Galley does not use, kept as they are: {}",
            unknown.join(", ")
        ));
    }
    let text = match document {
        None => foreign::yaml_text(source, &map, &reader.map),
        Some(document) => toml_front::foreign_text(document, &reader.map),
    };
    fields.foreign = ForeignFrontMatter {
        format,
        names: reader.names,
        text,
        heading: heading.to_owned(),
        ..Default::default()
    };
    held::note_absent(&mut fields, &absent);
    Ok(ParsedFile { draft: Draft { id, created_at, updated_at, fields }, warnings })
}

/// The file's text with its id added as the first line of its front matter, every other byte as
/// it was: how a file that came without an id gets one. A file without front matter gets front
/// matter holding only its id, in the file's line endings (`---`, `id: …`, `---`), and then every
/// byte it had. `None` when the file holds an id already, or would not read back the same with the
/// line added (then Galley writes the whole file).
pub fn with_id_added(text: &str, id: ArticleId) -> Option<String> {
    let (bom, rest) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let opening = ["---\n", "---\r\n", "+++\n", "+++\r\n"].into_iter().find(|line| rest.starts_with(line));
    let added = match opening {
        Some(opening) => {
            let eol = if opening.ends_with("\r\n") { "\r\n" } else { "\n" };
            let line = if opening.starts_with('+') {
                format!("id = \"{id}\"{eol}")
            } else {
                format!("id: {id}{eol}")
            };
            format!("{bom}{opening}{line}{}", &rest[opening.len()..])
        }
        None => {
            let eol = match rest.find('\n') {
                Some(end) if rest[..end].ends_with('\r') => "\r\n",
                _ => "\n",
            };
            format!("{bom}---{eol}id: {id}{eol}---{eol}{rest}")
        }
    };
    let before = parse(text).ok()?;
    if before.draft.id.is_some() {
        return None;
    }
    let after = parse(&added).ok()?;
    (after.draft.id == Some(id) && after.draft.fields == before.draft.fields).then_some(added)
}

/// Writes an article as a `.md` file. The editor's note is left out unless `include_note`.
pub fn write(
    id: ArticleId,
    fields: &ArticleFields,
    created_at: Timestamp,
    updated_at: Timestamp,
    include_note: bool,
) -> String {
    write_front_matter(id, fields, created_at, Some(updated_at), include_note)
}

/// Writes an article as the file a mirror folder keeps: as [`write`] without the editor's note and
/// without `updated_at`, so the file is a function of what the journalist wrote and changes only
/// when that does (a save that changes nothing, or only the note, leaves the file alone, and git
/// shows no noise).
pub fn write_for_folder(id: ArticleId, fields: &ArticleFields, created_at: Timestamp) -> String {
    write_front_matter(id, fields, created_at, None, false)
}

fn write_front_matter(
    id: ArticleId,
    fields: &ArticleFields,
    created_at: Timestamp,
    updated_at: Option<Timestamp>,
    include_note: bool,
) -> String {
    #[derive(Serialize)]
    struct FrontMatter<'a> {
        id: String,
        headline: &'a str,
        slug: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        dek: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        lead: &'a str,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        byline: &'a [String],
        #[serde(skip_serializing_if = "str::is_empty")]
        dateline: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        section: &'a str,
        language: &'a str,
        status: Status,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        tags: &'a [String],
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        related: &'a [Related],
        #[serde(skip_serializing_if = "Option::is_none")]
        embargo_until: Option<Timestamp>,
        #[serde(skip_serializing_if = "Option::is_none")]
        target_chars: Option<u32>,
        #[serde(skip_serializing_if = "str::is_empty")]
        note: &'a str,
        created_at: Timestamp,
        #[serde(skip_serializing_if = "Option::is_none")]
        updated_at: Option<Timestamp>,
        #[serde(skip_serializing_if = "Option::is_none")]
        published_at: Option<Timestamp>,
    }
    let front = FrontMatter {
        id: id.to_string(),
        headline: &fields.headline,
        slug: &fields.slug,
        dek: &fields.dek,
        lead: &fields.lead,
        byline: &fields.byline,
        dateline: &fields.dateline,
        section: &fields.section,
        language: &fields.language,
        status: fields.status,
        tags: &fields.tags,
        related: &fields.related,
        embargo_until: fields.embargo_until,
        target_chars: fields.target_chars,
        note: if include_note { &fields.note } else { "" },
        created_at,
        updated_at,
        published_at: fields.published_at,
    };
    let foreign = &fields.foreign;
    let mut kept = foreign.text.clone();
    if !kept.is_empty() && !kept.ends_with('\n') {
        kept.push('\n');
    }
    // A file that had no key for one of Galley's fields gets none while the field keeps the value
    // it was read with; a note's headline goes back into its heading.
    let place = held::headline_place(fields);
    let mut left_out: Vec<&str> = held::ALWAYS_WRITTEN
        .into_iter()
        .filter(|&field| field != "headline" && held::left_out(fields, field))
        .collect();
    let heading = match &place {
        held::HeadlinePlace::Key => "",
        held::HeadlinePlace::LeftOut => {
            left_out.push("headline");
            ""
        }
        held::HeadlinePlace::Heading(heading) => {
            left_out.push("headline");
            heading.as_ref()
        }
    };
    if foreign.format == FrontMatterFormat::Yaml && foreign.names.is_empty() && left_out.is_empty() {
        let yaml = serde_yaml_ng::to_string(&front).expect("front matter of plain strings always serialises");
        return format!("---\n{yaml}{kept}---\n{}", fields.body);
    }
    let Ok(Value::Mapping(values)) = serde_yaml_ng::to_value(&front) else {
        unreachable!("front matter of plain strings is a mapping")
    };
    let named: Vec<(&str, &str, &Value)> = values
        .iter()
        .filter_map(|(key, value)| key.as_str().map(|field| (field, foreign.name_of(field), value)))
        .filter(|(field, ..)| !left_out.contains(field))
        .collect();
    match foreign.format {
        FrontMatterFormat::Yaml => {
            let renamed: Mapping =
                named.iter().map(|&(_, key, value)| (Value::String(key.to_owned()), value.clone())).collect();
            let yaml =
                serde_yaml_ng::to_string(&renamed).expect("front matter of plain strings always serialises");
            format!("---\n{yaml}{kept}---\n{heading}{}", fields.body)
        }
        FrontMatterFormat::Toml => {
            format!("+++\n{}{kept}+++\n{heading}{}", toml_front::write(&named), fields.body)
        }
    }
}

/// Splits `---\n yaml ---\n body` (or `+++\n toml +++\n body`); `None` when the text has no
/// front matter.
fn split_front_matter(text: &str) -> Result<Option<(FrontMatterFormat, &str, &str)>, FrontMatterError> {
    let (format, fence, rest) =
        if let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) {
            (FrontMatterFormat::Yaml, "---", rest)
        } else if let Some(rest) = text.strip_prefix("+++\n").or_else(|| text.strip_prefix("+++\r\n")) {
            (FrontMatterFormat::Toml, "+++", rest)
        } else {
            return Ok(None);
        };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if trimmed == fence || (format == FrontMatterFormat::Yaml && trimmed == "...") {
            return Ok(Some((format, &rest[..offset], &rest[offset + line.len()..])));
        }
        offset += line.len();
    }
    Err(FrontMatterError::Unterminated(fence))
}

/// Refuses front matter that would take more than linear work to read: too long, too deep, or
/// expanding through aliases to more than a few times its own size.
///
/// This is a pass over the same parser's events that builds nothing: `serde_yaml_ng` expands each
/// alias as it is visited (its own limit, a hundred jumps per event, still lets a 30 KB file expand
/// to gigabytes), so counting what is visited, and stopping at the budget, bounds the work. Without
/// aliases every value and every byte of text visited comes from its own bytes of input, so the
/// budget (four units per byte: a value costs one, its text one per byte) never refuses front
/// matter that has none.
///
/// TOML has no aliases; its size and brackets are bounded the same way, and its nesting by the
/// parser's own recursion limit and [`MAX_FRONT_MATTER_DEPTH`] when its values are read.
fn check_bounds(format: FrontMatterFormat, yaml: &str) -> Result<(), FrontMatterError> {
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        return Err(FrontMatterError::TooLarge { bytes: yaml.len() });
    }
    // The parser keeps a note per open `[` or `{` and looks at every note at every token: its work
    // is the tokens times the depth of brackets (60 KB of `[` took 2 s). The count of `[` and `{`,
    // quoted or not, bounds that depth before the parser sees them.
    let openers = yaml.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    if openers.saturating_mul(yaml.len()) > MAX_BRACKET_WORK {
        return Err(FrontMatterError::TooManyBrackets {
            brackets: openers,
            allowed: MAX_BRACKET_WORK / yaml.len(),
            bytes: yaml.len(),
        });
    }
    if format == FrontMatterFormat::Toml {
        return Ok(());
    }
    let budget = Budget { left: Cell::new(4 * yaml.len() + 64), exceeded: Cell::new(None) };
    let result = serde_yaml_ng::Deserializer::from_str(yaml)
        .next()
        .map(|document| Counted { budget: &budget, depth: 0 }.deserialize(document));
    // Syntax errors and the like are left to the real reading, which says where they are.
    drop(result);
    match budget.exceeded.take() {
        Some(limit) => Err(limit),
        None => Ok(()),
    }
}

/// What is left to spend on reading front matter, and which bound was met, if one was.
struct Budget {
    left: Cell<usize>,
    exceeded: Cell<Option<FrontMatterError>>,
}

impl Budget {
    fn spend<E: serde::de::Error>(&self, cost: usize) -> Result<(), E> {
        match self.left.get().checked_sub(cost) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => Err(self.fail(FrontMatterError::TooRepetitive)),
        }
    }

    fn fail<E: serde::de::Error>(&self, error: FrontMatterError) -> E {
        let message = error.to_string();
        self.exceeded.set(Some(error));
        E::custom(message)
    }
}

/// Visits a YAML value without building it, spending the budget on each value and its text.
struct Counted<'b> {
    budget: &'b Budget,
    depth: usize,
}

impl Counted<'_> {
    fn nested<E: serde::de::Error>(&self) -> Result<Self, E> {
        if self.depth >= MAX_FRONT_MATTER_DEPTH {
            return Err(self.budget.fail(FrontMatterError::TooDeep));
        }
        Ok(Counted { budget: self.budget, depth: self.depth + 1 })
    }
}

impl<'de> DeserializeSeed<'de> for Counted<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Counted<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.budget.spend(1)
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.budget.spend(1)
    }

    fn visit_i128<E: serde::de::Error>(self, _: i128) -> Result<(), E> {
        self.budget.spend(1)
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.budget.spend(1)
    }

    fn visit_u128<E: serde::de::Error>(self, _: u128) -> Result<(), E> {
        self.budget.spend(1)
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.budget.spend(1)
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<(), E> {
        self.budget.spend(1 + text.len())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.budget.spend(1)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.budget.spend(1)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.budget.spend(1)?;
        while seq.next_element_seed(self.nested()?)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.budget.spend(1)?;
        while map.next_key_seed(self.nested()?)?.is_some() {
            map.next_value_seed(self.nested()?)?;
        }
        Ok(())
    }

    /// A tagged value (`!tag value`).
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        let ((), content) = data.variant_seed(Counted { budget: self.budget, depth: self.depth })?;
        content.newtype_variant_seed(self.nested()?)
    }
}

fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        other => serde_yaml_ng::to_string(other).unwrap_or_default().trim().to_owned(),
    }
}

/// Takes known keys out of the mapping; what is left at the end is unknown.
struct FieldReader {
    map: Mapping,
    warnings: Vec<String>,
    /// Galley's fields the file named another way (`headline` → `title`).
    names: std::collections::BTreeMap<String, String>,
}

impl FieldReader {
    /// Takes a field by Galley's name, else by the first of the other names the file uses for
    /// it (noted, so the file keeps its name). The names not used stay the file's own keys.
    fn take_named<T>(
        &mut self,
        field: &'static str,
        others: &[&'static str],
        take: impl Fn(&mut Self, &'static str) -> Result<Option<T>, FrontMatterError>,
    ) -> Result<Option<T>, FrontMatterError> {
        if let Some(value) = take(self, field)? {
            return Ok(Some(value));
        }
        for &name in others {
            if let Some(value) = take(self, name)? {
                self.names.insert(field.to_owned(), name.to_owned());
                return Ok(Some(value));
            }
        }
        Ok(None)
    }

    fn take(&mut self, key: &str) -> Option<Value> {
        self.map.shift_remove(key)
    }

    fn take_string(&mut self, key: &'static str) -> Result<Option<String>, FrontMatterError> {
        match self.take(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => scalar_text(&value)
                .map(Some)
                .ok_or_else(|| FrontMatterError::Field { field: key, message: "expected text".into() }),
        }
    }

    fn take_list(&mut self, key: &'static str) -> Result<Option<Vec<String>>, FrontMatterError> {
        let list = match self.take(key) {
            None | Some(Value::Null) => return Ok(None),
            Some(Value::Sequence(items)) => items
                .iter()
                .map(|item| {
                    scalar_text(item).ok_or_else(|| FrontMatterError::Field {
                        field: key,
                        message: "expected a list of text".into(),
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
            Some(value) => {
                let text = scalar_text(&value).ok_or_else(|| FrontMatterError::Field {
                    field: key,
                    message: "expected a list of text".into(),
                })?;
                text.split(',').map(str::to_owned).collect()
            }
        };
        Ok(Some(list.into_iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()))
    }

    fn take_time(&mut self, key: &'static str) -> Result<Option<Timestamp>, FrontMatterError> {
        let Some(text) = self.take_string(key)? else { return Ok(None) };
        parse_time(&text).map(Some).ok_or_else(|| FrontMatterError::Field {
            field: key,
            message: format!("`{text}` is not a date and time such as 2026-11-28T09:30:00Z or 2026-11-28"),
        })
    }

    fn take_related(&mut self) -> Result<Vec<Related>, FrontMatterError> {
        let bad = || FrontMatterError::Field {
            field: "related",
            message: "expected a list of links, each `{title: …, url: …}` or a URL".into(),
        };
        match self.take("related") {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Sequence(items)) => items
                .iter()
                .map(|item| match item {
                    Value::String(url) => Ok(Related { title: String::new(), url: url.trim().to_owned() }),
                    Value::Mapping(link) => {
                        let get = |k: &str| link.get(k).and_then(scalar_text).unwrap_or_default();
                        let url = get("url");
                        if url.is_empty() {
                            return Err(bad());
                        }
                        Ok(Related { title: get("title"), url })
                    }
                    _ => Err(bad()),
                })
                .collect(),
            Some(_) => Err(bad()),
        }
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(tagged) => scalar_text(&tagged.value),
        _ => None,
    }
}

/// RFC 3339, a civil date-time taken as UTC, or a bare date (midnight UTC).
pub fn parse_time(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Some(ts);
    }
    if let Ok(dt) = text.replace(' ', "T").parse::<jiff::civil::DateTime>() {
        return dt.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok().map(|z| z.timestamp());
    }
    text.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok())
        .map(|z| z.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_fields() -> ArticleFields {
        ArticleFields {
            slug: "vstrecha".into(),
            headline: "Встреча: «Галушка» и Сэко".into(),
            dek: "Подзаголовок".into(),
            lead: "Лид, с запятой: и двоеточием".into(),
            body: "Первый абзац.\n\n---\n\nПосле черты.\n".into(),
            byline: vec!["Иван Петров".into(), "Анна Смирнова".into()],
            dateline: "Токио".into(),
            section: "Экономика".into(),
            language: "ru".into(),
            status: Status::Ready,
            tags: vec!["Япония".into(), "Регионы/Хабаровск".into()],
            related: vec![Related {
                title: "Также по теме".into(),
                url: "https://example.org/a?b=1#c".into(),
            }],
            embargo_until: Some("2026-12-01T06:00:00Z".parse().unwrap()),
            target_chars: Some(3000),
            note: "не публиковать до звонка".into(),
            published_at: None,
            foreign: ForeignFrontMatter::default(),
        }
    }

    #[test]
    fn written_files_read_back_to_the_same_fields() {
        let id: ArticleId = "0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e".parse().unwrap();
        let created: Timestamp = "2026-11-28T07:00:00Z".parse().unwrap();
        let updated: Timestamp = "2026-11-28T08:30:00.5Z".parse().unwrap();
        let text = write(id, &sample_fields(), created, updated, true);
        let parsed = parse(&text).unwrap();
        assert_eq!(parsed.warnings, Vec::<String>::new());
        assert_eq!(parsed.draft.id, Some(id));
        assert_eq!(parsed.draft.created_at, Some(created));
        assert_eq!(parsed.draft.updated_at, Some(updated));
        assert_eq!(parsed.draft.fields, sample_fields());
    }

    #[test]
    fn the_note_stays_out_unless_asked() {
        let id = ArticleId::new(Timestamp::UNIX_EPOCH);
        let text = write(id, &sample_fields(), Timestamp::UNIX_EPOCH, Timestamp::UNIX_EPOCH, false);
        assert!(!text.contains("звонка"));
    }

    #[test]
    fn a_folder_file_leaves_out_the_note_and_the_time_of_the_last_change() {
        let id: ArticleId = "0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e".parse().unwrap();
        let created: Timestamp = "2026-11-28T07:00:00Z".parse().unwrap();
        let text = write_for_folder(id, &sample_fields(), created);
        assert!(!text.contains("updated_at") && !text.contains("звонка"), "{text}");
        let parsed = parse(&text).unwrap();
        assert_eq!(parsed.draft.id, Some(id));
        assert_eq!(parsed.draft.created_at, Some(created));
        assert_eq!(parsed.draft.fields, ArticleFields { note: String::new(), ..sample_fields() });
    }

    #[test]
    fn other_tools_front_matter_is_understood() {
        let text =
            "---\ntitle: Hugo post\nauthor: Jane Doe\ntags: a, b\ndate: 2026-01-02\ndraft: true\n---\nBody\n";
        let parsed = parse(text).unwrap();
        let fields = &parsed.draft.fields;
        assert_eq!(fields.headline, "Hugo post");
        assert_eq!(fields.byline, ["Jane Doe"]);
        assert_eq!(fields.tags, ["a", "b"]);
        assert_eq!(fields.body, "Body\n");
        assert_eq!(parsed.draft.created_at, Some("2026-01-02T00:00:00Z".parse().unwrap()));
        assert_eq!(parsed.warnings, ["front matter fields Galley does not use, kept as they are: draft"]);
    }

    #[test]
    fn a_file_without_front_matter_takes_its_heading() {
        let parsed = parse("# Заголовок\n\nТекст.\n").unwrap();
        assert_eq!(parsed.draft.fields.headline, "Заголовок");
        assert_eq!(parsed.draft.fields.body, "Текст.\n");
        let plain = parse("Просто текст").unwrap();
        assert_eq!(plain.draft.fields.headline, "");
        assert_eq!(plain.draft.fields.body, "Просто текст");
    }

    #[test]
    fn broken_front_matter_says_what_is_wrong() {
        let unterminated = parse("---\ntitle: x\nbody").unwrap_err().to_string();
        assert!(unterminated.contains("never ends"), "{unterminated}");
        let yaml = parse("---\ntitle: [unclosed\n---\n").unwrap_err().to_string();
        assert!(yaml.starts_with("the front matter is not valid YAML"), "{yaml}");
        let status = parse("---\nstatus: done\n---\n").unwrap_err().to_string();
        assert!(status.contains("front matter field `status`"), "{status}");
        let id = parse("---\nid: 42\n---\n").unwrap_err().to_string();
        assert!(id.contains("not an article id"), "{id}");
    }

    /// Flat lists of aliases of lists of aliases: each level multiplies the one before.
    fn billion_laughs(width: usize) -> String {
        let list = |item: &str| vec![item; width].join(",");
        format!("---\na: &a [{}]\nb: &b [{}]\nc: [{}]\n---\nBody\n", list("x"), list("*a"), list("*b"))
    }

    #[test]
    fn billion_laughs_front_matter_is_refused() {
        // 28 KB: 3,500³ values once expanded (a 30 KB one took 33 s and 3.7 GB before the bound).
        let text = billion_laughs(3_500);
        assert!(text.len() < 32 * 1024);
        let error = parse(&text).unwrap_err();
        assert!(matches!(error, FrontMatterError::TooRepetitive), "{error:?}");
        assert!(error.to_string().contains("write the values out"), "{error}");
    }

    #[test]
    fn many_aliases_of_one_big_anchor_are_refused() {
        let items = vec!["x"; 5_000].join(",");
        let aliases = vec!["*a"; 5_000].join(",");
        let error = parse(&format!("---\na: &a [{items}]\nc: [{aliases}]\n---\n")).unwrap_err();
        assert!(matches!(error, FrontMatterError::TooRepetitive), "{error:?}");
        // The same with one long text behind the anchor.
        let text = "x".repeat(20_000);
        let aliases = vec!["*a"; 3_000].join(",");
        let error = parse(&format!("---\na: &a \"{text}\"\nc: [{aliases}]\n---\n")).unwrap_err();
        assert!(matches!(error, FrontMatterError::TooRepetitive), "{error:?}");
    }

    #[test]
    fn a_few_aliases_and_long_front_matter_without_them_still_read() {
        let parsed =
            parse("---\nbyline: &who Анна Смирнова\ndateline: *who\ntags: &t [a, b]\nkeywords: *t\n---\n")
                .unwrap();
        assert_eq!(parsed.draft.fields.byline, ["Анна Смирнова"]);
        assert_eq!(parsed.draft.fields.dateline, "Анна Смирнова");
        // Just under the size bound, with as many values as fit: no aliases, so not refused.
        let tags = vec!["a"; 30_000].join(",");
        let text = format!("---\ntags: [{tags}]\n---\n");
        assert!(text.len() < MAX_FRONT_MATTER_BYTES);
        assert_eq!(parse(&text).unwrap().draft.fields.tags.len(), 30_000);
    }

    #[test]
    fn front_matter_over_8_mib_is_refused() {
        let text = format!("---\nlead: {}\n---\nBody\n", "слово ".repeat(800_000));
        let error = parse(&text).unwrap_err();
        assert!(matches!(error, FrontMatterError::TooLarge { .. }), "{error:?}");
        assert_eq!(
            error.to_string(),
            "the front matter is 8594 KiB long; Galley reads front matter up to 8 MiB: move long text into the body"
        );
    }

    #[test]
    fn deeply_nested_front_matter_is_refused() {
        let depth = MAX_FRONT_MATTER_DEPTH + 1;
        let error = parse(&format!("---\na: {}{}\n---\n", "[".repeat(depth), "]".repeat(depth))).unwrap_err();
        assert!(matches!(error, FrontMatterError::TooDeep), "{error:?}");
        let fits = MAX_FRONT_MATTER_DEPTH - 1;
        parse(&format!("---\na: {}{}\n---\n", "[".repeat(fits), "]".repeat(fits))).unwrap();
    }

    #[test]
    fn deep_brackets_in_long_front_matter_are_refused_before_parsing() {
        // 30,000 `[` deep took the parser 2 s before the bound (its work is tokens × depth).
        let error =
            parse(&format!("---\na: {}{}\n---\n", "[".repeat(30_000), "]".repeat(30_000))).unwrap_err();
        assert!(matches!(error, FrontMatterError::TooManyBrackets { brackets: 30_000, .. }), "{error:?}");
        // Short front matter may have many: 2,000 small lists in 12 KB.
        let lists = vec!["[a]"; 2_000].join(",");
        assert_eq!(parse(&format!("---\nx: [{lists}]\n---\n")).unwrap().warnings.len(), 1);
    }

    #[test]
    fn brackets_in_quoted_tags_are_refused_with_what_is_wrong() {
        // 100,000 tags that each open a `[` (quoted, so they open nothing) were refused with "write
        // long lists one item a line", which they were. The message now says what was counted and
        // that quoted ones count.
        let tags: Vec<String> = (0..100_000).map(|n| format!("[тег {n}")).collect();
        let fields = ArticleFields { headline: "Теги".into(), tags, ..ArticleFields::default() };
        let at = Timestamp::from_second(1_700_000_000).unwrap();
        let file = write(ArticleId::new(at), &fields, at, at, false);
        let error = parse(&file).unwrap_err();
        assert!(matches!(error, FrontMatterError::TooManyBrackets { brackets: 100_000, .. }), "{error:?}");
        let message = error.to_string();
        assert!(message.starts_with("the front matter has 100000 `[` and `{` in "), "{message}");
        assert!(message.contains("inside quoted text count too"), "{message}");
        assert!(message.contains("take brackets out of the values (tags, related links)"), "{message}");
    }

    #[test]
    fn windows_line_endings_and_bom_are_accepted() {
        let parsed = parse("\u{feff}---\r\nheadline: X\r\n---\r\nBody\r\n").unwrap();
        assert_eq!(parsed.draft.fields.headline, "X");
        assert_eq!(parsed.draft.fields.body, "Body\r\n");
    }
}

/// Other tools' front matter kept through Galley (issue 15: linking a Hugo folder dropped
/// `draft: true`, and Hugo published the post).
#[cfg(test)]
mod foreign_tests {
    use super::*;

    const HUGO: &str = "---\n# Hugo: set to false to publish\ndraft: true\ntitle: \"Hugo: a post\"\nweight: 5\naliases: ['/old/url', \"/older\"]\ndate: 2026-01-02T10:00:00+03:00\ncategories:\n- news\n-   'weird  quoting'\nparams:\n  x: |\n    two\n\n    lines\n  # nested comment\n  y: {a: 1}\ntags: [a, b]\n# the end\n---\nBody\n";

    const HUGO_FOREIGN: &str = "# Hugo: set to false to publish\ndraft: true\nweight: 5\naliases: ['/old/url', \"/older\"]\ncategories:\n- news\n-   'weird  quoting'\nparams:\n  x: |\n    two\n\n    lines\n  # nested comment\n  y: {a: 1}\n# the end\n";

    fn edited(text: &str) -> (String, ParsedFile) {
        let parsed = parse(text).unwrap();
        let mut fields = parsed.draft.fields.clone();
        fields.headline = "Edited in Galley".into();
        fields.body.push_str("More.\n");
        let id = ArticleId::new(Timestamp::UNIX_EPOCH);
        let written = write_for_folder(id, &fields, parsed.draft.created_at.unwrap_or(Timestamp::UNIX_EPOCH));
        (written, parsed)
    }

    #[test]
    fn a_hugo_posts_own_keys_survive_an_edit_byte_for_byte() {
        let parsed = parse(HUGO).unwrap();
        assert_eq!(parsed.draft.fields.foreign.text, HUGO_FOREIGN);
        let (written, _) = edited(HUGO);
        assert!(written.contains(HUGO_FOREIGN), "{written}");
        // Galley's fields keep the file's names.
        assert!(written.contains("\ntitle: Edited in Galley\n"), "{written}");
        assert!(written.contains("\ndate: 2026-01-02T07:00:00Z\n"), "{written}");
        assert!(!written.contains("headline") && !written.contains("created_at"), "{written}");
        // And it reads back the same, again and again.
        let again = parse(&written).unwrap();
        assert_eq!(again.draft.fields.foreign, parsed.draft.fields.foreign);
        assert_eq!(again.draft.fields.headline, "Edited in Galley");
        let id = again.draft.id.unwrap();
        assert_eq!(write_for_folder(id, &again.draft.fields, again.draft.created_at.unwrap()), written);
    }

    #[test]
    fn an_obsidian_notes_cssclasses_survive_an_edit() {
        let note =
            "---\ntags:\n  - idea\ncssclasses:\n  - wide-page\naliases: [Note]\n---\n# Heading\n\nText\n";
        let (written, parsed) = edited(note);
        assert_eq!(parsed.draft.fields.tags, ["idea"]);
        // The note keeps its headline in its heading and had no `created_at`: neither is a key.
        assert!(
            written.ends_with("\n- idea\ncssclasses:\n  - wide-page\naliases: [Note]\n---\n# Edited in Galley\n\nText\nMore.\n"),
            "{written}"
        );
    }

    #[test]
    fn aliases_galley_reads_that_are_not_used_stay_the_files_own() {
        let parsed = parse("---\nheadline: Galley's\ntitle: Hugo's\n---\n").unwrap();
        assert_eq!(parsed.draft.fields.headline, "Galley's");
        assert_eq!(parsed.draft.fields.foreign.text, "title: Hugo's\n");
    }

    #[test]
    fn keys_that_cannot_be_cut_by_lines_are_kept_by_value() {
        // `b` refers to an anchor in a key Galley owns: alone it would not read.
        let parsed = parse("---\ntitle: &t X\nb: *t\n---\n").unwrap();
        assert_eq!(parsed.draft.fields.foreign.text, "b: X\n");
        let (written, _) = edited("---\ntitle: &t X\nb: *t\n---\n");
        assert!(written.contains("\nb: X\n---\n"), "{written}");
    }

    #[test]
    fn a_file_galley_wrote_has_nothing_foreign_and_writes_as_before() {
        let id: ArticleId = "0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e".parse().unwrap();
        let fields = ArticleFields {
            headline: "X".into(),
            tags: vec!["a".into()],
            body: "B\n".into(),
            ..Default::default()
        };
        let text = write_for_folder(id, &fields, Timestamp::UNIX_EPOCH);
        assert_eq!(
            text,
            "---\nid: 0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e\nheadline: X\nslug: ''\nlanguage: ru\nstatus: draft\ntags:\n- a\ncreated_at: 1970-01-01T00:00:00Z\n---\nB\n"
        );
        assert!(parse(&text).unwrap().draft.fields.foreign.is_empty());
    }

    const TOML_POST: &str = "+++\n# Hugo post\ntitle = 'TOML post'\ndate = 2026-01-02T10:00:00Z\ndraft = true\nweight = 5\ntags = [\"a\", \"b\"]\naliases = [\n  \"/old\",\n]\n\n[params]\n  # nested\n  x = { y = 1 }\n\n[[resources]]\nsrc = \"a.png\"\n+++\nBody\n";

    #[test]
    fn toml_front_matter_is_read_and_written_back_as_toml() {
        let parsed = parse(TOML_POST).unwrap();
        let fields = &parsed.draft.fields;
        assert_eq!(fields.headline, "TOML post");
        assert_eq!(fields.tags, ["a", "b"]);
        assert_eq!(fields.body, "Body\n");
        assert_eq!(parsed.draft.created_at, Some("2026-01-02T10:00:00Z".parse().unwrap()));
        assert_eq!(fields.foreign.format, FrontMatterFormat::Toml);
        let kept = "draft = true\nweight = 5\naliases = [\n  \"/old\",\n]\n\n[params]\n  # nested\n  x = { y = 1 }\n\n[[resources]]\nsrc = \"a.png\"\n";
        assert_eq!(fields.foreign.text, kept);
        let (written, _) = edited(TOML_POST);
        assert!(written.starts_with("+++\nid = \""), "{written}");
        assert!(written.contains("\ntitle = \"Edited in Galley\"\n"), "{written}");
        assert!(written.contains("\ndate = 2026-01-02T10:00:00Z\n"), "{written}");
        assert!(written.ends_with(&format!("{kept}+++\nBody\nMore.\n")), "{written}");
        let again = parse(&written).unwrap();
        assert_eq!(again.draft.fields.foreign, fields.foreign);
        assert_eq!(again.draft.fields.tags, ["a", "b"]);
        assert_eq!(
            write_for_folder(again.draft.id.unwrap(), &again.draft.fields, again.draft.created_at.unwrap()),
            written
        );
    }

    #[test]
    fn keys_kept_by_value_keep_their_order_through_a_round_trip() {
        // Found by the fuzzer: an alias makes the keys be kept by value, and taking Galley's keys
        // out of the map moved the last key into their place, so the file read back differently.
        let source =
            "---\nheadlile: !!binary aGVsbG8=\nslug: &a x\ndek: *a\n? [complex, key]\n: value\n---\n";
        let first = parse(source).unwrap();
        let at: Timestamp = "2026-11-28T09:30:00Z".parse().unwrap();
        let id = ArticleId::new(at);
        let written = write(id, &first.draft.fields, at, at, true);
        let again = parse(&written).unwrap();
        assert_eq!(again.draft.fields, first.draft.fields, "{written}");
        assert!(
            first.draft.fields.foreign.text.starts_with("headlile"),
            "{:?}",
            first.draft.fields.foreign.text
        );
    }

    #[test]
    fn toml_front_matter_is_bounded_like_yaml() {
        let error =
            parse(&format!("+++\na = {}{}\n+++\n", "[".repeat(30_000), "]".repeat(30_000))).unwrap_err();
        assert!(matches!(error, FrontMatterError::TooManyBrackets { .. }), "{error:?}");
        let depth = MAX_FRONT_MATTER_DEPTH + 1;
        let error =
            parse(&format!("+++\na = {}{}\n+++\n", "[".repeat(depth), "]".repeat(depth))).unwrap_err();
        assert!(matches!(error, FrontMatterError::TooDeep | FrontMatterError::Toml(_)), "{error:?}");
        let error = parse(&format!("+++\nlead = \"{}\"\n+++\n", "слово ".repeat(800_000))).unwrap_err();
        assert!(matches!(error, FrontMatterError::TooLarge { .. }), "{error:?}");
        let error = parse("+++\ntitle = \n+++\n").unwrap_err().to_string();
        assert!(error.starts_with("the front matter is not valid TOML"), "{error}");
        let error = parse("+++\ntitle = 'x'\n").unwrap_err().to_string();
        assert!(error.contains("add a line `+++`"), "{error}");
    }

    #[test]
    fn an_id_is_added_as_one_line_and_every_other_byte_stays() {
        let id: ArticleId = "0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e".parse().unwrap();
        let added = with_id_added(HUGO, id).unwrap();
        assert_eq!(added, format!("---\nid: {id}\n{}", &HUGO[4..]));
        let toml = with_id_added(TOML_POST, id).unwrap();
        assert_eq!(toml, format!("+++\nid = \"{id}\"\n{}", &TOML_POST[4..]));
        let crlf = "\u{feff}---\r\ntitle: X\r\n---\r\nBody\r\n";
        assert_eq!(
            with_id_added(crlf, id).unwrap(),
            format!("\u{feff}---\r\nid: {id}\r\ntitle: X\r\n---\r\nBody\r\n")
        );
        // An id already: not this way.
        assert_eq!(with_id_added(&added, id), None);
    }

    /// Issue 15: a note without front matter was written whole, every Galley field added and its
    /// heading taken out of the text; it now gets front matter of its id alone, then every byte.
    #[test]
    fn a_note_without_front_matter_gets_front_matter_of_its_id_alone() {
        let id: ArticleId = "0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e".parse().unwrap();
        for (note, added) in [
            ("# Heading\n\nText\n", format!("---\nid: {id}\n---\n# Heading\n\nText\n")),
            (
                "# Heading  \r\n\r\nText  \r\n",
                format!("---\r\nid: {id}\r\n---\r\n# Heading  \r\n\r\nText  \r\n"),
            ),
            (
                "\u{feff}Just text, no line break",
                format!("\u{feff}---\nid: {id}\n---\nJust text, no line break"),
            ),
            ("", format!("---\nid: {id}\n---\n")),
        ] {
            assert_eq!(with_id_added(note, id).as_deref(), Some(added.as_str()), "{note:?}");
            let (before, after) = (parse(note).unwrap().draft, parse(&added).unwrap().draft);
            assert_eq!(after.fields, before.fields, "{note:?} reads the same with its id");
            assert_eq!(after.id, Some(id));
        }
        // The heading is the headline; the body is the text after it, as typed.
        let fields = parse("\n# Heading #\n\n\nText  \n").unwrap().draft.fields;
        assert_eq!((fields.headline.as_str(), fields.body.as_str()), ("Heading", "Text  \n"));
        assert_eq!(fields.foreign.heading, "\n# Heading #\n\n\n");
    }

    #[test]
    fn a_note_is_written_back_with_its_heading_and_no_key_it_did_not_have() {
        let id: ArticleId = "0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e".parse().unwrap();
        let note = "# Heading  \r\n\r\nText  \r\n";
        let mut fields = parse(note).unwrap().draft.fields;
        fields.slug = "heading".into();
        record_absent(&mut fields);
        let front = format!("---\nid: {id}\n---\n");
        assert_eq!(write_for_folder(id, &fields, Timestamp::UNIX_EPOCH), format!("{front}{note}"));
        // A headline changed in Galley goes into the heading, the line's ending and blank lines kept.
        fields.headline = "New headline".into();
        let written = write_for_folder(id, &fields, Timestamp::UNIX_EPOCH);
        assert_eq!(written, format!("{front}# New headline\r\n\r\nText  \r\n"));
        let again = parse(&written).unwrap().draft.fields;
        assert_eq!((again.headline.as_str(), again.body.as_str()), ("New headline", "Text  \r\n"));
        settle_absent(&mut fields);
        assert_eq!(as_file_gives(&fields, again), fields, "it reads back as stored after the change");
        // A body that begins with a blank line would lose it to the heading: the headline is a key.
        fields.body = "\nText\n".into();
        let written = write_for_folder(id, &fields, Timestamp::UNIX_EPOCH);
        assert_eq!(written, format!("---\nid: {id}\nheadline: New headline\n---\n\nText\n"));
        assert_eq!(parse(&written).unwrap().draft.fields.body, "\nText\n");
    }

    /// Issue 15: Galley added `slug` (Hugo then publishes at another address), `language`,
    /// `status` and `created_at` to a file that had none of them the first time it wrote it.
    #[test]
    fn keys_a_file_did_not_have_are_written_once_the_field_is_changed() {
        let id: ArticleId = "0192f0c4-5b7e-7c3a-9d2e-1f0a2b3c4d5e".parse().unwrap();
        let post = "---\ntitle: Post\ndraft: true\n---\nBody\n";
        let mut fields = parse(post).unwrap().draft.fields;
        // What the store makes up for the keys the file lacks.
        fields.slug = "post".into();
        fields.language = "en".into();
        record_absent(&mut fields);
        let written = write(id, &fields, Timestamp::UNIX_EPOCH, Timestamp::UNIX_EPOCH, false);
        let front = format!("---\nid: {id}\ntitle: Post\n");
        assert_eq!(written, format!("{front}updated_at: 1970-01-01T00:00:00Z\ndraft: true\n---\nBody\n"));
        assert_eq!(
            write_for_folder(id, &fields, Timestamp::UNIX_EPOCH),
            format!("{front}draft: true\n---\nBody\n")
        );
        // Read again, the file gives the article's values for what it does not say.
        let stored = fields.clone();
        let again = as_file_gives(
            &stored,
            parse(&write_for_folder(id, &fields, Timestamp::UNIX_EPOCH)).unwrap().draft.fields,
        );
        assert_eq!(again, stored);
        // The status changed in Galley is written; it stays written when changed back.
        fields.status = Status::Ready;
        assert!(write_for_folder(id, &fields, Timestamp::UNIX_EPOCH).contains("\nstatus: ready\n"));
        settle_absent(&mut fields);
        fields.status = Status::Draft;
        let written = write_for_folder(id, &fields, Timestamp::UNIX_EPOCH);
        assert!(written.contains("\nstatus: draft\n") && !written.contains("slug"), "{written}");
        // So does a slug set in Galley.
        fields.slug = "custom".into();
        assert!(write_for_folder(id, &fields, Timestamp::UNIX_EPOCH).contains("\nslug: custom\n"));
    }
}
