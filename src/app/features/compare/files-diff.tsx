import { useDeferredValue, useMemo, useState } from 'react';
import type { DirDelta, FileChangeKind, FileDiff } from '../../../core/diff/types.ts';
import { formatBytes, formatCount } from '../../components/format.ts';
import { marked, markedLabel } from '../../components/marked-text.tsx';
import {
  FILE_KINDS,
  fileDelta,
  formatDelta,
  KIND_LABELS,
  kindCounts,
  visibleFiles,
  type FileOrder,
} from './compare-model.ts';
import { DirDeltasTable } from './dir-deltas-table.tsx';
import { FileDetail } from './file-detail.tsx';
import type { TextReader } from './use-comparison.ts';

/** The most changed paths the list shows at once (narrow it with the kinds or the filter). */
export const FILE_ROWS = 500;

const sizeOf = (f: FileDiff, side: 'a' | 'b'): string => {
  const s = f[side];
  return s ? (s.type === 'file' || s.type === 'hardlink' ? formatBytes(s.size) : s.type) : '—';
};

/** The kinds shown, each a toggle with its count. */
function KindToggles({
  counts,
  kinds,
  onKinds,
}: {
  counts: Record<FileChangeKind, number>;
  kinds: ReadonlySet<FileChangeKind>;
  onKinds: (k: Set<FileChangeKind>) => void;
}) {
  return (
    <fieldset className="cmp-kinds">
      <legend className="visually-hidden">Kinds of change shown</legend>
      {FILE_KINDS.map((k) => (
        <label key={k} className={`cmp-kind cmp-kind-${k}`}>
          <input
            type="checkbox"
            checked={kinds.has(k)}
            onChange={(e) => {
              const next = new Set(kinds);
              if (e.target.checked) next.add(k);
              else next.delete(k);
              onKinds(next);
            }}
          />{' '}
          {KIND_LABELS[k]} <span className="count">{formatCount(counts[k])}</span>
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The filesystems part: every path added, removed or changed (content, metadata only, type),
 * with sizes and the change, filterable and sortable; the selected one in detail; and the size
 * change of each directory.
 */
export function FilesDiff({
  files,
  dirs,
  selected,
  onSelect,
  text,
}: {
  files: readonly FileDiff[];
  dirs: readonly DirDelta[];
  selected: string | null;
  onSelect: (path: string) => void;
  /** Reads a changed text file's line diff. */
  text: TextReader;
}) {
  const [kinds, setKinds] = useState<Set<FileChangeKind>>(() => new Set(FILE_KINDS));
  const [query, setQuery] = useState('');
  const [order, setOrder] = useState<FileOrder>('path');
  const deferred = useDeferredValue(query);
  // A large pair can differ in hundreds of thousands of paths: filter and sort only on change.
  const counts = useMemo(() => kindCounts(files), [files]);
  const shown = useMemo(
    () => visibleFiles(files, kinds, deferred, order),
    [files, kinds, deferred, order],
  );
  const current = files.find((f) => f.path === selected) ?? null;
  return (
    <div className="cmp-files">
      <div className="cmp-toolbar">
        <KindToggles counts={counts} kinds={kinds} onKinds={setKinds} />
        <input
          type="search"
          className="cmp-filter"
          aria-label="Filter the changed paths"
          placeholder="filter paths"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="small">
          Sort paths by{' '}
          <select value={order} onChange={(e) => setOrder(e.target.value as FileOrder)}>
            <option value="path">path</option>
            <option value="delta">size change</option>
          </select>
        </label>
      </div>
      <div className="cmp-files-body">
        <div className="cmp-file-list">
          {files.length === 0 ? (
            <p className="muted">No path differs.</p>
          ) : (
            <table className="cmp-table" aria-label="Changed paths">
              <thead>
                <tr>
                  <th scope="col">Change</th>
                  <th scope="col">Path</th>
                  <th scope="col" className="num cmp-col-side">
                    A
                  </th>
                  <th scope="col" className="num cmp-col-side">
                    B
                  </th>
                  <th scope="col" className="num">
                    Δ
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, FILE_ROWS).map((f) => (
                  <tr key={f.path} aria-selected={f.path === selected}>
                    <td>
                      <span className={`cmp-kind cmp-kind-${f.kind}`}>{KIND_LABELS[f.kind]}</span>
                    </td>
                    <td className="cmp-path">
                      <button
                        type="button"
                        className="cmp-path-button mono"
                        aria-label={`${markedLabel(f.path)}, ${KIND_LABELS[f.kind]}`}
                        onClick={() => onSelect(f.path)}
                      >
                        {marked(f.path)}
                      </button>
                    </td>
                    <td className="num cmp-col-side">{sizeOf(f, 'a')}</td>
                    <td className="num cmp-col-side">{sizeOf(f, 'b')}</td>
                    <td className="num">{formatDelta(fileDelta(f))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {shown.length > FILE_ROWS && (
            <p className="muted small">
              The first {FILE_ROWS} of {formatCount(shown.length)}: narrow them with the kinds or
              the filter.
            </p>
          )}
        </div>
        {current && <FileDetail file={current} text={text} />}
      </div>
      <DirDeltasTable dirs={dirs} />
    </div>
  );
}
