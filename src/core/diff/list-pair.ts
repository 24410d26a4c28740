import { listImage, type ListedImage } from '../fs/list-image.ts';
import type { ImageSummary } from '../graph/model.ts';
import type { LayerListing } from '../layers/list-layer.ts';
import type { BlobStore } from '../store/blob-store.ts';
import { hashBlob } from '../verify/hash-blob.ts';

/** One image to list for a comparison: where its blobs are, and which image. */
export interface PairSide {
  store: BlobStore;
  image: ImageSummary;
}

/**
 * List both images of a comparison, reading a layer the two share only once. A's layers are
 * listed with their digests hashed; a B layer with the same digest reuses A's listing when A's
 * bytes matched that digest and B's blob hashes to it too (a hash is far cheaper than inflating
 * and parsing). Never throws on bad data; only an abort rejects.
 */
export async function listImagePair(
  a: PairSide,
  b: PairSide,
  opts: { signal?: AbortSignal; concurrency?: number } = {},
): Promise<{ a: ListedImage; b: ListedImage }> {
  const common = { concurrency: opts.concurrency ?? 2, checkpointEvery: 0 } as const;
  const signal = opts.signal ? { signal: opts.signal } : {};
  const listedA = await listImage(a.store, a.image, { ...common, ...signal, verifyDigest: true });
  const reuse = new Map<string, LayerListing>();
  const wanted = new Set(b.image.layers.map((l) => l.descriptor.digest.value));
  for (const l of listedA.layers) {
    if (!l.index || l.index.digest !== l.digest || !wanted.has(l.digest) || reuse.has(l.digest))
      continue;
    const blobB = b.store.get(l.digest)?.blob;
    if (!blobB) continue;
    const same = blobB === l.blob || (await hashBlob(blobB)) === l.digest;
    if (same) reuse.set(l.digest, l.index);
  }
  const listedB = await listImage(b.store, b.image, { ...common, ...signal, reuse });
  return { a: listedA, b: listedB };
}
