import { describe, expect, it } from 'vitest';

import { Coalescer } from './coalesce';

describe('Coalescer', () => {
  it('starts at once, and folds requests made during a run into one more run', async () => {
    let now = 0;
    const runs: number[] = [];
    let finish: () => void = () => {};
    const coalescer = new Coalescer(
      (since) => {
        runs.push(since);
        return new Promise<void>((resolve) => (finish = resolve));
      },
      () => {},
      () => now,
    );
    coalescer.request();
    expect(runs).toEqual([0]);
    for (now = 10; now <= 50; now += 10) coalescer.request();
    expect(runs).toEqual([0]);
    finish();
    await new Promise((resolve) => setTimeout(resolve));
    expect(runs).toEqual([0, 10]);
    finish();
    await new Promise((resolve) => setTimeout(resolve));
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
    await new Promise((resolve) => setTimeout(resolve));
    coalescer.request();
    await new Promise((resolve) => setTimeout(resolve));
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('drops requests not yet started when cancelled', async () => {
    const runs: number[] = [];
    let finish: () => void = () => {};
    const coalescer = new Coalescer(
      (since) => {
        runs.push(since);
        return new Promise<void>((resolve) => (finish = resolve));
      },
      () => {},
      () => runs.length,
    );
    coalescer.request();
    coalescer.request();
    coalescer.cancel();
    finish();
    await new Promise((resolve) => setTimeout(resolve));
    expect(runs).toHaveLength(1);
  });
});
