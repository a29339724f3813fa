// The page the app starts on when its store would not open: why, and for a store too damaged to
// open, the newest good backup to put in its place (or one the user picks), what a restore keeps,
// and the way on to the desk once the store opens. Nothing here is written until the user asks.
// The reason shows at once; the offer follows when the backups have been checked (a minute for a
// store of gigabytes).
import { api, errorMessage, type RecoveryOffer, type StoreProblem } from './api';
import { count, formatDate, locale, localeFrom, setLocale, t, tf } from './i18n';
import { markTheme } from './theme';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const page = $<HTMLElement>('rescue');
const title = $<HTMLHeadingElement>('rescue-title');
const text = $<HTMLParagraphElement>('rescue-text');
const storeLine = $<HTMLParagraphElement>('rescue-store');
const offerText = $<HTMLParagraphElement>('rescue-offer');
const details = $<HTMLDetailsElement>('rescue-details');
const message = $<HTMLParagraphElement>('rescue-message');
const buttons = {
  restore: $<HTMLButtonElement>('rescue-restore'),
  choose: $<HTMLButtonElement>('rescue-choose'),
  openDefault: $<HTMLButtonElement>('rescue-default'),
  desk: $<HTMLButtonElement>('rescue-desk'),
  quit: $<HTMLButtonElement>('rescue-quit'),
};

/** The backup a restore would put in place: the newest good one, or one the user picked. */
let backup: string | null = null;

/** A message as a sentence: its first letter capitalized. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Says something in the live region: what a step did, or why it failed. */
function say(text: string, failed = false): void {
  message.textContent = text;
  message.dataset.state = failed ? 'failed' : '';
}

/** Every button off while a step runs; after it, focus goes back where it was (a disabled
 * button loses it). */
async function busyWhile(step: () => Promise<void>): Promise<void> {
  const focused = document.activeElement as HTMLElement | null;
  for (const button of Object.values(buttons)) button.disabled = true;
  page.setAttribute('aria-busy', 'true');
  try {
    await step();
  } finally {
    for (const button of Object.values(buttons)) button.disabled = false;
    page.setAttribute('aria-busy', 'false');
    if (focused && !focused.hidden && document.activeElement === document.body) focused.focus();
  }
}

function show(problem: StoreProblem): void {
  const store = problem.store ?? '';
  title.textContent = t(problem.damaged ? 'rescueDamagedTitle' : 'rescueTitle');
  // A damaged store is said in the UI's words (SQLite's are under "Details"); any other problem in
  // the store's own, which name the file and say what to do.
  text.textContent = problem.damaged ? tf('rescueDamagedText', { store }) : sentence(problem.problem);
  storeLine.hidden = problem.damaged || !store;
  storeLine.textContent = tf('rescueStore', { store });
  $<HTMLElement>('rescue-details-label').textContent = t('rescueDetails');
  $<HTMLParagraphElement>('rescue-problem').textContent = problem.problem;
  details.hidden = !problem.damaged;
  if (problem.damaged) {
    offerText.hidden = false;
    offerText.textContent = t('rescueLooking');
    buttons.choose.hidden = false;
    buttons.choose.textContent = t('rescueChoose');
  }
  buttons.restore.textContent = t('storeRestore');
  buttons.openDefault.hidden = !problem.can_open_default;
  buttons.openDefault.textContent = t('rescueOpenDefault');
  buttons.quit.hidden = false;
  buttons.quit.textContent = t('rescueQuit');
  buttons.desk.textContent = t('rescueDesk');
  focusFirst();
}

/** The newest good backup, once found (or why none is offered). */
function showOffer(offer: RecoveryOffer | null, folder: string, problem?: string): void {
  backup = offer?.backup.path ?? null;
  offerText.textContent = offer
    ? [
        tf('storeOffer', { when: formatDate(offer.backup.created_at, true), articles: count(offer.articles, 'articlesCount') }),
        t('storeOfferUnknown'),
        tf('rescueKeeps', { folder }),
      ].join(' ')
    : [tf('rescueNoBackup', { folder }), ...(problem ? [sentence(problem)] : [])].join(' ');
  buttons.restore.hidden = !offer;
  buttons.choose.textContent = t(offer ? 'rescueChooseOther' : 'rescueChoose');
  focusFirst();
}

/** The first thing to do, ready for Enter: the restore, else choosing a backup, else quitting. */
function focusFirst(): void {
  [buttons.restore, buttons.choose, buttons.quit].find((button) => !button.hidden)?.focus();
}

function choose(): Promise<void> {
  return busyWhile(async () => {
    try {
      const picked = await api.pickRescueBackup(t('backupPickTitle'));
      if (!picked) return;
      backup = picked.path;
      offerText.textContent = tf('rescuePicked', { path: picked.path, articles: count(picked.articles, 'articlesCount') });
      buttons.restore.hidden = false;
      say('');
      buttons.restore.focus();
    } catch (error) {
      say(errorMessage(error), true);
    }
  });
}

function restore(): Promise<void> {
  const path = backup;
  if (!path) return Promise.resolve();
  return busyWhile(async () => {
    buttons.restore.textContent = t('storeRestoring');
    say('');
    try {
      const restored = await api.restoreOverDamaged(path);
      title.textContent = t('storeRestoredTitle');
      text.textContent = '';
      offerText.hidden = true;
      details.hidden = true;
      for (const button of Object.values(buttons)) button.hidden = button !== buttons.desk;
      // In the live region, so a screen reader says where the damaged file went.
      say(tf('rescueRestored', { articles: count(restored.articles, 'articlesCount'), path: restored.safety_backup.path }));
      buttons.desk.focus();
    } catch (error) {
      say(errorMessage(error), true);
      buttons.restore.textContent = t('storeRestore');
    }
  });
}

function openDefault(): Promise<void> {
  return busyWhile(async () => {
    try {
      await api.openDefaultStore();
      toDesk();
    } catch (error) {
      say(errorMessage(error), true);
    }
  });
}

/** A store is open now: the desk takes the window. */
function toDesk(): void {
  window.location.replace('index.html');
}

async function start(): Promise<void> {
  buttons.restore.addEventListener('click', () => void restore());
  buttons.choose.addEventListener('click', () => void choose());
  buttons.openDefault.addEventListener('click', () => void openDefault());
  buttons.desk.addEventListener('click', toDesk);
  buttons.quit.addEventListener('click', () => void api.closeWindow());
  // Once a store is open the shell asks before closing, as it asks the desk: nothing to save here.
  void api.onCloseRequested(() => void api.closeWindow());
  let problem: StoreProblem;
  try {
    problem = await api.storeProblem();
  } catch (error) {
    title.textContent = 'Galley';
    say(errorMessage(error), true);
    buttons.quit.hidden = false;
    buttons.quit.textContent = t('rescueQuit');
    page.setAttribute('aria-busy', 'false');
    return;
  }
  if (problem.desk_open) return toDesk();
  const language = problem.ui_language;
  setLocale(language === 'system' ? localeFrom(navigator.language) : language);
  document.documentElement.lang = locale();
  markTheme(document.documentElement, problem.theme);
  show(problem);
  page.setAttribute('aria-busy', 'false');
  if (!problem.damaged) return;
  const folder = problem.backup_folder ?? '';
  try {
    showOffer(await api.rescueOffer(), folder);
  } catch (error) {
    showOffer(null, folder, errorMessage(error));
  }
}

void start();
