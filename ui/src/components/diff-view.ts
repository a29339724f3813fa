// What changed between two revisions of an article: per field, a heading, a one-line summary and
// the text with insertions in <ins> and deletions in <del> (named for screen readers too, which
// announce neither by default). Long unchanged stretches fold into a button that shows them.
// It must not talk to the backend, own user-facing text (it all comes through the strings),
// or put data into the DOM other than through textContent.

import type { DiffField, FieldDiff } from '../bindings';
import { el } from './dom';

export interface DiffStrings {
  /** Heading of each field, e.g. { headline: 'Заголовок', … }. */
  fieldNames: Record<DiffField, string>;
  /** Shown instead of the fields when nothing changed. */
  noChanges: string;
  /** Word read out before an insertion, e.g. 'добавлено' (shown to screen readers only, as `[добавлено: …]`). */
  added: string;
  /** Word read out before a deletion, e.g. 'удалено'. */
  removed: string;
  /** The line under a field's heading, e.g. '+12 слов, −3 слова'. */
  summary(wordsAdded: number, wordsRemoved: number): string;
  /** Text of the button standing for a folded unchanged stretch, e.g. '… 1 234 знаков без изменений …'. */
  skipped(chars: number): string;
}

/** An unchanged run longer than this (in UTF-16 units) is folded. */
export const FOLD_OVER = 400;
/** Unchanged text kept next to each change when a run is folded. */
export const FOLD_CONTEXT = 150;
/** How far from the cut a whitespace is looked for, so the cut falls between words. */
const WORD_SLACK = 40;
/** Folding less than this would hide too little to be worth a button. */
const MIN_FOLDED = 40;

/** Replaces the container's children with the diff of every field, or the no-changes message. */
export function renderDiff(container: HTMLElement, diffs: readonly FieldDiff[], strings: DiffStrings): void {
  if (diffs.length === 0) {
    container.replaceChildren(el('p', 'diff-empty', strings.noChanges));
    return;
  }
  container.replaceChildren(...diffs.map((diff) => renderField(diff, strings)));
}

function renderField(diff: FieldDiff, strings: DiffStrings): HTMLElement {
  const section = el('section', 'diff-field');
  section.dataset.field = diff.field;
  const text = el('div', 'diff-text');
  const last = diff.spans.length - 1;
  diff.spans.forEach((span, index) => {
    switch (span.kind) {
      case 'same':
        text.append(...renderSame(span.text, index > 0, index < last, strings));
        break;
      case 'added':
        text.append(marked('ins', span.text, strings.added));
        break;
      case 'removed':
        text.append(marked('del', span.text, strings.removed));
        break;
    }
  });
  section.append(
    el('h3', 'diff-field-name', strings.fieldNames[diff.field] ?? diff.field),
    el('p', 'diff-summary', strings.summary(diff.words_added, diff.words_removed)),
    text,
  );
  return section;
}

/** `<ins>`/`<del>` with the change named inside it for screen readers: `[добавлено: text]`. */
function marked(tag: 'ins' | 'del', text: string, word: string): HTMLElement {
  const element = el(tag);
  element.append(el('span', 'visually-hidden', `[${word}: `), document.createTextNode(text), el('span', 'visually-hidden', ']'));
  return element;
}

/**
 * Where an unchanged run of `text` is cut when folded, as [start, end) of the hidden middle; null
 * when it stays whole. `before`/`after` say whether a change touches the run at that side: only
 * those sides keep FOLD_CONTEXT characters, cut at a whitespace where there is one nearby.
 */
export function foldRange(text: string, before: boolean, after: boolean): [number, number] | null {
  if (text.length <= FOLD_OVER) return null;
  const start = before ? wordCut(text, FOLD_CONTEXT) : 0;
  const end = after ? wordCut(text, text.length - FOLD_CONTEXT) : text.length;
  if (end - start < MIN_FOLDED) return null;
  return [start, end];
}

/** A cut near `at`: just after the nearest whitespace within WORD_SLACK, else `at` (never inside a surrogate pair). */
function wordCut(text: string, at: number): number {
  for (let distance = 0; distance <= WORD_SLACK; distance++) {
    for (const i of [at - distance, at + distance]) {
      if (i > 0 && i < text.length && /\s/.test(text[i - 1]!) && !/\s/.test(text[i]!)) return i;
    }
  }
  return isLowSurrogate(text.charCodeAt(at)) ? at + 1 : at;
}

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

function renderSame(text: string, before: boolean, after: boolean, strings: DiffStrings): Node[] {
  const range = foldRange(text, before, after);
  if (!range) return [document.createTextNode(text)];
  const [start, end] = range;
  const hidden = text.slice(start, end);
  const skip = el('button', 'diff-skip', strings.skipped([...hidden].length));
  skip.type = 'button';
  skip.addEventListener('click', () => {
    // Focus would fall to the page with the button gone: it goes to the text the button stood for.
    const shown = el('span', 'diff-unfolded', hidden);
    shown.tabIndex = -1;
    skip.replaceWith(shown);
    shown.focus({ preventScroll: true });
  });
  const nodes: Node[] = [];
  if (start > 0) nodes.push(document.createTextNode(text.slice(0, start)));
  nodes.push(skip);
  if (end < text.length) nodes.push(document.createTextNode(text.slice(end)));
  return nodes;
}

