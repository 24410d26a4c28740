import type { QueryClient } from '@tanstack/react-query';
import type { GraphNode } from '../../core/graph/model.ts';
import type { ExplorerApi } from '../../worker/api.ts';
import type { LayerJobResult } from '../../worker/layer-job.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { queryKeys } from './keys.ts';

/** The outcome of hashing one blob. */
export interface BlobCheck {
  state: 'verified' | 'mismatch' | 'unverifiable';
  want: string;
  got: string | null;
  bytes: number;
}

/** Priorities in the pool: documents first (small, they fill in the graph), then layers. */
const PRIORITY = { document: 2, layer: 1, blob: 0 } as const;

const algorithmOf = (digest: string): 'sha256' | 'sha512' | null =>
  digest.startsWith('sha256:') ? 'sha256' : digest.startsWith('sha512:') ? 'sha512' : null;

/** Query options for one blob's hash. */
export function blobCheckQuery(
  image: LoadedImage,
  pool: WorkerPool<ExplorerApi>,
  digest: string,
  priority: number,
) {
  return {
    queryKey: queryKeys.blob(digest, image.inputKey),
    queryFn: async (): Promise<BlobCheck> => {
      const stored = image.store.get(digest);
      const alg = algorithmOf(digest);
      if (!stored || !alg) return { state: 'unverifiable', want: digest, got: null, bytes: 0 };
      const { digest: got, bytes } = await pool.call(
        'hash',
        { blob: stored.blob, algorithm: alg },
        {
          signal: image.signal,
          priority,
          onProgress: (p) => image.progress.report(digest, p.bytes, p.total),
        },
      );
      return { state: got === digest ? 'verified' : 'mismatch', want: digest, got, bytes };
    },
  };
}

/** Query options for one layer's job. */
export function layerQuery(
  image: LoadedImage,
  pool: WorkerPool<ExplorerApi>,
  digest: string,
  diffId: string | null,
  mediaType: string,
) {
  return {
    queryKey: queryKeys.layer(digest, image.inputKey),
    queryFn: async (): Promise<LayerJobResult> => {
      const stored = image.store.get(digest);
      if (!stored) throw new Error(`missing blob ${digest}`);
      return pool.call(
        'indexLayer',
        { blob: stored.blob, digest, diffId, mediaType },
        {
          signal: image.signal,
          priority: PRIORITY.layer,
          onProgress: (p) => {
            if (p.bytes === 0 && !image.progress.get(digest)) image.progress.start(digest, p.total);
            else image.progress.report(digest, p.bytes, p.total, p.uncompressed);
          },
        },
      );
    },
  };
}

/** True when this node's blob can be checked at all (present, stored, not written by this tool). */
export function isCheckable(image: LoadedImage, node: GraphNode): boolean {
  return node.kind !== 'top' && node.present && !node.synthesized && image.store.has(node.id);
}

/**
 * Start every check for a freshly opened image, without waiting: documents first, then layers
 * in image order (shared layers once), then other blobs. Verification never delays the graph:
 * the graph is already on screen when this runs, and each node fills in as its job settles.
 * Resolves when every job has settled (marking `oci:layers-indexed` for the benchmarks).
 */
export async function startChecks(
  image: LoadedImage,
  queryClient: QueryClient,
  pool: WorkerPool<ExplorerApi>,
): Promise<void> {
  performance.mark('oci:checks-start');
  const jobs: Promise<unknown>[] = [];
  const layerJobs: Promise<unknown>[] = [];
  const nodes = [...image.graph.nodes.values()];
  for (const n of nodes) {
    if (!isCheckable(image, n) || n.kind === 'layer' || n.kind === 'blob') continue;
    jobs.push(queryClient.prefetchQuery(blobCheckQuery(image, pool, n.id, PRIORITY.document)));
  }
  const seen = new Set<string>();
  for (const img of image.graph.images) {
    for (const l of img.layers) {
      const id = l.descriptor.digest.value;
      const node = image.graph.nodes.get(id);
      if (seen.has(id) || !node || node.kind !== 'layer' || !isCheckable(image, node)) continue;
      seen.add(id);
      layerJobs.push(
        queryClient.prefetchQuery(layerQuery(image, pool, id, l.diffId, l.descriptor.mediaType)),
      );
    }
  }
  for (const n of nodes) {
    if (n.kind === 'blob' && isCheckable(image, n))
      jobs.push(queryClient.prefetchQuery(blobCheckQuery(image, pool, n.id, PRIORITY.blob)));
  }
  await Promise.all(layerJobs);
  if (!image.signal.aborted) performance.mark('oci:layers-indexed');
  await Promise.all(jobs);
  if (!image.signal.aborted) performance.mark('oci:checks-done');
}
