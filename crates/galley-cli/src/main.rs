//! `galley-cli`: Galley from a terminal, over the same Library as the desktop app.
//!
//! Human-readable output by default, `--json` for scripts. Exit codes: 0 ok (a search with no
//! results is ok), 1 bad input (with a message on stderr that says what to do), 2 internal error.
//! This crate only parses arguments and prints; every decision is the Library's.

mod args;
#[macro_use]
mod output;
mod sync;

use std::io::{IsTerminal, Read};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use galley_core::model::{ArticleFields, ArticlePatch};
use galley_core::{Error, ExportFormat, Library, Selection, StoreChoice, StoreOrigin};

use crate::args::{Cli, Command};
use crate::output::Printer;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => match cli.with_flags_from_query() {
            Ok(cli) => cli,
            Err(message) => {
                tell!("galley-cli: error: {message}");
                return ExitCode::from(1);
            }
        },
        Err(err) => {
            let code = if err.use_stderr() { 1 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            tell!("galley-cli: error: {err}");
            ExitCode::from(if err.is_user_error() { 1 } else { 2 })
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    if let Command::Typography { lang, html } = &cli.command {
        // Typesetting needs no store: none is opened or created.
        let text = read_text(Path::new("-"))?;
        let typeset = if *html {
            galley_render::typeset_html(&text, lang)
        } else {
            galley_render::typography::typeset(&text, lang)
        };
        use std::io::Write;
        std::io::stdout()
            .write_all(typeset.as_bytes())
            .map_err(|source| Error::Io { path: "standard output".into(), source })?;
        return Ok(ExitCode::SUCCESS);
    }
    let choice = match cli.store {
        Some(path) => StoreChoice { path, origin: StoreOrigin::Named },
        None => galley_core::configured_store().ok_or(Error::NoDataFolder)?,
    };
    let store = choice.path.clone();
    let out = Printer::new(cli.json, std::io::stdout().is_terminal());
    let library = match choice.open() {
        Ok(library) => library,
        Err(Error::Store(err)) if err.is_damaged_store() && store.is_file() => {
            let problem = Error::Store(err);
            return unopenable_store(&store, &problem, &out, &cli.command).unwrap_or(Err(problem));
        }
        Err(err) => return Err(err),
    };
    let changes_articles = matches!(
        cli.command,
        Command::New { .. }
            | Command::Import { .. }
            | Command::Edit { .. }
            | Command::Tag { .. }
            | Command::Tags { rename: Some(_), .. }
            | Command::Tags { merge: Some(_), .. }
            | Command::Restore { .. }
            | Command::Attach { .. }
    );
    let code = command(&library, &out, cli.command, cli.json)?;
    if changes_articles {
        sync::push(&library);
    }
    Ok(code)
}

fn command(library: &Library, out: &Printer, command: Command, json: bool) -> Result<ExitCode, Error> {
    match command {
        Command::New { headline, lang, tags, body_file, dek, lead, section, byline, dateline } => {
            let mut fields = ArticleFields { headline, tags, byline, ..ArticleFields::default() };
            if let Some(lang) = lang {
                fields.language = lang;
            }
            fields.dek = dek.unwrap_or_default();
            fields.lead = lead.unwrap_or_default();
            fields.section = section.unwrap_or_default();
            fields.dateline = dateline.unwrap_or_default();
            if let Some(file) = body_file {
                fields.body = read_text(&file)?;
            }
            let article = library.create(fields)?;
            out.created(&article);
        }
        Command::Import { files } => {
            let outcomes = library.import_files(&files);
            let failed = outcomes.iter().filter(|o| o.result.is_err()).count();
            out.imported(&outcomes);
            if failed > 0 {
                return Ok(ExitCode::from(1));
            }
        }
        Command::List { status, tag, limit } => {
            let articles = library.list(status, tag.as_deref(), limit)?;
            out.list(&articles);
        }
        Command::Show { article } => out.article(&library.article(&article)?),
        Command::Edit {
            article,
            body_file,
            headline,
            dek,
            lead,
            status,
            byline,
            dateline,
            section,
            lang,
            slug,
            note,
        } => {
            let patch = ArticlePatch {
                body: body_file.map(|file| read_text(&file)).transpose()?,
                headline,
                dek,
                lead,
                status,
                byline: (!byline.is_empty()).then_some(byline),
                dateline,
                section,
                language: lang,
                slug,
                note,
                ..ArticlePatch::default()
            };
            if patch.is_empty() {
                return Err(Error::Invalid(
                    "nothing to change: give a field to edit, such as --headline or --body-file".into(),
                ));
            }
            out.saved(&library.edit(&article, patch)?);
        }
        Command::Tag { article, add, remove } => {
            if add.is_empty() && remove.is_empty() {
                return Err(Error::Invalid("give tags to --add or --remove".into()));
            }
            out.tagged(&library.tag(&article, &add, &remove)?);
        }
        Command::Tags { rename, merge } => {
            if let Some([from, to]) = rename.as_deref() {
                library.rename_tag(from, to)?;
            } else if let Some([from, into]) = merge.as_deref() {
                library.merge_tags(from, into)?;
            }
            out.tags(&library.tags()?);
        }
        Command::Search { query, limit } => {
            let hits = library.search(&query.join(" "), limit)?;
            out.search(&hits);
        }
        Command::Revisions { article } => out.revisions(&library.revisions(&article)?),
        Command::Restore { article, revision } => {
            let restored = library.restore(&article, revision)?;
            out.restored(revision, &restored);
        }
        Command::Stats { article } => out.stats(&library.stats(&article)?),
        Command::Export { article, tag, search, format, out: path, template, assets } => {
            let selection = match (article, tag, search) {
                (Some(article), _, _) => Selection::Article(article),
                (_, Some(tag), _) => Selection::Tag(tag),
                (_, _, Some(query)) => Selection::Search(query),
                _ => unreachable!("clap requires one of them"),
            };
            let format = ExportFormat::parse(&format)?;
            let terminal = std::io::stderr().is_terminal();
            let report = library.export(
                &selection,
                format,
                &path,
                template.as_deref(),
                assets.as_deref(),
                |done, total| {
                    if terminal && total > 1 {
                        eprint!("\rexporting {done}/{total}");
                    }
                },
            )?;
            if terminal && report.files.len() > 1 {
                eprintln!();
            }
            out.exported(&report);
            if report.failed() > 0 {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Backup { out: path } => {
            let backup = library.backup(galley_core::BackupKind::Manual, path.as_deref())?;
            out.backup(&backup);
        }
        Command::Backups => out.backups(&library.backups()?),
        Command::RestoreBackup { file } => {
            let restored = library.restore_backup(&file)?;
            out.restored_backup(&file, &restored);
        }
        Command::Verify => {
            let check =
                library.check_store(std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)))?;
            let damaged = matches!(check, galley_core::PageCheck::Damaged(_));
            let offer = if damaged { library.recovery_offer()? } else { None };
            out.verified(&check, offer.as_ref());
            if damaged {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Attach { article, image, alt } => out.saved(&library.attach_image(&article, &image, &alt)?),
        Command::Check { article } => out.check(&library.check(&article)?),
        Command::Sync { folder, once, poll, conflicts, resolve, keep, unlink, plan } => {
            let kept = match keep.as_deref() {
                Some("file") => galley_mirror::Kept::File,
                _ => galley_mirror::Kept::Galley,
            };
            let resolve = resolve.map(|article| (article, kept));
            let args = sync::SyncArgs { folder, once, poll, conflicts, resolve, unlink, plan };
            return Ok(sync::run(library, json, args));
        }
        Command::Typography { .. } => unreachable!("handled before the store is opened"),
    }
    Ok(ExitCode::SUCCESS)
}

/// What still works on a store too damaged to open (`None` for the other commands): listing its
/// backups, the check (which reports `problem`, why it would not open, and offers the newest good
/// backup), and putting a backup in its place.
fn unopenable_store(
    store: &Path,
    problem: &Error,
    out: &Printer,
    command: &Command,
) -> Option<Result<ExitCode, Error>> {
    let done = match command {
        Command::Backups => galley_core::backups_of(store).map(|backups| {
            out.backups(&backups);
            ExitCode::SUCCESS
        }),
        Command::Verify => galley_core::unreadable_store_offer(store).map(|offer| {
            out.verified(&galley_core::PageCheck::Damaged(vec![problem.to_string()]), offer.as_ref());
            ExitCode::from(1)
        }),
        Command::RestoreBackup { file } => {
            galley_core::restore_over_unreadable_store(store, file, &galley_core::model::SystemClock).map(
                |restored| {
                    out.restored_backup(file, &restored);
                    ExitCode::SUCCESS
                },
            )
        }
        _ => return None,
    };
    Some(done)
}

/// Reads a text file, or standard input for `-`.
fn read_text(path: &Path) -> Result<String, Error> {
    let io = |source| Error::Io { path: path.to_owned(), source };
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(io)?;
        return Ok(text);
    }
    let bytes = std::fs::read(path).map_err(io)?;
    String::from_utf8(bytes)
        .map_err(|_| Error::Invalid(format!("{}: is not UTF-8 text; save it as UTF-8", path.display())))
}
