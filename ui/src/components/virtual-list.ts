// A windowed listbox for lists too long to build in full (the article list, 100,000+ rows):
// only the rows in view plus an overscan exist in the DOM, and data arrives in pages.
// It must not hold every item, build a row per item, or own any user-facing text:
// every visible or spoken string comes through the options.

export interface ListSource<T> {
  total: number;
  fetch(offset: number, limit: number): Promise<T[]>;
}

export interface VirtualListOptions<T> {
  /** Height of every row, in px; rows cannot grow, so their content must fit (clamp long text). */
  rowHeight: number;
  /** A row's content; the list wraps it in its own option element. */
  render(item: T, index: number): HTMLElement;
  /** Shown while the row's page loads; an empty block if omitted. */
  placeholder?(index: number): HTMLElement;
  /** Stable id of an item, for selection. */
  key(item: T): string;
  /** Click or Enter on a loaded row. */
  onActivate(item: T, index: number): void;
  /** Accessible name of the listbox. */
  label: string;
  /** Message shown when the source has no rows. */
  empty: string;
  /** Rows per fetch; 100 if omitted. */
  pageSize?: number;
  /** Rows built beyond each edge of the view; 5 if omitted. */
  overscan?: number;
  /** Pages kept in memory at most (more while the view itself needs them); 20 if omitted. */
  maxPages?: number;
  /** Used when the container reports no height (hidden, or a DOM without layout as in tests). */
  viewportHeight?(): number;
  /** A page failed to load; its rows stay placeholders until they are scrolled to again. */
  onError?(error: unknown): void;
}

export interface Range {
  start: number;
  /** Exclusive. */
  end: number;
}

/** Rows to build for a scroll position: the ones in view, widened by `overscan`, clamped to the list. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan: number,
): Range {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const viewport = Math.max(0, viewportHeight);
  // A browser clamps scrollTop to the content; a stale or synthetic value must not give an empty view.
  const maxScroll = Math.max(0, total * rowHeight - viewport);
  const top = Math.min(Math.max(0, scrollTop), maxScroll);
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + viewport) / rowHeight);
  const pad = Math.max(0, Math.floor(overscan));
  return { start: Math.max(0, first - pad), end: Math.min(total, Math.max(last, first + 1) + pad) };
}

export interface PageCacheOptions {
  pageSize?: number;
  maxPages?: number;
  /** A page arrived for the current source: time to re-render. */
  onLoad?(page: number): void;
  onError?(error: unknown): void;
}

type Fetch<T> = (offset: number, limit: number) => Promise<T[]>;

/**
 * Items by index, loaded a page at a time. Knows which pages are loaded or in flight, asks for
 * a page at most once at a time, ignores answers meant for an older source, and forgets pages
 * far from the view so memory stays bounded however far the user scrolls.
 */
export class PageCache<T> {
  readonly pageSize: number;
  readonly maxPages: number;
  private pages = new Map<number, T[]>();
  /** Pages kept from before a refresh: shown until their fresh copy arrives, so rows do not blink. */
  private stale = new Set<number>();
  private inFlight = new Map<number, Promise<void>>();
  private fetcher: Fetch<T> | null = null;
  private gen = 0;
  private keep: Range = { start: 0, end: 0 };

  constructor(private readonly options: PageCacheOptions = {}) {
    this.pageSize = Math.max(1, Math.floor(options.pageSize ?? 100));
    this.maxPages = Math.max(1, Math.floor(options.maxPages ?? 20));
  }

  /** Bumped whenever answers already on their way become worthless. */
  get generation(): number {
    return this.gen;
  }

  /** A new query: forget everything, including answers still on their way. */
  setSource(fetch: Fetch<T> | null): void {
    this.fetcher = fetch;
    this.gen++;
    this.pages.clear();
    this.stale.clear();
    this.inFlight.clear();
  }

  /**
   * Same query, changed data: keep the pages overlapping `view` for display but fetch them
   * again, and drop the rest. Answers still on their way may predate the change, so they are dropped too.
   */
  invalidate(view: Range): void {
    this.gen++;
    this.inFlight.clear();
    const first = this.pageOf(view.start);
    const last = this.pageOf(Math.max(view.start, view.end - 1));
    for (const page of [...this.pages.keys()]) {
      if (page >= first && page <= last && view.end > view.start) this.stale.add(page);
      else this.drop(page);
    }
  }

  pageOf(index: number): number {
    return Math.floor(index / this.pageSize);
  }

  get(index: number): T | undefined {
    return this.pages.get(this.pageOf(index))?.[index % this.pageSize];
  }

  /** Loaded and current (a page kept from before a refresh does not count). */
  isLoaded(page: number): boolean {
    return this.pages.has(page) && !this.stale.has(page);
  }

  isLoading(page: number): boolean {
    return this.inFlight.has(page);
  }

  /** Pages held in memory, in ascending order. */
  get loadedPages(): number[] {
    return [...this.pages.keys()].sort((a, b) => a - b);
  }

  /** Starts loading every page the range touches that is neither current nor on its way; resolves when they settle. */
  ensure(range: Range): Promise<void> {
    this.keep = range;
    const loads: Promise<void>[] = [];
    if (this.fetcher === null || range.end <= range.start) return Promise.resolve();
    for (let page = this.pageOf(range.start); page <= this.pageOf(range.end - 1); page++) {
      const pending = this.inFlight.get(page);
      if (pending) loads.push(pending);
      else if (!this.isLoaded(page)) loads.push(this.load(page, this.fetcher));
    }
    this.evict();
    return Promise.all(loads).then(() => undefined);
  }

  private load(page: number, fetch: Fetch<T>): Promise<void> {
    const gen = this.gen;
    // Calling the source a microtask later keeps a synchronous throw on the same path as a rejection.
    const done = Promise.resolve()
      .then(() => fetch(page * this.pageSize, this.pageSize))
      .then(
        (items) => {
          if (gen !== this.gen) return;
          this.pages.set(page, items.slice(0, this.pageSize));
          this.stale.delete(page);
          this.evict();
          this.options.onLoad?.(page);
        },
        (error: unknown) => {
          if (gen === this.gen) this.options.onError?.(error);
        },
      )
      .finally(() => {
        if (this.inFlight.get(page) === done) this.inFlight.delete(page);
      });
    this.inFlight.set(page, done);
    return done;
  }

  /** Drops the pages farthest from the last requested range until at most `maxPages` remain, never one the range needs. */
  private evict(): void {
    if (this.pages.size <= this.maxPages) return;
    const first = this.pageOf(this.keep.start);
    const last = this.pageOf(Math.max(this.keep.start, this.keep.end - 1));
    const distance = (page: number) => (page < first ? first - page : page > last ? page - last : 0);
    const candidates = [...this.pages.keys()].filter((page) => distance(page) > 0).sort((a, b) => distance(b) - distance(a));
    for (const page of candidates) {
      if (this.pages.size <= this.maxPages) break;
      this.drop(page);
    }
  }

  private drop(page: number): void {
    this.pages.delete(page);
    this.stale.delete(page);
  }
}

interface Row<T> {
  element: HTMLElement;
  index: number;
  /** Whether the content matches `index`; a row moved to another index must be filled again. */
  filled: boolean;
  /** What the row shows; `undefined` means its placeholder. */
  item: T | undefined;
}

let lists = 0;

export class VirtualList<T> {
  /** The listbox: the container itself, which is also the scrolling element. */
  readonly element: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly emptyElement: HTMLElement;
  private readonly cache: PageCache<T>;
  private readonly idPrefix: string;
  private readonly overscan: number;
  private source: ListSource<T> | null = null;
  private total = 0;
  private rows = new Map<number, Row<T>>();
  private selectedKey: string | null = null;
  /** Keyboard focus cursor (aria-activedescendant), -1 for none. */
  private cursor = -1;
  private frame: number | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private destroyed = false;

  constructor(container: HTMLElement, private readonly options: VirtualListOptions<T>) {
    this.element = container;
    this.idPrefix = `vlist-${++lists}`;
    this.overscan = Math.max(0, options.overscan ?? 5);
    this.cache = new PageCache<T>({
      pageSize: options.pageSize,
      maxPages: options.maxPages,
      onLoad: () => this.schedule(),
      onError: options.onError,
    });

    container.classList.add('vlist');
    container.setAttribute('role', 'listbox');
    container.setAttribute('aria-label', options.label);
    container.tabIndex = 0;

    this.spacer = document.createElement('div');
    this.spacer.className = 'vlist-spacer';
    this.spacer.setAttribute('role', 'presentation');
    this.emptyElement = document.createElement('div');
    this.emptyElement.className = 'vlist-empty';
    this.emptyElement.id = `${this.idPrefix}-empty`;
    this.emptyElement.textContent = options.empty;
    container.replaceChildren(this.spacer);

    container.addEventListener('scroll', this.onScroll, { passive: true });
    container.addEventListener('keydown', this.onKeyDown);
    container.addEventListener('click', this.onClick);
    container.addEventListener('focus', this.onFocus);
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(() => this.schedule());
      this.resizeObserver.observe(container);
    }
  }

  /** New data (the search or filter changed): forgets every loaded page and returns to the top. */
  setSource(source: ListSource<T>): void {
    this.source = source;
    this.total = Math.max(0, source.total);
    this.cache.setSource((offset, limit) => source.fetch(offset, limit));
    this.cursor = -1;
    this.element.scrollTop = 0;
    this.render();
  }

  /** Same query, changed data (after a save): fetches the visible pages again and keeps the scroll position. */
  refresh(total?: number): void {
    if (!this.source) return;
    this.total = Math.max(0, total ?? this.source.total);
    if (this.cursor >= this.total) this.cursor = this.total - 1;
    this.cache.invalidate(this.range());
    this.render();
  }

  /** Marks the row whose key matches as the current one; `null` clears it. */
  select(key: string | null): void {
    this.selectedKey = key;
    for (const row of this.rows.values()) this.markSelected(row);
  }

  /** New accessible name and empty-list message (the UI changed language). */
  setLabels(label: string, empty: string): void {
    this.element.setAttribute('aria-label', label);
    this.emptyElement.textContent = empty;
  }

  /** How many rows the list holds. */
  get size(): number {
    return this.total;
  }

  /** The index of the loaded row with this key, or -1 when it is not among the loaded pages. */
  indexOf(key: string): number {
    for (const page of this.cache.loadedPages) {
      const start = page * this.cache.pageSize;
      for (let index = start; index < Math.min(start + this.cache.pageSize, this.total); index++) {
        const item = this.cache.get(index);
        if (item !== undefined && this.options.key(item) === key) return index;
      }
    }
    return -1;
  }

  /** The item at `index`, loading its page if needed; undefined past the ends or when loading fails. */
  async itemAt(index: number): Promise<T | undefined> {
    if (index < 0 || index >= this.total) return undefined;
    await this.cache.ensure({ start: index, end: index + 1 });
    return this.cache.get(index);
  }

  /** Scrolls as little as needed to show the row whole. */
  scrollToIndex(index: number): void {
    if (this.total === 0) return;
    const clamped = Math.min(Math.max(0, Math.floor(index)), this.total - 1);
    const top = clamped * this.options.rowHeight;
    const bottom = top + this.options.rowHeight;
    const viewport = this.viewportHeight();
    const scrollTop = this.element.scrollTop;
    if (top < scrollTop) this.element.scrollTop = top;
    else if (bottom > scrollTop + viewport) this.element.scrollTop = Math.max(0, bottom - viewport);
    this.render();
  }

  destroy(): void {
    this.destroyed = true;
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.resizeObserver?.disconnect();
    this.cache.setSource(null);
    const container = this.element;
    container.removeEventListener('scroll', this.onScroll);
    container.removeEventListener('keydown', this.onKeyDown);
    container.removeEventListener('click', this.onClick);
    container.removeEventListener('focus', this.onFocus);
    container.replaceChildren();
    container.classList.remove('vlist');
    for (const name of ['role', 'aria-label', 'aria-activedescendant', 'aria-describedby', 'tabindex']) container.removeAttribute(name);
    this.rows.clear();
  }

  private viewportHeight(): number {
    const height = this.element.clientHeight;
    return height > 0 ? height : Math.max(0, this.options.viewportHeight?.() ?? 0);
  }

  private range(): Range {
    return visibleRange(this.element.scrollTop, this.viewportHeight(), this.options.rowHeight, this.total, this.overscan);
  }

  private schedule(): void {
    if (this.frame !== null || this.destroyed) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.render();
    });
  }

  private render(): void {
    if (this.destroyed) return;
    const showEmpty = this.source !== null && this.total === 0;
    this.spacer.style.height = `${this.total * this.options.rowHeight}px`;
    if (showEmpty !== this.emptyElement.isConnected) {
      // A listbox with no options says nothing on focus; describing it by the message does.
      if (showEmpty) {
        this.element.append(this.emptyElement);
        this.element.setAttribute('aria-describedby', this.emptyElement.id);
      } else {
        this.emptyElement.remove();
        this.element.removeAttribute('aria-describedby');
      }
    }

    const range = this.range();
    const kept = new Map<number, Row<T>>();
    const free: Row<T>[] = [];
    for (const row of this.rows.values()) {
      if (row.index >= range.start && row.index < range.end) kept.set(row.index, row);
      else free.push(row);
    }
    for (let index = range.start; index < range.end; index++) {
      let row = kept.get(index);
      if (!row) {
        row = free.pop() ?? this.createRow();
        if (!row.element.isConnected) this.spacer.append(row.element);
        this.place(row, index);
        kept.set(index, row);
      }
      this.fill(row);
    }
    for (const row of free) row.element.remove();
    this.rows = kept;
    this.updateActiveDescendant();
    void this.cache.ensure(range);
  }

  private createRow(): Row<T> {
    const element = document.createElement('div');
    element.className = 'vlist-row';
    element.setAttribute('role', 'option');
    element.style.height = `${this.options.rowHeight}px`;
    return { element, index: -1, filled: false, item: undefined };
  }

  private place(row: Row<T>, index: number): void {
    row.index = index;
    row.filled = false;
    const element = row.element;
    element.id = `${this.idPrefix}-${index}`;
    element.dataset.index = String(index);
    element.style.transform = `translateY(${index * this.options.rowHeight}px)`;
    element.setAttribute('aria-posinset', String(index + 1));
  }

  /** Rebuilds a row's content only when what it shows changed, so scrolling does not re-render kept rows. */
  private fill(row: Row<T>): void {
    const element = row.element;
    element.setAttribute('aria-setsize', String(this.total));
    const item = this.cache.get(row.index);
    if (row.filled && item === row.item) return;
    row.filled = true;
    row.item = item;
    if (item === undefined) {
      const placeholder = this.options.placeholder?.(row.index) ?? document.createElement('div');
      placeholder.classList.add('vlist-placeholder');
      element.replaceChildren(placeholder);
      element.setAttribute('aria-busy', 'true');
    } else {
      element.replaceChildren(this.options.render(item, row.index));
      element.removeAttribute('aria-busy');
    }
    this.markSelected(row);
  }

  private markSelected(row: Row<T>): void {
    const selected = row.item !== undefined && this.selectedKey !== null && this.options.key(row.item) === this.selectedKey;
    row.element.setAttribute('aria-selected', String(selected));
  }

  private updateActiveDescendant(): void {
    // aria-activedescendant must name an element that exists, so it goes while the cursor row is scrolled away.
    const row = this.cursor >= 0 ? this.rows.get(this.cursor) : undefined;
    if (row) this.element.setAttribute('aria-activedescendant', row.element.id);
    else this.element.removeAttribute('aria-activedescendant');
    for (const other of this.rows.values()) other.element.classList.toggle('vlist-row--active', other === row);
  }

  private moveCursor(index: number): void {
    if (this.total === 0) return;
    this.cursor = Math.min(Math.max(0, index), this.total - 1);
    this.scrollToIndex(this.cursor);
  }

  private activate(index: number): void {
    const item = this.cache.get(index);
    if (item !== undefined) this.options.onActivate(item, index);
  }

  private readonly onScroll = (): void => this.schedule();

  private readonly onFocus = (): void => {
    if (this.cursor >= 0 || this.total === 0) return;
    // Start from the current article if it is on screen, else from the first row in view.
    const selected = [...this.rows.values()].find((row) => row.element.getAttribute('aria-selected') === 'true');
    const firstInView = Math.min(this.total - 1, Math.floor(this.element.scrollTop / this.options.rowHeight));
    this.cursor = selected?.index ?? firstInView;
    this.updateActiveDescendant();
  };

  private readonly onClick = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target.closest<HTMLElement>('.vlist-row') : null;
    if (!target || !this.element.contains(target)) return;
    const index = Number(target.dataset.index);
    if (!Number.isInteger(index)) return;
    this.cursor = index;
    this.updateActiveDescendant();
    this.activate(index);
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.altKey || event.ctrlKey || event.metaKey || this.total === 0) return;
    const page = Math.max(1, Math.floor(this.viewportHeight() / this.options.rowHeight) - 1);
    const from = this.cursor;
    switch (event.key) {
      case 'ArrowDown':
        this.moveCursor(from + 1);
        break;
      case 'ArrowUp':
        this.moveCursor(from < 0 ? 0 : from - 1);
        break;
      case 'PageDown':
        this.moveCursor(Math.max(0, from) + page);
        break;
      case 'PageUp':
        this.moveCursor(Math.max(0, from) - page);
        break;
      case 'Home':
        this.moveCursor(0);
        break;
      case 'End':
        this.moveCursor(this.total - 1);
        break;
      case 'Enter':
        if (this.cursor < 0) return;
        this.activate(this.cursor);
        break;
      default:
        return;
    }
    // The list scrolls itself to the cursor; the browser's own scrolling for these keys would fight it.
    event.preventDefault();
  };
}
