import { describe, expect, it } from 'vitest';
import { SHORTCUTS, actionFor, keysOf, matches } from './shortcuts';

const press = (code: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
  ({ code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods }) as KeyboardEvent;

describe('shortcuts', () => {
  it('match by physical key, so a Russian layout keeps them', () => {
    // Ctrl+E typed in a Russian layout: `key` is "у", `code` is still KeyE.
    expect(actionFor(press('KeyE', { ctrlKey: true }), false)).toBe('export');
    expect(actionFor(press('KeyE', { metaKey: true }), true)).toBe('export');
  });

  it('tell Shift and plain apart', () => {
    expect(actionFor(press('KeyS', { ctrlKey: true }), false)).toBe('save');
    expect(actionFor(press('KeyS', { ctrlKey: true, shiftKey: true }), false)).toBe('saveRevision');
    expect(actionFor(press('KeyS'), false)).toBeNull();
  });

  it('use ⌘ on macOS and Ctrl elsewhere, never both', () => {
    expect(actionFor(press('KeyN', { ctrlKey: true }), true)).toBeNull();
    expect(actionFor(press('KeyN', { ctrlKey: true, metaKey: true }), false)).toBeNull();
  });

  it('read digits, punctuation and named keys', () => {
    expect(actionFor(press('Digit2', { ctrlKey: true }), false)).toBe('focusEditor');
    expect(actionFor(press('Slash', { ctrlKey: true }), false)).toBe('shortcuts');
    expect(actionFor(press('Comma', { ctrlKey: true }), false)).toBe('settings');
    expect(actionFor(press('PageDown', { ctrlKey: true }), false)).toBe('next');
    expect(matches(press('KeyP', { ctrlKey: true, shiftKey: true }), 'Mod+Shift+P', false)).toBe(true);
  });

  it('give every shortcut its own keys', () => {
    const keys = SHORTCUTS.map((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keysOf('palette')).toBe('Mod+K');
  });
});
