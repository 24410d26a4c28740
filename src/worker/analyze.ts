import { analyzeFilesystem, type FilesystemAnalysis } from '../core/fs/analyze-filesystem.ts';
import type { MergedFilesystem } from '../core/fs/merged-filesystem.ts';
import type { Problem } from '../core/oci/problem.ts';

/** What the layers table needs from an image's merged filesystem, plus the merge's problems and time. */
export interface ImageAnalysis extends FilesystemAnalysis {
  problems: Problem[];
  ms: number;
}

const MAX_WASTED_FILES = 200;

/**
 * Per-layer net and hidden bytes and dive's waste of an image's merged filesystem. The
 * filesystem worker computes it from the filesystem it keeps for the tree (fs-session.ts): a
 * merge of its own in a pool worker held a second copy of every listing and of the merge.
 */
export function analyzeMerged(fs: MergedFilesystem, mergeMs = 0): ImageAnalysis {
  const t0 = performance.now();
  return {
    ...analyzeFilesystem(fs, MAX_WASTED_FILES),
    problems: fs.problems,
    ms: mergeMs + performance.now() - t0,
  };
}
