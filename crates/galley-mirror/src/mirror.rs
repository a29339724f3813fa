//! One pass: bring the folder and the store into step.
//!
//! A pass looks at files (all of them, or those events named) and at the articles changed in the
//! store since the last pass, and for each article compares three things: the file's bytes now,
//! the article's file as Galley would write it now, and the record of both from when they last
//! agreed. What changed on one side is carried to the other; when both changed, both versions
//! survive (a conflict). Every decision is made from what is on disk and in the store at the time
//! of the pass, never from what an event said happened, so a pass can be repeated, interrupted
//! or run after lost events and still converge.
//!
//! A pass holds a lock file beside the store, so two Galley processes (the app and
//! `galley-cli sync`, or a script's `galley-cli edit`) never interleave their passes.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs::File;
use std::path::{Path, PathBuf};

use galley_core::model::{Article, ArticleFields, ArticleId, Draft, Status, markdown_file};
use galley_core::{ContentHash, Library, MirrorConflict, MirrorRecord};
use galley_import::Format;

use crate::change::{Change, Kept};
use crate::file_name::{self, Taken};
use crate::folder::{Folder, Refused, hash, is_mirrored};
use crate::{Error, Result};

/// What a pass looks at on disk.
#[derive(Debug, Clone)]
pub enum Scope {
    /// Every file in the folder: on start, after lost events, and now and then when polling.
    Full,
    /// These paths (files or folders, absolute, as events name them). No paths: only the
    /// store's changes are written out.
    Paths(Vec<PathBuf>),
}

/// A store's mirror folder.
pub struct Mirror {
    folder: Folder,
    lock: PathBuf,
    /// Files that could not be read, with the hash of the bytes that failed (so a problem is
    /// reported once, not on every pass) and why.
    problems: HashMap<String, (Option<ContentHash>, String)>,
}

/// A file that cannot be read as an article, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileProblem {
    pub path: String,
    pub message: String,
}

/// An article whose file and store versions differ and wait for the user.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Conflict {
    pub id: ArticleId,
    pub headline: String,
    pub path: String,
    /// The revision holding the file's version; `None` when the file was deleted.
    pub revision: Option<u32>,
}

/// A store that takes no writes (found damaged, or on a read-only drive) gets no pass until it
/// does again (a backup restored): a pass would write files from it and carry edits it cannot keep.
fn takes_writes(library: &Library) -> Result<()> {
    match library.read_only() {
        Some(reason) => Err(galley_core::Error::Store(reason.into()).into()),
        None => Ok(()),
    }
}

impl Mirror {
    /// Links the store to `folder` (created if missing) and returns its mirror. A store already
    /// linked to another folder is refused: unlink it first.
    pub fn link(library: &Library, folder: &Path) -> Result<Mirror> {
        let io = |source| Error::Io { path: folder.to_owned(), source };
        std::fs::create_dir_all(folder).map_err(io)?;
        let folder = std::fs::canonicalize(folder).map_err(io)?;
        if let Some(link) = library.mirror_link()?
            && link.folder != folder
        {
            return Err(Error::LinkedElsewhere { linked: link.folder, asked: folder });
        }
        library.link_mirror(&folder)?;
        let mirror = Mirror::new(library, folder);
        write_marker(&mirror.folder)
            .map_err(|source| Error::Io { path: mirror.folder.path(MARKER), source })?;
        Ok(mirror)
    }

    /// The mirror of the folder the store is linked to.
    pub fn open(library: &Library) -> Result<Mirror> {
        let link = library.mirror_link()?.ok_or(Error::NotLinked)?;
        Ok(Mirror::new(library, link.folder))
    }

    fn new(library: &Library, folder: PathBuf) -> Mirror {
        let mut lock = library.path().as_os_str().to_owned();
        lock.push(".mirror-lock");
        Mirror { folder: Folder::new(folder), lock: PathBuf::from(lock), problems: HashMap::new() }
    }

    /// The folder.
    pub fn folder(&self) -> &Path {
        self.folder.root()
    }

    /// The files that cannot be read as articles now, with why, by path.
    pub fn problems(&self) -> Vec<FileProblem> {
        let mut problems: Vec<FileProblem> = self
            .problems
            .iter()
            .map(|(path, (_, message))| FileProblem { path: path.clone(), message: message.clone() })
            .collect();
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        problems
    }

    /// Brings folder and store into step; returns what it did.
    pub fn pass(&mut self, library: &Library, scope: Scope) -> Result<Vec<Change>> {
        takes_writes(library)?;
        let _lock = self.lock()?;
        let link = self.check_link(library)?;
        let until = library.last_change()?;
        let full = matches!(scope, Scope::Full);
        // A full pass reads every record once, for the paths to look at and to look them up.
        let known = if full { Some(Known::load(library)?) } else { None };
        let (mut paths, mut refused) = self.paths_to_read(library, &scope, known.as_ref())?;
        let held = self.refuse_clashes(library, &mut paths, &mut refused, known.as_ref())?;
        if full {
            // A problem of an entry no longer there (or now readable) is gone with it.
            self.problems.retain(|path, _| paths.contains(path) || refused.iter().any(|r| r.path == *path));
        }
        let mut pass = Pass::new(library, &self.folder, &mut self.problems);
        pass.known = known;
        pass.held = held;
        for Refused { path, why } in refused {
            pass.problem(&path, None, why);
        }
        pass.files(paths)?;
        // What changed in the store and is not in the files yet; a full pass looks further back,
        // for a change that could not be written then (its file was unreadable).
        let mut articles = library.unsynced(if full { -1 } else { link.synced_seq }, until)?;
        articles.append(&mut pass.recheck);
        pass.store_changes(articles)?;
        let changes = pass.finish()?;
        library.set_mirror_synced(until)?;
        Ok(changes)
    }

    /// The files a pass reads: every file and every recorded one for a full pass; else the files
    /// at or below the paths events named. Beside them, the entries that cannot be mirrored, with why.
    fn paths_to_read(
        &self,
        library: &Library,
        scope: &Scope,
        known: Option<&Known>,
    ) -> Result<(BTreeSet<String>, Vec<Refused>)> {
        let Scope::Paths(changed) = scope else {
            let listing = self.folder.list().map_err(|e| self.io(e))?;
            let mut paths: BTreeSet<String> = listing.files.into_iter().collect();
            paths.extend(known.into_iter().flat_map(|known| known.by_path.keys().cloned()));
            return Ok((paths, listing.refused));
        };
        let mut paths = BTreeSet::new();
        let mut refused = Vec::new();
        for path in changed {
            // Events inside `.git` and other hidden folders, and editors' temporary files, are not ours.
            let Some(relative) = self.folder.relative(path).filter(|r| !hidden(r)) else { continue };
            if is_mirrored(&relative) {
                paths.insert(relative);
                continue;
            }
            match std::fs::symlink_metadata(path) {
                // A folder moved in (or created), or a link: its files, or why not.
                Ok(_) => {
                    let listing = self.folder.list_at(&relative).map_err(|e| self.io(e))?;
                    paths.extend(listing.files);
                    refused.extend(listing.refused);
                }
                // Gone: if it was a folder, the files Galley kept in it are gone too.
                Err(_) => paths.extend(library.mirror_records_under(&relative)?.into_iter().map(|r| r.path)),
            }
        }
        Ok((paths, refused))
    }

    /// Refuses the files whose names are another's on Windows and macOS (`file_name`); returns
    /// the articles those files carry, which keep their place, unchanged, until they are renamed.
    fn refuse_clashes(
        &self,
        library: &Library,
        paths: &mut BTreeSet<String>,
        refused: &mut Vec<Refused>,
        known: Option<&Known>,
    ) -> Result<HashSet<ArticleId>> {
        let recorded = |path: &str| match known {
            Some(known) => known.by_path.contains_key(path),
            None => library.mirror_record_at(path).is_ok_and(|record| record.is_some()),
        };
        let clashing = file_name::refuse_clashes(&self.folder, paths, refused, recorded);
        let held = clashing
            .iter()
            .filter_map(|path| self.folder.read(path).ok().flatten())
            .filter_map(|bytes| galley_import::import(&bytes, Format::Markdown).ok()?.draft.id)
            .collect();
        Ok(held)
    }

    /// The conflicts waiting for the user.
    pub fn conflicts(library: &Library) -> Result<Vec<Conflict>> {
        let mut conflicts = Vec::new();
        for record in library.mirror_conflicts()? {
            let Some(conflict) = record.conflict else { continue };
            let article = library.article(&record.article.to_string())?;
            conflicts.push(Conflict {
                id: record.article,
                headline: article.fields.headline,
                path: record.path,
                revision: match conflict {
                    MirrorConflict::Changed { revision } => Some(revision),
                    MirrorConflict::Deleted => None,
                },
            });
        }
        Ok(conflicts)
    }

    /// Settles a conflict: keeps Galley's version (the file is rewritten from it) or the file's
    /// (it becomes the article's; a deleted file spikes the article). A file changed again since
    /// the conflict was found is read first, so the choice is made on its latest version.
    pub fn resolve(&mut self, library: &Library, article: ArticleId, kept: Kept) -> Result<Vec<Change>> {
        takes_writes(library)?;
        let _lock = self.lock()?;
        self.check_link(library)?;
        let no_conflict = || Error::NoConflict(article.to_string());
        let record =
            library.mirror_record(article)?.filter(|r| r.conflict.is_some()).ok_or_else(no_conflict)?;
        let mut pass = Pass::new(library, &self.folder, &mut self.problems);
        pass.files(BTreeSet::from([record.path.clone()]))?;
        pass.flush_records()?;
        // Reading the file may have settled it (it now says what Galley says).
        let Some(record) = library.mirror_record(article)?.filter(|r| r.conflict.is_some()) else {
            return pass.finish();
        };
        pass.settle(record, kept)?;
        pass.finish()
    }

    fn check_link(&self, library: &Library) -> Result<galley_core::MirrorLink> {
        let link = library.mirror_link()?.ok_or(Error::NotLinked)?;
        if link.folder != self.folder.root() {
            return Err(Error::LinkedElsewhere { linked: link.folder, asked: self.folder.root().to_owned() });
        }
        // A folder that is gone (unmounted, renamed) must not read as every file deleted.
        check_folder(&self.folder, library)?;
        Ok(link)
    }

    /// Waits for other Galley processes' passes; released when the file is closed.
    fn lock(&self) -> Result<File> {
        let io = |source| Error::Io { path: self.lock.clone(), source };
        // A store whose drive was unplugged (or whose folder was moved) while this process holds
        // it open: a lock made at the old path would be a stray file where the drive was, and
        // would not keep other processes' passes out.
        let store = self.lock.with_extension("");
        if !store.exists() {
            return Err(Error::StoreMissing(store));
        }
        let file = File::options().create(true).truncate(false).write(true).open(&self.lock).map_err(io)?;
        file.lock().map_err(io)?;
        Ok(file)
    }

    fn io(&self, source: std::io::Error) -> Error {
        Error::Io { path: self.folder.root().to_owned(), source }
    }
}

fn hidden(relative: &str) -> bool {
    relative.split('/').any(|name| name.starts_with('.'))
}

/// The file Galley keeps for an article.
pub fn file_text(article: &Article) -> String {
    markdown_file::write_for_folder(article.id, &article.fields, article.created_at)
}

/// The fields of an article whose file was deleted: spiked. The deletion says the status, also
/// for a file that had no `status` key (whose status the file does not otherwise change).
fn spiked(fields: ArticleFields) -> ArticleFields {
    let mut fields = ArticleFields { status: Status::Spiked, ..fields };
    fields.foreign.absent.remove("status");
    fields
}

/// Whether a file's fields say what the article says (as [`galley_core::file_version`] reads them).
pub(crate) fn same_words(file: &ArticleFields, article: &ArticleFields) -> bool {
    galley_core::file_version(article, file.clone()) == *article
}

/// Writes `text` to the file when it still holds the bytes hashing to `expected` (or is still
/// missing, for `None`), checked just before the rename; returns whether the file now holds
/// `text` (it may have already).
fn write_if_unchanged(
    folder: &Folder,
    path: &str,
    expected: Option<ContentHash>,
    text: &str,
) -> std::io::Result<bool> {
    let now = folder.hash_of(path)?;
    if now == Some(hash(text.as_bytes())) {
        return Ok(true);
    }
    if now != expected {
        return Ok(false);
    }
    folder.write_checked(path, text.as_bytes(), || folder.hash_of(path).map(|h| h == expected))
}

/// [`write_if_unchanged`] for many files, on a few threads: for each path, whether it now holds
/// its text, or why it could not be written.
fn write_all_if_unchanged(
    folder: &Folder,
    writes: &[(&str, ContentHash, &str)],
) -> HashMap<String, std::io::Result<bool>> {
    const THREADS: usize = 4;
    let chunk = writes.len().div_ceil(THREADS).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = writes
            .chunks(chunk)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|&(path, expected, text)| {
                            (path.to_owned(), write_if_unchanged(folder, path, Some(expected), text))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().expect("a writer thread does not panic"))
            .collect()
    })
}

/// The hidden file that marks a folder as a linked mirror. A mount point whose share is not
/// mounted is an empty folder: without its marker it is not read as every file deleted.
const MARKER: &str = ".galley-mirror";

/// Fails when the folder is gone, or is there without its marker and without any file Galley
/// keeps in it (an empty mount point); a folder that lost only its marker gets it back.
fn check_folder(folder: &Folder, library: &Library) -> Result<()> {
    let missing = || Error::FolderMissing(folder.root().to_owned());
    if !folder.root().is_dir() {
        return Err(missing());
    }
    if folder.path(MARKER).exists() {
        return Ok(());
    }
    let records = library.mirror_records()?;
    let kept = records.iter().filter(|r| r.file_hash.is_some()).count();
    if kept > 0 && !records.iter().any(|r| r.file_hash.is_some() && folder.path(&r.path).exists()) {
        return Err(missing());
    }
    write_marker(folder).map_err(|source| Error::Io { path: folder.path(MARKER), source })
}

fn write_marker(folder: &Folder) -> std::io::Result<()> {
    let text = "This folder is kept in step with a Galley store: every article is a .md file here.\n\
                Galley checks for this file to tell the folder from an empty, unmounted one.\n";
    folder.write_checked(MARKER, text.as_bytes(), || Ok(true)).map(|_| ())
}

/// Every record and every article id, read at once: a full pass looks up each file, and one
/// query beats ten thousand.
struct Known {
    by_path: HashMap<String, MirrorRecord>,
    path_of: HashMap<ArticleId, String>,
}

impl Known {
    fn load(library: &Library) -> Result<Known> {
        let records = library.mirror_records()?;
        let path_of = records.iter().map(|r| (r.article, r.path.clone())).collect();
        Ok(Known { by_path: records.into_iter().map(|r| (r.path.clone(), r)).collect(), path_of })
    }
}

/// A file's version read in this pass.
struct FileVersion {
    path: String,
    hash: ContentHash,
    draft: Draft,
    /// The file's text, kept for a file without an id (UTF-8 only): its id is added to it as one
    /// line, the rest left as it is.
    id_free_text: Option<String>,
}

/// The file's text with `id` added (as front matter of that line alone for a file without any),
/// or, for a file with another file's id, that is not UTF-8 or would not read back the same, the
/// whole file as Galley writes the article.
fn text_with_id(version: &FileVersion, article: &Article) -> String {
    version
        .id_free_text
        .as_deref()
        .and_then(|text| markdown_file::with_id_added(text, article.id))
        .unwrap_or_else(|| file_text(article))
}

/// A new file to store as an article.
struct NewFile {
    version: FileVersion,
    /// The file had no id, or another file's: the article's id is written into it.
    give_id: bool,
}

/// The work of one pass.
struct Pass<'a> {
    library: &'a Library,
    folder: &'a Folder,
    problems: &'a mut HashMap<String, (Option<ContentHash>, String)>,
    changes: Vec<Change>,
    records: Vec<MirrorRecord>,
    /// Articles this pass has settled: the store side leaves them alone.
    touched: HashSet<ArticleId>,
    /// Articles whose file became readable again: a change Galley held back may be written now.
    recheck: Vec<ArticleId>,
    /// Every record, read at once for a full pass (until records are written).
    known: Option<Known>,
    written: Vec<String>,
    /// Articles carried by files refused for their names: not deleted when their old path is gone.
    held: HashSet<ArticleId>,
    /// The names a new file must not take, read when the first one is needed.
    taken: Option<Taken>,
}

impl<'a> Pass<'a> {
    fn new(
        library: &'a Library,
        folder: &'a Folder,
        problems: &'a mut HashMap<String, (Option<ContentHash>, String)>,
    ) -> Pass<'a> {
        Pass {
            library,
            folder,
            problems,
            changes: Vec::new(),
            records: Vec::new(),
            touched: HashSet::new(),
            recheck: Vec::new(),
            known: None,
            written: Vec::new(),
            held: HashSet::new(),
            taken: None,
        }
    }

    /// Carries the changes of these files to the store.
    fn files(&mut self, paths: BTreeSet<String>) -> Result<()> {
        let mut changed = Vec::new();
        let mut gone: Vec<MirrorRecord> = Vec::new();
        for path in paths {
            let record = self.record_at(&path)?;
            let bytes = match self.folder.read(&path) {
                Ok(bytes) => bytes,
                Err(err) => {
                    self.problem(&path, None, err.to_string());
                    continue;
                }
            };
            let file_hash = bytes.as_deref().map(hash);
            if let Some(record) = &record
                && record.file_hash == file_hash
            {
                if self.problems.remove(&path).is_some() {
                    self.recheck.push(record.article);
                }
                continue;
            }
            match bytes {
                Some(bytes) => changed.push((path, file_hash.expect("hashed above"), bytes)),
                None => {
                    self.problems.remove(&path);
                    gone.extend(record);
                }
            }
        }

        let mut versions = Vec::new();
        for (path, file_hash, bytes) in changed {
            match galley_import::import(&bytes, Format::Markdown) {
                Ok(imported) => {
                    self.problems.remove(&path);
                    let id_free_text = match imported.draft.id {
                        None => String::from_utf8(bytes).ok(),
                        Some(_) => None,
                    };
                    versions.push(FileVersion { path, hash: file_hash, draft: imported.draft, id_free_text });
                }
                Err(err) => self.problem(&path, Some(file_hash), err.to_string()),
            }
        }
        // Files that say which article they are go first, so a file without an id never takes the
        // article of one that was renamed away from its path.
        versions.sort_by_key(|version| version.draft.id.is_none());

        // Which article each file is: its id, else the article last kept at its path.
        let mut claimed: HashSet<ArticleId> = HashSet::new();
        let mut existing: Vec<(ArticleId, Option<MirrorRecord>, FileVersion)> = Vec::new();
        let mut new_files = Vec::new();
        for version in versions {
            let here = self.record_at(&version.path)?;
            let id = match version.draft.id {
                Some(id) if claimed.contains(&id) => None,
                Some(id) => match self.record_of(id)? {
                    Some(record) if record.path == version.path => Some((id, Some(record))),
                    // Its old path no longer holds it: renamed or moved (also when another file
                    // took the old name). Still there: a copy, which becomes an article of its own.
                    Some(record) if !self.holds(&record.path, id) => Some((id, Some(record))),
                    Some(_) => None,
                    None if self.library.article(&id.to_string()).is_ok() => Some((id, None)),
                    None => {
                        claimed.insert(id);
                        new_files.push(NewFile { version, give_id: false });
                        continue;
                    }
                },
                // No id: the article whose file this path holds (its header was removed), or held
                // (deleted, and now back with the same words), unless another file claimed it;
                // else a new article.
                None => match &here {
                    Some(record)
                        if !claimed.contains(&record.article)
                            && (record.file_hash.is_some()
                                || self.says(record.article, &version.draft.fields)?) =>
                    {
                        Some((record.article, Some(record.clone())))
                    }
                    _ => None,
                },
            };
            let Some((id, record)) = id else {
                new_files.push(NewFile { version, give_id: true });
                continue;
            };
            claimed.insert(id);
            // The path held another article's file: that article lost it.
            if let Some(here) = here
                && here.article != id
                && here.file_hash.is_some()
            {
                gone.push(here);
            }
            existing.push((id, record, version));
        }
        gone.retain(|record| !claimed.contains(&record.article) && !self.held.contains(&record.article));

        for (id, record, version) in existing {
            self.file_changed(id, record, version)?;
        }
        if !gone.is_empty() {
            // Files are gone: make sure the folder itself still is (not unmounted under us).
            self.check_folder()?;
            for record in gone {
                self.file_deleted(record)?;
            }
        }
        self.create(new_files)?;
        self.flush_records()
    }

    /// Whether a file's fields say what the article says, whatever its status (a file brought back
    /// for a spiked article).
    fn says(&self, id: ArticleId, file: &ArticleFields) -> Result<bool> {
        let Some((article, _)) = self.article(id)? else { return Ok(false) };
        let mut file = ArticleFields {
            status: article.fields.status,
            published_at: article.fields.published_at,
            ..file.clone()
        };
        // Whether the file has a `status` key is the status's too (spiking the article took the
        // status as said, see `spiked`).
        match article.fields.foreign.absent.get("status") {
            Some(kept) => file.foreign.absent.insert("status".to_owned(), kept.clone()),
            None => file.foreign.absent.remove("status"),
        };
        Ok(same_words(&file, &article.fields))
    }

    /// Whether the file at `path` is there and carries `id`.
    fn holds(&self, path: &str, id: ArticleId) -> bool {
        let Ok(Some(bytes)) = self.folder.read(path) else { return false };
        galley_import::import(&bytes, Format::Markdown).is_ok_and(|imported| imported.draft.id == Some(id))
    }

    /// A file of an existing article has new bytes (or a new path).
    fn file_changed(
        &mut self,
        id: ArticleId,
        record: Option<MirrorRecord>,
        version: FileVersion,
    ) -> Result<()> {
        let Some((article, seq)) = self.article(id)? else { return Ok(()) };
        self.touched.insert(id);
        let path = version.path.clone();
        let galley_hash = hash(file_text(&article).as_bytes());
        if let Some(record) = &record
            && record.path != path
        {
            self.changes.push(Change::Moved {
                from: record.path.clone(),
                to: path.clone(),
                id,
                headline: article.fields.headline.clone(),
            });
            if record.file_hash == Some(version.hash) {
                self.records.push(MirrorRecord { path, ..record.clone() });
                if record.article_hash != galley_hash && record.conflict.is_none() {
                    // Only renamed, while Galley changed it: Galley's version is written there.
                    self.touched.remove(&id);
                    self.recheck.push(id);
                }
                return Ok(());
            }
        }
        let galley_changed =
            record.as_ref().is_none_or(|r| r.article_hash != galley_hash || r.conflict.is_some());
        let needs_id = version.draft.id.is_none();
        let fields = version.draft.fields.clone();

        let (article, seq, galley_hash) = if galley_changed {
            (article, seq, galley_hash)
        } else {
            match self.library.apply_external_edit(id, seq, fields.clone())? {
                Some((updated, updated_seq)) => {
                    let text = file_text(&updated);
                    let mut file_hash = version.hash;
                    if needs_id {
                        let with_id = text_with_id(&version, &updated);
                        if self.try_write(&path, Some(version.hash), &with_id) {
                            file_hash = hash(with_id.as_bytes());
                        }
                    }
                    self.records.push(MirrorRecord {
                        article: id,
                        path: path.clone(),
                        file_hash: Some(file_hash),
                        article_hash: hash(text.as_bytes()),
                        change_seq: updated_seq,
                        conflict: None,
                    });
                    if updated.revision != article.revision || updated.fields != article.fields {
                        self.changes.push(Change::Updated { path, id, headline: updated.fields.headline });
                    }
                    return Ok(());
                }
                // Galley changed it a moment ago (an autosave): both changed.
                None => {
                    let Some((article, seq)) = self.article(id)? else { return Ok(()) };
                    let galley_hash = hash(file_text(&article).as_bytes());
                    (article, seq, galley_hash)
                }
            }
        };
        self.both_changed(
            id,
            &article,
            seq,
            galley_hash,
            record.is_none(),
            path,
            version.hash,
            fields,
            needs_id,
        )
    }

    /// The article changed in Galley and its file changed too (or there is no record of when they
    /// last agreed): in step again if they say the same, else both versions are kept.
    #[allow(clippy::too_many_arguments)]
    fn both_changed(
        &mut self,
        id: ArticleId,
        article: &Article,
        seq: i64,
        galley_hash: ContentHash,
        no_record: bool,
        path: String,
        file_hash: ContentHash,
        fields: ArticleFields,
        needs_id: bool,
    ) -> Result<()> {
        let headline = article.fields.headline.clone();
        let agreed = |file_hash| MirrorRecord {
            article: id,
            path: path.clone(),
            file_hash: Some(file_hash),
            article_hash: galley_hash,
            change_seq: seq,
            conflict: None,
        };
        if same_words(&fields, &article.fields) {
            // Both sides say the same (or the file caught up with Galley): in step again.
            self.records.push(agreed(file_hash));
        } else if no_record && !needs_id && self.in_history(id, &fields)? {
            // No record of the last agreement (the folder was just linked), but the file holds a
            // version Galley already keeps: Galley's is the newer, and writing it loses nothing.
            let text = file_text(article);
            let written = self.try_write(&path, Some(file_hash), &text);
            self.records.push(agreed(if written { galley_hash } else { file_hash }));
            if written {
                self.changes.push(Change::Wrote { path, id, headline });
            }
        } else {
            let revision = self.library.keep_conflicting_version(id, fields)?;
            self.records.push(MirrorRecord {
                conflict: Some(MirrorConflict::Changed { revision }),
                ..agreed(file_hash)
            });
            self.changes.push(Change::Conflict { path, id, headline, revision: Some(revision) });
        }
        Ok(())
    }

    /// An article's file is gone (deleted, or moved out of the folder).
    fn file_deleted(&mut self, record: MirrorRecord) -> Result<()> {
        let id = record.article;
        let Some((article, seq)) = self.article(id)? else { return Ok(()) };
        self.touched.insert(id);
        let galley_hash = hash(file_text(&article).as_bytes());
        let headline = article.fields.headline.clone();
        if record.article_hash == galley_hash && record.conflict.is_none() {
            let spiked = if article.fields.status == Status::Spiked {
                Some((article, seq))
            } else {
                self.library.apply_external_edit(id, seq, spiked(article.fields))?
            };
            if let Some((spiked, spiked_seq)) = spiked {
                self.records.push(MirrorRecord {
                    file_hash: None,
                    article_hash: hash(file_text(&spiked).as_bytes()),
                    change_seq: spiked_seq,
                    conflict: None,
                    ..record.clone()
                });
                self.changes.push(Change::Spiked { path: record.path, id, headline });
                return Ok(());
            }
            // Galley changed it a moment ago: a conflict, as below.
        }
        let Some((article, seq)) = self.article(id)? else { return Ok(()) };
        self.records.push(MirrorRecord {
            file_hash: None,
            article_hash: hash(file_text(&article).as_bytes()),
            change_seq: seq,
            conflict: Some(MirrorConflict::Deleted),
            ..record.clone()
        });
        self.changes.push(Change::Conflict { path: record.path, id, headline, revision: None });
        Ok(())
    }

    /// New files become articles, in one batch, each stored with its file's record.
    fn create(&mut self, new_files: Vec<NewFile>) -> Result<()> {
        if new_files.is_empty() {
            return Ok(());
        }
        let files: Vec<(Draft, String, ContentHash)> = new_files
            .iter()
            .map(|new| {
                let mut draft = new.version.draft.clone();
                if new.give_id {
                    // A copy carries its original's id and slug: it gets its own of both.
                    draft.id = None;
                    draft.fields.slug.clear();
                }
                (draft, new.version.path.clone(), new.version.hash)
            })
            .collect();
        let results = self.library.create_from_files(files, |article| hash(file_text(article).as_bytes()))?;
        let mut created = Vec::new();
        for (new, result) in new_files.into_iter().zip(results) {
            match result {
                Ok(stored) => {
                    // A file without an id gets one line, its id; nothing else of it changes.
                    let text =
                        if new.give_id { text_with_id(&new.version, &stored.article) } else { String::new() };
                    created.push((new, stored, text));
                }
                Err(err) => self.problem(&new.version.path, Some(new.version.hash), err.to_string()),
            }
        }
        // Ids are written into files side by side: each write waits for the disk, not the processor.
        let writes: Vec<(&str, ContentHash, &str)> = created
            .iter()
            .filter(|(new, ..)| new.give_id)
            .map(|(new, _, text)| (new.version.path.as_str(), new.version.hash, text.as_str()))
            .collect();
        let outcomes = write_all_if_unchanged(self.folder, &writes);
        for (new, stored, text) in created {
            let path = new.version.path;
            let article = stored.article;
            self.touched.insert(article.id);
            let given_id = match outcomes.get(&path) {
                Some(Ok(written)) => *written,
                Some(Err(err)) => {
                    // The article is stored; its file keeps its bytes and gets its id next time.
                    let message = format!("the article's id could not be written into the file: {err}");
                    self.problem(&path, None, message);
                    false
                }
                None => false,
            };
            if given_id {
                self.records.push(MirrorRecord {
                    article: article.id,
                    path: path.clone(),
                    file_hash: Some(hash(text.as_bytes())),
                    article_hash: hash(file_text(&article).as_bytes()),
                    change_seq: stored.change_seq,
                    conflict: None,
                });
                self.written.push(path.clone());
            }
            self.changes.push(Change::Created {
                path,
                id: article.id,
                headline: article.fields.headline,
                given_id,
            });
        }
        Ok(())
    }

    /// Carries these articles' changes (if they have any) to the folder.
    fn store_changes(&mut self, articles: Vec<ArticleId>) -> Result<()> {
        for id in articles {
            if !self.touched.insert(id) {
                continue;
            }
            let Some((article, seq)) = self.article(id)? else { continue };
            let text = file_text(&article);
            let galley_hash = hash(text.as_bytes());
            let spiked = article.fields.status == Status::Spiked;
            let Some(record) = self.record_of(id)? else {
                if !spiked {
                    let path = self.fresh_path(&article, &text)?;
                    self.write_article(&article, seq, &path, None, &text);
                }
                continue;
            };
            if record.conflict.is_some() {
                continue;
            }
            if record.article_hash == galley_hash {
                // A change that leaves the file as it is (the note): the record catches up.
                if record.change_seq < seq {
                    self.records.push(MirrorRecord { change_seq: seq, ..record });
                }
                continue;
            }
            let on_disk = match self.folder.read(&record.path) {
                Ok(bytes) => bytes,
                Err(err) => {
                    self.problem(&record.path, None, err.to_string());
                    continue;
                }
            };
            if on_disk.as_deref().map(hash) != record.file_hash {
                // The file changed too and its event has not come yet: read it now.
                self.touched.remove(&id);
                self.files(BTreeSet::from([record.path.clone()]))?;
                continue;
            }
            if spiked {
                if record.file_hash.is_some() {
                    if !self.try_remove(&record.path, record.file_hash) {
                        continue;
                    }
                    self.changes.push(Change::Removed {
                        path: record.path.clone(),
                        id,
                        headline: article.fields.headline.clone(),
                    });
                }
                self.records.push(MirrorRecord {
                    file_hash: None,
                    article_hash: galley_hash,
                    change_seq: seq,
                    ..record
                });
            } else {
                self.write_article(&article, seq, &record.path, record.file_hash, &text);
            }
        }
        Ok(())
    }

    /// Whether one of the article's revisions says what the file says.
    fn in_history(&self, id: ArticleId, file: &ArticleFields) -> Result<bool> {
        let key = id.to_string();
        for revision in self.library.revisions(&key)? {
            if same_words(file, &self.library.revision(&key, revision.number)?.fields) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Settles a conflict the way the user chose. A file that changed again since the conflict
    /// was found (or cannot be read now) is not touched: the conflict stays.
    fn settle(&mut self, record: MirrorRecord, kept: Kept) -> Result<()> {
        let id = record.article;
        let Some((article, seq)) = self.article(id)? else { return Ok(()) };
        if self.folder.hash_of(&record.path).ok() != Some(record.file_hash) {
            return Ok(());
        }
        self.touched.insert(id);
        let chosen = match (kept, record.conflict) {
            (Kept::Galley, _) => Some((article, seq)),
            (Kept::File, Some(MirrorConflict::Changed { revision })) => {
                let version = self.library.revision(&id.to_string(), revision)?;
                self.library.apply_external_edit(id, seq, version.fields)?
            }
            (Kept::File, _) => self.library.apply_external_edit(id, seq, spiked(article.fields))?,
        };
        // Galley changed it while the user chose: they choose again, on what is there now.
        let Some((current, current_seq)) = chosen else { return Ok(()) };
        let text = file_text(&current);
        let galley_hash = hash(text.as_bytes());
        let file_hash = if current.fields.status == Status::Spiked {
            if !self.try_remove(&record.path, record.file_hash) {
                return Ok(());
            }
            None
        } else if kept == Kept::File {
            // The file already holds the version chosen.
            record.file_hash
        } else if self.try_write(&record.path, record.file_hash, &text) {
            Some(galley_hash)
        } else {
            return Ok(());
        };
        self.records.push(MirrorRecord {
            article: id,
            path: record.path.clone(),
            file_hash,
            article_hash: galley_hash,
            change_seq: current_seq,
            conflict: None,
        });
        self.changes.push(Change::Resolved {
            path: record.path,
            id,
            headline: current.fields.headline,
            kept,
        });
        Ok(())
    }

    /// Writes an article's file (unless the file changed meanwhile) and records it.
    fn write_article(
        &mut self,
        article: &Article,
        seq: i64,
        path: &str,
        expected: Option<ContentHash>,
        text: &str,
    ) {
        if !self.try_write(path, expected, text) {
            // Someone wrote the file just now (the next pass reads it), or it failed (reported).
            return;
        }
        let file_hash = hash(text.as_bytes());
        self.records.push(MirrorRecord {
            article: article.id,
            path: path.to_owned(),
            file_hash: Some(file_hash),
            article_hash: file_hash,
            change_seq: seq,
            conflict: None,
        });
        self.changes.push(Change::Wrote {
            path: path.to_owned(),
            id: article.id,
            headline: article.fields.headline.clone(),
        });
    }

    /// Writes `text` to the file unless someone changed it (see [`write_if_unchanged`]); returns
    /// whether the file now holds `text`. A failure to write is reported for the file, not the
    /// pass: the other files go on.
    fn try_write(&mut self, path: &str, expected: Option<ContentHash>, text: &str) -> bool {
        match write_if_unchanged(self.folder, path, expected, text) {
            Ok(wrote) => {
                if wrote {
                    self.written.push(path.to_owned());
                }
                wrote
            }
            Err(err) => {
                self.problem(path, None, format!("Galley could not write the file: {err}"));
                false
            }
        }
    }

    /// Removes a spiked article's file if it still holds what was recorded; whether it is gone.
    fn try_remove(&mut self, path: &str, expected: Option<ContentHash>) -> bool {
        match self.folder.hash_of(path) {
            Ok(None) => true,
            Ok(now) if now == expected => match self.folder.remove(path) {
                Ok(()) => true,
                Err(err) => {
                    self.problem(path, None, format!("Galley could not remove the file: {err}"));
                    false
                }
            },
            // Changed since: the next pass reads it.
            Ok(_) => false,
            Err(err) => {
                self.problem(path, None, err.to_string());
                false
            }
        }
    }

    /// A file name for an article that has none yet: `<slug>.md`, numbered when taken. A file
    /// that already holds exactly the article (a pass interrupted after writing it) is taken.
    /// The name is one every system can hold, and no other name in the folder or in the records
    /// equals it once case is folded and Unicode composed (`file_name`).
    fn fresh_path(&mut self, article: &Article, text: &str) -> Result<String> {
        let slug = article.fields.slug.as_str();
        // Stored slugs are checked; the fallback keeps the loop below finite whatever comes.
        let base = if galley_core::model::slug::is_valid_slug(slug) { slug } else { "article" };
        if self.taken.is_none() {
            let mut taken = Taken::in_folder(self.folder)
                .map_err(|source| Error::Io { path: self.folder.root().to_owned(), source })?;
            for record in self.library.mirror_records()?.iter().chain(&self.records) {
                taken.insert(&record.path);
            }
            self.taken = Some(taken);
        }
        for n in 1.. {
            let path = if n == 1 { format!("{base}.md") } else { format!("{base}-{n}.md") };
            if file_name::windows_refuses(&path).is_some()
                || self.library.mirror_record_at(&path)?.is_some()
                || self.records.iter().any(|r| r.path == path)
            {
                continue;
            }
            // A name held by something Galley cannot read (a huge file, a link, a pipe) is taken
            // like any other: that entry's problem is not this article's.
            let taken = self.taken.as_mut().expect("read above");
            match self.folder.read(&path) {
                Ok(None) if !taken.holds(&path) => {
                    taken.insert(&path);
                    return Ok(path);
                }
                Ok(Some(bytes)) if bytes == text.as_bytes() => return Ok(path),
                Ok(_) | Err(_) => {}
            }
        }
        unreachable!("some numbered name is free")
    }

    /// The article with its `change_seq`; `None` when it is not in the store.
    fn article(&self, id: ArticleId) -> Result<Option<(Article, i64)>> {
        match self.library.article_with_change(&id.to_string()) {
            Ok(found) => Ok(Some(found)),
            Err(galley_core::Error::Store(galley_core::StoreError::NotFound(_))) => Ok(None),
            Err(err) => Err(err.into()),
        }
    }

    /// Notes a file that cannot be read; reported once per version of the file.
    fn problem(&mut self, path: &str, file_hash: Option<ContentHash>, message: String) {
        let known = self.problems.get(path);
        let reported = match file_hash {
            Some(_) => known.is_some_and(|(known, _)| *known == file_hash),
            // An entry that cannot be read at all: reported again only when why changes.
            None => known.is_some_and(|(known, why)| known.is_none() && *why == message),
        };
        if reported {
            return;
        }
        self.problems.insert(path.to_owned(), (file_hash, message.clone()));
        self.changes.push(Change::Problem { path: path.to_owned(), message });
    }

    /// The record of the file at `path`.
    fn record_at(&self, path: &str) -> Result<Option<MirrorRecord>> {
        match &self.known {
            Some(known) => Ok(known.by_path.get(path).cloned()),
            None => Ok(self.library.mirror_record_at(path)?),
        }
    }

    /// The record of an article.
    fn record_of(&self, id: ArticleId) -> Result<Option<MirrorRecord>> {
        match &self.known {
            Some(known) => Ok(known.path_of.get(&id).and_then(|path| known.by_path.get(path)).cloned()),
            None => Ok(self.library.mirror_record(id)?),
        }
    }

    fn flush_records(&mut self) -> Result<()> {
        // Records change now: what was read at the start is out of date.
        self.known = None;
        if !self.records.is_empty() {
            self.library.put_mirror_records(&self.records)?;
            self.records.clear();
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<Change>> {
        self.flush_records()?;
        self.folder.sync_folders(self.written.iter().map(String::as_str));
        Ok(self.changes)
    }

    /// Fails when the folder is not there (or no longer holds its marker: an empty mount point).
    fn check_folder(&self) -> Result<()> {
        check_folder(self.folder, self.library)
    }
}
