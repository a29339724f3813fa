//! Reading files that come from outside (an import, an image, a mirror folder that other people
//! write to) without trusting them: only a regular file is read, never a pipe, socket or device
//! (a pipe would block the read forever, `/dev/zero` would fill the memory), a link is followed
//! only when the caller allows it, and no more than a limit is read, whatever the file's size said
//! when it was looked at.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Whether a symbolic link at the file's name is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// The user picked the file: a link is theirs to choose.
    Follow,
    /// A folder others write to: a link could point anywhere, so it is refused.
    Refuse,
}

/// A regular file opened to be read, with its size when opened. Refused with an
/// [`io::ErrorKind::InvalidData`] error saying why: a pipe, socket or device, or (with
/// [`Links::Refuse`]) a link.
pub fn open_regular_file(path: &Path, links: Links) -> io::Result<(File, u64)> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a pipe without O_NONBLOCK waits for a writer; on a regular file it changes nothing.
        let no_follow = if links == Links::Refuse { libc::O_NOFOLLOW } else { 0 };
        options.custom_flags(libc::O_NONBLOCK | no_follow);
    }
    #[cfg(windows)]
    if links == Links::Refuse {
        use std::os::windows::fs::OpenOptionsExt;
        // FILE_FLAG_OPEN_REPARSE_POINT: the link itself is opened, and refused below.
        options.custom_flags(0x0020_0000);
    }
    let file = options.open(path).map_err(|err| {
        #[cfg(unix)]
        if links == Links::Refuse && err.raw_os_error() == Some(libc::ELOOP) {
            return link_refused();
        }
        err
    })?;
    // What was opened, which may not be what a look at the name saw a moment before.
    let meta = file.metadata()?;
    if meta.is_symlink() {
        return Err(link_refused());
    }
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "not a regular file (a pipe, socket or device): Galley reads only files",
        ));
    }
    Ok((file, meta.len()))
}

/// Reads an opened file to its end, failing with `too_large` (given the bytes seen, at most
/// `limit + 1`) when it holds more than `limit` bytes: a file that grew since it was looked at
/// is read no further than that.
pub fn read_at_most(file: File, limit: u64, too_large: impl FnOnce(u64) -> io::Error) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The refusal of a link in a folder others write to.
pub fn link_refused() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "a symbolic link: Galley does not follow links in a mirror folder (they could point outside it); \
         put the file itself here",
    )
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_pipe_or_a_device_is_refused_without_blocking_or_reading() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("x.md");
        assert!(std::process::Command::new("mkfifo").arg(&pipe).status().unwrap().success());
        for path in [pipe.as_path(), Path::new("/dev/zero")] {
            let err = open_regular_file(path, Links::Follow).unwrap_err();
            assert!(err.to_string().contains("not a regular file"), "{}: {err}", path.display());
        }
    }

    #[test]
    fn a_link_is_followed_only_when_allowed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "текст").unwrap();
        std::os::unix::fs::symlink(dir.path().join("a.md"), dir.path().join("b.md")).unwrap();
        let (file, len) = open_regular_file(&dir.path().join("b.md"), Links::Follow).unwrap();
        assert_eq!(read_at_most(file, len, |_| unreachable!()).unwrap(), "текст".as_bytes());
        let err = open_regular_file(&dir.path().join("b.md"), Links::Refuse).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
    }

    #[test]
    fn no_more_than_the_limit_is_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "0123456789").unwrap();
        let (file, _) = open_regular_file(&dir.path().join("a.md"), Links::Refuse).unwrap();
        let err = read_at_most(file, 4, |seen| io::Error::other(format!("saw {seen}"))).unwrap_err();
        assert_eq!(err.to_string(), "saw 5");
    }
}
