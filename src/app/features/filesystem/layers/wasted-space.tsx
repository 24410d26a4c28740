import { useState } from 'react';
import type { WasteReport } from '../../../../core/fs/types.ts';
import { formatBytes, formatCount, layerNumber } from '../../../components/format.ts';
import '../filesystem.css';

/** Props of WastedSpace: the image's waste report (fs.waste()). */
export interface WastedSpaceProps {
  report: WasteReport;
  /** Open a path (its history, or the tree at it). */
  onSelectPath?: (path: string) => void;
  /** The link to a path's view (e.g. a URL hash), so paths can be opened in a new tab or copied. */
  hrefFor?: (path: string) => string;
  /** Rows shown before "Show all" (default 100). */
  limit?: number;
}

/**
 * Bytes that cost space but are not seen in the end: files written more than once or deleted
 * later, largest first, and the efficiency score, both exactly as dive defines them.
 */
export function WastedSpace({ report, onSelectPath, hrefFor, limit = 100 }: WastedSpaceProps) {
  const [all, setAll] = useState(false);
  const files = all ? report.wastedFiles : report.wastedFiles.slice(0, limit);
  return (
    <section aria-label="Wasted space">
      <div className="fs-waste-score">
        <div>
          <strong>{(report.efficiency * 100).toFixed(2)} %</strong>
          <span className="muted small">efficiency</span>
        </div>
        <div>
          <strong>{formatBytes(report.wastedBytes)}</strong>
          <span className="muted small">wasted</span>
        </div>
        <div>
          <strong>{formatBytes(report.finalBytes)}</strong>
          <span className="muted small">in the final filesystem</span>
        </div>
      </div>
      {report.wastedFiles.length === 0 ? (
        <p className="fs-note">No file is written twice or deleted later: nothing is wasted.</p>
      ) : (
        <table className="fs-waste-table">
          <thead>
            <tr>
              <th>Path</th>
              <th className="num">Bytes</th>
              <th>Layers</th>
            </tr>
          </thead>
          <tbody>
            {files.map((f) => (
              <tr key={f.path}>
                <td className="mono">
                  {onSelectPath || hrefFor ? (
                    <a
                      href={hrefFor ? hrefFor(f.path) : '#'}
                      onClick={
                        onSelectPath
                          ? (e) => {
                              e.preventDefault();
                              onSelectPath(f.path);
                            }
                          : undefined
                      }
                    >
                      {f.path}
                    </a>
                  ) : (
                    f.path
                  )}
                </td>
                <td className="num">{formatBytes(f.bytes)}</td>
                <td>{f.layers.map(layerNumber).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!all && report.wastedFiles.length > limit ? (
        <button type="button" className="btn btn-small" onClick={() => setAll(true)}>
          Show all {formatCount(report.wastedFiles.length)}
        </button>
      ) : null}
    </section>
  );
}
