// The desk: sidebar (search, statuses, tags), the article list with its section filter and sort,
// the editor, and beside it the preview or the inspector; plus the dialogs, the command palette
// and the keyboard. State lives here; components only draw, and dialogs live in their own modules.
import {
  api,
  errorMessage,
  type Article,
  type ArticleFields,
  type ArticleSummary,
  type Change,
  type ImportResult,
  type Inspection,
  type ListSort,
  type ListView,
  type MirrorStatus,
  type SearchHit,
  type SectionCount,
  type Settings,
  type SidePanel,
  type Status,
  type TagCount,
  type Theme,
  type UiLanguage,
} from './api';
import { Autosaver, type SaveState } from './autosave';
import { mountBodyEditor } from './body-editor';
import { Coalescer } from './coalesce';
import { CommandPalette, ShortcutsSheet, shortcutLabel, type Command } from './components/command-palette';
import { Inspector } from './components/inspector';
import { showMenu } from './components/menu';
import { RelatedEditor } from './components/related-editor';
import { TagInput } from './components/tag-input';
import { TagManager } from './components/tag-manager';
import { VirtualList } from './components/virtual-list';
import { count, formatDate, formatNumber, locale, localeFrom, setLocale, t, tf, type Key } from './i18n';
import { morphChildren, syncDocumentLanguage } from './morph';
import { fix, fixAll, jumpTo, type EditorFields } from './problem-actions';
import { openRevisions } from './revisions-dialog';
import { openSettings } from './settings-dialog';
import { SHORTCUTS, actionFor, keysOf, type Action } from './shortcuts';
import { markTheme, onSystemThemeChange } from './theme';
import { runBench } from './bench';
import { startDrag } from './drag';
import { embargoed, listRow, type Row } from './list-row';
import { openExportDialog } from './export-dialog';
import { showImported } from './import-results';
import { mirrorSummary, openMirror, updateMirror, type MirrorHooks } from './mirror-dialog';
import { watchStoreHealth } from './store-health';
import { moveStore } from './store-move';
import { inspectorStrings, localized } from './inspector-strings';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const mac = /Mac/.test(navigator.platform || navigator.userAgent);

const app = $<HTMLDivElement>('app');
const searchInput = $<HTMLInputElement>('search');
const statusNav = $<HTMLElement>('statuses');
const tagList = $<HTMLUListElement>('tags');
const listCount = $<HTMLSpanElement>('list-count');
const sectionFilter = $<HTMLSelectElement>('section-filter');
const sortSelect = $<HTMLSelectElement>('sort');
const saveState = $<HTMLSpanElement>('save-state');
const counts = $<HTMLSpanElement>('counts');
const embargoBadge = $<HTMLSpanElement>('embargo-badge');
const spikedBanner = $<HTMLDivElement>('spiked-banner');
const preview = $<HTMLIFrameElement>('preview');
const tabs = { preview: $<HTMLButtonElement>('tab-preview'), inspector: $<HTMLButtonElement>('tab-inspector') };
const panels = { preview: $<HTMLDivElement>('preview-panel'), inspector: $<HTMLDivElement>('inspector-panel') };
const fields = {
  headline: $<HTMLTextAreaElement>('headline'),
  dek: $<HTMLInputElement>('dek'),
  lead: $<HTMLTextAreaElement>('lead'),
  byline: $<HTMLInputElement>('byline'),
  dateline: $<HTMLInputElement>('dateline'),
  section: $<HTMLInputElement>('section'),
  status: $<HTMLSelectElement>('status'),
  language: $<HTMLSelectElement>('language'),
  embargo: $<HTMLInputElement>('embargo'),
};

const STATUSES: Status[] = ['draft', 'editing', 'ready', 'published', 'spiked'];
const LANGUAGES: [string, Key][] = [['ru', 'langRu'], ['en', 'langEn']];
const SORTS: ListSort[] = ['updated', 'updated_oldest', 'created', 'headline'];
/** Search results shown at most; the list is virtual, so this bounds the query, not the DOM. */
const SEARCH_LIMIT = 500;

let current: Article | null = null;
let view: ListView = { status: null, tag: null, section: null, sort: 'updated' };
let knownTags: TagCount[] = [];
let knownSections: SectionCount[] = [];
let settings: Settings | null = null;
let inspection: Inspection | null = null;
let trace = false;

// ---- saving -------------------------------------------------------------------------------------

const saver = new Autosaver(async () => {
  if (!current) return;
  const before = current;
  const answer = await api.autosave(current.id, current.revision, editedFields(current));
  current = answer.article;
  if (answer.saved_over !== null) {
    // Someone else's change (another window, galley-cli, the mirror folder) came in while this
    // editor was typing: the words on screen are saved on top, and the other stays a revision.
    showNotice(tf('savedOverElsewhere', { headline: short(current.headline), revision: answer.saved_over }), 'revisions');
  }
  refreshListSoon();
  // The tag tree's counts change only with the tags or the status (spiked articles are not counted).
  if (before.status !== current.status || before.tags.join('\n') !== current.tags.join('\n')) void refreshTags();
  if (before.section !== current.section) void refreshSections();
}, onSaveState);

/** Where the words of a save that failed are kept while they are not in the store: the article,
 * and the file beside the store (`null` when keeping them there failed too, with why). */
let kept: { id: string; path: string | null; problem?: string } | null = null;

function onSaveState(state: SaveState, error?: string): void {
  if (state === 'failed' && current) void keepUnsaved(current, error);
  if (state === 'saved' && kept) {
    // In the store now: the file that kept the words goes.
    const { id } = kept;
    kept = null;
    void api.forgetUnsaved(id).catch(() => {});
  }
  showSaveState(state, error);
}

/** Why the last save failed, for the dialog that asks before leaving. */
let lastSaveError: string | undefined;

/** Keeps what the editor holds for `article` beside the store, and says so. */
async function keepUnsaved(article: Article, error = lastSaveError): Promise<void> {
  lastSaveError = error;
  try {
    kept = { id: article.id, path: await api.keepUnsaved(article.id, editedFields(article)) };
  } catch (keepError) {
    kept = { id: article.id, path: null, problem: errorMessage(keepError) };
  }
  if (saver.state === 'failed') showSaveState('failed', error);
}

function showSaveState(state: SaveState, error?: string): void {
  const text: Record<SaveState, string> = {
    saved: t('saved'),
    saving: t('saving'),
    unsaved: t('unsaved'),
    failed: failedText(error),
  };
  saveState.textContent = text[state];
  saveState.dataset.state = state;
}

/** Why the save failed, where the words are kept, and that Galley tries again. */
function failedText(error?: string): string {
  const where = kept && kept.id === current?.id
    ? kept.path
      ? tf('unsavedKeptIn', { path: kept.path })
      : tf('unsavedNotKept', { problem: kept.problem ?? '' })
    : '';
  return [`${t('saveFailed')}${error ?? ''}`.replace(/\.?$/, '.'), where, t('saveRetrying')].filter(Boolean).join(' ');
}

const unsavedDialog = $<HTMLDialogElement>('unsaved-dialog');
/** Whether the editor's words are safe to leave: saved, or, when saving fails, kept in a file and
 * the journalist chose to leave them there (they come back at the next start). */
async function readyToLeave(): Promise<boolean> {
  // After a failure (typed on since or not), ask at once: another try could wait out the store's
  // busy timeout first.
  if (!saver.failing && (await saver.flush())) return true;
  $<HTMLParagraphElement>('unsaved-text').textContent = failedText(lastSaveError);
  // Leaving is offered only when the words are in a file.
  $<HTMLButtonElement>('unsaved-leave').hidden = !kept?.path;
  unsavedDialog.returnValue = '';
  unsavedDialog.showModal();
  await new Promise((resolve) => unsavedDialog.addEventListener('close', resolve, { once: true }));
  if (unsavedDialog.returnValue !== 'leave' || !current) return false;
  if (saver.state === 'saved') return true;
  // What was typed since the words were kept goes into their file too, before the editor leaves.
  await keepUnsaved(current);
  if (!kept?.path) return false;
  kept = null;
  await saver.discard();
  return true;
}

/** A stored time as a `datetime-local` value, in local time to the minute. */
function localInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function editedFields(article: Article): ArticleFields {
  const names = (text: string) => text.split(',').map((part) => part.trim()).filter(Boolean);
  // The embargo box holds minutes: a stored time is kept as it is unless the box was changed.
  const embargo = fields.embargo.value;
  const embargoUntil =
    embargo === localInput(article.embargo_until) ? article.embargo_until : embargo ? new Date(embargo).toISOString() : null;
  // Tag text still being typed is not a tag yet: the tag box commits it on Enter, comma or blur.
  return {
    ...article,
    headline: fields.headline.value,
    dek: fields.dek.value,
    lead: fields.lead.value,
    byline: names(fields.byline.value),
    dateline: fields.dateline.value,
    section: fields.section.value,
    language: fields.language.value,
    embargo_until: embargoUntil,
    tags: tagInput.value,
    related: related.value,
    body: body.get(),
  };
}

function edited(): void {
  saver.changed();
  refreshSidePanel();
}

// ---- sidebar ------------------------------------------------------------------------------------

function renderStatuses(): void {
  const entries: [Status | null, Key][] = [[null, 'all'], ...STATUSES.map((s): [Status, Key] => [s, s])];
  statusNav.setAttribute('aria-label', t('status'));
  statusNav.replaceChildren(
    ...entries.map(([status, key]) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = t(key);
      button.setAttribute('aria-pressed', String(view.status === status));
      if (status) button.dataset.dropStatus = status;
      button.addEventListener('click', () => {
        view = { ...view, status };
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
      button.setAttribute('aria-pressed', String(view.tag === tag.name));
      button.dataset.dropTag = tag.name;
      const name = document.createElement('span');
      name.textContent = tag.name.split('/').at(-1) ?? tag.name;
      const total = document.createElement('span');
      total.className = 'count';
      total.textContent = formatNumber(tag.total);
      button.append(name, total);
      button.addEventListener('click', () => {
        view = { ...view, tag: view.tag === tag.name ? null : tag.name };
        void refreshTags();
        void reloadList();
      });
      item.append(button);
      return item;
    }),
  );
}

async function refreshSections(): Promise<void> {
  knownSections = await api.listSections().catch(() => knownSections);
  renderSectionFilter();
}

function renderSectionFilter(): void {
  const chosen = view.section;
  sectionFilter.replaceChildren(
    new Option(t('allSections'), ''),
    ...knownSections.map((section) => new Option(`${section.name} (${formatNumber(section.count)})`, section.name)),
  );
  // A section no article is in any more still shows while it is the filter.
  if (chosen && !knownSections.some((section) => section.name === chosen)) sectionFilter.append(new Option(chosen, chosen));
  sectionFilter.value = chosen ?? '';
}

function renderSort(): void {
  sortSelect.replaceChildren(...SORTS.map((sort) => new Option(t(`sort_${sort}`), sort)));
  sortSelect.value = view.sort;
}

// ---- article list -------------------------------------------------------------------------------

const list = new VirtualList<Row>($<HTMLDivElement>('articles'), {
  rowHeight: 120,
  label: t('listLabel'),
  empty: t('nothing'),
  key: (row) => row.id,
  render: (row) =>
    listRow(row, (event, article) =>
      startDrag(event, article.headline || '—', (target) =>
        void ('status' in target ? moveTo(article.id, target.status) : tagWith(article.id, target.tag)),
      ),
    ),
  onActivate: (row) => void open(row.id),
  onError: (error) => showSaveState('failed', errorMessage(error)),
});

/** The current search's results: the list's source reads them, so a refresh can replace them. */
let searchHits: SearchHit[] = [];

async function search(query: string): Promise<number> {
  searchHits = await api.searchArticles(query, SEARCH_LIMIT);
  listCount.textContent = searchHits.length === SEARCH_LIMIT ? `${SEARCH_LIMIT}+` : formatNumber(searchHits.length);
  searchInput.removeAttribute('aria-invalid');
  return searchHits.length;
}

/** Loads the list for the current search or view from the top; resolves to its first row. */
async function reloadList(): Promise<Row | undefined> {
  const query = searchInput.value.trim();
  try {
    if (query) {
      const total = await search(query);
      list.setSource({ total, fetch: async (offset, limit) => searchHits.slice(offset, offset + limit) });
      return searchHits[0];
    }
    const shown = { ...view };
    const first = await api.listArticles(shown, 0, 100);
    let firstPage: ArticleSummary[] | null = first.articles;
    list.setSource({
      total: first.total,
      fetch: async (offset, limit) => {
        // The first page is already here: the list shows at once on launch. Used once: a
        // refresh after a save must read the store again.
        const ready = firstPage;
        firstPage = null;
        if (offset === 0 && ready && limit <= ready.length) return ready.slice(0, limit);
        const page = await api.listArticles(shown, offset, limit);
        listCount.textContent = formatNumber(page.total);
        return page.articles;
      },
    });
    listCount.textContent = formatNumber(first.total);
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
    const { total } = await api.listArticles(view, 0, 0);
    listCount.textContent = formatNumber(total);
    list.refresh(total);
  }, 300);
}

/** A row's menu (right-click, or the menu key / Shift+F10 on the list): open it, or move it to a status. */
async function rowMenu(index: number, x: number, y: number): Promise<void> {
  const article = await list.itemAt(index);
  if (!article) return;
  showMenu({
    label: short(article.headline),
    x,
    y,
    items: [
      { label: t('openArticle'), run: () => void open(article.id) },
      ...STATUSES.map((status) => ({
        label: tf('cmdStatus', { status: t(`st_${status}`) }),
        disabled: article.status === status,
        run: () => void moveTo(article.id, status),
      })),
    ],
  });
}

list.element.addEventListener('contextmenu', (event) => {
  const row = event.target instanceof Element ? event.target.closest<HTMLElement>('.vlist-row') : null;
  if (!row) return;
  event.preventDefault();
  void rowMenu(Number(row.dataset.index), event.clientX, event.clientY);
});
list.element.addEventListener('keydown', (event) => {
  if (event.key !== 'ContextMenu' && !(event.shiftKey && event.key === 'F10')) return;
  const active = list.element.getAttribute('aria-activedescendant');
  const row = active ? document.getElementById(active) : null;
  if (!row) return;
  event.preventDefault();
  const rect = row.getBoundingClientRect();
  void rowMenu(Number(row.dataset.index), rect.left + 24, rect.top + 24);
});

/** Opens the article `step` rows after (or before) the current one in the list. */
async function openNeighbour(step: number): Promise<void> {
  const index = current ? list.indexOf(current.id) : -1;
  const next = await list.itemAt(index < 0 ? 0 : index + step);
  if (!next) return;
  list.scrollToIndex(index < 0 ? 0 : index + step);
  await open(next.id);
}

/** Moves an article to a status (from a drop, the palette, the editor or the spiked banner). */
async function moveTo(id: string, status: Status): Promise<void> {
  try {
    if (current?.id === id) await saver.flush();
    const moved = await api.setStatus(id, status);
    if (current?.id === id) {
      current = moved;
      fields.status.value = moved.status;
      showArticleState(moved);
    }
    announce(tf('movedTo', { headline: short(moved.headline), status: t(`st_${moved.status}`) }));
    refreshListSoon();
    void refreshTags();
  } catch (error) {
    showSaveState('failed', errorMessage(error));
  }
}

async function tagWith(id: string, tag: string): Promise<void> {
  try {
    if (current?.id === id) await saver.flush();
    const tagged = await api.tagArticle(id, [tag], []);
    if (current?.id === id) {
      current = tagged;
      tagInput.value = tagged.tags;
    }
    announce(tf('taggedWith', { headline: short(tagged.headline), tag }));
    refreshListSoon();
    void refreshTags();
  } catch (error) {
    showSaveState('failed', errorMessage(error));
  }
}

/** A headline short enough for a one-line message. */
function short(headline: string): string {
  const words = (headline || '—').split(/\s+/);
  return words.length > 6 ? `${words.slice(0, 6).join(' ')}…` : words.join(' ');
}

/** Says what happened in the save-state line, which is a polite live region. */
function announce(message: string): void {
  saveState.textContent = message;
  saveState.dataset.state = 'saved';
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
  fields.embargo.value = localInput(article.embargo_until);
  fields.embargo.dataset.empty = String(!fields.embargo.value);
  tagInput.value = article.tags;
  related.value = article.related;
  body.set(article.body, article.language);
  showArticleState(article);
}

/** The banner of a spiked article and the embargo badge. */
function showArticleState(article: Article): void {
  spikedBanner.hidden = article.status !== 'spiked';
  embargoBadge.hidden = !embargoed(article.embargo_until);
  if (!embargoBadge.hidden) embargoBadge.textContent = tf('embargoBadge', { when: formatDate(article.embargo_until as string, true) });
}

/** Opens an article: saves the one being left first, then shows the new one and its preview. */
async function open(id: string, traceAs = 'switch'): Promise<void> {
  const started = performance.now();
  if (!(await readyToLeave())) {
    if (current) list.select(current.id);
    return;
  }
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
  inspecter.cancel();
  window.clearTimeout(inspectTimer);
  await render(article, true);
}

const editorFields: EditorFields = {
  plain: (place) => (place === 'headline' || place === 'dek' || place === 'lead' ? fields[place] : null),
  body,
  related: (index) => $<HTMLUListElement>('related').querySelectorAll<HTMLElement>('li')[index]?.querySelector('input') ?? null,
  edited,
};

// ---- preview and inspector ------------------------------------------------------------------------

/** Renders what the editor holds; a keystroke starts a render at once, keystrokes during one coalesce. */
const previewer = new Coalescer(
  async (since) => {
    if (!current) return;
    await showPreview({ ...current, ...editedFields(current) }, false);
    if (trace) void api.trace('keystroke-to-preview', performance.now() - since);
  },
  (error) => showSaveState('failed', errorMessage(error)),
);

/** Checks what the editor holds; keystrokes during a check coalesce, as for the preview. */
const inspecter = new Coalescer(
  async () => {
    if (current) await inspect({ ...current, ...editedFields(current) });
  },
  (error) => showSaveState('failed', errorMessage(error)),
);

/** The preview's document is behind the editor: it was hidden while the text changed. */
let previewStale = false;
let inspectTimer = 0;

/** After an edit, brings the shown panel up to date at once, and the rest later: the preview only
 * when it is shown, the inspection at once when the inspector is shown, else after a pause (the
 * counts in the header come from it). The preview's keystrokes never wait for a check. */
function refreshSidePanel(): void {
  const panel = app.dataset.panel;
  window.clearTimeout(inspectTimer);
  if (panel === 'preview') previewer.request();
  else previewStale = true;
  if (panel === 'inspector') inspecter.request();
  else inspectTimer = window.setTimeout(() => inspecter.request(), 400);
}

/** The preview of an article just opened, then its inspection: after, so that on two cores the
 * check does not compete with the render and the layout the reader is waiting for. */
async function render(article: Article, fresh: boolean): Promise<void> {
  previewStale = false;
  await showPreview(article, fresh);
  inspecter.request();
}

/** Shows the article's export in the preview by updating the shown document in place: only what
 * changed is laid out again, and while editing the reader keeps their place (another article,
 * `fresh`, starts at the top). The frame is same-origin and runs no script, so its document is
 * reachable; only the first render loads a new document. An article in another language carries
 * its `lang` over to the shown document (loading a new one cost a switch 60 ms). */
async function showPreview(article: Article, fresh: boolean): Promise<void> {
  const rendered = await api.preview(article);
  const shown = preview.contentDocument;
  const next = new DOMParser().parseFromString(rendered.html, 'text/html');
  if (shown?.body?.firstElementChild) {
    syncDocumentLanguage(shown.documentElement, next.documentElement);
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
    markTheme(preview.contentDocument?.documentElement, settings?.theme ?? 'system');
  }
}

async function inspect(article: Article): Promise<void> {
  inspection = await api.inspect(article);
  showInspection();
}

/** Shows the latest inspection: the counts in the header always, the inspector itself only while
 * it is shown (a checklist of hundreds of problems is not rebuilt behind the preview). */
function showInspection(): void {
  if (!inspection) return;
  const { stats, limits, problems } = inspection;
  if (app.dataset.panel === 'inspector') {
    const named = problems.map(localized);
    inspector.update(stats, named, { headlineChars: limits.headline_chars, targetChars: limits.target_chars });
  }
  const words = count(stats.total.words, 'wordsCount');
  const chars = stats.total.chars_with_spaces;
  counts.textContent =
    limits.target_chars !== null
      ? tf('countsOfTarget', { chars, target: limits.target_chars, words })
      : tf('countsShort', { chars, words });
  counts.dataset.state = limits.target_chars !== null && chars > limits.target_chars ? 'over' : '';
  tabs.inspector.dataset.problems = String(problems.length);
  tabs.inspector.textContent = problems.length ? `${t('tabInspector')} (${formatNumber(problems.length)})` : t('tabInspector');
}

function mountInspector(): Inspector {
  return new Inspector({
    container: panels.inspector,
    strings: inspectorStrings(),
    onJump: (problem) => jumpTo(editorFields, problem),
    onFix: (problem) => {
      if (!fix(editorFields, problem)) jumpTo(editorFields, problem);
    },
    onFixAll: (problems) => void fixAll(editorFields, problems),
    onTargetChange: (target) => {
      if (!current) return;
      current = { ...current, target_chars: target };
      edited();
    },
    formatNumber,
  });
}

let inspector = mountInspector();

// ---- the side panel -------------------------------------------------------------------------------

let lastShownPanel: Exclude<SidePanel, 'hidden'> = 'preview';

function showPanel(panel: SidePanel, remember = true): void {
  if (panel !== 'hidden') lastShownPanel = panel;
  app.dataset.panel = panel;
  if (panel === 'preview' && previewStale) {
    previewStale = false;
    previewer.request();
  }
  if (panel === 'inspector' && current) {
    showInspection();
    window.clearTimeout(inspectTimer);
    inspecter.request();
  }
  for (const name of ['preview', 'inspector'] as const) {
    const selected = panel === name;
    tabs[name].setAttribute('aria-selected', String(selected));
    tabs[name].tabIndex = selected ? 0 : -1;
    panels[name].hidden = !selected;
  }
  if (remember && settings && settings.side_panel !== panel) {
    settings = { ...settings, side_panel: panel };
    void api.saveSettings(settings).catch(() => {});
  }
}

// ---- dialogs --------------------------------------------------------------------------------------

/** Opens the export dialog on the article in the editor. */
async function exportCurrent(): Promise<void> {
  // The export is of the stored article: what could not be saved stays on screen and in its file.
  if (current) await openExportDialog(current, async () => void (await saver.flush()));
}

async function showRevisions(): Promise<void> {
  // A restore replaces the text on screen: not while it is unsaved, unless the journalist says so.
  if (!current || !(await readyToLeave())) return;
  await openRevisions(current, {
    flush: async () => void (await saver.flush()),
    restored: async (article) => {
      await showArticle(article);
      refreshListSoon();
      void refreshTags();
    },
  });
}

const saveRevisionDialog = $<HTMLDialogElement>('save-revision-dialog');
const revisionLabel = $<HTMLInputElement>('revision-label');

async function askToSaveRevision(): Promise<void> {
  if (!current) return;
  await saver.flush();
  revisionLabel.value = '';
  revisionLabel.placeholder = t('revisionLabelHint');
  saveRevisionDialog.returnValue = '';
  saveRevisionDialog.showModal();
}

// Enter in the label saves (the form's first button is Cancel, which a plain submit would press).
revisionLabel.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' || event.isComposing) return;
  event.preventDefault();
  saveRevisionDialog.close('save');
});

saveRevisionDialog.addEventListener('close', async () => {
  if (saveRevisionDialog.returnValue !== 'save' || !current) return;
  try {
    await saver.flush();
    current = await api.saveRevision(current.id, revisionLabel.value);
    announce(t('revisionSaved'));
  } catch (error) {
    showSaveState('failed', errorMessage(error));
  }
});

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

/** The import's report, then the list and the sidebar brought up to date. */
function reportImport(results: ImportResult[]): void {
  showImported(results, (id) => void open(id), () => {
    void reloadList();
    void refreshTags();
    void refreshSections();
  });
}

async function importFiles(): Promise<void> {
  try {
    reportImport(await api.importPick(t('importTitle')));
  } catch (error) {
    showSaveState('failed', errorMessage(error));
  }
}

/** Its strings are read when it opens and draws: they follow the UI's language. */
const tagManager = new TagManager({
  container: document.body,
  strings: {
    get title() { return t('tagManagerTitle'); },
    get filter() { return t('tagFilter'); },
    get rename() { return t('rename'); },
    get merge() { return t('merge'); },
    get mergeInto() { return t('mergeInto'); },
    get save() { return t('save'); },
    get cancel() { return t('cancel'); },
    get close() { return t('close'); },
    get empty() { return t('noTags'); },
    renamed: (from, to) => tf('renamed', { from, to }),
    merged: (from, into) => tf('merged', { from, into }),
    count: (n) => count(n, 'articlesCount'),
    renameLabel: (tag) => tf('renameTag', { tag }),
    mergeLabel: (tag) => tf('mergeTag', { tag }),
  },
  tags: () => api.listTags(),
  rename: (from, to) => api.renameTag(from, to),
  merge: (from, into) => api.mergeTags(from, into),
  errorMessage,
  onChanged: async () => {
    void refreshTags();
    refreshListSoon();
    // The open article's tags may have been renamed under it.
    if (current) {
      await saver.flush();
      const fresh = await api.getArticle(current.id);
      current = fresh;
      tagInput.value = fresh.tags;
    }
  },
});

// ---- language and theme ---------------------------------------------------------------------------

function uiLocale(language: UiLanguage): 'ru' | 'en' {
  return language === 'system' ? localeFrom(navigator.language) : language;
}

/** Puts the settings' language and theme in force. */
function applySettings(next: Settings): void {
  const languageChanged = !settings || uiLocale(settings.ui_language) !== uiLocale(next.ui_language);
  settings = next;
  applyTheme(next.theme);
  if (languageChanged) {
    setLocale(uiLocale(next.ui_language));
    applyStrings();
  }
  // The section's limits may have changed.
  inspecter.request();
}

function applyTheme(theme: Theme): void {
  markTheme(document.documentElement, theme);
  markTheme(preview.contentDocument?.documentElement, theme);
}

/** Writes every string of the page in the UI's language (again, after a switch). */
function applyStrings(): void {
  document.documentElement.lang = locale();
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n as Key);
  });
  document.querySelectorAll<HTMLElement>('[data-i18n-label]').forEach((element) => {
    const label = t(element.dataset.i18nLabel as Key);
    element.setAttribute('aria-label', label);
    element.title = label;
  });
  searchInput.placeholder = t('searchPlaceholder');
  preview.title = t('preview');
  document.querySelector('.sidebar')?.setAttribute('aria-label', t('sidebar'));
  $<HTMLElement>('side-panel').setAttribute('aria-label', t('sidePanel'));
  $<HTMLParagraphElement>('sidebar-hint').textContent =
    `${label(keysOf('palette'))} — ${t('commands')} · ${label(keysOf('shortcuts'))} — ${t('shortcutsTitle')}`;
  fields.status.replaceChildren(...STATUSES.map((status) => new Option(t(`st_${status}`), status)));
  fields.language.replaceChildren(...LANGUAGES.map(([code, key]) => new Option(t(key), code)));
  list.setLabels(t('listLabel'), t('nothing'));
  renderStatuses();
  renderSort();
  renderSectionFilter();
  if (knownTags.length) void refreshTags();
  inspector.destroy();
  inspector = mountInspector();
  showInspection();
  if (current) {
    fields.status.value = current.status;
    fields.language.value = current.language;
    showArticleState(current);
  }
  list.refresh();
}

const label = (keys: string | undefined) => (keys ? shortcutLabel(keys, mac) : '');

// ---- keyboard and commands ------------------------------------------------------------------------

function focusEditor(): void {
  if (document.activeElement && $<HTMLFormElement>('editor').contains(document.activeElement)) return;
  body.focus();
}

function focusInspector(): void {
  showPanel('inspector');
  inspector.focus();
}

const actions: Record<Action, () => void> = {
  new: () => void newArticle(),
  save: () => void saver.flush(),
  saveRevision: () => void askToSaveRevision(),
  search: () => searchInput.focus(),
  export: () => void exportCurrent(),
  togglePreview: () => showPanel(app.dataset.panel === 'hidden' ? lastShownPanel : 'hidden'),
  inspector: () => showPanel(app.dataset.panel === 'inspector' ? 'preview' : 'inspector'),
  palette: () => palette.open(),
  focusList: () => list.element.focus(),
  focusEditor,
  focusInspector,
  next: () => void openNeighbour(1),
  previous: () => void openNeighbour(-1),
  revisions: () => void showRevisions(),
  import: () => void importFiles(),
  settings: () => void openSettings(applySettings),
  shortcuts: () => sheet.open(),
};

function commands(): Command[] {
  const hasArticle = () => current !== null;
  const fromActions: Command[] = (Object.keys(actions) as Action[])
    .filter((action) => action !== 'palette')
    .map((action) => ({
      id: action,
      title: t(`action_${action}` as Key),
      shortcut: label(keysOf(action)),
      enabled: ['saveRevision', 'export', 'revisions', 'save'].includes(action) ? hasArticle : undefined,
      run: actions[action],
    }));
  const statuses: Command[] = STATUSES.map((status) => ({
    id: `status-${status}`,
    title: tf('cmdStatus', { status: t(`st_${status}`) }),
    keywords: `status ${status}`,
    enabled: () => current !== null && current.status !== status,
    run: () => void (current && moveTo(current.id, status)),
  }));
  const typography: Command = {
    id: 'fix-typography',
    title: t('cmdFixTypography'),
    keywords: 'typography',
    enabled: () => !!inspection?.problems.some((p) => p.code === 'typography' && p.fix !== null),
    run: () => void fixAll(editorFields, inspection?.problems.filter((p) => p.code === 'typography') ?? []),
  };
  const languages: Command[] = (['ru', 'en'] as const).map((language) => ({
    id: `ui-${language}`,
    title: tf('cmdUiLanguage', { language: t(`ui_${language}`) }),
    keywords: 'language язык interface интерфейс',
    enabled: () => locale() !== language,
    run: () => void saveSetting({ ui_language: language }),
  }));
  const themes: Command[] = (['light', 'dark', 'system'] as const).map((theme) => ({
    id: `theme-${theme}`,
    title: tf('cmdTheme', { theme: t(`theme_${theme}`) }),
    keywords: 'theme тема',
    enabled: () => settings?.theme !== theme,
    run: () => void saveSetting({ theme }),
  }));
  const manageTags: Command = { id: 'manage-tags', title: t('manageTags'), keywords: 'tags теги', run: () => void tagManager.open() };
  const mirrorFolder: Command = {
    id: 'mirror-folder',
    title: t('cmdMirror'),
    keywords: 'mirror folder sync git vim зеркало папка синхронизация файлы',
    run: () => void openMirror(mirrorHooks),
  };
  return [...fromActions, typography, ...statuses, manageTags, mirrorFolder, ...languages, ...themes];
}

async function saveSetting(change: Partial<Settings>): Promise<void> {
  if (!settings) return;
  try {
    applySettings(await api.saveSettings({ ...settings, ...change }));
  } catch (error) {
    showSaveState('failed', errorMessage(error));
  }
}

/** Its labels, like its commands, are read when it opens: they follow the UI's language. */
const palette = new CommandPalette({
  container: document.body,
  get label() { return t('commands'); },
  get placeholder() { return t('commandsPlaceholder'); },
  get empty() { return t('noCommands'); },
  commands,
});

const sheet = new ShortcutsSheet({
  container: document.body,
  get title() { return t('shortcutsTitle'); },
  get closeLabel() { return t('close'); },
  groups: () =>
    (['articles', 'moving', 'views'] as const).map((group) => ({
      title: t(`group_${group}`),
      shortcuts: SHORTCUTS.filter((shortcut) => shortcut.group === group).map((shortcut) => ({
        keys: shortcutLabel(shortcut.keys, mac),
        what: t(`action_${shortcut.action}` as Key),
      })),
    })),
});

document.addEventListener('keydown', (event) => {
  const action = actionFor(event, mac);
  if (!action) return;
  // A dialog keeps the keyboard to itself, except for saving.
  if (document.querySelector('dialog[open]') && action !== 'save') return;
  event.preventDefault();
  actions[action]();
});

// ---- wiring -------------------------------------------------------------------------------------

async function newArticle(): Promise<void> {
  if (!(await readyToLeave())) return;
  const article = await api.createArticle(t('newHeadline'));
  await reloadList();
  await open(article.id);
  fields.headline.select();
  fields.headline.focus();
}

for (const field of [fields.headline, fields.dek, fields.lead, fields.byline, fields.dateline, fields.section, fields.embargo]) {
  field.addEventListener('input', edited);
  field.addEventListener('blur', () => void saver.flush());
}
fields.language.addEventListener('change', edited);
fields.embargo.addEventListener('input', () => {
  fields.embargo.dataset.empty = String(!fields.embargo.value);
});
// A status change is a revision of its own ("status change"), not an autosave.
fields.status.addEventListener('change', () => {
  if (current) void moveTo(current.id, fields.status.value as Status);
});
tagInput.input.addEventListener('blur', () => void saver.flush());
$<HTMLButtonElement>('add-related').addEventListener('click', () => related.add());
$<HTMLButtonElement>('unspike').addEventListener('click', () => void (current && moveTo(current.id, 'draft')));
$<HTMLButtonElement>('notice-close').addEventListener('click', () => {
  $<HTMLDivElement>('notice').hidden = true;
});
$<HTMLButtonElement>('notice-settings').addEventListener('click', () => void openSettings(applySettings));
$<HTMLButtonElement>('notice-move-store').addEventListener('click', () => {
  void moveStore({ flush: () => saver.flush(), say: (text, again) => showNotice(text, again ? 'move-store' : 'settings') });
});
$<HTMLButtonElement>('notice-mirror').addEventListener('click', () => void openMirror(mirrorHooks));
$<HTMLButtonElement>('notice-unsaved').addEventListener('click', () => void restoreUnsaved());
$<HTMLButtonElement>('notice-revisions').addEventListener('click', () => {
  $<HTMLDivElement>('notice').hidden = true;
  void showRevisions();
});

/** Texts kept by a session whose saves failed go into their articles, as revisions. */
async function restoreUnsaved(): Promise<void> {
  $<HTMLDivElement>('notice').hidden = true;
  try {
    reportImport(await api.restoreUnsaved());
  } catch (error) {
    showSaveState('failed', errorMessage(error));
  }
}
window.addEventListener('beforeunload', () => void saver.flush());
document.addEventListener('visibilitychange', () => void saver.flush());

let searchTimer = 0;
searchInput.addEventListener('input', () => {
  window.clearTimeout(searchTimer);
  searchTimer = window.setTimeout(() => void reloadList(), 150);
});
sectionFilter.addEventListener('change', () => {
  view = { ...view, section: sectionFilter.value || null };
  void reloadList();
});
sortSelect.addEventListener('change', () => {
  view = { ...view, sort: sortSelect.value as ListSort };
  void reloadList();
});

for (const name of ['preview', 'inspector'] as const) {
  tabs[name].addEventListener('click', () => showPanel(name));
  // Arrow keys move between the tabs, as in any tab list.
  tabs[name].addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const other = name === 'preview' ? 'inspector' : 'preview';
    showPanel(other);
    tabs[other].focus();
  });
}

$<HTMLButtonElement>('new-article').addEventListener('click', () => void newArticle());
$<HTMLButtonElement>('manage-tags').addEventListener('click', () => void tagManager.open());
$<HTMLButtonElement>('open-export').addEventListener('click', () => void exportCurrent());
$<HTMLButtonElement>('open-revisions').addEventListener('click', () => void showRevisions());
$<HTMLButtonElement>('open-palette').addEventListener('click', () => palette.open());
$<HTMLButtonElement>('open-settings').addEventListener('click', () => void openSettings(applySettings));

void api.onLinkRequested(confirmLink);
void api.onDropHover((hovering) => {
  $<HTMLDivElement>('drop-overlay').hidden = !hovering;
});
void api.onImported(reportImport);
void api.onBackupFailed((problem) => showNotice(tf('backupFailed', { problem }), 'settings'));
void api.onCloseRequested(async () => {
  // The shell holds the window open until the page has saved what it holds. If the save fails,
  // the window stays open with the text and the error in view.
  if (await saver.flush()) return api.closeWindow();
  // The window stays while the journalist decides (the shell's grace period would close it).
  await api.keepOpen();
  if (await readyToLeave()) await api.closeWindow();
});
onSystemThemeChange(() => applyTheme(settings?.theme ?? 'system'));

/** Shows a message above the editor until closed, with a button to where it can be acted on. */
function showNotice(text: string, action: 'settings' | 'mirror' | 'unsaved' | 'revisions' | 'move-store'): void {
  $<HTMLSpanElement>('notice-text').textContent = text;
  $<HTMLButtonElement>('notice-move-store').hidden = action !== 'move-store';
  $<HTMLButtonElement>('notice-revisions').hidden = action !== 'revisions';
  $<HTMLButtonElement>('notice-settings').hidden = action !== 'settings';
  $<HTMLButtonElement>('notice-mirror').hidden = action !== 'mirror';
  $<HTMLButtonElement>('notice-unsaved').hidden = action !== 'unsaved';
  $<HTMLDivElement>('notice').hidden = false;
}

// ---- mirror folder --------------------------------------------------------------------------------

const mirrorLine = $<HTMLButtonElement>('mirror-line');
const mirrorHooks: MirrorHooks = { open: (id) => void open(id), changed: showMirror };

/** The sidebar's line for the mirror folder: where it is, how it is, what waits for the user. */
function showMirror(status: MirrorStatus): void {
  const summary = mirrorSummary(status);
  mirrorLine.hidden = !summary;
  mirrorLine.textContent = summary;
  mirrorLine.dataset.state = status.conflicts.length || status.problems.length ? 'attention' : status.state;
  updateMirror(status);
}

/** A pass carried changes between the folder and the store: the list shows them, and the article
 * in the editor follows its file unless the journalist is typing in it (then their text wins and
 * the file's version stays in the revisions). */
async function mirrored(changes: Change[]): Promise<void> {
  const fromFiles = changes.filter((change) => change.event !== 'wrote' && change.event !== 'removed');
  if (!fromFiles.length) return;
  refreshListSoon();
  void refreshTags();
  void refreshSections();
  // A rename comes with the edit it carried, if any: the edit is what matters here.
  const open = current?.id;
  const mine = fromFiles.filter((change) => 'id' in change && change.id === open && change.event !== 'moved').pop();
  if (!open || !mine || mine.event === 'moved') return;
  const path = mine.path;
  if (mine.event === 'conflict') return showNotice(tf('fileConflict', { path }), 'mirror');
  if (mine.event === 'resolved' && mine.kept === 'galley') return;
  if (saver.state !== 'saved') return showNotice(tf('fileChangedWhileEditing', { path }), 'mirror');
  const article = await api.getArticle(open);
  // The journalist may have moved on, or started typing, while it was read.
  if (current?.id !== open || saver.state !== 'saved') return;
  await showArticle(article);
  if (mine.event !== 'resolved') showNotice(tf('fileChanged', { path }), 'mirror');
}

mirrorLine.addEventListener('click', () => void openMirror(mirrorHooks));
$<HTMLButtonElement>('settings-mirror').addEventListener('click', () => void openMirror(mirrorHooks));
void api.onMirror((update) => {
  showMirror(update.status);
  void mirrored(update.changes).catch((error) => showSaveState('failed', errorMessage(error)));
});

async function start(): Promise<void> {
  const [config, stored] = await Promise.all([api.config(), api.settings()]);
  settings = stored.settings;
  setLocale(uiLocale(settings.ui_language));
  applyTheme(settings.theme);
  applyStrings();
  showPanel(settings.side_panel, false);
  trace = config.trace;
  // Which store this window writes to, for anyone who keeps more than one.
  document.querySelector('.brand')?.setAttribute('title', config.store);
  // What went wrong reading the settings or opening the store they name stays in view until closed.
  if (stored.problem) showNotice(tf('settingsProblem', { problem: stored.problem }), 'settings');
  // A store in a sync folder or on a network share can be damaged by either: say so until moved.
  const risk = stored.store_risk;
  if (risk?.kind === 'sync_folder') showNotice(tf('storeInSyncFolder', { service: risk.service, folder: risk.folder }), 'move-store');
  if (risk?.kind === 'network_drive') showNotice(tf('storeOnNetworkDrive', { fs: risk.file_system }), 'move-store');
  // Words a session could not save (the store busy, full or gone) wait beside the store.
  void api.unsavedCount().then((waiting) => {
    if (waiting > 0) showNotice(tf('unsavedFound', { count: count(waiting, 'texts') }), 'unsaved');
  });
  void api.mirrorStatus().then(showMirror);
  void watchStoreHealth(async () => {
    await saver.flush();
    return saver.state !== 'failed';
  });
  const first = await reloadList();
  if (trace) {
    // The list is in the DOM; the next frame paints it.
    requestAnimationFrame(() => void api.trace('list-shown'));
  }
  // The list and the newest article first; the tag tree and sections after them.
  if (first) await open(first.id, 'open-at-launch');
  if (trace) void api.trace('first-article-shown');
  void refreshTags();
  void refreshSections();
  if (config.bench) await runBench({ body, open });
}

void start();
