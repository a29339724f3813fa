// The import's report: one line per file, what it became or why it was not imported, and a button
// to open each article that came in. Files arrive dropped on the window or from the open dialog.
import type { ImportResult } from './api';
import { t, type Key } from './i18n';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const importDialog = $<HTMLDialogElement>('import-dialog');

/** Shows what became of each imported file, with a way to open what was imported; `imported`
 * runs after (to bring the list and the sidebar up to date). */
export function showImported(results: ImportResult[], open: (id: string) => void, imported: () => void): void {
  if (!results.length) return;
  $<HTMLUListElement>('import-results').replaceChildren(
    ...results.map((result) => {
      const item = document.createElement('li');
      item.dataset.state = result.error ? 'failed' : 'done';
      const name = document.createElement('span');
      name.className = 'import-file';
      name.textContent = `${result.error ? '✗' : '✓'} ${result.file}`;
      const outcome = document.createElement('span');
      outcome.className = 'import-outcome';
      // The reason in the UI's language; the Library's own message (English, more detailed) as a tooltip.
      if (result.error) outcome.title = result.error;
      outcome.textContent = result.error
        ? `${t('importFailed')}: ${result.problem ? t(`importProblem_${result.problem}` as Key) : result.error}`
        : `${result.created ? t('importNew') : t('importUpdated')}: ${result.headline ?? ''}` +
          (result.warnings.length ? ` ${t('warnings')}${result.warnings.join('; ')}` : '');
      item.append(name, outcome);
      if (result.id) {
        const id = result.id;
        const openButton = document.createElement('button');
        openButton.type = 'button';
        openButton.textContent = t('openArticle');
        openButton.addEventListener('click', () => {
          importDialog.close();
          open(id);
        });
        item.append(openButton);
      }
      return item;
    }),
  );
  if (!importDialog.open) importDialog.showModal();
  imported();
}
