import { SafeImage } from '../../../components/safe-image.tsx';
import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { formatBytes, formatCount, layerNumber } from '../../../components/format.ts';
import {
  linkTargetPath,
  modeString,
  ownerString,
  timeString,
  xattrValue,
} from '../tree/entry-format.ts';
import {
  decideView,
  hexRow,
  hexRowCount,
  PAGE_SIZE,
  pageCount,
  pageRange,
  splitLines,
  textOfPage,
  type FileView,
} from './file-kind.ts';
import { VirtualLines } from './virtual-lines.tsx';
import type { ReadVia } from '../../../../worker/fs-session.ts';
import '../filesystem.css';

/** The file shown: a merged entry (or FsRow) plus the rare fields the tar gives (xattrs). */
export interface ViewedFile {
  path: string;
  type: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  linkTarget: string | null;
  layer?: number;
  xattrs?: Readonly<Record<string, Uint8Array>>;
  change?: 'added' | 'modified' | 'deleted' | null;
  removedBy?: { kind: string; path: string; layer: number } | null;
}

/** Props of FileViewer: the file, one page of its bytes, and callbacks to page, follow links, save. */
export interface FileViewerProps {
  file: ViewedFile | null;
  /** Bytes of page `page` (the whole file when it fits in one page); null while loading. */
  bytes: Uint8Array | null;
  page?: number;
  pageSize?: number;
  /** The file's first bytes, to decide how later pages are shown (defaults to `bytes` on page 0). */
  head?: Uint8Array | null;
  /** Lines before this page, to number its lines (null: unknown; numbers then start at the page). */
  firstLine?: number | null;
  loading?: boolean;
  error?: string | null;
  onPageChange?: (page: number) => void;
  /** Open another path (a link's target). */
  onNavigate?: (path: string) => void;
  /** The URL of a path's view, so link targets can be copied and opened in a new tab. */
  hrefFor?: (path: string) => string;
  /** Save the whole file (the button shows when given). */
  onDownload?: () => void;
  /** A save in progress (large files are gathered in a worker first). */
  saving?: { bytes: number; total: number } | null;
  /** Why the last save failed. */
  saveError?: string | null;
  /** How the shown bytes were reached in the layer. */
  via?: ReadVia | null;
  /** Shown while the bytes are read (default: "Reading…"). */
  readingNote?: ReactNode;
  viewportHeight?: number;
}

/**
 * The file viewer, a region named "File contents": metadata (type, size, mode, owner, mtime,
 * layer, xattrs), then the content as text with line numbers, a hex dump, or an inline image;
 * links to a symlink's or hardlink's target; large files a page at a time.
 */
export function FileViewer(props: FileViewerProps) {
  const { file } = props;
  return (
    <section className="fs-viewer" role="region" aria-label="File contents">
      {file === null ? (
        <p className="fs-note">Select a file to see its contents.</p>
      ) : (
        <>
          <div className="fs-viewer-head">
            <h2>{file.path}</h2>
            {props.onDownload && (file.type === 'file' || file.type === 'hardlink') ? (
              <button
                type="button"
                className="btn btn-small"
                onClick={props.onDownload}
                disabled={!!props.saving}
              >
                {props.saving
                  ? `Saving… ${Math.floor((100 * props.saving.bytes) / Math.max(1, props.saving.total))} %`
                  : 'Download'}
              </button>
            ) : null}
          </div>
          {props.saveError ? (
            <p className="fs-note error-text" role="alert">
              {props.saveError}
            </p>
          ) : null}
          <Metadata
            file={file}
            link={(p) => (
              <PathLink path={p} onNavigate={props.onNavigate} hrefFor={props.hrefFor} />
            )}
          />
          {props.via ? <p className="fs-note fs-via muted small">{VIA[props.via]}</p> : null}
          <Content {...props} file={file} />
        </>
      )}
    </section>
  );
}

/** How a read reached its bytes, in words that teach how layers are stored. */
const VIA: Record<ReadVia, string> = {
  tar: 'Read straight from the layer: an uncompressed tar, so any file is a slice of it.',
  checkpoint:
    'Read by resuming inflate at a checkpoint near the file (saved while verifying the layer).',
  start: 'Read by inflating the layer from its start (no copy or checkpoint reaches it yet).',
};

function PathLink({
  path,
  onNavigate,
  hrefFor,
}: { path: string } & Pick<FileViewerProps, 'onNavigate' | 'hrefFor'>) {
  if (!onNavigate && !hrefFor) return <span className="mono">{path}</span>;
  return (
    <a
      className="mono"
      href={hrefFor ? hrefFor(path) : '#'}
      onClick={
        onNavigate
          ? (e) => {
              e.preventDefault();
              onNavigate(path);
            }
          : undefined
      }
    >
      {path}
    </a>
  );
}

function Metadata({ file, link }: { file: ViewedFile; link: (path: string) => ReactNode }) {
  const target =
    file.linkTarget === null
      ? null
      : file.type === 'symlink'
        ? linkTargetPath(file.path, file.linkTarget)
        : file.linkTarget;
  const xattrs = Object.entries(file.xattrs ?? {});
  return (
    <dl className="fs-meta">
      <dt>Type</dt>
      <dd>{file.type === 'dir' ? 'folder' : file.type}</dd>
      {file.type === 'symlink' ? (
        <>
          <dt>Target</dt>
          <dd>
            {file.linkTarget}
            {target !== null ? <> (→ {link(target)})</> : null}
          </dd>
        </>
      ) : null}
      {file.type === 'hardlink' && target !== null ? (
        <>
          <dt>Same bytes as</dt>
          <dd>{link(target)}</dd>
        </>
      ) : null}
      <dt>Size</dt>
      <dd>
        {formatBytes(file.size)}
        {file.size >= 1000 ? ` (${formatCount(file.size)} bytes)` : ''}
      </dd>
      <dt>Mode</dt>
      <dd>
        {modeString(file.type, file.mode)} ({file.mode.toString(8).padStart(4, '0')})
      </dd>
      <dt>Owner</dt>
      <dd>{ownerString(file.uid, file.gid)}</dd>
      <dt>Modified</dt>
      <dd>{timeString(file.mtime)} UTC</dd>
      {file.layer !== undefined ? (
        <>
          <dt>{file.change === 'deleted' ? 'Last written by' : 'Layer'}</dt>
          <dd>layer {layerNumber(file.layer)}</dd>
        </>
      ) : null}
      {file.removedBy ? (
        <>
          <dt>Deleted</dt>
          <dd>
            in layer {layerNumber(file.removedBy.layer)} by {file.removedBy.path} (
            {file.removedBy.kind})
          </dd>
        </>
      ) : null}
      {xattrs.map(([name, value]) => (
        <XattrRow key={name} name={name} value={value} />
      ))}
    </dl>
  );
}

function XattrRow({ name, value }: { name: string; value: Uint8Array }) {
  return (
    <>
      <dt>xattr {name}</dt>
      <dd>{xattrValue(value)}</dd>
    </>
  );
}

function Content(props: FileViewerProps & { file: ViewedFile }) {
  const { file, bytes } = props;
  const page = props.page ?? 0;
  const pageSize = props.pageSize ?? PAGE_SIZE;
  if (file.type === 'dir') return <p className="fs-note">A folder: open it in the tree.</p>;
  if (file.type === 'symlink')
    return <p className="fs-note">A symbolic link has no content of its own; follow its target.</p>;
  if (file.type !== 'file' && file.type !== 'hardlink')
    return <p className="fs-note">A {file.type} device or pipe: it has no content in the image.</p>;
  if (props.error) return <p className="fs-note error-text">{props.error}</p>;
  if (bytes === null || props.loading)
    return props.readingNote ?? <p className="fs-note">Reading…</p>;
  const head = props.head ?? (page === 0 ? bytes : null);
  const view: FileView = head
    ? decideView(head, file.size)
    : { kind: 'hex', reason: 'shown as hex' };
  const pages = pageCount(file.size, pageSize);
  return (
    <>
      <Body
        {...props}
        view={view}
        bytes={bytes}
        file={file}
        page={page}
        pageSize={pageSize}
        pages={pages}
      />
      {pages > 1 ? (
        <Pager
          page={page}
          pages={pages}
          size={file.size}
          pageSize={pageSize}
          onPageChange={props.onPageChange}
        />
      ) : null}
    </>
  );
}

function Body(
  props: FileViewerProps & {
    view: FileView;
    bytes: Uint8Array;
    file: ViewedFile;
    page: number;
    pageSize: number;
    pages: number;
  },
) {
  const { view, bytes, file, page, pages } = props;
  const base = page * props.pageSize;
  const text = useMemo(
    () => (view.kind === 'text' ? textOfPage(bytes, page === 0, page === pages - 1) : null),
    [view.kind, bytes, page, pages],
  );
  const lines = useMemo(() => (text === null ? null : splitLines(text)), [text]);
  if (view.kind === 'empty') return <p className="fs-note">An empty file.</p>;
  if (view.kind === 'image') {
    if (bytes.length === file.size)
      return <InlineImage bytes={bytes} mime={view.mime} name={file.path} />;
    return <p className="fs-note">An image larger than a page: download it to see it.</p>;
  }
  if (lines !== null) {
    const first = props.firstLine ?? (page === 0 ? 0 : null);
    return (
      <VirtualLines
        label="Text"
        count={lines.length}
        resetKey={`${file.path}:${page}`}
        viewportHeight={props.viewportHeight}
        render={(i) => (
          <>
            <span className="fs-line-no">{first === null ? '' : first + i + 1}</span>
            <span>{lines[i]}</span>
          </>
        )}
      />
    );
  }
  const reason = view.kind === 'hex' ? view.reason : 'not valid UTF-8 on this page';
  return (
    <>
      <p className="fs-note">Hex dump: {reason}.</p>
      <VirtualLines
        label="Hex dump"
        count={hexRowCount(bytes.length)}
        resetKey={`${file.path}:${page}`}
        viewportHeight={props.viewportHeight}
        render={(i) => {
          const r = hexRow(bytes, i, base);
          return (
            <>
              <span className="fs-hex-offset">{r.offsetText}</span>
              <span className="fs-hex-bytes">{r.hex}</span>
              <span className="fs-hex-ascii">{r.ascii}</span>
            </>
          );
        }}
      />
    </>
  );
}

function InlineImage({ bytes, mime, name }: { bytes: Uint8Array; mime: string; name: string }) {
  return (
    <SafeImage bytes={bytes} mime={mime} alt={`image ${name.slice(name.lastIndexOf('/') + 1)}`} />
  );
}

function Pager(props: {
  page: number;
  pages: number;
  size: number;
  pageSize: number;
  onPageChange: ((page: number) => void) | undefined;
}) {
  const { page, pages } = props;
  const { start, end } = pageRange(props.size, page, props.pageSize);
  const go = props.onPageChange;
  return (
    <nav className="fs-pager" aria-label="Pages">
      <button
        type="button"
        className="btn btn-small"
        disabled={!go || page <= 0}
        onClick={() => go?.(page - 1)}
      >
        Previous page
      </button>
      <span>
        Page {page + 1} of {pages} · bytes {formatCount(start)}–{formatCount(end)} of{' '}
        {formatCount(props.size)}
      </span>
      <button
        type="button"
        className="btn btn-small"
        disabled={!go || page >= pages - 1}
        onClick={() => go?.(page + 1)}
      >
        Next page
      </button>
    </nav>
  );
}
