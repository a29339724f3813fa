//! Writing files so that a reader sees the whole old file or the whole new one, never half.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk, then renames it over
/// `path`. A crash or a full disk leaves the old file as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source: std::io::Error| Error::Io {
        path: path.to_owned(),
        source: std::io::Error::new(source.kind(), format!("could not write the file: {source}")),
    };
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !replace_file_if(path, bytes, || Ok(true)).map_err(io)? {
        return Err(io(std::io::Error::new(std::io::ErrorKind::NotFound, "the folder does not exist")));
    }
    // The rename itself is made durable by syncing the folder (not possible on Windows).
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// The atomic write of [`write_atomically`] (without syncing the folder: a caller writing many
/// files syncs each folder once), with `still_wanted` asked after the new bytes are on disk and
/// just before the rename: when it says no, nothing is replaced, which keeps the window in which
/// another program's save could be overwritten to the rename itself. Returns whether it wrote; a
/// folder that is missing is never created (it was moved or deleted a moment ago, and writing
/// would bring it back), and is no write.
///
/// An error leaves the file as it was and no temporary file behind; its message says so, and says
/// what went wrong in words for people when the drive is full, read-only or failing.
pub fn replace_file_if(
    path: &Path,
    bytes: &[u8],
    still_wanted: impl FnOnce() -> std::io::Result<bool>,
) -> std::io::Result<bool> {
    replace(path, bytes, still_wanted).map_err(|err| {
        std::io::Error::new(
            err.kind(),
            format!("{}; the file on disk was left as it was", galley_store::io_problem(&err)),
        )
    })
}

fn replace(
    path: &Path,
    bytes: &[u8],
    still_wanted: impl FnOnce() -> std::io::Result<bool>,
) -> std::io::Result<bool> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let gone = |err: &std::io::Error| err.kind() == std::io::ErrorKind::NotFound;
    let mut temp = match tempfile::Builder::new().prefix(".galley-").suffix(".tmp").tempfile_in(folder) {
        Ok(temp) => temp,
        Err(err) if gone(&err) => return Ok(false),
        Err(err) => return Err(err),
    };
    // On the file itself: its errors are the system's, not wrapped with the temporary's name.
    temp.as_file_mut().write_all(bytes)?;
    // A temporary file is private (0600); the file it becomes keeps the old file's permissions,
    // or gets the usual ones for a new document.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::metadata(path)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
        temp.as_file().set_permissions(permissions)?;
    }
    temp.as_file().sync_all()?;
    if !still_wanted()? {
        return Ok(false);
    }
    match temp.persist(path) {
        Ok(_) => Ok(true),
        Err(err) if gone(&err.error) => Ok(false),
        Err(err) => Err(err.error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_whole_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.html");
        write_atomically(&path, b"old").unwrap();
        write_atomically(&path, "новое".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "новое");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a.html"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o644);
        }
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file() {
        let err = write_atomically(Path::new("/nonexistent-galley-folder/a.html"), b"x").unwrap_err();
        assert!(err.to_string().contains("/nonexistent-galley-folder/a.html"), "{err}");
    }
}
