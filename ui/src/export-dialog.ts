// The export dialog: a format (HTML document, CMS fragment, Markdown, NINJS), a template for the
// HTML document, and three ways out: the native save dialog, the clipboard, the system browser.
// The shell does the work; the dialog says how it went.
import { api, errorMessage, type Article, type ExportFormat } from './api';
import { t } from './i18n';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const exportDialog = $<HTMLDialogElement>('export-dialog');
const exportMessage = $<HTMLParagraphElement>('export-message');
const templateSelect = $<HTMLSelectElement>('export-template');

/** The article being exported, and how to save what the editor holds first. */
let target: { article: Article; flush: () => Promise<void> } | null = null;

function exportFormat(): ExportFormat {
  return (exportDialog.querySelector<HTMLInputElement>('input[name=format]:checked')?.value ?? 'html') as ExportFormat;
}

function exportTemplate(): string | null {
  return templateSelect.value || null;
}

/** Opens the dialog on an article, after saving what the editor holds. */
export async function openExportDialog(article: Article, flush: () => Promise<void>): Promise<void> {
  target = { article, flush };
  await flush();
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
  if (!target) return;
  await target.flush();
  exportMessage.dataset.state = 'working';
  try {
    const message = await action(target.article.id);
    exportMessage.textContent = message;
    exportMessage.dataset.state = 'done';
  } catch (error) {
    exportMessage.textContent = t('failed') + errorMessage(error);
    exportMessage.dataset.state = 'failed';
  }
}

const withWarnings = (message: string, warnings: string[]) =>
  warnings.length ? `${message} ${t('warnings')}${warnings.join('; ')}` : message;

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
