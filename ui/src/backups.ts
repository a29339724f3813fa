// Backups in the settings: the newest and how many, a backup now, and restoring one picked with
// the native dialog after the user has seen what it holds against the store. After a restore the
// page starts again on the restored store.
import { api, errorMessage, type BackupList } from './api';
import { count, formatDate, t, tf } from './i18n';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const summary = $<HTMLOutputElement>('set-backups');
const message = $<HTMLParagraphElement>('settings-message');
const restoreDialog = $<HTMLDialogElement>('restore-dialog');

/** Shows the newest backup and how many there are. */
export async function showBackups(): Promise<void> {
  try {
    summary.textContent = describe(await api.listBackups());
  } catch (error) {
    summary.textContent = errorMessage(error);
  }
}

function describe(list: BackupList): string {
  const newest = list.backups[0];
  if (!newest) return tf('backupNone', { folder: list.folder });
  return tf('backupNewest', {
    when: formatDate(newest.created_at, true),
    count: String(list.backups.length),
    folder: list.folder,
  });
}

function say(text: string, failed = false): void {
  message.textContent = text;
  if (failed) message.dataset.state = 'failed';
  else delete message.dataset.state;
}

async function backUpNow(): Promise<void> {
  try {
    const made = await api.backupNow();
    say(tf('backupMade', { path: made.path }));
    await showBackups();
  } catch (error) {
    say(t('failed') + errorMessage(error), true);
  }
}

/** Asks the user to confirm, with what the backup holds against the store now. */
function confirmRestore(backup: number, now: number): Promise<boolean> {
  $<HTMLParagraphElement>('restore-text').textContent = tf('backupRestoreText', {
    backup: count(backup, 'articlesCount'),
    now: count(now, 'articlesCount'),
  });
  restoreDialog.returnValue = '';
  restoreDialog.showModal();
  return new Promise((resolve) =>
    restoreDialog.addEventListener('close', () => resolve(restoreDialog.returnValue === 'restore'), { once: true }),
  );
}

async function restore(): Promise<void> {
  try {
    const choice = await api.pickBackup(t('backupPickTitle'));
    if (!choice || !(await confirmRestore(choice.articles, choice.store_articles))) return;
    const restored = await api.restoreBackup(choice.path);
    say(tf('backupRestored', { path: restored.safety_backup.path }));
    // Everything on screen came from the store that was replaced: start again on the restored one.
    window.setTimeout(() => window.location.reload(), 1500);
  } catch (error) {
    say(t('failed') + errorMessage(error), true);
  }
}

$<HTMLButtonElement>('backup-now').addEventListener('click', () => void backUpNow());
$<HTMLButtonElement>('backup-restore').addEventListener('click', () => void restore());
