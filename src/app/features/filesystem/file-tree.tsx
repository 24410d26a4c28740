import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { formatBytes, layerNumber } from '../../components/format.ts';
import { modeString, ownerString } from './entry-format.ts';
import type { FilterMatch } from './tree-filter.ts';
import {
  keyAction,
  siblingIndexes,
  typeAhead,
  TypeAheadBuffer,
  type KeyRows,
} from './tree-keys.ts';
import type { Change, SortKey, TreeEntry, TreeModel } from './tree-model.ts';
import { rowAt, type TreeRow } from './tree-rows.ts';
import { useVisibleRows } from './use-visible-rows.ts';
import { scrollToRow, virtualWindow } from './virtual-window.ts';
import './filesystem.css';

/** What the tree shows of a row beyond path/type/size; FsRow and MergedEntry fit. */
export interface FileTreeEntry extends TreeEntry {
  mode?: number;
  uid?: number;
  gid?: number;
  layer?: number;
  linkTarget?: string | null;
  removedBy?: { kind: string; path: string; layer: number } | null;
}

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

const CHANGE_ICON: Record<Change, string> = { added: '+', modified: '~', deleted: '−' };
const TYPE_ICON: Record<string, string> = {
  dir: '▣',
  symlink: '↪',
  hardlink: '⇉',
  char: '⌁',
  block: '▤',
  fifo: '⇅',
};

/**
 * The filesystem as an ARIA tree (WAI-ARIA APG tree view): one focusable container whose
 * aria-activedescendant names the focused row, rows virtualized (only those on screen are in
 * the DOM, absolutely positioned) with aria-level / aria-posinset / aria-setsize so assistive
 * technology still knows where each one sits. Columns: name, size, mode, owner, layer.
 */
export function FileTree<E extends FileTreeEntry>(props: FileTreeProps<E>) {
  const { model, sort, expanded, onExpandedChange, filter = null, selected = null } = props;
  const rowHeight = props.rowHeight ?? 24;
  const baseId = useId();
  const rows = useVisibleRows(model, { sort, expanded, filter });
  const opts = useMemo(() => ({ sort, expanded, filter }), [sort, expanded, filter]);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(props.viewportHeight ?? 480);
  const [focusPath, setFocusPath] = useState<string | null>(selected);
  const typed = useRef(new TypeAheadBuffer());

  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || props.viewportHeight || 480));
    ro.observe(el);
    return () => ro.disconnect();
  }, [props.viewportHeight]);

  const indexOfPath = useCallback(
    (path: string | null): number => {
      const id = path === null ? undefined : model.idOf(path);
      return id === undefined ? -1 : rows.indexOf(id);
    },
    [model, rows],
  );
  const focusIndex = Math.max(0, indexOfPath(focusPath));
  const row = useCallback(
    (i: number): TreeRow<E> => rowAt(model, rows, i, opts),
    [model, rows, opts],
  );

  const reveal = useCallback(
    (index: number) => {
      const el = scroller.current;
      if (!el) return;
      const top = scrollToRow({
        index,
        rowHeight,
        scrollTop: el.scrollTop,
        viewportHeight: height,
      });
      if (top !== el.scrollTop) {
        el.scrollTop = top;
        setScrollTop(top);
      }
    },
    [rowHeight, height],
  );

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

  const keyRows: KeyRows = {
    count: rows.length,
    depthAt: (i) => model.depthOf(rows[i]!),
    expandableAt: (i) => model.childCount(rows[i]!) > 0,
    expandedAt: (i) => expanded.has(model.pathOf(rows[i]!)),
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const action = keyAction(e.key, keyRows, focusIndex, page);
    if (action === null) {
      if (e.key.length !== 1 || e.key === ' ') return;
      const prefix = typed.current.push(e.key, e.timeStamp || performance.now());
      const hit = typeAhead(rows.length, (i) => model.nameOf(rows[i]!), focusIndex, prefix);
      if (hit >= 0) focusRow(hit);
      e.preventDefault();
      return;
    }
    e.preventDefault();
    const path = rows.length > 0 ? model.pathOf(rows[action.index]!) : '';
    switch (action.type) {
      case 'focus':
        focusRow(action.index);
        break;
      case 'expand':
        toggle(path, true);
        break;
      case 'collapse':
        toggle(path, false);
        break;
      case 'activate':
        // A folder's default action is to open or close it (APG); every row is also selected.
        if (keyRows.expandableAt(action.index)) toggle(path, !keyRows.expandedAt(action.index));
        choose(action.index);
        break;
      case 'expand-siblings': {
        const next = new Set(expanded);
        for (const i of siblingIndexes(keyRows, action.index))
          if (keyRows.expandableAt(i)) next.add(model.pathOf(rows[i]!));
        onExpandedChange(next);
        break;
      }
    }
  };

  const win = virtualWindow({ count: rows.length, rowHeight, scrollTop, viewportHeight: height });
  const items: TreeRow<E>[] = [];
  for (let i = win.start; i < win.end; i++) items.push(row(i));
  const activeId = rows.length > 0 ? `${baseId}-r${rows[focusIndex]}` : undefined;

  return (
    <div className="fs-tree-wrap">
      <div className="fs-tree-head" role="presentation">
        <SortButton label="Name" sort="name" current={sort} onSortChange={props.onSortChange} />
        <SortButton label="Size" sort="size" current={sort} onSortChange={props.onSortChange} />
        <span className="fs-col-layer">Layer</span>
        <span className="fs-col-mode">Mode</span>
        <span className="fs-col-owner">Owner</span>
      </div>
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

function SortButton(props: {
  label: string;
  sort: SortKey;
  current: SortKey;
  onSortChange: ((s: SortKey) => void) | undefined;
}) {
  const on = props.sort === props.current;
  return (
    <button
      type="button"
      className={`fs-sort fs-col-${props.sort === 'name' ? 'name' : 'size'}`}
      aria-pressed={on}
      disabled={!props.onSortChange}
      onClick={() => props.onSortChange?.(props.sort)}
      title={props.sort === 'name' ? 'Sort by name, folders first' : 'Sort by size, largest first'}
    >
      {props.label}
      {on ? (props.sort === 'name' ? ' ↑' : ' ↓') : ''}
    </button>
  );
}

function FileTreeRow<E extends FileTreeEntry>(props: {
  id: string;
  row: TreeRow<E>;
  top: number;
  height: number;
  focused: boolean;
  selected: boolean;
  onClick: () => void;
  onToggle: () => void;
}) {
  const { row: r } = props;
  const e = r.entry;
  const change = e?.change ?? null;
  const type = e?.type ?? 'dir';
  const removed = e?.removedBy ?? null;
  const classes = ['fs-row'];
  if (props.focused) classes.push('fs-focused');
  if (props.selected) classes.push('fs-selected');
  if (r.match) classes.push('fs-match');
  if (change) classes.push(`fs-${change}`);
  const link =
    e?.linkTarget && type !== 'dir' ? `${type === 'hardlink' ? ' ⇒ ' : ' → '}${e.linkTarget}` : '';
  const marker = removed
    ? `by ${removed.path.slice(removed.path.lastIndexOf('/') + 1)} in layer ${layerNumber(removed.layer)}`
    : '';
  const size = r.isDir || type === 'file' || type === 'hardlink' ? formatBytes(r.size) : '';
  const mode = e && e.mode !== undefined ? modeString(type, e.mode) : '';
  const owner = e && e.uid !== undefined && e.gid !== undefined ? ownerString(e.uid, e.gid) : '';
  const layer = e?.layer === undefined ? '' : String(layerNumber(e.layer));
  // The name first, then every column in the order shown, the ones a narrow tree drops last: a
  // voice command naming what is seen finds the row (WCAG 2.5.3).
  const label = [`${r.name}${link}`, change ?? '', marker, size, layer, mode, owner]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      id={props.id}
      role="treeitem"
      aria-label={label}
      aria-level={r.depth + 1}
      aria-posinset={r.posInSet}
      aria-setsize={r.setSize}
      aria-expanded={r.hasChildren ? r.expanded : undefined}
      aria-selected={props.selected}
      className={classes.join(' ')}
      style={{ top: props.top, height: props.height }}
      onClick={props.onClick}
      onDoubleClick={r.hasChildren ? props.onToggle : undefined}
      data-path={r.path}
      title={
        removed
          ? `deleted by layer ${layerNumber(removed.layer)}: ${removed.path} (${removed.kind})`
          : r.path
      }
    >
      <span className="fs-col-name" style={{ paddingLeft: r.depth * 16 }}>
        <span
          className="fs-twisty"
          aria-hidden="true"
          onClick={(ev) => {
            ev.stopPropagation();
            if (r.hasChildren) props.onToggle();
          }}
        >
          {r.hasChildren ? (r.expanded ? '▾' : '▸') : ''}
        </span>
        <span className={`fs-icon fs-type-${type}`} aria-hidden="true">
          {TYPE_ICON[type] ?? '·'}
        </span>
        <span className="fs-name">{r.name}</span>
        {link ? <span className="fs-link muted">{link}</span> : null}
        {change ? (
          <span className={`fs-change fs-change-${change}`}>
            <span aria-hidden="true">{CHANGE_ICON[change]}</span> {change}
          </span>
        ) : null}
        {marker ? <span className="fs-marker muted"> {marker}</span> : null}
      </span>{' '}
      <span className="fs-col-size">{size}</span> <span className="fs-col-layer">{layer}</span>{' '}
      <span className="fs-col-mode mono">{mode}</span>{' '}
      <span className="fs-col-owner mono">{owner}</span>
    </div>
  );
}
