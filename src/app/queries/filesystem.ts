import { queryOptions, skipToken } from '@tanstack/react-query';
import type { ChangeFilter } from '../../core/fs/change-filter.ts';
import type { FsRow, TreeMode } from '../../core/fs/fs-rows.ts';
import type { TreeModel } from '../../core/fs/tree-model.ts';
import type { PathEvent } from '../../core/fs/types.ts';
import { fsClient } from '../../worker/client.ts';
import type { FsFile, FsImage } from '../../worker/fs-client.ts';
import type { FsReadProgress, FsReadResult } from '../../worker/fs-session.ts';
import { decodeTree } from '../../worker/tree-codec.ts';
import { inputFilter } from './input-scope.ts';

/** Which image's filesystem a query reads: the input and the image's manifest. */
export interface FsScope {
  inputKey: string;
  manifest: string;
}

/** The filesystem worker's name for an image's filesystem (its tree, reads and analysis share it). */
export const fsImageKey = (manifest: string, inputKey: string): string => `${manifest} ${inputKey}`;

const TREE = 'fs-tree';
const HISTORY = 'fs-history';
const READ = 'fs-read';
const LINES = 'fs-lines';

const modeKey = (m: TreeMode): string => (m.kind === 'merged' ? `m${m.upTo}` : `l${m.layer}`);
const changesKey = (c: ChangeFilter): string =>
  (['added', 'modified', 'deleted', 'unmodified', 'dirsOnly'] as const)
    .map((k) => (c[k] ? '1' : '0'))
    .join('');

/** The filesystem explorer's query keys: each names its image by scope, then what it asks. */
export const fsKeys = {
  /** The tree for a mode and dive's change toggles. */
  tree: (scope: FsScope, mode: TreeMode, changes: ChangeFilter) =>
    [TREE, { ...scope, mode: modeKey(mode), changes: changesKey(changes) }] as const,
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
  [TREE, HISTORY, READ, LINES].map((r) => inputFilter(r, inputKey));

/** A tree as the explorer shows it: its model, the image's layer count, the worker's time. */
export interface FsTree {
  model: TreeModel<FsRow>;
  layerCount: number;
  ms: number;
}

/**
 * The tree for a mode and dive's change toggles, built in the filesystem worker and read from
 * its columns as rows show (the last tree shown meanwhile). Not structurally shared: the model
 * is new with each answer, and comparing 300,000 rows would cost the page what the worker saved.
 */
export const fsTreeQuery = (
  scope: FsScope,
  fs: FsImage | null,
  mode: TreeMode,
  changes: ChangeFilter,
  signal: AbortSignal,
) =>
  queryOptions<FsTree>({
    queryKey: fsKeys.tree(scope, mode, changes),
    queryFn: fs
      ? async () => {
          const { tree, ...rest } = await fsClient().tree(fs, mode, changes, { signal });
          return { model: decodeTree(tree), ...rest };
        }
      : skipToken,
    placeholderData: (previous) => previous,
    structuralSharing: false,
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
