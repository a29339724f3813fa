//! The Library facade over the store.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use galley_model::tag::canonical_tags;
use galley_model::{
    Article, ArticleFields, ArticlePatch, ArticleStats, ArticleSummary, Clock, Counts, Draft, Revision,
    RevisionReason, RevisionSummary, Status, SystemClock, Timestamp,
};
use galley_query::Filter;
use galley_store::{ListFilter, ListSort, SearchHit, SectionCount, Store, TagCount};
use serde::Deserialize;

use crate::diff::{FieldDiff, diff_fields};
use crate::settings::Limits;

use crate::read::{Links, open_regular_file, read_at_most};
use crate::{Error, Result};

/// How a library is opened.
#[derive(Debug, Clone, Copy)]
pub struct OpenOptions {
    /// Seed a newly created store with the sample article, so nobody starts from a blank screen.
    pub seed_sample: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions { seed_sample: true }
    }
}

/// A journalist's library of articles, over one store.
pub struct Library {
    pub(crate) store: Store,
    pub(crate) clock: Arc<dyn Clock>,
    /// The templates folder the user chose, if not the default beside the store.
    pub(crate) templates: RwLock<Option<PathBuf>>,
    /// Where unsaved words go when the folder beside the store cannot take them (`unsaved.rs`).
    pub(crate) unsaved_fallback: RwLock<Option<PathBuf>>,
}

/// The sample report every new store starts with.
const SAMPLE: &[u8] = include_bytes!("../../../fixtures/galushka-seko-meeting.txt");

impl Library {
    /// Opens (or creates) the store at `path` with the system clock.
    pub fn open(path: &Path) -> Result<Library> {
        Library::open_with(path, Arc::new(SystemClock), OpenOptions::default())
    }

    /// Opens the store at `path`, which must exist: a store the user chose, whose drive may be
    /// unplugged. A new store made in its place would take the journalist's words onto another
    /// disk, hidden again once the drive is back.
    pub fn open_existing(path: &Path) -> Result<Library> {
        if !path.is_file() {
            return Err(Error::StoreMissing { path: path.to_owned() });
        }
        Library::open(path)
    }

    /// Opens (or creates) the store at `path` with a given clock and options.
    pub fn open_with(path: &Path, clock: Arc<dyn Clock>, options: OpenOptions) -> Result<Library> {
        let store = Store::open(path)?;
        let library =
            Library { store, clock, templates: RwLock::new(None), unsaved_fallback: RwLock::new(None) };
        if options.seed_sample && library.store.was_created() {
            library.seed()?;
        }
        Ok(library)
    }

    fn seed(&self) -> Result<()> {
        let imported = galley_import::import(SAMPLE, galley_import::Format::Text)
            .map_err(|source| Error::Import { path: "fixtures/galushka-seko-meeting.txt".into(), source })?;
        let mut draft = imported.draft;
        draft.fields.section = "Экономика".into();
        draft.fields.dateline = "Токио".into();
        draft.fields.tags =
            vec!["Япония".into(), "Регионы/Дальний Восток".into(), "Экономика/Инвестиции".into()];
        self.store.create(draft, RevisionReason::Import, self.now())?;
        Ok(())
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// The current time, to the millisecond the store keeps.
    pub(crate) fn now(&self) -> Timestamp {
        let now = self.clock.now();
        Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now)
    }

    /// Creates an article.
    pub fn create(&self, fields: ArticleFields) -> Result<Article> {
        let draft = Draft { fields, ..Draft::default() };
        Ok(self.store.create(draft, RevisionReason::Create, self.now())?)
    }

    /// Stores drafts made elsewhere (an import, a generator) in one batch; each succeeds or fails alone.
    pub fn create_many(
        &self,
        drafts: impl IntoIterator<Item = Draft>,
        reason: RevisionReason,
    ) -> Result<Vec<galley_store::Result<galley_store::Stored>>> {
        Ok(self.store.create_many(drafts, reason, self.now())?)
    }

    /// The article with this id or slug.
    pub fn article(&self, id_or_slug: &str) -> Result<Article> {
        Ok(self.store.article(id_or_slug)?)
    }

    /// Changes some fields. A change of status alone is recorded as a status change; publishing sets
    /// `published_at` the first time.
    pub fn edit(&self, id_or_slug: &str, patch: ArticlePatch) -> Result<Article> {
        let status_only = (ArticlePatch { status: None, ..patch.clone() }).is_empty();
        let reason = if patch.status.is_some() && status_only {
            RevisionReason::StatusChange
        } else {
            RevisionReason::Save
        };
        self.change(id_or_slug, reason, None, |fields| patch.apply(fields))
    }

    /// Saves the fields the editor holds, as an autosave.
    pub fn autosave(&self, id_or_slug: &str, fields: ArticleFields) -> Result<Article> {
        self.change(id_or_slug, RevisionReason::Autosave, None, |_| fields)
    }

    /// Autosaves what an editor holds, which it loaded (or last saved) as revision `based_on`. The
    /// editor's words are saved even when the article changed elsewhere meanwhile (another
    /// window, galley-cli, the mirror folder); the answer then names the revision they were saved
    /// over, which stays in the revisions, so the journalist is told instead of it going unseen.
    pub fn autosave_based_on(
        &self,
        id_or_slug: &str,
        based_on: u32,
        fields: ArticleFields,
    ) -> Result<Autosaved> {
        let current = self.store.article(id_or_slug)?;
        let now = self.now();
        let fields = stamped(fields, now);
        let (article, saved_over) =
            self.store.save_based_on(current.id, based_on, fields, RevisionReason::Autosave, now)?;
        Ok(Autosaved { article, saved_over })
    }

    /// Records the current state as a revision with a label, even if nothing changed.
    pub fn save_revision(&self, id_or_slug: &str, label: &str) -> Result<Article> {
        let label = label.trim();
        self.change(id_or_slug, RevisionReason::Save, (!label.is_empty()).then_some(label), |fields| fields)
    }

    /// Adds and removes tags; names are compared as tags are (case-insensitively).
    pub fn tag(&self, id_or_slug: &str, add: &[String], remove: &[String]) -> Result<Article> {
        let add = canonical_tags(add).map_err(galley_store::Error::from)?;
        let remove: Vec<String> =
            canonical_tags(remove).map_err(galley_store::Error::from)?.iter().map(|t| t.key()).collect();
        self.change(id_or_slug, RevisionReason::Save, None, |mut fields| {
            fields.tags.retain(|tag| !remove.contains(&tag.to_lowercase()));
            fields.tags.extend(add.iter().map(|t| t.to_string()));
            fields
        })
    }

    fn change(
        &self,
        id_or_slug: &str,
        reason: RevisionReason,
        label: Option<&str>,
        change: impl FnOnce(ArticleFields) -> ArticleFields,
    ) -> Result<Article> {
        let current = self.store.article(id_or_slug)?;
        let now = self.now();
        let fields = stamped(change(current.fields.clone()), now);
        Ok(self.store.save(current.id, fields, reason, label, now)?)
    }

    /// Articles, newest first. Without a status, spiked articles are left out.
    pub fn list(
        &self,
        status: Option<Status>,
        tag: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ArticleSummary>> {
        let view = ListView { status, tag: tag.map(str::to_owned), ..ListView::default() };
        Ok(self.store.list(&list_filter(&view, 0, limit)?)?)
    }

    /// One page of a list view, with how many articles the whole list holds (a scrolling list
    /// asks for the pages it shows).
    pub fn list_page(&self, view: &ListView, offset: usize, limit: usize) -> Result<ListPage> {
        let filter = list_filter(view, offset, limit)?;
        Ok(ListPage { total: self.store.count_matching(&filter)?, articles: self.store.list(&filter)? })
    }

    /// Sections in use, with how many articles (not spiked) each holds.
    pub fn sections(&self) -> Result<Vec<SectionCount>> {
        Ok(self.store.sections()?)
    }

    /// Moves an article to another status (a revision of its own: "status change").
    pub fn set_status(&self, id_or_slug: &str, status: Status) -> Result<Article> {
        self.edit(id_or_slug, ArticlePatch { status: Some(status), ..ArticlePatch::default() })
    }

    /// Searches with Galley's query language.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let query = galley_query::parse(query).map_err(galley_store::Error::from)?;
        Ok(self.store.search(&query, limit)?)
    }

    /// The ids of every article a search finds, best first (no snippets: for batch work).
    pub fn search_ids(&self, query: &str) -> Result<Vec<galley_model::ArticleId>> {
        let query = galley_query::parse(query).map_err(galley_store::Error::from)?;
        Ok(self.store.search_ids(&query, usize::MAX)?)
    }

    /// Every tag with its counts.
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        Ok(self.store.tags()?)
    }

    pub fn rename_tag(&self, from: &str, to: &str) -> Result<()> {
        Ok(self.store.rename_tag(from, to)?)
    }

    pub fn merge_tags(&self, from: &str, into: &str) -> Result<()> {
        Ok(self.store.merge_tags(from, into)?)
    }

    /// An article's revisions, newest first.
    pub fn revisions(&self, id_or_slug: &str) -> Result<Vec<RevisionSummary>> {
        Ok(self.store.revisions(id_or_slug)?)
    }

    pub fn revision(&self, id_or_slug: &str, number: u32) -> Result<Revision> {
        Ok(self.store.revision(id_or_slug, number)?)
    }

    /// What changed from revision `old` to revision `new`, or to the article as stored now.
    pub fn diff(&self, id_or_slug: &str, old: u32, new: Option<u32>) -> Result<Vec<FieldDiff>> {
        let before = self.store.revision(id_or_slug, old)?.fields;
        let after = match new {
            Some(number) => self.store.revision(id_or_slug, number)?.fields,
            None => self.store.article(id_or_slug)?.fields,
        };
        Ok(diff_fields(&before, &after))
    }

    /// Brings back a revision's words as a new revision. Where the piece is on the desk stays as
    /// it is: the slug (links keep working), the status and the publication time. Restoring an
    /// old draft's text must not unpublish a piece, nor send one being edited back to drafts.
    pub fn restore(&self, id_or_slug: &str, number: u32) -> Result<Article> {
        let revision = self.store.revision(id_or_slug, number)?;
        self.change(id_or_slug, RevisionReason::Restore, None, |current| ArticleFields {
            slug: current.slug,
            status: current.status,
            published_at: current.published_at,
            ..revision.fields
        })
    }

    /// Adds an image file to the article: the image is stored once by content and a Markdown image
    /// referring to it is appended to the body. PNG, JPEG, GIF and WebP only (SVG can carry script).
    pub fn attach_image(&self, id_or_slug: &str, file: &Path, alt: &str) -> Result<Article> {
        use galley_model::asset::{MAX_ASSET_BYTES, asset_path, image_media_type};
        let io = |source| Error::Io { path: file.to_owned(), source };
        let (opened, size) = open_regular_file(file, Links::Follow).map_err(io)?;
        if size > MAX_ASSET_BYTES as u64 {
            return Err(Error::Invalid(format!(
                "{}: the image is {} MB; Galley takes images up to 20 MB",
                file.display(),
                size / 1_000_000
            )));
        }
        // A file that grew since it was opened is read no further than the limit.
        let grew = |_| std::io::Error::other("the image grew past 20 MB while Galley read it");
        let bytes = read_at_most(opened, MAX_ASSET_BYTES as u64, grew).map_err(io)?;
        let media_type = image_media_type(&bytes).ok_or_else(|| {
            Error::Invalid(format!("{}: not a PNG, JPEG, GIF or WebP image", file.display()))
        })?;
        let hash = self.store.put_asset(&bytes, media_type, self.now())?;
        let alt = alt.replace(['[', ']'], "");
        let image = format!("![{}]({})", alt.trim(), asset_path(&hash, media_type));
        self.change(id_or_slug, RevisionReason::Save, None, |mut fields| {
            let body = fields.body.trim_end();
            fields.body = if body.is_empty() { format!("{image}\n") } else { format!("{body}\n\n{image}\n") };
            fields
        })
    }

    /// The pre-publish checklist of an article.
    pub fn check(&self, id_or_slug: &str) -> Result<Vec<galley_render::check::Problem>> {
        let article = self.store.article(id_or_slug)?;
        Ok(galley_render::check::check(&article.fields, &galley_render::check::CheckOptions::default()))
    }

    /// Counts per field, from the rendered text.
    pub fn stats(&self, id_or_slug: &str) -> Result<ArticleStats> {
        let article = self.store.article(id_or_slug)?;
        Ok(stats_of(&article.fields))
    }

    /// SQLite's full integrity check of the store; the problems found, none for a sound file.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        Ok(self.store.integrity_check()?)
    }

    /// How many articles the store holds, spiked ones included.
    pub fn count(&self) -> Result<u64> {
        Ok(self.store.count()?)
    }
}

/// Counts of an article's fields, as a reader sees them.
pub fn stats_of(fields: &ArticleFields) -> ArticleStats {
    ArticleStats::new(
        Counts::of(&fields.headline),
        Counts::of(&fields.dek),
        Counts::of(&fields.lead),
        Counts::of(&galley_render::plain_text(&fields.body)),
        fields.target_chars,
    )
}

/// What the inspector shows beside the editor: counts and the checklist, against the limits.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Inspection {
    pub stats: ArticleStats,
    pub problems: Vec<galley_render::check::Problem>,
    pub limits: Limits,
}

/// Inspects fields as the editor holds them (saved or not) under the given limits.
pub fn inspect(fields: &ArticleFields, limits: Limits) -> Inspection {
    let options = galley_render::check::CheckOptions { headline_limit: limits.headline_chars as usize };
    Inspection { stats: stats_of(fields), problems: galley_render::check::check(fields, &options), limits }
}

/// Which articles a list shows and in what order: the sidebar's status, tag and section, and the
/// list's sort.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListView {
    pub status: Option<Status>,
    pub tag: Option<String>,
    pub section: Option<String>,
    pub sort: ListSort,
}

/// `fields` with the time of publication set when they are published without one.
fn stamped(mut fields: ArticleFields, now: Timestamp) -> ArticleFields {
    if fields.status == Status::Published && fields.published_at.is_none() {
        fields.published_at = Some(now);
    }
    fields
}

/// What an editor's autosave stored, and the revision it was saved over when the article had
/// changed elsewhere since the editor loaded it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Autosaved {
    pub article: Article,
    /// The newest revision before this save, when it was not the one the editor was based on.
    pub saved_over: Option<u32>,
}

/// A page of the article list and the size of the whole list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListPage {
    pub total: u64,
    pub articles: Vec<ArticleSummary>,
}

fn list_filter(view: &ListView, offset: usize, limit: usize) -> Result<ListFilter> {
    let mut filters: Vec<Filter> = view.status.into_iter().map(Filter::Status).collect();
    if let Some(tag) = &view.tag {
        let name = galley_model::TagName::parse(tag).map_err(galley_store::Error::from)?;
        filters.push(Filter::Tag(name.key()));
    }
    if let Some(section) = view.section.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        filters.push(Filter::Section(section.to_owned()));
    }
    Ok(ListFilter { filters, sort: view.sort, limit, offset })
}
