import { useState } from 'react';
import type { DirDelta } from '../../../core/diff/types.ts';
import { formatBytes, formatCount } from '../../components/format.ts';
import { marked } from '../../components/marked-text.tsx';
import { formatDelta, sortedDirs, type DirOrder } from './compare-model.ts';

/** The most directories the table lists (the largest changes first by default). */
export const DIR_ROWS = 200;

const ORDERS: { value: DirOrder; label: string }[] = [
  { value: 'delta', label: 'largest change' },
  { value: 'growth', label: 'most grown' },
  { value: 'shrink', label: 'most shrunk' },
  { value: 'path', label: 'path' },
];

/** Each directory's regular-file bytes in A and B and the change, sortable by the change. */
export function DirDeltasTable({ dirs }: { dirs: readonly DirDelta[] }) {
  const [order, setOrder] = useState<DirOrder>('delta');
  const rows = sortedDirs(dirs, order).slice(0, DIR_ROWS);
  return (
    <section className="cmp-dirs" aria-label="Size by directory">
      <div className="cmp-toolbar">
        <h3 className="cmp-doc-title">Size by directory</h3>
        <label className="small">
          Sort directories by{' '}
          <select value={order} onChange={(e) => setOrder(e.target.value as DirOrder)}>
            {ORDERS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {dirs.length === 0 ? (
        <p className="muted small">No directory changed size.</p>
      ) : (
        <table className="cmp-table">
          <thead>
            <tr>
              <th scope="col">Directory</th>
              <th scope="col" className="num">
                A
              </th>
              <th scope="col" className="num">
                B
              </th>
              <th scope="col" className="num" aria-sort={order === 'path' ? 'none' : 'descending'}>
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.path}>
                <td className="mono cmp-path">{marked(d.path)}</td>
                <td className="num">{formatBytes(d.bytesA)}</td>
                <td className="num">{formatBytes(d.bytesB)}</td>
                <td className={`num ${d.delta > 0 ? 'cmp-grow' : 'cmp-shrink'}`}>
                  {formatDelta(d.delta)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dirs.length > DIR_ROWS && (
        <p className="muted small">
          The first {DIR_ROWS} of {formatCount(dirs.length)} directories.
        </p>
      )}
    </section>
  );
}
