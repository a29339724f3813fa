//! The mirror folder: linking a folder of 10,000 `.md` files (written by another Galley, with ids;
//! and plain notes, which get their ids written in), a full pass over an unchanged folder (what
//! every start does), how long one change takes to cross over, both ways, while following, and how
//! long the desk's autosaves wait while a long pass runs on the follower's thread.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use galley_core::model::{ArticleId, ArticlePatch, SystemClock, markdown_file};
use galley_core::{Library, OpenOptions};
use galley_corpus::Corpus;
use galley_mirror::{FollowOptions, Mirror, Scope};

use crate::{Percentiles, Report, ms};

const FILES: u64 = 10_000;
const CHANGES: usize = 50;
/// Files another program rewrites before the full pass that autosaves run beside.
const CHANGED: usize = 2_000;
/// How often the desk autosaves while the journalist types: 600 ms after a pause, at most 900 ms
/// while typing goes on (`ui/src/autosave.ts`); and far more often, to catch every stall.
const SAVE_PAUSED: Duration = Duration::from_millis(600);
const SAVE_EAGER: Duration = Duration::from_millis(50);

pub fn run(seed: u64, report: &mut Report) {
    let temp = tempfile::tempdir().expect("temporary folder");
    let mut corpus = Corpus::new(seed);
    let with_ids = temp.path().join("with-ids");
    let plain = temp.path().join("plain");
    std::fs::create_dir_all(&with_ids).unwrap();
    std::fs::create_dir_all(&plain).unwrap();
    let mut bytes = 0u64;
    for i in 0..FILES {
        let draft = corpus.article(i);
        let created = draft.created_at.expect("generated articles are dated");
        let id = ArticleId::new(created);
        let name = format!("{:05}-{}.md", i, draft.fields.slug);
        let text = markdown_file::write_for_folder(id, &draft.fields, created);
        bytes += text.len() as u64;
        std::fs::write(with_ids.join(&name), text).unwrap();
        std::fs::write(plain.join(&name), format!("# {}\n\n{}", draft.fields.headline, draft.fields.body))
            .unwrap();
    }
    report.note(format!(
        "mirror folder: {FILES} files, {:.0} MB, {:.1} KB on average",
        bytes as f64 / 1e6,
        bytes as f64 / FILES as f64 / 1e3
    ));

    let (library, mut mirror, took) = link(&temp.path().join("with-ids.sqlite3"), &with_ids);
    report.row(
        &format!("link a folder of {FILES} .md files with ids"),
        files_per_second(took),
        "≥ 1,000 files/s",
    );
    let (_, _, plain_took) = link(&temp.path().join("plain.sqlite3"), &plain);
    report.row(
        &format!("link a folder of {FILES} .md files without front matter (ids written into each)"),
        files_per_second(plain_took),
        "≥ 1,000 files/s",
    );
    let start = Instant::now();
    let changes = mirror.pass(&library, Scope::Full).expect("a full pass");
    assert!(changes.is_empty(), "an unchanged folder needs nothing: {changes:?}");
    report.row(&format!("full pass over {FILES} unchanged files (every start)"), ms(start.elapsed()), "");

    saves_during_passes(&with_ids, &temp.path().join("saving"), report);
    follow_latency(library, mirror, &with_ids, report);
}

fn link(store: &Path, folder: &Path) -> (Arc<Library>, Mirror, Duration) {
    let library = open(store);
    let start = Instant::now();
    let mut mirror = Mirror::link(&library, folder).expect("links");
    let changes = mirror.pass(&library, Scope::Full).expect("the first pass");
    let took = start.elapsed();
    assert_eq!(changes.len() as u64, FILES, "one change per file");
    assert_eq!(library.count().unwrap(), FILES);
    (library, mirror, took)
}

/// The desk autosaves an article every [`SAVE_EAGER`] on its own thread while the follower's
/// thread links a copy of the folder (the first pass stores every file), then runs a full pass
/// after another program rewrote [`CHANGED`] files: how long each save takes, waiting included.
/// Then the link at the desk's own pace ([`SAVE_PAUSED`]), and made by another process
/// (`galley-cli sync`) while the app autosaves.
fn saves_during_passes(from: &Path, folder: &Path, report: &mut Report) {
    copy_folder(from, folder);
    let library = open(&folder.with_extension("sqlite3"));
    let edited = library.create(Corpus::new(1).article(0).fields).expect("the article being edited").id;

    let mut mirror = Mirror::link(&library, folder).expect("links");
    let (saves, took) = saving_during(&library, edited, SAVE_EAGER, || {
        mirror.pass(&library, Scope::Full).expect("the first pass");
    });
    assert_eq!(library.count().unwrap(), FILES + 1);
    report.row(
        &format!(
            "autosave every 50 ms while linking a folder of {FILES} files ({:.1} s pass)",
            took.as_secs_f64()
        ),
        latencies(saves),
        "max ≤ 100 ms",
    );

    // The article being edited is Galley's alone: its file (written now, for saves made after
    // the pass began) is not rewritten by the other program.
    mirror.pass(&library, Scope::Paths(Vec::new())).expect("the saves written out");
    let its_file = library.mirror_record(edited).unwrap().expect("its file").path;
    let mut names: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| galley_mirror::is_mirrored(name) && *name != its_file)
        .collect();
    names.sort();
    for name in names.iter().step_by(names.len() / CHANGED).take(CHANGED) {
        let path = folder.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}\nАбзац, дописанный в другой программе.\n")).unwrap();
    }
    let (saves, took) = saving_during(&library, edited, SAVE_EAGER, || {
        let changes = mirror.pass(&library, Scope::Full).expect("a full pass");
        let updated = changes.iter().filter(|c| matches!(c, galley_mirror::Change::Updated { .. })).count();
        assert_eq!(updated, CHANGED, "every rewritten file is taken in");
    });
    report.row(
        &format!(
            "autosave every 50 ms during a full pass over {FILES} files, {CHANGED} changed ({:.1} s pass)",
            took.as_secs_f64()
        ),
        latencies(saves),
        "max ≤ 100 ms",
    );

    let slowly = folder.with_file_name("linked-at-the-desks-pace");
    copy_folder(from, &slowly);
    let library = open(&slowly.with_extension("sqlite3"));
    let edited = library.create(Corpus::new(1).article(0).fields).expect("the article being edited").id;
    let mut mirror = Mirror::link(&library, &slowly).expect("links");
    let (saves, took) = saving_during(&library, edited, SAVE_PAUSED, || {
        mirror.pass(&library, Scope::Full).expect("the first pass");
    });
    report.row(
        &format!(
            "autosave every 600 ms while linking a folder of {FILES} files ({:.1} s pass)",
            took.as_secs_f64()
        ),
        latencies(saves),
        "max ≤ 100 ms",
    );

    // Another process links: it is not seen waiting (see `galley_store`'s `batch.rs`).
    let elsewhere = folder.with_file_name("linked-elsewhere");
    copy_folder(from, &elsewhere);
    let cli = open(&elsewhere.with_extension("sqlite3"));
    let app = open(&elsewhere.with_extension("sqlite3"));
    let edited = app.create(Corpus::new(1).article(0).fields).expect("the article being edited").id;
    let mut mirror = Mirror::link(&cli, &elsewhere).expect("links");
    let (saves, took) = saving_during(&app, edited, SAVE_PAUSED, || {
        mirror.pass(&cli, Scope::Full).expect("the first pass");
    });
    report.row(
        &format!(
            "autosave every 600 ms while another process links a folder of {FILES} files ({:.1} s pass)",
            took.as_secs_f64()
        ),
        latencies(saves),
        "",
    );
}

fn open(store: &Path) -> Arc<Library> {
    Arc::new(
        Library::open_with(store, Arc::new(SystemClock), OpenOptions { seed_sample: false })
            .expect("store opens"),
    )
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// How long each save took, waiting included, and why those that failed failed.
struct Saves {
    times: Vec<Duration>,
    failed: Vec<String>,
}

/// Runs `work` on this thread while another autosaves `article` every `every`, each save
/// based on the revision the one before it made, as the editor does (a failed save is tried
/// again with the same words, as the desk does); returns the saves and how long `work` took.
fn saving_during(
    library: &Arc<Library>,
    article: ArticleId,
    every: Duration,
    work: impl FnOnce(),
) -> (Saves, Duration) {
    let stop = Arc::new(AtomicBool::new(false));
    let started = Arc::new(AtomicBool::new(false));
    let saver = {
        let (library, stop, started) = (library.clone(), stop.clone(), started.clone());
        std::thread::spawn(move || {
            let id = article.to_string();
            let mut article = library.article(&id).expect("the article");
            let mut saves = Saves { times: Vec::new(), failed: Vec::new() };
            while !stop.load(Ordering::Relaxed) {
                let mut fields = article.fields.clone();
                let n = saves.times.len();
                fields.body.push_str(&format!("\n\nАбзац номер {n} набран во время прохода."));
                let start = Instant::now();
                let saved = library.autosave_based_on(&id, article.revision, fields);
                saves.times.push(start.elapsed());
                match saved {
                    Ok(saved) => article = saved.article,
                    Err(err) => saves.failed.push(err.to_string()),
                }
                started.store(true, Ordering::Relaxed);
                std::thread::sleep(every);
            }
            saves
        })
    };
    while !started.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(1));
    }
    let start = Instant::now();
    work();
    let took = start.elapsed();
    stop.store(true, Ordering::Relaxed);
    (saver.join().expect("the saver does not panic"), took)
}

fn latencies(mut saves: Saves) -> String {
    let stats = Percentiles::of(&mut saves.times);
    let failed = match saves.failed.first() {
        Some(why) => format!(" ({} failed: {why})", saves.failed.len()),
        None => String::new(),
    };
    format!(
        "{} saves{failed}: median {}, p99 {}, max {}",
        saves.times.len(),
        ms(stats.median),
        ms(stats.p99),
        ms(stats.max)
    )
}

fn files_per_second(took: Duration) -> String {
    format!("{:.0} files/s ({:.1} s)", FILES as f64 / took.as_secs_f64(), took.as_secs_f64())
}

/// While following: a file edited by another program, until its article has the words; and an
/// article edited by another Galley process, until its file has them.
fn follow_latency(library: Arc<Library>, mut mirror: Mirror, folder: &Path, report: &mut Report) {
    let stop = Arc::new(AtomicBool::new(false));
    let ready = Arc::new(AtomicBool::new(false));
    let thread = {
        let (library, stop, ready) = (library.clone(), stop.clone(), ready.clone());
        std::thread::spawn(move || {
            galley_mirror::follow(&library, &mut mirror, &FollowOptions::default(), &stop, |event| {
                if matches!(event, galley_mirror::Event::Passed { .. }) {
                    ready.store(true, Ordering::Relaxed);
                }
            })
            .expect("follows");
        })
    };
    while !ready.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(5));
    }
    // Spiked articles have no file once Galley changes them: edit the others.
    let mut names: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| !std::fs::read_to_string(folder.join(name)).unwrap().contains("\nstatus: spiked\n"))
        .collect();
    names.sort();
    let mut rng = fastrand::Rng::with_seed(7);

    let mut inbound = Vec::with_capacity(CHANGES);
    for n in 0..CHANGES {
        let name = &names[rng.usize(..names.len())];
        let path = folder.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let id = text.lines().nth(1).and_then(|l| l.strip_prefix("id: ")).unwrap().to_owned();
        let marker = format!("Правка извне номер {n}.");
        let start = Instant::now();
        std::fs::write(&path, format!("{text}\n{marker}\n")).unwrap();
        wait(|| library.article(&id).unwrap().fields.body.contains(&marker));
        inbound.push(start.elapsed());
    }
    let inbound = Percentiles::of(&mut inbound);
    report.row(
        &format!("a file edited elsewhere, until its article has the change ({CHANGES} edits)"),
        format!("median {}, p99 {}, max {}", ms(inbound.median), ms(inbound.p99), ms(inbound.max)),
        "median ≤ 1 s",
    );

    let other = Library::open_with(library.path(), Arc::new(SystemClock), OpenOptions { seed_sample: false })
        .expect("a second process's store");
    let mut outbound = Vec::with_capacity(CHANGES);
    for n in 0..CHANGES {
        let name = &names[rng.usize(..names.len())];
        let path = folder.join(name);
        let id = std::fs::read_to_string(&path).unwrap().lines().nth(1).unwrap()[4..].to_owned();
        let dek = format!("Правка в Galley номер {n}");
        let start = Instant::now();
        other.edit(&id, ArticlePatch { dek: Some(dek.clone()), ..ArticlePatch::default() }).unwrap();
        wait(|| std::fs::read_to_string(&path).unwrap().contains(&dek));
        outbound.push(start.elapsed());
    }
    let outbound = Percentiles::of(&mut outbound);
    report.row(
        &format!("an article edited by another Galley process, until its file has it ({CHANGES} edits)"),
        format!("median {}, p99 {}, max {}", ms(outbound.median), ms(outbound.p99), ms(outbound.max)),
        "≤ 1 s",
    );
    stop.store(true, Ordering::Relaxed);
    thread.join().unwrap();
}

fn wait(mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(30), "a change never arrived");
        std::thread::sleep(Duration::from_millis(1));
    }
}
