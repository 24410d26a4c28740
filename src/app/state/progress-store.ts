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

/** Live progress of worker jobs by key (a digest). */
export class ProgressStore extends KeyedStore<JobProgress> {
  /** Record progress for a key and notify its subscribers. */
  report(key: string, bytes: number, total: number, uncompressed = 0): void {
    const now = performance.now();
    const prev = this.get(key);
    this.set(key, { bytes, total, uncompressed, startedAt: prev?.startedAt ?? now, at: now });
  }

  /** Mark a job as started (for rates measured from its real start, not its first report). */
  start(key: string, total: number): void {
    this.report(key, 0, total);
  }
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
