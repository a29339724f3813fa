import { describe, expect, it } from 'vitest';

import { applyFix, applyFixes, offsetOf, spliceEdits } from './positions';

/** The 1-based line and code-point column of the first `needle` in text with "\n" line breaks, as the Rust tests count them. */
function rustPosition(text: string, needle: string): [number, number] {
  const at = text.indexOf(needle);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return [line, [...before.slice(before.lastIndexOf('\n') + 1)].length + 1];
}

describe('offsetOf', () => {
  it('counts Cyrillic one index per column', () => {
    const text = 'Министры обсудили';
    expect(offsetOf(text, 1, 1)).toBe(0);
    expect(offsetOf(text, 1, 10)).toBe(text.indexOf('обсудили'));
  });

  it('counts an emoji before the position as one column and two indices', () => {
    const text = '🔥 Пожар 👩‍🚒 потушен';
    // 👩‍🚒 is three code points (woman, zero-width joiner, fire engine), five UTF-16 units.
    const [line, column] = rustPosition(text, 'потушен');
    expect(column).toBe(13);
    expect(offsetOf(text, line, column)).toBe(text.indexOf('потушен'));
    expect(offsetOf(text, 1, 2)).toBe(2);
  });

  it('finds positions on later lines', () => {
    const text = 'Первая строка\n«Вторая» 🙂 строка\n\nчетвёртая';
    for (const needle of ['строка', 'Вторая', '🙂', 'четвёртая']) {
      const [line, column] = rustPosition(text, needle);
      expect(offsetOf(text, line, column), needle).toBe(text.indexOf(needle));
    }
    expect(offsetOf(text, 3, 1)).toBe(text.indexOf('\n\n') + 1);
  });

  it('allows one past the end of a line and nothing further', () => {
    const text = 'ab\ncd';
    expect(offsetOf(text, 1, 3)).toBe(2);
    expect(offsetOf(text, 1, 4)).toBeNull();
    expect(offsetOf(text, 2, 3)).toBe(5);
    expect(offsetOf(text, 2, 4)).toBeNull();
    expect(offsetOf(text, 3, 1)).toBeNull();
    expect(offsetOf('', 1, 1)).toBe(0);
    expect(offsetOf('ab\n', 2, 1)).toBe(3);
  });

  it('refuses lines and columns that are not 1-based integers', () => {
    expect(offsetOf('abc', 0, 1)).toBeNull();
    expect(offsetOf('abc', 1, 0)).toBeNull();
    expect(offsetOf('abc', 1, 1.5)).toBeNull();
    expect(offsetOf('abc', Number.NaN, 1)).toBeNull();
  });

  it('counts the "\\r" of "\\r\\n" as a character of its line', () => {
    const text = 'раз\r\nдва\r\n';
    expect(offsetOf(text, 1, 4)).toBe(3); // the "\r"
    expect(offsetOf(text, 1, 5)).toBe(4); // one past it: the "\n"
    expect(offsetOf(text, 1, 6)).toBeNull();
    expect(offsetOf(text, 2, 1)).toBe(5);
    expect(offsetOf(text, 3, 1)).toBe(text.length);
  });

  it('ends a line at a lone "\\r", as the checklist (and CommonMark) does', () => {
    const text = 'раз\rдва';
    expect(offsetOf(text, 1, 4)).toBe(3);
    expect(offsetOf(text, 1, 5)).toBeNull();
    expect(offsetOf(text, 2, 2)).toBe(5);
  });
});

describe('applyFix', () => {
  it('replaces the found text at its position', () => {
    const text = 'Он сказал: "Да"';
    const edit = applyFix(text, { line: 1, column: 12, found: '"Да"', fix: '«Да»' });
    expect(edit).toEqual({ from: 11, to: 15, insert: '«Да»' });
    expect(spliceEdits(text, [edit!])).toBe('Он сказал: «Да»');
  });

  it('finds the text after emoji and on a later line', () => {
    const text = 'Заголовок 🎉\n🎉🎉 В  Токио — «ёлочки»';
    const [line, column] = rustPosition(text, '  ');
    expect([line, column]).toEqual([2, 5]);
    const edit = applyFix(text, { line, column, found: '  ', fix: ' ' });
    expect(edit).toEqual({ from: text.indexOf('  '), to: text.indexOf('  ') + 2, insert: ' ' });
    expect(spliceEdits(text, [edit!])).toBe('Заголовок 🎉\n🎉🎉 В Токио — «ёлочки»');
  });

  it('works in CRLF text', () => {
    const text = 'Строка\r\nслово слово\r\n';
    const edit = applyFix(text, { line: 2, column: 1, found: 'слово слово', fix: 'слово' });
    expect(edit).toEqual({ from: 8, to: 19, insert: 'слово' });
    expect(spliceEdits(text, [edit!])).toBe('Строка\r\nслово\r\n');
  });

  it('returns null when the text has changed since the check', () => {
    const problem = { line: 1, column: 3, found: '"', fix: '«' };
    expect(applyFix('a "b"', problem)).not.toBeNull();
    expect(applyFix('a «b"', problem)).toBeNull();
    expect(applyFix('a', problem)).toBeNull();
    expect(applyFix('a "b"', { ...problem, line: 2 })).toBeNull();
  });

  it('returns null without a fix', () => {
    expect(applyFix('"', { line: 1, column: 1, found: '"', fix: null })).toBeNull();
  });

  it('matches found text that spans lines', () => {
    const text = 'конец\nстроки';
    expect(applyFix(text, { line: 1, column: 5, found: 'ц\nс', fix: 'ц с' })).toEqual({ from: 4, to: 7, insert: 'ц с' });
  });
});

describe('applyFixes', () => {
  it('orders the fixes, leaves out stale and overlapping ones and applies them together', () => {
    const text = '"Да" - сказал 🙂 он  вчера';
    const quote = { line: 1, column: 1, found: '"Да"', fix: '«Да»' };
    const dash = { line: 1, column: 5, found: ' - ', fix: ' — ' };
    const space = { line: 1, column: 19, found: '  ', fix: ' ' };
    const overlapping = { line: 1, column: 4, found: '" ', fix: '»' };
    const stale = { line: 1, column: 2, found: 'Нет', fix: 'Да' };
    const edits = applyFixes(text, [space, overlapping, stale, dash, quote]);
    expect(edits.map((edit) => edit.insert)).toEqual(['«Да»', ' — ', ' ']);
    expect(spliceEdits(text, edits)).toBe('«Да» — сказал 🙂 он вчера');
  });
});
