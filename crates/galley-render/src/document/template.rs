//! Running a template: its fuel, the cap on what it writes, and the marker it prints for the body.
//!
//! A user's template gets the body as it is (what it reads is charged to its fuel as before), but
//! where it prints it (`{{ body | safe }}`), the formatter prints [`BodyMarker`]'s text instead, and
//! the output counts it as the body. The page is then sanitized around the marker and the body put
//! in its place, unread. Whether that is the page the template meant is told by the marker alone:
//! each one printed must reach the page as a write of its own, and nothing else there may be one.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use minijinja::{AutoEscape, Environment, UndefinedBehavior};

use super::{DocumentValues, RECURSION_LIMIT, TemplateError};
use crate::stand_in::random;

/// A template with what it renders, within its fuel and output cap.
pub(super) struct Page<'p> {
    pub(super) name: &'p str,
    pub(super) source: &'p str,
    pub(super) values: &'p DocumentValues<'p>,
    /// The body (or its marker) as the template sees it.
    pub(super) body: minijinja::Value,
    pub(super) fuel: u64,
    pub(super) cap: usize,
}

impl Page<'_> {
    /// The page, each body the template prints printed as `marker`, if given.
    pub(super) fn render(&self, marker: Option<&Arc<BodyMarker>>) -> Result<String, TemplateError> {
        let name = self.name;
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_recursion_limit(RECURSION_LIMIT);
        env.set_fuel(Some(self.fuel));
        if let Some(marker) = marker {
            let marker = marker.clone();
            env.set_formatter(move |out, state, value| {
                marker.print(out, value).unwrap_or_else(|| minijinja::escape_formatter(out, state, value))
            });
        }
        env.add_template(name, self.source).map_err(|e| TemplateError::new(name, &e))?;
        let mut out = Capped::new(self.cap, marker.map(|marker| &**marker));
        let values = minijinja::context! {
            body => self.body.clone(),
            ..minijinja::Value::from(minijinja::value::Serde(self.values))
        };
        let rendered = env.get_template(name).and_then(|t| t.render_captured_to(values, &mut out));
        match rendered {
            Ok(_) => {}
            Err(_) if out.over => return Err(TemplateError::too_long(name, self.cap)),
            Err(e) => return Err(TemplateError::new(name, &e)),
        }
        Ok(String::from_utf8(out.out).expect("minijinja writes UTF-8"))
    }
}

/// Output that stops at a cap (the template's render fails there) instead of growing. A body
/// printed as its marker counts as the body it stands for.
struct Capped<'m> {
    out: Vec<u8>,
    cap: usize,
    over: bool,
    marker: Option<&'m BodyMarker>,
    /// How long the page is, each marker counted as the body.
    len: usize,
}

impl Capped<'_> {
    fn new(cap: usize, marker: Option<&BodyMarker>) -> Capped<'_> {
        Capped { out: Vec::new(), cap, over: false, marker, len: 0 }
    }
}

impl std::io::Write for Capped<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let marker = self.marker.filter(|marker| marker.is_being_printed(bytes));
        let len = marker.map_or(bytes.len(), |marker| marker.body.len());
        if self.len + len > self.cap {
            self.over = true;
            return Err(std::io::Error::other("the template's output is over its cap"));
        }
        if let Some(marker) = marker {
            marker.reached.fetch_add(1, Ordering::Relaxed);
        }
        self.len += len;
        self.out.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a user's template prints where it prints the body (`{{ body | safe }}`): the page is
/// sanitized around it, and the body, sanitized already, put in its place unread.
pub(super) struct BodyMarker {
    pub(super) text: String,
    body: Arc<str>,
    /// How many times the template printed the body.
    printed: AtomicUsize,
    /// How many of those went straight into the page (not into a value the template captured).
    reached: AtomicUsize,
    /// Set while the body is being printed, until the page takes it.
    printing: AtomicBool,
}

impl BodyMarker {
    pub(super) fn new(body: Arc<str>) -> Arc<BodyMarker> {
        Arc::new(BodyMarker {
            text: marker_text(),
            body,
            printed: AtomicUsize::new(0),
            reached: AtomicUsize::new(0),
            printing: AtomicBool::new(false),
        })
    }

    /// Prints the marker if `value` is the body as the template prints HTML (marked safe).
    fn print(
        &self,
        out: &mut minijinja::Output,
        value: &minijinja::Value,
    ) -> Option<Result<(), minijinja::Error>> {
        if self.body.is_empty() || !value.is_safe() || value.as_str() != Some(&*self.body) {
            return None;
        }
        self.printed.fetch_add(1, Ordering::Relaxed);
        self.printing.store(true, Ordering::Relaxed);
        let written = out.write_str(&self.text).map_err(minijinja::Error::from);
        // Cleared here when the page did not take it: a `{% set %}` or a macro captured it.
        self.printing.store(false, Ordering::Relaxed);
        Some(written)
    }

    /// Whether `bytes`, written to the page, are the marker [`print`](Self::print) is printing.
    fn is_being_printed(&self, bytes: &[u8]) -> bool {
        bytes == self.text.as_bytes() && self.printing.swap(false, Ordering::Relaxed)
    }

    /// Whether every body the template printed went straight into the page as a marker, and
    /// nothing else there is one: a body captured (`{% set %}`, a macro, `{% filter %}`) may
    /// have been changed or measured, and only the template run with the body itself tells what
    /// it made of it.
    pub(super) fn printed_whole(&self, page: &str) -> bool {
        let reached = self.reached.load(Ordering::Relaxed);
        self.printed.load(Ordering::Relaxed) == reached && page.matches(self.text.as_str()).count() == reached
    }
}

/// `page` with each `marker` replaced by `body`, the room reserved once.
pub(super) fn put_in(page: &str, marker: &str, body: &str) -> String {
    let markers = page.matches(marker).count();
    let mut out = String::with_capacity(page.len() + markers * body.len().saturating_sub(marker.len()));
    let mut rest = page;
    while let Some(at) = rest.find(marker) {
        out.push_str(&rest[..at]);
        out.push_str(body);
        rest = &rest[at + marker.len()..];
    }
    out.push_str(rest);
    out
}

/// [`put_in`], taking the body's HTML rather than copying it: a page that prints it once is built
/// around it, so the body is never held twice (50 MB of `<` shown as text is 210 MB of HTML).
pub(super) fn put_in_taking(page: &str, marker: &str, mut body: String) -> String {
    match page.split_once(marker) {
        Some((before, after)) if !after.contains(marker) => {
            body.reserve_exact(before.len() + after.len());
            body.insert_str(0, before);
            body.push_str(after);
            body
        }
        _ => put_in(page, marker, &body),
    }
}

/// Text that stands for the body in a template's output: a number drawn at random, so nothing the
/// template or the article writes can pass for it.
pub(super) fn marker_text() -> String {
    format!("galley-body-{:016x}", random())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BUILTIN_TEMPLATE;
    use crate::render_body;
    use crate::sanitize::sanitize_document_around;

    /// A template that prints the body in the page's flow (as the built-in one does) has it put
    /// in after the page is sanitized, not read a second time.
    #[test]
    fn a_body_in_the_pages_flow_is_not_read_again() {
        let article = super::super::tests::article();
        let mut warnings = Vec::new();
        let body: Arc<str> = render_body(&article.fields.body, "ru").html.into();
        let values = DocumentValues::new(&article, &body, &mut warnings);
        let page = Page {
            name: "t.html",
            source: BUILTIN_TEMPLATE,
            values: &values,
            body: body.clone().into(),
            fuel: 1 << 40,
            cap: 1 << 30,
        };
        let marker = BodyMarker::new(body.clone());
        let marked = page.render(Some(&marker)).unwrap();
        assert_eq!(marked.matches(&marker.text).count(), 1);
        assert!(marker.printed_whole(&marked));
        assert!(!marked.contains(&*body));
        let cleaned = sanitize_document_around(&marked, &marker.text, &mut warnings).unwrap();
        // `<P>` is what no parser writes: the body passes through as it comes.
        let page = put_in(&cleaned, &marker.text, "<P>x</P>");
        assert!(page.contains("<div class=\"body\">\n<P>x</P>\n</div>"), "{page}");
    }

    #[test]
    fn a_body_taken_is_put_in_as_a_body_lent() {
        for page in ["<p>a</p>MARK<p>b</p>", "MARK", "no marker", "MARK twice MARK", ""] {
            assert_eq!(
                put_in_taking(page, "MARK", "<b>body</b>".into()),
                put_in(page, "MARK", "<b>body</b>"),
                "{page}"
            );
        }
    }
}
