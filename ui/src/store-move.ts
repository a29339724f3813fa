// Moving the store out of a sync folder or off a network share: the words are saved first, the
// journalist picks a new store file, the shell copies the store there whole and checked, and Galley
// starts again on the copy. The old store is left where it was (the shell removes nothing).
import { api, errorMessage } from './api';
import { t, tf } from './i18n';

export interface MoveHooks {
  /** Saves what the editor holds; false when the words are not safe in the store. */
  flush: () => Promise<boolean>;
  /** Says something in the desk's notice, with the move offered again when `again`. */
  say: (text: string, again: boolean) => void;
}

/** Runs the move; says why when it stops, and leaves the desk as it was. */
export async function moveStore(hooks: MoveHooks): Promise<void> {
  if (!(await hooks.flush())) return hooks.say(t('moveStoreUnsaved'), true);
  const to = await api.pickPath('store', t('moveStoreTitle')).catch((error) => {
    hooks.say(tf('moveStoreFailed', { problem: errorMessage(error) }), true);
    return null;
  });
  if (!to) return;
  hooks.say(tf('moveStoreCopying', { path: to }), false);
  // Nothing may be typed into the old store once the copy is taken: the desk is held until this
  // window closes, or given back if the copy fails.
  document.body.inert = true;
  let moved: string;
  try {
    moved = await api.moveStore(to);
  } catch (error) {
    document.body.inert = false;
    return hooks.say(tf('moveStoreFailed', { problem: errorMessage(error) }), true);
  }
  hooks.say(tf('moveStoreDone', { path: moved }), false);
  try {
    await api.startMoved();
  } catch (error) {
    // The settings name the copy now: this window stays held, and the next start opens the copy.
    return hooks.say(tf('moveStoreStartByHand', { path: moved, problem: errorMessage(error) }), false);
  }
  await api.closeWindow();
}
