import { useEffect, useState, type ReactNode } from 'react';
import { ACCEPTED_FORMATS } from '../../../core/store/image-input.ts';
import { useSession } from '../../state/app-context.tsx';
import { requestForUrl } from './picked.ts';
import { RegistryField } from './registry-form.tsx';

/** One demo image as `demos.json` (written by scripts/demo/build-demo.mjs) lists it. */
interface Demo {
  file: string;
  title: string;
  description: string;
  size: number;
}

/** The built-in demo images, one click each; opened as `?src=demo/<file>` so a reload (and a link) reopens them. */
function DemoButtons() {
  const session = useSession();
  const [demos, setDemos] = useState<Demo[] | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    // Relative to the page, so the site works from any sub-path.
    fetch('./demo/demos.json', { signal: abort.signal })
      .then((r) => (r.ok ? (r.json() as Promise<Demo[]>) : []))
      .then((list) => setDemos(Array.isArray(list) ? list : []))
      .catch(() => setDemos([]));
    return () => abort.abort();
  }, []);
  if (!demos || demos.length === 0) return null;
  const open = (d: Demo) => {
    const src = `./demo/${d.file}`;
    const url = new URL(location.href);
    url.searchParams.set('src', src);
    history.replaceState(null, '', url.pathname + url.search.replaceAll('%2F', '/') + url.hash);
    void session.open(requestForUrl(src, location.href));
  };
  return (
    <section className="start-demos" aria-label="Demo images">
      <h2 className="small">Or try a demo image</h2>
      <ul>
        {demos.map((d) => (
          <li key={d.file}>
            <button type="button" className="btn" title={d.description} onClick={() => open(d)}>
              {d.title}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The empty state: what the tool does and where to drop. */
export function StartPage({
  buttons,
  note,
  onRegistry,
}: {
  buttons: ReactNode;
  note?: ReactNode;
  onRegistry: (ref: string) => void;
}) {
  return (
    <main className="start" aria-label="Open an image">
      <div className="start-drop">
        {note}
        <h1>Look inside a container image</h1>
        <p className="lead">Drop an image anywhere on this page, or pick one.</p>
        {buttons}
        <DemoButtons />
        <RegistryField onOpen={onRegistry} />
        <p className="muted small">
          Accepted: {ACCEPTED_FORMATS}. The format is read from the content, not the name.
        </p>
        <p className="muted small">
          Nothing is uploaded: the image is read by workers in this tab. A link with{' '}
          <code>?src=URL</code> opens a tarball over HTTPS, and <code>?ref=HOST/REPO:TAG</code> an
          image in a registry that allows this page to read it.
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
