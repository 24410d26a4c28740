import { analyzeFilesystem, type FilesystemAnalysis } from '../core/fs/analyze-filesystem.ts';
import { buildFilesystem } from '../core/fs/merged-filesystem.ts';
import type { Problem } from '../core/oci/problem.ts';
import { decodeEntries, type EncodedEntries } from './entry-codec.ts';

/** What the layers table needs from an image's merged filesystem, plus the merge's problems and time. */
export interface ImageAnalysis extends FilesystemAnalysis {
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
  return {
    ...analyzeFilesystem(fs, MAX_WASTED_FILES),
    problems: fs.problems,
    ms: performance.now() - t0,
  };
}
