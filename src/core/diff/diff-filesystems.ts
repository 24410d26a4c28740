import type { FsEntryType, MergedEntry } from '../fs/types.ts';
import { dirDeltas } from './dir-deltas.ts';
import type { DiffOptions, DirDelta, FileDiff, FileSide } from './types.ts';

/** Which image a path belongs to. */
export type Side = 'a' | 'b';

/**
 * The hash of a regular file's bytes (`sha256:<hex>` or bare hex), null when they cannot be
 * read. diffFilesystems calls it only for files whose sizes agree, all calls in one
 * synchronous burst before awaiting any, so an implementation may batch them (one pass per layer).
 */
export type ContentHash = (side: Side, path: string) => Promise<string | null>;

/** One image's merged filesystem, as the comparison needs it. */
export interface FsSide {
  /** The merged entries (MergedFilesystem.listMerged()). */
  entries: readonly MergedEntry[];
  /**
   * The identity of each layer's uncompressed bytes (its diff_id as read), by layer number:
   * a file whose bytes sit at the same offset of the same layer on both sides is equal unhashed.
   */
  layerIds?: readonly (string | null | undefined)[];
  /** A path's extended attributes (PAX `SCHILY.xattr.*`), when the caller can look them up. */
  xattrs?: (e: MergedEntry) => Readonly<Record<string, Uint8Array>> | undefined;
  /** A character or block device's numbers (`major:minor`), when the caller can look them up. */
  device?: (e: MergedEntry) => string | undefined;
}

/** What a runtime sees: a hardlink is a regular file sharing its bytes. */
function seenType(t: FsEntryType): FsEntryType {
  return t === 'hardlink' ? 'file' : t;
}

function fileSide(e: MergedEntry, sha256?: string | null): FileSide {
  return {
    type: e.type,
    size: e.size,
    mode: e.mode,
    uid: e.uid,
    gid: e.gid,
    layer: e.layer,
    mtime: e.mtime,
    ...(e.linkTarget !== null ? { linkTarget: e.linkTarget } : {}),
    ...(sha256 ? { sha256: sha256.replace(/^sha256:/, '') } : {}),
  };
}

function sameXattrs(
  x: Readonly<Record<string, Uint8Array>> | undefined,
  y: Readonly<Record<string, Uint8Array>> | undefined,
): boolean {
  const kx = Object.keys(x ?? {}).sort();
  const ky = Object.keys(y ?? {}).sort();
  if (kx.join('\0') !== ky.join('\0')) return false;
  return kx.every((k) => {
    const u = x![k]!;
    const v = y![k]!;
    return u.length === v.length && u.every((byte, i) => byte === v[i]);
  });
}

/** The metadata fields that differ (none with `ignoreMetadata`; mtime only with `strict`). */
function metadataFields(
  x: MergedEntry,
  y: MergedEntry,
  a: FsSide,
  b: FsSide,
  opts: DiffOptions,
): string[] {
  if (opts.ignoreMetadata) return [];
  const fields: string[] = [];
  if (x.mode !== y.mode) fields.push('mode');
  if (x.uid !== y.uid) fields.push('uid');
  if (x.gid !== y.gid) fields.push('gid');
  // A hardlink's target names which path shares the inode, not content: only symlinks count.
  if (x.type === 'symlink' && x.linkTarget !== y.linkTarget) fields.push('linkTarget');
  if ((a.xattrs || b.xattrs) && !sameXattrs(a.xattrs?.(x), b.xattrs?.(y))) fields.push('xattrs');
  if ((x.type === 'char' || x.type === 'block') && a.device?.(x) !== b.device?.(y))
    fields.push('device');
  if (opts.strict && x.mtime !== y.mtime) fields.push('mtime');
  return fields;
}

/** Both sides hold the same bytes without hashing: the same offset of the same layer tar. */
function sameSource(x: MergedEntry, y: MergedEntry, a: FsSide, b: FsSide): boolean {
  const cx = x.content;
  const cy = y.content;
  if (!cx || !cy) return false;
  const idx = a.layerIds?.[cx.layer];
  return (
    !!idx &&
    idx === b.layerIds?.[cy.layer] &&
    cx.dataOffset === cy.dataOffset &&
    cx.size === cy.size
  );
}

/**
 * Compare two merged filesystems by path: added, removed, and changed split into `type`,
 * `content` (different bytes: sizes first, then the hash of files whose sizes agree) and
 * `metadata` (mode, owner, symlink target, xattrs, device numbers; mtime only with `strict`). Which layer
 * wrote a path never counts. Also the per-directory byte deltas.
 */
export async function diffFilesystems(
  a: FsSide,
  b: FsSide,
  hash: ContentHash,
  opts: DiffOptions = {},
): Promise<{ files: FileDiff[]; dirs: DirDelta[] }> {
  const byPathB = new Map<string, MergedEntry>();
  for (const e of b.entries) byPathB.set(e.path, e);
  const files: FileDiff[] = [];
  const toHash: { x: MergedEntry; y: MergedEntry; fields: string[] }[] = [];
  const seen = new Set<string>();
  for (const x of a.entries) {
    seen.add(x.path);
    const y = byPathB.get(x.path);
    if (!y) {
      files.push({ kind: 'removed', path: x.path, a: fileSide(x) });
      continue;
    }
    if (seenType(x.type) !== seenType(y.type)) {
      files.push({ kind: 'type', path: x.path, a: fileSide(x), b: fileSide(y) });
      continue;
    }
    const fields = metadataFields(x, y, a, b, opts);
    if (seenType(x.type) === 'file' && x.size !== y.size) {
      files.push({ kind: 'content', path: x.path, a: fileSide(x), b: fileSide(y), fields });
      continue;
    }
    if (seenType(x.type) === 'file' && !sameSource(x, y, a, b)) {
      toHash.push({ x, y, fields });
      continue;
    }
    if (fields.length)
      files.push({ kind: 'metadata', path: x.path, a: fileSide(x), b: fileSide(y), fields });
  }
  for (const y of b.entries)
    if (!seen.has(y.path)) files.push({ kind: 'added', path: y.path, b: fileSide(y) });
  // Every hash is asked for before any is awaited, so the hasher can batch them per layer.
  const hashes = await Promise.all(
    toHash.map(({ x, y }) => Promise.all([hash('a', x.path), hash('b', y.path)])),
  );
  toHash.forEach(({ x, y, fields }, i) => {
    const [hx, hy] = hashes[i]!;
    const norm = (h: string | null): string | null => h?.replace(/^sha256:/, '') ?? null;
    // Bytes that cannot be read are not known to be equal: reported as content.
    if (hx === null || hy === null || norm(hx) !== norm(hy))
      files.push({ kind: 'content', path: x.path, a: fileSide(x, hx), b: fileSide(y, hy), fields });
    else if (fields.length)
      files.push({ kind: 'metadata', path: x.path, a: fileSide(x), b: fileSide(y), fields });
  });
  files.sort((p, q) => (p.path < q.path ? -1 : p.path > q.path ? 1 : 0));
  for (const f of files) if (f.fields && f.fields.length === 0) delete f.fields;
  return { files, dirs: dirDeltas(a.entries, b.entries) };
}
