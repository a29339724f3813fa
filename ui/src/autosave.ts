// When to save: shortly after typing stops, at least once a second while typing goes on (so a
// killed process loses at most the last second), and at once on blur, on switching article and on
// close. A save that fails keeps the text unsaved and is tried again by itself, sooner at first and
// then every half minute, until it succeeds; `flush` says whether the words are safe, so nothing
// leaves the article while they are not. Pure logic with injected timers so it is tested without a
// browser.

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed';

export interface Timers {
  set(callback: () => void, ms: number): number;
  clear(handle: number): void;
  now(): number;
}

export class Autosaver {
  private timer: number | null = null;
  private dirty = false;
  /** When the oldest unsaved change was made, while one is waiting. */
  private unsavedSince: number | null = null;
  private running: Promise<void> | null = null;
  /** Saves failed in a row: the next try waits longer. */
  private failures = 0;
  state: SaveState = 'saved';

  constructor(
    private readonly save: () => Promise<void>,
    private readonly onState: (state: SaveState, error?: string) => void,
    private readonly delayMs = 600,
    private readonly maxWaitMs = 900,
    private readonly timers: Timers = {
      set: (callback, ms) => window.setTimeout(callback, ms),
      clear: (handle) => window.clearTimeout(handle),
      now: () => performance.now(),
    },
    private readonly retryMs: readonly number[] = [2_000, 5_000, 10_000, 30_000],
  ) {}

  /** The text changed: save once typing has paused for `delayMs`, or `maxWaitMs` after the oldest
   * unsaved change if typing never pauses. */
  changed(): void {
    this.dirty = true;
    this.setState('unsaved');
    const now = this.timers.now();
    this.unsavedSince ??= now;
    if (this.timer !== null) this.timers.clear(this.timer);
    const wait = Math.max(0, Math.min(this.delayMs, this.unsavedSince + this.maxWaitMs - now));
    this.timer = this.timers.set(() => void this.flush(), wait);
  }

  /** Save now if anything is unsaved (blur, switching article, closing the window). Resolves to
   * whether everything is saved now: `false` means the text is only on screen (and wherever the
   * failure handler kept it), and a retry is scheduled. */
  async flush(): Promise<boolean> {
    this.clearTimer();
    if (this.running) await this.running;
    if (!this.dirty) return true;
    this.dirty = false;
    this.unsavedSince = null;
    // After a failure the desk keeps saying so (why, where the words are, that Galley tries again)
    // until a save lands: a retry that may wait out the store's busy timeout is not "saving".
    if (!this.failing) this.setState('saving');
    this.running = this.save()
      .then(() => {
        this.failures = 0;
        if (!this.dirty) this.setState('saved');
      })
      .catch((error: unknown) => {
        // The text stays in the editor and is tried again: by itself, or on the next change or flush.
        this.dirty = true;
        this.failures += 1;
        this.setState('failed', error instanceof Error ? error.message : String((error as { message?: string })?.message ?? error));
        const wait = this.retryMs[Math.min(this.failures, this.retryMs.length) - 1];
        if (this.timer === null) this.timer = this.timers.set(() => void this.flush(), wait);
      })
      .finally(() => {
        this.running = null;
      });
    await this.running;
    return !this.dirty;
  }

  /** Whether the last save failed and none has succeeded since (typing meanwhile does not change
   * that: the words are still not in the store). */
  get failing(): boolean {
    return this.failures > 0;
  }

  /** Forgets unsaved changes (the user chose to leave text kept elsewhere): no more saves or
   * retries; resolves once a save already under way has ended, so none lands after the editor
   * moved on. */
  async discard(): Promise<void> {
    this.clearTimer();
    if (this.running) await this.running;
    this.clearTimer();
    this.dirty = false;
    this.unsavedSince = null;
    this.failures = 0;
    this.setState('saved');
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      this.timers.clear(this.timer);
      this.timer = null;
    }
  }

  private setState(state: SaveState, error?: string): void {
    this.state = state;
    this.onState(state, error);
  }
}
