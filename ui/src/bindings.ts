// Generated from the Rust types by src-tauri/src/bindings.rs (ts-rs). Do not edit:
// `UPDATE_EXPECT=1 cargo test -p galley-desktop bindings` rewrites it.

export type ArticleId = string;

export type Status = "draft" | "editing" | "ready" | "published" | "spiked";

export type Related = { title: string, url: string, };

export type ArticleFields = { slug: string, headline: string, dek: string, lead: string, body: string, byline: Array<string>, dateline: string, section: string, language: string, status: Status, tags: Array<string>, related: Array<Related>, embargo_until: string | null, target_chars: number | null, 
/**
 * The editor's note: internal, never exported.
 */
note: string, published_at: string | null, };

export type Article = { id: ArticleId, created_at: string, updated_at: string, 
/**
 * Number of the newest revision.
 */
revision: number, slug: string, headline: string, dek: string, lead: string, body: string, byline: Array<string>, dateline: string, section: string, language: string, status: Status, tags: Array<string>, related: Array<Related>, embargo_until: string | null, target_chars: number | null, 
/**
 * The editor's note: internal, never exported.
 */
note: string, published_at: string | null, };

export type ArticleSummary = { id: ArticleId, slug: string, headline: string, dek: string, byline: Array<string>, section: string, language: string, status: Status, tags: Array<string>, created_at: string, updated_at: string, published_at: string | null, embargo_until: string | null, };

export type RevisionReason = "create" | "autosave" | "save" | "status_change" | "import" | "external_edit" | "conflict" | "restore";

export type RevisionSummary = { number: number, reason: RevisionReason, 
/**
 * A short label the user gave an explicit save.
 */
label: string | null, created_at: string, 
/**
 * Characters in the snapshot's body, to show how the piece grew.
 */
body_chars: number, };

export type Counts = { words: number, 
/**
 * "Знаков с пробелами".
 */
chars_with_spaces: number, 
/**
 * "Знаков без пробелов".
 */
chars_without_spaces: number, reading_seconds: number, };

export type ArticleStats = { headline: Counts, dek: Counts, lead: Counts, body: Counts, total: Counts, 
/**
 * The article's target length in characters with spaces, if the desk set one.
 */
target_chars: number | null, };

export type ListPage = { total: number, articles: Array<ArticleSummary>, };

export type Autosaved = { article: Article, 
/**
 * The newest revision before this save, when it was not the one the editor was based on.
 */
saved_over: number | null, };

export type StorePlaceRisk = { "kind": "sync_folder", 
/**
 * The service, as its users call it ("Dropbox").
 */
service: string, 
/**
 * The folder it syncs.
 */
folder: string, } | { "kind": "network_drive", 
/**
 * The file system ("nfs", "smb").
 */
file_system: string, };

export type ListSort = "updated" | "updated_oldest" | "created" | "headline";

export type ListView = { status: Status | null, tag: string | null, section: string | null, sort: ListSort, };

export type SectionCount = { 
/**
 * The section as most recently spelled.
 */
name: string, count: number, };

export type Place = "headline" | "dek" | "lead" | "body" | "related";

export type Problem = { place: Place, 
/**
 * 1-based line and column (in characters) within the field.
 */
line: number, column: number, 
/**
 * A stable code scripts and the app can branch on (`straight_quotes`, `repeated_word`, …).
 */
code: string, message: string, 
/**
 * The text the problem is about, and what it would become where the fix is certain.
 */
found: string, fix: string | null, 
/**
 * For `typography`, which rule of [`crate::typography`] made the change (`quotes`, `dash`,
 * `nbsp`, `ellipsis`, `minus`, `times`, `range`, `apostrophe`), so a front end can say it in
 * its own language.
 */
rule: string | null, };

export type Limits = { headline_chars: number, target_chars: number | null, };

export type Inspection = { stats: ArticleStats, problems: Array<Problem>, limits: Limits, };

export type DiffField = "headline" | "dek" | "lead" | "body" | "byline" | "dateline" | "section" | "status" | "language" | "tags" | "related" | "embargo_until" | "target_chars" | "note" | "slug";

export type SpanKind = "same" | "added" | "removed";

export type DiffSpan = { kind: SpanKind, text: string, };

export type FieldDiff = { field: DiffField, 
/**
 * The field's text from start to end, in runs; consecutive runs differ in kind.
 */
spans: Array<DiffSpan>, 
/**
 * Words (letters or digits) added and removed, for a one-line summary.
 */
words_added: number, words_removed: number, };

export type UiLanguage = "system" | "ru" | "en";

export type Theme = "system" | "light" | "dark";

export type SidePanel = "preview" | "inspector" | "hidden";

export type SectionLimits = { 
/**
 * The section's name, compared case-insensitively with an article's section.
 */
section: string, 
/**
 * The longest headline, in characters with spaces.
 */
headline_chars: number | null, 
/**
 * The usual length of a piece, in characters with spaces; an article's own target wins.
 */
target_chars: number | null, };

export type Settings = { ui_language: UiLanguage, theme: Theme, 
/**
 * The language of new articles (`ru`, `en`, …).
 */
article_language: string, 
/**
 * The store file; `None` for the default in the OS data folder. Read at start.
 */
store: string | null, 
/**
 * The folder of HTML templates; `None` for `templates` beside the store.
 */
templates: string | null, 
/**
 * The longest headline for sections without their own limit.
 */
headline_chars: number, sections: Array<SectionLimits>, 
/**
 * What the column beside the editor shows.
 */
side_panel: SidePanel, };

export type SettingsView = { settings: Settings, 
/**
 * The settings file, or `None` when there is no config folder (settings last a session).
 */
path: string | null, 
/**
 * The store this window writes to (a new location takes effect at the next start).
 */
store_in_use: string, 
/**
 * What went wrong reading the settings file at start, if anything.
 */
problem: string | null, 
/**
 * Why the store in use is in an unsafe place (a sync folder, a network share), if it is.
 */
store_risk: StorePlaceRisk | null, };

export type PathKind = "templates" | "store";

export type ImportProblem = "unsupported" | "folder" | "empty" | "too_large" | "binary" | "not_text" | "front_matter" | "no_article" | "too_deep" | "too_many_elements" | "unreadable" | "not_stored";

export type ImportResult = { 
/**
 * The file's name, as the user knows it.
 */
file: string, 
/**
 * The article it became (or updated), if it was imported.
 */
id: string | null, headline: string | null, 
/**
 * `false` when the file carried the id of an article already stored, which was updated.
 */
created: boolean, 
/**
 * Why it was not imported (the Library's message, in English), and what kind of reason it
 * is, for the page to say in the UI's language.
 */
error: string | null, problem: ImportProblem | null, warnings: Array<string>, };

export type Kept = "galley" | "file";

export type Change = { "event": "wrote", path: string, id: ArticleId, headline: string, } | { "event": "removed", path: string, id: ArticleId, headline: string, } | { "event": "created", path: string, id: ArticleId, headline: string, given_id: boolean, } | { "event": "updated", path: string, id: ArticleId, headline: string, } | { "event": "moved", from: string, to: string, id: ArticleId, headline: string, } | { "event": "spiked", path: string, id: ArticleId, headline: string, } | { "event": "conflict", path: string, id: ArticleId, headline: string, revision: number | null, } | { "event": "resolved", path: string, id: ArticleId, headline: string, kept: Kept, } | { "event": "problem", path: string, message: string, };

export type Conflict = { id: ArticleId, headline: string, path: string, 
/**
 * The revision holding the file's version; `None` when the file was deleted.
 */
revision: number | null, };

export type FileProblem = { path: string, message: string, };

export type MirrorState = "off" | "starting" | "events" | "polling" | "failed";

export type MirrorStatus = { 
/**
 * The linked folder; none when the store is not linked.
 */
folder: string | null, state: MirrorState, 
/**
 * Why it polls, or what failed.
 */
detail: string | null, conflicts: Array<Conflict>, problems: Array<FileProblem>, 
/**
 * The latest changes, newest first.
 */
recent: Array<Change>, };

export type MirrorUpdate = { status: MirrorStatus, 
/**
 * What this pass did (none for a change of state alone).
 */
changes: Array<Change>, };

export type LinkPlan = { folder: string, 
/**
 * The `.md` files in the folder (not hidden, not in hidden folders).
 */
files: number, 
/**
 * Files that become articles and get their id as one line (a file without front matter
 * gets front matter of that line alone), every other byte left as it is.
 */
id_added: Array<string>, 
/**
 * Files that become articles and are written whole as Galley writes them: a copy carrying
 * another file's id (it gets its own), or a file that is not UTF-8 or would not read back the
 * same with the id line added. Galley's keys the file had no key for stay out of it.
 */
rewritten: Array<string>, 
/**
 * Files already carrying the id of an article of the store that says something else: the
 * store's version is written when the file holds an older one of it, else both are kept and
 * the user chooses (a conflict; the file is not touched).
 */
differ: Array<string>, 
/**
 * Files taken in as they are: they carry an id and say what the store says, or an id the
 * store does not have yet.
 */
untouched: number, 
/**
 * Entries that cannot be read as articles, with why: left alone and reported.
 */
unreadable: Array<FileProblem>, 
/**
 * Articles of the store (not spiked) that no file holds: each becomes a new file.
 */
new_files: number, };

export type BackupKind = "manual" | "scheduled" | "before_restore" | "before_upgrade" | "damaged";

export type BackupFile = { path: string, kind: BackupKind, created_at: string, bytes: number, };

export type BackupList = { folder: string, 
/**
 * Newest first.
 */
backups: Array<BackupFile>, };

export type BackupChoice = { path: string, articles: number, store_articles: number, };

export type Recovered = { folder: string, 
/**
 * How many were saved.
 */
saved: number, 
/**
 * Headlines (ids for those without one) of those the damaged store could no longer give, or
 * why none could be listed.
 */
unreadable: Array<string>, };

export type Restored = { 
/**
 * The store as it was (for a damaged store: its files, copied as they were).
 */
safety_backup: BackupFile, articles: number, 
/**
 * For a damaged store: the articles the backup lacked, saved as `.md` files.
 */
recovered: Recovered | null, };

export type LostArticle = { id: string, headline: string, updated_at: string, 
/**
 * The backup has an older version of it (else it has none).
 */
in_backup: boolean, };

export type RecoveryOffer = { backup: BackupFile, 
/**
 * Articles in the backup.
 */
articles: number, 
/**
 * What restoring it would lose; `None` when the damaged store cannot be read to tell.
 */
lost: Array<LostArticle> | null, };

export type ReadOnlyKind = "damaged" | "unwritable";

export type StoreHealth = { 
/**
 * Set when the store takes no writes.
 */
read_only: ReadOnlyKind | null, 
/**
 * What happened, in full, when it takes none.
 */
message: string | null, 
/**
 * For a damaged store: the newest good backup, with what restoring it would lose.
 */
offer: RecoveryOffer | null, };

export type StoreProblem = { 
/**
 * The store that would not open.
 */
store: string | null, 
/**
 * Why, in full.
 */
problem: string, 
/**
 * Its file is damaged: a backup can take its place (`rescue_offer` finds the newest good one).
 */
damaged: boolean, 
/**
 * A store is open already (the page was reloaded after a restore): the desk can take over.
 */
desk_open: boolean, 
/**
 * Where its backups are kept (and where a restore keeps the damaged file).
 */
backup_folder: string | null, 
/**
 * The store was chosen in the settings: the default store can be opened instead.
 */
can_open_default: boolean, ui_language: UiLanguage, theme: Theme, };

export type PickedBackup = { path: string, articles: number, };

export type Field = "headline" | "summary" | "body";

export type SearchHit = { 
/**
 * `None` when the search had no words, only filters.
 */
matched_in: Field | null, snippet: Snippet | null, id: ArticleId, slug: string, headline: string, dek: string, byline: Array<string>, section: string, language: string, status: Status, tags: Array<string>, created_at: string, updated_at: string, published_at: string | null, embargo_until: string | null, };

export type Snippet = { text: string, 
/**
 * Byte ranges within `text` of the matched words.
 */
highlights: Array<{ start: number, end: number, }>, };

export type TagCount = { name: string, 
/**
 * Articles tagged with exactly this tag.
 */
count: number, 
/**
 * Articles tagged with this tag or any tag below it.
 */
total: number, };

export type ExportFormat = "html" | "fragment" | "md" | "ninjs";

export type ExportSaved = { path: string, warnings: Array<string>, };

export type Preview = { html: string, warnings: Array<string>, };

export type AppConfig = { 
/**
 * The store's path, shown in the window so people know which store they write in.
 */
store: string, 
/**
 * `GALLEY_TRACE` is set: the UI reports timing marks through [`app_trace`].
 */
trace: boolean, 
/**
 * `GALLEY_TRACE=bench`: the UI also runs its scripted measurement (see `scripts/measure-desktop.sh`).
 */
bench: boolean, };

export type ErrorCode = "bad_input" | "internal";

export type IpcError = { code: ErrorCode, message: string, };

export const CLOSE_REQUESTED = "galley://close-requested";

export const LINK_REQUESTED = "galley://link-requested";

export const DROP_HOVER = "galley://drop-hover";

export const IMPORTED = "galley://imported";

export const MIRROR = "galley://mirror";

export const BACKUP_FAILED = "galley://backup-failed";

export const STORE_HEALTH = "galley://store-health";
