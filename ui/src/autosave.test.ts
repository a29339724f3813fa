import { describe, expect, it } from 'vitest';

import { Autosaver, type SaveState, type Timers } from './autosave';

function fakeTimers() {
  let next = 1;
  const pending = new Map<number, () => void>();
  const timers: Timers = {
    set: (callback) => {
      pending.set(next, callback);
      return next++;
    },
    clear: (handle) => void pending.delete(handle),
    now: () => 0,
  };
  const fire = () => {
    const callbacks = [...pending.values()];
    pending.clear();
    callbacks.forEach((callback) => callback());
  };
  return { timers, fire, pending };
}

describe('Autosaver', () => {
  it('saves once after typing pauses, not on every keystroke', async () => {
    const { timers, fire, pending } = fakeTimers();
    let saves = 0;
    const states: SaveState[] = [];
    const saver = new Autosaver(async () => void saves++, (s) => states.push(s), 800, 1000, timers);
    saver.changed();
    saver.changed();
    saver.changed();
    expect(pending.size).toBe(1);
    fire();
    await saver.flush();
    expect(saves).toBe(1);
    expect(states.at(-1)).toBe('saved');
  });

  it('flushes at once on blur and does nothing when clean', async () => {
    const { timers } = fakeTimers();
    let saves = 0;
    const saver = new Autosaver(async () => void saves++, () => {}, 800, 1000, timers);
    await saver.flush();
    expect(saves).toBe(0);
    saver.changed();
    await saver.flush();
    expect(saves).toBe(1);
  });

  it('keeps the text unsaved after a failure and retries on the next flush', async () => {
    const { timers } = fakeTimers();
    let fail = true;
    let saves = 0;
    const errors: string[] = [];
    const saver = new Autosaver(
      async () => {
        if (fail) throw { code: 'internal', message: 'disk full' };
        saves++;
      },
      (state, error) => state === 'failed' && errors.push(error ?? ''),
      800,
      1000,
      timers,
    );
    saver.changed();
    await saver.flush();
    expect(saver.state).toBe('failed');
    expect(errors).toEqual(['disk full']);
    fail = false;
    await saver.flush();
    expect(saves).toBe(1);
    expect(saver.state).toBe('saved');
  });
});

// A clock that moves only when told, with timers that fire when their time comes.
function steppedTime() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    set: (callback, ms) => {
      pending.set(next, { at: now + ms, callback });
      return next++;
    },
    clear: (handle) => void pending.delete(handle),
    now: () => now,
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const [handle, timer] of [...pending]) {
      if (timer.at <= now) {
        pending.delete(handle);
        timer.callback();
      }
    }
    await Promise.resolve();
  };
  return { timers, advance };
}

describe('Autosaver while typing never pauses', () => {
  it('saves at least once a second, so a killed app loses at most the last second', async () => {
    const { timers, advance } = steppedTime();
    const savedAt: number[] = [];
    const saver = new Autosaver(async () => void savedAt.push(timers.now()), () => {}, 600, 900, timers);
    for (let typed = 0; typed < 40; typed++) {
      saver.changed(); // a keystroke every 100 ms for 4 s
      await advance(100);
    }
    expect(savedAt.length).toBeGreaterThanOrEqual(4);
    const gaps = savedAt.map((at, i) => at - (savedAt[i - 1] ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1000);
  });

  it('tries a failed save again by itself, waiting longer each time, and says when the words are safe', async () => {
    const { timers, fire, pending } = fakeTimers();
    let failuresLeft = 3;
    let saves = 0;
    const waits: number[] = [];
    const recording: Timers = { ...timers, set: (callback, ms) => (waits.push(ms), timers.set(callback, ms)) };
    const states: SaveState[] = [];
    const saver = new Autosaver(
      async () => {
        if (failuresLeft-- > 0) throw { code: 'busy', message: 'the store is busy' };
        saves++;
      },
      (state) => states.push(state),
      800,
      1000,
      recording,
      [2_000, 5_000],
    );
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    saver.changed();
    fire();
    await settle();
    expect(saver.state).toBe('failed');
    expect(pending.size).toBe(1);
    for (let retry = 0; retry < 3; retry++) {
      fire();
      await settle();
    }
    expect(saves).toBe(1);
    expect(saver.state).toBe('saved');
    // The retries never say "saving": the failure stays said until the words are safe.
    expect(states).toEqual(['unsaved', 'saving', 'failed', 'failed', 'failed', 'saved']);
    // The debounce, then one wait per failure, the last one repeated.
    expect(waits).toEqual([800, 2_000, 5_000, 5_000]);
    expect(pending.size).toBe(0);
    expect(await saver.flush()).toBe(true);
  });

  it('discards unsaved text only when asked, and then tries nothing more', async () => {
    const { timers, pending } = fakeTimers();
    let saves = 0;
    const saver = new Autosaver(async () => { saves++; throw new Error('read-only'); }, () => {}, 800, 1000, timers);
    saver.changed();
    expect(await saver.flush()).toBe(false);
    // Typing on after a failure: unsaved, and still failing until a save succeeds.
    saver.changed();
    expect(saver.state).toBe('unsaved');
    expect(saver.failing).toBe(true);
    await saver.discard();
    expect(saver.failing).toBe(false);
    expect(pending.size).toBe(0);
    expect(saver.state).toBe('saved');
    expect(await saver.flush()).toBe(true);
    expect(saves).toBe(1);
  });
});
