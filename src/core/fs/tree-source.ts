import { filterChanges, type ChangeFilter } from './change-filter.ts';
import { layerRows, opaqueFolders, row, type FsRow, type TreeMode } from './fs-rows.ts';
import type { MergedFilesystem } from './merged-filesystem.ts';
import { deletedPaths, layerChanges } from './path-changes.ts';
import { entryFromEvent, sizeOfEvent, typeOfEvent } from './merged-view.ts';
import type { PathEvent } from './types.ts';

/**
 * A path of the merged view as the tree needs it (path, type, size) and the event its entry is
 * made from when its row is asked: ~50 bytes, where the view's entry is ~170 (300,000 of them
 * were ~50 MB beside the merge).
 */
class PresentPath {
  constructor(
    readonly path: string,
    readonly type: string,
    readonly size: number,
    readonly change: 'added' | 'modified' | null,
    readonly event: PathEvent,
  ) {}
}

/** A path of the merged view, or a row made already (a deleted path, a layer's change). */
export type TreeItem = PresentPath | FsRow;

/**
 * What a tree is built from: the entries for a mode with dive's toggles applied, and each one's
 * row when asked. A merged view's paths come as `PresentPath`s and a row (and its entry) is made
 * for one only when asked (the tree's encoder asks for each in turn, keeping none): 300,000 rows
 * made at once were ~55 MB, and the view's entries ~50 MB more.
 */
export interface TreeSource {
  entries: readonly TreeItem[];
  rowOf(item: TreeItem): FsRow;
}

/** The tree's entries for a mode and toggles: the same rows as `filterChanges(treeRows(…))`. */
export function treeSource(fs: MergedFilesystem, mode: TreeMode, f: ChangeFilter): TreeSource {
  const asIs = (item: TreeItem): FsRow => item as FsRow;
  if (fs.layerCount === 0) return { entries: [], rowOf: asIs };
  if (mode.kind === 'layer') {
    const rows = layerRows(layerChanges(fs, mode.layer), opaqueFolders(fs, mode.layer));
    return { entries: filterChanges(rows, f), rowOf: asIs };
  }
  const n = Math.min(Math.max(0, mode.upTo), fs.layerCount - 1);
  const opaque = opaqueFolders(fs, n);
  const keeps = (type: string, change: FsRow['change']): boolean =>
    (!f.dirsOnly || type === 'dir') && (change === null ? f.unmodified : f[change]);
  const entries = presentPaths(fs, n, keeps);
  if (f.deleted)
    for (const d of deletedPaths(fs, n))
      if (keeps(d.entry.type, 'deleted')) entries.push(row(d.entry, 'deleted', d.removedBy, false));
  return {
    entries,
    rowOf: (item) =>
      item instanceof PresentPath
        ? row(entryFromEvent(item.path, item.event), item.change, null, opaque.has(item.path))
        : item,
  };
}

/**
 * The paths present after layer n that `keeps` keeps, with how layer n changed each (made
 * apart from the rows' maker, which lives as long as the tree is encoded: the set of the layer's
 * paths that finds the change is dropped here).
 */
function presentPaths(
  fs: MergedFilesystem,
  n: number,
  keeps: (type: string, change: FsRow['change']) => boolean,
): TreeItem[] {
  const changeOf = fs.changeKindAt(n);
  const entries: TreeItem[] = [];
  fs.view(n).eachPresent((path, event, history) => {
    const type = typeOfEvent(event);
    const change = changeOf(path, history);
    if (keeps(type, change))
      entries.push(new PresentPath(path, type, sizeOfEvent(event), change, event));
  });
  return entries;
}
