//! The folder's side: which files are mirrored, reading them with their hashes, and writing them
//! atomically.
//!
//! A mirror folder is shared with other people (git, Dropbox, Nextcloud, Syncthing), so what is in
//! it is untrusted. Galley never follows a symbolic link there (a link named `x.md`, or a folder
//! swapped for a link, could point at `~/.ssh` or `/dev/zero`), never opens anything but a regular
//! file (a pipe named `x.md` would block a read forever while the pass holds the mirror's lock),
//! and reads at most [`galley_import::MAX_FILE_BYTES`] of a file. Each refused entry is that entry's
//! problem ([`Listing::refused`], or the error of [`Folder::read`]), never the whole folder's.

use std::io;
use std::path::{Path, PathBuf};

use galley_core::{ContentHash, Links, link_refused};

/// The BLAKE3 hash of a file's bytes.
pub fn hash(bytes: &[u8]) -> ContentHash {
    *blake3::hash(bytes).as_bytes()
}

/// Whether a path (relative, `/` between names) is one the mirror keeps: a `.md` file, not hidden
/// and not in a hidden folder (`.git`, `.obsidian`, editors' swap and temporary files).
pub fn is_mirrored(relative: &str) -> bool {
    let mut names = relative.split('/');
    let Some(name) = names.next_back() else { return false };
    let hidden = |n: &str| n.starts_with('.') || n.is_empty();
    !hidden(name)
        && names.all(|n| !hidden(n))
        && name.len() > 3
        && name.get(name.len() - 3..).is_some_and(|ext| ext.eq_ignore_ascii_case(".md"))
}

/// A mirror folder on disk.
#[derive(Debug, Clone)]
pub struct Folder {
    root: PathBuf,
}

impl Folder {
    pub fn new(root: PathBuf) -> Folder {
        Folder { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The absolute path of a relative one.
    pub fn path(&self, relative: &str) -> PathBuf {
        relative.split('/').fold(self.root.clone(), |path, name| path.join(name))
    }

    /// The relative path (with `/`) of a path inside the folder; `None` outside it or when a name
    /// is not Unicode.
    pub fn relative(&self, path: &Path) -> Option<String> {
        let rest = path.strip_prefix(&self.root).ok()?;
        let names: Option<Vec<&str>> = rest.components().map(|c| c.as_os_str().to_str()).collect();
        let names = names?;
        (!names.is_empty()).then(|| names.join("/"))
    }

    /// Every mirrored file in the folder and the folders below it (hidden folders left out), and
    /// the entries that cannot be mirrored with why: a folder that cannot be read, a link to a
    /// folder, a name that is not Unicode. Only a folder that cannot be read at its top fails.
    pub fn list(&self) -> io::Result<Listing> {
        let mut listing = Listing::default();
        self.list_under(&self.root, &mut listing)?;
        listing.files.sort();
        Ok(listing)
    }

    /// The mirrored files at or below `relative` (a file or a folder), and the entries refused
    /// there.
    pub fn list_at(&self, relative: &str) -> io::Result<Listing> {
        let mut listing = Listing::default();
        let path = match self.confined(relative) {
            Ok(path) => path,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(listing),
            Err(err) => {
                listing.refuse(relative.to_owned(), err.to_string());
                return Ok(listing);
            }
        };
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => self.list_under(&path, &mut listing)?,
            Ok(_) if is_mirrored(relative) => listing.files.push(relative.to_owned()),
            Ok(meta) if meta.is_symlink() && points_to_folder(&path) => {
                listing.refuse(relative.to_owned(), link_refused().to_string())
            }
            Ok(_) => {}
            Err(err) if err.kind() == io::ErrorKind::NotFound => {}
            Err(err) => return Err(err),
        }
        Ok(listing)
    }

    fn list_under(&self, dir: &Path, listing: &mut Listing) -> io::Result<()> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) if dir == self.root => return Err(err),
            // A folder removed while it is read is simply empty.
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(err) => {
                listing.refuse(self.lossy_relative(dir), unreadable_folder(&err));
                return Ok(());
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    listing.refuse(self.lossy_relative(dir), unreadable_folder(&err));
                    return Ok(());
                }
            };
            let path = entry.path();
            let Ok(name) = entry.file_name().into_string() else {
                if !entry.file_name().to_string_lossy().starts_with('.') {
                    listing.refuse(self.lossy_relative(&path), NAME_NOT_UNICODE);
                }
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            // The entry itself, never what a link points to.
            let kind = match entry.file_type() {
                Ok(kind) => kind,
                Err(err) => {
                    listing.refuse(self.lossy_relative(&path), err.to_string());
                    continue;
                }
            };
            if kind.is_dir() {
                self.list_under(&path, listing)?;
            } else if let Some(relative) = self.relative(&path) {
                if is_mirrored(&relative) {
                    // Links and special files too: reading them is refused, as that file's problem.
                    listing.files.push(relative);
                } else if kind.is_symlink() && points_to_folder(&path) {
                    listing.refuse(relative, link_refused().to_string());
                }
            }
        }
        Ok(())
    }

    /// The relative path of an entry, named as well as a name that is not Unicode can be.
    fn lossy_relative(&self, path: &Path) -> String {
        path.strip_prefix(&self.root).unwrap_or(path).to_string_lossy().replace('\\', "/")
    }

    /// The absolute path of `relative` once every folder on the way to it is a real folder inside
    /// the mirror folder, not a link to another place; `NotFound` when one of them is gone.
    fn confined(&self, relative: &str) -> io::Result<PathBuf> {
        let mut path = self.root.clone();
        let mut names = relative.split('/').peekable();
        while let Some(name) = names.next() {
            if name.is_empty() || name == "." || name == ".." {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("`{relative}` is not a path inside the folder"),
                ));
            }
            path.push(name);
            if names.peek().is_some() {
                let meta = std::fs::symlink_metadata(&path)?;
                if meta.is_symlink() {
                    return Err(link_refused());
                }
                if !meta.is_dir() {
                    return Err(io::Error::new(io::ErrorKind::NotFound, "not a folder"));
                }
            }
        }
        Ok(path)
    }

    /// A file's bytes; `None` when it does not exist (or is a folder now). A link, a special
    /// file (pipe, socket, device) and a file over the import cap are refused with why, without
    /// reading them.
    pub fn read(&self, relative: &str) -> io::Result<Option<Vec<u8>>> {
        let path = match self.confined(relative) {
            Ok(path) => path,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err),
        };
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => return Ok(None),
            Ok(_) => {}
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err),
        }
        let (file, len) = match galley_core::open_regular_file(&path, Links::Refuse) {
            Ok(opened) => opened,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err),
        };
        if len > galley_import::MAX_FILE_BYTES {
            return Err(too_large(len));
        }
        let bytes = galley_core::read_at_most(file, galley_import::MAX_FILE_BYTES, too_large)?;
        Ok(Some(bytes))
    }

    /// The hash of a file as it is now; `None` when it does not exist.
    pub fn hash_of(&self, relative: &str) -> io::Result<Option<ContentHash>> {
        Ok(self.read(relative)?.map(|bytes| hash(&bytes)))
    }

    /// Writes a file so that a reader (an editor, a sync client) sees the old bytes or the new,
    /// never half: a temporary file beside it (hidden, so the mirror ignores it), flushed to disk,
    /// then renamed over. Returns whether it wrote: not when the file's folder is gone.
    #[cfg(test)]
    pub fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<bool> {
        self.write_checked(relative, bytes, || Ok(true))
    }

    /// Writes a file atomically, if `still_wanted` says so just before the rename, never creating
    /// a folder ([`galley_core::replace_file_if`]); returns whether it wrote.
    pub fn write_checked(
        &self,
        relative: &str,
        bytes: &[u8],
        still_wanted: impl FnOnce() -> io::Result<bool>,
    ) -> io::Result<bool> {
        let path = match self.confined(relative) {
            Ok(path) => path,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(false),
            Err(err) => return Err(err),
        };
        galley_core::replace_file_if(&path, bytes, still_wanted)
    }

    /// Makes the renames of a batch of writes durable (one sync of each folder written to, not
    /// one per file; not possible on Windows, where a rename is durable by itself).
    pub fn sync_folders<'a>(&self, written: impl IntoIterator<Item = &'a str>) {
        #[cfg(unix)]
        {
            let mut folders: Vec<PathBuf> = written
                .into_iter()
                .filter_map(|relative| self.path(relative).parent().map(Path::to_path_buf))
                .collect();
            folders.sort();
            folders.dedup();
            for folder in folders {
                if let Ok(dir) = std::fs::File::open(&folder) {
                    let _ = dir.sync_all();
                }
            }
        }
        #[cfg(not(unix))]
        let _ = written;
    }

    /// Removes a file; one already gone is fine.
    pub fn remove(&self, relative: &str) -> io::Result<()> {
        let path = match self.confined(relative) {
            Ok(path) => path,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(err) => return Err(err),
        };
        match std::fs::remove_file(path) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        }
    }
}

/// What a look at the folder found: the mirrored files (relative, `/` between names, sorted by
/// [`Folder::list`]) and the entries refused, each with why.
#[derive(Debug, Default)]
pub struct Listing {
    pub files: Vec<String>,
    pub refused: Vec<Refused>,
}

impl Listing {
    fn refuse(&mut self, path: String, why: impl Into<String>) {
        self.refused.push(Refused { path, why: why.into() });
    }
}

/// An entry of the folder that is not mirrored, and why (for the user).
#[derive(Debug)]
pub struct Refused {
    pub path: String,
    pub why: String,
}

const NAME_NOT_UNICODE: &str =
    "the name is not valid Unicode text, so Galley cannot keep it in step; rename it to mirror it";

fn too_large(bytes: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "the file is {} MB; Galley reads files up to {} MB",
            bytes / 1_000_000,
            galley_import::MAX_FILE_BYTES / 1_000_000
        ),
    )
}

fn unreadable_folder(err: &io::Error) -> String {
    format!("Galley cannot read this folder, so the files in it are not mirrored: {err}")
}

/// Whether a link leads to a folder (a link to a file named otherwise is simply not ours).
fn points_to_folder(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| meta.is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_visible_markdown_files_are_mirrored() {
        assert!(is_mirrored("vstrecha.md"));
        assert!(is_mirrored("Регионы/vstrecha.MD"));
        for name in [".vstrecha.md.swp", ".galley-1.tmp", ".git/x.md", "a.md~", "notes.txt", ".md", "4913"] {
            assert!(!is_mirrored(name), "{name}");
        }
    }

    #[test]
    fn lists_files_below_and_skips_hidden_folders() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Folder::new(dir.path().to_owned());
        std::fs::create_dir_all(dir.path().join("Регионы")).unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        folder.write("a.md", b"a").unwrap();
        folder.write("Регионы/b.md", b"b").unwrap();
        folder.write(".git/c.md", b"c").unwrap();
        assert!(!folder.write("Архив/d.md", b"d").unwrap(), "a missing folder is not created");
        assert!(!dir.path().join("Архив").exists());
        std::fs::write(dir.path().join("d.txt"), "d").unwrap();
        assert_eq!(folder.list().unwrap().files, ["a.md", "Регионы/b.md"]);
        assert_eq!(folder.list_at("Регионы").unwrap().files, ["Регионы/b.md"]);
        assert_eq!(folder.read("missing.md").unwrap(), None);
        assert_eq!(folder.read("a.md").unwrap().unwrap(), b"a");
    }
}
