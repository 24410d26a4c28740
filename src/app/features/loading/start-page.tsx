import type { ReactNode } from 'react';
import { ACCEPTED_FORMATS } from '../../../core/store/image-input.ts';

/** The empty state: what the tool does and where to drop. */
export function StartPage({ buttons }: { buttons: ReactNode }) {
  return (
    <main className="start" aria-label="Open an image">
      <div className="start-drop">
        <h1>Look inside a container image</h1>
        <p className="lead">Drop an image anywhere on this page, or pick one.</p>
        {buttons}
        <p className="muted small">
          Accepted: {ACCEPTED_FORMATS}. The format is read from the content, not the name.
        </p>
        <p className="muted small">
          Nothing is uploaded: the image is read by workers in this tab. A link with{' '}
          <code>?src=URL</code> opens a tarball over HTTPS.
        </p>
      </div>
      <ul className="start-points" aria-label="What you will see">
        <li>
          <strong>The graph</strong> index → manifests → config and layers, every blob hashed as you
          look.
        </li>
        <li>
          <strong>Every document</strong> exactly as stored, digests linked, media types and
          annotations explained.
        </li>
        <li>
          <strong>The layers</strong> with their history, read in workers: sizes, diff_ids, wasted
          bytes.
        </li>
      </ul>
    </main>
  );
}
