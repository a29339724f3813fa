// Light and dark: the app follows the system unless the user chose one in the settings. A choice
// is `data-theme` on `<html>`, which the stylesheets read; the preview gets the same attribute on
// its own document (the shell's preview stylesheet reads it there).
import type { Theme } from './bindings';

const darkQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

/** The theme in effect: the chosen one, or the system's. */
export function effectiveTheme(theme: Theme): 'light' | 'dark' {
  if (theme !== 'system') return theme;
  return darkQuery?.matches ? 'dark' : 'light';
}

/** Marks a document with the chosen theme, or clears the mark so it follows the system. */
export function markTheme(root: HTMLElement | undefined | null, theme: Theme): void {
  if (!root) return;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** Calls `changed` when the system switches between light and dark. */
export function onSystemThemeChange(changed: () => void): void {
  darkQuery?.addEventListener('change', changed);
}
