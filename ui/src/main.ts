// The desk: sidebar (search, statuses, tags), the article list, the editor and the live preview.
import { api } from './api';
import { Autosaver, type SaveState } from './autosave';
import { mountBodyEditor } from './body-editor';
import { t, type Key } from './i18n';
import type { Article, ArticleFields, ArticleSummary, SearchHit, Status } from './types';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const searchInput = $<HTMLInputElement>('search');
const statusNav = $<HTMLElement>('statuses');
const tagList = $<HTMLUListElement>('tags');
const articleList = $<HTMLOListElement>('articles');
const saveState = $<HTMLSpanElement>('save-state');
const counts = $<HTMLSpanElement>('counts');
const preview = $<HTMLIFrameElement>('preview');
const fields = {
  headline: $<HTMLTextAreaElement>('headline'),
  dek: $<HTMLInputElement>('dek'),
  lead: $<HTMLTextAreaElement>('lead'),
  byline: $<HTMLInputElement>('byline'),
  dateline: $<HTMLInputElement>('dateline'),
  section: $<HTMLInputElement>('section'),
  tags: $<HTMLInputElement>('tag-input'),
};

let current: Article | null = null;
let statusFilter: Status | null = null;
let tagFilter: string | null = null;

const saver = new Autosaver(
  async () => {
    if (!current) return;
    current = await api.autosave(current.id, editedFields(current));
    void refreshList();
    void refreshTags();
  },
  showSaveState,
);

function applyStrings(): void {
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n as Key);
  });
  searchInput.placeholder = t('searchPlaceholder');
  preview.title = t('preview');
  document.querySelector('.sidebar')?.setAttribute('aria-label', t('sidebar'));
}

function showSaveState(state: SaveState, error?: string): void {
  const text: Record<SaveState, string> = {
    saved: t('saved'),
    saving: t('saving'),
    unsaved: t('unsaved'),
    failed: t('saveFailed') + (error ?? ''),
  };
  saveState.textContent = text[state];
  saveState.dataset.state = state;
}

function editedFields(article: Article): ArticleFields {
  const list = (text: string) => text.split(',').map((part) => part.trim()).filter(Boolean);
  return {
    ...article,
    headline: fields.headline.value,
    dek: fields.dek.value,
    lead: fields.lead.value,
    byline: list(fields.byline.value),
    dateline: fields.dateline.value,
    section: fields.section.value,
    tags: list(fields.tags.value),
    body: body.get(),
  };
}

function renderStatuses(): void {
  const entries: [Status | null, Key][] = [
    [null, 'all'],
    ['draft', 'draft'],
    ['editing', 'editing'],
    ['ready', 'ready'],
    ['published', 'published'],
    ['spiked', 'spiked'],
  ];
  statusNav.replaceChildren(
    ...entries.map(([status, key]) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = t(key);
      button.setAttribute('aria-pressed', String(statusFilter === status));
      button.addEventListener('click', () => {
        statusFilter = status;
        renderStatuses();
        void refreshList();
      });
      return button;
    }),
  );
}

async function refreshTags(): Promise<void> {
  const tags = await api.listTags();
  tagList.replaceChildren(
    ...tags.map((tag) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      const depth = tag.name.split('/').length - 1;
      button.style.paddingInlineStart = `${0.5 + depth}rem`;
      button.setAttribute('aria-pressed', String(tagFilter === tag.name));
      const name = document.createElement('span');
      name.textContent = tag.name.split('/').at(-1) ?? tag.name;
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = String(tag.total);
      button.append(name, count);
      button.addEventListener('click', () => {
        tagFilter = tagFilter === tag.name ? null : tag.name;
        void refreshTags();
        void refreshList();
      });
      item.append(button);
      return item;
    }),
  );
}

async function refreshList(): Promise<void> {
  const query = searchInput.value.trim();
  const items: (ArticleSummary | SearchHit)[] = query
    ? await api.searchArticles(query, 100)
    : await api.listArticles(statusFilter, tagFilter, 200);
  if (items.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = t('nothing');
    articleList.replaceChildren(empty);
    return;
  }
  articleList.replaceChildren(...items.map(listItem));
}

function listItem(article: ArticleSummary | SearchHit): HTMLLIElement {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'article';
  button.setAttribute('aria-current', String(current?.id === article.id));
  const headline = document.createElement('span');
  headline.className = 'headline';
  headline.textContent = article.headline || '—';
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.textContent = [t(article.status as Key), article.section, formatDate(article.updated_at)].filter(Boolean).join(' · ');
  button.append(headline, meta);
  if ('snippet' in article && article.snippet) button.append(snippetElement(article.snippet));
  button.addEventListener('click', () => void open(article.id));
  item.append(button);
  return item;
}

function snippetElement(snippet: NonNullable<SearchHit['snippet']>): HTMLElement {
  const element = document.createElement('span');
  element.className = 'snippet';
  // Highlights are byte ranges of the UTF-8 text (as Rust counts), not UTF-16 string indices.
  const bytes = new TextEncoder().encode(snippet.text);
  const decoder = new TextDecoder();
  const text = (from: number, to?: number) => decoder.decode(bytes.subarray(from, to));
  let at = 0;
  for (const { start, end } of snippet.highlights) {
    element.append(text(at, start));
    const mark = document.createElement('mark');
    mark.textContent = text(start, end);
    element.append(mark);
    at = end;
  }
  element.append(text(at));
  return element;
}

function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(document.documentElement.lang, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

async function open(id: string): Promise<void> {
  await saver.flush();
  current = await api.getArticle(id);
  fields.headline.value = current.headline;
  fields.dek.value = current.dek;
  fields.lead.value = current.lead;
  fields.byline.value = current.byline.join(', ');
  fields.dateline.value = current.dateline;
  fields.section.value = current.section;
  fields.tags.value = current.tags.join(', ');
  body.set(current.body, current.language);
  showSaveState('saved');
  void refreshPreview();
  document.querySelectorAll('.article').forEach((button) => button.setAttribute('aria-current', 'false'));
  void refreshList();
}

let previewToken = 0;
async function refreshPreview(): Promise<void> {
  if (!current) return;
  const token = ++previewToken;
  // The preview is the HTML export of what the editor holds, rendered by the backend.
  const rendered = await api.preview({ ...current, ...editedFields(current) });
  if (token !== previewToken) return; // a newer keystroke's preview is on its way
  preview.srcdoc = rendered.html;
  const text = body.get();
  const chars = [...text.replace(/\n/g, '')].length;
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  counts.textContent = `${chars} ${t('chars')} · ${words} ${t('words')}`;
}

let previewTimer = 0;
function bodyChanged(): void {
  saver.changed();
  window.clearTimeout(previewTimer);
  previewTimer = window.setTimeout(() => void refreshPreview(), 120);
}

const body = mountBodyEditor($<HTMLDivElement>('body'), t('body'), bodyChanged, () => void saver.flush());

Object.values(fields).forEach((field) => {
  field.addEventListener('input', bodyChanged);
  field.addEventListener('blur', () => void saver.flush());
});
window.addEventListener('beforeunload', () => void saver.flush());
document.addEventListener('visibilitychange', () => void saver.flush());

let searchTimer = 0;
searchInput.addEventListener('input', () => {
  window.clearTimeout(searchTimer);
  searchTimer = window.setTimeout(() => void refreshList(), 150);
});

$<HTMLButtonElement>('new-article').addEventListener('click', async () => {
  await saver.flush();
  const article = await api.createArticle(t('newHeadline'));
  await open(article.id);
  fields.headline.select();
  fields.headline.focus();
});

applyStrings();
renderStatuses();
void refreshTags();
void refreshList().then(async () => {
  const first = document.querySelector<HTMLButtonElement>('.article');
  first?.click();
});
