import type { MergedFilesystem } from './merged-filesystem.ts';
import { deletedPaths, layerChanges } from './path-changes.ts';
import type { DeletedPath, LayerChange } from './path-changes.ts';
import type { LayerDiffEntry, MergedEntry, RemovalMarker } from './types.ts';

type Change = LayerDiffEntry['change'];

/** A row of the filesystem tree: a merged entry, how the shown layer changed it, what removed it. */
export type FsRow = MergedEntry & {
  change: Change | null;
  /** Deleted rows: the whiteout / opaque marker (or replacing path) and the layer holding it. */
  removedBy: (RemovalMarker & { layer: number }) | null;
  /** A folder the shown layer makes opaque (`.wh..wh..opq`): what lower layers put there is hidden. */
  opaque: boolean;
};

/** Which filesystem the tree shows: merged after layer N, or only layer N's own changes. */
export type TreeMode = { kind: 'merged'; upTo: number } | { kind: 'layer'; layer: number };

/**
 * Rows of the merged view (as `view.list()` gives them), each marked with what `changes` (the
 * shown layer's changes, dive's highlight) did to it; `deleted` adds the greyed removed paths.
 */
export function mergedRows(
  entries: readonly MergedEntry[],
  changes: readonly Pick<LayerChange, 'path' | 'change'>[] = [],
  deleted: readonly DeletedPath[] = [],
  opaque: ReadonlySet<string> = NONE,
): FsRow[] {
  const changeOf = new Map<string, Change>();
  for (const c of changes) if (c.change !== 'deleted') changeOf.set(c.path, c.change);
  const out: FsRow[] = entries.map((e) =>
    row(e, changeOf.get(e.path) ?? null, null, opaque.has(e.path)),
  );
  for (const d of deleted) out.push(row(d.entry, 'deleted', d.removedBy, false));
  return out;
}

/**
 * One row, every field named: a spread of the entry plus three more fields made each row an
 * object in V8's slow dictionary form (~650 bytes; 300,000 rows took ~200 MB, ~50 MB now).
 */
export function row(
  e: MergedEntry,
  change: Change | null,
  removedBy: FsRow['removedBy'],
  opaque: boolean,
): FsRow {
  return {
    path: e.path,
    type: e.type,
    size: e.size,
    mode: e.mode,
    uid: e.uid,
    gid: e.gid,
    mtime: e.mtime,
    linkTarget: e.linkTarget,
    layer: e.layer,
    index: e.index,
    implicit: e.implicit,
    content: e.content,
    change,
    removedBy,
    opaque,
  };
}

/** Rows of one layer's own changes: added, modified, deleted (with markers); parents are implied. */
export function layerRows(
  changes: readonly LayerChange[],
  opaque: ReadonlySet<string> = NONE,
): FsRow[] {
  return changes.map((c) => row(c.entry, c.change, c.removedBy, opaque.has(c.path)));
}

const NONE: ReadonlySet<string> = new Set();

/** The folders layer n's opaque markers (`.wh..wh..opq`) make opaque. */
export function opaqueFolders(fs: MergedFilesystem, layer: number): Set<string> {
  const out = new Set<string>();
  for (const c of fs.changeSet(layer)) if (c.type === 'opaque') out.add(c.path);
  return out;
}

/** The rows for a mode, from a filesystem at hand (main thread or worker). */
export function treeRows(fs: MergedFilesystem, mode: TreeMode, showDeleted = false): FsRow[] {
  if (fs.layerCount === 0) return [];
  if (mode.kind === 'layer')
    return layerRows(layerChanges(fs, mode.layer), opaqueFolders(fs, mode.layer));
  const n = Math.min(Math.max(0, mode.upTo), fs.layerCount - 1);
  // The shown layer's change kinds only (its entries, as layerChanges makes them, are not needed
  // here: for a layer of 300,000 paths they were ~90 MB made and dropped).
  return mergedRows(
    fs.listMerged(n),
    fs.layerDiff(n),
    showDeleted ? deletedPaths(fs, n) : [],
    opaqueFolders(fs, n),
  );
}
