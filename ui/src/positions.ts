// Positions from the checklist (galley-render's check::Problem) in a field's JS string.
// The checklist counts a 1-based line and a 1-based column in Unicode code points (Rust chars);
// a JS string is indexed in UTF-16 code units, so an emoji before the position is one column but
// two indices. Lines end after "\n", "\r\n" or a lone "\r", as check::Field counts them: in "\r\n"
// the "\r" is the last character of its line, and a column may be one past a line's last character.
// Pure functions only: no DOM, no backend.

/** An edit of a field's text in UTF-16 indices, as CodeMirror and `String.slice` take them. */
export interface TextEdit {
  from: number;
  to: number;
  insert: string;
}

/** What `applyFix` needs of a problem. */
export interface Fixable {
  line: number;
  column: number;
  /** The text the problem is about, at that position. */
  found: string;
  /** What `found` becomes; null when the fix is not certain. */
  fix: string | null;
}

/** Does a line end at index `i` (the character there is a line break, or the text is over)? */
function lineEndsAt(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const code = text.charCodeAt(i);
  // "\n", or a lone "\r"; the "\r" of "\r\n" is a character of its line.
  return code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10);
}

/** Index of the first character of each line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (lineEndsAt(text, i)) starts.push(i + 1);
  }
  return starts;
}

/** Index `column - 1` code points after a line's start, or null past one after its last character. */
function columnFrom(text: string, start: number, column: number): number | null {
  let i = start;
  for (let steps = column - 1; steps > 0; steps--) {
    if (lineEndsAt(text, i)) return null;
    const code = text.charCodeAt(i);
    const low = text.charCodeAt(i + 1);
    // A surrogate pair is one code point; a lone surrogate counts as one too.
    i += code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
  }
  return i;
}

function isPosition(n: number): boolean {
  return Number.isInteger(n) && n >= 1;
}

/**
 * The UTF-16 index of a 1-based line and 1-based code-point column, or null when the text has no
 * such position. The column may be one past the last character of the line.
 */
export function offsetOf(text: string, line: number, column: number): number | null {
  return offsetIn(text, lineStarts(text), line, column);
}

function offsetIn(text: string, starts: readonly number[], line: number, column: number): number | null {
  if (!isPosition(line) || !isPosition(column)) return null;
  const start = starts[line - 1];
  return start === undefined ? null : columnFrom(text, start, column);
}

/**
 * The edit that applies a problem's fix: the range of `found` at the problem's position and its
 * replacement. Null when there is no fix, or when the text there is no longer `found` (it was edited
 * since the check, or the checklist's `found` is prose the source spells otherwise, such as an
 * escape or an entity in Markdown): a stale fix is never applied.
 */
export function applyFix(text: string, problem: Fixable): TextEdit | null {
  return fixIn(text, lineStarts(text), problem);
}

function fixIn(text: string, starts: readonly number[], problem: Fixable): TextEdit | null {
  if (problem.fix === null) return null;
  const from = offsetIn(text, starts, problem.line, problem.column);
  if (from === null) return null;
  const to = from + problem.found.length;
  if (text.slice(from, to) !== problem.found) return null;
  return { from, to, insert: problem.fix };
}

/**
 * The edits that apply several fixes to one field at once ("fix all"): stale fixes left out, in
 * order of position, without overlaps (of two that overlap, the first in the text is kept), all in
 * indices of the text as it is now — as CodeMirror's `changes` takes them.
 */
export function applyFixes(text: string, problems: readonly Fixable[]): TextEdit[] {
  const starts = lineStarts(text);
  const edits = problems
    .map((problem) => fixIn(text, starts, problem))
    .filter((edit): edit is TextEdit => edit !== null)
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const kept: TextEdit[] = [];
  for (const edit of edits) {
    const last = kept[kept.length - 1];
    // Two insertions at one place would be ambiguous too.
    if (last && (edit.from < last.to || (edit.from === last.from && edit.from === edit.to))) continue;
    kept.push(edit);
  }
  return kept;
}

/** The text with edits made (given as `applyFixes` returns them: in order, not overlapping). */
export function spliceEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.from) + edit.insert;
    at = edit.to;
  }
  return out + text.slice(at);
}
