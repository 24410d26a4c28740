import type { SparseRegion } from '../layers/sparse-map.ts';
import type { TarEntry } from '../layers/tar-entry.ts';

/** The type of a path in the merged filesystem (ls --json `type`). */
export type FsEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo';

/** The type of an entry in one layer's change set: a path, or a whiteout / opaque marker. */
export type ChangeType = FsEntryType | 'whiteout' | 'opaque';

/** One layer's input to the merge: its tar members in archive order (read once, in order). */
export interface LayerInput {
  entries: Iterable<TarEntry>;
  /** How problems name this layer (e.g. its digest); `layer N` (0-based) when absent. */
  name?: string;
}

/** One entry of a layer's change set, its path cleaned to canonical form (`/etc/os-release`). */
export interface ChangeEntry {
  /** Canonical absolute path; for `whiteout` the path it deletes, for `opaque` the directory. */
  path: string;
  type: ChangeType;
  /** For markers: the marker's own canonical path (`/etc/.wh.x`, `/etc/.wh..wh..opq`). */
  markerPath?: string;
  /** Content bytes as the tar header gives them (0 for hardlinks and markers). */
  size: number;
  /** Permission bits and setuid/setgid/sticky. */
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  /** Symlink: the raw target. Hardlink: the target as a canonical absolute path. */
  linkTarget?: string;
  /** Offset of the member's data in the layer's uncompressed stream. */
  dataOffset: number;
  /** A sparse file's data regions (see TarEntry.sparseMap); null when its map was unreadable. */
  sparseMap: readonly SparseRegion[] | null | undefined;
  /** Index of the TarEntry in the layer's input array. */
  index: number;
}

/** What removed a path: a whiteout, an opaque marker, or a non-directory replacing a directory. */
export interface RemovalMarker {
  kind: 'whiteout' | 'opaque' | 'replaced';
  /** The marker's path (`/a/.wh.b`, `/a/.wh..wh..opq`), or the path of the replacing non-directory. */
  path: string;
}

/** Where a file's bytes live: the layer and entry holding the data (a hardlink's source). */
export interface ContentSource {
  layer: number;
  index: number;
  dataOffset: number;
  size: number;
  /** A sparse file's data regions (read with `streamFileRange`); null when unreadable. */
  sparseMap?: readonly SparseRegion[] | null | undefined;
}

/** One step in a path's history. */
export interface PathEvent {
  /** 0-based layer index. */
  layer: number;
  action: 'added' | 'modified' | 'deleted';
  /** added/modified: the entry written (absent for an implicit parent directory); deleted: the marker entry or the replacing entry. */
  entry?: ChangeEntry;
  /** deleted: what removed the path. */
  marker?: RemovalMarker;
  /** added: a parent directory created because a deeper path needed it. */
  implicit?: boolean;
  /** hardlinks: the bytes the link shares, resolved when the link was applied. */
  source?: ContentSource;
  /**
   * modified: the hardlink's target (canonical path) was deleted or replaced in this layer, so
   * the link is now a regular file holding `source`'s bytes, as in an unpacked root filesystem.
   */
  unlinked?: string;
}

/**
 * A path's events in layer order as the merge keeps them: its one event alone (most paths have
 * one: an array for each was ~12 MB for 300,000 paths), or an array of several.
 */
export type History = PathEvent | readonly PathEvent[];

/** One path of the merged filesystem (the ls --json entry shape plus where the bytes are). */
export interface MergedEntry {
  path: string;
  type: FsEntryType;
  /** Content bytes; a hardlink reports the size of the file it shares. */
  size: number;
  /** Permission bits (`mode & 0o7777`). */
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  /** Symlink: raw target; hardlink: canonical absolute target; otherwise null. */
  linkTarget: string | null;
  /** 0-based layer that last wrote this path. */
  layer: number;
  /** Index of the TarEntry in that layer (-1 for an implicit directory). */
  index: number;
  /** True for a directory no layer declared (created as the parent of a deeper path). */
  implicit: boolean;
  /** Where the bytes are (files and hardlinks), else null. */
  content: ContentSource | null;
}

/** A path touched by layer N, classified against the merged view of layers 0..N-1. */
export interface LayerDiffEntry {
  path: string;
  change: 'added' | 'modified' | 'deleted';
}

/** Content bytes of one layer, and how many of them the final filesystem still shows. */
export interface LayerSizes {
  layer: number;
  /** Sum of regular-file sizes in the layer's tar (hardlinks count 0, as in the tar). */
  totalBytes: number;
  /** Bytes of this layer's files still visible in the final merged filesystem. */
  netBytes: number;
  /** totalBytes - netBytes: bytes of this layer's files that later layers (or itself) overwrote or deleted. */
  hiddenBytes: number;
  /** Regular files and hardlinks in the layer (markers excluded). */
  fileCount: number;
}

/** One path that dive counts as wasted, with every layer that wrote or removed it. */
export interface WastedFile {
  path: string;
  /** Sum of the sizes of every occurrence (dive's CumulativeSize). */
  bytes: number;
  /** 0-based layers in order; the first added it, the others rewrote or removed it. */
  layers: number[];
}

/** Image-wide sizes and waste; see waste.ts for the dive definitions implemented. */
export interface WasteReport {
  /** Sum of all layers' totalBytes (dive's SizeBytes). */
  totalBytes: number;
  /** Bytes visible in the final filesystem (sum of netBytes). */
  finalBytes: number;
  /** totalBytes - finalBytes: every byte written by some layer and not visible at the end. */
  hiddenBytes: number;
  /** dive's wastedBytes: cumulative bytes of every path seen in more than one layer. */
  wastedBytes: number;
  /** Bytes of all layers but the first (dive's UserSizeBytes). */
  userBytes: number;
  /** dive's efficiency score in [0, 1]. */
  efficiency: number;
  /** Paths counted as wasted, largest first (zero-byte paths left out). */
  wastedFiles: WastedFile[];
}
