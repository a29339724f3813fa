//! Backups of the store: made on demand, on a schedule while the app runs, before a restore and
//! (by the store) before every schema upgrade; kept in `backups/` beside the store; thinned out by
//! age; restored into the open store after a backup of what it holds now.
//!
//! Names say when and why: `galley-20261128T153000.000Z-manual.sqlite3`, `…-scheduled`,
//! `…-before-restore`; the store's own `galley-schema-4.sqlite3` is the store as it was before
//! schema 5.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use galley_model::Timestamp;
use galley_store::{BackupFacts, ReadOnly};
use jiff::SignedDuration;
use serde::Serialize;

use crate::recovery::Recovered;
use crate::{Error, Library, Result};

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum BackupKind {
    /// Asked for (`galley-cli backup`, the app's settings).
    Manual,
    /// Made by the app while it runs; thinned out by age.
    Scheduled,
    /// The store as it was just before a backup was restored into it.
    BeforeRestore,
    /// The store as it was before a schema upgrade.
    BeforeUpgrade,
    /// The files of a store found damaged, copied byte for byte before a backup replaced it (kept
    /// for forensics; it does not pass the check a restore makes).
    Damaged,
}

impl BackupKind {
    fn suffix(self) -> &'static str {
        match self {
            BackupKind::Manual => "manual",
            BackupKind::Scheduled => "scheduled",
            BackupKind::BeforeRestore => "before-restore",
            BackupKind::BeforeUpgrade => "schema",
            BackupKind::Damaged => "damaged",
        }
    }
}

/// A backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupFile {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    pub kind: BackupKind,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: Timestamp,
    pub bytes: u64,
}

/// What a restore did: the backup of the store made first, and what the restored store holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Restored {
    /// The store as it was (for a damaged store: its files, copied as they were).
    pub safety_backup: BackupFile,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub articles: u64,
    /// For a damaged store: the articles the backup lacked, saved as `.md` files.
    pub recovered: Option<Recovered>,
}

/// To the millisecond, so two backups in one second have their own names and order.
const TIME_FORMAT: &str = "%Y%m%dT%H%M%S%.3fZ";

impl Library {
    /// Where this store's backups are kept.
    pub fn backup_folder(&self) -> PathBuf {
        galley_store::backup_folder(self.path())
    }

    /// Makes a backup: to `out` when given (a file that must not exist), else in the backup folder.
    /// A store found damaged is not backed up: the copy would pass for a good backup while
    /// missing what the damage took.
    pub fn backup(&self, kind: BackupKind, out: Option<&Path>) -> Result<BackupFile> {
        if let Some(damaged @ ReadOnly::Damaged { .. }) = self.read_only() {
            return Err(galley_store::Error::from(damaged).into());
        }
        let now = self.now();
        let path = match out {
            Some(path) => path.to_owned(),
            None => backup_path(self.path(), now, &format!("{}.sqlite3", kind.suffix())),
        };
        self.store.backup_to(&path)?;
        let bytes =
            std::fs::metadata(&path).map_err(|source| Error::Io { path: path.clone(), source })?.len();
        Ok(BackupFile { path, kind, created_at: now, bytes })
    }

    /// The backups in the backup folder, newest first.
    pub fn backups(&self) -> Result<Vec<BackupFile>> {
        backups_of(self.path())
    }

    /// Removes the scheduled backups the thinning policy no longer keeps (see [`scheduled_to_keep`])
    /// or that do not fit in their share of the disk (see [`scheduled_space`]: the oldest go
    /// first), and what a backup killed half-way left (`*.partial`, an hour old); other kinds stay
    /// until the user removes them. Returns what was removed.
    pub fn prune_backups(&self) -> Result<Vec<PathBuf>> {
        let mut removed = self.remove_partial_backups()?;
        // Newest first, as `backups` lists them.
        let scheduled: Vec<BackupFile> =
            self.backups()?.into_iter().filter(|b| b.kind == BackupKind::Scheduled).collect();
        let times: Vec<Timestamp> = scheduled.iter().map(|b| b.created_at).collect();
        let now = self.now();
        let mut keep = scheduled_to_keep(&times, now);
        // Dated in the future, and the newest of the others: never removed for space either.
        let mut always: HashSet<usize> = (0..times.len()).filter(|&i| in_the_future(times[i], now)).collect();
        always.extend((0..times.len()).find(|&i| !in_the_future(times[i], now)));
        let store_bytes = std::fs::metadata(self.path()).map(|m| m.len()).unwrap_or(0);
        let sizes: Vec<u64> = scheduled.iter().map(|b| b.bytes).collect();
        keep_within_space(&mut keep, &sizes, scheduled_space(store_bytes), &always);
        for (index, backup) in scheduled.into_iter().enumerate() {
            if !keep.contains(&index) {
                std::fs::remove_file(&backup.path)
                    .map_err(|source| Error::Io { path: backup.path.clone(), source })?;
                removed.push(backup.path);
            }
        }
        Ok(removed)
    }

    /// The app's hourly backup: made when the newest backup is an hour old or more and the store
    /// changed since: since the last one this process made (`last_change`, kept by the caller),
    /// or, before this process made one, since the newest backup (the latest change it holds,
    /// read from it; one that cannot be read counts as changed). So the app can look soon after
    /// it starts and back up what a session too short for a backup left, without a copy at every
    /// start. The scheduled backups are thinned out after. `None` when none was due.
    /// A backup dated in the future (made while the clock was ahead) is not the newest: once the
    /// clock is set right, the next check makes a backup.
    pub fn scheduled_backup(&self, last_change: &mut Option<i64>) -> Result<Option<BackupFile>> {
        if matches!(self.read_only(), Some(ReadOnly::Damaged { .. })) {
            return Ok(None);
        }
        let change = self.last_change()?;
        let now = self.now();
        // A backup dated in the future was made while the clock was ahead: counted as the newest,
        // it would hold off every backup until the clock caught up with it.
        let newest = self.backups()?.into_iter().find(|b| !in_the_future(b.created_at, now));
        let hour_old = newest
            .as_ref()
            .is_none_or(|newest| now.duration_since(newest.created_at) >= SignedDuration::from_hours(1));
        let seen = last_change.or_else(|| galley_store::last_change_in(&newest?.path).ok());
        if !hour_old || seen == Some(change) {
            return Ok(None);
        }
        let backup = self.backup(BackupKind::Scheduled, None)?;
        *last_change = Some(change);
        self.prune_backups()?;
        Ok(Some(backup))
    }

    /// `*.partial` files an hour old or more in the backup folder: backups a killed process left
    /// half-written (one being written now is younger).
    fn remove_partial_backups(&self) -> Result<Vec<PathBuf>> {
        let folder = self.backup_folder();
        let Ok(entries) = std::fs::read_dir(&folder) else { return Ok(Vec::new()) };
        let mut removed = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let old = entry
                .metadata()
                .ok()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age >= std::time::Duration::from_secs(3_600));
            if path.extension().is_some_and(|e| e == "partial") && old {
                std::fs::remove_file(&path).map_err(|source| Error::Io { path: path.clone(), source })?;
                removed.push(path);
            }
        }
        Ok(removed)
    }

    /// Replaces the store's content with a backup's, after checking the backup and backing up the
    /// store as it is now (so a restore can itself be undone).
    /// A damaged store, which cannot be backed up, has its files copied as they are instead, and
    /// the articles the backup lacks saved as `.md` files (see `recovery.rs`).
    pub fn restore_backup(&self, file: &Path) -> Result<Restored> {
        let checked = check_backup(file)?;
        let (safety_backup, recovered) = match self.read_only() {
            Some(ReadOnly::Damaged { .. }) => self.keep_damaged_store(file)?,
            _ => (self.backup(BackupKind::BeforeRestore, None)?, None),
        };
        self.store.restore_from(file, &checked)?;
        Ok(Restored { safety_backup, articles: checked.articles, recovered })
    }
}

/// The backups in the folder beside the store at `store`, newest first. Reads only the folder, so
/// it lists them also for a store too damaged to open.
pub fn backups_of(store: &Path) -> Result<Vec<BackupFile>> {
    let folder = galley_store::backup_folder(store);
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(Error::Io { path: folder, source }),
    };
    let stem = store.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut backups = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io { path: folder.clone(), source })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(meta) = entry.metadata().ok().filter(|m| m.is_file()) else { continue };
        let modified = meta.modified().ok().and_then(|t| Timestamp::try_from(t).ok());
        if let Some((kind, created_at)) =
            parse_name(&name, &stem).or_else(|| Some((upgrade(&name, &stem)?, modified?)))
        {
            backups.push(BackupFile { path: entry.path(), kind, created_at, bytes: meta.len() });
        }
    }
    backups.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| b.path.cmp(&a.path)));
    Ok(backups)
}

/// Checks that a file is a sound Galley store this version can open (without changing it), and
/// says what it holds.
pub fn check_backup(path: &Path) -> Result<BackupFacts> {
    Ok(galley_store::check_backup(path)?)
}

/// `backups/<stem>-<time>-<name>` beside the store at `store`: where a backup (or what a restore
/// keeps) made at `at` goes.
pub(crate) fn backup_path(store: &Path, at: Timestamp, name: &str) -> PathBuf {
    let stem = store.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    galley_store::backup_folder(store).join(format!("{stem}-{}-{name}", at.strftime(TIME_FORMAT)))
}

/// `<stem>-<time>-<kind>.sqlite3`.
fn parse_name(name: &str, stem: &str) -> Option<(BackupKind, Timestamp)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?.strip_suffix(".sqlite3")?;
    let (time, kind) = rest.split_once('-')?;
    let kind = [BackupKind::Manual, BackupKind::Scheduled, BackupKind::BeforeRestore, BackupKind::Damaged]
        .into_iter()
        .find(|k| k.suffix() == kind)?;
    let digits = time.strip_suffix('Z')?;
    Some((kind, Timestamp::strptime("%Y%m%dT%H%M%S%.f%z", format!("{digits}+0000")).ok()?))
}

/// `<stem>-schema-<N>[-<n>].sqlite3`, made by the store before an upgrade.
fn upgrade(name: &str, stem: &str) -> Option<BackupKind> {
    let rest = name.strip_prefix(stem)?.strip_prefix("-schema-")?.strip_suffix(".sqlite3")?;
    rest.split('-').all(|part| part.parse::<u32>().is_ok()).then_some(BackupKind::BeforeUpgrade)
}

/// The most the scheduled backups of a store of `store_bytes` may take together: four times the
/// store, or 1 GiB for a smaller one. The age policy alone would keep about forty copies, which a
/// store of gigabytes cannot afford; the newest always stays, however big.
pub fn scheduled_space(store_bytes: u64) -> u64 {
    (4 * store_bytes).max(1 << 30)
}

/// Drops from `keep` (indexes into `sizes`, newest first) the oldest backups that do not fit in
/// `space` together with the newer ones; those in `always` stay whatever their size.
fn keep_within_space(keep: &mut HashSet<usize>, sizes: &[u64], space: u64, always: &HashSet<usize>) {
    let mut used = 0;
    for (index, bytes) in sizes.iter().enumerate() {
        if keep.contains(&index) {
            used += bytes;
            if used > space && !always.contains(&index) {
                keep.remove(&index);
            }
        }
    }
}

/// How far ahead of the clock a backup's time may be and still count as made (the clock's own
/// small corrections step it back by seconds).
const FUTURE_TOLERANCE: SignedDuration = SignedDuration::from_mins(1);

/// Whether a backup made `at` is dated in the future: made while the clock was ahead. Such a
/// backup is kept, but counts for nothing: it neither makes another backup redundant nor holds
/// off the next scheduled one.
fn in_the_future(at: Timestamp, now: Timestamp) -> bool {
    at.duration_since(now) > FUTURE_TOLERANCE
}

/// Which scheduled backups to keep, by index: the newest of each of the last 25 hours that have
/// a backup, of each of the last 8 days that have one, and of each of the last 9 weeks that have
/// one (the current period and as many before it as fit in a day, a week, eight weeks: while the
/// app runs every day, the newest of each hour for a day, of each day for a week, of each week
/// for eight weeks); and every backup dated in the future.
///
/// The periods are counted over the backups themselves, never measured back from `now` (the
/// rule of restic's and borg's `--keep-hourly`, `--keep-daily`, `--keep-weekly`): only newer
/// backups make an older one redundant, so a clock that jumps ahead, or an app not opened for
/// months, removes nothing. The clock is read only to tell which backups are dated in the
/// future (made while it was ahead): those are kept and take no period's place, so that once the
/// clock is set right they do not push out the backups made after.
pub fn scheduled_to_keep(times: &[Timestamp], now: Timestamp) -> HashSet<usize> {
    const HOUR: i64 = 3_600;
    const DAY: i64 = 24 * HOUR;
    const WEEK: i64 = 7 * DAY;
    let tiers = [(HOUR, 25), (DAY, 8), (WEEK, 9)];
    let mut keep: HashSet<usize> = (0..times.len()).filter(|&i| in_the_future(times[i], now)).collect();
    let mut newest_first: Vec<usize> = (0..times.len()).filter(|i| !keep.contains(i)).collect();
    newest_first.sort_by(|&a, &b| times[b].cmp(&times[a]).then(a.cmp(&b)));
    for (period, count) in tiers {
        let mut periods = 0;
        let mut last = None;
        for &index in &newest_first {
            let key = times[index].as_second().div_euclid(period);
            if last != Some(key) {
                if periods == count {
                    break;
                }
                // The first of a period, newest first, is its newest.
                periods += 1;
                last = Some(key);
                keep.insert(index);
            }
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn names_say_when_and_why() {
        let (kind, time) = parse_name("galley-20261128T153000Z-manual.sqlite3", "galley").unwrap();
        assert_eq!((kind, time), (BackupKind::Manual, at("2026-11-28T15:30:00Z")));
        assert_eq!(
            parse_name("galley-20261128T153000Z-before-restore.sqlite3", "galley").unwrap().0,
            BackupKind::BeforeRestore
        );
        assert_eq!(upgrade("galley-schema-4.sqlite3", "galley"), Some(BackupKind::BeforeUpgrade));
        assert_eq!(upgrade("galley-schema-4-2.sqlite3", "galley"), Some(BackupKind::BeforeUpgrade));
        assert_eq!(parse_name("other-20261128T153000.000Z-manual.sqlite3", "galley"), None);
        assert_eq!(parse_name("galley-notes.sqlite3", "galley"), None);
    }

    #[test]
    fn scheduled_backups_of_a_big_store_keep_to_their_share_of_the_disk() {
        assert_eq!(scheduled_space(10 << 20), 1 << 30, "a small store: 1 GiB");
        assert_eq!(scheduled_space(2_300 << 20), 4 * (2_300 << 20), "a 2.3 GB store: four copies");
        // Forty backups the age policy keeps, 1 GB each, newest first, in 4.5 GB: the four newest.
        let sizes = vec![1_000_000_000; 40];
        let mut keep: HashSet<usize> = (0..40).step_by(2).collect();
        keep_within_space(&mut keep, &sizes, 4_500_000_000, &[0].into());
        let mut kept: Vec<usize> = keep.into_iter().collect();
        kept.sort_unstable();
        assert_eq!(kept, [0, 2, 4, 6]);
        // The newest stays even when it alone is too big.
        let mut keep: HashSet<usize> = [0, 1].into();
        keep_within_space(&mut keep, &[9, 9], 5, &[0].into());
        assert_eq!(keep, [0].into());
    }

    #[test]
    fn an_app_not_opened_for_months_removes_no_backup_it_kept() {
        let evening = at("2026-11-28T18:00:00Z");
        // A working day of hourly backups; the next one three months later.
        let mut times: Vec<Timestamp> = (0..10).map(|n| evening - SignedDuration::from_hours(n)).collect();
        let later = evening + SignedDuration::from_hours(90 * 24);
        times.insert(0, later);
        assert_eq!(scheduled_to_keep(&times, later).len(), times.len());
    }

    #[test]
    fn a_backup_dated_in_the_future_is_kept_and_takes_no_hours_place() {
        let now = at("2026-11-28T12:00:00Z");
        // Hourly for two days, and one dated a year ahead.
        let mut times: Vec<Timestamp> = (0..48).map(|n| now - SignedDuration::from_hours(n)).collect();
        times.insert(0, now + SignedDuration::from_hours(365 * 24));
        let keep = scheduled_to_keep(&times, now);
        assert!(keep.contains(&0), "the one dated ahead stays");
        assert!((1..=25).all(|i| keep.contains(&i)), "and every hour of the day stays: {keep:?}");
        // Within the tolerance it is one of the others: the newest.
        times[0] = now + SignedDuration::from_secs(30);
        assert!(!in_the_future(times[0], now));
        assert!(scheduled_to_keep(&times, now).contains(&0));
    }

    #[test]
    fn scheduled_backups_thin_out_with_age() {
        let now = at("2026-11-28T12:00:00Z");
        // Every 20 minutes for ten weeks.
        let times: Vec<Timestamp> =
            (0..10 * 7 * 24 * 3).map(|n| now - SignedDuration::from_mins(20 * n)).collect();
        let keep = scheduled_to_keep(&times, now);
        let ages: Vec<i64> = {
            let mut ages: Vec<i64> =
                keep.iter().map(|&i| now.duration_since(times[i]).as_secs() / 3_600).collect();
            ages.sort_unstable();
            ages
        };
        assert!(keep.contains(&0), "the newest stays");
        let within = |hours: i64| ages.iter().filter(|&&age| age <= hours).count();
        assert!((24..=26).contains(&within(24)), "about one an hour for a day: {ages:?}");
        assert!((30..=33).contains(&within(7 * 24)), "then about one a day for the week: {ages:?}");
        assert!((36..=42).contains(&ages.len()), "then one a week for eight weeks: {ages:?}");
        assert!(ages.iter().all(|&age| age <= 8 * 7 * 24), "nothing older than eight weeks: {ages:?}");
    }
}
