import { hashKey, useQueryClient, type QueryKey, type QueryState } from '@tanstack/react-query';
import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * Observe one query's state without a QueryObserver: the checks are started by the session,
 * components only read them, and a graph may draw hundreds of nodes. This subscribes to the
 * cache and re-renders only when this key's state changes.
 *
 * Changes render as transitions, not through useSyncExternalStore (whose updates React must
 * render synchronously): a finished job can touch every node, row and summary at once, and a
 * transition lets React render that in slices of a few milliseconds. Measured on 2 cores with
 * both busy in workers: the main thread gets a core back in short slices, so a 15 ms render
 * done in one piece could wait past 50 ms of wall time.
 */
export function useQueryState<T>(key: QueryKey | null): QueryState<T, Error> | undefined {
  const client = useQueryClient();
  const hash = key === null ? null : hashKey(key);
  const read = (): QueryState<T, Error> | undefined =>
    hash === null
      ? undefined
      : (client.getQueryCache().get(hash)?.state as QueryState<T, Error> | undefined);
  const [seen, setSeen] = useState(() => ({ hash, state: read() }));
  useEffect(() => {
    if (hash === null) return;
    const cache = client.getQueryCache();
    const update = (): void => {
      const state = cache.get(hash)?.state as QueryState<T, Error> | undefined;
      startTransition(() =>
        setSeen((prev) => (prev.hash === hash && prev.state === state ? prev : { hash, state })),
      );
    };
    // A change between this render and this effect would otherwise be missed.
    update();
    return cache.subscribe((event) => {
      if (event.query.queryHash === hash) update();
    });
  }, [client, hash]);
  // Until the effect has caught up with a new key, read the cache directly.
  return seen.hash === hash ? seen.state : read();
}

/**
 * A number that changes whenever a query whose key matches changes (for summaries over many
 * queries). With `throttleMs`, it changes at most once per that interval (the last change is
 * never lost): a summary over 10,000 checks cannot be recomputed as each one settles.
 */
export function useCacheVersion(matches: (key: QueryKey) => boolean, throttleMs = 0): number {
  const client = useQueryClient();
  const [version, setVersion] = useState(0);
  const match = useRef(matches);
  useEffect(() => {
    match.current = matches;
  });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = -Infinity;
    const apply = (): void => {
      timer = null;
      last = performance.now();
      startTransition(() => setVersion((v) => v + 1));
    };
    const bump = (): void => {
      if (throttleMs <= 0) return apply();
      if (timer !== null) return;
      timer = setTimeout(apply, Math.max(0, last + throttleMs - performance.now()));
    };
    const unsubscribe = client.getQueryCache().subscribe((event) => {
      if (event.type !== 'observerResultsUpdated' && match.current(event.query.queryKey)) bump();
    });
    // A change between the first render and this effect would otherwise be missed.
    bump();
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [client, throttleMs]);
  return version;
}
