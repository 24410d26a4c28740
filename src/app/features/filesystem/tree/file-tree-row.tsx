import { marked, markedLabel } from '../../../components/marked-text.tsx';
import { formatBytes, layerNumber } from '../../../components/format.ts';
import { MARKER_EXPLANATION } from '../../../../core/learn/markers.ts';
import { modeString, ownerString } from './entry-format.ts';
import type { Change, SortKey, TreeEntry } from '../../../../core/fs/tree-model.ts';
import type { TreeRow } from './tree-rows.ts';

/** What the tree shows of a row beyond path/type/size; FsRow and MergedEntry fit. */
export interface FileTreeEntry extends TreeEntry {
  mode?: number;
  uid?: number;
  gid?: number;
  layer?: number;
  linkTarget?: string | null;
  removedBy?: { kind: string; path: string; layer: number } | null;
  /** A folder the shown layer makes opaque. */
  opaque?: boolean;
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

/** The tree's column headings; name and size sort it. */
export function FileTreeHead(props: {
  sort: SortKey;
  onSortChange: ((s: SortKey) => void) | undefined;
}) {
  const { sort, onSortChange } = props;
  return (
    <div className="fs-tree-head" role="presentation">
      <SortButton label="Name" sort="name" current={sort} onSortChange={onSortChange} />
      <SortButton label="Size" sort="size" current={sort} onSortChange={onSortChange} />
      <span className="fs-col-layer">Layer</span>
      <span className="fs-col-mode">Mode</span>
      <span className="fs-col-owner">Owner</span>
    </div>
  );
}

/** A column heading that sorts the tree (name, folders first; or size, largest first). */
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

/** One row of the tree: name with its change and link, size, layer, mode and owner. */
export function FileTreeRow<E extends FileTreeEntry>(props: {
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
    ? `by ${markedLabel(removed.path.slice(removed.path.lastIndexOf('/') + 1))} in layer ${layerNumber(removed.layer)}`
    : '';
  const size = r.isDir || type === 'file' || type === 'hardlink' ? formatBytes(r.size) : '';
  const mode = e && e.mode !== undefined ? modeString(type, e.mode) : '';
  const owner = e && e.uid !== undefined && e.gid !== undefined ? ownerString(e.uid, e.gid) : '';
  const layer = e?.layer === undefined ? '' : String(layerNumber(e.layer));
  // The name first, then every column in the order shown, the ones a narrow tree drops last: a
  // voice command naming what is seen finds the row (WCAG 2.5.3).
  const opaque = e?.opaque === true;
  const label = [
    markedLabel(`${r.name}${link}`),
    change ?? '',
    opaque ? 'opaque' : '',
    marker,
    size,
    layer,
    mode,
    owner,
  ]
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
          ? `deleted by layer ${layerNumber(removed.layer)}: ${markedLabel(removed.path)} (${removed.kind})`
          : markedLabel(r.path)
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
        <span className="fs-name">{marked(r.name)}</span>
        {link ? <span className="fs-link muted">{marked(link)}</span> : null}
        {change ? (
          <span className={`fs-change fs-change-${change}`}>
            <span aria-hidden="true">{CHANGE_ICON[change]}</span> {change}
          </span>
        ) : null}
        {opaque ? (
          <span className="fs-opaque" title={MARKER_EXPLANATION.opaque}>
            opaque
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
