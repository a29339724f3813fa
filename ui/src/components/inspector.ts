// The inspector beside the editor: the article's counts (words and characters per field, reading
// time), the length against the desk's target and the headline limit, and the pre-publish
// checklist (galley-render's check::Problem), each problem a button that jumps to it, with a fix
// button where the fix is certain. `update` runs on every keystroke, so it only touches what changed
// and never moves focus unless the list under it was rebuilt.
// It must not talk to the backend, own user-facing text (it all comes through the options),
// or put data into the DOM other than through textContent.

import type { ArticleStats, Counts, Place, Problem } from '../bindings';
import { el } from './dom';

/** A field of an article and one checklist entry, as galley-render's check module makes them:
 * `line` and `column` are 1-based, in code points, within the field's text (see ../positions). */
export type { Place, Problem };

/** A row of the counts table. */
export type CountsRow = 'headline' | 'dek' | 'lead' | 'body' | 'total';

/** The length against the target: under it, within 10% below it, or past it. */
export type TargetState = 'under' | 'near' | 'over';

/** Every string the inspector shows or speaks. */
export interface InspectorStrings {
  /** Heading of the whole panel; names the section. */
  title: string;
  /** Caption (accessible name) of the counts table, e.g. "Объём". */
  counts: string;
  /** Row headers of the counts table. */
  rows: Record<CountsRow, string>;
  /** Column headers of the counts table. */
  words: string;
  charsWithSpaces: string;
  charsWithoutSpaces: string;
  /** Label of the whole article's reading time, shown below the table. */
  readingTime: string;
  /** The reading time itself, e.g. `${Math.max(1, Math.round(seconds / 60))} мин`. */
  minutes(seconds: number): string;
  /** Label of the target length box (characters with spaces); also names the meter. */
  target: string;
  /** The length against the target; both already formatted, e.g. `${chars} / ${target}`. */
  ofTarget(chars: string, target: string): string;
  /** A note after it saying what the state means, e.g. "ещё 300", "почти", "больше на 234"; may be empty. */
  targetNote(state: TargetState, chars: number, target: number): string;
  /** The headline's length against the limit, e.g. `Заголовок: ${chars} из ${limit}`. */
  headlineLength(chars: number, limit: number): string;
  /** Added when the headline is over the limit, e.g. `длиннее на ${over}`. */
  headlineOver(limit: number, over: number): string;
  /** Heading of the checklist (its count is shown beside it). */
  checklist: string;
  /** Said by screen readers when the number of problems changes, e.g. "3 замечания". */
  problemCount(count: number): string;
  /** Shown instead of the list when there are no problems. */
  noProblems: string;
  /** Names of the places, shown in each problem. */
  places: Record<Place, string>;
  /** Heard (not seen) before each problem's text, so its button says what it does, e.g. "Перейти:".
   * Not an aria-label: the button's name keeps its visible words (WCAG 2.5.3). */
  jumpPrefix: string;
  /** Text of a problem's fix button. */
  fix: string;
  /** Accessible name of a problem's fix button, e.g. `Исправить: ${p.message}`. */
  fixLabel(problem: Problem): string;
  /** Text of the button that applies every typography fix, e.g. `Исправить типографику (${count})`. */
  fixAll(count: number): string;
}

export interface InspectorOptions {
  /** Where the inspector is built; its content is replaced. */
  container: HTMLElement;
  strings: InspectorStrings;
  /** A problem's button was pressed: show the place in the editor. */
  onJump(problem: Problem): void;
  /** A problem's fix button was pressed (the fix may be stale: see applyFix in ../positions). */
  onFix(problem: Problem): void;
  /** "Fix all typography" was pressed: every typography problem with a fix, in list order. */
  onFixAll(problems: Problem[]): void;
  /** The target was changed (Enter, blur, the spin buttons); null when emptied or set to 0. */
  onTargetChange(target: number | null): void;
  /** Numbers in the counts and the target, e.g. `n.toLocaleString('ru')`. */
  formatNumber(n: number): string;
}

export interface InspectorLimits {
  /** The longest headline allowed, in characters. */
  headlineChars: number;
  /** The target length in characters with spaces; null for none. */
  targetChars: number | null;
}

const ROWS: readonly CountsRow[] = ['headline', 'dek', 'lead', 'body', 'total'];
const COLUMNS: readonly (keyof Counts)[] = ['words', 'chars_with_spaces', 'chars_without_spaces'];
const PLACES: readonly Place[] = ['headline', 'dek', 'lead', 'body', 'related'];

/** Where the length stands against a target: "near" is within 10% below it, "over" past it. */
export function targetState(chars: number, target: number): TargetState {
  if (chars > target) return 'over';
  return chars >= target * 0.9 ? 'near' : 'under';
}

/** Characters that would be invisible in the checklist, and what stands for them. */
const INVISIBLE: Record<string, string> = {
  '\n': '⏎',
  '\r': '␍',
  '\t': '⇥',
  '\u00a0': '⍽',
  '\u202f': '⍽',
  '\u2007': '⍽',
  '\u2009': '·',
  '\u200a': '·',
  '\u200b': '¦',
  '\u200c': '¦',
  '\u200d': '¦',
  '\u2060': '¦',
  '\ufeff': '¦',
  '\u00ad': '¦',
};

/**
 * Found text as the checklist shows it: line breaks, tabs, no-break and zero-width characters as
 * symbols (⏎ ⇥ ⍽ ¦), and spaces as "·" where they could not be seen — at the ends, in runs, or when
 * the text is only spaces — so "в " and "в⍽" (a no-break space fix) look different. An empty fix
 * shows as "∅".
 */
export function visibleText(text: string): string {
  if (text === '') return '∅';
  return text
    .replace(/^ +| +$| {2,}/g, (spaces) => '·'.repeat(spaces.length))
    .replace(/[\n\r\t\u00a0\u202f\u2007\u2009\u200a\u200b-\u200d\u2060\ufeff\u00ad]/g, (ch) => INVISIBLE[ch] ?? ch);
}

/** What identifies a problem's row: same key, same row, no rebuild. */
export function problemKey(problem: Problem): string {
  const { place, line, column, code, message, found, fix } = problem;
  return JSON.stringify([place, line, column, code, message, found, fix]);
}

/** Problems grouped by place in the checklist's order, each group in the order given. */
function grouped(problems: readonly Problem[]): Problem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => PLACES.indexOf(a.problem.place) - PLACES.indexOf(b.problem.place) || a.index - b.index)
    .map(({ problem }) => problem);
}

function isFixAll(problem: Problem): boolean {
  return problem.code === 'typography' && problem.fix !== null;
}

/** Sets text only when it differs, so unchanged parts cost no DOM mutation (and no screen reader chatter). */
function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

function setAttribute(node: Element, name: string, value: string): void {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

let inspectors = 0;

export class Inspector {
  private readonly container: HTMLElement;
  private readonly strings: InspectorStrings;
  private readonly section: HTMLElement;
  private readonly title: HTMLHeadingElement;
  private readonly cells = new Map<string, HTMLTableCellElement>();
  private readonly reading: HTMLElement;
  private readonly targetInput: HTMLInputElement;
  private readonly progress: HTMLElement;
  private readonly meter: HTMLMeterElement;
  private readonly progressText: HTMLElement;
  private readonly progressNote: HTMLElement;
  private readonly headline: HTMLElement;
  private readonly headlineText: HTMLElement;
  private readonly headlineNote: HTMLElement;
  private readonly checklistHeading: HTMLHeadingElement;
  private readonly count: HTMLElement;
  private readonly announcer: HTMLElement;
  private readonly fixAllButton: HTMLButtonElement;
  private readonly list: HTMLUListElement;
  private readonly empty: HTMLElement;

  /** The problems shown, in list order; the buttons' data-index points here. */
  private problems: Problem[] = [];
  private listKey: string | null = null;
  private fixable: Problem[] = [];
  /** The target as last given to `update` or sent by `onTargetChange`. */
  private target: number | null = null;
  private lastCount: number | null = null;

  constructor(private readonly options: InspectorOptions) {
    this.container = options.container;
    this.strings = options.strings;
    const id = `inspector-${++inspectors}`;
    const s = this.strings;

    this.section = el('section', 'inspector');
    this.section.setAttribute('aria-labelledby', `${id}-title`);
    this.title = el('h2', 'inspector-title', s.title);
    this.title.id = `${id}-title`;
    this.title.tabIndex = -1;

    // Counts: a real table, headers scoped, no live region (it changes on every keystroke).
    const table = el('table', 'inspector-counts');
    table.append(el('caption', 'inspector-caption', s.counts));
    const headRow = el('tr');
    headRow.append(el('td'));
    for (const label of [s.words, s.charsWithSpaces, s.charsWithoutSpaces]) {
      const th = el('th', undefined, label);
      th.setAttribute('scope', 'col');
      headRow.append(th);
    }
    const head = el('thead');
    head.append(headRow);
    const body = el('tbody');
    const foot = el('tfoot');
    for (const row of ROWS) {
      const tr = el('tr');
      const th = el('th', undefined, s.rows[row]);
      th.setAttribute('scope', 'row');
      tr.append(th);
      for (const column of COLUMNS) {
        const td = el('td');
        this.cells.set(`${row}.${column}`, td);
        tr.append(td);
      }
      (row === 'total' ? foot : body).append(tr);
    }
    table.append(head, body, foot);

    const reading = el('p', 'inspector-reading');
    this.reading = el('span', 'inspector-value');
    reading.append(el('span', 'inspector-label', s.readingTime), this.reading);

    // Target: an editable number and, when set, a meter with the length against it.
    const target = el('div', 'inspector-target');
    const label = el('label', 'inspector-label', s.target);
    label.id = `${id}-target-label`;
    label.htmlFor = `${id}-target`;
    this.targetInput = el('input', 'inspector-target-input');
    this.targetInput.id = `${id}-target`;
    this.targetInput.type = 'number';
    this.targetInput.min = '0';
    this.targetInput.step = '100';
    this.targetInput.inputMode = 'numeric';
    this.targetInput.addEventListener('change', () => this.commitTarget());
    this.targetInput.addEventListener('blur', this.onTargetBlur);
    this.targetInput.addEventListener('keydown', this.onTargetKeyDown);
    const targetRow = el('div', 'inspector-target-row');
    targetRow.append(label, this.targetInput);

    this.progress = el('div', 'inspector-progress');
    this.progress.hidden = true;
    this.meter = el('meter', 'inspector-meter');
    this.meter.setAttribute('min', '0');
    this.meter.setAttribute('aria-labelledby', label.id);
    const progressLine = el('p', 'inspector-progress-text');
    this.progressText = el('span', 'inspector-value');
    this.progressNote = el('span', 'inspector-note');
    progressLine.append(this.flag(), this.progressText, this.progressNote);
    this.progress.append(this.meter, progressLine);
    target.append(targetRow, this.progress);

    this.headline = el('p', 'inspector-headline');
    this.headlineText = el('span', 'inspector-value');
    this.headlineNote = el('span', 'inspector-note');
    this.headline.append(this.flag(), this.headlineText, this.headlineNote);

    // Checklist.
    const checklist = el('section', 'inspector-checklist');
    checklist.setAttribute('aria-labelledby', `${id}-checklist`);
    this.checklistHeading = el('h3', 'inspector-checklist-heading');
    this.checklistHeading.id = `${id}-checklist`;
    this.checklistHeading.tabIndex = -1;
    this.count = el('span', 'inspector-count');
    this.checklistHeading.append(el('span', undefined, s.checklist), this.count);
    // Spoken only when the number of problems changes, never on every keystroke.
    this.announcer = el('p', 'inspector-sr');
    this.announcer.setAttribute('aria-live', 'polite');
    this.announcer.setAttribute('aria-atomic', 'true');
    this.fixAllButton = el('button', 'inspector-fix-all');
    this.fixAllButton.type = 'button';
    this.fixAllButton.hidden = true;
    this.fixAllButton.addEventListener('click', () => {
      if (this.fixable.length > 0) this.options.onFixAll([...this.fixable]);
    });
    this.list = el('ul', 'inspector-problems');
    this.list.addEventListener('click', this.onListClick);
    this.empty = el('p', 'inspector-empty', s.noProblems);
    this.empty.hidden = true;
    checklist.append(this.checklistHeading, this.announcer, this.fixAllButton, this.list, this.empty);

    this.section.append(this.title, table, reading, target, this.headline, checklist);
    this.container.replaceChildren(this.section);
  }

  /** Shows new counts and problems; cheap when little changed, and keeps focus where it is. */
  update(stats: ArticleStats, problems: readonly Problem[], limits: InspectorLimits): void {
    const format = this.options.formatNumber;
    for (const row of ROWS) {
      for (const column of COLUMNS) setText(this.cells.get(`${row}.${column}`)!, format(stats[row][column]));
    }
    setText(this.reading, this.strings.minutes(stats.total.reading_seconds));
    this.updateTarget(stats.total.chars_with_spaces, limits.targetChars);
    this.updateHeadline(stats.headline.chars_with_spaces, limits.headlineChars);
    this.updateProblems(problems);
  }

  /** Focuses the first problem, or the panel's heading when there is none (a keyboard shortcut). */
  focus(): void {
    const first = this.list.querySelector<HTMLButtonElement>('button.problem');
    (first ?? this.title).focus();
  }

  destroy(): void {
    this.container.replaceChildren();
  }

  private flag(): HTMLElement {
    // A shape beside the accent colour, so an over-limit state is not told by colour alone; the words come from the note.
    const flag = el('span', 'inspector-flag');
    flag.setAttribute('aria-hidden', 'true');
    return flag;
  }

  private updateTarget(chars: number, target: number | null): void {
    this.target = target;
    if (document.activeElement !== this.targetInput) {
      const value = target === null ? '' : String(target);
      if (this.targetInput.value !== value) this.targetInput.value = value;
    }
    const shown = target !== null && target > 0;
    if (this.progress.hidden === shown) this.progress.hidden = !shown;
    if (!shown) {
      this.progress.removeAttribute('data-state');
      return;
    }
    const state = targetState(chars, target);
    const format = this.options.formatNumber;
    setAttribute(this.progress, 'data-state', state);
    // Past the target a meter can only be full: the state and the text say by how much.
    setAttribute(this.meter, 'max', String(target));
    setAttribute(this.meter, 'low', String(Math.round(target * 0.9)));
    setAttribute(this.meter, 'high', String(target));
    setAttribute(this.meter, 'optimum', String(target));
    setAttribute(this.meter, 'value', String(Math.min(chars, target)));
    const text = this.strings.ofTarget(format(chars), format(target));
    const note = this.strings.targetNote(state, chars, target);
    setText(this.progressText, text);
    setText(this.progressNote, note);
    setAttribute(this.meter, 'aria-valuetext', note === '' ? text : `${text} ${note}`);
  }

  private updateHeadline(chars: number, limit: number): void {
    const over = chars - limit;
    setAttribute(this.headline, 'data-state', over > 0 ? 'over' : 'ok');
    setText(this.headlineText, this.strings.headlineLength(chars, limit));
    setText(this.headlineNote, over > 0 ? this.strings.headlineOver(limit, over) : '');
  }

  private updateProblems(problems: readonly Problem[]): void {
    const ordered = grouped(problems);
    const key = ordered.map(problemKey).join('\n');
    this.problems = ordered;
    const count = ordered.length;
    setText(this.count, this.options.formatNumber(count));
    if (this.lastCount !== null && this.lastCount !== count) setText(this.announcer, this.strings.problemCount(count));
    this.lastCount = count;

    this.fixable = ordered.filter(isFixAll);
    const fixAllFocused = document.activeElement === this.fixAllButton;
    this.fixAllButton.hidden = this.fixable.length === 0;
    if (this.fixable.length > 0) setText(this.fixAllButton, this.strings.fixAll(this.fixable.length));

    if (key !== this.listKey) {
      this.listKey = key;
      this.rebuild();
    }
    if (fixAllFocused && this.fixAllButton.hidden) this.focus();
  }

  private rebuild(): void {
    // Where focus was in the list, so a keyboard user stays at the same place in the new one.
    const active = document.activeElement;
    let focusIndex = -1;
    let focusFix = false;
    if (active instanceof HTMLElement && this.list.contains(active)) {
      const item = active.closest<HTMLElement>('[data-index]');
      focusIndex = item ? Number(item.dataset.index) : 0;
      focusFix = active.classList.contains('problem-fix');
    }

    this.list.replaceChildren(...this.problems.map((problem, index) => this.item(problem, index)));
    this.empty.hidden = this.problems.length > 0;
    this.list.hidden = this.problems.length === 0;

    if (focusIndex < 0) return;
    const items = this.list.children;
    const item = items[Math.min(focusIndex, items.length - 1)];
    if (!item) {
      this.checklistHeading.focus();
      return;
    }
    const target =
      (focusFix ? item.querySelector<HTMLButtonElement>('.problem-fix') : null) ??
      item.querySelector<HTMLButtonElement>('.problem');
    target?.focus();
  }

  private item(problem: Problem, index: number): HTMLLIElement {
    const s = this.strings;
    const item = el('li', 'problem-item');
    item.dataset.index = String(index);
    item.dataset.code = problem.code;

    const jump = el('button', 'problem');
    jump.type = 'button';
    const where = el('span', 'problem-where');
    where.append(el('span', 'visually-hidden', `${s.jumpPrefix} `));
    where.append(
      el('span', 'problem-place', s.places[problem.place]),
      ' ',
      el('span', 'problem-position', `${problem.line}:${problem.column}`),
    );
    jump.append(where, el('span', 'problem-message', problem.message));
    if (problem.found !== '' || problem.fix !== null) {
      const text = el('span', 'problem-text');
      text.append(el('code', 'problem-found', visibleText(problem.found)));
      if (problem.fix !== null) {
        const arrow = el('span', 'problem-arrow', '→');
        arrow.setAttribute('aria-hidden', 'true');
        text.append(arrow, el('code', 'problem-replacement', visibleText(problem.fix)));
      }
      jump.append(text);
    }
    item.append(jump);

    if (problem.fix !== null) {
      const fix = el('button', 'problem-fix', s.fix);
      fix.type = 'button';
      fix.setAttribute('aria-label', s.fixLabel(problem));
      item.append(fix);
    }
    return item;
  }

  /** Sends the typed target if it differs from the current one; a value that is not a number is put back. */
  private commitTarget(): void {
    const raw = this.targetInput.value.trim();
    let value: number | null;
    if (raw === '') value = null;
    else {
      const n = this.targetInput.valueAsNumber;
      if (!Number.isFinite(n) || n < 0) {
        this.targetInput.value = this.target === null ? '' : String(this.target);
        return;
      }
      value = Math.round(n) === 0 ? null : Math.round(n);
    }
    if (value === this.target) return;
    this.target = value;
    this.options.onTargetChange(value);
  }

  private readonly onTargetBlur = (): void => {
    this.commitTarget();
    // Shows the target as it stands ("1e3" → "1000", "0" → empty); `update` did not while the box had focus.
    const value = this.target === null ? '' : String(this.target);
    if (this.targetInput.value !== value) this.targetInput.value = value;
  };

  private readonly onTargetKeyDown = (event: KeyboardEvent): void => {
    if (event.isComposing) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      this.commitTarget();
    } else if (event.key === 'Escape') {
      const value = this.target === null ? '' : String(this.target);
      if (this.targetInput.value === value) return;
      // Takes back what was typed; the app must not also act on this Escape.
      this.targetInput.value = value;
      event.stopPropagation();
      event.preventDefault();
    }
  };

  private readonly onListClick = (event: MouseEvent): void => {
    const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>('button') : null;
    const item = button?.closest<HTMLElement>('[data-index]');
    if (!button || !item || !this.list.contains(item)) return;
    const problem = this.problems[Number(item.dataset.index)];
    if (!problem) return;
    if (button.classList.contains('problem-fix')) this.options.onFix(problem);
    else this.options.onJump(problem);
  };
}
