/** core/fs: per-layer change sets, the merged filesystem with whiteouts, provenance, sizes, waste. */
export { buildFilesystem, MergedFilesystem } from './merged-filesystem.ts';
export { MergedView } from './merged-view.ts';
export { buildChangeSet, OPAQUE_MARKER, WHITEOUT_PREFIX } from './change-set.ts';
export type { LayerChanges } from './change-set.ts';
export { cleanPath, parentOf, baseName } from './clean-path.ts';
export type { CleanResult, PathError } from './clean-path.ts';
export type {
  ChangeEntry,
  ChangeType,
  ContentSource,
  FsEntryType,
  LayerDiffEntry,
  LayerInput,
  LayerSizes,
  MergedEntry,
  PathEvent,
  RemovalMarker,
  WasteReport,
  WastedFile,
} from './types.ts';
