import { useMemo, useState } from 'react';
import { MARKER_EXPLANATION } from '../../../core/learn/markers.ts';
import { SpecLinks } from '../../../core/learn/spec-links.ts';
import type { TarEntry } from '../../../core/layers/tar-entry.ts';
import { decodeEntries } from '../../../worker/entry-codec.ts';
import { useLayerJob } from '../../queries/checks.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import './learn.css';

/** Rows shown at most: a listing can hold hundreds of thousands of members. */
const MAX_ROWS = 2000;

/** What a member's stored name says it is: a whiteout, an opaque marker, or neither. */
export function markerKind(path: string): 'whiteout' | 'opaque' | null {
  const base = path.replace(/\/+$/, '').split('/').pop() ?? '';
  if (base === '.wh..wh..opq') return 'opaque';
  return base.startsWith('.wh.') ? 'whiteout' : null;
}

/** The table of a layer's members exactly as the tar stores them, marker names included. */
export function RawEntriesTable({ entries }: { entries: readonly TarEntry[] }) {
  const shown = entries.slice(0, MAX_ROWS);
  const kinds = new Set(entries.map((e) => markerKind(e.path)).filter(Boolean));
  return (
    <div className="learn-raw">
      {[...kinds].map((k) => (
        <p key={k} className="small">
          <span className="label">{k}</span> {MARKER_EXPLANATION[k!]}{' '}
          <a href={SpecLinks.whiteouts.href} target="_blank" rel="noreferrer noopener">
            {SpecLinks.whiteouts.label}
          </a>
        </p>
      ))}
      <table aria-label="Tar entries as stored">
        <tbody>
          {shown.map((e, i) => {
            const k = markerKind(e.path);
            return (
              <tr key={i}>
                <td className="mono small">{e.type}</td>
                <td className="mono small">{e.size}</td>
                <td className="mono small">
                  {e.path}
                  {e.linkTarget !== undefined && ` → ${e.linkTarget}`}{' '}
                  {k && <span className="label">{k}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {entries.length > shown.length && (
        <p className="muted small">
          The first {MAX_ROWS} of {entries.length} entries.
        </p>
      )}
    </div>
  );
}

/** A toggle that shows a layer's raw tar entries (marker names as stored) once the layer is listed. */
export function RawEntries({ image, digest }: { image: LoadedImage; digest: string }) {
  const [open, setOpen] = useState(false);
  const job = useLayerJob(image, digest);
  const encoded = job.status === 'success' ? job.data.entries : null;
  const entries = useMemo(() => (open && encoded ? decodeEntries(encoded) : null), [open, encoded]);
  return (
    <section aria-label="Tar entries">
      <button
        type="button"
        className="btn btn-small"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? 'Hide' : 'Show'} the tar entries as stored
      </button>
      {open &&
        (entries ? (
          <RawEntriesTable entries={entries} />
        ) : (
          <p className="muted">Reading the layer…</p>
        ))}
    </section>
  );
}
