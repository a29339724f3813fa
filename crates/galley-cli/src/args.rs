//! The command line: every command and flag, with the help text scripts and people read.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use galley_core::model::Status;

/// Galley from the terminal: write, tag, find and keep every revision of news articles.
///
/// The store is a single SQLite file: --store PATH, else $GALLEY_STORE, else the store chosen in the
/// desktop app's settings, else galley/galley.sqlite3 in the OS data folder. A new store starts
/// with a sample article.
/// Exit codes: 0 ok (a search with no results too), 1 bad input, 2 internal error.
#[derive(Debug, Parser)]
#[command(name = "galley-cli", version, max_term_width = 100)]
pub struct Cli {
    /// The store file (created if missing).
    #[arg(long, global = true, env = galley_core::STORE_ENV, value_name = "PATH")]
    pub store: Option<PathBuf>,
    /// Print data as JSON, for scripts.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// A search query takes words starting with `-` (`сахалин -хоккайдо`), so clap leaves any flags
    /// typed after the query among its words; this takes them back out.
    pub fn with_flags_from_query(mut self) -> Result<Cli, String> {
        let Command::Search { query, limit } = &mut self.command else { return Ok(self) };
        let mut words = std::mem::take(query).into_iter();
        while let Some(word) = words.next() {
            let (flag, inline) = match word.split_once('=') {
                Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
                None => (word.clone(), None),
            };
            match flag.as_str() {
                "--json" if inline.is_none() => self.json = true,
                "--limit" | "--store" => {
                    let value = inline.or_else(|| words.next()).ok_or(format!("{flag} needs a value"))?;
                    if flag == "--store" {
                        self.store = Some(PathBuf::from(value));
                    } else {
                        *limit = value
                            .parse()
                            .map_err(|_| format!("--limit takes a whole number, not `{value}`"))?;
                    }
                }
                _ => query.push(word),
            }
        }
        Ok(self)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an article; prints its id.
    New {
        #[arg(long)]
        headline: String,
        /// Language of the article: ru, en, …
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// A tag (repeatable); `/` nests: "Регионы/Хабаровск".
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// The body in Markdown, from a file or `-` for standard input.
        #[arg(long, value_name = "FILE")]
        body_file: Option<PathBuf>,
        #[arg(long)]
        dek: Option<String>,
        #[arg(long)]
        lead: Option<String>,
        #[arg(long)]
        section: Option<String>,
        /// An author (repeatable).
        #[arg(long, value_name = "NAME")]
        byline: Vec<String>,
        #[arg(long)]
        dateline: Option<String>,
    },
    /// Import .md (with front matter), .txt and saved web pages (.html); one line per file; exit 1 if
    /// any failed.
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List articles, newest first (spiked ones only with --status spiked).
    List {
        #[arg(long)]
        status: Option<Status>,
        /// Only articles with this tag or a tag below it.
        #[arg(long)]
        tag: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Show an article.
    Show {
        #[arg(value_name = "ID|SLUG")]
        article: String,
    },
    /// Change an article's fields; each change is kept as a revision.
    Edit {
        #[arg(value_name = "ID|SLUG")]
        article: String,
        /// New body in Markdown, from a file or `-` for standard input.
        #[arg(long, value_name = "FILE")]
        body_file: Option<PathBuf>,
        #[arg(long)]
        headline: Option<String>,
        #[arg(long)]
        dek: Option<String>,
        #[arg(long)]
        lead: Option<String>,
        /// draft, editing, ready, published or spiked.
        #[arg(long)]
        status: Option<Status>,
        /// Authors (repeatable; replaces the byline).
        #[arg(long, value_name = "NAME")]
        byline: Vec<String>,
        #[arg(long)]
        dateline: Option<String>,
        #[arg(long)]
        section: Option<String>,
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        #[arg(long)]
        slug: Option<String>,
        /// The editor's note (never exported).
        #[arg(long)]
        note: Option<String>,
    },
    /// Add and remove an article's tags.
    Tag {
        #[arg(value_name = "ID|SLUG")]
        article: String,
        #[arg(long, value_name = "TAG")]
        add: Vec<String>,
        #[arg(long, value_name = "TAG")]
        remove: Vec<String>,
    },
    /// List tags with counts; or rename or merge one (tags below it follow).
    Tags {
        #[arg(long, num_args = 2, value_names = ["OLD", "NEW"], conflicts_with = "merge")]
        rename: Option<Vec<String>>,
        #[arg(long, num_args = 2, value_names = ["FROM", "INTO"])]
        merge: Option<Vec<String>>,
    },
    /// Search: words (any form: «сотрудничество» finds «сотрудничества»), "phrases", prefix*,
    /// -excluded, a OR b, and filters tag: status: section: lang: after:YYYY-MM-DD before:YYYY-MM-DD.
    Search {
        #[arg(required = true, value_name = "QUERY", allow_hyphen_values = true)]
        query: Vec<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// List an article's revisions, newest first.
    Revisions {
        #[arg(value_name = "ID|SLUG")]
        article: String,
    },
    /// Bring back an old revision (kept as a new revision; nothing is lost).
    Restore {
        #[arg(value_name = "ID|SLUG")]
        article: String,
        #[arg(value_name = "REV")]
        revision: u32,
    },
    /// Keep the store and a folder of .md files in step, until interrupted (Ctrl-C): every article
    /// as <slug>.md; files edited, added, renamed or deleted by other programs come into the store
    /// (a deleted file spikes its article), and changes made in Galley go out to the files. Without
    /// FOLDER, the folder the store is linked to. When both sides changed an article, Galley's
    /// version stays, the file's is kept as a revision, and the file waits for --resolve.
    /// Once linked, every galley-cli command that changes articles also writes their files.
    Sync {
        /// The folder (created if missing). A store is linked to one folder at a time.
        #[arg(value_name = "FOLDER", conflicts_with = "unlink")]
        folder: Option<PathBuf>,
        /// Bring them into step once and exit.
        #[arg(long)]
        once: bool,
        /// Watch by looking at the files twice a second, not by the system's events (network
        /// drives do this by themselves).
        #[arg(long)]
        poll: bool,
        /// List the conflicts waiting for a choice.
        #[arg(long, conflicts_with_all = ["once", "poll", "resolve", "unlink"])]
        conflicts: bool,
        /// Settle an article's conflict, keeping --keep galley (the file is rewritten) or --keep file.
        #[arg(long, value_name = "ID|SLUG", requires = "keep", conflicts_with_all = ["once", "poll", "unlink"])]
        resolve: Option<String>,
        #[arg(long, value_parser = ["galley", "file"], requires = "resolve")]
        keep: Option<String>,
        /// Unlink the store from its folder; the files stay.
        #[arg(long, conflicts_with_all = ["once", "poll"])]
        unlink: bool,
        /// Say what linking FOLDER would change (files given an id line, files written whole,
        /// files that cannot be read, articles that become new files), write nothing and exit.
        #[arg(long, requires = "folder", conflicts_with_all = ["once", "poll", "conflicts", "resolve", "unlink"])]
        plan: bool,
    },
    /// Back up the store while it is in use: a whole, checked copy in the `backups` folder beside it
    /// (or FILE); prints its path.
    Backup {
        /// Where to write the backup (a file that does not exist yet).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// List the backups beside the store, newest first: when, why (manual, scheduled, before a
    /// restore, before an upgrade), size and file.
    Backups,
    /// Replace the store's content with a backup's. The backup is checked first, and the store as it
    /// is now is backed up before it is replaced, so a restore can be undone the same way.
    RestoreBackup {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Check every page of the store (SQLite's quick check; the store stays usable meanwhile). A
    /// damaged store is kept from every write until a backup is restored; this prints the newest
    /// good backup and the articles restoring it would lose, and exits 1.
    Verify,
    /// Counts per field: words, characters with and without spaces, reading time.
    Stats {
        #[arg(value_name = "ID|SLUG")]
        article: String,
    },
    /// Export an article, a tag or a search: html, fragment, md or ninjs. One article goes to the
    /// file --out (or into it, if it is a folder); a tag or a search to the folder --out, one file
    /// per article named by its slug. Files are written whole or not at all.
    Export {
        #[arg(value_name = "ID|SLUG", required_unless_present_any = ["tag", "search"], conflicts_with_all = ["tag", "search"])]
        article: Option<String>,
        #[arg(long, conflicts_with = "search")]
        tag: Option<String>,
        #[arg(long, value_name = "QUERY")]
        search: Option<String>,
        #[arg(long, default_value = "html")]
        format: String,
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// A template of yours: NAME.html in the `templates` folder beside the store.
        #[arg(long, value_name = "NAME")]
        template: Option<String>,
        /// Write the articles' images into this folder (html and fragment); without it they are
        /// embedded in the file as data URIs.
        #[arg(long, value_name = "DIR")]
        assets: Option<PathBuf>,
    },
    /// Add an image (PNG, JPEG, GIF or WebP) to the end of an article's body.
    Attach {
        #[arg(value_name = "ID|SLUG")]
        article: String,
        #[arg(value_name = "IMAGE")]
        image: PathBuf,
        /// What the image shows, for readers who cannot see it.
        #[arg(long, default_value = "")]
        alt: String,
    },
    /// The pre-publish checklist: typography, quotes, dashes, spaces, repeated words, lengths, links.
    Check {
        #[arg(value_name = "ID|SLUG")]
        article: String,
    },
    /// Typeset text from standard input to standard output (quotes, dashes, no-break spaces, …).
    Typography {
        #[arg(long, value_name = "CODE", default_value = "ru")]
        lang: String,
        /// The input is an HTML fragment: only its text is typeset, tags and code stay as they are.
        #[arg(long)]
        html: bool,
    },
}
