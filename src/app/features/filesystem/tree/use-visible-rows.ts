import { useMemo, useRef } from 'react';
import type { FilterMatch } from './tree-filter.ts';
import type { SortKey, TreeModel } from '../../../../core/fs/tree-model.ts';
import { collapseRow, expandRow, visibleRows, type RowOptions } from './tree-rows.ts';

interface Previous {
  model: TreeModel;
  sort: SortKey;
  filter: FilterMatch | null;
  expanded: ReadonlySet<string>;
  rows: Int32Array;
}

/** The one path added to or removed from an expanded set, or null when the change is not one path. */
function oneChange(
  before: ReadonlySet<string>,
  after: ReadonlySet<string>,
): { path: string; opened: boolean } | null {
  const [big, small, opened] =
    after.size === before.size + 1
      ? [after, before, true]
      : after.size + 1 === before.size
        ? [before, after, false]
        : [null, null, false];
  if (big === null || small === null) return null;
  let found: string | null = null;
  for (const p of big) {
    if (small.has(p)) continue;
    if (found !== null) return null;
    found = p;
  }
  return found === null ? null : { path: found, opened };
}

/**
 * The visible rows of a tree, recomputed in full only when the model, sort or filter change;
 * opening or closing one folder splices its rows in or out (the usual click or arrow key).
 */
export function useVisibleRows(model: TreeModel, opts: RowOptions): Int32Array {
  const previous = useRef<Previous | null>(null);
  const filter = opts.filter ?? null;
  const { sort, expanded } = opts;
  return useMemo(() => {
    const p = previous.current;
    let rows: Int32Array | null = null;
    if (p && p.model === model && p.sort === sort && p.filter === filter) {
      if (p.expanded === expanded) rows = p.rows;
      const change = rows === null ? oneChange(p.expanded, expanded) : null;
      const id = change ? model.idOf(change.path) : undefined;
      if (change && id !== undefined) {
        const index = p.rows.indexOf(id);
        const o = { sort, expanded, filter };
        if (index < 0)
          rows = p.rows; // inside a closed folder: nothing on screen changes
        else
          rows = change.opened
            ? expandRow(model, p.rows, index, o)
            : collapseRow(model, p.rows, index);
      }
    }
    rows ??= visibleRows(model, { sort, expanded, filter });
    previous.current = { model, sort, filter, expanded, rows };
    return rows;
  }, [model, sort, filter, expanded]);
}
