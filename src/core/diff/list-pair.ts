import { listImage, type ListedImage } from '../fs/list-image.ts';
import type { ImageSummary } from '../graph/model.ts';
import type { LayerListing } from '../layers/list-layer.ts';
import type { BlobStore } from '../store/blob-store.ts';
import { hashBlob } from '../verify/hash-blob.ts';
import type { ContentHash, Side } from './diff-filesystems.ts';
import { FileHashTap, tappedDigest } from './hash-tap.ts';
import { listedImagesHasher } from './listed-hasher.ts';

/** One image to list for a comparison: where its blobs are, and which image. */
export interface PairSide {
  store: BlobStore;
  image: ImageSummary;
}

/** Both images listed, and a ContentHash answered from the hashes taken while listing. */
export interface ListedPair {
  a: ListedImage;
  b: ListedImage;
  hash: ContentHash;
}

/**
 * List both images of a comparison in one pass per layer, hashing every regular file's bytes as
 * they stream past (so the diff needs no second read), and reading a layer the two share only
 * once: A's layers are listed with their digests hashed; a B layer with the same digest reuses
 * A's listing and file hashes when A's bytes matched that digest and B's blob hashes to it too
 * (a hash is far cheaper than inflating). Sparse files are hashed by a later read. Never throws
 * on bad data; only an abort rejects.
 */
export async function listImagePair(
  a: PairSide,
  b: PairSide,
  opts: { signal?: AbortSignal; concurrency?: number } = {},
): Promise<ListedPair> {
  const common = { concurrency: opts.concurrency ?? 2, checkpointEvery: 0 } as const;
  const signal = opts.signal ? { signal: opts.signal } : {};
  const taps: Record<Side, Map<number, FileHashTap>> = { a: new Map(), b: new Map() };
  const hooks = (side: Side) => (position: number) => {
    const tap = new FileHashTap();
    taps[side].set(position, tap);
    return { onEntry: tap.entry, onUncompressed: tap.chunk };
  };
  const wanted = new Set(b.image.layers.map((l) => l.descriptor.digest.value));
  // A's digests are hashed only when B lists one of them: that is what reuse needs proved.
  const shares = a.image.layers.some((l) => wanted.has(l.descriptor.digest.value));
  const listedA = await listImage(a.store, a.image, {
    ...common,
    ...signal,
    verifyDigest: shares,
    layerHooks: hooks('a'),
  });
  const reuse = new Map<string, LayerListing>();
  const reusedTap = new Map<string, FileHashTap>();
  for (const l of listedA.layers) {
    if (!l.index || l.index.digest !== l.digest || !wanted.has(l.digest) || reuse.has(l.digest))
      continue;
    const blobB = b.store.get(l.digest)?.blob;
    if (!blobB) continue;
    if (blobB === l.blob || (await hashBlob(blobB)) === l.digest) {
      reuse.set(l.digest, l.index);
      const tap = taps.a.get(l.position);
      if (tap) reusedTap.set(l.digest, tap);
    }
  }
  const listedB = await listImage(b.store, b.image, {
    ...common,
    ...signal,
    reuse,
    layerHooks: hooks('b'),
  });
  for (const l of listedB.layers) {
    const tap = reusedTap.get(l.digest);
    if (tap && l.index === reuse.get(l.digest)) taps.b.set(l.position, tap);
  }
  const listed = { a: listedA, b: listedB };
  const fallback = listedImagesHasher(listed, opts.signal);
  const hash: ContentHash = (side, path) => {
    const c = listed[side].fs.get(path)?.content;
    if (!c) return Promise.resolve(null);
    const known = tappedDigest(taps[side], c);
    return known ? Promise.resolve(known) : fallback(side, path);
  };
  return { ...listed, hash };
}
