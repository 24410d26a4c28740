import type { PathEvent } from '../../../../core/fs/types.ts';
import { formatBytes, layerNumber } from '../../../components/format.ts';
import '../filesystem.css';
import { MARKER_EXPLANATION } from '../../../../core/learn/markers.ts';
import { SpecLinks } from '../../../../core/learn/spec-links.ts';

/** Props of PathHistory: a path's events (fs.historyOf) and each layer's history line. */
export interface PathHistoryProps {
  path: string;
  events: readonly PathEvent[];
  /** The `created_by` of the step that made layer n. */
  createdBy?: (layer: number) => string | null;
  /** Show a layer (e.g. switch the tree to that layer's changes). */
  onSelectLayer?: (layer: number) => void;
}

const ICON = { added: '+', modified: '~', deleted: '−' } as const;

function detail(e: PathEvent): string {
  if (e.action === 'deleted') {
    const m = e.marker;
    if (!m) return 'removed';
    if (m.kind === 'whiteout') return `removed by the whiteout ${m.path}`;
    if (m.kind === 'opaque') return `hidden by the opaque marker ${m.path}`;
    return `removed when ${m.path} replaced the folder`;
  }
  if (e.implicit) return 'created as the parent of a deeper path';
  const entry = e.entry;
  if (!entry) return '';
  if (entry.type === 'file') return `file, ${formatBytes(entry.size)}`;
  if (entry.type === 'symlink') return `symlink → ${entry.linkTarget ?? ''}`;
  if (entry.type === 'hardlink') return `hardlink to ${entry.linkTarget ?? ''}`;
  return entry.type === 'dir' ? 'folder' : entry.type;
}

/** The story of one path: every layer that added, changed or removed it, with the step that did. */
export function PathHistory({ path, events, createdBy, onSelectLayer }: PathHistoryProps) {
  if (events.length === 0) return <p className="fs-note">No layer touches {path}.</p>;
  // Each kind of marker that removed this path is defined once, beside the story, with the spec.
  const markers = [
    ...new Set(
      events.flatMap((e) =>
        e.marker?.kind === 'whiteout' || e.marker?.kind === 'opaque' ? [e.marker.kind] : [],
      ),
    ),
  ];
  return (
    <section aria-label={`History of ${path}`}>
      <ol className="fs-history">
        {events.map((e, i) => {
          const line = createdBy?.(e.layer);
          return (
            <li key={i}>
              <span>
                {onSelectLayer ? (
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => onSelectLayer(e.layer)}
                  >
                    Layer {layerNumber(e.layer)}
                  </button>
                ) : (
                  `Layer ${layerNumber(e.layer)}`
                )}
              </span>
              <span className={`fs-change fs-change-${e.action}`}>
                <span aria-hidden="true">{ICON[e.action]}</span> {e.action}
              </span>
              <span>
                {detail(e)}
                {line ? <span className="fs-created-by muted"> · {line}</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
      {markers.map((k) => (
        <p key={k} className="fs-note">
          {MARKER_EXPLANATION[k]}{' '}
          <a href={SpecLinks.whiteouts.href} target="_blank" rel="noreferrer noopener">
            {SpecLinks.whiteouts.label}
          </a>
        </p>
      ))}
    </section>
  );
}
