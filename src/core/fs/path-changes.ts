import type { MergedFilesystem } from './merged-filesystem.ts';
import { entryFromEvent, eventAt } from './merged-view.ts';
import type { MergedEntry, PathEvent, RemovalMarker } from './types.ts';

/** One path changed by a layer, as a layer view lists it: the entry, and for deletions what removed it. */
export interface LayerChange {
  path: string;
  change: 'added' | 'modified' | 'deleted';
  /** added/modified: the entry after the layer; deleted: the entry just before it (what was removed). */
  entry: MergedEntry;
  /** deleted: the whiteout, opaque marker or replacing path, and the layer holding it. */
  removedBy: (RemovalMarker & { layer: number }) | null;
}

/** A path present once and deleted by the view's layer (or below), with the marker that did it. */
export interface DeletedPath {
  path: string;
  /** The entry as it was just before the deletion. */
  entry: MergedEntry;
  removedBy: RemovalMarker & { layer: number };
}

/**
 * Layer n's changes (fs.layerDiff) with their entries: what each added or modified path became,
 * and what each deleted path was and which marker deleted it. Sorted by path.
 */
export function layerChanges(fs: MergedFilesystem, layer: number): LayerChange[] {
  return fs.layerDiff(layer).map(({ path, change }) => {
    const history = fs.historyOf(path);
    if (change !== 'deleted') {
      return {
        path,
        change,
        entry: entryFromEvent(path, eventAt(history, layer)!),
        removedBy: null,
      };
    }
    return {
      path,
      change,
      entry: before(path, history, layer),
      removedBy: removal(history, layer),
    };
  });
}

/**
 * Every path that some layer at or below `upTo` deleted and that is still absent after `upTo`
 * (each with its last entry and the marker), sorted by path: the greyed rows of a merged view.
 */
export function deletedPaths(fs: MergedFilesystem, upTo = fs.layerCount - 1): DeletedPath[] {
  const seen = new Set<string>();
  for (let n = 0; n <= upTo; n++) {
    for (const d of fs.layerDiff(n)) if (d.change === 'deleted') seen.add(d.path);
  }
  const out: DeletedPath[] = [];
  for (const path of [...seen].sort()) {
    const history = fs.historyOf(path);
    const last = eventAt(history, upTo);
    if (last?.action !== 'deleted') continue;
    out.push({
      path,
      entry: before(path, history, last.layer),
      removedBy: removal(history, last.layer),
    });
  }
  return out;
}

/** The path's entry as it stood before layer n's deletion (the last present state below it). */
function before(path: string, history: readonly PathEvent[], n: number): MergedEntry {
  // Markers act on what lower layers left, so the removed state is the last one below n.
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i]!;
    if (e.layer < n && e.action !== 'deleted') return entryFromEvent(path, e);
  }
  const anyPresent = history.find((e) => e.action !== 'deleted');
  return entryFromEvent(path, anyPresent ?? { layer: n, action: 'added', implicit: true });
}

function removal(history: readonly PathEvent[], n: number): RemovalMarker & { layer: number } {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i]!;
    if (e.layer === n && e.action === 'deleted' && e.marker) return { ...e.marker, layer: n };
  }
  return { kind: 'whiteout', path: '', layer: n };
}
