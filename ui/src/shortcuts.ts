// The keyboard shortcuts: one table, read by the key handler, the shortcuts sheet and the command
// palette, so the three never disagree. Keys are matched by physical key (`KeyboardEvent.code`),
// so they stay on the same keys in a Russian layout. `Mod` is ⌘ on macOS and Ctrl elsewhere.

export type Action =
  | 'new'
  | 'save'
  | 'saveRevision'
  | 'search'
  | 'export'
  | 'togglePreview'
  | 'inspector'
  | 'palette'
  | 'focusList'
  | 'focusEditor'
  | 'focusInspector'
  | 'next'
  | 'previous'
  | 'revisions'
  | 'import'
  | 'settings'
  | 'shortcuts';

export interface Shortcut {
  action: Action;
  /** `Mod`, `Shift`, `Alt` and a key, joined by `+`: `Mod+Shift+S`. */
  keys: string;
  /** Which group of the shortcuts sheet it is listed in. */
  group: 'articles' | 'moving' | 'views';
}

/** Mod+B and Mod+I are the body editor's (bold and italic), as in every text editor: none here. */
export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'new', keys: 'Mod+N', group: 'articles' },
  { action: 'save', keys: 'Mod+S', group: 'articles' },
  { action: 'saveRevision', keys: 'Mod+Shift+S', group: 'articles' },
  { action: 'export', keys: 'Mod+E', group: 'articles' },
  { action: 'revisions', keys: 'Mod+Shift+H', group: 'articles' },
  { action: 'import', keys: 'Mod+O', group: 'articles' },
  { action: 'search', keys: 'Mod+F', group: 'moving' },
  { action: 'focusList', keys: 'Mod+1', group: 'moving' },
  { action: 'focusEditor', keys: 'Mod+2', group: 'moving' },
  { action: 'focusInspector', keys: 'Mod+3', group: 'moving' },
  { action: 'next', keys: 'Mod+PageDown', group: 'moving' },
  { action: 'previous', keys: 'Mod+PageUp', group: 'moving' },
  { action: 'palette', keys: 'Mod+K', group: 'views' },
  { action: 'palette', keys: 'Mod+Shift+P', group: 'views' },
  { action: 'togglePreview', keys: 'Mod+R', group: 'views' },
  { action: 'inspector', keys: 'Mod+J', group: 'views' },
  { action: 'settings', keys: 'Mod+,', group: 'views' },
  { action: 'shortcuts', keys: 'Mod+/', group: 'views' },
];

/** The key a `KeyboardEvent.code` stands for in a shortcut's spelling. */
function keyOfCode(code: string): string {
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (/^Digit\d$/.test(code)) return code.slice(5);
  const named: Record<string, string> = { Slash: '/', Comma: ',', Period: '.', NumpadDivide: '/' };
  return named[code] ?? code;
}

/** Whether the event is the shortcut `keys`. */
export function matches(event: KeyboardEvent, keys: string, mac: boolean): boolean {
  const parts = keys.split('+');
  // `Mod++` would be a plus key; no shortcut here uses one.
  const key = parts.pop() ?? '';
  const wants = new Set(parts);
  const mod = mac ? event.metaKey : event.ctrlKey;
  const otherMod = mac ? event.ctrlKey : event.metaKey;
  return (
    mod === wants.has('Mod') &&
    !otherMod &&
    event.shiftKey === wants.has('Shift') &&
    event.altKey === wants.has('Alt') &&
    keyOfCode(event.code) === key
  );
}

/** The action a key press asks for, if any. */
export function actionFor(event: KeyboardEvent, mac: boolean): Action | null {
  return SHORTCUTS.find((shortcut) => matches(event, shortcut.keys, mac))?.action ?? null;
}

/** The first shortcut of an action, for menus and the palette. */
export function keysOf(action: Action): string | undefined {
  return SHORTCUTS.find((shortcut) => shortcut.action === action)?.keys;
}
