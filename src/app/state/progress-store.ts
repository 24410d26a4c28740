import { useSyncExternalStore } from 'react';

/** Progress of one running job: bytes done of total, when it started, and bytes produced. */
export interface JobProgress {
  bytes: number;
  total: number;
  uncompressed: number;
  startedAt: number;
  /** performance.now() of the latest report. */
  at: number;
}

/**
 * Live values by key, kept outside TanStack Query on purpose: progress changes many times a
 * second and only the one component showing a key should re-render.
 */
export class KeyedStore<V> {
  private readonly values = new Map<string, V>();
  private readonly listeners = new Map<string, Set<() => void>>();

  /** Set a key's value and notify its subscribers. */
  set(key: string, value: V): void {
    this.values.set(key, value);
    this.notify(key);
  }

  /** Tell a key's subscribers its value changed. */
  protected notify(key: string): void {
    this.listeners.get(key)?.forEach((l) => l());
  }

  get(key: string): V | undefined {
    return this.values.get(key);
  }

  subscribe(key: string, listener: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }
}

/**
 * How often a running job's bar is redrawn at most. Each redraw is a render, a layout and a
 * paint on the page's thread, taken from the workers the jobs run on (two workers fill a
 * 2-core machine): a report every 50 ms from each job was 40-60 redraws a second.
 */
export const PROGRESS_REDRAW_MS = 100;

/**
 * Live progress of worker jobs by key (a digest). A value is stored as it comes (`get` is always
 * exact), but its subscribers hear of it at most every PROGRESS_REDRAW_MS, every key in one
 * batch (one render for every bar): at once for a job's start and its first bytes, so a bar
 * shows as soon as its job runs, then on the next tick.
 */
export class ProgressStore extends KeyedStore<JobProgress> {
  private readonly due = new Set<string>();
  private readonly shown = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** Record progress for a key; its subscribers hear of it at once or on the next tick. */
  report(key: string, bytes: number, total: number, uncompressed = 0): void {
    const now = performance.now();
    const prev = this.get(key);
    this.set(key, { bytes, total, uncompressed, startedAt: prev?.startedAt ?? now, at: now });
  }

  /** Mark a job as started (for rates measured from its real start, not its first report). */
  start(key: string, total: number): void {
    this.shown.delete(key);
    this.report(key, 0, total);
  }

  protected override notify(key: string): void {
    const bytes = this.get(key)?.bytes ?? 0;
    // A start, and the first bytes after it, change what the row shows (queued, a bar, its first
    // fill): at once. Later values only move the bar: with the others, on the next tick.
    if (bytes === 0 || !this.shown.has(key)) {
      if (bytes > 0) this.shown.add(key);
      this.due.delete(key);
      super.notify(key);
      return;
    }
    this.due.add(key);
    this.timer ??= setTimeout(this.flush, PROGRESS_REDRAW_MS);
  }

  private readonly flush = (): void => {
    this.timer = null;
    const keys = [...this.due];
    this.due.clear();
    for (const k of keys) super.notify(k);
  };
}

/** The progress key of a layer's digest hash; its listing reports under the digest itself. */
export const verifyProgressKey = (digest: string): string => `verify ${digest}`;

/** Bytes per second of a progress report (0 until there is a measurable interval). */
export function rate(p: JobProgress): number {
  const seconds = (p.at - p.startedAt) / 1000;
  return seconds > 0.05 ? p.bytes / seconds : 0;
}

/** Subscribe to one key's value. */
export function useKeyed<V>(store: KeyedStore<V> | undefined, key: string): V | undefined {
  return useSyncExternalStore(
    (cb) => (store ? store.subscribe(key, cb) : () => {}),
    () => store?.get(key),
    () => undefined,
  );
}

/** Subscribe to one key's progress. */
export function useJobProgress(
  store: ProgressStore | undefined,
  key: string,
): JobProgress | undefined {
  return useKeyed(store, key);
}
