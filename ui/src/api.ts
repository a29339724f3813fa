// The one module that talks to the Tauri shell: a typed client over Galley's commands and the
// two events the shell sends. Components call these functions, never `invoke` or `listen`.
// The types come from `bindings.ts`, generated from the Rust types.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';

import type {
  AppConfig,
  Article,
  ArticleFields,
  ExportFormat,
  ExportSaved,
  IpcError,
  ListPage,
  Preview,
  RevisionSummary,
  SearchHit,
  Status,
  TagCount,
} from './bindings';
import { CLOSE_REQUESTED, LINK_REQUESTED } from './bindings';

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

  listArticles: (status: Status | null, tag: string | null, offset: number, limit: number) =>
    invoke<ListPage>('article_list', { status, tag, offset, limit }),
  searchArticles: (query: string, limit: number) => invoke<SearchHit[]>('article_search', { query, limit }),
  getArticle: (id: string) => invoke<Article>('article_get', { id }),
  createArticle: (headline: string) => invoke<Article>('article_create', { headline }),
  autosave: (id: string, fields: ArticleFields) => invoke<Article>('article_autosave', { id, fields }),
  preview: (article: Article) => invoke<Preview>('article_preview', { article }),

  listRevisions: (id: string) => invoke<RevisionSummary[]>('revision_list', { id }),
  restoreRevision: (id: string, number: number) => invoke<Article>('revision_restore', { id, number }),

  listTags: () => invoke<TagCount[]>('tag_list'),

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
};

export type Api = typeof api;
