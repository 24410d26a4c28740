import { hashKey, useQueryClient, type QueryKey, type QueryState } from '@tanstack/react-query';
import { useCallback, useRef, useSyncExternalStore } from 'react';

/**
 * Observe one query's state without a QueryObserver: the checks are started by the session,
 * components only read them, and a graph may draw hundreds of nodes. This subscribes to the
 * cache and re-renders only when this key's state changes.
 */
export function useQueryState<T>(key: QueryKey | null): QueryState<T, Error> | undefined {
  const client = useQueryClient();
  const hash = key === null ? null : hashKey(key);
  const subscribe = useCallback(
    (onChange: () => void) =>
      hash === null
        ? () => {}
        : client.getQueryCache().subscribe((event) => {
            if (event.query.queryHash === hash) onChange();
          }),
    [client, hash],
  );
  const get = useCallback(
    () =>
      hash === null
        ? undefined
        : (client.getQueryCache().get(hash)?.state as QueryState<T, Error> | undefined),
    [client, hash],
  );
  return useSyncExternalStore(subscribe, get, get);
}

/** A number that changes whenever a query whose key matches changes (for summaries over many queries). */
export function useCacheVersion(matches: (key: QueryKey) => boolean): number {
  const client = useQueryClient();
  const version = useRef(0);
  const match = useRef(matches);
  match.current = matches;
  const subscribe = useCallback(
    (onChange: () => void) =>
      client.getQueryCache().subscribe((event) => {
        if (event.type !== 'observerResultsUpdated' && match.current(event.query.queryKey)) {
          version.current++;
          onChange();
        }
      }),
    [client],
  );
  const get = useCallback(() => version.current, []);
  return useSyncExternalStore(subscribe, get, get);
}
