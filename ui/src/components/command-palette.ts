// The command palette (a modal <dialog> with a filter box over a listbox of commands, as in VS Code's
// Ctrl+Shift+P), the keyboard shortcuts sheet, and `shortcutLabel` for showing key combinations.
// It must not talk to the backend, own user-facing text (it all comes through the options),
// or put data into the DOM other than through textContent.

import { el, focusable, showDialog } from './dom';

export interface Command {
  id: string;
  title: string;
  /** Shown at the right, e.g. 'Ctrl+E'. */
  shortcut?: string;
  /** Extra words to match, e.g. English synonyms. */
  keywords?: string;
  /** Greyed out and not runnable when it returns false. */
  enabled?: () => boolean;
  run(): void | Promise<void>;
}

export interface CommandPaletteOptions {
  /** Where the dialog goes. */
  container: HTMLElement;
  /** Accessible name of the dialog, the text box and the list, e.g. 'Команды'. Read on every open. */
  label: string;
  placeholder: string;
  /** Shown when nothing matches. */
  empty: string;
  /** Read each time the palette opens, so titles can follow the UI language. */
  commands(): readonly Command[];
}

/** For matching: case and ё/е do not count, nor how the text was composed or spaced. */
function foldText(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** Whether `word` starts a word in `text`: at its start or after a character that is neither letter nor digit. */
function atWordStart(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1]!)) return true;
  }
  return false;
}

/**
 * The commands matching a query, best first: the query is a prefix of the title (rank 0), every word
 * of it starts a word of the title or keywords (1), every word is somewhere in them (2). Order within a
 * rank is the given one. An empty query keeps every command. Disabled commands are kept.
 */
export function rankCommands<C extends Command>(commands: readonly C[], query: string): C[] {
  const q = foldText(query);
  if (q === '') return [...commands];
  const words = q.split(' ');
  const ranked: { command: C; rank: number }[] = [];
  for (const command of commands) {
    const title = foldText(command.title);
    const both = `${title} ${foldText(command.keywords ?? '')}`;
    let rank: number;
    if (title.startsWith(q)) rank = 0;
    else if (words.every((word) => atWordStart(both, word))) rank = 1;
    else if (words.every((word) => both.includes(word))) rank = 2;
    else continue;
    ranked.push({ command, rank });
  }
  // Array.prototype.sort is stable, so the given order holds within a rank.
  return ranked.sort((a, b) => a.rank - b.rank).map(({ command }) => command);
}

const isEnabled = (command: Command): boolean => command.enabled?.() ?? true;

const MAC_KEYS: Record<string, string> = {
  mod: '⌘', cmd: '⌘', meta: '⌘', shift: '⇧', alt: '⌥', option: '⌥', ctrl: '⌃', control: '⌃',
  enter: '↩', backspace: '⌫', escape: '⎋', tab: '⇥',
};
const OTHER_KEYS: Record<string, string> = { mod: 'Ctrl', ctrl: 'Ctrl', control: 'Ctrl', shift: 'Shift', alt: 'Alt', meta: 'Win', escape: 'Esc' };
const ARROWS: Record<string, string> = { arrowup: '↑', arrowdown: '↓', arrowleft: '←', arrowright: '→' };

/** The keys of 'Ctrl+Shift+S' or 'Ctrl++': a '+' that ends the spec is the plus key itself. */
const splitKeys = (spec: string): string[] => spec.split(/\+(?=.)/).map((key) => key.trim()).filter(Boolean);

/** 'Mod+Shift+S' as shown to the user: 'Ctrl+Shift+S', or '⌘⇧S' on macOS. Unknown keys pass through, letters upper-cased. */
export function shortcutLabel(spec: string, mac: boolean): string {
  const keys = splitKeys(spec).map((key) => {
    const name = key.toLowerCase();
    return ARROWS[name] ?? (mac ? MAC_KEYS[name] : OTHER_KEYS[name]) ?? (key.length === 1 ? key.toUpperCase() : key);
  });
  return keys.join(mac ? '' : '+');
}

/** A shortcut as <kbd>s: one per key, joined by '+' ('Ctrl+S'), or with nothing between macOS's symbols ('⌘⇧S'). */
function renderKeys(spec: string): (HTMLElement | string)[] {
  const symbols = /^([⌘⇧⌥⌃]+)(.+)$/u.exec(spec.trim());
  const keys = symbols ? [...symbols[1]!, symbols[2]!] : splitKeys(spec);
  const parts: (HTMLElement | string)[] = [];
  keys.forEach((key, index) => {
    if (index > 0 && !symbols) parts.push('+');
    parts.push(el('kbd', '', key));
  });
  return parts;
}

function setAttributes(element: Element, attributes: Record<string, string>): void {
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
}

let palettes = 0;

export class CommandPalette {
  readonly dialog: HTMLDialogElement;
  /** The filter box, so tests can type into it. */
  readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly emptyElement: HTMLElement;
  private readonly listId: string;
  private matches: Command[] = [];
  private active = -1;
  private returnFocus: HTMLElement | null = null;
  private opened = false;

  constructor(private readonly options: CommandPaletteOptions) {
    this.listId = `command-palette-${++palettes}-list`;
    this.dialog = el('dialog', 'dialog command-palette');
    this.dialog.setAttribute('aria-label', options.label);
    this.input = el('input', 'command-palette-input');
    Object.assign(this.input, { type: 'text', autocomplete: 'off', spellcheck: false, placeholder: options.placeholder });
    setAttributes(this.input, {
      role: 'combobox', 'aria-label': options.label, 'aria-autocomplete': 'list',
      'aria-controls': this.listId, 'aria-expanded': 'false',
    });
    this.list = el('ul', 'command-palette-list');
    this.list.id = this.listId;
    setAttributes(this.list, { role: 'listbox', 'aria-label': options.label });
    this.emptyElement = el('p', 'command-palette-empty');
    this.emptyElement.setAttribute('role', 'status');
    this.emptyElement.hidden = true;

    this.dialog.append(this.input, this.list, this.emptyElement);
    options.container.append(this.dialog);

    this.input.addEventListener('keydown', this.onKeyDown);
    this.input.addEventListener('input', () => this.filter());
    // Keeps focus in the filter box while clicking an option.
    this.list.addEventListener('mousedown', (event) => event.preventDefault());
    this.list.addEventListener('click', this.onListClick);
    // A click on the backdrop lands on the dialog itself.
    this.dialog.addEventListener('click', (event) => {
      if (event.target === this.dialog) this.close();
    });
    // Closed some other way (the browser's own Escape handling): tidy up the same way.
    this.dialog.addEventListener('close', () => {
      if (!this.dialog.open) this.close();
    });
  }

  get isOpen(): boolean {
    return this.opened;
  }

  open(): void {
    if (this.opened) {
      this.input.focus();
      return;
    }
    this.opened = true;
    this.returnFocus = focusable(document.activeElement);
    this.input.value = '';
    // The labels are read again, as the commands are: they follow the UI's language.
    const { label, placeholder } = this.options;
    this.dialog.setAttribute('aria-label', label);
    this.input.setAttribute('aria-label', label);
    this.input.placeholder = placeholder;
    this.list.setAttribute('aria-label', label);
    showDialog(this.dialog);
    this.filter();
    this.input.focus();
  }

  /** Closes and gives focus back to where it was when the palette opened. */
  close(): void {
    if (!this.opened) return;
    this.opened = false;
    if (this.dialog.open) this.dialog.close();
    this.matches = [];
    this.list.replaceChildren();
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back?.isConnected) back.focus();
  }

  destroy(): void {
    this.close();
    this.dialog.remove();
  }

  private filter(): void {
    this.matches = rankCommands(this.options.commands(), this.input.value);
    this.list.replaceChildren(
      ...this.matches.map((command, index) => {
        const option = el('li', 'command-palette-option');
        option.id = `${this.listId}-${index}`;
        Object.assign(option.dataset, { index: String(index), command: command.id });
        setAttributes(option, { role: 'option', 'aria-selected': 'false' });
        if (!isEnabled(command)) option.setAttribute('aria-disabled', 'true');
        option.append(el('span', 'command-palette-title', command.title));
        if (command.shortcut) option.append(el('kbd', 'command-palette-shortcut', command.shortcut));
        return option;
      }),
    );
    const found = this.matches.length > 0;
    this.emptyElement.hidden = found;
    this.emptyElement.textContent = found ? '' : this.options.empty;
    this.input.setAttribute('aria-expanded', String(found));
    // Start on the first command that can run, so Enter does something.
    const first = [...this.list.children].findIndex((option) => !option.hasAttribute('aria-disabled'));
    this.highlight(found ? Math.max(0, first) : -1);
  }

  private highlight(index: number): void {
    this.active = index;
    const options = this.list.children;
    for (let i = 0; i < options.length; i++) options[i]!.setAttribute('aria-selected', String(i === index));
    const option = options[index];
    if (option) {
      this.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView?.({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }

  /** Closes first, focus back where it was, then runs: the command may open another dialog or move focus. */
  private runAt(index: number): void {
    const command = this.matches[index];
    if (!command || !isEnabled(command)) return;
    this.close();
    void command.run();
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    const count = this.matches.length;
    switch (event.key) {
      case 'ArrowDown':
        if (count) this.highlight((this.active + 1) % count);
        break;
      case 'ArrowUp':
        if (count) this.highlight((this.active - 1 + count) % count);
        break;
      case 'Home':
      case 'End':
        // With Shift these select text in the box, as usual.
        if (event.shiftKey || !count) return;
        this.highlight(event.key === 'Home' ? 0 : count - 1);
        break;
      case 'Enter':
        this.runAt(this.active);
        break;
      case 'Escape':
        this.close();
        break;
      default:
        return;
    }
    // The palette is modal: the app must not act on these keys too (Escape closing the article, say).
    event.preventDefault();
    event.stopPropagation();
  };

  private readonly onListClick = (event: MouseEvent): void => {
    const option = event.target instanceof Element ? event.target.closest<HTMLElement>('[role="option"]') : null;
    if (!option) return;
    const index = Number(option.dataset.index);
    this.highlight(index);
    this.runAt(index);
  };
}

export interface ShortcutGroup {
  title: string;
  shortcuts: readonly { keys: string; what: string }[];
}

export interface ShortcutsSheetOptions {
  container: HTMLElement;
  title: string;
  closeLabel: string;
  /** Read each time the sheet opens, so it follows the UI language. */
  groups(): readonly ShortcutGroup[];
}

let sheets = 0;

/** A dialog listing keyboard shortcuts by group. */
export class ShortcutsSheet {
  readonly dialog: HTMLDialogElement;
  private readonly titleId = `shortcuts-sheet-${++sheets}-title`;
  private returnFocus: HTMLElement | null = null;

  constructor(private readonly options: ShortcutsSheetOptions) {
    this.dialog = el('dialog', 'dialog shortcuts-sheet');
    this.dialog.setAttribute('aria-labelledby', this.titleId);
    options.container.append(this.dialog);
    // Browsers close a modal dialog on Escape themselves; this makes it so where they do not (and in tests).
    this.dialog.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.isComposing) return;
      event.preventDefault();
      event.stopPropagation();
      this.close();
    });
    this.dialog.addEventListener('close', this.restoreFocus);
  }

  get isOpen(): boolean {
    return this.dialog.open;
  }

  open(): void {
    if (this.dialog.open) return;
    this.returnFocus = focusable(document.activeElement);
    const body = el('div', 'dialog-body');
    const heading = el('h2', '', this.options.title);
    heading.id = this.titleId;
    body.append(heading);
    for (const group of this.options.groups()) {
      const list = el('dl', 'shortcuts-list');
      for (const shortcut of group.shortcuts) {
        const keys = el('dt');
        keys.append(...renderKeys(shortcut.keys));
        const row = el('div', 'shortcuts-row');
        row.append(keys, el('dd', '', shortcut.what));
        list.append(row);
      }
      const section = el('section', 'shortcuts-group');
      section.append(el('h3', '', group.title), list);
      body.append(section);
    }
    const close = el('button', '', this.options.closeLabel);
    close.type = 'button';
    close.addEventListener('click', () => this.close());
    const actions = el('div', 'dialog-actions');
    actions.append(close);
    body.append(actions);
    this.dialog.replaceChildren(body);
    showDialog(this.dialog);
    close.focus();
  }

  close(): void {
    if (!this.dialog.open) return;
    this.dialog.close();
    this.restoreFocus();
  }

  destroy(): void {
    this.close();
    this.dialog.remove();
  }

  /** On close, by the button, Escape or the browser; once, as the close event comes later in browsers. */
  private readonly restoreFocus = (): void => {
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back?.isConnected) back.focus();
  };
}
