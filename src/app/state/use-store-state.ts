import { startTransition, useEffect, useState } from 'react';

/** A store the app's state hooks follow: its state now, and a way to hear of changes. */
export interface StateStore<S> {
  getState(): S;
  subscribe(listener: () => void): () => void;
}

/**
 * A store's state (`none` without a store), re-rendering on change. Changes render as
 * transitions, so React builds a freshly opened image's views in slices and the page keeps
 * answering (no task over 50 ms).
 */
export function useStoreState<S>(store: StateStore<S> | null, none: S): S {
  const [state, setState] = useState(() => (store ? store.getState() : none));
  useEffect(() => {
    if (!store) return;
    const update = (): void => startTransition(() => setState(store.getState()));
    const unsubscribe = store.subscribe(update);
    update();
    return unsubscribe;
  }, [store]);
  return state;
}
