//! TOML front matter (`+++` lines, Hugo's other format), read and written with `toml_edit`.
//!
//! `toml_edit` keeps every byte of what it reads (comments, spacing, quoting), so the keys Galley
//! does not own are what is left of the file's own document once Galley's keys are taken out; its
//! parser bounds nesting itself (a recursion limit), and the values are turned into YAML values
//! for the one reader of fields, within [`MAX_FRONT_MATTER_DEPTH`].

use serde_yaml_ng::{Mapping, Number, Value};
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table};

use super::{FrontMatterError, MAX_FRONT_MATTER_DEPTH};

/// Galley's fields that hold a time: written as TOML date-times, as Hugo writes `date`.
const TIME_FIELDS: [&str; 4] = ["created_at", "updated_at", "published_at", "embargo_until"];

/// Reads TOML front matter into the values Galley's reader takes, and the document as written.
pub(crate) fn read(text: &str) -> Result<(Mapping, DocumentMut), FrontMatterError> {
    let document: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| FrontMatterError::Toml(e.to_string().trim_end().to_owned()))?;
    let map = table(document.as_table(), 0)?;
    Ok((map, document))
}

fn table(table: &Table, depth: usize) -> Result<Mapping, FrontMatterError> {
    let depth = nested(depth)?;
    let mut map = Mapping::new();
    for (key, item) in table {
        map.insert(Value::String(key.to_owned()), from_item(item, depth)?);
    }
    Ok(map)
}

fn nested(depth: usize) -> Result<usize, FrontMatterError> {
    if depth >= MAX_FRONT_MATTER_DEPTH {
        return Err(FrontMatterError::TooDeep);
    }
    Ok(depth + 1)
}

fn from_item(item: &Item, depth: usize) -> Result<Value, FrontMatterError> {
    Ok(match item {
        Item::None => Value::Null,
        Item::Value(value) => from_value(value, depth)?,
        Item::Table(t) => Value::Mapping(table(t, depth)?),
        Item::ArrayOfTables(tables) => {
            let depth = nested(depth)?;
            Value::Sequence(
                tables.iter().map(|t| table(t, depth).map(Value::Mapping)).collect::<Result<_, _>>()?,
            )
        }
    })
}

fn from_value(value: &toml_edit::Value, depth: usize) -> Result<Value, FrontMatterError> {
    use toml_edit::Value as T;
    Ok(match value {
        T::String(s) => Value::String(s.value().clone()),
        T::Integer(i) => Value::Number(Number::from(*i.value())),
        T::Float(f) => Value::Number(Number::from(*f.value())),
        T::Boolean(b) => Value::Bool(*b.value()),
        T::Datetime(d) => Value::String(d.value().to_string()),
        T::Array(items) => {
            let depth = nested(depth)?;
            Value::Sequence(items.iter().map(|v| from_value(v, depth)).collect::<Result<_, _>>()?)
        }
        T::InlineTable(t) => {
            let depth = nested(depth)?;
            let mut map = Mapping::new();
            for (key, v) in t.iter() {
                map.insert(Value::String(key.to_owned()), from_value(v, depth)?);
            }
            Value::Mapping(map)
        }
    })
}

/// What is left of the file's document without the keys Galley owns: the keys in `foreign`, as
/// the file wrote them.
pub(crate) fn foreign_text(mut document: DocumentMut, foreign: &Mapping) -> String {
    let owned: Vec<String> = document
        .as_table()
        .iter()
        .map(|(key, _)| key.to_owned())
        .filter(|key| !foreign.contains_key(key.as_str()))
        .collect();
    for key in owned {
        document.remove(&key);
    }
    let mut text = document.to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// Galley's keys as TOML lines, `key = value`, in order. `fields` pairs each key as written with
/// Galley's name for it; every value is a top-level key (lists and links inline), so the file's
/// own keys and tables can follow.
pub(crate) fn write(fields: &[(&str, &str, &Value)]) -> String {
    let mut document = DocumentMut::new();
    for &(field, key, value) in fields {
        let value = if TIME_FIELDS.contains(&field)
            && let Value::String(text) = value
            && let Ok(time) = text.parse::<toml_edit::Datetime>()
        {
            toml_edit::Value::from(time)
        } else {
            to_value(value)
        };
        document.insert(key, Item::Value(value));
    }
    document.to_string()
}

fn to_value(value: &Value) -> toml_edit::Value {
    match value {
        Value::Bool(b) => (*b).into(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.into(),
            (None, Some(f)) => f.into(),
            (None, None) => n.to_string().into(),
        },
        Value::String(s) => s.as_str().into(),
        Value::Sequence(items) => toml_edit::Value::Array(items.iter().map(to_value).collect::<Array>()),
        Value::Mapping(map) => {
            let mut table = InlineTable::new();
            for (k, v) in map {
                if let Value::String(k) = k {
                    table.insert(k, to_value(v));
                }
            }
            toml_edit::Value::InlineTable(table)
        }
        Value::Tagged(tagged) => to_value(&tagged.value),
        // Galley's own fields are never empty values: an empty one is left out before this.
        Value::Null => "".into(),
    }
}
