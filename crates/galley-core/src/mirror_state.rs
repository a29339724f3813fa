//! What the mirror folder (`galley-mirror`) asks of the Library: the link, its bookkeeping, and
//! the two changes only a mirror makes — a file's version becoming the article (an external edit)
//! and a file's version kept beside the article's (a conflict).

use std::path::Path;

use galley_model::{Article, ArticleFields, ArticleId, Draft, RevisionReason, Status, markdown_file};
use galley_store::{ContentHash, MirrorLink, MirrorRecord};

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

    /// An article with its `change_seq`, read together.
    pub fn article_with_change(&self, id_or_slug: &str) -> Result<(Article, i64)> {
        Ok(self.store.article_with_change(id_or_slug)?)
    }

    /// Stores new files' drafts (reason: import), each with its file's record in one savepoint.
    pub fn create_from_files(
        &self,
        files: Vec<(Draft, String, ContentHash)>,
        article_hash: impl Fn(&Article) -> ContentHash,
    ) -> Result<Vec<galley_store::Result<galley_store::Stored>>> {
        Ok(self.store.create_mirrored(files, RevisionReason::Import, self.now(), article_hash)?)
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

    /// The articles changed after `after` up to `until` whose files do not hold that change yet.
    pub fn unsynced(&self, after: i64, until: i64) -> Result<Vec<ArticleId>> {
        Ok(self.store.unsynced(after, until)?)
    }

    pub fn mirror_records_under(&self, prefix: &str) -> Result<Vec<MirrorRecord>> {
        Ok(self.store.mirror_records_under(prefix)?)
    }

    pub fn put_mirror_records(&self, records: &[MirrorRecord]) -> Result<()> {
        Ok(self.store.put_mirror_records(records)?)
    }

    /// Makes a file's version of an article current (reason: external edit), if the article is
    /// still at `expected` (its `change_seq`); `None` when it changed meanwhile (an autosave came
    /// first: then both changed, which is the caller's conflict). The fields are the file's as
    /// [`file_version`] reads them; publishing sets `published_at` the first time.
    pub fn apply_external_edit(
        &self,
        article: ArticleId,
        expected: i64,
        file: ArticleFields,
    ) -> Result<Option<(Article, i64)>> {
        let now = self.now();
        let change = |current: ArticleFields| {
            let mut fields = file_version(&current, file);
            if fields.status == Status::Published && fields.published_at.is_none() {
                fields.published_at = Some(now);
            }
            fields
        };
        Ok(self.store.save_if_unchanged(article, expected, change, RevisionReason::ExternalEdit, now)?)
    }

    /// Keeps a file's version of an article as a conflict revision; the article stays as it is.
    /// Returns the revision's number.
    pub fn keep_conflicting_version(&self, article: ArticleId, file: ArticleFields) -> Result<u32> {
        let current = self.store.article(&article.to_string())?;
        let fields = file_version(&current.fields, file);
        Ok(self.store.add_revision(article, &fields, RevisionReason::Conflict, self.now())?)
    }
}

/// An article's fields as its file gives them: the file's, with the stored note (a file never
/// holds it), and the stored value of each of Galley's fields the file has no key for
/// ([`markdown_file::as_file_gives`]: a slug, a status, a language the file does not say stay
/// as they are, so links to the article do not change because a key was left out) or an empty
/// slug.
pub fn file_version(current: &ArticleFields, file: ArticleFields) -> ArticleFields {
    let file = markdown_file::as_file_gives(current, file);
    let slug = if file.slug.trim().is_empty() { current.slug.clone() } else { file.slug };
    ArticleFields { note: current.note.clone(), slug, ..file }
}
