//! What changed between two versions of an article, word by word, for a desk editor to read.
//!
//! Each text field is compared by words (Unicode word boundaries, so punctuation and spaces are
//! their own pieces: «сказал,» → «сказал:» marks only the comma). Fields that are lists or
//! choices (tags, byline, status, related links…) are compared as the text a person reads for
//! them. Only fields that changed are listed, in the editor's order.

use std::time::Duration;

use galley_model::{ArticleFields, Related};
use serde::Serialize;
use similar::{Algorithm, ChangeTag, TextDiff};

/// Longest a field's diff may take before the differ settles for a coarser answer (still correct,
/// just less minimal): a 10 MB body must not freeze the window.
const DIFF_TIMEOUT: Duration = Duration::from_millis(500);

/// A field as the diff names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DiffField {
    Headline,
    Dek,
    Lead,
    Body,
    Byline,
    Dateline,
    Section,
    Status,
    Language,
    Tags,
    Related,
    EmbargoUntil,
    TargetChars,
    Note,
    Slug,
}

/// Whether a piece of text is in both versions, only the new one, or only the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SpanKind {
    Same,
    Added,
    Removed,
}

/// A run of text of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiffSpan {
    pub kind: SpanKind,
    pub text: String,
}

/// How one field changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldDiff {
    pub field: DiffField,
    /// The field's text from start to end, in runs; consecutive runs differ in kind.
    pub spans: Vec<DiffSpan>,
    /// Words (letters or digits) added and removed, for a one-line summary.
    pub words_added: u32,
    pub words_removed: u32,
}

/// The fields that differ between `old` and `new`, in the editor's order.
pub fn diff_fields(old: &ArticleFields, new: &ArticleFields) -> Vec<FieldDiff> {
    let old = readable_fields(old);
    let new = readable_fields(new);
    old.iter()
        .zip(&new)
        .filter(|((_, old), (_, new))| old != new)
        .map(|((field, old), (_, new))| diff_text(*field, old, new))
        .collect()
}

/// Each field as the text a person reads for it.
fn readable_fields(fields: &ArticleFields) -> [(DiffField, String); 15] {
    let related = |links: &[Related]| {
        links.iter().map(|link| format!("{} — {}", link.title, link.url)).collect::<Vec<_>>().join("\n")
    };
    [
        (DiffField::Headline, fields.headline.clone()),
        (DiffField::Dek, fields.dek.clone()),
        (DiffField::Lead, fields.lead.clone()),
        (DiffField::Body, fields.body.clone()),
        (DiffField::Byline, fields.byline.join(", ")),
        (DiffField::Dateline, fields.dateline.clone()),
        (DiffField::Section, fields.section.clone()),
        (DiffField::Status, fields.status.as_str().to_owned()),
        (DiffField::Language, fields.language.clone()),
        (DiffField::Tags, fields.tags.join(", ")),
        (DiffField::Related, related(&fields.related)),
        (DiffField::EmbargoUntil, fields.embargo_until.map(|t| t.to_string()).unwrap_or_default()),
        (DiffField::TargetChars, fields.target_chars.map(|n| n.to_string()).unwrap_or_default()),
        (DiffField::Note, fields.note.clone()),
        (DiffField::Slug, fields.slug.clone()),
    ]
}

fn diff_text(field: DiffField, old: &str, new: &str) -> FieldDiff {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .timeout(DIFF_TIMEOUT)
        .diff_unicode_words(old, new);
    let mut spans: Vec<DiffSpan> = Vec::new();
    let (mut words_added, mut words_removed) = (0, 0);
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => SpanKind::Same,
            ChangeTag::Insert => SpanKind::Added,
            ChangeTag::Delete => SpanKind::Removed,
        };
        let text = change.value();
        if text.chars().any(char::is_alphanumeric) {
            match kind {
                SpanKind::Added => words_added += 1,
                SpanKind::Removed => words_removed += 1,
                SpanKind::Same => {}
            }
        }
        match spans.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(text),
            _ => spans.push(DiffSpan { kind, text: text.to_owned() }),
        }
    }
    FieldDiff { field, spans: regroup(spans), words_added, words_removed }
}

/// Reads better as "removed old words, added new words" than as alternating single words: a
/// space that is the same on both sides between two replaced words is folded into the change.
fn regroup(spans: Vec<DiffSpan>) -> Vec<DiffSpan> {
    let mut out: Vec<DiffSpan> = Vec::with_capacity(spans.len());
    let mut pending_removed = String::new();
    let mut pending_added = String::new();
    let flush = |out: &mut Vec<DiffSpan>, removed: &mut String, added: &mut String| {
        if !removed.is_empty() {
            out.push(DiffSpan { kind: SpanKind::Removed, text: std::mem::take(removed) });
        }
        if !added.is_empty() {
            out.push(DiffSpan { kind: SpanKind::Added, text: std::mem::take(added) });
        }
    };
    let mut spans = spans.into_iter().peekable();
    while let Some(span) = spans.next() {
        match span.kind {
            SpanKind::Removed => pending_removed.push_str(&span.text),
            SpanKind::Added => pending_added.push_str(&span.text),
            SpanKind::Same => {
                let inside_a_change = !(pending_removed.is_empty() && pending_added.is_empty())
                    && span.text.chars().all(char::is_whitespace)
                    && spans.peek().is_some_and(|next| next.kind != SpanKind::Same);
                if inside_a_change {
                    pending_removed.push_str(&span.text);
                    pending_added.push_str(&span.text);
                } else {
                    flush(&mut out, &mut pending_removed, &mut pending_added);
                    out.push(span);
                }
            }
        }
    }
    flush(&mut out, &mut pending_removed, &mut pending_added);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(diff: &FieldDiff) -> Vec<(SpanKind, &str)> {
        diff.spans.iter().map(|s| (s.kind, s.text.as_str())).collect()
    }

    fn with_body(body: &str) -> ArticleFields {
        ArticleFields { headline: "Заголовок".into(), body: body.into(), ..ArticleFields::default() }
    }

    #[test]
    fn only_changed_fields_are_listed() {
        let old = with_body("Мэр сказал, что мост построят.");
        let mut new = with_body("Мэр сказал: мост построят к осени.");
        new.tags = vec!["Хабаровск".into()];
        let diff = diff_fields(&old, &new);
        let fields: Vec<DiffField> = diff.iter().map(|d| d.field).collect();
        assert_eq!(fields, [DiffField::Body, DiffField::Tags]);
    }

    #[test]
    fn words_and_punctuation_are_compared_as_pieces() {
        let diff = diff_fields(
            &with_body("Мэр сказал, что мост построят."),
            &with_body("Мэр сказал: мост построят к осени."),
        );
        assert_eq!(
            spans(&diff[0]),
            [
                (SpanKind::Same, "Мэр сказал"),
                (SpanKind::Removed, ", что"),
                (SpanKind::Added, ":"),
                (SpanKind::Same, " мост построят"),
                (SpanKind::Added, " к осени"),
                (SpanKind::Same, "."),
            ]
        );
        assert_eq!((diff[0].words_added, diff[0].words_removed), (2, 1));
    }

    #[test]
    fn replaced_runs_read_as_removed_then_added() {
        let diff = diff_fields(&with_body("один два три четыре"), &with_body("один пять шесть четыре"));
        assert_eq!(
            spans(&diff[0]),
            [
                (SpanKind::Same, "один "),
                (SpanKind::Removed, "два три"),
                (SpanKind::Added, "пять шесть"),
                (SpanKind::Same, " четыре"),
            ]
        );
    }

    #[test]
    fn the_spans_rebuild_both_versions() {
        let old = "Первая группа — проекты.\n\n«Это надолго», — сказал он. 👩‍💻";
        let new = "Первая группа — крупные проекты.\n\n«Это навсегда», — сказал он.";
        let diff = &diff_fields(&with_body(old), &with_body(new))[0];
        let side = |skip: SpanKind| {
            diff.spans.iter().filter(|s| s.kind != skip).map(|s| s.text.as_str()).collect::<String>()
        };
        assert_eq!(side(SpanKind::Added), old);
        assert_eq!(side(SpanKind::Removed), new);
    }

    #[test]
    fn identical_fields_give_no_diff() {
        assert!(diff_fields(&with_body("Текст"), &with_body("Текст")).is_empty());
    }
}
