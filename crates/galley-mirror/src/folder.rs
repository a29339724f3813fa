//! The folder's side: which files are mirrored, reading them with their hashes, and writing them
//! atomically.

use std::io;
use std::path::{Path, PathBuf};

use galley_core::ContentHash;

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

    /// Every mirrored file in the folder and the folders below it (hidden folders left out; links
    /// to folders are not followed, so a loop cannot trap the scan).
    pub fn list(&self) -> io::Result<Vec<String>> {
        let mut files = Vec::new();
        self.list_under(&self.root, &mut files)?;
        files.sort();
        Ok(files)
    }

    /// The mirrored files at or below `relative` (a file or a folder).
    pub fn list_at(&self, relative: &str) -> io::Result<Vec<String>> {
        let path = self.path(relative);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                let mut files = Vec::new();
                self.list_under(&path, &mut files)?;
                Ok(files)
            }
            Ok(_) if is_mirrored(relative) => Ok(vec![relative.to_owned()]),
            Ok(_) => Ok(Vec::new()),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(err) => Err(err),
        }
    }

    fn list_under(&self, dir: &Path, files: &mut Vec<String>) -> io::Result<()> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            // A folder removed while it is read is simply empty.
            Err(err) if err.kind() == io::ErrorKind::NotFound && dir != self.root => return Ok(()),
            Err(err) => return Err(err),
        };
        for entry in entries {
            let entry = entry?;
            let Ok(name) = entry.file_name().into_string() else { continue };
            if name.starts_with('.') {
                continue;
            }
            let kind = entry.file_type()?;
            if kind.is_dir() {
                self.list_under(&entry.path(), files)?;
            } else if (kind.is_file() || kind.is_symlink())
                && let Some(relative) = self.relative(&entry.path())
                && is_mirrored(&relative)
            {
                files.push(relative);
            }
        }
        Ok(())
    }

    /// A file's bytes; `None` when it does not exist (or is a folder now).
    pub fn read(&self, relative: &str) -> io::Result<Option<Vec<u8>>> {
        let path = self.path(relative);
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => return Ok(None),
            Ok(meta) if meta.len() > galley_import::MAX_FILE_BYTES => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "the file is {} MB; Galley reads files up to {} MB",
                        meta.len() / 1_000_000,
                        galley_import::MAX_FILE_BYTES / 1_000_000
                    ),
                ));
            }
            Ok(_) => {}
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err),
        }
        match std::fs::read(&path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(err),
        }
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
        galley_core::replace_file_if(&self.path(relative), bytes, still_wanted)
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
        match std::fs::remove_file(self.path(relative)) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        }
    }
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
        assert_eq!(folder.list().unwrap(), ["a.md", "Регионы/b.md"]);
        assert_eq!(folder.list_at("Регионы").unwrap(), ["Регионы/b.md"]);
        assert_eq!(folder.read("missing.md").unwrap(), None);
        assert_eq!(folder.read("a.md").unwrap().unwrap(), b"a");
    }
}
