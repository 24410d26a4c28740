/** The shapes of an image comparison (issue 15): documents, layers and merged filesystems. */
import type { FsEntryType } from '../fs/types.ts';

/** How to compare: `strict` turns the noise filter off; `ignoreMetadata` compares content and type only. */
export interface DiffOptions {
  /** No noise filter: mtimes, `created`, history timestamps and build-tool annotations count. */
  strict?: boolean;
  /** Leave mode, owner, link target and xattrs out (content, presence and type only). */
  ignoreMetadata?: boolean;
}

/** What happened to a path between A and B. */
export type FileChangeKind = 'added' | 'removed' | 'content' | 'metadata' | 'type';

/** One side of a changed path, as that image's merged filesystem has it. */
export interface FileSide {
  type: FsEntryType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Symlink: raw target; hardlink: canonical target path. */
  linkTarget?: string;
  /** Hex sha256 of the bytes, when they were hashed (regular files whose sizes agree). */
  sha256?: string;
  /** 0-based layer that last wrote the path. */
  layer: number;
  /** Seconds since the epoch (kept for display; compared only with `strict`). */
  mtime: number;
}

/** One path that differs. `fields` names what differs for `metadata` (and alongside `content`). */
export interface FileDiff {
  kind: FileChangeKind;
  path: string;
  a?: FileSide;
  b?: FileSide;
  /** Which of mode, uid, gid, linkTarget, xattrs, device, mtime (strict only) differ. */
  fields?: string[];
}

/** Bytes of regular files under one directory (recursively) in A and in B. */
export interface DirDelta {
  path: string;
  bytesA: number;
  bytesB: number;
  /** bytesB - bytesA. */
  delta: number;
}

/** One difference between two JSON documents. */
export interface JsonChange {
  op: 'added' | 'removed' | 'changed';
  /** RFC 6901 JSON Pointer of the value ('' for the whole document). */
  pointer: string;
  a?: unknown;
  b?: unknown;
  /** True when the noise filter hides it (timestamps, build-tool annotations). */
  noise: boolean;
}

/** One layer of a manifest, as the comparison names it. */
export interface LayerRef {
  digest: string;
  size: number;
  /** The diff_id the config gives for this layer, when it does. */
  diffId?: string;
  /** 0-based position in its manifest. */
  index: number;
}

/** Which layers two images share and what each adds after they diverge. */
export interface LayerComparison {
  /** The common base: A's layers that equal B's at the same position, from the bottom, in order. */
  shared: LayerRef[];
  /** Layer digests present in both manifests, wherever they sit. */
  sameBlobs: string[];
  /** A's layers after the common base. */
  aAfter: LayerRef[];
  /** B's layers after the common base. */
  bAfter: LayerRef[];
  /** Compressed bytes of `aAfter`. */
  bytesAfterA: number;
  /** Compressed bytes of `bAfter`. */
  bytesAfterB: number;
}

/** The whole comparison of two images. `equal` holds under the options used. */
export interface ImageDiff {
  equal: boolean;
  documents: { index?: JsonChange[]; manifest: JsonChange[]; config: JsonChange[] };
  layers: LayerComparison;
  /** Differing paths, sorted by path. */
  files: FileDiff[];
  /** Directories whose regular-file bytes differ, largest |delta| first. */
  dirs: DirDelta[];
}
