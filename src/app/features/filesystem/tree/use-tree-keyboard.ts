import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import {
  keyAction,
  siblingIndexes,
  typeAhead,
  TypeAheadBuffer,
  type KeyRows,
} from './tree-keys.ts';
import type { TreeEntry, TreeModel } from '../../../../core/fs/tree-model.ts';

/** What the tree's keyboard handler reads and does. */
export interface TreeKeyboard<E extends TreeEntry> {
  model: TreeModel<E>;
  /** The visible rows' ids, in order. */
  rows: Int32Array;
  expanded: ReadonlySet<string>;
  focusIndex: number;
  /** Rows a page key moves. */
  pageRows: number;
  focusRow: (index: number) => void;
  toggle: (path: string, open: boolean) => void;
  choose: (index: number) => void;
  onExpandedChange: (expanded: Set<string>) => void;
}

/**
 * The tree's keys as the WAI-ARIA APG tree view defines them (arrows, Home/End, page keys,
 * Enter/Space, `*` for siblings), plus type-ahead on names.
 */
export function useTreeKeyboard<E extends TreeEntry>(
  t: TreeKeyboard<E>,
): (e: KeyboardEvent<HTMLDivElement>) => void {
  const typed = useRef(new TypeAheadBuffer());
  const { model, rows, expanded } = t;
  const keyRows: KeyRows = {
    count: rows.length,
    depthAt: (i) => model.depthOf(rows[i]!),
    expandableAt: (i) => model.childCount(rows[i]!) > 0,
    expandedAt: (i) => expanded.has(model.pathOf(rows[i]!)),
  };
  return (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const action = keyAction(e.key, keyRows, t.focusIndex, t.pageRows);
    if (action === null) {
      if (e.key.length !== 1 || e.key === ' ') return;
      const prefix = typed.current.push(e.key, e.timeStamp || performance.now());
      const hit = typeAhead(rows.length, (i) => model.nameOf(rows[i]!), t.focusIndex, prefix);
      if (hit >= 0) t.focusRow(hit);
      e.preventDefault();
      return;
    }
    e.preventDefault();
    const path = rows.length > 0 ? model.pathOf(rows[action.index]!) : '';
    switch (action.type) {
      case 'focus':
        t.focusRow(action.index);
        break;
      case 'expand':
        t.toggle(path, true);
        break;
      case 'collapse':
        t.toggle(path, false);
        break;
      case 'activate':
        // A folder's default action is to open or close it (APG); every row is also selected.
        if (keyRows.expandableAt(action.index)) t.toggle(path, !keyRows.expandedAt(action.index));
        t.choose(action.index);
        break;
      case 'expand-siblings': {
        const next = new Set(expanded);
        for (const i of siblingIndexes(keyRows, action.index))
          if (keyRows.expandableAt(i)) next.add(model.pathOf(rows[i]!));
        t.onExpandedChange(next);
        break;
      }
    }
  };
}
