// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { TagCount } from '../bindings';
import { TagManager, tagTree, type TagManagerOptions, type TagManagerStrings } from './tag-manager';

const STRINGS: TagManagerStrings = {
  title: 'Теги',
  filter: 'Найти тег',
  rename: 'Переименовать',
  merge: 'Объединить с…',
  mergeInto: 'Объединить с тегом',
  save: 'Сохранить',
  cancel: 'Отмена',
  close: 'Закрыть',
  empty: 'Тегов нет',
  renamed: (from, to) => `«${from}» теперь «${to}»`,
  merged: (from, into) => `«${from}» объединён с «${into}»`,
  count: (n) => `${n} статей`,
  renameLabel: (tag) => `Переименовать тег ${tag}`,
  mergeLabel: (tag) => `Объединить тег ${tag} с…`,
};

const tag = (name: string, total: number, count = total): TagCount => ({ name, count, total });

const TAGS: TagCount[] = [
  tag('Ёлка', 3),
  tag('Регионы', 120, 5),
  tag('Регионы/Сахалин', 40),
  tag('Регионы/Хабаровск', 75),
  tag('Регионы/Хабаровск/Амурск', 7),
  tag('Экономика', 300),
];

let manager: TagManager | null = null;

afterEach(() => {
  manager?.destroy();
  manager = null;
  document.body.replaceChildren();
});

/** Lets pending promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function mount(overrides: Partial<TagManagerOptions> = {}) {
  let tags = [...TAGS];
  const container = document.createElement('div');
  const opener = document.createElement('button');
  document.body.append(opener, container);
  opener.focus();
  const calls = {
    tags: vi.fn(async () => tags),
    rename: vi.fn(async (from: string, to: string) => {
      tags = tags.map((t) => (t.name === from ? tag(to, t.total, t.count) : t));
    }),
    merge: vi.fn(async (from: string, _into: string) => {
      tags = tags.filter((t) => t.name !== from);
    }),
    onChanged: vi.fn(),
  };
  manager = new TagManager({
    container,
    strings: STRINGS,
    errorMessage: (error) => (error instanceof Error ? error.message : String(error)),
    ...calls,
    ...overrides,
  });
  const dialog = manager.dialog;
  return { container, opener, manager, dialog, calls, status: () => dialog.querySelector<HTMLElement>('[role="status"]')! };
}

const rows = (dialog: HTMLElement) => [...dialog.querySelectorAll<HTMLElement>('.tag-manager-row:not([hidden])')];
const names = (dialog: HTMLElement) => rows(dialog).map((row) => row.dataset.tag);
const row = (dialog: HTMLElement, name: string) => rows(dialog).find((r) => r.dataset.tag === name)!;
const button = (dialog: HTMLElement, name: string, action: 'rename' | 'merge') =>
  row(dialog, name).querySelector<HTMLButtonElement>(`button[data-action="${action}"]`)!;

function type(input: HTMLInputElement, text: string) {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function press(target: Element, key: string) {
  return target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
}

describe('tagTree', () => {
  it('nests each tag under the nearest listed tag above it, whatever the case', () => {
    const tree = tagTree([tag('A', 1), tag('a/b/c', 1), tag('X/Y', 1)]);
    expect(tree.map((n) => n.tag.name)).toEqual(['A', 'X/Y']);
    expect(tree[0]!.children.map((n) => [n.tag.name, n.depth])).toEqual([['a/b/c', 1]]);
  });
});

describe('TagManager', () => {
  it('opens a labelled modal dialog with the tree, depth by nesting, and counts', async () => {
    const { dialog, calls } = mount();
    expect(dialog.open).toBe(false);
    await manager!.open();
    expect(dialog.open).toBe(true);
    expect(calls.tags).toHaveBeenCalledOnce();
    expect(dialog.getAttribute('aria-labelledby')).toBe(dialog.querySelector('h2')!.id);
    expect(dialog.querySelector('h2')!.textContent).toBe('Теги');
    expect(document.activeElement).toBe(manager!.filterInput);

    expect(names(dialog)).toEqual(TAGS.map((t) => t.name));
    expect(rows(dialog).map((r) => r.dataset.depth)).toEqual(['0', '0', '1', '1', '2', '0']);
    // Nested lists: Амурск's row sits three lists deep.
    const amursk = row(dialog, 'Регионы/Хабаровск/Амурск');
    let depth = 0;
    for (let node: Element | null = amursk; node && node !== dialog; node = node.parentElement) if (node.tagName === 'UL') depth++;
    expect(depth).toBe(3);

    const name = amursk.querySelector<HTMLElement>('.tag-manager-name')!;
    expect(name.title).toBe('Регионы/Хабаровск/Амурск');
    expect(name.querySelector('[aria-hidden="true"]')!.textContent).toBe('Амурск');
    expect(name.querySelector('.visually-hidden')!.textContent).toBe('Регионы/Хабаровск/Амурск');

    const regions = row(dialog, 'Регионы');
    expect(regions.querySelector('.tag-manager-count [aria-hidden="true"]')!.textContent).toBe('120');
    expect(regions.querySelector('.tag-manager-count .visually-hidden')!.textContent).toBe('120 статей');
    const rename = button(dialog, 'Регионы', 'rename');
    expect(rename.textContent).toBe('Переименовать');
    expect(rename.getAttribute('aria-label')).toBe('Переименовать тег Регионы');
    expect(button(dialog, 'Регионы', 'merge').getAttribute('aria-label')).toBe('Объединить тег Регионы с…');
  });

  it('filters by substring, ignoring case and ё/е, keeping the parents of matches', async () => {
    const { dialog } = mount();
    await manager!.open();
    type(manager!.filterInput, 'елк');
    expect(names(dialog)).toEqual(['Ёлка']);
    type(manager!.filterInput, 'ХАБАР');
    expect(names(dialog)).toEqual(['Регионы', 'Регионы/Хабаровск', 'Регионы/Хабаровск/Амурск']);
    type(manager!.filterInput, 'нет такого');
    expect(names(dialog)).toEqual([]);
    const empty = dialog.querySelector<HTMLElement>('.tag-manager-empty')!;
    expect(empty.hidden).toBe(false);
    expect(empty.textContent).toBe('Тегов нет');
    type(manager!.filterInput, '');
    expect(names(dialog)).toHaveLength(TAGS.length);
    expect(empty.hidden).toBe(true);
  });

  it('renames: the box starts with the full name selected, Enter saves once, then reload, status and focus', async () => {
    const { dialog, calls, status } = mount();
    await manager!.open();
    button(dialog, 'Регионы/Сахалин', 'rename').click();
    const input = dialog.querySelector<HTMLInputElement>('form input')!;
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe('Регионы/Сахалин');
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, input.value.length]);
    expect(names(dialog)).not.toContain('Регионы/Сахалин');

    input.value = '  Регионы / Сахалинская  область ';
    expect(press(input, 'Enter')).toBe(false);
    press(input, 'Enter');
    await settle();

    expect(calls.rename).toHaveBeenCalledOnce();
    expect(calls.rename).toHaveBeenCalledWith('Регионы/Сахалин', 'Регионы/Сахалинская область');
    expect(calls.tags).toHaveBeenCalledTimes(2);
    expect(calls.onChanged).toHaveBeenCalledOnce();
    expect(dialog.querySelector('form')).toBeNull();
    expect(names(dialog)).toContain('Регионы/Сахалинская область');
    expect(status().textContent).toBe('«Регионы/Сахалин» теперь «Регионы/Сахалинская область»');
    expect(status().hasAttribute('data-state')).toBe(false);
    expect(document.activeElement).toBe(button(dialog, 'Регионы/Сахалинская область', 'rename'));
  });

  it('treats a rename to the same name as nothing to do', async () => {
    const { dialog, calls } = mount();
    await manager!.open();
    button(dialog, 'Экономика', 'rename').click();
    const form = dialog.querySelector('form')!;
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();
    expect(calls.rename).not.toHaveBeenCalled();
    expect(dialog.querySelector('form')).toBeNull();
    expect(document.activeElement).toBe(button(dialog, 'Экономика', 'rename'));
  });

  it('cancels an edit on Escape without closing the dialog, and closes on the next Escape', async () => {
    const { dialog, opener, calls } = mount();
    const outside = vi.fn();
    document.addEventListener('keydown', outside);
    await manager!.open();
    button(dialog, 'Ёлка', 'rename').click();
    const input = dialog.querySelector<HTMLInputElement>('form input')!;
    input.value = 'Ель';
    expect(press(input, 'Escape')).toBe(false);
    // As a browser would follow up: the dialog's cancel event for the same key press.
    const cancel = new Event('cancel', { cancelable: true });
    expect(dialog.dispatchEvent(cancel)).toBe(false);

    expect(outside).not.toHaveBeenCalled();
    expect(dialog.open).toBe(true);
    expect(dialog.querySelector('form')).toBeNull();
    expect(calls.rename).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(button(dialog, 'Ёлка', 'rename'));

    await settle();
    press(document.activeElement!, 'Escape');
    document.removeEventListener('keydown', outside);
    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it('lets a browser cancel event during an edit cancel only the edit', async () => {
    const { dialog } = mount();
    await manager!.open();
    button(dialog, 'Ёлка', 'merge').click();
    expect(dialog.dispatchEvent(new Event('cancel', { cancelable: true }))).toBe(false);
    expect(dialog.open).toBe(true);
    expect(dialog.querySelector('form')).toBeNull();
    await settle();
    // With no edit under way, the browser's cancel goes ahead.
    expect(dialog.dispatchEvent(new Event('cancel', { cancelable: true }))).toBe(true);
  });

  it('offers every other tag to merge into, but neither the tag itself nor those below it', async () => {
    const { dialog, calls, status } = mount();
    await manager!.open();
    button(dialog, 'Регионы/Хабаровск', 'merge').click();
    const select = dialog.querySelector<HTMLSelectElement>('form select')!;
    expect(document.activeElement).toBe(select);
    expect(dialog.querySelector<HTMLLabelElement>('form label')!.htmlFor).toBe(select.id);
    expect([...select.options].map((o) => o.value)).toEqual(['Ёлка', 'Регионы', 'Регионы/Сахалин', 'Экономика']);

    select.value = 'Регионы';
    dialog.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
    await settle();
    expect(calls.merge).toHaveBeenCalledOnce();
    expect(calls.merge).toHaveBeenCalledWith('Регионы/Хабаровск', 'Регионы');
    expect(calls.onChanged).toHaveBeenCalledOnce();
    expect(names(dialog)).not.toContain('Регионы/Хабаровск');
    expect(status().textContent).toBe('«Регионы/Хабаровск» объединён с «Регионы»');
    expect(document.activeElement).toBe(button(dialog, 'Регионы', 'rename'));
  });

  it('shows an error in the status line and keeps the form with the typed text', async () => {
    const rename = vi.fn(async () => {
      throw new Error('Такой тег уже есть');
    });
    const { dialog, calls, status } = mount({ rename });
    await manager!.open();
    button(dialog, 'Экономика', 'rename').click();
    const input = dialog.querySelector<HTMLInputElement>('form input')!;
    input.value = 'Финансы';
    press(input, 'Enter');
    await settle();

    expect(rename).toHaveBeenCalledOnce();
    expect(status().textContent).toBe('Такой тег уже есть');
    expect(status().dataset.state).toBe('failed');
    expect(dialog.querySelector('form input')).toBe(input);
    expect(input.value).toBe('Финансы');
    expect(calls.onChanged).not.toHaveBeenCalled();
    expect(calls.tags).toHaveBeenCalledOnce();
  });

  it('keeps only one form open at a time and cancels it with its button', async () => {
    const { dialog } = mount();
    await manager!.open();
    button(dialog, 'Ёлка', 'rename').click();
    button(dialog, 'Экономика', 'merge').click();
    expect(dialog.querySelectorAll('form')).toHaveLength(1);
    expect(names(dialog)).toContain('Ёлка');
    dialog.querySelector<HTMLButtonElement>('form .tag-manager-cancel')!.click();
    expect(dialog.querySelector('form')).toBeNull();
    expect(document.activeElement).toBe(button(dialog, 'Экономика', 'merge'));
  });

  it('closes with its button and gives focus back', async () => {
    const { dialog, opener } = mount();
    await manager!.open();
    [...dialog.querySelectorAll<HTMLButtonElement>('.dialog-actions button')].at(-1)!.click();
    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it('puts names in as text, not markup', async () => {
    const { dialog } = mount({ tags: async () => [tag('<img src=x onerror=alert(1)>', 1)] });
    await manager!.open();
    expect(dialog.querySelector('img')).toBeNull();
    expect(dialog.querySelector('.tag-manager-name')!.getAttribute('title')).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('TagManager labels', () => {
  it('reads its strings on every open, so they follow the UI language', async () => {
    let title = 'Теги';
    const { manager, dialog } = mount({ strings: { ...STRINGS, get title() { return title; } } });
    await manager.open();
    expect(dialog.querySelector('h2')?.textContent).toBe('Теги');
    manager.close();
    title = 'Tags';
    await manager.open();
    expect(dialog.querySelector('h2')?.textContent).toBe('Tags');
  });
});
