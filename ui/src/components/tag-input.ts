// The tags field: committed tags as removable chips, a text box, and suggestions from the tags
// already in use (ARIA combobox with a listbox popup). Tag names follow galley-model's TagName:
// NFC, spaces folded, "/" between levels, same tag when lowercased names match.
// It must not talk to the backend, own user-facing text (it all comes through the options),
// or put data into the DOM other than through textContent.

export interface TagSuggestion {
  name: string;
  total: number;
}

export interface TagInputOptions {
  /** Accessible name of the text box. */
  label: string;
  /** Tags in use with their article counts; read on every keystroke, so it may change between calls. */
  suggestions(): readonly TagSuggestion[];
  /** The committed tags after an add or a remove (not after `value` is set). */
  onChange(tags: string[]): void;
  /** Accessible name of a chip's remove button, e.g. `Убрать тег ${tag}`. */
  removeLabel(tag: string): string;
  /** Suggestions shown at most; 8 if omitted. */
  limit?: number;
}

/** As in galley-model: a longer name is refused by the backend, so it is not committed. */
export const MAX_TAG_CHARS = 200;

/** What separates tags in typed or pasted text. */
const SEPARATORS = /[,\n\r]/;

/** Canonical spelling of a typed tag, or null if nothing (or too much) is left: `" регионы / Хабаровск "` → `"регионы/Хабаровск"`. */
export function normalizeTag(typed: string): string | null {
  const levels = typed
    .normalize('NFC')
    // Control characters are refused by the backend; tabs and the like become spaces, the rest go.
    .replace(/\s/g, ' ')
    .replace(/\p{Cc}/gu, '')
    .split('/')
    .map((level) => level.split(' ').filter(Boolean).join(' '))
    .filter(Boolean);
  const name = levels.join('/');
  if (name === '' || [...name].length > MAX_TAG_CHARS) return null;
  return name;
}

/** Same key, same tag (galley-model's TagName::key). ё stays distinct from е here, as in the store. */
export function tagKey(name: string): string {
  return (normalizeTag(name) ?? name.normalize('NFC')).toLocaleLowerCase();
}

/** Looser than `tagKey`, for finding: a user typing "елка" is looking for "Ёлка" too. */
function searchKey(text: string): string {
  return tagKey(text).replace(/ё/g, 'е');
}

/**
 * Suggestions for a query: prefix matches on the whole name first, then prefix matches on a
 * "/" level (so "сах" finds "Регионы/Сахалин"), each group by article count, at most `limit`,
 * leaving out tags already taken. An empty query matches every tag.
 */
export function matchTags(
  query: string,
  suggestions: readonly TagSuggestion[],
  taken: readonly string[],
  limit = 8,
): TagSuggestion[] {
  const q = searchKey(query.trim());
  const takenKeys = new Set(taken.map(tagKey));
  const seen = new Set<string>();
  const ranked: { tag: TagSuggestion; rank: number }[] = [];
  for (const tag of suggestions) {
    const key = tagKey(tag.name);
    if (takenKeys.has(key) || seen.has(key)) continue;
    const name = searchKey(tag.name);
    let rank = -1;
    if (name.startsWith(q)) rank = 0;
    else {
      const levels = name.split('/');
      for (let i = 1; i < levels.length && rank < 0; i++) {
        if (levels.slice(i).join('/').startsWith(q)) rank = 1;
      }
    }
    if (rank < 0) continue;
    seen.add(key);
    ranked.push({ tag, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || b.tag.total - a.tag.total || a.tag.name.localeCompare(b.tag.name));
  return ranked.slice(0, Math.max(0, limit)).map(({ tag }) => tag);
}

let inputs = 0;

export class TagInput {
  /** The text box, so the app can focus it and tests can type into it. */
  readonly input: HTMLInputElement;
  private readonly container: HTMLElement;
  private readonly chips: HTMLUListElement;
  private readonly list: HTMLUListElement;
  private readonly listId: string;
  private tags: string[] = [];
  private matches: TagSuggestion[] = [];
  /** Highlighted suggestion, -1 for none. */
  private active = -1;

  constructor(container: HTMLElement, private readonly options: TagInputOptions) {
    this.container = container;
    this.listId = `tag-input-${++inputs}-list`;
    container.classList.add('tag-input');

    this.chips = document.createElement('ul');
    this.chips.className = 'tag-input-chips';

    this.input = document.createElement('input');
    this.input.type = 'text';
    this.input.className = 'tag-input-field';
    this.input.autocomplete = 'off';
    this.input.spellcheck = false;
    this.input.setAttribute('role', 'combobox');
    this.input.setAttribute('aria-label', options.label);
    this.input.setAttribute('aria-autocomplete', 'list');
    this.input.setAttribute('aria-controls', this.listId);
    this.input.setAttribute('aria-expanded', 'false');

    this.list = document.createElement('ul');
    this.list.className = 'tag-input-list';
    this.list.id = this.listId;
    this.list.setAttribute('role', 'listbox');
    this.list.setAttribute('aria-label', options.label);
    this.list.hidden = true;

    container.replaceChildren(this.chips, this.input, this.list);

    this.input.addEventListener('keydown', this.onKeyDown);
    this.input.addEventListener('input', this.onInput);
    this.input.addEventListener('paste', this.onPaste);
    this.input.addEventListener('blur', this.onBlur);
    // Keeps focus in the text box, so picking with the mouse does not blur (and commit the typed text) first.
    this.list.addEventListener('mousedown', (event) => event.preventDefault());
    this.list.addEventListener('click', this.onListClick);
    // A click on the empty part of the field is meant for the text box.
    container.addEventListener('click', (event) => {
      if (event.target === container || event.target === this.chips) this.input.focus();
    });
  }

  /** The committed tags; typed text not yet committed is in `pending`. */
  get value(): string[] {
    return [...this.tags];
  }

  /** Replaces the tags (another article opened): clears the typed text, does not call onChange. */
  set value(tags: string[]) {
    this.tags = [];
    for (const tag of tags) this.push(tag, false);
    this.input.value = '';
    this.close();
    this.renderChips();
  }

  /** Text typed but not yet turned into a tag. */
  get pending(): string {
    return this.input.value;
  }

  /** Turns the typed text into tags (on blur, before a save). Text that cannot be a tag stays in the box. */
  commitPending(): void {
    const text = this.input.value;
    this.close();
    if (text.trim() === '') {
      this.input.value = '';
      return;
    }
    this.input.value = this.addAll(text.split(SEPARATORS)).join(', ');
  }

  destroy(): void {
    this.close();
    this.container.replaceChildren();
    this.container.classList.remove('tag-input');
  }

  /** Adds every part that is a valid tag and calls onChange once; returns the parts that were refused. */
  private addAll(parts: readonly string[]): string[] {
    const refused: string[] = [];
    let added = false;
    for (const part of parts) {
      if (part.trim() === '') continue;
      const result = this.push(part);
      if (result === 'invalid') refused.push(part.trim());
      else if (result === 'added') added = true;
    }
    if (added) {
      this.renderChips();
      this.options.onChange(this.value);
    }
    return refused;
  }

  /** `typed` is what the user typed; tags from the app (`value`) keep the spelling they came with. */
  private push(text: string, typed = true): 'added' | 'duplicate' | 'invalid' {
    const name = normalizeTag(text);
    if (name === null) return 'invalid';
    const key = tagKey(name);
    if (this.tags.some((tag) => tagKey(tag) === key)) return 'duplicate';
    // Typed in another case, a tag in use keeps its spelling (the store would keep the first one anyway).
    const existing = typed ? this.options.suggestions().find((tag) => tagKey(tag.name) === key) : undefined;
    this.tags.push(existing?.name ?? name);
    return 'added';
  }

  private remove(index: number): void {
    if (index < 0) return;
    this.tags.splice(index, 1);
    this.renderChips();
    this.options.onChange(this.value);
  }

  private pick(index: number): void {
    const tag = this.matches[index];
    if (!tag) return;
    this.input.value = '';
    this.close();
    this.addAll([tag.name]);
  }

  private renderChips(): void {
    this.chips.replaceChildren(
      ...this.tags.map((tag) => {
        const chip = document.createElement('li');
        chip.className = 'tag-chip';
        const name = document.createElement('span');
        name.className = 'tag-chip-name';
        name.textContent = tag;
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'tag-chip-remove';
        remove.setAttribute('aria-label', this.options.removeLabel(tag));
        // Without this the text box would blur first, commit the typed text and rebuild the chips under the pointer.
        remove.addEventListener('mousedown', (event) => event.preventDefault());
        remove.addEventListener('click', () => {
          this.remove(this.tags.indexOf(tag));
          // The button is gone with its chip; without this focus would fall to the page.
          this.input.focus();
        });
        chip.append(name, remove);
        return chip;
      }),
    );
  }

  /** Shows the suggestions for the typed text, or closes the popup if there are none. */
  private open(force = false): void {
    const query = this.input.value;
    this.matches =
      query.trim() === '' && !force ? [] : matchTags(query, this.options.suggestions(), this.tags, this.options.limit ?? 8);
    this.active = -1;
    this.list.replaceChildren(
      ...this.matches.map((tag, index) => {
        const option = document.createElement('li');
        option.className = 'tag-option';
        option.id = `${this.listId}-${index}`;
        option.dataset.index = String(index);
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        const name = document.createElement('span');
        name.className = 'tag-option-name';
        name.textContent = tag.name;
        const count = document.createElement('span');
        count.className = 'tag-option-count';
        count.textContent = String(tag.total);
        option.append(name, count);
        return option;
      }),
    );
    const expanded = this.matches.length > 0;
    this.list.hidden = !expanded;
    this.input.setAttribute('aria-expanded', String(expanded));
    this.highlight(-1);
  }

  private close(): void {
    this.matches = [];
    this.list.replaceChildren();
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.highlight(-1);
  }

  private get isOpen(): boolean {
    return this.matches.length > 0;
  }

  private highlight(index: number): void {
    this.active = index;
    const options = this.list.children;
    for (let i = 0; i < options.length; i++) options[i]!.setAttribute('aria-selected', String(i === index));
    const option = index >= 0 ? options[index] : undefined;
    if (option) {
      this.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView?.({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }

  private move(step: 1 | -1): void {
    if (!this.isOpen) {
      this.open(true);
      if (!this.isOpen) return;
      this.highlight(step === 1 ? 0 : this.matches.length - 1);
      return;
    }
    const count = this.matches.length;
    // From "none", Down goes to the first and Up to the last; otherwise wrap around.
    const next = this.active < 0 ? (step === 1 ? 0 : count - 1) : (this.active + step + count) % count;
    this.highlight(next);
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      case 'ArrowDown':
        this.move(1);
        break;
      case 'ArrowUp':
        this.move(-1);
        break;
      case 'Enter':
        if (this.active >= 0) this.pick(this.active);
        else if (this.input.value.trim() !== '') this.commitPending();
        else return;
        break;
      case 'Tab':
        if (this.active < 0 || event.shiftKey) return;
        this.pick(this.active);
        break;
      case ',':
        this.commitPending();
        break;
      case 'Backspace':
        if (this.input.value !== '' || this.tags.length === 0) return;
        this.remove(this.tags.length - 1);
        break;
      case 'Escape':
        if (!this.isOpen) return;
        this.close();
        // The popup took this Escape; the app must not also act on it (close the article, say).
        event.stopPropagation();
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  private readonly onInput = (): void => {
    // Separators can arrive without a keydown (IME, autocorrect, drag and drop): everything before the last one is done.
    const text = this.input.value;
    if (SEPARATORS.test(text)) {
      const parts = text.split(SEPARATORS);
      const rest = parts.pop() ?? '';
      const refused = this.addAll(parts);
      this.input.value = [...refused, rest].join(', ');
    }
    this.open();
  };

  private readonly onPaste = (event: ClipboardEvent): void => {
    const pasted = event.clipboardData?.getData('text/plain') ?? '';
    if (!SEPARATORS.test(pasted)) return;
    // A pasted list is complete: every part, the last one included, becomes a tag.
    event.preventDefault();
    const { value, selectionStart, selectionEnd } = this.input;
    const start = selectionStart ?? value.length;
    const end = selectionEnd ?? value.length;
    // Split before it reaches the box: a text input drops line breaks, which would glue "c\nd" into "cd".
    const refused = this.addAll((value.slice(0, start) + pasted + value.slice(end)).split(SEPARATORS));
    this.input.value = refused.join(', ');
    this.open();
  };

  private readonly onBlur = (): void => this.commitPending();

  private readonly onListClick = (event: MouseEvent): void => {
    const option = event.target instanceof Element ? event.target.closest<HTMLElement>('[role="option"]') : null;
    if (!option) return;
    this.pick(Number(option.dataset.index));
    this.input.focus();
  };
}
