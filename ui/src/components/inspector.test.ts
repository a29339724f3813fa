// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { ArticleStats, Counts } from '../bindings';
import {
  Inspector,
  problemKey,
  targetState,
  visibleText,
  type InspectorLimits,
  type InspectorStrings,
  type Problem,
} from './inspector';

const STRINGS: InspectorStrings = {
  title: 'Проверка',
  counts: 'Объём',
  rows: { headline: 'Заголовок', dek: 'Подзаголовок', lead: 'Лид', body: 'Текст', total: 'Всего' },
  words: 'Слов',
  charsWithSpaces: 'Знаков с пробелами',
  charsWithoutSpaces: 'Знаков без пробелов',
  readingTime: 'Время чтения',
  minutes: (seconds) => `${Math.max(1, Math.round(seconds / 60))} мин`,
  target: 'Нужный объём',
  ofTarget: (chars, target) => `${chars} / ${target}`,
  targetNote: (state, chars, target) =>
    state === 'over' ? `больше на ${chars - target}` : state === 'near' ? 'почти' : `ещё ${target - chars}`,
  headlineLength: (chars, limit) => `Заголовок: ${chars} из ${limit}`,
  headlineOver: (_limit, over) => `длиннее на ${over}`,
  checklist: 'Замечания',
  problemCount: (count) => `Замечаний: ${count}`,
  noProblems: 'Замечаний нет',
  places: { headline: 'Заголовок', dek: 'Подзаголовок', lead: 'Лид', body: 'Текст', related: 'Ссылки' },
  jumpPrefix: 'Перейти:',
  fix: 'Исправить',
  fixLabel: (p) => `Исправить: ${p.message}`,
  fixAll: (count) => `Исправить типографику (${count})`,
};

function counts(words: number, chars: number, reading = 0): Counts {
  return { words, chars_with_spaces: chars, chars_without_spaces: chars - words + 1, reading_seconds: reading };
}

function stats(total = 1234, headline = 40): ArticleStats {
  return {
    headline: counts(6, headline),
    dek: counts(10, 80),
    lead: counts(30, 200),
    body: counts(150, total - headline - 280),
    total: counts(196, total, 125),
    target_chars: null,
  };
}

const LIMITS: InspectorLimits = { headlineChars: 110, targetChars: 3000 };

function problem(overrides: Partial<Problem> = {}): Problem {
  return {
    rule: null,
    place: 'body',
    line: 1,
    column: 1,
    code: 'typography',
    message: 'Используйте «ёлочки»',
    found: '"',
    fix: '«',
    ...overrides,
  };
}

const PROBLEMS: Problem[] = [
  problem({ place: 'headline', code: 'straight_quotes', message: 'Прямая кавычка', fix: null, column: 5 }),
  problem({ line: 2, column: 3 }),
  problem({ line: 4, column: 7, code: 'double_space', message: 'Два пробела', found: '  ', fix: ' ' }),
  problem({ line: 5, column: 1, found: '"', fix: '»' }),
];

let inspector: Inspector | null = null;

function mount() {
  const container = document.createElement('div');
  document.body.append(container);
  const onJump = vi.fn((_p: Problem) => {});
  const onFix = vi.fn((_p: Problem) => {});
  const onFixAll = vi.fn((_p: Problem[]) => {});
  const onTargetChange = vi.fn((_t: number | null) => {});
  // Groups thousands with a space, as Russian does, so the test can tell formatted numbers apart.
  const formatNumber = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  inspector = new Inspector({ container, strings: STRINGS, onJump, onFix, onFixAll, onTargetChange, formatNumber });
  const $ = <T extends Element>(selector: string) => container.querySelector<T>(selector)!;
  const problemButtons = () => [...container.querySelectorAll<HTMLButtonElement>('button.problem')];
  const fixButtons = () => [...container.querySelectorAll<HTMLButtonElement>('button.problem-fix')];
  return { container, inspector, onJump, onFix, onFixAll, onTargetChange, $, problemButtons, fixButtons };
}

afterEach(() => {
  inspector?.destroy();
  inspector = null;
  document.body.replaceChildren();
});

describe('helpers', () => {
  it('places the length against the target: under, within 10% below, over', () => {
    expect(targetState(2699, 3000)).toBe('under');
    expect(targetState(2700, 3000)).toBe('near');
    expect(targetState(3000, 3000)).toBe('near');
    expect(targetState(3001, 3000)).toBe('over');
  });

  it('makes invisible found text visible', () => {
    expect(visibleText('  ')).toBe('··');
    expect(visibleText('\n')).toBe('⏎');
    expect(visibleText('в ')).toBe('в·');
    expect(visibleText('в\u00a0')).toBe('в⍽');
    expect(visibleText(' - ')).toBe('·-·');
    expect(visibleText('слово слово')).toBe('слово слово');
    expect(visibleText('')).toBe('∅');
  });

  it('keys a problem by everything shown', () => {
    expect(problemKey(problem())).toBe(problemKey(problem()));
    expect(problemKey(problem())).not.toBe(problemKey(problem({ fix: null })));
    expect(problemKey(problem())).not.toBe(problemKey(problem({ column: 2 })));
  });
});

describe('Inspector', () => {
  it('is a section named by its heading', () => {
    const { $ } = mount();
    const section = $<HTMLElement>('section.inspector');
    const heading = document.getElementById(section.getAttribute('aria-labelledby')!);
    expect(heading?.textContent).toBe('Проверка');
    expect(section.querySelectorAll('[aria-live]')).toHaveLength(1);
    expect($('.inspector-counts').closest('[aria-live]')).toBeNull();
  });

  it('shows the counts in a table, formatted by formatNumber, with the reading time', () => {
    const { $, container } = mount();
    inspector!.update(stats(12345), [], LIMITS);
    const table = $<HTMLTableElement>('table.inspector-counts');
    expect(table.querySelector('caption')?.textContent).toBe('Объём');
    expect([...table.querySelectorAll('thead th')].map((th) => [th.textContent, th.getAttribute('scope')])).toEqual([
      ['Слов', 'col'],
      ['Знаков с пробелами', 'col'],
      ['Знаков без пробелов', 'col'],
    ]);
    const rows = [...table.querySelectorAll('tbody tr, tfoot tr')].map((tr) =>
      [...tr.children].map((cell) => cell.textContent),
    );
    expect(rows.map((row) => row[0])).toEqual(['Заголовок', 'Подзаголовок', 'Лид', 'Текст', 'Всего']);
    expect(rows[4]).toEqual(['Всего', '196', '12 345', '12 150']);
    expect(table.querySelectorAll('tbody th[scope="row"], tfoot th[scope="row"]')).toHaveLength(5);
    expect(container.querySelector('.inspector-reading')?.textContent).toBe('Время чтения2 мин');
  });

  it('does not touch cells whose numbers did not change', () => {
    const { $ } = mount();
    inspector!.update(stats(1000), [], LIMITS);
    const cell = $('tfoot td');
    const text = cell.firstChild;
    inspector!.update(stats(1000), [], LIMITS);
    expect(cell.firstChild).toBe(text);
  });

  it('shows the length against the target, under, near and over', () => {
    const { $ } = mount();
    const progress = $<HTMLElement>('.inspector-progress');
    const meter = $<HTMLMeterElement>('meter');
    inspector!.update(stats(1234), [], LIMITS);
    expect(progress.hidden).toBe(false);
    expect(progress.dataset.state).toBe('under');
    expect($('.inspector-progress-text .inspector-value').textContent).toBe('1 234 / 3 000');
    expect($('.inspector-progress-text .inspector-note').textContent).toBe('ещё 1766');
    expect(meter.getAttribute('min')).toBe('0');
    expect(meter.getAttribute('max')).toBe('3000');
    expect(meter.getAttribute('optimum')).toBe('3000');
    expect(meter.getAttribute('value')).toBe('1234');
    expect(meter.getAttribute('aria-labelledby')).toBe($('label').id);

    inspector!.update(stats(2800), [], LIMITS);
    expect(progress.dataset.state).toBe('near');

    inspector!.update(stats(3234), [], LIMITS);
    expect(progress.dataset.state).toBe('over');
    expect(meter.getAttribute('value')).toBe('3000');
    expect($('.inspector-progress-text').textContent).toBe('3 234 / 3 000больше на 234');

    inspector!.update(stats(3234), [], { ...LIMITS, targetChars: null });
    expect(progress.hidden).toBe(true);
    expect(progress.hasAttribute('data-state')).toBe(false);
  });

  it('shows the headline length and says when it is over the limit', () => {
    const { $ } = mount();
    const headline = $<HTMLElement>('.inspector-headline');
    inspector!.update(stats(1000, 100), [], LIMITS);
    expect(headline.dataset.state).toBe('ok');
    expect(headline.textContent).toBe('Заголовок: 100 из 110');
    inspector!.update(stats(1000, 122), [], LIMITS);
    expect(headline.dataset.state).toBe('over');
    expect(headline.textContent).toBe('Заголовок: 122 из 110длиннее на 12');
  });

  it('lists the problems, grouped by place, with place, position, message and found → fix', () => {
    const { $, problemButtons, fixButtons } = mount();
    const shuffled = [PROBLEMS[1]!, PROBLEMS[0]!, PROBLEMS[2]!, PROBLEMS[3]!];
    inspector!.update(stats(), shuffled, LIMITS);
    const buttons = problemButtons();
    expect(buttons).toHaveLength(4);
    expect(buttons[0]!.querySelector('.problem-place')?.textContent).toBe('Заголовок');
    expect(buttons[0]!.querySelector('.problem-position')?.textContent).toBe('1:5');
    expect(buttons[0]!.querySelector('.problem-message')?.textContent).toBe('Прямая кавычка');
    expect(buttons[0]!.querySelector('.problem-found')?.textContent).toBe('"');
    expect(buttons[0]!.querySelector('.problem-replacement')).toBeNull();
    expect(buttons[2]!.querySelector('.problem-text')?.textContent).toBe('··→·');
    // No aria-label: the button's name is its visible words, after a prefix only heard.
    expect(buttons[1]!.hasAttribute('aria-label')).toBe(false);
    expect(buttons[1]!.textContent?.startsWith('Перейти: Текст 2:3')).toBe(true);
    for (const button of buttons) expect(button.type).toBe('button');
    // Fix buttons sit beside the problem buttons, not inside them.
    expect(fixButtons()).toHaveLength(3);
    for (const fix of fixButtons()) {
      expect(fix.closest('button.problem')).toBeNull();
      expect(fix.textContent).toBe('Исправить');
    }
    expect($('.inspector-checklist-heading').textContent).toBe('Замечания4');
    expect($<HTMLElement>('.inspector-empty').hidden).toBe(true);
  });

  it('calls onJump and onFix with the problem, once', () => {
    const { onJump, onFix, problemButtons, fixButtons } = mount();
    inspector!.update(stats(), PROBLEMS, LIMITS);
    problemButtons()[2]!.click();
    expect(onJump).toHaveBeenCalledTimes(1);
    expect(onJump).toHaveBeenCalledWith(PROBLEMS[2]);
    expect(onFix).not.toHaveBeenCalled();
    fixButtons()[1]!.click();
    expect(onFix).toHaveBeenCalledTimes(1);
    expect(onFix).toHaveBeenCalledWith(PROBLEMS[2]);
    expect(onJump).toHaveBeenCalledTimes(1);
  });

  it('offers to fix all typography problems that have a fix', () => {
    const { $, onFixAll } = mount();
    const fixAll = $<HTMLButtonElement>('.inspector-fix-all');
    inspector!.update(stats(), PROBLEMS, LIMITS);
    expect(fixAll.hidden).toBe(false);
    expect(fixAll.textContent).toBe('Исправить типографику (2)');
    fixAll.click();
    expect(onFixAll).toHaveBeenCalledTimes(1);
    expect(onFixAll).toHaveBeenCalledWith([PROBLEMS[1], PROBLEMS[3]]);
    inspector!.update(stats(), [PROBLEMS[0]!, PROBLEMS[2]!], LIMITS);
    expect(fixAll.hidden).toBe(true);
  });

  it('moves focus to the list when the focused "fix all" button goes away', () => {
    const { $, problemButtons } = mount();
    inspector!.update(stats(), PROBLEMS, LIMITS);
    $<HTMLButtonElement>('.inspector-fix-all').focus();
    inspector!.update(stats(), [PROBLEMS[0]!, PROBLEMS[2]!], LIMITS);
    expect(document.activeElement).toBe(problemButtons()[0]);
  });

  it('says when there are no problems', () => {
    const { $, problemButtons } = mount();
    inspector!.update(stats(), [], LIMITS);
    expect(problemButtons()).toHaveLength(0);
    expect($<HTMLElement>('.inspector-empty').hidden).toBe(false);
    expect($('.inspector-empty').textContent).toBe('Замечаний нет');
    expect($<HTMLButtonElement>('.inspector-fix-all').hidden).toBe(true);
  });

  it('does not rebuild the list when the problems did not change', () => {
    const { problemButtons, onJump } = mount();
    inspector!.update(stats(1000), PROBLEMS, LIMITS);
    const before = problemButtons();
    inspector!.update(stats(1001), PROBLEMS.map((p) => ({ ...p })), LIMITS);
    const after = problemButtons();
    expect(after).toHaveLength(before.length);
    after.forEach((button, i) => expect(button).toBe(before[i]));
    after[0]!.click();
    expect(onJump).toHaveBeenCalledTimes(1);
  });

  it('keeps focus at the same place when the list is rebuilt', () => {
    const { problemButtons, fixButtons, $ } = mount();
    inspector!.update(stats(), PROBLEMS, LIMITS);
    problemButtons()[1]!.focus();
    inspector!.update(stats(), [PROBLEMS[0]!, PROBLEMS[2]!, PROBLEMS[3]!], LIMITS);
    expect(document.activeElement).toBe(problemButtons()[1]);

    // A fix button keeps focus on the next fix button, so fixes can be made one after another.
    fixButtons()[0]!.focus();
    inspector!.update(stats(), [PROBLEMS[0]!, PROBLEMS[3]!], LIMITS);
    expect(document.activeElement).toBe(fixButtons()[0]);
    expect(fixButtons()[0]!.closest('li')?.dataset.index).toBe('1');

    // Past the end, the last one.
    problemButtons()[1]!.focus();
    inspector!.update(stats(), [PROBLEMS[0]!], LIMITS);
    expect(document.activeElement).toBe(problemButtons()[0]);

    // Nothing left: the checklist's heading, not the page.
    problemButtons()[0]!.focus();
    inspector!.update(stats(), [], LIMITS);
    expect(document.activeElement).toBe($('.inspector-checklist-heading'));
  });

  it('does not take focus when focus is elsewhere', () => {
    const { problemButtons } = mount();
    const outside = document.createElement('input');
    document.body.append(outside);
    outside.focus();
    inspector!.update(stats(), PROBLEMS, LIMITS);
    inspector!.update(stats(), PROBLEMS.slice(1), LIMITS);
    expect(document.activeElement).toBe(outside);
    expect(problemButtons()).toHaveLength(3);
  });

  it('announces the number of problems only when it changes', () => {
    const { $ } = mount();
    const live = $<HTMLElement>('[aria-live="polite"]');
    inspector!.update(stats(), PROBLEMS, LIMITS);
    expect(live.textContent).toBe('');
    inspector!.update(stats(1001), PROBLEMS, LIMITS);
    expect(live.textContent).toBe('');
    inspector!.update(stats(), PROBLEMS.slice(1), LIMITS);
    expect(live.textContent).toBe('Замечаний: 3');
    const node = live.firstChild;
    inspector!.update(stats(), PROBLEMS.slice(0, 3), LIMITS);
    expect(live.firstChild).toBe(node);
  });

  it('focus() goes to the first problem, or the heading when there is none', () => {
    const { problemButtons, $ } = mount();
    inspector!.update(stats(), [], LIMITS);
    inspector!.focus();
    expect(document.activeElement).toBe($('.inspector-title'));
    inspector!.update(stats(), PROBLEMS, LIMITS);
    inspector!.focus();
    expect(document.activeElement).toBe(problemButtons()[0]);
  });

  it('edits the target: labelled number box, sent on Enter and change, null when emptied', () => {
    const { $, onTargetChange } = mount();
    inspector!.update(stats(), [], LIMITS);
    const input = $<HTMLInputElement>('input[type="number"]');
    expect(input.min).toBe('0');
    expect(input.step).toBe('100');
    expect(input.value).toBe('3000');
    expect($<HTMLLabelElement>(`label[for="${input.id}"]`).textContent).toBe('Нужный объём');

    input.focus();
    input.value = '4000';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(onTargetChange).toHaveBeenCalledTimes(1);
    expect(onTargetChange).toHaveBeenLastCalledWith(4000);
    // The change event that follows sends nothing new.
    input.dispatchEvent(new Event('change'));
    expect(onTargetChange).toHaveBeenCalledTimes(1);

    input.value = '';
    input.dispatchEvent(new Event('change'));
    expect(onTargetChange).toHaveBeenCalledTimes(2);
    expect(onTargetChange).toHaveBeenLastCalledWith(null);
  });

  it('does not overwrite the target box while it has focus', () => {
    const { $, onTargetChange } = mount();
    inspector!.update(stats(), [], LIMITS);
    const input = $<HTMLInputElement>('input[type="number"]');
    input.focus();
    input.value = '25';
    inspector!.update(stats(1300), [], LIMITS);
    expect(input.value).toBe('25');
    expect(document.activeElement).toBe(input);

    // Leaving the box sends the value; the next update shows the target as the app has it.
    input.blur();
    expect(onTargetChange).toHaveBeenCalledWith(25);
    inspector!.update(stats(1300), [], { ...LIMITS, targetChars: 2500 });
    expect(input.value).toBe('2500');
  });

  it('puts back the target on Escape', () => {
    const { $, onTargetChange } = mount();
    inspector!.update(stats(), [], LIMITS);
    const input = $<HTMLInputElement>('input[type="number"]');
    input.focus();
    input.value = '100';
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    input.dispatchEvent(escape);
    expect(input.value).toBe('3000');
    expect(escape.defaultPrevented).toBe(true);
    input.blur();
    expect(onTargetChange).not.toHaveBeenCalled();
  });

  it('puts data into the DOM as text only', () => {
    const { container, problemButtons } = mount();
    const evil = '<img src=x onerror=alert(1)>';
    inspector!.update(stats(), [problem({ message: evil, found: evil, fix: evil })], LIMITS);
    expect(container.querySelector('img')).toBeNull();
    expect(problemButtons()[0]!.querySelector('.problem-message')?.textContent).toBe(evil);
  });
});
