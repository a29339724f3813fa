// The one module that talks to the Tauri shell: a typed client over Galley's commands and the
// events the shell sends. Components call these functions, never `invoke` or `listen`.
// The types come from `bindings.ts`, generated from the Rust types.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';

import type {
  AppConfig,
  Article,
  ArticleFields,
  Autosaved,
  BackupChoice,
  BackupFile,
  BackupList,
  ExportFormat,
  ExportSaved,
  FieldDiff,
  ImportResult,
  Inspection,
  IpcError,
  ListPage,
  ListView,
  LinkPlan,
  MirrorStatus,
  MirrorUpdate,
  PathKind,
  PickedBackup,
  RecoveryOffer,
  Restored,
  Preview,
  RevisionSummary,
  SearchHit,
  SectionCount,
  Settings,
  SettingsView,
  StoreHealth,
  StoreProblem,
  Status,
  TagCount,
} from './bindings';
import { BACKUP_FAILED, CLOSE_REQUESTED, DROP_HOVER, IMPORTED, LINK_REQUESTED, MIRROR, STORE_HEALTH } from './bindings';

export type * from './bindings';

/** Whether a rejected call carries the shell's error (it always should). */
export function isIpcError(error: unknown): error is IpcError {
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/** A message for people from anything a call rejected with. */
export function errorMessage(error: unknown): string {
  if (isIpcError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

export const api = {
  config: () => invoke<AppConfig>('app_config'),
  trace: (event: string, ms: number | null = null) => invoke<void>('app_trace', { event, ms }),
  closeWindow: () => invoke<void>('app_close'),
  /** Calls off a close the shell is waiting on (the text could not be saved). */
  keepOpen: () => invoke<void>('app_keep_open'),

  listArticles: (view: ListView, offset: number, limit: number) =>
    invoke<ListPage>('article_list', { view, offset, limit }),
  listSections: () => invoke<SectionCount[]>('section_list'),
  searchArticles: (query: string, limit: number) => invoke<SearchHit[]>('article_search', { query, limit }),
  getArticle: (id: string) => invoke<Article>('article_get', { id }),
  createArticle: (headline: string) => invoke<Article>('article_create', { headline }),
  /** Saves the editor's fields, based on revision `basedOn` (the one it loaded or last saved). */
  autosave: (id: string, basedOn: number, fields: ArticleFields) =>
    invoke<Autosaved>('article_autosave', { id, basedOn, fields }),
  /** A save failed: keeps what the editor holds in a file beside the store; resolves to its path. */
  keepUnsaved: (id: string, fields: ArticleFields) => invoke<string>('unsaved_keep', { id, fields }),
  /** The article's text is in the store now: its kept file goes. */
  forgetUnsaved: (id: string) => invoke<void>('unsaved_forget', { id }),
  /** Texts kept by a session whose saves failed, not yet stored. */
  unsavedCount: () => invoke<number>('unsaved_count'),
  /** Stores every kept text as a revision of its article. */
  restoreUnsaved: () => invoke<ImportResult[]>('unsaved_restore'),
  preview: (article: Article) => invoke<Preview>('article_preview', { article }),
  /** Counts and the checklist of the fields as the editor holds them, under the section's limits. */
  inspect: (fields: ArticleFields) => invoke<Inspection>('article_inspect', { fields }),
  setStatus: (id: string, status: Status) => invoke<Article>('article_set_status', { id, status }),
  tagArticle: (id: string, add: string[], remove: string[]) => invoke<Article>('article_tag', { id, add, remove }),
  /** Asks for files with the native open dialog and imports them; no results when cancelled. */
  importPick: (title: string) => invoke<ImportResult[]>('article_import_pick', { title }),

  listRevisions: (id: string) => invoke<RevisionSummary[]>('revision_list', { id }),
  restoreRevision: (id: string, number: number) => invoke<Article>('revision_restore', { id, number }),
  /** What changed from revision `old` to `new`, or to the article as stored when `new` is null. */
  diffRevisions: (id: string, old: number, newer: number | null) =>
    invoke<FieldDiff[]>('revision_diff', { id, old, new: newer }),
  saveRevision: (id: string, label: string) => invoke<Article>('revision_save', { id, label }),

  listTags: () => invoke<TagCount[]>('tag_list'),
  renameTag: (from: string, to: string) => invoke<void>('tag_rename', { from, to }),
  mergeTags: (from: string, into: string) => invoke<void>('tag_merge', { from, into }),

  settings: () => invoke<SettingsView>('settings_get'),
  saveSettings: (settings: Settings) => invoke<Settings>('settings_set', { settings }),
  /** Asks for a templates folder or a store file with the native dialog; null when cancelled. */
  pickPath: (kind: PathKind, title: string) => invoke<string | null>('settings_pick_path', { kind, title }),
  /** Copies the store, whole and checked, to a file `pickPath` offered; the settings name the copy. */
  moveStore: (to: string) => invoke<string>('store_move', { to }),
  /** Starts Galley on the store `moveStore` copied (this window then closes). */
  startMoved: () => invoke<void>('app_start_moved'),

  mirrorStatus: () => invoke<MirrorStatus>('mirror_status'),
  /** Asks for a folder with the native dialog and says what linking it would change; null when cancelled. */
  mirrorPick: (title: string) => invoke<LinkPlan | null>('mirror_pick', { title }),
  /** Links the store to the folder of a plan `mirrorPick` gave. */
  mirrorLink: (folder: string) => invoke<MirrorStatus>('mirror_link', { folder }),
  mirrorUnlink: () => invoke<MirrorStatus>('mirror_unlink'),
  /** Settles an article's conflict, keeping Galley's version or the file's. */
  mirrorResolve: (id: string, kept: 'galley' | 'file') => invoke<MirrorStatus>('mirror_resolve', { id, kept }),

  listBackups: () => invoke<BackupList>('backup_list'),
  backupNow: () => invoke<BackupFile>('backup_now'),
  /** Asks for a backup file with the native dialog and checks it; null when cancelled. */
  pickBackup: (title: string) => invoke<BackupChoice | null>('backup_pick', { title }),
  /** Puts a backup's content in place of the store's; resolves to what was kept of the store first. */
  restoreBackup: (path: string) => invoke<Restored>('backup_restore', { path }),
  /** Whether the store takes writes; for a damaged one, the newest good backup and what it lacks. */
  storeHealth: () => invoke<StoreHealth>('store_health'),

  /** The rescue page: why the store would not open. */
  storeProblem: () => invoke<StoreProblem>('rescue_status'),
  /** The rescue page: for a damaged store, its newest good backup (backups are checked: slow). */
  rescueOffer: () => invoke<RecoveryOffer | null>('rescue_offer'),
  /** The rescue page: asks for a backup file with the native dialog and checks it; null when cancelled. */
  pickRescueBackup: (title: string) => invoke<PickedBackup | null>('rescue_pick', { title }),
  /** The rescue page: puts a backup in place of the damaged store (kept beside the backups) and opens it. */
  restoreOverDamaged: (path: string) => invoke<Restored>('rescue_restore', { path }),
  /** The rescue page: opens the default store instead of the damaged one chosen in the settings. */
  openDefaultStore: () => invoke<void>('rescue_open_default'),

  listTemplates: () => invoke<string[]>('template_list'),
  /** Asks where to save with the native dialog; `null` when the user cancels. */
  exportSave: (id: string, format: ExportFormat, template: string | null, title: string) =>
    invoke<ExportSaved | null>('export_save', { id, format, template, title }),
  /** Copies the export to the clipboard; resolves to the renderer's warnings. */
  exportCopy: (id: string, format: ExportFormat, template: string | null) =>
    invoke<string[]>('export_copy', { id, format, template }),
  /** Opens the HTML export in the system browser; resolves to the file's path. */
  exportOpen: (id: string, template: string | null) => invoke<string>('export_open', { id, template }),
  openLink: (url: string) => invoke<void>('link_open', { url }),

  /** The window was asked to close: save, then call `closeWindow` (or `keepOpen` if saving failed). */
  onCloseRequested: (handler: () => void) => listen(CLOSE_REQUESTED, handler),
  /** A link in the preview was clicked (web and mail links only). */
  onLinkRequested: (handler: (url: string) => void) =>
    listen<string>(LINK_REQUESTED, (event) => handler(event.payload)),
  /** Files are being dragged over the window (`true`), or left it or were dropped (`false`). */
  onDropHover: (handler: (hovering: boolean) => void) =>
    listen<boolean>(DROP_HOVER, (event) => handler(event.payload)),
  /** Files dropped on the window were imported by the shell: one result per file. */
  onImported: (handler: (results: ImportResult[]) => void) =>
    listen<ImportResult[]>(IMPORTED, (event) => handler(event.payload)),
  /** The mirror folder's status changed, or a pass carried changes between the folder and the store. */
  onMirror: (handler: (update: MirrorUpdate) => void) =>
    listen<MirrorUpdate>(MIRROR, (event) => handler(event.payload)),
  /** A scheduled backup failed: why, in the Library's words. */
  onBackupFailed: (handler: (problem: string) => void) =>
    listen<string>(BACKUP_FAILED, (event) => handler(event.payload)),
  /** The check of every page found the store damaged: it takes no more writes. */
  onStoreHealth: (handler: (health: StoreHealth) => void) =>
    listen<StoreHealth>(STORE_HEALTH, (event) => handler(event.payload)),
};

export type Api = typeof api;
