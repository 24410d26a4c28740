import type { ImageSummary } from '../graph/model.ts';
import {
  listLayer,
  type LayerListing,
  type LayerProgress,
  type ListLayerOptions,
} from '../layers/list-layer.ts';
import type { LayerSource } from '../layers/read-file.ts';
import { mediaKind } from '../oci/media-types.ts';
import { algorithmOf } from '../oci/digest.ts';
import { problem, type Problem } from '../oci/problem.ts';
import type { BlobStore } from '../store/blob-store.ts';
import { checkLayerDigests, mismatchProblems, type DigestCheck } from '../verify/check.ts';
import { buildFilesystem, type MergedFilesystem } from './merged-filesystem.ts';

/** One layer of an image after indexing (or the reason it was not read). */
export interface ListedLayer {
  /** 0-based position in the manifest. */
  position: number;
  digest: string;
  mediaType: string;
  size: number;
  /** The diff_id the config promises (null when the config has none for this layer). */
  diffIdWanted: string | null;
  /** The layer's bytes, when the input holds them. */
  blob: Blob | null;
  /** Where the input keeps the layer (`blobs/sha256/…`, a member of the archive), when it holds it. */
  source: string | null;
  index: LayerListing | null;
  /** Why the layer was not read: `missing`, `not a filesystem layer`. */
  skipped: string | null;
}

/** Every layer of an image indexed, and the filesystem they merge into. */
export interface ListedImage {
  layers: ListedLayer[];
  fs: MergedFilesystem;
  problems: Problem[];
}

/**
 * An indexed layer's digest and diff_id checks (null when it was not read). The digest counts
 * as computed only when the read hashed it (`verifyDigest`) with the claimed digest's algorithm.
 */
export function layerChecks(
  layer: ListedLayer,
): { digest: DigestCheck; diffId: DigestCheck } | null {
  const idx = layer.index;
  if (!idx) return null;
  const hashed = algorithmOf(layer.digest) === 'sha256' ? idx.digest : undefined;
  return checkLayerDigests(
    { digest: layer.digest, diffId: layer.diffIdWanted },
    { digest: hashed, diffId: idx.diffId },
  );
}

/** Compare one indexed layer with what the manifest and config promise; digest and diff_id problems. */
export function checkLayer(layer: ListedLayer): Problem[] {
  const checks = layerChecks(layer);
  if (!checks) return [];
  return mismatchProblems(layer, checks.digest, checks.diffId);
}

/**
 * Index every layer of one image (streaming; `concurrency` layers at a time) and merge them.
 * Layers that are missing or not filesystem layers merge as empty, so layer numbers stay the
 * manifest's positions. Never throws on bad data; only an abort rejects.
 */
export async function listImage(
  store: BlobStore,
  image: ImageSummary,
  opts: {
    signal?: AbortSignal;
    concurrency?: number;
    verifyDigest?: boolean;
    maxUncompressedBytes?: number;
    /** gzip checkpoint spacing for later file reads (0: none, fastest indexing; default: listLayer's). */
    checkpointEvery?: number;
    /** Listings of layers already read, by digest, used instead of reading them again (the caller vouches for the bytes). */
    reuse?: ReadonlyMap<string, LayerListing>;
    /** Per-layer hooks into the listing pass (e.g. hashing every file as it streams past). */
    layerHooks?: (position: number) => Pick<ListLayerOptions, 'onEntry' | 'onUncompressed'>;
    onProgress?: (position: number, p: LayerProgress) => void;
    /** How to list one layer (default `listLayer`): a host's faster path, e.g. a pool of threads. */
    listLayer?: (blob: Blob, opts: ListLayerOptions) => Promise<LayerListing>;
  } = {},
): Promise<ListedImage> {
  const layers: ListedLayer[] = image.layers.map((l, position) => ({
    position,
    digest: l.descriptor.digest.value,
    mediaType: l.descriptor.mediaType,
    size: l.descriptor.size,
    diffIdWanted: l.diffId,
    blob: store.get(l.descriptor.digest.value)?.blob ?? null,
    source: store.get(l.descriptor.digest.value)?.source ?? null,
    index: null,
    skipped: null,
  }));
  const problems: Problem[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < layers.length) {
      const layer = layers[next++]!;
      if (mediaKind(layer.mediaType) !== 'layer') {
        layer.skipped = 'not a filesystem layer';
        continue;
      }
      if (!layer.blob) {
        layer.skipped = 'missing';
        problems.push(
          problem(
            'error',
            'layer-missing',
            `layer ${layer.position} ${layer.digest}`,
            `layer ${layer.position} (${layer.digest}) is not in the input; the filesystem is shown without it`,
          ),
        );
        continue;
      }
      const known = opts.reuse?.get(layer.digest);
      if (known) {
        layer.index = known;
        continue;
      }
      layer.index = await (opts.listLayer ?? listLayer)(layer.blob, {
        where: `layer ${layer.position} ${layer.digest}`,
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.verifyDigest ? { verifyDigest: true } : {}),
        ...(opts.maxUncompressedBytes ? { maxUncompressedBytes: opts.maxUncompressedBytes } : {}),
        ...(opts.checkpointEvery !== undefined ? { checkpointEvery: opts.checkpointEvery } : {}),
        onProgress: (p) => opts.onProgress?.(layer.position, p),
        ...opts.layerHooks?.(layer.position),
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 2) }, worker));
  for (const l of layers) if (l.index) problems.push(...l.index.problems, ...checkLayer(l));
  const fs = buildFilesystem(
    layers.map((l) => ({ entries: l.index?.entries ?? [], name: `layer ${l.position}` })),
  );
  problems.push(...fs.problems);
  return { layers, fs, problems };
}

/** Where to read layer N's uncompressed bytes from (null when it was not indexed). */
export function layerSource(indexed: ListedImage, n: number): LayerSource | null {
  const l = indexed.layers[n];
  if (!l?.blob || !l.index) return null;
  return { blob: l.blob, compression: l.index.compression, checkpoints: l.index.checkpoints };
}
