// The page the app starts on when its store would not open: why, and for a store too damaged to
// open, the newest good backup to put in its place (or one the user picks), what a restore keeps,
// and the way on to the desk once the store opens. Nothing here is written until the user asks.
import { api, errorMessage, type StoreProblem } from './api';
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

function say(text: string, failed = false): void {
  message.textContent = text;
  message.dataset.state = failed ? 'failed' : '';
}

/** Every button off while a step runs (and back on after, unless it opened the desk). */
function busy(on: boolean): void {
  for (const button of Object.values(buttons)) button.disabled = on;
  page.setAttribute('aria-busy', String(on));
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
  const folder = problem.backup_folder ?? '';
  if (problem.damaged) {
    const offer = problem.offer;
    backup = offer?.backup.path ?? null;
    offerText.hidden = false;
    offerText.textContent = offer
      ? [
          tf('storeOffer', { when: formatDate(offer.backup.created_at, true), articles: count(offer.articles, 'articlesCount') }),
          t('storeOfferUnknown'),
          tf('rescueKeeps', { folder }),
        ].join(' ')
      : tf('rescueNoBackup', { folder });
    buttons.restore.hidden = !offer;
    buttons.restore.textContent = t('storeRestore');
    buttons.choose.hidden = false;
    buttons.choose.textContent = t(offer ? 'rescueChooseOther' : 'rescueChoose');
  }
  buttons.openDefault.hidden = !problem.can_open_default;
  buttons.openDefault.textContent = t('rescueOpenDefault');
  buttons.quit.hidden = false;
  buttons.quit.textContent = t('rescueQuit');
  buttons.desk.textContent = t('rescueDesk');
  // The first thing to do, ready for Enter: the restore, else choosing a backup, else quitting.
  [buttons.restore, buttons.choose, buttons.quit].find((button) => !button.hidden)?.focus();
}

async function choose(): Promise<void> {
  busy(true);
  try {
    const picked = await api.pickRescueBackup(t('backupPickTitle'));
    if (picked) {
      backup = picked.path;
      offerText.textContent = tf('rescuePicked', { path: picked.path, articles: count(picked.articles, 'articlesCount') });
      buttons.restore.hidden = false;
      say('');
    }
  } catch (error) {
    say(errorMessage(error), true);
  } finally {
    busy(false);
  }
  if (backup) buttons.restore.focus();
}

async function restore(): Promise<void> {
  if (!backup) return;
  busy(true);
  buttons.restore.textContent = t('storeRestoring');
  say('');
  try {
    const restored = await api.restoreOverDamaged(backup);
    title.textContent = t('storeRestoredTitle');
    text.textContent = tf('rescueRestored', { articles: count(restored.articles, 'articlesCount'), path: restored.safety_backup.path });
    offerText.hidden = true;
    details.hidden = true;
    for (const button of Object.values(buttons)) button.hidden = button !== buttons.desk;
    busy(false);
    buttons.desk.focus();
  } catch (error) {
    say(errorMessage(error), true);
    buttons.restore.textContent = t('storeRestore');
    busy(false);
  }
}

async function openDefault(): Promise<void> {
  busy(true);
  try {
    await api.openDefaultStore();
    toDesk();
  } catch (error) {
    say(errorMessage(error), true);
    busy(false);
  }
}

/** The store is open now: the desk takes the window. */
function toDesk(): void {
  window.location.replace('index.html');
}

async function start(): Promise<void> {
  buttons.restore.addEventListener('click', () => void restore());
  buttons.choose.addEventListener('click', () => void choose());
  buttons.openDefault.addEventListener('click', () => void openDefault());
  buttons.desk.addEventListener('click', toDesk);
  buttons.quit.addEventListener('click', () => void api.closeWindow());
  try {
    const problem = await api.storeProblem();
    const language = problem.ui_language;
    setLocale(language === 'system' ? localeFrom(navigator.language) : language);
    document.documentElement.lang = locale();
    markTheme(document.documentElement, problem.theme);
    show(problem);
  } catch (error) {
    title.textContent = 'Galley';
    say(errorMessage(error), true);
    buttons.quit.hidden = false;
    buttons.quit.textContent = t('rescueQuit');
  }
  page.setAttribute('aria-busy', 'false');
}

void start();
