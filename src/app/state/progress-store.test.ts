import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROGRESS_REDRAW_MS, ProgressStore } from './progress-store.ts';

describe('ProgressStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Subscribe to `key`, recording the value each notification finds. */
  function follow(store: ProgressStore, key: string): (number | undefined)[] {
    const seen: (number | undefined)[] = [];
    store.subscribe(key, () => seen.push(store.get(key)?.bytes));
    return seen;
  }

  it('tells a start and the first bytes at once, later reports at most once a tick, the last exact', () => {
    const store = new ProgressStore();
    const seen = follow(store, 'a');
    store.start('a', 1000);
    expect(seen).toEqual([0]);
    store.report('a', 100, 1000);
    expect(seen).toEqual([0, 100]);
    // Later values are stored at once but heard together on the next tick, as the last one.
    store.report('a', 200, 1000);
    store.report('a', 300, 1000);
    expect(store.get('a')?.bytes).toBe(300);
    expect(seen).toEqual([0, 100]);
    vi.advanceTimersByTime(PROGRESS_REDRAW_MS - 1);
    expect(seen).toEqual([0, 100]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([0, 100, 300]);
    // The final value always arrives, even when nothing follows it.
    store.report('a', 1000, 1000);
    expect(seen).toEqual([0, 100, 300]);
    vi.runAllTimers();
    expect(seen).toEqual([0, 100, 300, 1000]);
    vi.runAllTimers();
    expect(seen).toEqual([0, 100, 300, 1000]);
  });

  it('tells every key of a tick together, and a key started again shows its first bytes at once', () => {
    const store = new ProgressStore();
    const a = follow(store, 'a');
    const b = follow(store, 'b');
    store.start('a', 10);
    store.start('b', 10);
    store.report('a', 1, 10);
    store.report('b', 1, 10);
    store.report('a', 2, 10);
    vi.advanceTimersByTime(PROGRESS_REDRAW_MS / 2);
    store.report('b', 5, 10);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(PROGRESS_REDRAW_MS / 2);
    expect(a).toEqual([0, 1, 2]);
    expect(b).toEqual([0, 1, 5]);
    store.start('a', 10);
    store.report('a', 3, 10);
    expect(a).toEqual([0, 1, 2, 0, 3]);
  });

  it('keeps a job’s start time across reports, for its rate', () => {
    const store = new ProgressStore();
    store.start('a', 10);
    const started = store.get('a')!.startedAt;
    vi.advanceTimersByTime(500);
    store.report('a', 5, 10);
    expect(store.get('a')!.startedAt).toBe(started);
  });
});
