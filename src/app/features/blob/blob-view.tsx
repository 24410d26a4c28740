import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { GraphNode } from '../../../core/graph/model.ts';
import { pageCount, pageRange, PAGE_SIZE, textOfPage } from '../../components/file-kind.ts';
import { formatBytes, formatCount } from '../../components/format.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import { hexDump, JSON_PAGE_LINES, pageBytes, shapeOf, type BlobShape } from './blob-read.ts';
import { visibleControls } from './format-json.ts';
import './blob.css';

const read = async (blob: Blob, start: number, end: number): Promise<Uint8Array> =>
  new Uint8Array(await blob.slice(start, end).arrayBuffer());

/** The file name a download gets: the digest's hex (never a name from the image) and a fitting extension. */
export function downloadName(node: GraphNode, shape: BlobShape | undefined): string {
  const base = (node.digest ?? node.id).replace(/[^a-zA-Z0-9]+/g, '-');
  const ext =
    shape?.kind === 'json'
      ? '.json'
      : shape?.kind === 'text'
        ? shape.svg
          ? '.svg.txt'
          : '.txt'
        : node.kind === 'layer'
          ? '.tar.blob'
          : '.bin';
  return base + ext;
}

/** A link that downloads exactly these bytes (a `download` attribute: the browser saves, never navigates). */
function DownloadLink({ blob, name }: { blob: Blob; name: string }) {
  return (
    <a
      className="btn btn-small"
      download={name}
      // The object URL lives as long as the link (React 19 runs a ref's cleanup on unmount).
      ref={(a) => {
        if (!a) return;
        const url = URL.createObjectURL(blob);
        a.href = url;
        return () => URL.revokeObjectURL(url);
      }}
    >
      Download the exact bytes ({formatBytes(blob.size)})
    </a>
  );
}

/** A raster image from the blob, through an object URL of an image type (never a document). */
function BlobImage({ blob, mime, label }: { blob: Blob; mime: string; label: string }) {
  return (
    <img
      className="blob-image"
      alt={label}
      ref={(img) => {
        if (!img) return;
        const url = URL.createObjectURL(new Blob([blob], { type: mime }));
        img.src = url;
        return () => URL.revokeObjectURL(url);
      }}
    />
  );
}

/** Previous / next page buttons and where we are. */
function Pager({
  page,
  pages,
  onPage,
  unit,
}: {
  page: number;
  pages: number;
  onPage: (p: number) => void;
  unit: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="blob-pager" aria-label="Blob pages">
      <button
        type="button"
        className="btn btn-small"
        disabled={page === 0}
        onClick={() => onPage(page - 1)}
      >
        Previous page
      </button>
      <span className="muted small">
        page {page + 1} of {formatCount(pages)} ({unit})
      </span>
      <button
        type="button"
        className="btn btn-small"
        disabled={page >= pages - 1}
        onClick={() => onPage(page + 1)}
      >
        Next page
      </button>
    </nav>
  );
}

/** The bytes of one page of a text or hex blob, read when shown. */
function BytePage({
  image,
  node,
  blob,
  shape,
  page,
}: {
  image: LoadedImage;
  node: GraphNode;
  blob: Blob;
  shape: Extract<BlobShape, { kind: 'text' | 'hex' }>;
  page: number;
}) {
  const size = pageBytes(shape);
  const { start, end } = pageRange(blob.size, page, size);
  const bytes = useQuery({
    queryKey: ['blob-page', node.id, image.inputKey, shape.kind, page],
    queryFn: () => read(blob, start, end),
  });
  if (bytes.error)
    return <p className="error-text">Could not read the blob: {bytes.error.message}</p>;
  if (!bytes.data) return <p className="muted">Reading…</p>;
  const text = shape.kind === 'text' ? textOfPage(bytes.data, start === 0, end >= blob.size) : null;
  return (
    <pre className="blob-content mono" tabIndex={0}>
      {text !== null ? visibleControls(text) : hexDump(bytes.data, start)}
    </pre>
  );
}

/**
 * The contents of any blob — an SBOM, an in-toto statement, a signature, an artifact's layer, a
 * config of an unknown type, a layer that is no tar — as formatted JSON, text, an image or hex,
 * paged, with a download of the exact bytes. Documents the details panel already shows as JSON
 * get the download only.
 */
export function BlobView({ image, node }: { image: LoadedImage; node: GraphNode }) {
  const blob = useMemo(
    () =>
      node.bytes ? new Blob([node.bytes as BlobPart]) : (image.store.get(node.id)?.blob ?? null),
    [image, node],
  );
  const [page, setPage] = useState(0);
  const shape = useQuery({
    queryKey: ['blob-shape', node.id, image.inputKey],
    queryFn: async () =>
      blob
        ? shapeOf(await read(blob, 0, PAGE_SIZE), blob.size, node.mediaType, () =>
            read(blob, 0, blob.size),
          )
        : ({ kind: 'empty' } as const),
    enabled: blob !== null && node.bytes === null,
  });
  if (!blob) return null;
  const name = downloadName(node, shape.data);
  if (node.bytes)
    return (
      <p className="blob-download">
        <DownloadLink blob={blob} name={name} />
      </p>
    );
  const s = shape.data;
  const pages =
    s?.kind === 'json'
      ? pageCount(s.lines.length, JSON_PAGE_LINES)
      : s?.kind === 'text' || s?.kind === 'hex'
        ? pageCount(blob.size, pageBytes(s))
        : 1;
  const what =
    s === undefined
      ? ''
      : s.kind === 'json'
        ? `JSON, formatted${s.truncated ? ' (cut: the formatted text grew past 4 MiB; download for the rest)' : ''}`
        : s.kind === 'text'
          ? s.svg
            ? 'SVG, shown as text'
            : 'UTF-8 text'
          : s.kind === 'image'
            ? s.mime
            : s.kind === 'hex'
              ? `hex: ${s.reason}`
              : 'empty';
  return (
    <section className="blob-view" aria-label="Blob contents">
      <header className="blob-head">
        <h3>Contents</h3>
        <span className="muted small">
          {what}
          {what ? ' · ' : ''}
          {formatCount(blob.size)} bytes
        </span>
        <DownloadLink blob={blob} name={name} />
      </header>
      {shape.error ? (
        <p className="error-text">Could not read the blob: {shape.error.message}</p>
      ) : !s ? (
        <p className="muted">Reading…</p>
      ) : s.kind === 'empty' ? (
        <p className="muted">The blob is empty (0 bytes).</p>
      ) : s.kind === 'image' ? (
        <BlobImage blob={blob} mime={s.mime} label={`Image stored in blob ${node.id}`} />
      ) : (
        <>
          <Pager
            page={page}
            pages={pages}
            onPage={setPage}
            unit={
              s.kind === 'json'
                ? `${JSON_PAGE_LINES} lines each`
                : `${formatBytes(pageBytes(s))} each`
            }
          />
          {s.kind === 'json' ? (
            <pre className="blob-content mono" tabIndex={0}>
              {s.lines.slice(page * JSON_PAGE_LINES, (page + 1) * JSON_PAGE_LINES).join('\n')}
            </pre>
          ) : (
            <BytePage image={image} node={node} blob={blob} shape={s} page={page} />
          )}
        </>
      )}
    </section>
  );
}
