// How an article shows in the list. Only textContent carries article text.
import type { ArticleSummary, SearchHit } from './api';
import { formatDate, t, tf } from './i18n';

export type Row = ArticleSummary | SearchHit;

/** Whether an embargo is still running. */
export function embargoed(iso: string | null): boolean {
  return iso !== null && new Date(iso).getTime() > Date.now();
}

/** A row of the article list: headline, status, section and time, an embargo, and the search
 * snippet (or the dek). A pointer going down on it may start a drag (`onPointerDown`). */
export function listRow(article: Row, onPointerDown: (event: PointerEvent, article: Row) => void): HTMLElement {
  const row = document.createElement('div');
  row.className = 'article';
  row.dataset.status = article.status;
  row.addEventListener('pointerdown', (event) => onPointerDown(event, article));
  const headline = document.createElement('span');
  headline.className = 'headline';
  headline.textContent = article.headline || '—';
  const meta = document.createElement('span');
  meta.className = 'meta';
  const status = document.createElement('span');
  status.className = 'status-chip';
  status.textContent = t(`st_${article.status}`);
  meta.append(status, [article.section, formatDate(article.updated_at)].filter(Boolean).join(' · '));
  row.append(headline, meta);
  if (embargoed(article.embargo_until)) {
    const embargo = document.createElement('span');
    embargo.className = 'embargo';
    embargo.textContent = tf('embargoBadge', { when: formatDate(article.embargo_until as string) });
    row.append(embargo);
  }
  if ('snippet' in article && article.snippet) row.append(snippetElement(article.snippet));
  else if (article.dek) {
    const dek = document.createElement('span');
    dek.className = 'snippet';
    dek.textContent = article.dek;
    row.append(dek);
  }
  return row;
}

function snippetElement(snippet: NonNullable<SearchHit['snippet']>): HTMLElement {
  const element = document.createElement('span');
  element.className = 'snippet';
  // Highlights are byte ranges of the UTF-8 text (as Rust counts), not UTF-16 string indices.
  const bytes = new TextEncoder().encode(snippet.text);
  const decoder = new TextDecoder();
  const text = (from: number, to?: number) => decoder.decode(bytes.subarray(from, to));
  let at = 0;
  for (const { start, end } of snippet.highlights) {
    element.append(text(at, start));
    const mark = document.createElement('mark');
    mark.textContent = text(start, end);
    element.append(mark);
    at = end;
  }
  element.append(text(at));
  return element;
}
