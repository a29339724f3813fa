//! Newsroom typography by language. (Interface stub: to be implemented.)

use std::ops::Range;

/// Typesets the text runs of a document in order, carrying quote nesting and the previous
/// character across runs, so `«**жирная** цитата»` pairs its quotes across the bold text.
#[derive(Debug, Clone)]
pub struct Typographer {
    language: String,
}

impl Typographer {
    /// A typographer for a language code (`ru`, `en`, …); other languages get only the rules that
    /// hold everywhere (ellipsis), never quotes of the wrong language.
    pub fn new(language: &str) -> Typographer {
        Typographer { language: language.to_owned() }
    }

    /// Typesets a run of text that continues what came before in the same block.
    pub fn text(&mut self, text: &str) -> String {
        let _ = &self.language;
        text.to_owned()
    }

    /// Notes text that stays as it is but sits between runs (inline code, a link's image), so
    /// quotes and spaces around it are judged right.
    pub fn skip(&mut self, verbatim: &str) {
        let _ = verbatim;
    }

    /// Ends a block (paragraph, heading, list item, table cell): nothing pairs across blocks.
    pub fn end_block(&mut self) {}
}

/// What a rule would change in plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Byte range in the original text.
    pub range: Range<usize>,
    pub replacement: String,
    /// A short name of the rule, for the checklist (`quotes`, `dash`, `nbsp`, …).
    pub rule: &'static str,
}

/// Typesets plain text (paragraphs separated by blank lines).
pub fn typeset(text: &str, language: &str) -> String {
    let _ = language;
    text.to_owned()
}

/// What [`typeset`] would change, in order.
pub fn changes(text: &str, language: &str) -> Vec<Change> {
    let _ = (text, language);
    Vec::new()
}
