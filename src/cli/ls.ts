import { tappedDigest, type FileHashTap } from '../core/diff/hash-tap.ts';
import { contentDigests } from '../core/fs/content-digests.ts';
import type { ListedImage } from '../core/fs/list-image.ts';
import type { ChangeEntry, MergedEntry } from '../core/fs/types.ts';
import { modeString } from '../core/fs/mode-string.ts';
import { visible } from '../core/text/visible.ts';
import { layerRange } from './layer-range.ts';

/** One `ls --json` entry (see README). */
export interface LsEntry {
  path: string;
  type: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkTarget: string | null;
  layer: number;
  sha256?: string | null;
}

/** One entry as an `ls --json` entry: the fields the CLI contract names, in its order. */
function lsEntry(e: MergedEntry | ChangeEntry, layer: number): LsEntry {
  return {
    path: e.path,
    type: e.type,
    size: e.size,
    mode: e.mode,
    uid: e.uid,
    gid: e.gid,
    linkTarget: e.linkTarget ?? null,
    layer,
  };
}

/** The merged filesystem as `ls --json` entries, sorted by path (the root `/` excluded). */
export function mergedEntries(indexed: ListedImage, upTo?: number): LsEntry[] {
  return indexed.fs.listMerged(upTo).map((e: MergedEntry) => lsEntry(e, e.layer));
}

/** One layer's change set as `ls --json --layer N` entries: markers as `whiteout` / `opaque`. */
export function layerEntries(indexed: ListedImage, n: number): LsEntry[] {
  return indexed.fs.listLayer(n).map((e: ChangeEntry) => lsEntry(e, n));
}

/**
 * Add `sha256` of the content of every regular file and hardlink. The hashes the index made as
 * it streamed (`taps`, by layer position) are taken as they are; the rest (a sparse file, a file
 * the tap did not see whole) are read again, one streaming pass per layer that holds some.
 */
export async function addContentDigests(
  indexed: ListedImage,
  entries: LsEntry[],
  taps: ReadonlyMap<number, FileHashTap> = new Map(),
): Promise<void> {
  const known = new Map<string, string>();
  const rest: MergedEntry[] = [];
  for (const e of indexed.fs.listMerged()) {
    const c = e.content;
    if (!c) continue;
    const d = tappedDigest(taps, c);
    if (d) known.set(e.path, d);
    else rest.push(e);
  }
  // node:zlib reads the layers (layer-range.ts): ~3x the platform's DecompressionStream in Node.
  const read = rest.length
    ? await contentDigests(indexed, rest, undefined, layerRange)
    : new Map<string, string>();
  for (const e of entries) {
    if (e.type === 'file' || e.type === 'hardlink')
      e.sha256 = (known.get(e.path) ?? read.get(e.path))?.slice(7) ?? null;
  }
}

/** `ls -l` style lines. */
export function lsText(entries: LsEntry[]): string {
  // A loop, not Math.max(...): an image of 300,000 paths would overflow the call stack.
  let width = 1;
  for (const e of entries) width = Math.max(width, String(e.size).length);
  return entries
    .map((e) => {
      const link = e.linkTarget
        ? ` ${e.type === 'hardlink' ? '=>' : '->'} ${visible(e.linkTarget)}`
        : '';
      return `${modeString(e.type, e.mode)} ${`${e.uid}:${e.gid}`.padEnd(11)} ${String(e.size).padStart(width)}  L${e.layer}  ${visible(e.path)}${link}`;
    })
    .join('\n');
}
