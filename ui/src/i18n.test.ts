import { afterEach, describe, expect, it } from 'vitest';
import { count, formatNumber, setLocale, t, tf } from './i18n';

afterEach(() => setLocale('ru'));

describe('i18n', () => {
  it('has every string in both languages', async () => {
    const { strings } = await import('./i18n');
    const ru = Object.keys(strings.ru).sort();
    const en = Object.keys(strings.en).sort();
    expect(en).toEqual(ru);
    for (const locale of ['ru', 'en'] as const) {
      for (const [key, value] of Object.entries(strings[locale])) expect(value, `${locale}.${key}`).not.toBe('');
    }
  });

  it('fills placeholders with numbers written for the language', () => {
    setLocale('ru');
    expect(tf('countsOfTarget', { chars: 12345, target: 3000, words: count(1, 'wordsCount') })).toBe('12\u00a0345 из 3\u00a0000 знаков · 1 слово');
    setLocale('en');
    expect(tf('countsOfTarget', { chars: 12345, target: 3000, words: count(2, 'wordsCount') })).toBe('12,345 of 3,000 characters · 2 words');
    expect(formatNumber(1500)).toBe('1,500');
  });

  it('picks Russian plural forms', () => {
    setLocale('ru');
    expect([1, 2, 5, 11, 21, 22].map((n) => count(n, 'problems'))).toEqual([
      '1 замечание',
      '2 замечания',
      '5 замечаний',
      '11 замечаний',
      '21 замечание',
      '22 замечания',
    ]);
    setLocale('en');
    expect([1, 2].map((n) => count(n, 'problems'))).toEqual(['1 problem', '2 problems']);
    expect(t('noProblems')).toBe('No problems');
  });
});
