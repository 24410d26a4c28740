import type { Problem } from '../oci/problem.ts';
import { cleanPath } from './clean-path.ts';
import { mergeLayers } from './merge.ts';
import type { MergeResult } from './merge.ts';
import { eventAt, eventsOf, indexPaths, MergedView } from './merged-view.ts';
import type { PathIndex } from './merged-view.ts';
import type {
  ChangeEntry,
  History,
  LayerDiffEntry,
  LayerInput,
  LayerSizes,
  MergedEntry,
  PathEvent,
  WasteReport,
} from './types.ts';
import { layerSizes, wasteReport } from './waste.ts';

// Views of intermediate layers are rebuilt from the histories; keep the last few the UI asked for.
const VIEW_CACHE = 4;
const NO_EVENTS: readonly PathEvent[] = [];

/** Merge an image's layers (bottom first, each its TarEntry[] in archive order) into one filesystem. */
export function buildFilesystem(layers: readonly LayerInput[]): MergedFilesystem {
  return new MergedFilesystem(mergeLayers(layers));
}

/** The flattened filesystem of an image, with every path's history and per-layer facts. */
export class MergedFilesystem {
  /** Number of layers merged. */
  readonly layerCount: number;
  private readonly merge: MergeResult;
  private readonly views = new Map<number, MergedView>();
  private finalView: MergedView | null = null;
  private pathIndex: PathIndex | null = null;
  private sizes: LayerSizes[] | null = null;
  private wasteCache: WasteReport | null = null;

  /** Wrap a merge result (use buildFilesystem). */
  constructor(merge: MergeResult) {
    this.merge = merge;
    this.layerCount = merge.changes.length;
  }

  /** Every problem found, layer by layer. */
  get problems(): Problem[] {
    return this.merge.problems.flat();
  }

  /** Problems of one layer: members skipped (bad paths, bad markers) or not applicable (links, parents). */
  layerProblems(layer: number): readonly Problem[] {
    return this.merge.problems[this.checkLayer(layer)]!;
  }

  /** The merged view after layers 0..layer (default: all layers). */
  view(layer = this.layerCount - 1): MergedView {
    if (layer === this.layerCount - 1) {
      this.finalView ??= new MergedView(this.index(), layer);
      return this.finalView;
    }
    this.checkLayer(layer);
    let view = this.views.get(layer);
    if (view === undefined) {
      view = new MergedView(this.index(), layer);
      if (this.views.size >= VIEW_CACHE) this.views.delete(this.views.keys().next().value!);
    } else {
      this.views.delete(layer);
    }
    this.views.set(layer, view);
    return view;
  }

  /** The merged filesystem (after layers 0..layer, default all) sorted by path; the ls --json rows. */
  listMerged(layer?: number): readonly MergedEntry[] {
    return this.view(layer).list();
  }

  /** One path of the merged filesystem (after layers 0..layer, default all). */
  get(path: string, layer?: number): MergedEntry | undefined {
    const cleaned = cleanPath(path);
    return cleaned.ok ? this.view(layer).get(cleaned.path) : undefined;
  }

  /** Layer n's change set sorted by path, markers included as `whiteout` / `opaque` entries. */
  listLayer(layer: number): ChangeEntry[] {
    const entries = [...this.merge.changes[this.checkLayer(layer)]!];
    return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.index - b.index));
  }

  /** Layer n's change set in archive order, markers included (not copied: do not change it). */
  changeSet(layer: number): readonly ChangeEntry[] {
    return this.merge.changes[this.checkLayer(layer)]!;
  }

  /** A path's story in layer order: added, modified, deleted (with the marker that did it). */
  historyOf(path: string): readonly PathEvent[] {
    const cleaned = cleanPath(path);
    if (!cleaned.ok) return NO_EVENTS;
    const history = this.merge.paths.get(cleaned.path);
    return history === undefined ? NO_EVENTS : eventsOf(history);
  }

  /** Paths that lower layers left and layer n's whiteout and opaque markers removed, sorted. */
  pathsRemovedFromLowerLayers(layer: number): string[] {
    return [...new Set(this.merge.removedFromLower[this.checkLayer(layer)])].sort();
  }

  /**
   * How layer n changed a path present after it, as `layerDiff(n)` says (null: not at all), asked
   * path by path: a pass over a merged view needs no list of the layer's changes (for a layer of
   * 300,000 paths, that list and a map of it were ~25 MB made and dropped).
   */
  changeKindAt(layer: number): (path: string, history: History) => 'added' | 'modified' | null {
    const touched = new Set(this.merge.touched[this.checkLayer(layer)]);
    return (path, history) =>
      touched.has(path) ? (present(eventAt(history, layer - 1)) ? 'modified' : 'added') : null;
  }

  /** Layer n's changes against the merged view of layers 0..n-1, sorted by path. */
  layerDiff(layer: number): LayerDiffEntry[] {
    const out: LayerDiffEntry[] = [];
    for (const path of new Set(this.merge.touched[this.checkLayer(layer)])) {
      const history = this.merge.paths.get(path)!;
      const before = present(eventAt(history, layer - 1));
      const after = present(eventAt(history, layer));
      if (before && after) out.push({ path, change: 'modified' });
      else if (after) out.push({ path, change: 'added' });
      else if (before) out.push({ path, change: 'deleted' });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /** Per layer: content bytes, bytes still visible at the end, bytes hidden by later changes. */
  layerSizes(): readonly LayerSizes[] {
    this.sizes ??= layerSizes(this.merge, this.view());
    return this.sizes;
  }

  /** Image-wide sizes, dive's wasted bytes and efficiency score, and the wasted files. */
  waste(): WasteReport {
    this.wasteCache ??= wasteReport(this.merge, this.layerSizes());
    return this.wasteCache;
  }

  private index(): PathIndex {
    this.pathIndex ??= indexPaths(this.merge.paths);
    return this.pathIndex;
  }

  private checkLayer(layer: number): number {
    if (!Number.isInteger(layer) || layer < 0 || layer >= this.layerCount) {
      throw new RangeError(`layer ${layer} does not exist; the image has ${this.layerCount}`);
    }
    return layer;
  }
}

function present(event: PathEvent | undefined): boolean {
  return event !== undefined && event.action !== 'deleted';
}
