// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

import { CommandPalette, ShortcutsSheet, rankCommands, shortcutLabel, type Command } from './command-palette';

const command = (id: string, title: string, extra: Partial<Command> = {}): Command => ({ id, title, run: () => {}, ...extra });
const ids = (commands: readonly Command[]) => commands.map((c) => c.id);

describe('rankCommands', () => {
  const COMMANDS = [
    command('find', 'Найти в тексте', { keywords: 'search find' }),
    command('export', 'Экспорт в PDF', { keywords: 'export' }),
    command('new', 'Новая статья', { keywords: 'new article' }),
    command('report', 'Отчёт по статьям'),
    command('tree', 'Ёлка новостей'),
    command('reexport', 'Реэкспорт ленты'),
  ];

  it('keeps every command, in order, on an empty query', () => {
    expect(ids(rankCommands(COMMANDS, '   '))).toEqual(['find', 'export', 'new', 'report', 'tree', 'reexport']);
  });

  it('puts title prefixes before word starts before substrings', () => {
    const commands = [
      command('sub', 'Переэкспорт'),
      command('word', 'Быстрый экспорт'),
      command('prefix', 'Экспорт в PDF'),
      command('none', 'Настройки'),
    ];
    expect(ids(rankCommands(commands, 'экспорт'))).toEqual(['prefix', 'word', 'sub']);
  });

  it('keeps the given order within a rank', () => {
    const commands = [command('b', 'Статья Б'), command('a', 'Статья А'), command('c', 'Статья В')];
    expect(ids(rankCommands(commands, 'стат'))).toEqual(['b', 'a', 'c']);
  });

  it('ignores case and folds ё to е both ways', () => {
    expect(ids(rankCommands(COMMANDS, 'ЕЛКА'))).toEqual(['tree']);
    expect(ids(rankCommands(COMMANDS, 'отчет'))).toEqual(['report']);
    expect(ids(rankCommands([command('x', 'Елка')], 'ёл'))).toEqual(['x']);
  });

  it('matches keywords, e.g. English synonyms', () => {
    expect(ids(rankCommands(COMMANDS, 'search'))).toEqual(['find']);
    expect(ids(rankCommands(COMMANDS, 'EXP'))).toEqual(['export']);
  });

  it('needs every word to match, in any order', () => {
    expect(ids(rankCommands(COMMANDS, 'pdf экс'))).toEqual(['export']);
    expect(ids(rankCommands(COMMANDS, 'статья new'))).toEqual(['new']);
    expect(rankCommands(COMMANDS, 'pdf статья')).toEqual([]);
  });

  it('ranks a multi-word title prefix first', () => {
    expect(ids(rankCommands(COMMANDS, '  экспорт   в '))).toEqual(['export']);
    const commands = [command('word', 'Ещё экспорт в PDF'), command('prefix', 'Экспорт в PDF')];
    expect(ids(rankCommands(commands, 'экспорт в'))).toEqual(['prefix', 'word']);
  });

  it('keeps disabled commands', () => {
    const commands = [command('off', 'Сохранить', { enabled: () => false })];
    expect(ids(rankCommands(commands, 'сох'))).toEqual(['off']);
  });
});

describe('shortcutLabel', () => {
  it('spells keys out off macOS', () => {
    expect(shortcutLabel('Mod+Shift+S', false)).toBe('Ctrl+Shift+S');
    expect(shortcutLabel('Mod+Alt+e', false)).toBe('Ctrl+Alt+E');
    expect(shortcutLabel('Ctrl++', false)).toBe('Ctrl++');
    expect(shortcutLabel('Mod+ArrowUp', false)).toBe('Ctrl+↑');
  });

  it('uses the macOS symbols, with nothing between them', () => {
    expect(shortcutLabel('Mod+Shift+S', true)).toBe('⌘⇧S');
    expect(shortcutLabel('Ctrl+Alt+K', true)).toBe('⌃⌥K');
    expect(shortcutLabel('mod+enter', true)).toBe('⌘↩');
    expect(shortcutLabel('F1', true)).toBe('F1');
  });
});

let palette: CommandPalette | null = null;
let sheet: ShortcutsSheet | null = null;

afterEach(() => {
  palette?.destroy();
  sheet?.destroy();
  palette = sheet = null;
  document.body.replaceChildren();
});

function mount(commands: Command[]) {
  const container = document.createElement('div');
  const opener = document.createElement('button');
  document.body.append(opener, container);
  opener.focus();
  palette = new CommandPalette({
    container,
    label: 'Команды',
    placeholder: 'Введите команду',
    empty: 'Ничего не найдено',
    commands: () => commands,
  });
  return { container, opener, palette, input: palette.input, dialog: palette.dialog };
}

function type(input: HTMLInputElement, text: string) {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function press(input: HTMLElement, key: string, init: KeyboardEventInit = {}) {
  return input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
}

const options = (root: ParentNode) => [...root.querySelectorAll<HTMLElement>('[role="option"]')];
const activeId = (input: HTMLInputElement) => document.getElementById(input.getAttribute('aria-activedescendant') ?? '')?.dataset.command;

describe('CommandPalette', () => {
  const spies = () => ({ a: vi.fn(), b: vi.fn(), c: vi.fn() });
  const three = (run: ReturnType<typeof spies>) => [
    command('a', 'Новая статья', { run: run.a, shortcut: 'Ctrl+N' }),
    command('b', 'Найти', { run: run.b }),
    command('c', 'Экспорт', { run: run.c, shortcut: 'Ctrl+E' }),
  ];

  it('opens a labelled modal dialog with a combobox controlling a listbox, focused', () => {
    const { container, dialog, input, palette } = mount(three(spies()));
    expect(container.contains(dialog)).toBe(true);
    expect(dialog.open).toBe(false);
    palette.open();
    expect(palette.isOpen).toBe(true);
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute('aria-label')).toBe('Команды');
    expect(document.activeElement).toBe(input);
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.placeholder).toBe('Введите команду');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    const list = document.getElementById(input.getAttribute('aria-controls')!)!;
    expect(list.getAttribute('role')).toBe('listbox');
    expect(options(list).map((o) => o.querySelector('.command-palette-title')!.textContent)).toEqual([
      'Новая статья',
      'Найти',
      'Экспорт',
    ]);
    expect(options(list).map((o) => o.querySelector('kbd')?.textContent ?? null)).toEqual(['Ctrl+N', null, 'Ctrl+E']);
  });

  it('points aria-activedescendant at an existing, selected option', () => {
    const { input, palette } = mount(three(spies()));
    palette.open();
    const active = document.getElementById(input.getAttribute('aria-activedescendant')!)!;
    expect(active).not.toBeNull();
    expect(active.getAttribute('role')).toBe('option');
    expect(active.getAttribute('aria-selected')).toBe('true');
    expect(options(document).filter((o) => o.getAttribute('aria-selected') === 'true')).toEqual([active]);
  });

  it('moves with the arrows, wrapping, and with Home and End', () => {
    const { input, palette } = mount(three(spies()));
    palette.open();
    expect(activeId(input)).toBe('a');
    expect(press(input, 'ArrowDown')).toBe(false);
    expect(activeId(input)).toBe('b');
    press(input, 'ArrowDown');
    press(input, 'ArrowDown');
    expect(activeId(input)).toBe('a');
    press(input, 'ArrowUp');
    expect(activeId(input)).toBe('c');
    press(input, 'Home');
    expect(activeId(input)).toBe('a');
    press(input, 'End');
    expect(activeId(input)).toBe('c');
  });

  it('filters as you type and shows the empty message when nothing matches', () => {
    const { container, input, palette } = mount(three(spies()));
    palette.open();
    type(input, 'эксп');
    expect(options(container).map((o) => o.dataset.command)).toEqual(['c']);
    expect(activeId(input)).toBe('c');
    type(input, 'zzz');
    expect(options(container)).toEqual([]);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);
    const empty = container.querySelector<HTMLElement>('.command-palette-empty')!;
    expect(empty.hidden).toBe(false);
    expect(empty.textContent).toBe('Ничего не найдено');
  });

  it('runs the active command once on Enter, after closing and giving focus back', () => {
    const run = spies();
    const { dialog, input, opener, palette } = mount(three(run));
    let state: { open: boolean; focus: Element | null } | null = null;
    run.b.mockImplementation(() => {
      state = { open: dialog.open, focus: document.activeElement };
    });
    palette.open();
    press(input, 'ArrowDown');
    expect(press(input, 'Enter')).toBe(false);
    expect(run.b).toHaveBeenCalledOnce();
    expect(run.a).not.toHaveBeenCalled();
    expect(run.c).not.toHaveBeenCalled();
    expect(state).toEqual({ open: false, focus: opener });
    expect(palette.isOpen).toBe(false);
    press(input, 'Enter');
    expect(run.b).toHaveBeenCalledOnce();
  });

  it('lets a command move focus elsewhere', () => {
    const elsewhere = document.createElement('input');
    const { input, palette } = mount([command('go', 'Перейти', { run: () => elsewhere.focus() })]);
    document.body.append(elsewhere);
    palette.open();
    press(input, 'Enter');
    expect(document.activeElement).toBe(elsewhere);
  });

  it('closes on Escape without running anything and gives focus back', () => {
    const run = spies();
    const { dialog, input, opener, palette } = mount(three(run));
    const outside = vi.fn();
    document.addEventListener('keydown', outside);
    palette.open();
    expect(press(input, 'Escape')).toBe(false);
    document.removeEventListener('keydown', outside);
    expect(palette.isOpen).toBe(false);
    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe(opener);
    expect(outside).not.toHaveBeenCalled();
    expect(Object.values(run).every((spy) => spy.mock.calls.length === 0)).toBe(true);
  });

  it('runs a clicked option', () => {
    const run = spies();
    const { container, palette } = mount(three(run));
    palette.open();
    options(container)[2]!.querySelector('kbd')!.click();
    expect(run.c).toHaveBeenCalledOnce();
    expect(palette.isOpen).toBe(false);
  });

  it('greys out disabled commands, starts on the first enabled one and never runs them', () => {
    const off = vi.fn();
    const on = vi.fn();
    const { container, input, palette } = mount([
      command('off', 'Сохранить', { run: off, enabled: () => false }),
      command('on', 'Создать', { run: on }),
    ]);
    palette.open();
    const [disabled, enabled] = options(container);
    expect(disabled!.getAttribute('aria-disabled')).toBe('true');
    expect(enabled!.hasAttribute('aria-disabled')).toBe(false);
    expect(activeId(input)).toBe('on');
    press(input, 'ArrowUp');
    expect(activeId(input)).toBe('off');
    press(input, 'Enter');
    disabled!.click();
    expect(off).not.toHaveBeenCalled();
    expect(palette.isOpen).toBe(true);
  });

  it('reads the commands afresh and clears the query on each opening', () => {
    let title = 'Найти';
    const container = document.createElement('div');
    document.body.append(container);
    palette = new CommandPalette({ container, label: 'L', placeholder: 'P', empty: 'E', commands: () => [command('f', title)] });
    palette.open();
    type(palette.input, 'xyz');
    palette.close();
    title = 'Find';
    palette.open();
    expect(palette.input.value).toBe('');
    expect(options(container).map((o) => o.textContent)).toEqual(['Find']);
  });

  it('puts titles in as text, not markup', () => {
    const { container, palette } = mount([command('x', '<img src=x onerror=alert(1)>')]);
    palette.open();
    expect(container.querySelector('img')).toBeNull();
    expect(options(container)[0]!.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('ShortcutsSheet', () => {
  function mountSheet(groups: { title: string; shortcuts: { keys: string; what: string }[] }[]) {
    const container = document.createElement('div');
    const opener = document.createElement('button');
    document.body.append(opener, container);
    opener.focus();
    sheet = new ShortcutsSheet({ container, title: 'Клавиши', closeLabel: 'Закрыть', groups: () => groups });
    return { container, opener, sheet };
  }

  const GROUPS = [
    { title: 'Статьи', shortcuts: [{ keys: 'Ctrl+Shift+S', what: 'Сохранить как' }, { keys: 'Ctrl+N', what: 'Новая' }] },
    { title: 'Поиск', shortcuts: [{ keys: '⌘⇧F', what: 'Найти везде' }, { keys: 'Ctrl++', what: 'Крупнее' }] },
  ];

  it('renders the title, a heading and a list per group, and keys as kbd elements', () => {
    const { container, sheet } = mountSheet(GROUPS);
    sheet.open();
    expect(sheet.isOpen).toBe(true);
    const dialog = container.querySelector('dialog')!;
    const title = dialog.querySelector('h2')!;
    expect(title.textContent).toBe('Клавиши');
    expect(dialog.getAttribute('aria-labelledby')).toBe(title.id);
    expect([...dialog.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['Статьи', 'Поиск']);
    const lists = [...dialog.querySelectorAll('dl')];
    expect(lists).toHaveLength(2);
    const first = lists[0]!.querySelector('dt')!;
    expect([...first.querySelectorAll('kbd')].map((k) => k.textContent)).toEqual(['Ctrl', 'Shift', 'S']);
    expect(first.textContent).toBe('Ctrl+Shift+S');
    expect([...lists[0]!.querySelectorAll('dd')].map((d) => d.textContent)).toEqual(['Сохранить как', 'Новая']);
    const [mac, plus] = [...lists[1]!.querySelectorAll('dt')];
    expect([...mac!.querySelectorAll('kbd')].map((k) => k.textContent)).toEqual(['⌘', '⇧', 'F']);
    expect([...plus!.querySelectorAll('kbd')].map((k) => k.textContent)).toEqual(['Ctrl', '+']);
    const close = dialog.querySelector('button')!;
    expect(close.textContent).toBe('Закрыть');
    expect(document.activeElement).toBe(close);
  });

  it('renders afresh on each opening', () => {
    const groups = [{ title: 'Статьи', shortcuts: [{ keys: 'Ctrl+N', what: 'Новая' }] }];
    const { container, sheet } = mountSheet(groups);
    sheet.open();
    sheet.close();
    groups[0]!.title = 'Articles';
    sheet.open();
    expect([...container.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['Articles']);
    expect(container.querySelectorAll('dl')).toHaveLength(1);
  });

  it('closes with its button or Escape and gives focus back', () => {
    const { container, opener, sheet } = mountSheet(GROUPS);
    sheet.open();
    container.querySelector('button')!.click();
    expect(sheet.isOpen).toBe(false);
    expect(document.activeElement).toBe(opener);
    sheet.open();
    expect(press(container.querySelector('button')!, 'Escape')).toBe(false);
    expect(sheet.isOpen).toBe(false);
    expect(document.activeElement).toBe(opener);
  });
});

describe('CommandPalette labels', () => {
  it('reads its labels on every open, so they follow the UI language', () => {
    let language: 'ru' | 'en' = 'ru';
    const container = document.createElement('div');
    document.body.append(container);
    palette = new CommandPalette({
      container,
      get label() { return language === 'ru' ? 'Команды' : 'Commands'; },
      get placeholder() { return language === 'ru' ? 'Что сделать?' : 'What to do?'; },
      empty: '—',
      commands: () => [],
    });
    palette.open();
    expect(palette.dialog.getAttribute('aria-label')).toBe('Команды');
    palette.close();
    language = 'en';
    palette.open();
    expect(palette.dialog.getAttribute('aria-label')).toBe('Commands');
    expect(palette.input.placeholder).toBe('What to do?');
    expect(palette.input.getAttribute('aria-label')).toBe('Commands');
  });
});
