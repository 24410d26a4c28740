import { filterChanges, type ChangeFilter } from './change-filter.ts';
import { layerRows, opaqueFolders, row, type FsRow, type TreeMode } from './fs-rows.ts';
import type { MergedFilesystem } from './merged-filesystem.ts';
import { deletedPaths, layerChanges } from './path-changes.ts';
import type { MergedEntry } from './types.ts';

/** A merged entry as the view lists it, or a row made already (a deleted path, a layer's change). */
export type TreeItem = MergedEntry | FsRow;

/**
 * What a tree is built from: the entries for a mode with dive's toggles applied, and each one's
 * row when asked. The merged view's entries are used as they are and a row is made for one
 * only when asked (the tree's encoder asks for each in turn, keeping none): 300,000 rows made
 * at once were ~55 MB beside the view's own entries.
 */
export interface TreeSource {
  entries: readonly TreeItem[];
  rowOf(item: TreeItem): FsRow;
}

const isRow = (item: TreeItem): item is FsRow => 'change' in item;

/** The tree's entries for a mode and toggles: the same rows as `filterChanges(treeRows(…))`. */
export function treeSource(fs: MergedFilesystem, mode: TreeMode, f: ChangeFilter): TreeSource {
  const asIs = (item: TreeItem): FsRow => item as FsRow;
  if (fs.layerCount === 0) return { entries: [], rowOf: asIs };
  if (mode.kind === 'layer') {
    const rows = layerRows(layerChanges(fs, mode.layer), opaqueFolders(fs, mode.layer));
    return { entries: filterChanges(rows, f), rowOf: asIs };
  }
  const n = Math.min(Math.max(0, mode.upTo), fs.layerCount - 1);
  const changeOf = new Map<string, 'added' | 'modified'>();
  for (const c of fs.layerDiff(n)) if (c.change !== 'deleted') changeOf.set(c.path, c.change);
  const opaque = opaqueFolders(fs, n);
  const keeps = (type: string, change: FsRow['change']): boolean =>
    (!f.dirsOnly || type === 'dir') && (change === null ? f.unmodified : f[change]);
  const entries: TreeItem[] = fs
    .listMerged(n)
    .filter((e) => keeps(e.type, changeOf.get(e.path) ?? null));
  if (f.deleted)
    for (const d of deletedPaths(fs, n))
      if (keeps(d.entry.type, 'deleted')) entries.push(row(d.entry, 'deleted', d.removedBy, false));
  return {
    entries,
    rowOf: (item) =>
      isRow(item) ? item : row(item, changeOf.get(item.path) ?? null, null, opaque.has(item.path)),
  };
}
