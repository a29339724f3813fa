// The store's health above the editor: a store the check of every page found damaged (it takes no
// more writes), with the newest good backup, what restoring it would lose and a button to restore
// it; or a store that cannot be written. Asked for at start and told by the shell when the check,
// which runs beside the desk, finds damage. After a restore the page starts again.
import { api, errorMessage } from './api';
import type { StoreHealth } from './bindings';
import { count, formatDate, t, tf } from './i18n';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Articles listed by name before "and N more". */
const LOST_LISTED = 5;

/** Saves what the editor holds; resolves to whether it was saved. */
type SaveOpen = () => Promise<boolean>;

let saveOpen: SaveOpen = () => Promise.resolve(true);

/**
 * Shows the store's health now, and whenever the shell reports damage. `save` saves the open
 * article after a restore: what was typed while the store was damaged then lands in the restored one.
 */
export async function watchStoreHealth(save: SaveOpen): Promise<void> {
  saveOpen = save;
  void api.onStoreHealth(show);
  try {
    show(await api.storeHealth());
  } catch (error) {
    console.error('the store health could not be read', error);
  }
}

function show(health: StoreHealth): void {
  const banner = $<HTMLDivElement>('store-banner');
  const title = $<HTMLElement>('store-banner-title');
  const text = $<HTMLParagraphElement>('store-banner-text');
  const lost = $<HTMLUListElement>('store-banner-lost');
  const restore = $<HTMLButtonElement>('store-restore');
  lost.replaceChildren();
  restore.hidden = true;
  if (!health.read_only) {
    banner.hidden = true;
    banner.title = '';
    return;
  }
  banner.hidden = false;
  if (health.read_only === 'unwritable') {
    title.textContent = t('storeUnwritableTitle');
    text.textContent = t('storeUnwritableText');
    banner.title = health.message ?? '';
    return;
  }
  title.textContent = t('storeDamagedTitle');
  banner.title = health.message ?? '';
  const offer = health.offer;
  if (!offer) {
    text.textContent = `${t('storeDamagedText')} ${t('storeDamagedNoBackup')}`;
    return;
  }
  const parts = [
    t('storeDamagedText'),
    tf('storeOffer', { when: formatDate(offer.backup.created_at, true), articles: count(offer.articles, 'articlesCount') }),
  ];
  if (offer.lost === null) parts.push(t('storeOfferUnknown'));
  else if (offer.lost.length === 0) parts.push(t('storeOfferLosesNothing'));
  else {
    parts.push(tf('storeOfferLoses', { articles: count(offer.lost.length, 'articlesCount') }));
    for (const article of offer.lost.slice(0, LOST_LISTED)) {
      const item = document.createElement('li');
      item.textContent = `${article.headline || t('untitled')} (${formatDate(article.updated_at)})`;
      lost.append(item);
    }
    if (offer.lost.length > LOST_LISTED) {
      const more = document.createElement('li');
      more.textContent = tf('storeMore', { count: offer.lost.length - LOST_LISTED });
      lost.append(more);
    }
  }
  text.textContent = parts.join(' ');
  restore.hidden = false;
  restore.disabled = false;
  restore.textContent = t('storeRestore');
  restore.onclick = () => void restoreOffered(offer.backup.path);
}

async function restoreOffered(path: string): Promise<void> {
  const restore = $<HTMLButtonElement>('store-restore');
  const text = $<HTMLParagraphElement>('store-banner-text');
  restore.disabled = true;
  restore.textContent = t('storeRestoring');
  try {
    const restored = await api.restoreBackup(path);
    const kept = restored.safety_backup;
    $<HTMLDivElement>('store-banner').title = '';
    const lost = $<HTMLUListElement>('store-banner-lost');
    lost.replaceChildren();
    // Where the articles the backup lacked were saved, and those the damaged store could not give.
    const recovered = restored.recovered;
    const notes = recovered
      ? [
          ...(recovered.saved > 0 ? [tf('storeRecovered', { articles: count(recovered.saved, 'articlesCount'), folder: recovered.folder })] : []),
          ...recovered.unreadable.map((what) => tf('storeUnreadable', { what })),
        ]
      : [];
    for (const note of notes) {
      const item = document.createElement('li');
      item.textContent = note;
      lost.append(item);
    }
    if (!(await saveOpen())) {
      // The open article is not in the backup: its text stays on screen until the user reloads.
      text.textContent = tf('storeRestoredUnsaved', { path: kept.path });
      restore.textContent = t('storeReload');
      restore.disabled = false;
      restore.onclick = () => window.location.reload();
      return;
    }
    $<HTMLElement>('store-banner-title').textContent = t('storeRestoredTitle');
    text.textContent = tf('storeRestored', { path: kept.path });
    restore.hidden = true;
    // Everything on screen came from the damaged store: start again on the restored one, once
    // there was time to read where the recovered articles are.
    window.setTimeout(() => window.location.reload(), notes.length > 0 ? 8000 : 2500);
  } catch (error) {
    text.textContent = t('failed') + errorMessage(error);
    restore.disabled = false;
    restore.textContent = t('storeRestore');
  }
}
