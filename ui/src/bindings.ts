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
