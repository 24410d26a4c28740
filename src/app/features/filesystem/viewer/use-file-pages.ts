import { useEffect, useMemo, useState } from 'react';
import type { FsRow, TreeMode } from '../../../../core/fs/fs-rows.ts';
import type { FsReadProgress } from '../../../../worker/fs-session.ts';
import type { LoadedImage } from '../../../state/loaded-image.ts';
import { KeyedStore } from '../../../state/progress-store.ts';
import { decideView, PAGE_SIZE } from './file-kind.ts';
import { useFsLines, useFsRead, type FsSource } from '../use-filesystem.ts';

/** The layer whose bytes a row shows: deleted rows as the layer before the marker, else the view's. */
export function readLayerOf(row: FsRow, mode: TreeMode): number {
  if (row.change === 'deleted' && row.removedBy) return row.removedBy.layer - 1;
  return mode.kind === 'merged' ? mode.upTo : mode.layer;
}

/**
 * The selected file's bytes, a page at a time: its first page (which also decides how it is
 * shown), the page the user turned to, and for a text file the lines before that page, so its
 * lines are numbered as in the whole file (the worker counts them; paging on counts one page).
 */
export function useFilePages(
  image: LoadedImage,
  source: FsSource,
  row: FsRow | null,
  mode: TreeMode,
) {
  const readable = row !== null && (row.type === 'file' || row.type === 'hardlink') && row.size > 0;
  const path = row?.path ?? null;
  const [page, setPage] = useState(0);
  useEffect(() => setPage(0), [path]);
  const file =
    readable && row ? { path: row.path, layer: readLayerOf(row, mode), size: row.size } : null;
  const length = row ? Math.min(PAGE_SIZE, row.size) : 0;
  const reads = useMemo(() => new KeyedStore<FsReadProgress>(), []);
  const head = useFsRead(image, source, file, 0, length, reads);
  const later = useFsRead(
    image,
    source,
    page > 0 ? file : null,
    page * PAGE_SIZE,
    PAGE_SIZE,
    reads,
  );
  const headData = head.data;
  const isText = useMemo(
    () => headData !== undefined && decideView(headData.bytes, headData.size).kind === 'text',
    [headData],
  );
  const lines = useFsLines(image, source, page > 0 && isText ? file : null, page * PAGE_SIZE);
  const shown = page === 0 ? head : later;
  return {
    readable,
    file,
    page,
    setPage,
    reads,
    head: head.data,
    bytes: shown.data?.bytes ?? null,
    via: shown.data?.via ?? null,
    error: shown.error,
    firstLine: page === 0 ? 0 : (lines.data?.linesBefore ?? null),
  };
}
