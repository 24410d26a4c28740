import { queryOptions, skipToken } from '@tanstack/react-query';
import type { FsRow, TreeMode } from '../../core/fs/fs-rows.ts';
import type { PathEvent } from '../../core/fs/types.ts';
import { fsClient } from '../../worker/client.ts';
import type { FsFile, FsImage } from '../../worker/fs-client.ts';
import type { FsReadProgress, FsReadResult } from '../../worker/fs-session.ts';
import { inputFilter } from './input-scope.ts';

/** Which image's filesystem a query reads: the input and the image's manifest. */
export interface FsScope {
  inputKey: string;
  manifest: string;
}

/** The filesystem worker's name for an image's filesystem (its tree, reads and analysis share it). */
export const fsImageKey = (manifest: string, inputKey: string): string => `${manifest} ${inputKey}`;

const ROWS = 'fs-rows';
const HISTORY = 'fs-history';
const READ = 'fs-read';
const LINES = 'fs-lines';

const modeKey = (m: TreeMode): string => (m.kind === 'merged' ? `m${m.upTo}` : `l${m.layer}`);

/** The filesystem explorer's query keys: each names its image by scope, then what it asks. */
export const fsKeys = {
  /** The tree rows for a mode. */
  rows: (scope: FsScope, mode: TreeMode, showDeleted: boolean) =>
    [ROWS, { ...scope, mode: modeKey(mode), showDeleted }] as const,
  /** A path's history. */
  history: (scope: FsScope, path: string | null) => [HISTORY, { ...scope, path }] as const,
  /** One page of a file. */
  read: (scope: FsScope, file: FsFile | null, offset: number, length: number) =>
    [READ, { ...scope, path: file?.path, layer: file?.layer, offset, length }] as const,
  /** Newlines before a page of a file. */
  lines: (scope: FsScope, file: FsFile | null, offset: number) =>
    [LINES, { ...scope, path: file?.path, layer: file?.layer, offset }] as const,
};

/** Every filesystem query of one input. */
export const fsQueriesOf = (inputKey: string) =>
  [ROWS, HISTORY, READ, LINES].map((r) => inputFilter(r, inputKey));

/** The tree rows for a mode, built in the filesystem worker (the last rows shown meanwhile). */
export const fsRowsQuery = (
  scope: FsScope,
  fs: FsImage | null,
  mode: TreeMode,
  showDeleted: boolean,
  signal: AbortSignal,
) =>
  queryOptions<{ rows: FsRow[]; layerCount: number; ms: number }>({
    queryKey: fsKeys.rows(scope, mode, showDeleted),
    queryFn: fs ? () => fsClient().rows(fs, mode, showDeleted, { signal }) : skipToken,
    placeholderData: (previous) => previous,
  });

/** A path's history (every layer that touched it). */
export const fsHistoryQuery = (
  scope: FsScope,
  fs: FsImage | null,
  path: string | null,
  signal: AbortSignal,
) =>
  queryOptions<PathEvent[]>({
    queryKey: fsKeys.history(scope, path),
    queryFn: fs && path ? () => fsClient().history(fs, path, { signal }) : skipToken,
  });

/**
 * One page of a file's bytes as layer `file.layer` leaves it; how the read approaches its first
 * byte goes to `onProgress`. Pages are dropped 30 s after no view shows them.
 */
export const fsReadQuery = (
  scope: FsScope,
  fs: FsImage | null,
  file: FsFile | null,
  page: { offset: number; length: number },
  signal: AbortSignal,
  onProgress?: (p: FsReadProgress) => void,
) =>
  queryOptions<FsReadResult>({
    queryKey: fsKeys.read(scope, file, page.offset, page.length),
    queryFn:
      fs && file
        ? () =>
            fsClient().read(fs, file, page.offset, page.length, {
              signal,
              ...(onProgress ? { onProgress } : {}),
            })
        : skipToken,
    gcTime: 30_000,
  });

/** Newlines before `offset` in a file (to number a later page's lines). */
export const fsLinesQuery = (
  scope: FsScope,
  fs: FsImage | null,
  file: FsFile | null,
  offset: number,
  signal: AbortSignal,
) =>
  queryOptions<{ offset: number; linesBefore: number }>({
    queryKey: fsKeys.lines(scope, file, offset),
    queryFn: fs && file ? () => fsClient().lines(fs, file, offset, { signal }) : skipToken,
  });
