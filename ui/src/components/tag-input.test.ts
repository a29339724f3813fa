// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

import { TagInput, matchTags, normalizeTag, tagKey, type TagSuggestion } from './tag-input';

const TAGS: TagSuggestion[] = [
  { name: 'Регионы/Сахалин', total: 40 },
  { name: 'Регионы', total: 120 },
  { name: 'Регионы/Хабаровск', total: 75 },
  { name: 'Ёлка', total: 3 },
  { name: 'Экономика', total: 300 },
  { name: 'Сахар', total: 5 },
];

const names = (tags: TagSuggestion[]) => tags.map((tag) => tag.name);

describe('normalizeTag and tagKey', () => {
  it('canonicalises like the backend: NFC, folded spaces, tidy levels', () => {
    expect(normalizeTag('  Регионы /  Хабаровский   край/ ')).toBe('Регионы/Хабаровский край');
    expect(normalizeTag('Хабаровски\u0438\u0306')).toBe('Хабаровский');
    expect(normalizeTag('a\tb\u0007')).toBe('a b');
    expect(normalizeTag(' / ')).toBeNull();
    expect(normalizeTag('я'.repeat(201))).toBeNull();
  });

  it('ignores case but keeps ё apart, as the store does', () => {
    expect(tagKey('ЭКОНОМИКА')).toBe(tagKey('экономика'));
    expect(tagKey('Ёлка')).not.toBe(tagKey('елка'));
  });
});

describe('matchTags', () => {
  it('matches a Cyrillic prefix of the whole name, whole-name matches first', () => {
    expect(names(matchTags('рег', TAGS, []))).toEqual(['Регионы', 'Регионы/Хабаровск', 'Регионы/Сахалин']);
  });

  it('matches a prefix of a level after the whole-name matches', () => {
    expect(names(matchTags('сах', TAGS, []))).toEqual(['Сахар', 'Регионы/Сахалин']);
    expect(names(matchTags('регионы/са', TAGS, []))).toEqual(['Регионы/Сахалин']);
  });

  it('does not match inside a word', () => {
    expect(matchTags('гион', TAGS, [])).toEqual([]);
  });

  it('finds ё when е is typed and the other way round', () => {
    expect(names(matchTags('елк', TAGS, []))).toEqual(['Ёлка']);
    expect(names(matchTags('ёлк', [{ name: 'Елка', total: 1 }], []))).toEqual(['Елка']);
  });

  it('leaves out tags already taken, whatever their case', () => {
    expect(names(matchTags('рег', TAGS, ['регионы', 'РЕГИОНЫ/САХАЛИН']))).toEqual(['Регионы/Хабаровск']);
  });

  it('orders by count within a group and stops at the limit', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ name: `Тег ${i}`, total: i }));
    const found = matchTags('тег', many, [], 8);
    expect(found).toHaveLength(8);
    expect(found.map((tag) => tag.total)).toEqual([19, 18, 17, 16, 15, 14, 13, 12]);
  });

  it('matches everything on an empty query, most used first', () => {
    expect(names(matchTags('  ', TAGS, [], 2))).toEqual(['Экономика', 'Регионы']);
  });
});

let tagInput: TagInput | null = null;

function mount(suggestions: TagSuggestion[] = TAGS) {
  const container = document.createElement('div');
  document.body.append(container);
  const onChange = vi.fn((_tags: string[]) => {});
  tagInput = new TagInput(container, {
    label: 'Tags',
    suggestions: () => suggestions,
    onChange,
    removeLabel: (tag) => `Remove ${tag}`,
  });
  const input = tagInput.input;
  input.focus();
  return { container, input, onChange, tags: tagInput };
}

function type(input: HTMLInputElement, text: string) {
  for (const char of text) {
    const allowed = input.dispatchEvent(new KeyboardEvent('keydown', { key: char, bubbles: true, cancelable: true }));
    if (!allowed) continue;
    input.value += char;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

function press(input: HTMLInputElement, key: string, init: KeyboardEventInit = {}) {
  return input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
}

function paste(input: HTMLInputElement, text: string) {
  const event = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
  Object.defineProperty(event, 'clipboardData', { value: { getData: () => text } });
  return input.dispatchEvent(event);
}

const chips = (container: HTMLElement) => [...container.querySelectorAll('.tag-chip-name')].map((chip) => chip.textContent);
const options = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('[role="option"]')];

afterEach(() => {
  tagInput?.destroy();
  tagInput = null;
  document.body.replaceChildren();
});

describe('TagInput', () => {
  it('is a labelled combobox controlling a hidden listbox', () => {
    const { container, input } = mount();
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-label')).toBe('Tags');
    expect(input.getAttribute('aria-autocomplete')).toBe('list');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    const list = document.getElementById(input.getAttribute('aria-controls')!)!;
    expect(list.getAttribute('role')).toBe('listbox');
    expect(list.hidden).toBe(true);
    expect(container.contains(list)).toBe(true);
  });

  it('adds the typed text as a chip on Enter', () => {
    const { container, input, onChange, tags } = mount();
    type(input, '  Новая   тема ');
    expect(press(input, 'Enter')).toBe(false);
    expect(chips(container)).toEqual(['Новая тема']);
    expect(onChange).toHaveBeenCalledWith(['Новая тема']);
    expect(tags.value).toEqual(['Новая тема']);
    expect(input.value).toBe('');
    expect(container.querySelector('.tag-chip-remove')!.getAttribute('aria-label')).toBe('Remove Новая тема');
  });

  it('adds a tag at each comma', () => {
    const { container, input, onChange } = mount();
    type(input, 'Политика,Спорт,');
    expect(chips(container)).toEqual(['Политика', 'Спорт']);
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(input.value).toBe('');
  });

  it('adds every tag of a pasted list', () => {
    const { container, input, onChange } = mount();
    expect(paste(input, 'a, b,  c\nd')).toBe(false);
    expect(chips(container)).toEqual(['a', 'b', 'c', 'd']);
    expect(onChange).toHaveBeenCalledOnce();
    expect(onChange).toHaveBeenLastCalledWith(['a', 'b', 'c', 'd']);
  });

  it('lets a single pasted word be typed on', () => {
    const { container, input } = mount();
    expect(paste(input, 'Эконом')).toBe(true);
    expect(chips(container)).toEqual([]);
  });

  it('removes the last chip on Backspace in an empty box only', () => {
    const { container, input, onChange, tags } = mount();
    tags.value = ['Спорт', 'Политика'];
    type(input, 'x');
    expect(press(input, 'Backspace')).toBe(true);
    expect(chips(container)).toEqual(['Спорт', 'Политика']);
    input.value = '';
    expect(press(input, 'Backspace')).toBe(false);
    expect(chips(container)).toEqual(['Спорт']);
    expect(onChange).toHaveBeenLastCalledWith(['Спорт']);
  });

  it('removes a chip with its button and keeps focus in the box', () => {
    const { container, input, onChange, tags } = mount();
    tags.value = ['Спорт', 'Политика', 'Экономика'];
    container.querySelectorAll<HTMLButtonElement>('.tag-chip-remove')[1]!.click();
    expect(chips(container)).toEqual(['Спорт', 'Экономика']);
    expect(onChange).toHaveBeenLastCalledWith(['Спорт', 'Экономика']);
    expect(document.activeElement).toBe(input);
  });

  it('suggests tags as you type and picks one with the keyboard', () => {
    const { container, input, onChange } = mount();
    type(input, 'сах');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(options(container).map((option) => option.querySelector('.tag-option-name')!.textContent)).toEqual([
      'Сахар',
      'Регионы/Сахалин',
    ]);
    expect(options(container)[1]!.querySelector('.tag-option-count')!.textContent).toBe('40');
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);

    press(input, 'ArrowDown');
    press(input, 'ArrowDown');
    const active = options(container)[1]!;
    expect(input.getAttribute('aria-activedescendant')).toBe(active.id);
    expect(active.getAttribute('aria-selected')).toBe('true');
    press(input, 'ArrowDown'); // wraps to the first
    press(input, 'ArrowUp'); // and back to the last
    press(input, 'Enter');
    expect(chips(container)).toEqual(['Регионы/Сахалин']);
    expect(onChange).toHaveBeenLastCalledWith(['Регионы/Сахалин']);
    expect(input.value).toBe('');
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('picks a suggestion with the mouse without blurring the box first', () => {
    const { container, input, onChange } = mount();
    type(input, 'рег');
    const option = options(container)[2]!;
    const mousedown = new MouseEvent('mousedown', { bubbles: true, cancelable: true });
    option.dispatchEvent(mousedown);
    expect(mousedown.defaultPrevented).toBe(true);
    option.querySelector<HTMLElement>('.tag-option-count')!.click();
    expect(chips(container)).toEqual(['Регионы/Сахалин']);
    expect(onChange).toHaveBeenCalledOnce();
  });

  it('picks with Tab only when a suggestion is highlighted', () => {
    const { container, input } = mount();
    type(input, 'эк');
    expect(press(input, 'Tab')).toBe(true);
    expect(chips(container)).toEqual([]);
    press(input, 'ArrowDown');
    expect(press(input, 'Tab')).toBe(false);
    expect(chips(container)).toEqual(['Экономика']);
  });

  it('no longer suggests a tag once it is added', () => {
    const { container, input, tags } = mount();
    tags.value = ['Регионы'];
    type(input, 'рег');
    expect(options(container).map((option) => option.querySelector('.tag-option-name')!.textContent)).not.toContain(
      'Регионы',
    );
  });

  it('opens the full list on ArrowDown in an empty box', () => {
    const { container, input } = mount();
    press(input, 'ArrowDown');
    expect(options(container)).toHaveLength(TAGS.length);
    expect(options(container)[0]!.getAttribute('aria-selected')).toBe('true');
  });

  it('closes the list on Escape without letting the Escape through', () => {
    const { container, input } = mount();
    const outside = vi.fn();
    container.addEventListener('keydown', outside);
    type(input, 'рег');
    expect(press(input, 'Escape')).toBe(false);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(outside).not.toHaveBeenCalledWith(expect.objectContaining({ key: 'Escape' }));
    expect(press(input, 'Escape')).toBe(true);
    expect(outside).toHaveBeenCalledWith(expect.objectContaining({ key: 'Escape' }));
  });

  it('ignores duplicates whatever their case, and adopts the spelling in use', () => {
    const { container, input, onChange } = mount();
    type(input, 'регионы/сахалин');
    press(input, 'Enter');
    expect(chips(container)).toEqual(['Регионы/Сахалин']);
    type(input, 'РЕГИОНЫ / САХАЛИН');
    press(input, 'Enter');
    paste(input, 'Регионы/Сахалин, спорт, Спорт');
    expect(chips(container)).toEqual(['Регионы/Сахалин', 'спорт']);
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(input.value).toBe('');
  });

  it('keeps ёлка and елка as two tags', () => {
    const { container, input } = mount([]);
    type(input, 'ёлка,елка,');
    expect(chips(container)).toEqual(['ёлка', 'елка']);
  });

  it('commits the typed text on blur', () => {
    const { container, input, onChange } = mount();
    type(input, 'Культура');
    input.blur();
    expect(chips(container)).toEqual(['Культура']);
    expect(onChange).toHaveBeenCalledWith(['Культура']);
  });

  it('keeps text that cannot be a tag in the box', () => {
    const { container, input, onChange, tags } = mount();
    input.value = 'я'.repeat(201);
    tags.commitPending();
    expect(chips(container)).toEqual([]);
    expect(onChange).not.toHaveBeenCalled();
    expect(tags.pending).toBe('я'.repeat(201));
  });

  it('replaces the tags through value without calling onChange', () => {
    const { container, input, onChange, tags } = mount();
    type(input, 'черновик');
    tags.value = ['Б', 'а', 'А'];
    expect(tags.value).toEqual(['Б', 'а']);
    expect(chips(container)).toEqual(['Б', 'а']);
    expect(tags.pending).toBe('');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('puts tag text in the page as text, never as markup', () => {
    const { container, input } = mount([{ name: '<img src=x onerror=alert(1)>', total: 1 }]);
    type(input, '<b>жирный</b>');
    press(input, 'Enter');
    type(input, '<');
    expect(container.querySelector('img, b')).toBeNull();
    expect(chips(container)).toEqual(['<b>жирный</b>']);
    expect(options(container)[0]!.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
