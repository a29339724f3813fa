// The desk: sidebar (search, statuses, tags), the article list, the editor and the live preview,
// plus the export, revisions and link dialogs. State lives here; components only draw.
import { api, errorMessage, type Article, type ArticleFields, type ArticleSummary, type ExportFormat, type SearchHit, type Status, type TagCount } from './api';
import { Autosaver, type SaveState } from './autosave';
import { mountBodyEditor } from './body-editor';
import { morphChildren } from './morph';
import { Coalescer } from './coalesce';
import { RelatedEditor } from './components/related-editor';
import { TagInput } from './components/tag-input';
import { VirtualList } from './components/virtual-list';
import { locale, t, type Key } from './i18n';
import { runBench } from './bench';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const searchInput = $<HTMLInputElement>('search');
const statusNav = $<HTMLElement>('statuses');
const tagList = $<HTMLUListElement>('tags');
const listCount = $<HTMLSpanElement>('list-count');
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
  status: $<HTMLSelectElement>('status'),
  language: $<HTMLSelectElement>('language'),
};

const STATUSES: Status[] = ['draft', 'editing', 'ready', 'published', 'spiked'];
const LANGUAGES: [string, Key][] = [['ru', 'langRu'], ['en', 'langEn']];
/** Search results shown at most; the list is virtual, so this bounds the query, not the DOM. */
const SEARCH_LIMIT = 500;

let current: Article | null = null;
let statusFilter: Status | null = null;
let tagFilter: string | null = null;
let knownTags: TagCount[] = [];
let trace = false;

// ---- saving -------------------------------------------------------------------------------------

const saver = new Autosaver(async () => {
  if (!current) return;
  const before = current;
  current = await api.autosave(current.id, editedFields(current));
  refreshListSoon();
  // The tag tree's counts change only with the tags or the status (spiked articles are not counted).
  if (before.status !== current.status || before.tags.join('\n') !== current.tags.join('\n')) void refreshTags();
}, showSaveState);

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
  const names = (text: string) => text.split(',').map((part) => part.trim()).filter(Boolean);
  // Tag text still being typed is not a tag yet: the tag box commits it on Enter, comma or blur.
  return {
    ...article,
    headline: fields.headline.value,
    dek: fields.dek.value,
    lead: fields.lead.value,
    byline: names(fields.byline.value),
    dateline: fields.dateline.value,
    section: fields.section.value,
    status: fields.status.value as Status,
    language: fields.language.value,
    tags: tagInput.value,
    related: related.value,
    body: body.get(),
  };
}

function edited(): void {
  saver.changed();
  previewer.request();
}

// ---- sidebar ------------------------------------------------------------------------------------

function renderStatuses(): void {
  const entries: [Status | null, Key][] = [[null, 'all'], ...STATUSES.map((s): [Status, Key] => [s, s])];
  statusNav.replaceChildren(
    ...entries.map(([status, key]) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = t(key);
      button.setAttribute('aria-pressed', String(statusFilter === status));
      button.addEventListener('click', () => {
        statusFilter = status;
        renderStatuses();
        void reloadList();
      });
      return button;
    }),
  );
}

async function refreshTags(): Promise<void> {
  knownTags = await api.listTags();
  tagList.replaceChildren(
    ...knownTags.map((tag) => {
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
        void reloadList();
      });
      item.append(button);
      return item;
    }),
  );
}

// ---- article list -------------------------------------------------------------------------------

type Row = ArticleSummary | SearchHit;

const list = new VirtualList<Row>($<HTMLDivElement>('articles'), {
  rowHeight: 120,
  label: t('listLabel'),
  empty: t('nothing'),
  key: (row) => row.id,
  render: listRow,
  onActivate: (row) => void open(row.id),
  onError: (error) => showSaveState('failed', errorMessage(error)),
});

function listRow(article: Row): HTMLElement {
  const row = document.createElement('div');
  row.className = 'article';
  const headline = document.createElement('span');
  headline.className = 'headline';
  headline.textContent = article.headline || '—';
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.textContent = [t(`st_${article.status}`), article.section, formatDate(article.updated_at)].filter(Boolean).join(' · ');
  row.append(headline, meta);
  if ('snippet' in article && article.snippet) row.append(snippetElement(article.snippet));
  else if (article.dek) {
    const dek = document.createElement('span');
    dek.className = 'snippet';
    dek.textContent = article.dek;
    row.append(dek);
  }
  return row;
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

/** The current search's results: the list's source reads them, so a refresh can replace them. */
let searchHits: SearchHit[] = [];

async function search(query: string): Promise<number> {
  searchHits = await api.searchArticles(query, SEARCH_LIMIT);
  listCount.textContent = searchHits.length === SEARCH_LIMIT ? `${SEARCH_LIMIT}+` : String(searchHits.length);
  searchInput.removeAttribute('aria-invalid');
  return searchHits.length;
}

/** Loads the list for the current search or filters from the top; resolves to its first row. */
async function reloadList(): Promise<Row | undefined> {
  const query = searchInput.value.trim();
  try {
    if (query) {
      const total = await search(query);
      list.setSource({ total, fetch: async (offset, limit) => searchHits.slice(offset, offset + limit) });
      return searchHits[0];
    }
    const first = await api.listArticles(statusFilter, tagFilter, 0, 100);
    const [status, tag] = [statusFilter, tagFilter];
    let firstPage: ArticleSummary[] | null = first.articles;
    list.setSource({
      total: first.total,
      fetch: async (offset, limit) => {
        // The first page is already here: the list shows at once on launch. Used once: a
        // refresh after a save must read the store again.
        const ready = firstPage;
        firstPage = null;
        if (offset === 0 && ready && limit <= ready.length) return ready.slice(0, limit);
        const page = await api.listArticles(status, tag, offset, limit);
        listCount.textContent = String(page.total);
        return page.articles;
      },
    });
    listCount.textContent = String(first.total);
    return first.articles[0];
  } catch (error) {
    // A query the language cannot read: say so in place of results.
    searchInput.setAttribute('aria-invalid', 'true');
    list.setSource({ total: 0, fetch: async () => [] });
    listCount.textContent = '';
    $<HTMLDivElement>('articles').querySelector('.vlist-empty')?.replaceChildren(errorMessage(error));
    return undefined;
  } finally {
    list.select(current?.id ?? null);
  }
}

let listTimer = 0;
/** After a save the list order and headlines change: refresh the rows in view, keeping the scroll. */
function refreshListSoon(): void {
  window.clearTimeout(listTimer);
  listTimer = window.setTimeout(async () => {
    const query = searchInput.value.trim();
    if (query) return list.refresh(await search(query).catch(() => searchHits.length));
    // A status change can move the article out of the list: count again.
    const { total } = await api.listArticles(statusFilter, tagFilter, 0, 0);
    listCount.textContent = String(total);
    list.refresh(total);
  }, 300);
}

// ---- editor -------------------------------------------------------------------------------------

const tagInput = new TagInput($<HTMLDivElement>('tag-input'), {
  label: t('tagInput'),
  suggestions: () => knownTags,
  onChange: edited,
  removeLabel: (tag) => `${t('removeTag')} ${tag}`,
});

const related = new RelatedEditor($<HTMLUListElement>('related'), {
  titleLabel: t('relatedTitle'),
  urlLabel: t('relatedUrl'),
  removeLabel: t('removeRelated'),
  onChange: edited,
});

const body = mountBodyEditor($<HTMLDivElement>('body'), t('body'), edited, () => void saver.flush());

function fill(article: Article): void {
  fields.headline.value = article.headline;
  fields.dek.value = article.dek;
  fields.lead.value = article.lead;
  fields.byline.value = article.byline.join(', ');
  fields.dateline.value = article.dateline;
  fields.section.value = article.section;
  fields.status.value = article.status;
  if (![...fields.language.options].some((option) => option.value === article.language)) {
    fields.language.append(new Option(article.language, article.language));
  }
  fields.language.value = article.language;
  tagInput.value = article.tags;
  related.value = article.related;
  body.set(article.body, article.language);
}

/** Opens an article: saves the one being left first, then shows the new one and its preview. */
async function open(id: string, traceAs = 'switch'): Promise<void> {
  const started = performance.now();
  await saver.flush();
  await showArticle(await api.getArticle(id), () => {
    if (trace) requestAnimationFrame(() => void api.trace(`${traceAs}-editor`, performance.now() - started));
  });
  if (trace) void api.trace(traceAs, performance.now() - started);
}

/** Makes `article` the one in the editor, as stored; `filled` runs once the fields hold it. */
async function showArticle(article: Article, filled?: () => void): Promise<void> {
  current = article;
  fill(article);
  showSaveState('saved');
  list.select(article.id);
  filled?.();
  previewer.cancel();
  await showPreview(article, true);
}

// ---- preview ------------------------------------------------------------------------------------

/** Renders what the editor holds; a keystroke starts a render at once, keystrokes during one coalesce. */
const previewer = new Coalescer(
  async (since) => {
    if (!current) return;
    await showPreview({ ...current, ...editedFields(current) }, false);
    if (trace) void api.trace('keystroke-to-preview', performance.now() - since);
  },
  (error) => showSaveState('failed', errorMessage(error)),
);

/** Shows the article's export in the preview by updating the shown document in place: only what
 * changed is laid out again, and while editing the reader keeps their place (another article,
 * `fresh`, starts at the top). The frame is same-origin and runs no script, so its document is
 * reachable; the first render, or a change of language, loads a new document instead. */
async function showPreview(article: Article, fresh: boolean): Promise<void> {
  const rendered = await api.preview(article);
  const shown = preview.contentDocument;
  const next = new DOMParser().parseFromString(rendered.html, 'text/html');
  if (shown?.body?.firstElementChild && shown.documentElement.lang === next.documentElement.lang) {
    morphChildren(shown.head, next.head);
    morphChildren(shown.body, next.body);
    if (fresh) shown.scrollingElement?.scrollTo(0, 0);
    // Lay the change out now (what a timing mark counts); the next vsync paints it.
    void shown.documentElement.offsetHeight;
  } else {
    await new Promise<void>((resolve) => {
      preview.addEventListener('load', () => resolve(), { once: true });
      preview.srcdoc = rendered.html;
    });
  }
  showCounts(article.body);
}

function showCounts(text: string): void {
  const chars = [...text.replace(/\n/g, '')].length;
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  counts.textContent = `${chars.toLocaleString()} ${t('chars')} · ${words.toLocaleString()} ${t('words')}`;
}

// ---- dialogs ------------------------------------------------------------------------------------

const exportDialog = $<HTMLDialogElement>('export-dialog');
const exportMessage = $<HTMLParagraphElement>('export-message');
const templateSelect = $<HTMLSelectElement>('export-template');

function exportFormat(): ExportFormat {
  return (exportDialog.querySelector<HTMLInputElement>('input[name=format]:checked')?.value ?? 'html') as ExportFormat;
}

function exportTemplate(): string | null {
  return templateSelect.value || null;
}

async function openExportDialog(): Promise<void> {
  if (!current) return;
  await saver.flush();
  exportMessage.textContent = '';
  const templates = await api.listTemplates().catch(() => []);
  templateSelect.replaceChildren(new Option(t('builtIn'), ''), ...templates.map((name) => new Option(name, name)));
  updateTemplateChoice();
  exportDialog.showModal();
}

function updateTemplateChoice(): void {
  // Only the HTML document has a template.
  templateSelect.disabled = exportFormat() !== 'html';
}

/** Runs an export action and reports its outcome in the dialog. */
async function exportAction(action: (id: string) => Promise<string>): Promise<void> {
  if (!current) return;
  await saver.flush();
  exportMessage.dataset.state = 'working';
  try {
    const message = await action(current.id);
    exportMessage.textContent = message;
    exportMessage.dataset.state = 'done';
  } catch (error) {
    exportMessage.textContent = t('failed') + errorMessage(error);
    exportMessage.dataset.state = 'failed';
  }
}

const withWarnings = (message: string, warnings: string[]) =>
  warnings.length ? `${message} ${t('warnings')}${warnings.join('; ')}` : message;

const revisionsDialog = $<HTMLDialogElement>('revisions-dialog');
const revisionList = $<HTMLOListElement>('revision-list');

async function openRevisions(): Promise<void> {
  if (!current) return;
  await saver.flush();
  const article = current;
  const revisions = await api.listRevisions(article.id);
  revisionList.replaceChildren(
    ...revisions.map((revision) => {
      const item = document.createElement('li');
      const label = document.createElement('span');
      label.className = 'revision-label';
      const reason = t(`reason_${revision.reason}` as Key);
      label.textContent = `${revision.number}. ${formatDate(revision.created_at)} · ${reason}${revision.label ? ` «${revision.label}»` : ''} · ${revision.body_chars.toLocaleString()} ${t('chars')}`;
      item.append(label);
      if (revision.number === article.revision) {
        const now = document.createElement('span');
        now.className = 'revision-current';
        now.textContent = t('current');
        item.append(now);
      } else {
        const restore = document.createElement('button');
        restore.type = 'button';
        restore.className = 'restore';
        restore.dataset.revision = String(revision.number);
        restore.textContent = t('restore');
        restore.addEventListener('click', async () => {
          await showArticle(await api.restoreRevision(article.id, revision.number));
          revisionsDialog.close();
          refreshListSoon();
          void refreshTags();
        });
        item.append(restore);
      }
      return item;
    }),
  );
  revisionsDialog.showModal();
}

const linkDialog = $<HTMLDialogElement>('link-dialog');
/** A link clicked in the preview: the shell stopped it; ask before handing it to the browser. */
function confirmLink(url: string): void {
  $<HTMLParagraphElement>('link-url').textContent = url;
  linkDialog.returnValue = '';
  linkDialog.showModal();
  linkDialog.addEventListener(
    'close',
    () => {
      if (linkDialog.returnValue === 'open') void api.openLink(url).catch((error) => showSaveState('failed', errorMessage(error)));
    },
    { once: true },
  );
}

// ---- wiring -------------------------------------------------------------------------------------

function applyStrings(): void {
  document.documentElement.lang = locale();
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n as Key);
  });
  searchInput.placeholder = t('searchPlaceholder');
  preview.title = t('preview');
  document.querySelector('.sidebar')?.setAttribute('aria-label', t('sidebar'));
  fields.status.replaceChildren(...STATUSES.map((status) => new Option(t(`st_${status}`), status)));
  fields.language.replaceChildren(...LANGUAGES.map(([code, key]) => new Option(t(key), code)));
}

for (const field of [fields.headline, fields.dek, fields.lead, fields.byline, fields.dateline, fields.section]) {
  field.addEventListener('input', edited);
  field.addEventListener('blur', () => void saver.flush());
}
for (const field of [fields.status, fields.language]) field.addEventListener('change', edited);
tagInput.input.addEventListener('blur', () => void saver.flush());
$<HTMLButtonElement>('add-related').addEventListener('click', () => related.add());
window.addEventListener('beforeunload', () => void saver.flush());
document.addEventListener('visibilitychange', () => void saver.flush());

let searchTimer = 0;
searchInput.addEventListener('input', () => {
  window.clearTimeout(searchTimer);
  searchTimer = window.setTimeout(() => void reloadList(), 150);
});

$<HTMLButtonElement>('new-article').addEventListener('click', async () => {
  await saver.flush();
  const article = await api.createArticle(t('newHeadline'));
  await reloadList();
  await open(article.id);
  fields.headline.select();
  fields.headline.focus();
});

$<HTMLButtonElement>('open-export').addEventListener('click', () => void openExportDialog());
$<HTMLButtonElement>('open-revisions').addEventListener('click', () => void openRevisions());
exportDialog.querySelectorAll('input[name=format]').forEach((radio) => radio.addEventListener('change', updateTemplateChoice));
$<HTMLButtonElement>('export-save').addEventListener('click', () =>
  void exportAction(async (id) => {
    const saved = await api.exportSave(id, exportFormat(), exportTemplate(), t('exportTitle'));
    return saved ? withWarnings(t('savedTo') + saved.path, saved.warnings) : '';
  }),
);
$<HTMLButtonElement>('export-copy').addEventListener('click', () =>
  void exportAction(async (id) => withWarnings(t('copied'), await api.exportCopy(id, exportFormat(), exportTemplate()))),
);
$<HTMLButtonElement>('export-open').addEventListener('click', () =>
  void exportAction(async (id) => t('openedIn') + (await api.exportOpen(id, exportTemplate()))),
);

// Keyboard: Ctrl (⌘ on macOS) with N new article, S save now, F search, E export.
document.addEventListener('keydown', (event) => {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
  const actions: Record<string, () => void> = {
    n: () => $<HTMLButtonElement>('new-article').click(),
    s: () => void saver.flush(),
    f: () => searchInput.focus(),
    e: () => void openExportDialog(),
  };
  // `code` keeps the shortcuts on the same keys in a Russian layout.
  const action = actions[event.code.replace(/^Key/, '').toLowerCase()];
  if (!action) return;
  event.preventDefault();
  action();
});

void api.onLinkRequested(confirmLink);
void api.onCloseRequested(async () => {
  // The shell holds the window open until the page has saved what it holds. If the save fails,
  // the window stays open with the text and the error in view.
  await saver.flush();
  if (saver.state === 'failed') await api.keepOpen();
  else await api.closeWindow();
});

async function start(): Promise<void> {
  applyStrings();
  renderStatuses();
  const config = await api.config();
  trace = config.trace;
  // Which store this window writes to, for anyone who keeps more than one.
  document.querySelector('.brand')?.setAttribute('title', config.store);
  const first = await reloadList();
  if (trace) {
    // The list is in the DOM; the next frame paints it.
    requestAnimationFrame(() => void api.trace('list-shown'));
  }
  // The list and the newest article first; the tag tree after them.
  if (first) await open(first.id, 'open-at-launch');
  if (trace) void api.trace('first-article-shown');
  void refreshTags();
  if (config.bench) await runBench({ body, open });
}

void start();
