//! Places a store must not live. SQLite's write-ahead log needs a local disk whose file locks hold
//! and whose writes land in order. A sync client (Dropbox, OneDrive, Nextcloud, Google Drive,
//! iCloud, Syncthing) copies the store and its log one file at a time whenever it likes, and can
//! put an older log beside a newer store on another machine, or replace the store under a running
//! app; a network share's locks are not kept reliably. Either can damage the store. Galley
//! cannot make such a place safe: it says so, and offers to move the store (`store_move.rs`).
//!
//! Found: sync folders by the marks their clients leave in the folder they sync (or its name), on
//! every OS; network file systems by the file system's type on Linux and macOS, and by a UNC path
//! on Windows: the folder is canonicalized first, and Windows resolves a drive letter mapped to a
//! share to the share's `\\?\UNC\server\share` path (std's `canonicalize` asks
//! `GetFinalPathNameByHandleW`, as the MSVC STL's `canonical` and Java 24's `getCanonicalPath`,
//! whose users report that very change for mapped drives).

use std::path::{Path, PathBuf};

use serde::Serialize;

/// Why the store's place is unsafe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StorePlaceRisk {
    /// Inside a folder a sync client keeps in step with other machines.
    SyncFolder {
        /// The service, as its users call it ("Dropbox").
        service: String,
        /// The folder it syncs.
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        folder: PathBuf,
    },
    /// On a network share.
    NetworkDrive {
        /// The file system ("nfs", "smb").
        file_system: String,
    },
}

impl StorePlaceRisk {
    /// The risk in a few words, for a message: "it is in a folder Dropbox syncs (/home/me/Dropbox)".
    pub fn describe(&self) -> String {
        match self {
            StorePlaceRisk::SyncFolder { service, folder } => {
                format!("it is in a folder {service} syncs ({}), which can damage a store", folder.display())
            }
            StorePlaceRisk::NetworkDrive { file_system } => {
                format!("it is on a network drive ({file_system}), which can damage a store")
            }
        }
    }
}

/// What is unsafe about keeping a store at `store`, if anything. The store need not exist yet;
/// its folder is looked at (the nearest one that exists).
pub fn store_place_risk(store: &Path) -> Option<StorePlaceRisk> {
    let folder = store.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let folder = folder.ancestors().find_map(|f| f.canonicalize().ok())?;
    sync_folder(&folder).or_else(|| network_drive(&folder))
}

/// The sync client's folder that holds `folder`, from the marks clients leave or its name.
fn sync_folder(folder: &Path) -> Option<StorePlaceRisk> {
    let found = |service: &str, at: &Path| StorePlaceRisk::SyncFolder {
        service: service.into(),
        folder: at.to_owned(),
    };
    for at in folder.ancestors() {
        let has = |name: &str| at.join(name).exists();
        if has(".dropbox") || has(".dropbox.cache") {
            return Some(found("Dropbox", at));
        }
        if has(".stfolder") {
            return Some(found("Syncthing", at));
        }
        // One look through the folder for the Nextcloud client's journal (`.sync_*.db`, `._sync_*.db`).
        let journal =
            |name: &str| (name.starts_with(".sync_") || name.starts_with("._sync_")) && name.ends_with(".db");
        if has(".owncloudsync.log") || has_entry_like(at, journal) {
            return Some(found("Nextcloud", at));
        }
        let name = at.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name == "OneDrive" || name.starts_with("OneDrive - ") {
            return Some(found("OneDrive", at));
        }
        if name == "Google Drive" || name == "My Drive" || name.starts_with("GoogleDrive-") {
            return Some(found("Google Drive", at));
        }
        if name == "Mobile Documents" || name == "iCloud Drive" {
            return Some(found("iCloud", at));
        }
        if name == "Dropbox" || name.starts_with("Dropbox (") || name.starts_with("Dropbox-") {
            return Some(found("Dropbox", at));
        }
    }
    None
}

/// Whether the folder `at` holds an entry whose name passes `test` (the first 10,000 entries are
/// looked at: a sync client's marks sit at the top of a folder a person made).
fn has_entry_like(at: &Path, test: impl Fn(&str) -> bool) -> bool {
    std::fs::read_dir(at).is_ok_and(|entries| {
        entries.take(10_000).flatten().any(|entry| test(&entry.file_name().to_string_lossy()))
    })
}

/// The network file system `folder` is on, if it is on one.
#[cfg(target_os = "linux")]
fn network_drive(folder: &Path) -> Option<StorePlaceRisk> {
    let stats = rustix::fs::statfs(folder).ok()?;
    #[allow(clippy::useless_conversion, clippy::unnecessary_cast)]
    let magic = stats.f_type as u64;
    network_file_system(magic).map(|name| StorePlaceRisk::NetworkDrive { file_system: name.into() })
}

/// The network file system with Linux's magic number `magic` (from `statfs(2)`).
#[cfg(any(target_os = "linux", test))]
fn network_file_system(magic: u64) -> Option<&'static str> {
    Some(match magic {
        0x6969 => "nfs",
        0x517B | 0xFF53_4D42 | 0xFE53_4D42 => "smb",
        0x0102_1997 => "9p",
        0x5346_414F => "afs",
        0x7375_7245 => "coda",
        0x00C3_6400 => "ceph",
        0x0BD0_0BD0 => "lustre",
        _ => return None,
    })
}

/// The network file system `folder` is on, if it is on one.
#[cfg(target_os = "macos")]
fn network_drive(folder: &Path) -> Option<StorePlaceRisk> {
    let stats = rustix::fs::statfs(folder).ok()?;
    let name: Vec<u8> = stats.f_fstypename.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
    let name = String::from_utf8_lossy(&name).into_owned();
    ["smbfs", "nfs", "afpfs", "webdav", "cifs"]
        .contains(&name.as_str())
        .then_some(StorePlaceRisk::NetworkDrive { file_system: name })
}

/// A store on a share: its canonical folder is a UNC path (`\\server\share\…`, or
/// `\\?\UNC\server\share\…` as `canonicalize` gives it, also for a drive letter mapped to a share).
#[cfg(windows)]
fn network_drive(folder: &Path) -> Option<StorePlaceRisk> {
    use std::path::{Component, Prefix};
    match folder.components().next() {
        Some(Component::Prefix(prefix))
            if matches!(prefix.kind(), Prefix::UNC(..) | Prefix::VerbatimUNC(..)) =>
        {
            Some(StorePlaceRisk::NetworkDrive { file_system: "smb".into() })
        }
        _ => None,
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
fn network_drive(_folder: &Path) -> Option<StorePlaceRisk> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn risk_in(make: impl Fn(&Path) -> PathBuf) -> Option<StorePlaceRisk> {
        let dir = tempfile::tempdir().unwrap();
        let folder = make(dir.path());
        std::fs::create_dir_all(&folder).unwrap();
        store_place_risk(&folder.join("Редакция").join("galley.sqlite3")).map(|risk| match risk {
            StorePlaceRisk::SyncFolder { service, folder } => StorePlaceRisk::SyncFolder {
                service,
                folder: folder.strip_prefix(dir.path().canonicalize().unwrap()).unwrap().to_owned(),
            },
            other => other,
        })
    }

    fn synced(service: &str, folder: &str) -> Option<StorePlaceRisk> {
        Some(StorePlaceRisk::SyncFolder { service: service.into(), folder: folder.into() })
    }

    #[test]
    fn a_store_in_a_folder_a_sync_client_keeps_is_found_by_its_marks_or_name() {
        let marked = |mark: &'static str| {
            move |root: &Path| {
                std::fs::create_dir_all(root.join("sync").join(mark)).unwrap();
                root.join("sync").join("Статьи")
            }
        };
        assert_eq!(risk_in(marked(".dropbox.cache")), synced("Dropbox", "sync"));
        assert_eq!(risk_in(marked(".stfolder")), synced("Syncthing", "sync"));
        assert_eq!(risk_in(marked(".sync_5f3a.db")), synced("Nextcloud", "sync"));
        assert_eq!(
            risk_in(|root| root.join("OneDrive - Редакция").join("Документы")),
            synced("OneDrive", "OneDrive - Редакция")
        );
        assert_eq!(
            risk_in(|root| root.join("Library/Mobile Documents/com~apple~CloudDocs")),
            synced("iCloud", "Library/Mobile Documents")
        );
        assert_eq!(risk_in(|root| root.join("Documents")), None, "a folder of one's own is fine");
    }

    #[test]
    fn network_file_systems_are_known_by_their_type() {
        assert_eq!(network_file_system(0x6969), Some("nfs"));
        assert_eq!(network_file_system(0xFF53_4D42), Some("smb"));
        assert_eq!(network_file_system(0xEF53), None, "ext4 is a local disk");
        assert_eq!(network_file_system(0x0102_1994), None, "tmpfs is local");
    }
}
