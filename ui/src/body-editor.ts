// The body editor: CodeMirror 6 with Markdown highlighting, soft wrapping, history and the
// platform's spellchecker in the article's language.
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { insertNewlineContinueMarkup, deleteMarkupBackward, markdownLanguage } from '@codemirror/lang-markdown';
import { LanguageSupport } from '@codemirror/language';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorSelection, EditorState, type StateCommand } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { crlfToLf, lineBreakOf, type LineBreak } from './line-endings';

const highlight = HighlightStyle.define([
  { tag: tags.heading, fontWeight: '700', color: 'var(--accent)' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.link, color: 'var(--accent)', textDecoration: 'underline' },
  { tag: tags.url, color: 'var(--muted)' },
  { tag: tags.quote, fontStyle: 'italic', color: 'var(--muted)' },
  { tag: tags.monospace, fontFamily: '"PT Mono", Menlo, Consolas, monospace' },
  { tag: tags.processingInstruction, color: 'var(--muted)' },
]);

/** Wraps each selection in `mark` (`**` bold, `*` italic), or unwraps it if it is wrapped already;
 * an empty selection gets the pair with the cursor between. */
export function toggleMark(mark: string): StateCommand {
  return ({ state, dispatch }) => {
    const changes = state.changeByRange((range) => {
      const before = state.sliceDoc(range.from - mark.length, range.from);
      const after = state.sliceDoc(range.to, range.to + mark.length);
      if (before === mark && after === mark) {
        return {
          changes: [
            { from: range.from - mark.length, to: range.from },
            { from: range.to, to: range.to + mark.length },
          ],
          range: EditorSelection.range(range.from - mark.length, range.to - mark.length),
        };
      }
      return {
        changes: [{ from: range.from, insert: mark }, { from: range.to, insert: mark }],
        range: EditorSelection.range(range.from + mark.length, range.to + mark.length),
      };
    });
    dispatch(state.update(changes, { userEvent: 'input.format', scrollIntoView: true }));
    return true;
  };
}

export interface BodyEditor {
  get(): string;
  set(text: string, language: string): void;
  focus(): void;
  /** Puts the cursor at the end of the text and focuses the editor. */
  focusEnd(): void;
  /** Selects a range (UTF-16 offsets into the text `get` gives), scrolls it into the middle of the
   * view and focuses the editor. */
  select(from: number, to: number): void;
  /** Replaces ranges of the current text in one undoable step (offsets into the text before it). */
  replace(edits: readonly { from: number; to: number; insert: string }[]): void;
}

/** Mounts the editor in `parent`; `onChange` runs on every edit, `onBlur` when focus leaves. */
export function mountBodyEditor(parent: HTMLElement, label: string, onChange: () => void, onBlur: () => void): BodyEditor {
  const extensions = (lang: string) => [
    history(),
    // Enter continues a list or quote, Backspace takes its markup back: before the defaults.
    keymap.of([
      { key: 'Enter', run: insertNewlineContinueMarkup },
      { key: 'Backspace', run: deleteMarkupBackward },
      { key: 'Mod-b', run: toggleMark('**') },
      { key: 'Mod-i', run: toggleMark('*') },
    ]),
    keymap.of([...defaultKeymap, ...historyKeymap]),
    // Markdown without the nested HTML, CSS and JavaScript parsers `markdown()` would load: the
    // body's highlighting needs none of them, and they would triple the UI's code.
    new LanguageSupport(markdownLanguage),
    syntaxHighlighting(highlight),
    EditorView.lineWrapping,
    placeholder(label),
    EditorView.contentAttributes.of({ spellcheck: 'true', lang, 'aria-label': label, 'aria-multiline': 'true' }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange();
      if (update.focusChanged && !update.view.hasFocus) onBlur();
    }),
  ];
  const view = new EditorView({ parent, state: EditorState.create({ doc: '', extensions: extensions('ru') }) });
  // The body's line break, kept through edits (see line-endings.ts); offsets given in the body as
  // saved are mapped to the editor's, which holds one character per break.
  let lineBreak: LineBreak = '\n';
  const get = () => view.state.doc.sliceString(0, view.state.doc.length, lineBreak);
  const toEditor = (): ((offset: number) => number) => (lineBreak === '\n' ? (offset) => offset : crlfToLf(get()));
  return {
    get,
    // A new state per article: undo never reaches into the previous article, and loading is not an edit.
    set: (text, lang) => {
      lineBreak = lineBreakOf(text);
      view.setState(EditorState.create({ doc: text, extensions: extensions(lang) }));
    },
    focus: () => view.focus(),
    focusEnd: () => {
      view.dispatch({ selection: { anchor: view.state.doc.length }, scrollIntoView: true });
      view.focus();
    },
    select: (from, to) => {
      const length = view.state.doc.length;
      const map = toEditor();
      const [anchor, head] = [Math.min(map(from), length), Math.min(map(to), length)];
      view.dispatch({ selection: { anchor, head }, effects: EditorView.scrollIntoView(anchor, { y: 'center' }) });
      view.focus();
    },
    replace: (edits) => {
      if (!edits.length) return;
      const map = toEditor();
      const changes = edits.map(({ from, to, insert }) => ({ from: map(from), to: map(to), insert }));
      view.dispatch({ changes, userEvent: 'input.fix' });
    },
  };
}
