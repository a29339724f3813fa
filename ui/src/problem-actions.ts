// What the checklist's buttons do to the editor: jump to a problem (select it where it was found)
// and apply a certain fix in place, undoably where the field allows it. Positions come from the
// checker as lines and code-point columns within a field (see positions.ts).
import type { Place, Problem } from './bindings';
import type { BodyEditor } from './body-editor';
import { applyFix, applyFixes, offsetOf, spliceEdits } from './positions';

type TextField = HTMLInputElement | HTMLTextAreaElement;

export interface EditorFields {
  /** The plain-text field of a place (headline, dek, lead); null for body and related. */
  plain(place: Place): TextField | null;
  body: BodyEditor;
  /** The `index`-th (0-based) related link's first input, to jump to. */
  related(index: number): HTMLElement | null;
  /** Call after changing a field's text, so it is saved and checked again. */
  edited(): void;
}

/** Selects the problem's text (or puts the cursor where it starts) and focuses it. */
export function jumpTo(fields: EditorFields, problem: Problem): void {
  if (problem.place === 'related') {
    fields.related(problem.line - 1)?.focus();
    return;
  }
  const text = problem.place === 'body' ? fields.body.get() : fields.plain(problem.place)?.value ?? '';
  const edit = applyFix(text, { ...problem, fix: problem.fix ?? problem.found });
  const from = edit?.from ?? offsetOf(text, problem.line, problem.column) ?? 0;
  const to = edit?.to ?? from;
  if (problem.place === 'body') {
    fields.body.select(from, to);
    return;
  }
  const field = fields.plain(problem.place);
  if (!field) return;
  field.focus();
  field.setSelectionRange(from, to);
}

/** Applies one problem's fix; false when the text there changed since the check (nothing is touched). */
export function fix(fields: EditorFields, problem: Problem): boolean {
  return fixAll(fields, [problem]) > 0;
}

/** Applies every fix that still matches its text; returns how many. In the body they are one
 * undoable step; in a plain field one fix goes through the editing commands (undoable), several
 * are written at once. */
export function fixAll(fields: EditorFields, problems: readonly Problem[]): number {
  let applied = 0;
  const places = new Set(problems.map((problem) => problem.place));
  for (const place of places) {
    const mine = problems.filter((problem) => problem.place === place && problem.fix !== null);
    if (place === 'body') {
      const edits = applyFixes(fields.body.get(), mine);
      fields.body.replace(edits);
      applied += edits.length;
      continue;
    }
    const field = fields.plain(place);
    if (!field) continue;
    const edits = applyFixes(field.value, mine);
    if (edits.length === 1) {
      // One change: through the editing commands, so Ctrl+Z takes it back.
      const [edit] = edits;
      field.focus();
      field.setSelectionRange(edit.from, edit.to);
      if (!document.execCommand?.('insertText', false, edit.insert)) field.setRangeText(edit.insert, edit.from, edit.to, 'end');
    } else if (edits.length > 1) {
      field.value = spliceEdits(field.value, edits);
    }
    applied += edits.length;
  }
  if (applied) fields.edited();
  return applied;
}
