//! `galley-cli sync`: the mirror folder from the terminal, and the folder kept current after every
//! command that changes articles.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use galley_core::Library;
use galley_mirror::{Change, Event, FollowOptions, Kept, LinkPlan, Mirror, Scope, WatchChoice, WatchMode};
use serde_json::json;

/// What `sync` was asked.
pub struct SyncArgs {
    pub folder: Option<PathBuf>,
    pub once: bool,
    pub poll: bool,
    pub conflicts: bool,
    pub resolve: Option<(String, Kept)>,
    pub unlink: bool,
    pub plan: bool,
}

/// Runs `sync`; prints its own errors.
pub fn run(library: &Library, json: bool, args: SyncArgs) -> ExitCode {
    match sync(library, json, args) {
        Ok(code) => code,
        Err(err) => {
            tell!("galley-cli: error: {err}");
            ExitCode::from(if err.is_user_error() { 1 } else { 2 })
        }
    }
}

fn sync(library: &Library, json: bool, args: SyncArgs) -> galley_mirror::Result<ExitCode> {
    if args.unlink {
        let link = library.mirror_link()?.ok_or(galley_mirror::Error::NotLinked)?;
        library.unlink_mirror()?;
        if json {
            say!("{}", json!({"event": "unlinked", "folder": link.folder}));
        } else {
            say!("unlinked from {} (its files stay)", link.folder.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.conflicts {
        let conflicts = Mirror::conflicts(library)?;
        if json {
            say!("{}", serde_json::to_string_pretty(&conflicts).expect("plain data"));
        } else {
            for conflict in &conflicts {
                let file = match conflict.revision {
                    Some(n) => format!("the file's version is revision {n}"),
                    None => "the file was deleted".to_owned(),
                };
                say!("{}\t{}\t«{}»\t{file}", conflict.id, conflict.path, conflict.headline);
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.plan
        && let Some(folder) = &args.folder
    {
        print_plan(json, &Mirror::link_plan(library, folder)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut mirror = match &args.folder {
        Some(folder) => Mirror::link(library, folder)?,
        None => Mirror::open(library)?,
    };
    if let Some((article, kept)) = args.resolve {
        let id = library.article(&article)?.id;
        for change in mirror.resolve(library, id, kept)? {
            print(json, &change);
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.once {
        let changes = mirror.pass(library, Scope::Full)?;
        for change in &changes {
            print(json, change);
        }
        let problems = mirror.problems().len();
        let conflicts = Mirror::conflicts(library)?.len();
        if problems > 0 {
            tell!("galley-cli: {problems} file(s) cannot be read: see the PROBLEM lines");
        }
        if conflicts > 0 {
            tell!(
                "galley-cli: {conflicts} conflict(s) wait for a choice: see `galley-cli sync --conflicts`, then \
                 `galley-cli sync --resolve ID --keep galley|file`"
            );
        }
        return Ok(if problems + conflicts > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS });
    }
    let options = FollowOptions {
        watch: if args.poll { WatchChoice::Poll } else { WatchChoice::Auto },
        ..FollowOptions::default()
    };
    // Ctrl-C ends the process; an interrupted pass is completed by the next one.
    let never = AtomicBool::new(false);
    let folder = mirror.folder().to_owned();
    galley_mirror::follow(library, &mut mirror, &options, &never, |event| match event {
        Event::Watching(mode) => {
            if json {
                say!("{}", json!({"event": "watching", "folder": folder, "watch": mode}));
            } else {
                match mode {
                    WatchMode::Events => say!("following {} (Ctrl-C stops)", folder.display()),
                    WatchMode::Polling { reason } => {
                        say!("following {} by polling: {reason} (Ctrl-C stops)", folder.display())
                    }
                }
            }
        }
        Event::Passed { changes, .. } => changes.iter().for_each(|change| print(json, change)),
        Event::Rescan { reason } => {
            if json {
                say!("{}", json!({"event": "rescan", "reason": reason}));
            } else {
                say!("rescan    {reason}: reading every file");
            }
        }
        Event::ConflictsChanged => {}
        Event::Failed { message } => {
            if json {
                say!("{}", json!({"event": "error", "message": message}));
            } else {
                tell!("galley-cli: error: {message} (trying again)");
            }
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

/// What linking a folder would change, file by file; nothing is written.
fn print_plan(json: bool, plan: &LinkPlan) {
    if json {
        say!("{}", serde_json::to_string_pretty(plan).expect("plain data"));
        return;
    }
    say!("linking {} would change:", plan.folder.display());
    say!("{} .md files in the folder", plan.files);
    for path in &plan.id_added {
        say!("id line added\t{path}");
    }
    for path in &plan.rewritten {
        say!("written whole\t{path}");
    }
    for path in &plan.differ {
        say!("differs from the store\t{path}");
    }
    for problem in &plan.unreadable {
        say!("cannot be read\t{}\t{}", problem.path, problem.message);
    }
    say!("{} files taken in as they are", plan.untouched);
    say!("{} articles of the store become new files", plan.new_files);
    if !plan.changes_files() {
        say!("no file there now would be written");
    }
}

fn print(json: bool, change: &Change) {
    if json {
        say!("{}", serde_json::to_string(change).expect("plain data"));
    } else {
        say!("{change}");
    }
}

/// After a command changed articles: when the store is linked, their files are written now (the
/// app or a running `sync` would do it too, but none may be running). What happened goes to
/// standard error, so standard output stays the command's own.
pub fn push(library: &Library) {
    match library.mirror_link() {
        Ok(Some(_)) => {}
        Ok(None) => return,
        Err(err) => {
            tell!("galley-cli: warning: the mirror folder was not updated: {err}");
            return;
        }
    }
    let result = Mirror::open(library).and_then(|mut mirror| mirror.pass(library, Scope::Paths(Vec::new())));
    match result {
        Ok(changes) => changes.iter().for_each(|change| tell!("{change}")),
        Err(err) => tell!("galley-cli: warning: the mirror folder was not updated: {err}"),
    }
}
