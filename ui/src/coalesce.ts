// Runs a job as soon as it is asked for, but never twice at once: requests made while a run is in
// flight fold into one more run when it ends. The live preview uses it so a keystroke starts a
// render at once (no debounce delay) and a fast typist never queues up stale renders.

export class Coalescer {
  private running = false;
  /** When the oldest request not yet served was made. */
  private pendingSince: number | null = null;

  constructor(
    /** The job; `since` is when the oldest request it serves was made. */
    private readonly run: (since: number) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  request(): void {
    this.pendingSince ??= this.now();
    if (!this.running) void this.drain();
  }

  /** Drops requests not yet started (another article was opened). */
  cancel(): void {
    this.pendingSince = null;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.pendingSince !== null) {
        const since = this.pendingSince;
        this.pendingSince = null;
        try {
          await this.run(since);
        } catch (error) {
          this.onError(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
