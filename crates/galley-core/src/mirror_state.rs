//! What the mirror folder (`galley-mirror`) asks of the Library: the link, its bookkeeping, and
//! the two changes only a mirror makes — a file's version becoming the article (an external edit)
//! and a file's version kept beside the article's (a conflict).

use std::path::Path;

use galley_model::{Article, ArticleFields, ArticleId, RevisionReason};
use galley_store::{MirrorLink, MirrorRecord};

use crate::{Library, Result};

impl Library {
    /// The folder the store is mirrored to, if any.
    pub fn mirror_link(&self) -> Result<Option<MirrorLink>> {
        Ok(self.store.mirror_link()?)
    }

    /// Links the store to a folder (another folder than before is compared from scratch).
    pub fn link_mirror(&self, folder: &Path) -> Result<()> {
        Ok(self.store.link_mirror(folder)?)
    }

    /// Unlinks the folder; its files stay.
    pub fn unlink_mirror(&self) -> Result<()> {
        Ok(self.store.unlink_mirror()?)
    }

    pub fn set_mirror_synced(&self, seq: i64) -> Result<()> {
        Ok(self.store.set_mirror_synced(seq)?)
    }

    /// The sequence number of the latest change to any article (see `change_seq`).
    pub fn last_change(&self) -> Result<i64> {
        Ok(self.store.last_change()?)
    }

    /// The articles changed after `seq` up to `until`.
    pub fn changed_between(&self, seq: i64, until: i64) -> Result<Vec<ArticleId>> {
        Ok(self.store.changed_between(seq, until)?)
    }

    pub fn mirror_records(&self) -> Result<Vec<MirrorRecord>> {
        Ok(self.store.mirror_records()?)
    }

    /// The records of conflicts waiting for the user.
    pub fn mirror_conflicts(&self) -> Result<Vec<MirrorRecord>> {
        Ok(self.store.mirror_conflicts()?)
    }

    pub fn mirror_record(&self, article: ArticleId) -> Result<Option<MirrorRecord>> {
        Ok(self.store.mirror_record(article)?)
    }

    pub fn mirror_record_at(&self, path: &str) -> Result<Option<MirrorRecord>> {
        Ok(self.store.mirror_record_at(path)?)
    }

    /// The articles that changed after their record was written.
    pub fn stale_mirror_records(&self) -> Result<Vec<ArticleId>> {
        Ok(self.store.stale_mirror_records()?)
    }

    pub fn mirror_records_under(&self, prefix: &str) -> Result<Vec<MirrorRecord>> {
        Ok(self.store.mirror_records_under(prefix)?)
    }

    pub fn put_mirror_records(&self, records: &[MirrorRecord]) -> Result<()> {
        Ok(self.store.put_mirror_records(records)?)
    }

    /// Makes a file's version of an article current (reason: external edit). The file never holds
    /// the editor's note, so the stored note is kept.
    pub fn apply_external_edit(&self, article: ArticleId, file: ArticleFields) -> Result<Article> {
        self.change(&article.to_string(), RevisionReason::ExternalEdit, None, |current| ArticleFields {
            note: current.note,
            ..file
        })
    }

    /// Keeps a file's version of an article as a conflict revision; the article stays as it is.
    /// Returns the revision's number.
    pub fn keep_conflicting_version(&self, article: ArticleId, file: ArticleFields) -> Result<u32> {
        let current = self.store.article(&article.to_string())?;
        let fields = ArticleFields { note: current.fields.note, ..file };
        Ok(self.store.add_revision(article, &fields, RevisionReason::Conflict, self.now())?)
    }
}
