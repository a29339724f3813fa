// When to save: shortly after typing stops, at least once a second while typing goes on (so a
// killed process loses at most the last second), and at once on blur, on switching article and on
// close. Pure logic with injected timers so it is tested without a browser.

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

  /** Save now if anything is unsaved (blur, switching article, closing the window). */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      this.timers.clear(this.timer);
      this.timer = null;
    }
    if (this.running) await this.running;
    if (!this.dirty) return;
    this.dirty = false;
    this.unsavedSince = null;
    this.setState('saving');
    this.running = this.save()
      .then(() => {
        if (!this.dirty) this.setState('saved');
      })
      .catch((error: unknown) => {
        // The text stays in the editor and is tried again on the next change or flush.
        this.dirty = true;
        this.setState('failed', error instanceof Error ? error.message : String((error as { message?: string })?.message ?? error));
      })
      .finally(() => {
        this.running = null;
      });
    await this.running;
  }

  private setState(state: SaveState, error?: string): void {
    this.state = state;
    this.onState(state, error);
  }
}
