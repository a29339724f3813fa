// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

import { PageCache, VirtualList, visibleRange, type ListSource } from './virtual-list';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
/** Lets pending fetches resolve, then lets the render they scheduled run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await frame();
};

describe('visibleRange', () => {
  it('starts at the top with overscan only below', () => {
    expect(visibleRange(0, 100, 10, 1000, 3)).toEqual({ start: 0, end: 13 });
  });

  it('covers a row cut by either edge of the viewport', () => {
    expect(visibleRange(15, 100, 10, 1000, 0)).toEqual({ start: 1, end: 12 });
  });

  it('clamps the overscan at the bottom', () => {
    expect(visibleRange(9900, 100, 10, 1000, 3)).toEqual({ start: 987, end: 1000 });
  });

  it('is empty for an empty list', () => {
    expect(visibleRange(0, 100, 10, 0, 3)).toEqual({ start: 0, end: 0 });
    expect(visibleRange(500, 100, 10, 0, 3)).toEqual({ start: 0, end: 0 });
  });

  it('shows every row when the viewport is taller than the list', () => {
    expect(visibleRange(0, 1000, 10, 7, 3)).toEqual({ start: 0, end: 7 });
  });

  it('treats a scrollTop past the end as scrolled to the bottom', () => {
    expect(visibleRange(50_000, 100, 10, 1000, 2)).toEqual({ start: 988, end: 1000 });
    expect(visibleRange(-40, 100, 10, 1000, 2)).toEqual({ start: 0, end: 12 });
  });

  it('still builds a row when the viewport has no height yet', () => {
    expect(visibleRange(0, 0, 10, 1000, 0)).toEqual({ start: 0, end: 1 });
  });
});

describe('PageCache', () => {
  it('asks for a page once while it is in flight', async () => {
    const answer = deferred<number[]>();
    const fetch = vi.fn((_offset: number, _limit: number) => answer.promise);
    const cache = new PageCache<number>({ pageSize: 10 });
    cache.setSource(fetch);
    const first = cache.ensure({ start: 0, end: 5 });
    const second = cache.ensure({ start: 3, end: 9 });
    expect(cache.isLoading(0)).toBe(true);
    answer.resolve([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await Promise.all([first, second]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(0, 10);
    expect(cache.get(7)).toBe(7);
    await cache.ensure({ start: 0, end: 10 });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('fetches every page a range touches', async () => {
    const fetch = vi.fn(async (offset: number, limit: number) => Array.from({ length: limit }, (_, i) => offset + i));
    const cache = new PageCache<number>({ pageSize: 10 });
    cache.setSource(fetch);
    await cache.ensure({ start: 8, end: 31 });
    expect(fetch.mock.calls.map(([offset]) => offset)).toEqual([0, 10, 20, 30]);
    expect(cache.get(30)).toBe(30);
  });

  it('ignores an answer meant for an older source', async () => {
    const old = deferred<string[]>();
    const onLoad = vi.fn();
    const cache = new PageCache<string>({ pageSize: 2, onLoad });
    cache.setSource(() => old.promise);
    const loading = cache.ensure({ start: 0, end: 2 });
    const generation = cache.generation;
    cache.setSource(async () => ['new-0', 'new-1']);
    expect(cache.generation).toBeGreaterThan(generation);
    const fresh = cache.ensure({ start: 0, end: 2 });
    old.resolve(['old-0', 'old-1']);
    await Promise.all([loading, fresh]);
    expect(cache.get(0)).toBe('new-0');
    expect(onLoad).toHaveBeenCalledTimes(1);
  });

  it('keeps pages shown during a refresh until their new copy arrives', async () => {
    let version = 'a';
    const next = deferred<void>();
    const cache = new PageCache<string>({ pageSize: 2 });
    cache.setSource(async (offset) => {
      if (version === 'b') await next.promise;
      return [`${version}${offset}`, `${version}${offset + 1}`];
    });
    await cache.ensure({ start: 0, end: 6 });
    version = 'b';
    cache.invalidate({ start: 0, end: 2 });
    expect(cache.loadedPages).toEqual([0]);
    expect(cache.isLoaded(0)).toBe(false);
    expect(cache.get(1)).toBe('a1');
    const loading = cache.ensure({ start: 0, end: 2 });
    next.resolve();
    await loading;
    expect(cache.get(1)).toBe('b1');
  });

  it('reports a failed page and fetches it again when asked', async () => {
    const onError = vi.fn();
    let fail = true;
    const cache = new PageCache<number>({ pageSize: 2, onError });
    cache.setSource(async (offset) => {
      if (fail) throw new Error('offline');
      return [offset, offset + 1];
    });
    await cache.ensure({ start: 0, end: 2 });
    expect(onError).toHaveBeenCalledOnce();
    expect(cache.isLoading(0)).toBe(false);
    fail = false;
    await cache.ensure({ start: 0, end: 2 });
    expect(cache.get(1)).toBe(1);
  });

  it('holds at most maxPages pages, dropping the farthest from the view', async () => {
    const cache = new PageCache<number>({ pageSize: 10, maxPages: 4 });
    cache.setSource(async (offset, limit) => Array.from({ length: limit }, (_, i) => offset + i));
    for (let page = 0; page < 50; page++) {
      await cache.ensure({ start: page * 10, end: page * 10 + 10 });
      expect(cache.loadedPages.length).toBeLessThanOrEqual(4);
    }
    expect(cache.loadedPages).toEqual([46, 47, 48, 49]);
    await cache.ensure({ start: 200, end: 210 });
    expect(cache.loadedPages).toEqual([20, 46, 47, 48]);
  });

  it('never drops a page the view needs, even past the bound', async () => {
    const cache = new PageCache<number>({ pageSize: 2, maxPages: 2 });
    cache.setSource(async (offset, limit) => Array.from({ length: limit }, (_, i) => offset + i));
    await cache.ensure({ start: 0, end: 10 });
    expect(cache.loadedPages).toEqual([0, 1, 2, 3, 4]);
  });
});

interface Article {
  id: string;
  headline: string;
}

const ROW = 20;
const VIEWPORT = 200;

function articles(total: number, version = 1) {
  const fetch = vi.fn(async (offset: number, limit: number): Promise<Article[]> =>
    Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({
      id: `a${offset + i}`,
      headline: `Headline ${offset + i} v${version}`,
    })),
  );
  const source: ListSource<Article> = { total, fetch };
  return { source, fetch };
}

let list: VirtualList<Article> | null = null;

function mount(overrides: { onActivate?: (item: Article, index: number) => void } = {}) {
  const container = document.createElement('div');
  document.body.append(container);
  const onActivate = vi.fn(overrides.onActivate ?? (() => {}));
  list = new VirtualList<Article>(container, {
    rowHeight: ROW,
    label: 'Articles',
    empty: 'Nothing found',
    overscan: 2,
    viewportHeight: () => VIEWPORT,
    key: (item) => item.id,
    render: (item) => {
      const element = document.createElement('div');
      element.className = 'headline';
      element.textContent = item.headline;
      return element;
    },
    placeholder: () => {
      const element = document.createElement('div');
      element.className = 'loading';
      return element;
    },
    onActivate,
  });
  return { container, onActivate, list };
}

const rows = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('[role="option"]')];
const positions = (container: HTMLElement) =>
  rows(container)
    .map((row) => Number(row.getAttribute('aria-posinset')))
    .sort((a, b) => a - b);
const key = (container: HTMLElement, name: string) =>
  container.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));

afterEach(() => {
  list?.destroy();
  list = null;
  document.body.replaceChildren();
});

describe('VirtualList', () => {
  it('builds only the rows in view for 100,000 articles', async () => {
    const { container } = mount();
    const { source, fetch } = articles(100_000);
    list!.setSource(source);
    expect(container.getAttribute('role')).toBe('listbox');
    expect(container.getAttribute('aria-label')).toBe('Articles');
    expect(container.tabIndex).toBe(0);
    expect(container.querySelector<HTMLElement>('.vlist-spacer')!.style.height).toBe(`${100_000 * ROW}px`);
    // 10 rows in view, 2 of overscan below (none above at the top).
    expect(rows(container)).toHaveLength(12);
    expect(container.querySelectorAll('.loading')).toHaveLength(12);

    await settle();
    expect(fetch).toHaveBeenCalledOnce();
    expect(fetch).toHaveBeenCalledWith(0, 100);
    const first = rows(container).find((row) => row.getAttribute('aria-posinset') === '1')!;
    expect(first.textContent).toBe('Headline 0 v1');
    expect(first.getAttribute('aria-setsize')).toBe('100000');
    expect(first.getAttribute('aria-selected')).toBe('false');
  });

  it('renders the rows at the scroll position, with their positions in the set', async () => {
    const { container } = mount();
    const { source, fetch } = articles(100_000);
    list!.setSource(source);
    await settle();

    container.scrollTop = 50_000 * ROW;
    container.dispatchEvent(new Event('scroll'));
    await frame();
    expect(positions(container)).toEqual(Array.from({ length: 14 }, (_, i) => 49_999 + i));
    expect(fetch).toHaveBeenCalledWith(49_900, 100);
    expect(fetch).toHaveBeenCalledWith(50_000, 100);
    await settle();
    const row = rows(container).find((element) => element.getAttribute('aria-posinset') === '50001')!;
    expect(row.textContent).toBe('Headline 50000 v1');
    expect(row.style.transform).toBe(`translateY(${50_000 * ROW}px)`);
    expect(rows(container).length).toBeLessThanOrEqual(14);
  });

  it('renders at most once per frame however many scroll events arrive', async () => {
    const { container } = mount();
    list!.setSource(articles(1000).source);
    await settle();
    const spy = vi.spyOn(window, 'requestAnimationFrame');
    for (let i = 1; i <= 10; i++) {
      container.scrollTop = i * ROW;
      container.dispatchEvent(new Event('scroll'));
    }
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    await frame();
    expect(positions(container)[0]).toBe(9);
  });

  it('moves the cursor with the keyboard and activates with Enter', async () => {
    const { container, onActivate } = mount();
    list!.setSource(articles(100_000).source);
    await settle();
    const active = () => document.getElementById(container.getAttribute('aria-activedescendant') ?? '');
    expect(active()).toBeNull();
    container.focus(); // focus lands on the first row in view
    expect(active()?.getAttribute('aria-posinset')).toBe('1');
    key(container, 'ArrowDown');
    key(container, 'ArrowDown');
    expect(active()?.getAttribute('aria-posinset')).toBe('3');
    expect(active()?.classList.contains('vlist-row--active')).toBe(true);
    expect(container.querySelectorAll('.vlist-row--active')).toHaveLength(1);
    key(container, 'ArrowUp');
    key(container, 'Enter');
    expect(onActivate).toHaveBeenCalledWith({ id: 'a1', headline: 'Headline 1 v1' }, 1);
  });

  it('scrolls as the cursor leaves the view', async () => {
    const { container } = mount();
    list!.setSource(articles(1000).source);
    await settle();
    container.focus();
    for (let i = 0; i < 12; i++) key(container, 'ArrowDown');
    // The cursor is on index 12, whose bottom is at 260px: a 200px viewport must scroll by 60.
    expect(container.scrollTop).toBe(13 * ROW - VIEWPORT);
  });

  it('puts the cursor on the selected row when the list gets focus', async () => {
    const { container } = mount();
    list!.setSource(articles(1000).source);
    await settle();
    list!.select('a4');
    container.focus();
    expect(document.getElementById(container.getAttribute('aria-activedescendant')!)?.getAttribute('aria-posinset')).toBe(
      '5',
    );
  });

  it('scrolls the cursor into view on End, PageUp and Home', async () => {
    const { container, onActivate } = mount();
    list!.setSource(articles(100_000).source);
    await settle();
    container.focus();
    key(container, 'End');
    expect(container.scrollTop).toBe(100_000 * ROW - VIEWPORT);
    expect(document.getElementById(container.getAttribute('aria-activedescendant')!)?.getAttribute('aria-posinset')).toBe(
      '100000',
    );
    key(container, 'Enter'); // the last page is still loading: nothing to open yet
    expect(onActivate).not.toHaveBeenCalled();
    await settle();
    key(container, 'Enter');
    expect(onActivate).toHaveBeenCalledWith({ id: 'a99999', headline: 'Headline 99999 v1' }, 99_999);

    key(container, 'PageUp'); // 10 rows in view: a page moves 9
    expect(container.getAttribute('aria-activedescendant')).toMatch(/-99990$/);
    key(container, 'Home');
    expect(container.scrollTop).toBe(0);
    expect(container.getAttribute('aria-activedescendant')).toMatch(/-0$/);
  });

  it('activates a row on click', async () => {
    const { container, onActivate } = mount();
    list!.setSource(articles(50).source);
    await settle();
    const row = rows(container).find((element) => element.getAttribute('aria-posinset') === '4')!;
    row.querySelector<HTMLElement>('.headline')!.click();
    expect(onActivate).toHaveBeenCalledWith({ id: 'a3', headline: 'Headline 3 v1' }, 3);
  });

  it('marks the selected row by key, including rows rendered later', async () => {
    const { container } = mount();
    list!.setSource(articles(1000).source);
    await settle();
    list!.select('a2');
    const selected = () => rows(container).filter((row) => row.getAttribute('aria-selected') === 'true');
    expect(selected().map((row) => row.getAttribute('aria-posinset'))).toEqual(['3']);
    list!.select('a500');
    expect(selected()).toHaveLength(0);
    list!.scrollToIndex(500);
    await settle();
    expect(selected().map((row) => row.getAttribute('aria-posinset'))).toEqual(['501']);
  });

  it('refetches the visible pages on refresh and keeps the scroll position', async () => {
    const { container } = mount();
    const first = articles(100_000);
    list!.setSource(first.source);
    container.scrollTop = 3000 * ROW;
    container.dispatchEvent(new Event('scroll'));
    await settle();
    const updated = articles(100_000, 2);
    first.source.fetch = updated.fetch;
    list!.refresh();
    // Until the new copy arrives the old one stays on screen rather than blinking to placeholders.
    expect(container.querySelectorAll('.loading')).toHaveLength(0);
    await settle();
    expect(container.scrollTop).toBe(3000 * ROW);
    expect(updated.fetch).toHaveBeenCalledWith(2900, 100);
    expect(updated.fetch).toHaveBeenCalledWith(3000, 100);
    const row = rows(container).find((element) => element.getAttribute('aria-posinset') === '3001')!;
    expect(row.textContent).toBe('Headline 3000 v2');
  });

  it('updates the set size when refresh brings a new total', async () => {
    const { container } = mount();
    list!.setSource(articles(30).source);
    await settle();
    list!.refresh(31);
    expect(container.querySelector<HTMLElement>('.vlist-spacer')!.style.height).toBe(`${31 * ROW}px`);
    expect(rows(container)[0]!.getAttribute('aria-setsize')).toBe('31');
  });

  it('drops answers for the previous query and returns to the top', async () => {
    const { container } = mount();
    const slow = deferred<Article[]>();
    list!.setSource({ total: 1000, fetch: () => slow.promise });
    container.scrollTop = 400;
    list!.setSource(articles(5).source);
    expect(container.scrollTop).toBe(0);
    slow.resolve([{ id: 'old', headline: 'Old query' }]);
    await settle();
    expect(rows(container)).toHaveLength(5);
    expect(container.textContent).not.toContain('Old query');
    expect(container.textContent).toContain('Headline 0 v1');
  });

  it('shows the empty message, not an option, when nothing matches', async () => {
    const { container } = mount();
    list!.setSource(articles(0).source);
    await settle();
    expect(rows(container)).toHaveLength(0);
    const empty = container.querySelector('.vlist-empty')!;
    expect(empty.textContent).toBe('Nothing found');
    expect(empty.getAttribute('role')).toBeNull();
    expect(container.getAttribute('aria-describedby')).toBe(empty.id);
    list!.setSource(articles(3).source);
    expect(container.querySelector('.vlist-empty')).toBeNull();
  });

  it('leaves the container bare on destroy and ignores late answers', async () => {
    const { container } = mount();
    const slow = deferred<Article[]>();
    list!.setSource({ total: 10, fetch: () => slow.promise });
    list!.destroy();
    slow.resolve([{ id: 'x', headline: 'Late' }]);
    await settle();
    expect(container.childElementCount).toBe(0);
    expect(container.getAttribute('role')).toBeNull();
    list = null;
  });
});

describe('VirtualList neighbours and labels', () => {
  it('finds a loaded row by key and loads the row after it on demand', async () => {
    const { list } = mount();
    const { source, fetch } = articles(1000);
    list.setSource(source);
    await settle();
    expect(list.size).toBe(1000);
    expect(list.indexOf('a5')).toBe(5);
    expect(list.indexOf('a900')).toBe(-1);
    const calls = fetch.mock.calls.length;
    expect((await list.itemAt(900))?.id).toBe('a900');
    expect(fetch.mock.calls.length).toBe(calls + 1);
    expect(list.indexOf('a900')).toBe(900);
    expect(await list.itemAt(1000)).toBeUndefined();
    expect(await list.itemAt(-1)).toBeUndefined();
  });

  it('takes new labels when the language changes', async () => {
    const { container, list } = mount();
    list.setSource({ total: 0, fetch: async () => [] });
    list.setLabels('Материалы', 'Ничего не найдено');
    expect(container.getAttribute('aria-label')).toBe('Материалы');
    expect(container.querySelector('.vlist-empty')?.textContent).toBe('Ничего не найдено');
  });
});
