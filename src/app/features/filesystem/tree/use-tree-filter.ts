import { useEffect, useMemo, useState } from 'react';
import type { TreeModel } from '../../../../core/fs/tree-model.ts';
import {
  applyFilter,
  applyFilterInSlices,
  type CompiledFilter,
  type FilterMatch,
} from './tree-filter.ts';

/** Trees up to this many nodes are filtered in one go (~10 ms); larger ones in slices. */
export const SYNC_FILTER_LIMIT = 20_000;

interface Done {
  model: TreeModel;
  compiled: CompiledFilter;
  match: FilterMatch;
}

/**
 * The filter's match on a tree. A small tree is filtered while rendering; a large one (300,000
 * entries took ~150 ms in one task) in slices between frames, the previous match on the same
 * tree staying shown meanwhile. `pending` is true while a sliced scan runs.
 */
export function useTreeFilter(
  model: TreeModel,
  compiled: CompiledFilter | null,
): { filter: FilterMatch | null; pending: boolean } {
  const usable = compiled && !compiled.error ? compiled : null;
  const sliced = usable !== null && model.size > SYNC_FILTER_LIMIT;
  const syncMatch = useMemo(
    () => (usable && !sliced ? applyFilter(model, usable) : null),
    [model, usable, sliced],
  );
  const [done, setDone] = useState<Done | null>(null);
  useEffect(() => {
    if (!sliced || usable === null) return;
    const abort = new AbortController();
    applyFilterInSlices(model, usable, abort.signal).then(
      (match) => setDone({ model, compiled: usable, match }),
      () => undefined, // aborted: a newer pattern or tree took over
    );
    return () => abort.abort();
  }, [model, usable, sliced]);
  if (!sliced) return { filter: syncMatch, pending: false };
  const current = done !== null && done.model === model && done.compiled === usable;
  // While a new pattern is scanned, the last match on this same tree stays (its flags fit it).
  const shown = done !== null && done.model === model ? done.match : null;
  return { filter: shown, pending: !current };
}
