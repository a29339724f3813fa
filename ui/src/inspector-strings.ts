// The inspector in the UI's language: its labels, and the checklist's problems named from their
// code and typography rule (the checker's own messages are English, for scripts).
import type { Problem } from './api';
import type { InspectorStrings } from './components/inspector';
import { count, locale, strings, t, tf, type Key } from './i18n';

export function inspectorStrings(): InspectorStrings {
  return {
    title: t('inspectorTitle'),
    counts: t('countsTitle'),
    rows: { headline: t('row_headline'), dek: t('row_dek'), lead: t('row_lead'), body: t('row_body'), total: t('row_total') },
    words: t('colWords'),
    charsWithSpaces: t('colChars'),
    charsWithoutSpaces: t('colCharsNoSpaces'),
    readingTime: t('readingTime'),
    minutes: (seconds) => (seconds < 60 ? t('lessThanMinute') : tf('minutes', { n: Math.round(seconds / 60) })),
    target: t('target'),
    ofTarget: (chars, target) => `${chars} / ${target}`,
    targetNote: (state, chars, target) =>
      state === 'over' ? tf('targetOver', { n: chars - target }) : state === 'near' ? t('targetNear') : tf('targetUnder', { n: target - chars }),
    headlineLength: (chars, limit) => tf('headlineLength', { n: chars, limit }),
    headlineOver: (_limit, over) => tf('headlineOver', { n: over }),
    checklist: t('checklist'),
    problemCount: (n) => count(n, 'problems'),
    noProblems: t('noProblems'),
    places: { headline: t('place_headline'), dek: t('place_dek'), lead: t('place_lead'), body: t('place_body'), related: t('place_related') },
    jumpPrefix: t('jumpTo'),
    fix: t('fix'),
    fixLabel: (problem) => tf('fixLabel', { found: problem.found, fix: problem.fix ?? '' }),
    fixAll: (n) => tf('fixAll', { n }),
  };
}

/** The checklist in the UI's language: the checker's codes and typography rules, named in the
 * i18n tables (the checker's own messages are English, for scripts); `too_many` keeps its count. */
export function localized(problem: Problem): Problem {
  const key = (problem.code === 'typography' ? `rule_${problem.rule ?? 'other'}` : `code_${problem.code}`) as Key;
  const known = key in strings[locale()];
  if (!known) return problem;
  if (problem.code === 'too_many') return { ...problem, message: `${t(key)}: ${problem.message}` };
  return { ...problem, message: t(key) };
}
