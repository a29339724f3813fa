// The revisions dialog: every revision with its time, reason, label and size; a word-level diff of
// any revision against the current text, or of two ticked revisions; restore (itself a revision).
import { api, type Article, type DiffField, type RevisionSummary } from './api';
import { renderDiff, type DiffStrings } from './components/diff-view';
import { formatDate, formatNumber, t, tf, type Key } from './i18n';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const dialog = $<HTMLDialogElement>('revisions-dialog');
const picker = $<HTMLDivElement>('revision-picker');
const list = $<HTMLOListElement>('revision-list');
const message = $<HTMLParagraphElement>('revision-message');
const diffSection = $<HTMLElement>('revision-diff');
const diffTitle = $<HTMLHeadingElement>('diff-title');
const diffBody = $<HTMLDivElement>('diff-body');
const back = $<HTMLButtonElement>('diff-back');
const restoreShown = $<HTMLButtonElement>('diff-restore');
const compareSelected = $<HTMLButtonElement>('compare-selected');

const DIFF_FIELDS: DiffField[] = [
  'headline', 'dek', 'lead', 'body', 'byline', 'dateline', 'section', 'status', 'language', 'tags', 'related',
  'embargo_until', 'target_chars', 'note', 'slug',
];

function diffStrings(): DiffStrings {
  return {
    fieldNames: Object.fromEntries(DIFF_FIELDS.map((field) => [field, t(`field_${field}` as Key)])) as Record<DiffField, string>,
    noChanges: t('noChanges'),
    added: t('added'),
    removed: t('removed'),
    summary: (added, removed) => (added || removed ? tf('diffSummary', { added, removed }) : t('diffSpacingOnly')),
    skipped: (chars) => tf('skipped', { n: chars }),
  };
}

export interface RevisionsHooks {
  /** Saves what the editor holds, so the list ends with it. */
  flush(): Promise<void>;
  /** Shows a restored article in the editor and refreshes the list and tags. */
  restored(article: Article): Promise<void>;
}

let article: Article | null = null;
let hooks: RevisionsHooks | null = null;
/** The revision shown against a newer one, for the diff view's restore button. */
let shownOld: number | null = null;

/** Opens the dialog on the article's revisions. */
export async function openRevisions(of: Article, withHooks: RevisionsHooks): Promise<void> {
  hooks = withHooks;
  await hooks.flush();
  article = of;
  const revisions = await api.listRevisions(of.id);
  list.replaceChildren(...revisions.map((revision) => revisionItem(of, revision)));
  showPicker();
  if (!dialog.open) dialog.showModal();
}

function revisionItem(of: Article, revision: RevisionSummary): HTMLLIElement {
  const item = document.createElement('li');
  const tick = document.createElement('input');
  tick.type = 'checkbox';
  tick.className = 'revision-tick';
  tick.value = String(revision.number);
  tick.setAttribute('aria-label', tf('compareWith', { n: revision.number }));
  const label = document.createElement('span');
  label.className = 'revision-label';
  const reason = t(`reason_${revision.reason}` as Key);
  label.textContent =
    `${revision.number}. ${formatDate(revision.created_at, true)} · ${reason}` +
    `${revision.label ? ` «${revision.label}»` : ''} · ${formatNumber(revision.body_chars)} ${t('chars')}`;
  item.append(tick, label);
  if (revision.number === of.revision) {
    const now = document.createElement('span');
    now.className = 'revision-current';
    now.textContent = t('current');
    item.append(now);
    return item;
  }
  const actions = document.createElement('span');
  actions.className = 'revision-actions';
  const compare = button(t('compareCurrent'), 'compare', () => void showDiff(revision.number, null));
  const restore = button(t('restore'), 'restore', () => void restoreRevision(revision.number));
  restore.dataset.revision = String(revision.number);
  compare.dataset.revision = String(revision.number);
  actions.append(compare, restore);
  item.append(actions);
  return item;
}

function button(text: string, className: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  element.addEventListener('click', onClick);
  return element;
}

function showPicker(): void {
  picker.hidden = false;
  diffSection.hidden = true;
  back.hidden = true;
  restoreShown.hidden = true;
  compareSelected.hidden = false;
  message.textContent = '';
  shownOld = null;
}

/** Shows what changed from revision `old` to `newer` (or to the current text). */
async function showDiff(old: number, newer: number | null): Promise<void> {
  if (!article) return;
  const diffs = await api.diffRevisions(article.id, old, newer);
  diffTitle.textContent = tf('diffTitle', { old, new: newer === null ? t('diffCurrent') : String(newer) });
  renderDiff(diffBody, diffs, diffStrings());
  picker.hidden = true;
  diffSection.hidden = false;
  back.hidden = false;
  compareSelected.hidden = true;
  shownOld = old;
  restoreShown.hidden = false;
  restoreShown.textContent = `${t('restore')} ${old}`;
  restoreShown.dataset.revision = String(old);
  diffBody.scrollTop = 0;
  diffTitle.focus();
}

async function restoreRevision(number: number): Promise<void> {
  if (!article || !hooks) return;
  const restored = await api.restoreRevision(article.id, number);
  dialog.close();
  await hooks.restored(restored);
}

compareSelected.addEventListener('click', () => {
  const ticked = [...list.querySelectorAll<HTMLInputElement>('.revision-tick:checked')].map((tick) => Number(tick.value));
  if (ticked.length !== 2) {
    message.textContent = t('pickTwo');
    return;
  }
  const [a, b] = ticked.sort((x, y) => x - y);
  void showDiff(a, b);
});
back.addEventListener('click', () => {
  showPicker();
  list.querySelector<HTMLElement>('button, input')?.focus();
});
restoreShown.addEventListener('click', () => {
  if (shownOld !== null) void restoreRevision(shownOld);
});

