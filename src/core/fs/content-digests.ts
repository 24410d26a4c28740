import { streamFileRange, streamLayerRange, type LayerSource } from '../layers/read-file.ts';
import { hashRanges } from '../verify/hash-ranges.ts';
import { createHasher } from '../verify/hasher.ts';
import { layerSource, type ListedImage } from './list-image.ts';
import type { MergedEntry } from './types.ts';

/**
 * The `sha256:<hex>` of the bytes of each regular file and hardlink among `entries`, by path:
 * one streaming pass per layer that holds some of them (read only as far as the last one),
 * a sparse file hashed as it reads (holes as zeros). Paths whose layer could not be read are
 * left out. Shared by `ls --sha256` and the image diff. `range` reads a layer's uncompressed
 * bytes (default the core's `streamLayerRange`; the CLI hands in its node:zlib reader).
 */
export async function contentDigests(
  indexed: ListedImage,
  entries: Iterable<MergedEntry>,
  signal?: AbortSignal,
  range: LayerRangeReader = streamLayerRange,
): Promise<Map<string, string>> {
  const byLayer = new Map<number, { key: string; offset: number; length: number }[]>();
  const sourceOf = new Map<string, string>();
  const digests = new Map<string, string>();
  for (const e of entries) {
    if (!e.content) continue;
    const key = `${e.content.layer}:${e.content.dataOffset}:${e.content.size}`;
    sourceOf.set(e.path, key);
    if (digests.has(key)) continue;
    if (e.content.sparseMap !== undefined) {
      // A sparse file is hashed as it reads (holes as zeros), not as the archive stores it.
      const source = layerSource(indexed, e.content.layer);
      if (source && e.content.sparseMap !== null)
        digests.set(key, await hashStream(streamFileRange(source, e.content, 0, e.content.size)));
      continue;
    }
    const list = byLayer.get(e.content.layer) ?? [];
    list.push({ key, offset: e.content.dataOffset, length: e.content.size });
    byLayer.set(e.content.layer, list);
  }
  for (const [layer, ranges] of byLayer) {
    signal?.throwIfAborted();
    const source = layerSource(indexed, layer);
    if (!source) continue;
    let end = 0;
    for (const r of ranges) end = Math.max(end, r.offset + r.length);
    const stream = range(source, 0, end, signal);
    for (const [k, v] of await hashRanges(stream, ranges, signal)) digests.set(k, v);
  }
  const out = new Map<string, string>();
  for (const [path, key] of sourceOf) {
    const d = digests.get(key);
    if (d) out.set(path, d);
  }
  return out;
}

/** Bytes [offset, offset + length) of a layer's uncompressed stream. */
export type LayerRangeReader = (
  source: LayerSource,
  offset: number,
  length: number,
  signal?: AbortSignal,
) => ReadableStream<Uint8Array>;

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
