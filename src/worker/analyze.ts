import { buildFilesystem } from '../core/fs/merged-filesystem.ts';
import type { LayerSizes, WasteReport } from '../core/fs/types.ts';
import type { Problem } from '../core/oci/problem.ts';
import { decodeEntries, type EncodedEntries } from './entry-codec.ts';

/** What the layers table needs from an image's merged filesystem. */
export interface ImageAnalysis {
  sizes: LayerSizes[];
  /** The waste report, its file list cut to the largest `MAX_WASTED_FILES`. */
  waste: WasteReport;
  problems: Problem[];
  ms: number;
}

const MAX_WASTED_FILES = 200;

/** Merge an image's layers (bottom first) and report per-layer net and hidden bytes and dive's waste. */
export function analyzeLayers(
  layers: readonly { name: string; entries: EncodedEntries }[],
): ImageAnalysis {
  const t0 = performance.now();
  const fs = buildFilesystem(
    layers.map((l) => ({ name: l.name, entries: decodeEntries(l.entries) })),
  );
  const waste = fs.waste();
  return {
    sizes: [...fs.layerSizes()],
    waste: { ...waste, wastedFiles: waste.wastedFiles.slice(0, MAX_WASTED_FILES) },
    problems: fs.problems,
    ms: performance.now() - t0,
  };
}
