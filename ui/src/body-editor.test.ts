// @vitest-environment happy-dom
import { EditorSelection, EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { mountBodyEditor, toggleMark } from './body-editor';

function run(doc: string, from: number, to: number, mark: string) {
  let state = EditorState.create({ doc, selection: EditorSelection.single(from, to) });
  toggleMark(mark)({ state, dispatch: (tr) => (state = tr.state) });
  return { text: state.doc.toString(), selected: state.sliceDoc(state.selection.main.from, state.selection.main.to) };
}

describe('toggleMark', () => {
  it('wraps the selection and keeps it selected', () => {
    expect(run('Мэр сказал', 4, 10, '**')).toEqual({ text: 'Мэр **сказал**', selected: 'сказал' });
  });

  it('unwraps a wrapped selection', () => {
    expect(run('Мэр *сказал*', 5, 11, '*')).toEqual({ text: 'Мэр сказал', selected: 'сказал' });
  });

  it('puts the cursor between an empty pair', () => {
    const { text } = run('Мэр ', 4, 4, '**');
    expect(text).toBe('Мэр ****');
  });
});

describe('the body editor', () => {
  const mount = () => mountBodyEditor(document.createElement('div'), 'Текст', () => {}, () => {});

  it('keeps a body written with Windows line endings byte for byte through edits', () => {
    const editor = mount();
    editor.set('Мэр сказал:\r\n\r\n> «Мост построим»\r\n', 'ru');
    expect(editor.get()).toBe('Мэр сказал:\r\n\r\n> «Мост построим»\r\n');
    // Offsets into the body as saved (as the checklist gives them): the quote's first word.
    const at = editor.get().indexOf('Мост');
    editor.replace([{ from: at, to: at + 4, insert: 'Энергомост' }]);
    editor.replace([{ from: editor.get().length, to: editor.get().length, insert: 'Новая строка\n' }]);
    expect(editor.get()).toBe('Мэр сказал:\r\n\r\n> «Энергомост построим»\r\nНовая строка\r\n');
  });

  it('writes a body with Unix or mixed line endings with "\\n"', () => {
    const editor = mount();
    editor.set('один\nдва\r\nтри', 'ru');
    expect(editor.get()).toBe('один\nдва\nтри');
    editor.set('один\nдва', 'ru');
    editor.replace([{ from: 4, to: 4, insert: '\nполтора' }]);
    expect(editor.get()).toBe('один\nполтора\nдва');
  });
});
