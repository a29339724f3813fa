// The mirror folder: which folder the store is kept in step with and how it is followed, the
// conflicts waiting for a choice (keep Galley's version or take the file's), files that cannot be
// read, and the latest changes in both directions. Before a folder that holds files is linked, it
// shows what linking would change there, file by file, and links only when the user agrees. The
// shell does the work; this shows it.
import { api, errorMessage, type Change, type FileProblem, type LinkPlan, type MirrorStatus } from './api';
import { count, t, tf, type Key } from './i18n';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const dialog = $<HTMLDialogElement>('mirror-dialog');
const folder = $<HTMLOutputElement>('mirror-folder');
const state = $<HTMLParagraphElement>('mirror-state');
const conflicts = $<HTMLUListElement>('mirror-conflicts');
const problems = $<HTMLUListElement>('mirror-problems');
const recent = $<HTMLUListElement>('mirror-recent');
const message = $<HTMLParagraphElement>('mirror-message');
const unlink = $<HTMLButtonElement>('mirror-unlink');
const choose = $<HTMLButtonElement>('mirror-choose');
const plan = $<HTMLElement>('mirror-plan');
const planTitle = $<HTMLHeadingElement>('mirror-plan-title');
const planIntro = $<HTMLParagraphElement>('mirror-plan-intro');
const planList = $<HTMLUListElement>('mirror-plan-list');
const planLink = $<HTMLButtonElement>('mirror-plan-link');

/** Files named in one line of the plan; the rest are counted. */
const NAMED_FILES = 8;

export interface MirrorHooks {
  /** Opens an article (from a conflict or a change). */
  open: (id: string) => void;
  /** The status changed here (a link, an unlink, a choice). */
  changed: (status: MirrorStatus) => void;
}

let hooks: MirrorHooks = { open: () => {}, changed: () => {} };
let shown: MirrorStatus | null = null;

/** Opens the dialog on the mirror's status as the shell has it. */
export async function openMirror(withHooks: MirrorHooks): Promise<void> {
  hooks = withHooks;
  say('');
  hidePlan();
  draw(await api.mirrorStatus());
  if (!dialog.open) dialog.showModal();
  choose.focus();
}

/** Shows a newer status while the dialog is open. */
export function updateMirror(status: MirrorStatus): void {
  if (dialog.open) draw(status);
}

/** The sidebar's line: the folder and how it is, with the conflicts counted; none when unlinked. */
export function mirrorSummary(status: MirrorStatus): string {
  if (!status.folder) return '';
  const name = status.folder.split(/[\\/]/).filter(Boolean).pop() ?? status.folder;
  const parts = [tf('mirrorSummary', { folder: name }), t(`mirrorState_${status.state}` as Key)];
  if (status.conflicts.length) parts.push(count(status.conflicts.length, 'conflictsCount'));
  if (status.problems.length) parts.push(count(status.problems.length, 'unreadableCount'));
  return parts.join(' · ');
}

function draw(status: MirrorStatus): void {
  // A redraw replaces the lists' buttons: the one that had focus keeps it (by its name).
  const focused = dialog.contains(document.activeElement) ? document.activeElement?.getAttribute('aria-label') : null;
  drawStatus(status);
  if (focused) [...dialog.querySelectorAll<HTMLElement>('[aria-label]')].find((e) => e.getAttribute('aria-label') === focused)?.focus();
}

function drawStatus(status: MirrorStatus): void {
  shown = status;
  folder.textContent = status.folder ?? t('mirrorNone');
  unlink.hidden = !status.folder;
  state.hidden = !status.folder;
  state.dataset.state = status.state;
  const how = t(`mirrorState_${status.state}` as Key);
  state.textContent = how.charAt(0).toUpperCase() + how.slice(1) + (status.detail ? ` — ${status.detail}` : '');
  section(conflicts, status.conflicts.map((conflict) => {
    const item = document.createElement('li');
    const what = document.createElement('span');
    what.className = 'mirror-item';
    what.append(strong(conflict.headline || t('untitled')), ` — ${conflict.path}. `,
      conflict.revision === null ? t('conflictDeleted') : tf('conflictChanged', { n: conflict.revision }));
    // Each row's buttons say whose they are: a screen reader lists them out of their rows.
    const named = (label: string) => `${label}: ${conflict.headline || t('untitled')}`;
    const keepGalley = button(t('keepGalley'), () => void resolve(conflict.id, 'galley'), named(t('keepGalley')));
    const fileLabel = conflict.revision === null ? t('keepDeletion') : t('keepFile');
    const keepFile = button(fileLabel, () => void resolve(conflict.id, 'file'), named(fileLabel));
    const open = button(t('openArticle'), () => {
      dialog.close();
      hooks.open(conflict.id);
    }, named(t('openArticle')));
    item.append(what, keepGalley, keepFile, open);
    return item;
  }));
  section(problems, status.problems.map((problem) => {
    const item = document.createElement('li');
    item.append(strong(problem.path), `: ${problem.message}`);
    return item;
  }));
  section(recent, status.recent.map((change) => {
    const item = document.createElement('li');
    item.dataset.event = change.event;
    item.append(strong(change.event === 'moved' ? `${change.from} → ${change.to}` : change.path), ` — ${describe(change)}`);
    return item;
  }));
}

/** A list with its heading, both hidden when empty. */
function section(list: HTMLUListElement, items: HTMLLIElement[]): void {
  list.replaceChildren(...items);
  list.hidden = !items.length;
  const heading = list.previousElementSibling as HTMLElement | null;
  if (heading) heading.hidden = !items.length;
}

function describe(change: Change): string {
  const headline = 'headline' in change && change.headline ? ` «${change.headline}»` : '';
  if (change.event === 'problem') return change.message;
  if (change.event === 'resolved') return t(change.kept === 'galley' ? 'resolvedGalley' : 'resolvedFile') + headline;
  return t(`change_${change.event}` as Key) + headline;
}

function strong(text: string): HTMLElement {
  const element = document.createElement('strong');
  element.textContent = text;
  return element;
}

function button(label: string, run: () => void, accessibleName?: string): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  if (accessibleName) element.setAttribute('aria-label', accessibleName);
  element.addEventListener('click', run);
  return element;
}

function say(text: string, failed = false): void {
  message.textContent = text;
  if (failed) message.dataset.state = 'failed';
  else delete message.dataset.state;
}

async function act(run: () => Promise<MirrorStatus | null>, done: string): Promise<void> {
  try {
    const status = await run();
    if (!status) return;
    draw(status);
    hooks.changed(status);
    say(done);
  } catch (error) {
    say(errorMessage(error), true);
  }
}

const resolve = (id: string, kept: 'galley' | 'file') => act(() => api.mirrorResolve(id, kept), t('conflictResolved'));

choose.addEventListener('click', () => void pick());

/** Asks for a folder; links an empty one at once, and shows the plan for one that holds files. */
async function pick(): Promise<void> {
  say('');
  hidePlan();
  let offered: LinkPlan | null;
  try {
    offered = await api.mirrorPick(t('mirrorPickTitle'));
  } catch (error) {
    say(errorMessage(error), true);
    return;
  }
  if (!offered) return;
  if (!offered.files && !offered.unreadable.length) {
    await link(offered.folder);
    return;
  }
  showPlan(offered);
}

function link(folder: string): Promise<void> {
  hidePlan();
  return act(() => api.mirrorLink(folder), t('mirrorLinked'));
}

function showPlan(offered: LinkPlan): void {
  planTitle.textContent = tf('mirrorPlanTitle', { folder: offered.folder });
  planIntro.textContent = tf('mirrorPlanIntro', { files: count(offered.files, 'filesCount') });
  const lines: HTMLLIElement[] = [];
  const named = (key: Key, paths: string[]) => {
    if (paths.length) lines.push(planLine(key, paths.length, paths.map((path) => document.createTextNode(path))));
  };
  named('mirrorPlanIdAdded', offered.id_added);
  named('mirrorPlanRewritten', offered.rewritten);
  named('mirrorPlanDiffer', offered.differ);
  if (offered.unreadable.length) {
    lines.push(planLine('mirrorPlanUnreadable', offered.unreadable.length, offered.unreadable.map(unreadable)));
  }
  if (offered.untouched) lines.push(planLine('mirrorPlanUntouched', offered.untouched, []));
  if (offered.new_files) {
    const item = document.createElement('li');
    item.textContent = tf('mirrorPlanNewFiles', { articles: offered.new_files });
    lines.push(item);
  }
  if (!offered.id_added.length && !offered.rewritten.length && !offered.differ.length) {
    const item = document.createElement('li');
    item.textContent = t('mirrorPlanNothingChanged');
    lines.push(item);
  }
  planList.replaceChildren(...lines);
  planLink.onclick = () => void link(offered.folder);
  plan.hidden = false;
  planLink.focus();
}

/** One line of the plan: what happens, how many files, and the first few of them by name. */
function planLine(key: Key, n: number, names: Node[]): HTMLLIElement {
  const item = document.createElement('li');
  item.dataset.plan = key;
  item.append(tf(key, { files: count(n, 'filesCount') }));
  if (names.length) {
    const list = document.createElement('span');
    names.slice(0, NAMED_FILES).forEach((name, index) => list.append(index ? ', ' : ' — ', name));
    if (names.length > NAMED_FILES) list.append(', ', tf('mirrorPlanMore', { n: names.length - NAMED_FILES }));
    item.append(list);
  }
  return item;
}

function unreadable(problem: FileProblem): Node {
  const text = document.createElement('span');
  text.append(strong(problem.path), ` (${problem.message})`);
  return text;
}

function hidePlan(): void {
  plan.hidden = true;
  planLink.onclick = null;
}

$<HTMLButtonElement>('mirror-plan-cancel').addEventListener('click', () => {
  hidePlan();
  say(t('mirrorPlanCancelled'));
  choose.focus();
});
unlink.addEventListener('click', () => {
  if (!shown?.folder) return;
  void act(() => api.mirrorUnlink(), t('mirrorUnlinked'));
});
