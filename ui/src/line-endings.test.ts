import { describe, expect, it } from 'vitest';
import { crlfToLf, lineBreakOf } from './line-endings';

describe('lineBreakOf', () => {
  it('keeps CRLF only when every line ends with it', () => {
    expect(lineBreakOf('Мэр\r\nсказал\r\n')).toBe('\r\n');
    expect(lineBreakOf('Мэр\nсказал\n')).toBe('\n');
    expect(lineBreakOf('Мэр\r\nсказал\nещё')).toBe('\n');
    expect(lineBreakOf('Мэр\r\nсказал\rещё')).toBe('\n');
    expect(lineBreakOf('одна строка')).toBe('\n');
    expect(lineBreakOf('')).toBe('\n');
  });
});

describe('crlfToLf', () => {
  it('maps every offset of a CRLF text to the same place in its LF text', () => {
    const crlf = 'ab\r\ncd\r\n\r\nэ😀';
    const lf = crlf.replaceAll('\r\n', '\n');
    const map = crlfToLf(crlf);
    for (let offset = 0; offset <= crlf.length; offset++) {
      // The text before the offset, with its breaks as LF, is the LF text before the mapped offset.
      const before = crlf.slice(0, offset).replace(/\r$/, '').replaceAll('\r\n', '\n');
      expect(lf.slice(0, map(offset)), `offset ${offset}`).toBe(before);
    }
  });

  it('leaves a text without CRLF as it is', () => {
    const map = crlfToLf('ab\ncd');
    expect([0, 2, 3, 5].map(map)).toEqual([0, 2, 3, 5]);
  });
});
