// The settings dialog: interface language, theme, the language of new articles, headline and
// length limits per section, the templates folder and the store file; backups (`backups.ts`);
// the mirror folder is shown and set up in its own dialog. Saved to the settings file in the OS
// config folder by the shell; `applied` puts language and theme in force at once.
import { api, errorMessage, type SectionLimits, type Settings, type SettingsView, type Theme, type UiLanguage } from './api';
import { showBackups } from './backups';
import { t, tf, type Key } from './i18n';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const dialog = $<HTMLDialogElement>('settings-dialog');
const uiLanguage = $<HTMLSelectElement>('set-ui-language');
const theme = $<HTMLSelectElement>('set-theme');
const articleLanguage = $<HTMLSelectElement>('set-article-language');
const headlineChars = $<HTMLInputElement>('set-headline-chars');
const sections = $<HTMLTableSectionElement>('set-sections');
const templates = $<HTMLOutputElement>('set-templates');
const store = $<HTMLOutputElement>('set-store');
const mirror = $<HTMLOutputElement>('set-mirror');
const storeNote = $<HTMLParagraphElement>('store-note');
const fileNote = $<HTMLParagraphElement>('settings-file');
const problem = $<HTMLParagraphElement>('settings-problem');
const message = $<HTMLParagraphElement>('settings-message');

const UI_LANGUAGES: UiLanguage[] = ['system', 'ru', 'en'];
const THEMES: Theme[] = ['system', 'light', 'dark'];
const ARTICLE_LANGUAGES: [string, Key][] = [['ru', 'langRu'], ['en', 'langEn']];

/** The settings being edited: paths are kept here, the rest is read from the form on save. */
let draft: Settings | null = null;
let onApplied: (settings: Settings) => void = () => {};

/** Opens the dialog on the settings as saved; `applied` runs after a successful save. */
export async function openSettings(applied: (settings: Settings) => void): Promise<void> {
  onApplied = applied;
  const [view, mirrorStatus] = await Promise.all([api.settings(), api.mirrorStatus()]);
  draft = structuredClone(view.settings);
  fill(view);
  mirror.textContent = mirrorStatus.folder ?? t('mirrorNone');
  void showBackups();
  message.textContent = '';
  delete message.dataset.state;
  if (!dialog.open) dialog.showModal();
  uiLanguage.focus();
}

function fill(view: SettingsView): void {
  const settings = view.settings;
  uiLanguage.replaceChildren(...UI_LANGUAGES.map((code) => new Option(t(`ui_${code}`), code)));
  uiLanguage.value = settings.ui_language;
  theme.replaceChildren(...THEMES.map((code) => new Option(capitalized(t(`theme_${code}`)), code)));
  theme.value = settings.theme;
  articleLanguage.replaceChildren(...ARTICLE_LANGUAGES.map(([code, key]) => new Option(t(key), code)));
  if (![...articleLanguage.options].some((o) => o.value === settings.article_language)) {
    articleLanguage.append(new Option(settings.article_language, settings.article_language));
  }
  articleLanguage.value = settings.article_language;
  headlineChars.value = String(settings.headline_chars);
  sections.replaceChildren(...settings.sections.map(sectionRow));
  showPaths();
  storeNote.textContent = tf('storeRestart', { path: view.store_in_use });
  fileNote.textContent = view.path ? tf('settingsFile', { path: view.path }) : '';
  problem.hidden = !view.problem;
  problem.textContent = view.problem ? tf('settingsProblem', { problem: view.problem }) : '';
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function showPaths(): void {
  templates.textContent = draft?.templates ?? t('templatesDefault');
  store.textContent = draft?.store ?? t('storeDefault');
}

function sectionRow(limits: SectionLimits): HTMLTableRowElement {
  const row = document.createElement('tr');
  const cell = (input: HTMLInputElement, label: Key) => {
    input.setAttribute('aria-label', t(label));
    const td = document.createElement('td');
    td.append(input);
    return td;
  };
  const name = document.createElement('input');
  name.className = 'section-name';
  name.value = limits.section;
  const headline = numberInput(limits.headline_chars);
  headline.className = 'section-headline';
  const target = numberInput(limits.target_chars);
  target.className = 'section-target';
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'related-remove';
  remove.textContent = '×';
  const label = () => remove.setAttribute('aria-label', tf('removeSection', { name: name.value }));
  label();
  name.addEventListener('input', label);
  remove.addEventListener('click', () => {
    row.remove();
    $<HTMLButtonElement>('add-section').focus();
  });
  const removeCell = document.createElement('td');
  removeCell.append(remove);
  row.append(cell(name, 'sectionName'), cell(headline, 'sectionHeadline'), cell(target, 'sectionTarget'), removeCell);
  return row;
}

function numberInput(value: number | null): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'number';
  input.min = '0';
  input.step = '1';
  input.value = value === null ? '' : String(value);
  return input;
}

const positive = (text: string): number | null => {
  const value = Math.round(Number(text));
  return text.trim() && Number.isFinite(value) && value > 0 ? value : null;
};

/** The settings as the form holds them. */
function edited(): Settings {
  const base = draft ?? ({} as Settings);
  return {
    ...base,
    ui_language: uiLanguage.value as UiLanguage,
    theme: theme.value as Theme,
    article_language: articleLanguage.value,
    headline_chars: positive(headlineChars.value) ?? base.headline_chars,
    sections: [...sections.rows].map((row) => ({
      section: row.querySelector<HTMLInputElement>('.section-name')?.value.trim() ?? '',
      headline_chars: positive(row.querySelector<HTMLInputElement>('.section-headline')?.value ?? ''),
      target_chars: positive(row.querySelector<HTMLInputElement>('.section-target')?.value ?? ''),
    })),
  };
}

async function save(): Promise<void> {
  try {
    const saved = await api.saveSettings(edited());
    draft = structuredClone(saved);
    onApplied(saved);
    dialog.close();
  } catch (error) {
    message.textContent = t('failed') + errorMessage(error);
    message.dataset.state = 'failed';
  }
}

async function pick(kind: 'templates' | 'store'): Promise<void> {
  const title = t(kind === 'templates' ? 'templatesFolder' : 'storeFile');
  try {
    const path = await api.pickPath(kind, title);
    if (path === null || !draft) return;
    draft[kind] = path;
    showPaths();
  } catch (error) {
    message.textContent = t('failed') + errorMessage(error);
    message.dataset.state = 'failed';
  }
}

$<HTMLButtonElement>('add-section').addEventListener('click', () => {
  const row = sectionRow({ section: '', headline_chars: null, target_chars: null });
  sections.append(row);
  row.querySelector('input')?.focus();
});
$<HTMLButtonElement>('settings-save').addEventListener('click', () => void save());
$<HTMLFormElement>('settings-form').addEventListener('keydown', (event) => {
  // Enter in a field saves, as in any settings form; not in buttons or selects.
  if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
    event.preventDefault();
    void save();
  }
});
$<HTMLButtonElement>('pick-templates').addEventListener('click', () => void pick('templates'));
$<HTMLButtonElement>('pick-store').addEventListener('click', () => void pick('store'));
$<HTMLButtonElement>('reset-templates').addEventListener('click', () => {
  if (draft) draft.templates = null;
  showPaths();
});
$<HTMLButtonElement>('reset-store').addEventListener('click', () => {
  if (draft) draft.store = null;
  showPaths();
});
