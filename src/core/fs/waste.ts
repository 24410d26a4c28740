import { parentOf } from './clean-path.ts';
import type { MergeResult } from './merge.ts';
import type { MergedView } from './merged-view.ts';
import type { LayerSizes, WasteReport, WastedFile } from './types.ts';

/**
 * Per layer: content bytes in its tar, and how many of them the final filesystem still shows.
 * A file shared by hardlinks is visible while any of its names is, and counts once.
 */
export function layerSizes(merge: MergeResult, final: MergedView): LayerSizes[] {
  const visible = merge.changes.map(() => new Set<number>());
  const net = merge.changes.map(() => 0);
  // Each path's content as `entryFromEvent` gives it, read off its event (no entry made).
  const count = (layer: number, index: number, size: number): void => {
    const seen = visible[layer]!;
    if (seen.has(index)) return;
    seen.add(index);
    net[layer]! += size;
  };
  final.eachPresent((_path, event) => {
    const e = event.entry;
    if (e === undefined || event.implicit === true) return;
    if (e.type === 'file') count(event.layer, e.index, e.size);
    else if (event.source !== undefined) {
      const s = event.source;
      count(s.layer, s.index, s.size);
    }
  });
  return merge.changes.map((entries, layer) => {
    let totalBytes = 0;
    let fileCount = 0;
    for (const e of entries) {
      if (e.type === 'file') totalBytes += e.size;
      if (e.type === 'file' || e.type === 'hardlink') fileCount++;
    }
    const netBytes = net[layer]!;
    return { layer, totalBytes, netBytes, hiddenBytes: totalBytes - netBytes, fileCount };
  });
}

interface Occurrences {
  cumulative: number;
  min: number;
  layers: number[];
  /** The last occurrence: its size, whether it was a write, and the smallest size before it. */
  last: number;
  lastWrite: boolean;
  minBefore: number;
}

/**
 * Waste and efficiency as dive defines them (wagoodman/dive, filetree/efficiency.go and
 * image/analysis.go), computed on this merge's change sets:
 *
 * - Every layer contributes one *occurrence* per path that is a leaf of that layer's own tree
 *   (a file, link or device, or a directory with nothing below it in that layer), sized by its
 *   tar header; and one per whiteout, sized by the file bytes of the directory it removed (0 when
 *   it removed a non-directory). Opaque markers are not occurrences (dive skips `.wh..wh..*`).
 * - wastedBytes = the sum, over paths with two or more occurrences, of all their sizes (the
 *   surviving copy included: a 100-byte file written twice wastes 200 bytes).
 * - efficiency = Σ smallest occurrence per path / Σ all occurrences (1 when nothing was seen).
 *
 * So a deleted file counts its bytes once, and the files inside a deleted directory count only
 * through the whiteout. `hiddenBytes` reports the plainer measure: every byte written by some
 * layer that the final filesystem does not show.
 */
export function wasteReport(merge: MergeResult, sizes: readonly LayerSizes[]): WasteReport {
  const seen = new Map<string, Occurrences>();
  for (let layer = 0; layer < merge.changes.length; layer++) {
    const entries = merge.changes[layer]!;
    const inner = new Set<string>();
    for (const e of entries) {
      if (e.type === 'opaque') continue;
      for (let p = parentOf(e.path); p !== '' && !inner.has(p); p = parentOf(p)) inner.add(p);
    }
    const whiteoutBytes = merge.whiteoutBytes[layer]!;
    for (const e of entries) {
      if (e.path === '/' || e.type === 'opaque') continue;
      if (e.type === 'whiteout') add(seen, e.path, whiteoutBytes.get(e.index) ?? 0, layer, false);
      else if (e.type !== 'dir' || !inner.has(e.path)) add(seen, e.path, e.size, layer, true);
    }
  }
  let minimum = 0;
  let discovered = 0;
  let wastedBytes = 0;
  const wastedFiles: WastedFile[] = [];
  for (const [path, o] of seen) {
    minimum += o.min;
    discovered += o.cumulative;
    if (o.layers.length < 2) continue;
    wastedBytes += o.cumulative;
    if (o.cumulative > 0) wastedFiles.push({ path, bytes: o.cumulative, layers: o.layers });
  }
  wastedFiles.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
  let totalBytes = 0;
  let finalBytes = 0;
  for (const s of sizes) {
    totalBytes += s.totalBytes;
    finalBytes += s.netBytes;
  }
  return {
    totalBytes,
    finalBytes,
    hiddenBytes: totalBytes - finalBytes,
    wastedBytes,
    userBytes: totalBytes - (sizes[0]?.totalBytes ?? 0),
    efficiency: discovered === 0 ? 1 : minimum / discovered,
    wastedFiles,
  };
}

// dive's per-layer tree holds one node per path, so a second write by the same layer replaces
// the first occurrence; a whiteout is a node of its own (`.wh.x`) and never replaced.
function add(
  seen: Map<string, Occurrences>,
  path: string,
  size: number,
  layer: number,
  write: boolean,
): void {
  const o = seen.get(path);
  if (o === undefined) {
    const first: Occurrences = {
      cumulative: size,
      min: size,
      layers: [layer],
      last: size,
      lastWrite: write,
      minBefore: Infinity,
    };
    seen.set(path, first);
    return;
  }
  if (write && o.lastWrite && o.layers[o.layers.length - 1] === layer) {
    o.cumulative += size - o.last;
    o.min = Math.min(o.minBefore, size);
    o.last = size;
    return;
  }
  o.minBefore = o.min;
  o.cumulative += size;
  if (size < o.min) o.min = size;
  o.layers.push(layer);
  o.last = size;
  o.lastWrite = write;
}
