import { describe, expect, it } from 'vitest';

import { Coalescer } from './coalesce';

/** A coalescer whose runs each wait for `finish()`; `runs` holds the `since` of each run. */
function heldRuns(now: () => number) {
  const runs: number[] = [];
  let release: () => void = () => {};
  const coalescer = new Coalescer(
    (since) => {
      runs.push(since);
      return new Promise<void>((resolve) => (release = resolve));
    },
    () => {},
    now,
  );
  return { coalescer, runs, finish: () => release() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('Coalescer', () => {
  it('starts at once, and folds requests made during a run into one more run', async () => {
    let now = 0;
    const { coalescer, runs, finish } = heldRuns(() => now);
    coalescer.request();
    expect(runs).toEqual([0]);
    for (now = 10; now <= 50; now += 10) coalescer.request();
    expect(runs).toEqual([0]);
    finish();
    await settle();
    expect(runs).toEqual([0, 10]);
    finish();
    await settle();
    expect(runs).toEqual([0, 10]);
  });

  it('keeps going after a failed run and reports it', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const coalescer = new Coalescer(
      async () => {
        calls++;
        if (calls === 1) throw new Error('render failed');
      },
      (error) => errors.push(error),
    );
    coalescer.request();
    await settle();
    coalescer.request();
    await settle();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('drops requests not yet started when cancelled', async () => {
    const { coalescer, runs, finish } = heldRuns(() => 0);
    coalescer.request();
    coalescer.request();
    coalescer.cancel();
    finish();
    await settle();
    expect(runs).toHaveLength(1);
  });
});
