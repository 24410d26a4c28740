import { layerSource, type ListedImage } from '../core/fs/list-image.ts';
import type { ChangeEntry, MergedEntry } from '../core/fs/types.ts';
import { streamFileRange } from '../core/layers/read-file.ts';
import { createHasher } from '../core/verify/hasher.ts';
import { hashRanges } from '../core/verify/hash-ranges.ts';
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

/** The merged filesystem as `ls --json` entries, sorted by path (the root `/` excluded). */
export function mergedEntries(indexed: ListedImage, upTo?: number): LsEntry[] {
  return indexed.fs.listMerged(upTo).map((e: MergedEntry) => ({
    path: e.path,
    type: e.type,
    size: e.size,
    mode: e.mode,
    uid: e.uid,
    gid: e.gid,
    linkTarget: e.linkTarget,
    layer: e.layer,
  }));
}

/** One layer's change set as `ls --json --layer N` entries: markers as `whiteout` / `opaque`. */
export function layerEntries(indexed: ListedImage, n: number): LsEntry[] {
  return indexed.fs.listLayer(n).map((e: ChangeEntry) => ({
    path: e.path,
    type: e.type,
    size: e.size,
    mode: e.mode,
    uid: e.uid,
    gid: e.gid,
    linkTarget: e.linkTarget ?? null,
    layer: n,
  }));
}

/** Add `sha256` of the content of every regular file and hardlink: one streaming pass per layer. */
export async function addContentDigests(
  indexed: ListedImage,
  entries: LsEntry[],
  upTo?: number,
): Promise<void> {
  const byLayer = new Map<number, { key: string; offset: number; length: number }[]>();
  const sourceOf = new Map<string, string>();
  const digests = new Map<string, string>();
  for (const e of indexed.fs.listMerged(upTo)) {
    if (!e.content) continue;
    const key = `${e.content.layer}:${e.content.dataOffset}:${e.content.size}`;
    sourceOf.set(e.path, key);
    if (e.content.sparseMap !== undefined) {
      // A sparse file is hashed as it reads (holes as zeros), not as the archive stores it.
      const source = layerSource(indexed, e.content.layer);
      if (source && e.content.sparseMap !== null && !digests.has(key))
        digests.set(key, await hashStream(streamFileRange(source, e.content, 0, e.content.size)));
      continue;
    }
    const list = byLayer.get(e.content.layer) ?? [];
    list.push({ key, offset: e.content.dataOffset, length: e.content.size });
    byLayer.set(e.content.layer, list);
  }
  for (const [layer, ranges] of byLayer) {
    const source = layerSource(indexed, layer);
    if (!source) continue;
    const end = Math.max(...ranges.map((r) => r.offset + r.length));
    const stream = layerRange(source, 0, end);
    for (const [k, v] of await hashRanges(stream, ranges)) digests.set(k, v);
  }
  for (const e of entries) {
    const key = sourceOf.get(e.path);
    if (e.type === 'file' || e.type === 'hardlink')
      e.sha256 = key ? (digests.get(key)?.slice(7) ?? null) : null;
  }
}

async function hashStream(stream: ReadableStream<Uint8Array>): Promise<string> {
  const h = await createHasher('sha256');
  const r = stream.getReader();
  for (;;) {
    const { done, value } = await r.read();
    if (done) break;
    h.update(value);
  }
  return `sha256:${h.digestHex()}`;
}

/** `ls -l` style lines. */
export function lsText(entries: LsEntry[]): string {
  const width = Math.max(1, ...entries.map((e) => String(e.size).length));
  return entries
    .map((e) => {
      const link = e.linkTarget
        ? ` ${e.type === 'hardlink' ? '=>' : '->'} ${visible(e.linkTarget)}`
        : '';
      return `${modeString(e.type, e.mode)} ${`${e.uid}:${e.gid}`.padEnd(11)} ${String(e.size).padStart(width)}  L${e.layer}  ${visible(e.path)}${link}`;
    })
    .join('\n');
}
