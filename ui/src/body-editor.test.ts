import { EditorSelection, EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { toggleMark } from './body-editor';

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
