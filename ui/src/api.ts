// The one module that talks to the Tauri shell. Components call these functions, never `invoke`.
import { invoke } from '@tauri-apps/api/core';

import type { Article, ArticleFields, ArticleSummary, Preview, SearchHit, Status, TagCount } from './types';

export const api = {
  listArticles: (status: Status | null, tag: string | null, limit: number) =>
    invoke<ArticleSummary[]>('article_list', { status, tag, limit }),
  searchArticles: (query: string, limit: number) => invoke<SearchHit[]>('article_search', { query, limit }),
  getArticle: (id: string) => invoke<Article>('article_get', { id }),
  createArticle: (headline: string) => invoke<Article>('article_create', { headline }),
  autosave: (id: string, fields: ArticleFields) => invoke<Article>('article_autosave', { id, fields }),
  preview: (article: Article) => invoke<Preview>('article_preview', { article }),
  listTags: () => invoke<TagCount[]>('tag_list'),
};

export type Api = typeof api;
