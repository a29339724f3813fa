//! Printing results: aligned text for people, JSON for scripts.

//!
//! Headlines, file names, tags and bodies come from files other people wrote, so every line is
//! made [`printable`] first: a control character in them (an escape sequence that recolours the
//! terminal, moves the cursor, retitles the window or answers back) is shown, never acted on.

/// Prints a line to standard output, made [`printable`]. A reader that went away
/// (`galley-cli list | head`) ends the program quietly, as it does for other command-line tools.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::output::write_line(&$crate::output::printable(&format!($($arg)*)))
    };
}

/// Prints a line to standard error, made [`printable`].
macro_rules! tell {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::output::printable(&format!($($arg)*)))
    };
}

use std::fmt::Write as _;

use galley_core::model::{Article, ArticleStats, ArticleSummary, Counts, RevisionSummary, Timestamp};
use galley_core::{
    BackupFile, BackupKind, ExportReport, ImportOutcome, PageCheck, RecoveryOffer, Restored, SearchHit,
    TagCount,
};
use galley_render::check::Problem;
use serde::Serialize;
use serde_json::json;

pub struct Printer {
    json: bool,
    /// Standard output is a terminal: highlight with bold rather than marks.
    terminal: bool,
}

impl Printer {
    pub fn new(json: bool, terminal: bool) -> Printer {
        Printer { json, terminal }
    }

    pub fn backup(&self, backup: &BackupFile) {
        if self.json {
            self.json(backup);
        } else {
            say!("{}", backup.path.display());
        }
    }

    pub fn backups(&self, backups: &[BackupFile]) {
        if self.json {
            return self.json(backups);
        }
        for backup in backups {
            let kind = match backup.kind {
                BackupKind::Manual => "manual",
                BackupKind::Scheduled => "scheduled",
                BackupKind::BeforeRestore => "before restore",
                BackupKind::BeforeUpgrade => "before upgrade",
                BackupKind::Damaged => "damaged store",
            };
            say!(
                "{}  {kind:<15} {:>8.1} MB  {}",
                backup.created_at.strftime("%Y-%m-%d %H:%M"),
                backup.bytes as f64 / 1e6,
                backup.path.display()
            );
        }
    }

    pub fn restored_backup(&self, file: &std::path::Path, restored: &Restored) {
        if self.json {
            return self.json(restored);
        }
        say!("restored {} ({} articles)", file.display(), restored.articles);
        say!("the store as it was before is kept in {}", restored.safety_backup.path.display());
        if let Some(recovered) = &restored.recovered {
            say!(
                "{} articles the backup lacked were saved as .md files in {}",
                recovered.saved,
                recovered.folder.display()
            );
            for headline in &recovered.unreadable {
                say!("could not be read from the damaged store: {headline}");
            }
        }
    }

    pub fn verified(&self, check: &PageCheck, offer: Option<&RecoveryOffer>) {
        if self.json {
            let (status, problems) = match check {
                PageCheck::Sound => ("sound", &[][..]),
                PageCheck::Damaged(problems) => ("damaged", &problems[..]),
                PageCheck::Stopped => ("stopped", &[][..]),
            };
            return self.json(&serde_json::json!({ "status": status, "problems": problems, "offer": offer }));
        }
        match check {
            PageCheck::Sound => say!("the store is sound"),
            PageCheck::Stopped => say!("the check was stopped before the end"),
            PageCheck::Damaged(problems) => {
                say!("the store is damaged; Galley no longer writes to it. SQLite found:");
                for problem in problems.iter().take(20) {
                    say!("  {problem}");
                }
                match offer {
                    None => say!("no backup passes the check; `galley-cli backups` lists them"),
                    Some(offer) => {
                        say!(
                            "newest good backup: {} ({}, {} articles)",
                            offer.backup.path.display(),
                            offer.backup.created_at.strftime("%Y-%m-%d %H:%M"),
                            offer.articles
                        );
                        match &offer.lost {
                            None => {
                                say!("what restoring it would lose cannot be read from the damaged store")
                            }
                            Some(lost) if lost.is_empty() => say!("restoring it would lose nothing"),
                            Some(lost) => {
                                say!(
                                    "restoring it would lose changes to {} articles (saved as .md files when restored):",
                                    lost.len()
                                );
                                for article in lost {
                                    say!(
                                        "  {}  {}",
                                        article.updated_at.strftime("%Y-%m-%d %H:%M"),
                                        article.headline
                                    );
                                }
                            }
                        }
                        say!("to restore it: galley-cli restore-backup {}", offer.backup.path.display());
                    }
                }
            }
        }
    }

    fn json<T: Serialize + ?Sized>(&self, value: &T) {
        let json = serde_json::to_string_pretty(value).expect("plain data always serialises");
        // serde_json escapes C0 but writes DEL and C1 as they are; only strings can hold them,
        // where `\u00XX` means the same character and no terminal acts on it.
        let mut escaped = String::with_capacity(json.len());
        for c in json.chars() {
            match c {
                '\u{7f}'..='\u{9f}' => {
                    let _ = write!(escaped, "\\u{:04x}", u32::from(c));
                }
                c => escaped.push(c),
            }
        }
        write_line(&escaped);
    }

    pub fn created(&self, article: &Article) {
        if self.json {
            self.json(article);
        } else {
            say!("{}", article.id);
        }
    }

    pub fn imported(&self, outcomes: &[ImportOutcome]) {
        if self.json {
            let rows: Vec<_> = outcomes
                .iter()
                .map(|o| match &o.result {
                    Ok(file) => json!({"path": o.path, "ok": true, "id": file.id, "slug": file.slug,
                        "headline": file.headline, "created": file.created, "warnings": file.warnings}),
                    Err(err) => json!({"path": o.path, "ok": false, "error": err.to_string()}),
                })
                .collect();
            self.json(&rows);
            return;
        }
        for outcome in outcomes {
            match &outcome.result {
                Ok(file) => {
                    say!("{}\t{}", file.id, outcome.path.display());
                    for warning in &file.warnings {
                        tell!("{}: warning: {warning}", outcome.path.display());
                    }
                }
                Err(err) => {
                    say!("error\t{}: {}", outcome.path.display(), strip_path(&err.to_string(), outcome))
                }
            }
        }
        let ok = outcomes.iter().filter(|o| o.result.is_ok()).count();
        tell!("imported {ok} of {} files", outcomes.len());
    }

    pub fn list(&self, articles: &[ArticleSummary]) {
        if self.json {
            return self.json(articles);
        }
        if articles.is_empty() {
            tell!("no articles");
        }
        for a in articles {
            say!(
                "{}  {:<9}  {}  {}",
                a.id,
                a.status.as_str(),
                local_time(a.updated_at),
                one_line(&a.headline, 90)
            );
        }
    }

    pub fn article(&self, a: &Article) {
        if self.json {
            return self.json(a);
        }
        let f = &a.fields;
        let mut out = String::new();
        let _ = writeln!(out, "{}", f.headline);
        for (label, value) in [
            ("dek", f.dek.clone()),
            ("lead", f.lead.clone()),
            ("byline", f.byline.join(", ")),
            ("dateline", f.dateline.clone()),
            ("section", f.section.clone()),
            ("tags", f.tags.join(", ")),
            ("note", f.note.clone()),
        ] {
            if !value.is_empty() {
                let _ = writeln!(out, "{label:>9}: {value}");
            }
        }
        let _ = writeln!(out, "{:>9}: {}", "id", a.id);
        let _ = writeln!(out, "{:>9}: {}", "slug", f.slug);
        let _ = writeln!(out, "{:>9}: {} · {}", "status", f.status, f.language);
        let _ = writeln!(out, "{:>9}: {} (revision {})", "updated", local_time(a.updated_at), a.revision);
        for link in &f.related {
            let _ = writeln!(out, "{:>9}: {} <{}>", "related", link.title, link.url);
        }
        let _ = writeln!(out, "\n{}", f.body.trim_end());
        say!("{}", out.trim_end());
    }

    pub fn saved(&self, a: &Article) {
        if self.json {
            return self.json(a);
        }
        say!("{}  saved as revision {}", a.id, a.revision);
    }

    pub fn tagged(&self, a: &Article) {
        if self.json {
            return self.json(a);
        }
        say!("{}  tags: {}", a.id, a.fields.tags.join(", "));
    }

    pub fn tags(&self, tags: &[TagCount]) {
        if self.json {
            return self.json(tags);
        }
        if tags.is_empty() {
            tell!("no tags");
        }
        for tag in tags {
            let depth = tag.name.matches('/').count();
            let leaf = tag.name.rsplit('/').next().unwrap_or(&tag.name);
            say!("{}{leaf}  {}", "  ".repeat(depth), tag.total);
        }
    }

    pub fn search(&self, hits: &[SearchHit]) {
        if self.json {
            return self.json(hits);
        }
        if hits.is_empty() {
            tell!("no articles match");
        }
        for hit in hits {
            let a = &hit.article;
            say!("{}", one_line(&a.headline, 100));
            say!("  {}  {}  {}", a.id, a.status, local_time(a.updated_at));
            if let Some(snippet) = &hit.snippet {
                let mut text = String::new();
                let mut at = 0;
                let (open, close) = if self.terminal { ("\x1b[1m", "\x1b[0m") } else { ("[", "]") };
                // The snippet is made printable piece by piece, so only Galley's own bold acts.
                text.push_str("  ");
                for range in &snippet.highlights {
                    text.push_str(&printable(&snippet.text[at..range.start]));
                    text.push_str(open);
                    text.push_str(&printable(&snippet.text[range.clone()]));
                    text.push_str(close);
                    at = range.end;
                }
                text.push_str(&printable(&snippet.text[at..]));
                write_line(&text);
            }
        }
    }

    pub fn revisions(&self, revisions: &[RevisionSummary]) {
        if self.json {
            return self.json(revisions);
        }
        for r in revisions {
            let label = r.label.as_deref().map(|l| format!("  «{l}»")).unwrap_or_default();
            say!(
                "{:>4}  {}  {:<13}  {:>7} chars{label}",
                r.number,
                local_time(r.created_at),
                r.reason,
                r.body_chars
            );
        }
    }

    pub fn restored(&self, from: u32, a: &Article) {
        if self.json {
            return self.json(a);
        }
        say!("{}  revision {from} restored as revision {}", a.id, a.revision);
    }

    pub fn stats(&self, stats: &ArticleStats) {
        if self.json {
            return self.json(stats);
        }
        say!("{:<10} {:>7} {:>12} {:>14} {:>9}", "", "words", "chars+spaces", "chars-spaces", "reading");
        let row = |name: &str, c: &Counts| {
            say!(
                "{name:<10} {:>7} {:>12} {:>14} {:>9}",
                c.words,
                c.chars_with_spaces,
                c.chars_without_spaces,
                reading(c.reading_seconds)
            );
        };
        row("headline", &stats.headline);
        row("dek", &stats.dek);
        row("lead", &stats.lead);
        row("body", &stats.body);
        row("total", &stats.total);
        if let Some(target) = stats.target_chars {
            say!("target: {target} chars with spaces ({} written)", stats.total.chars_with_spaces);
        }
    }
}

impl Printer {
    pub fn exported(&self, report: &ExportReport) {
        if self.json {
            return self.json(report);
        }
        for file in &report.files {
            match (&file.path, &file.error) {
                (Some(path), _) => say!("{}\t{}", file.id, path.display()),
                (None, Some(error)) => say!("error\t{}: {error}", file.id),
                (None, None) => {}
            }
            for warning in &file.warnings {
                tell!("{}: warning: {warning}", file.slug);
            }
        }
        let ok = report.files.len() - report.failed();
        tell!("exported {ok} of {} articles as {}", report.files.len(), report.format.name());
    }

    pub fn check(&self, problems: &[Problem]) {
        if self.json {
            return self.json(problems);
        }
        if problems.is_empty() {
            tell!("no problems found");
        }
        for p in problems {
            let place = serde_json::to_value(p.place)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            say!("{place}:{}:{}: {}: {}", p.line, p.column, p.code, p.message);
        }
    }
}

fn reading(seconds: u64) -> String {
    if seconds < 60 { format!("{seconds} s") } else { format!("{} min", seconds.div_ceil(60)) }
}

fn local_time(ts: Timestamp) -> String {
    ts.to_zoned_datetime(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d %H:%M").to_string()
}

fn one_line(text: &str, max: usize) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        return line;
    }
    let cut: String = line.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Error messages about a file already start with its path; the line shows it once.
fn strip_path(message: &str, outcome: &ImportOutcome) -> String {
    let prefix = format!("{}: ", outcome.path.display());
    message.strip_prefix(&prefix).unwrap_or(message).to_owned()
}

/// Text as a terminal should show it: control characters other than line breaks and tabs (C0,
/// DEL and C1: ESC, CSI, BEL, a lone carriage return…) are written out as `\x1b`, so text from a
/// file can neither act on the terminal nor hide what is around it.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let acts = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.contains(acts) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            c if acts(c) => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.into()
}

/// Writes one line to standard output; see [`say!`].
pub fn write_line(line: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(err) = stdout.write_all(line.as_bytes()).and_then(|()| stdout.write_all(b"\n")) {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("galley-cli: error: cannot write the output: {err}");
        std::process::exit(2);
    }
}
