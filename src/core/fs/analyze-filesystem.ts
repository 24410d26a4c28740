import type { MergedFilesystem } from './merged-filesystem.ts';
import type { LayerSizes, WasteReport } from './types.ts';

/** What an image's merged filesystem says of its layers: each layer's sizes and dive's waste. */
export interface FilesystemAnalysis {
  sizes: LayerSizes[];
  /** The waste report, its file list cut to the largest `maxWastedFiles`. */
  waste: WasteReport;
}

/**
 * Per-layer net and hidden bytes and dive's wasted bytes and efficiency, from one merged
 * filesystem; the list of wasted files is cut (largest first) so the result stays small to send.
 */
export function analyzeFilesystem(
  fs: MergedFilesystem,
  maxWastedFiles: number,
): FilesystemAnalysis {
  const waste = fs.waste();
  return {
    sizes: [...fs.layerSizes()],
    waste: { ...waste, wastedFiles: waste.wastedFiles.slice(0, maxWastedFiles) },
  };
}
