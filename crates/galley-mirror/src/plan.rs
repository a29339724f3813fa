//! What linking a folder would change, found before anything is written.
//!
//! A folder linked is a folder Galley writes into: files without an id get one, the store's
//! articles become files. The plan says so first, file by file, so the desk and the CLI can ask
//! before a Hugo site or an Obsidian vault is touched. It reads what a first pass would read and
//! decides as it would, without writing a byte or linking.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use galley_core::Library;
use galley_core::model::{ArticleId, Status, Timestamp, markdown_file};
use galley_import::Format;

use crate::folder::{Folder, Refused};
use crate::mirror::{FileProblem, same_words};
use crate::{Error, Result};

/// What linking a folder would change.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LinkPlan {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub folder: PathBuf,
    /// The `.md` files in the folder (not hidden, not in hidden folders).
    pub files: usize,
    /// Files that become articles and get their id as one line (a file without front matter
    /// gets front matter of that line alone), every other byte left as it is.
    pub id_added: Vec<String>,
    /// Files that become articles and are written whole as Galley writes them: a copy carrying
    /// another file's id (it gets its own), or a file that is not UTF-8 or would not read back the
    /// same with the id line added. Galley's keys the file had no key for stay out of it.
    pub rewritten: Vec<String>,
    /// Files already carrying the id of an article of the store that says something else: the
    /// store's version is written when the file holds an older one of it, else both are kept and
    /// the user chooses (a conflict; the file is not touched).
    pub differ: Vec<String>,
    /// Files taken in as they are: they carry an id and say what the store says, or an id the
    /// store does not have yet.
    pub untouched: usize,
    /// Entries that cannot be read as articles, with why: left alone and reported.
    pub unreadable: Vec<FileProblem>,
    /// Articles of the store (not spiked) that no file holds: each becomes a new file.
    pub new_files: usize,
}

impl LinkPlan {
    /// Whether linking would write into a file that is there now.
    pub fn changes_files(&self) -> bool {
        !self.id_added.is_empty() || !self.rewritten.is_empty() || !self.differ.is_empty()
    }
}

impl crate::Mirror {
    /// What [`Mirror::link`](crate::Mirror::link) and its first pass would change in `folder`,
    /// without writing anything. A store linked to another folder is refused, as linking is.
    pub fn link_plan(library: &Library, folder: &Path) -> Result<LinkPlan> {
        let io = |source| Error::Io { path: folder.to_owned(), source };
        let folder =
            if folder.exists() { std::fs::canonicalize(folder).map_err(io)? } else { folder.to_owned() };
        if let Some(link) = library.mirror_link()?
            && link.folder != folder
        {
            return Err(Error::LinkedElsewhere { linked: link.folder, asked: folder });
        }
        Self::link_plan_replacing(library, &folder)
    }

    /// What linking `folder` would change, the folder linked now (if any) unlinked first, as the
    /// desk's settings do when another folder is chosen.
    pub fn link_plan_replacing(library: &Library, folder: &Path) -> Result<LinkPlan> {
        let io = |source| Error::Io { path: folder.to_owned(), source };
        let folder =
            if folder.exists() { std::fs::canonicalize(folder).map_err(io)? } else { folder.to_owned() };
        let mut plan = LinkPlan { folder: folder.clone(), ..LinkPlan::default() };
        let mut held: HashSet<ArticleId> = HashSet::new();
        if folder.is_dir() {
            let files = Folder::new(folder.clone());
            let listing = files.list().map_err(io)?;
            for Refused { path, why } in listing.refused {
                plan.unreadable.push(FileProblem { path, message: why });
            }
            for path in listing.files {
                plan.files += 1;
                let bytes = match files.read(&path) {
                    Ok(Some(bytes)) => bytes,
                    Ok(None) => continue,
                    Err(err) => {
                        plan.unreadable.push(FileProblem { path, message: err.to_string() });
                        continue;
                    }
                };
                let draft = match galley_import::import(&bytes, Format::Markdown) {
                    Ok(imported) => imported.draft,
                    Err(err) => {
                        plan.unreadable.push(FileProblem { path, message: err.to_string() });
                        continue;
                    }
                };
                match draft.id {
                    None => {
                        let any_id = ArticleId::new(Timestamp::UNIX_EPOCH);
                        let one_line = std::str::from_utf8(&bytes)
                            .ok()
                            .and_then(|text| markdown_file::with_id_added(text, any_id))
                            .is_some();
                        if one_line { plan.id_added.push(path) } else { plan.rewritten.push(path) }
                    }
                    Some(id) if !held.insert(id) => plan.rewritten.push(path),
                    Some(id) => match library.article(&id.to_string()) {
                        Ok(article) if !same_words(&draft.fields, &article.fields) => plan.differ.push(path),
                        _ => plan.untouched += 1,
                    },
                }
            }
        }
        plan.unreadable.sort_by(|a, b| a.path.cmp(&b.path));
        for id in library.unsynced(-1, library.last_change()?)? {
            if held.contains(&id) {
                continue;
            }
            if library.article(&id.to_string()).is_ok_and(|article| article.fields.status != Status::Spiked) {
                plan.new_files += 1;
            }
        }
        Ok(plan)
    }
}
