// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';

import type { DiffSpan, FieldDiff } from '../bindings';
import { FOLD_CONTEXT, foldRange, renderDiff, type DiffStrings } from './diff-view';

const STRINGS: DiffStrings = {
  fieldNames: {
    headline: 'Заголовок', dek: 'Подзаголовок', lead: 'Лид', body: 'Текст', byline: 'Автор', dateline: 'Место',
    section: 'Рубрика', status: 'Статус', language: 'Язык', tags: 'Теги', related: 'Ссылки',
    embargo_until: 'Эмбарго', target_chars: 'Объём', note: 'Заметка', slug: 'Адрес',
  },
  noChanges: 'Изменений нет',
  added: 'добавлено',
  removed: 'удалено',
  summary: (a, r) => `+${a} / −${r}`,
  skipped: (n) => `… ${n} знаков без изменений …`,
};

const same = (text: string): DiffSpan => ({ kind: 'same', text });
const added = (text: string): DiffSpan => ({ kind: 'added', text });
const removed = (text: string): DiffSpan => ({ kind: 'removed', text });
const field = (spans: DiffSpan[], extra: Partial<FieldDiff> = {}): FieldDiff => ({
  field: 'body', spans, words_added: 0, words_removed: 0, ...extra,
});

/** Sentences of words, so there are spaces to cut at; `n` characters long. */
function prose(n: number, word = 'слово'): string {
  let text = '';
  while (text.length < n) text += `${word} `;
  return text.slice(0, n);
}

/** The text a reader sees, without what is there for screen readers only; deletions left out if asked. */
function visibleText(node: Node, withDeleted = true): string {
  if (node instanceof HTMLElement) {
    if (node.classList.contains('visually-hidden')) return '';
    if (!withDeleted && node.tagName === 'DEL') return '';
  }
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  return [...node.childNodes].map((child) => visibleText(child, withDeleted)).join('');
}

let container: HTMLElement;

function render(diffs: FieldDiff[]): HTMLElement {
  container = document.createElement('div');
  document.body.append(container);
  renderDiff(container, diffs, STRINGS);
  return container;
}

afterEach(() => document.body.replaceChildren());

describe('renderDiff', () => {
  it('renders a heading, a summary and the spans in order, changes in ins and del', () => {
    render([
      field([same('Мэр '), removed('Иванов'), added('Петров'), same(' открыл мост.')], { words_added: 1, words_removed: 1 }),
      field([added('Новый заголовок')], { field: 'headline', words_added: 2 }),
    ]);
    const sections = [...container.querySelectorAll('section')];
    expect(sections.map((s) => s.querySelector('h3')!.textContent)).toEqual(['Текст', 'Заголовок']);
    expect(sections[0]!.querySelector('.diff-summary')!.textContent).toBe('+1 / −1');
    const text = sections[0]!.querySelector('.diff-text')!;
    const parts = [...text.childNodes].map((n) => [n.nodeName.toLowerCase(), visibleText(n)]);
    expect(parts).toEqual([
      ['#text', 'Мэр '],
      ['del', 'Иванов'],
      ['ins', 'Петров'],
      ['#text', ' открыл мост.'],
    ]);
  });

  it('names insertions and deletions for screen readers', () => {
    render([field([same('a '), removed('b'), added('c')])]);
    expect(container.querySelector('del')!.textContent).toBe('[удалено: b]');
    expect(container.querySelector('ins')!.textContent).toBe('[добавлено: c]');
    const hidden = [...container.querySelectorAll('ins .visually-hidden, del .visually-hidden')];
    expect(hidden.map((h) => h.textContent)).toEqual(['[удалено: ', ']', '[добавлено: ', ']']);
  });

  it('rebuilds both versions: without deletions it is the new text, without insertions the old', () => {
    const spans = [same('Курс '), removed('вырос'), added('упал'), same(' на '), removed('2'), added('3'), same(' %.')];
    render([field(spans)]);
    const text = container.querySelector('.diff-text')!;
    expect(visibleText(text, false)).toBe('Курс упал на 3 %.');
    const old = [...text.childNodes].filter((n) => n.nodeName !== 'INS').map((n) => visibleText(n)).join('');
    expect(old).toBe('Курс вырос на 2 %.');
  });

  it('folds a long unchanged run between changes, keeping context at both sides, and unfolds on click', () => {
    const long = prose(1000);
    render([field([added('Начало. '), same(long), removed('конец')])]);
    const text = container.querySelector('.diff-text')!;
    const skip = text.querySelector<HTMLButtonElement>('button.diff-skip')!;
    expect(skip.type).toBe('button');
    const [head, , tail] = [...text.childNodes].slice(1, 4);
    const headText = head!.textContent!;
    const tailText = tail!.textContent!;
    // About FOLD_CONTEXT kept at each side, cut between words.
    expect(Math.abs(headText.length - FOLD_CONTEXT)).toBeLessThanOrEqual(40);
    expect(Math.abs(tailText.length - FOLD_CONTEXT)).toBeLessThanOrEqual(40);
    expect(headText.endsWith(' ')).toBe(true);
    expect(tailText.startsWith('слово')).toBe(true);
    const hiddenLength = long.length - headText.length - tailText.length;
    expect(skip.textContent).toBe(`… ${hiddenLength} знаков без изменений …`);

    skip.click();
    expect(text.querySelector('.diff-skip')).toBeNull();
    expect(visibleText(text, false)).toBe(`Начало. ${long}`);
    // Focus stays where the button was rather than falling to the page.
    expect(document.activeElement?.classList.contains('diff-unfolded')).toBe(true);
  });

  it('folds only the side away from the change for a first or last run', () => {
    const long = prose(900);
    render([field([same(long), added('новое')]), field([removed('старое'), same(long)], { field: 'lead' })]);
    const [first, last] = [...container.querySelectorAll('.diff-text')];

    // First run: the start is folded, the end next to the insertion kept.
    expect(first!.firstChild!.nodeName).toBe('BUTTON');
    expect(first!.childNodes[1]!.textContent!.length).toBeLessThanOrEqual(FOLD_CONTEXT + 40);
    expect(first!.childNodes[2]!.nodeName).toBe('INS');

    // Last run: the start next to the deletion kept, the end folded.
    expect(last!.childNodes[0]!.nodeName).toBe('DEL');
    expect(last!.childNodes[1]!.textContent!.length).toBeLessThanOrEqual(FOLD_CONTEXT + 40);
    expect(last!.lastChild!.nodeName).toBe('BUTTON');

    for (const text of [first!, last!]) text.querySelector<HTMLButtonElement>('.diff-skip')!.click();
    expect(visibleText(first!, false)).toBe(`${long}новое`);
    expect(visibleText(last!, false)).toBe(long);
  });

  it('leaves short unchanged runs whole', () => {
    render([field([same(prose(400)), added('x'), same(prose(380))])]);
    expect(container.querySelector('.diff-skip')).toBeNull();
  });

  it('cuts mid-word where no whitespace is near, but never inside a surrogate pair', () => {
    const emoji = '😀'.repeat(300);
    const range = foldRange(emoji, true, true)!;
    expect(range).not.toBeNull();
    for (const at of range) expect(emoji.codePointAt(at)).toBe(0x1f600);
  });

  it('shows the no-changes message for an empty list, replacing what was there', () => {
    render([field([added('x')])]);
    renderDiff(container, [], STRINGS);
    expect(container.children).toHaveLength(1);
    expect(container.firstElementChild!.tagName).toBe('P');
    expect(container.textContent).toBe('Изменений нет');
  });

  it('puts text in as text, not markup', () => {
    render([field([same('<b>a</b> '), added('<script>alert(1)</script>'), removed('<img src=x onerror=alert(1)>')])]);
    expect(container.querySelector('script, img, b')).toBeNull();
    expect(visibleText(container.querySelector('.diff-text')!)).toBe(
      '<b>a</b> <script>alert(1)</script><img src=x onerror=alert(1)>',
    );
  });
});
