import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { FileTreeHead, FileTreeRow, type FileTreeEntry } from './file-tree-row.tsx';
import type { FilterMatch } from './tree-filter.ts';
import type { SortKey, TreeModel } from '../../../../core/fs/tree-model.ts';
import { rowAt, type TreeRow } from './tree-rows.ts';
import { useTreeKeyboard } from './use-tree-keyboard.ts';
import { useTreeViewport } from './use-tree-viewport.ts';
import { useVisibleRows } from './use-visible-rows.ts';
import { virtualWindow } from './virtual-window.ts';
import '../filesystem.css';

export type { FileTreeEntry } from './file-tree-row.tsx';

/** Props of FileTree: data and callbacks only, so any state store can drive it. */
export interface FileTreeProps<E extends FileTreeEntry> {
  model: TreeModel<E>;
  sort: SortKey;
  onSortChange?: (sort: SortKey) => void;
  /** Open folders, by path. */
  expanded: ReadonlySet<string>;
  onExpandedChange: (expanded: Set<string>) => void;
  filter?: FilterMatch | null;
  /** The selected path (aria-selected; kept in view). */
  selected?: string | null;
  /** Click, Enter or Space on a row. */
  onSelect?: (path: string, entry: E | null) => void;
  /** Accessible name of the tree. */
  label?: string;
  rowHeight?: number;
  /** Height used until the viewport can be measured (jsdom, first paint). */
  viewportHeight?: number;
  /** Shown when there are no rows. */
  empty?: ReactNode;
}

/**
 * The filesystem as an ARIA tree (WAI-ARIA APG tree view): one focusable container whose
 * aria-activedescendant names the focused row, rows virtualized (only those on screen are in
 * the DOM, absolutely positioned) with aria-level / aria-posinset / aria-setsize so assistive
 * technology still knows where each one sits. Columns: name, size, layer, mode, owner.
 */
export function FileTree<E extends FileTreeEntry>(props: FileTreeProps<E>) {
  const { model, sort, expanded, onExpandedChange, filter = null, selected = null } = props;
  const rowHeight = props.rowHeight ?? 24;
  const baseId = useId();
  const rows = useVisibleRows(model, { sort, expanded, filter });
  const opts = useMemo(() => ({ sort, expanded, filter }), [sort, expanded, filter]);
  const { scroller, scrollTop, setScrollTop, height, reveal } = useTreeViewport(
    rowHeight,
    props.viewportHeight,
  );
  const [focusPath, setFocusPath] = useState<string | null>(selected);

  const indexOfPath = useCallback(
    (path: string | null): number => {
      const id = path === null ? undefined : model.idOf(path);
      return id === undefined ? -1 : rows.indexOf(id);
    },
    [model, rows],
  );
  const focusIndex = Math.max(0, indexOfPath(focusPath));
  const row = (i: number): TreeRow<E> => rowAt(model, rows, i, opts);

  // A selection made elsewhere (a link, the URL) moves focus and scrolls to it.
  useEffect(() => {
    if (selected === null) return;
    setFocusPath(selected);
    const i = indexOfPath(selected);
    if (i >= 0) reveal(i);
  }, [selected, indexOfPath, reveal]);

  const toggle = (path: string, open: boolean) => {
    const next = new Set(expanded);
    if (open) next.add(path);
    else next.delete(path);
    onExpandedChange(next);
  };
  const focusRow = (i: number) => {
    if (i < 0 || i >= rows.length) return;
    setFocusPath(model.pathOf(rows[i]!));
    reveal(i);
  };
  const choose = (i: number) => {
    const r = row(i);
    setFocusPath(r.path);
    props.onSelect?.(r.path, r.entry);
  };
  const onKeyDown = useTreeKeyboard({
    model,
    rows,
    expanded,
    focusIndex,
    pageRows: Math.max(1, Math.floor(height / rowHeight) - 1),
    focusRow,
    toggle,
    choose,
    onExpandedChange,
  });

  const win = virtualWindow({ count: rows.length, rowHeight, scrollTop, viewportHeight: height });
  const items: TreeRow<E>[] = [];
  for (let i = win.start; i < win.end; i++) items.push(row(i));
  const activeId = rows.length > 0 ? `${baseId}-r${rows[focusIndex]}` : undefined;

  return (
    <div className="fs-tree-wrap">
      <FileTreeHead sort={sort} onSortChange={props.onSortChange} />
      <div
        ref={scroller}
        className="fs-tree"
        role="tree"
        aria-label={props.label ?? 'Files'}
        aria-activedescendant={activeId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        {rows.length === 0 ? (
          <p className="fs-empty">
            {props.empty ?? (filter ? 'No path matches the filter.' : 'No files.')}
          </p>
        ) : (
          <div className="fs-tree-space" style={{ height: win.total }}>
            {items.map((r) => (
              <FileTreeRow
                key={r.id}
                id={`${baseId}-r${r.id}`}
                row={r}
                top={r.index * rowHeight}
                height={rowHeight}
                focused={r.index === focusIndex}
                selected={r.path === selected}
                onClick={() => choose(r.index)}
                onToggle={() => toggle(r.path, !r.expanded)}
              />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
