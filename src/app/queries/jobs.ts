import type { QueryClient } from '@tanstack/react-query';
import type { GraphNode } from '../../core/graph/model.ts';
import type { ExplorerApi } from '../../worker/api.ts';
import type { EncodedEntries } from '../../worker/entry-codec.ts';
import type {
  LayerIndexResult,
  LayerJobProgress,
  LayerVerifyResult,
} from '../../worker/layer-job.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { verifyProgressKey } from '../state/progress-store.ts';
import { queryKeys } from './keys.ts';

/** The outcome of hashing one blob. */
export interface BlobCheck {
  state: 'verified' | 'mismatch' | 'unverifiable';
  want: string;
  got: string | null;
  bytes: number;
}

/**
 * Priorities in the pool (higher first): documents (small, they fill in the graph), then each
 * layer's listing and the merge of an image's listings (the filesystem), then other blobs, and
 * last the layers' verify passes. Below `index` is background: the pool (worker/client.ts) starts
 * a spare worker rather than make a foreground call wait behind it.
 */
export const PRIORITY = { document: 4, index: 3, analyze: 3, blob: 2, verify: 1 } as const;

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

/** What a layer job is told about its layer. */
export interface LayerClaim {
  digest: string;
  diffId: string | null;
  mediaType: string;
}

/** Report a layer job's progress under `key` (the first report starts the clock). */
function progressTo(image: LoadedImage, key: string) {
  return (p: LayerJobProgress): void => {
    if (p.bytes === 0 && !image.progress.get(key)) image.progress.start(key, p.total);
    else image.progress.report(key, p.bytes, p.total, p.uncompressed);
  };
}

/**
 * Spare copies of listings, made by the index workers and moved here, waiting to be moved on to
 * the merge (analysis.ts): moving costs the page nothing, cloning ~10 ms per MB on a 2-core VM.
 */
const spares = new Map<string, EncodedEntries>();
const spareKey = (inputKey: string, digest: string): string => `${inputKey}\n${digest}`;

/** Take the spare listings of these layers, all or none (each can be moved away only once). */
export function takeSpareListings(
  inputKey: string,
  digests: readonly string[],
): EncodedEntries[] | null {
  const keys = digests.map((d) => spareKey(inputKey, d));
  if (new Set(keys).size !== keys.length || !keys.every((k) => spares.has(k))) return null;
  const out = keys.map((k) => spares.get(k)!);
  for (const k of keys) spares.delete(k);
  return out;
}

/** Forget an input's spare listings (another image was opened). */
export function dropSpareListings(inputKey: string): void {
  for (const k of spares.keys()) if (k.startsWith(`${inputKey}\n`)) spares.delete(k);
}

/** Record a finished layer job as a performance measure (`oci:index sha256:…`), for the benchmarks. */
function measured<T>(image: LoadedImage, key: string, name: string) {
  return (result: T): T => {
    const started = image.progress.get(key)?.startedAt;
    if (started !== undefined)
      performance.measure(name, { start: started, end: performance.now() });
    return result;
  };
}

/** Query options for one layer's phase 1 (index): the tar listing, nothing hashed. */
export function layerQuery(image: LoadedImage, pool: WorkerPool<ExplorerApi>, layer: LayerClaim) {
  return {
    queryKey: queryKeys.layer(layer.digest, image.inputKey),
    queryFn: async (): Promise<LayerIndexResult> => {
      const stored = image.store.get(layer.digest);
      if (!stored) throw new Error(`missing blob ${layer.digest}`);
      const { spare, ...result } = await pool
        .call(
          'indexLayer',
          { blob: stored.blob, ...layer, spare: true },
          {
            signal: image.signal,
            priority: PRIORITY.index,
            onProgress: progressTo(image, layer.digest),
          },
        )
        .then(measured(image, layer.digest, `oci:index ${layer.digest}`));
      if (spare) spares.set(spareKey(image.inputKey, layer.digest), spare);
      return result;
    },
  };
}

/** Query options for one layer's phase 2 (verify): digest, diff_id, gzip checkpoints. */
export function layerVerifyQuery(
  image: LoadedImage,
  pool: WorkerPool<ExplorerApi>,
  layer: LayerClaim,
) {
  return {
    queryKey: queryKeys.layerVerify(layer.digest, image.inputKey),
    queryFn: async (): Promise<LayerVerifyResult> => {
      const stored = image.store.get(layer.digest);
      if (!stored) throw new Error(`missing blob ${layer.digest}`);
      const key = verifyProgressKey(layer.digest);
      return pool
        .call(
          'verifyLayer',
          { blob: stored.blob, ...layer },
          { signal: image.signal, priority: PRIORITY.verify, onProgress: progressTo(image, key) },
        )
        .then(measured(image, key, `oci:verify ${layer.digest}`));
    },
  };
}

/** True when this node's blob can be checked at all (present, stored, not written by this tool). */
export function isCheckable(image: LoadedImage, node: GraphNode): boolean {
  return node.kind !== 'top' && node.present && !node.synthesized && image.store.has(node.id);
}

/** Every layer of the input once (shared layers once), in image order, that can be read. */
export function layerClaims(image: LoadedImage): LayerClaim[] {
  const out = new Map<string, LayerClaim>();
  for (const img of image.graph.images) {
    for (const l of img.layers) {
      const digest = l.descriptor.digest.value;
      const node = image.graph.nodes.get(digest);
      if (out.has(digest) || !node || node.kind !== 'layer' || !isCheckable(image, node)) continue;
      out.set(digest, { digest, diffId: l.diffId, mediaType: l.descriptor.mediaType });
    }
  }
  return [...out.values()];
}

/** Jobs started in one task before the page gets a turn (see startChecks). */
const START_SLICE = 200;

/**
 * Start every check for a freshly opened image, without waiting: documents first, then every
 * layer's listing (phase 1) and other blobs; once every layer is listed, each layer's verify pass
 * (phase 2). Verification never delays the tree: the graph is already on screen when this runs,
 * and phase 2 never competes with a listing for a core (measured on 2 busy cores: starting a
 * layer's verify pass while another is still being listed made the listing ~10-20 % slower and
 * the whole no faster). Each node fills in as its job settles. Resolves when every job has settled,
 * marking `oci:layers-indexed`, `oci:layers-verified` and `oci:checks-done` for the benchmarks.
 */
export async function startChecks(
  image: LoadedImage,
  queryClient: QueryClient,
  pool: WorkerPool<ExplorerApi>,
): Promise<void> {
  performance.mark('oci:checks-start');
  const jobs: Promise<unknown>[] = [];
  const nodes = [...image.graph.nodes.values()];
  // Starting a job costs the page ~50 µs (a query, a message to a worker): an index of 10,000
  // manifests would hold it for half a second in one task, so the page gets a turn between slices.
  let started = 0;
  const breathe = async (): Promise<void> => {
    if (++started % START_SLICE === 0) await new Promise((r) => setTimeout(r, 0));
  };
  for (const n of nodes) {
    if (!isCheckable(image, n) || n.kind === 'layer' || n.kind === 'blob') continue;
    jobs.push(queryClient.prefetchQuery(blobCheckQuery(image, pool, n.id, PRIORITY.document)));
    await breathe();
    if (image.signal.aborted) return;
  }
  const layers = layerClaims(image);
  const indexed = layers.map((l) => queryClient.prefetchQuery(layerQuery(image, pool, l)));
  for (const n of nodes) {
    if (n.kind === 'blob' && isCheckable(image, n)) {
      jobs.push(queryClient.prefetchQuery(blobCheckQuery(image, pool, n.id, PRIORITY.blob)));
      await breathe();
      if (image.signal.aborted) return;
    }
  }
  await Promise.all(indexed);
  if (image.signal.aborted) return;
  performance.mark('oci:layers-indexed');
  const verified = layers.map((l) => queryClient.prefetchQuery(layerVerifyQuery(image, pool, l)));
  await Promise.all(verified);
  if (!image.signal.aborted) performance.mark('oci:layers-verified');
  await Promise.all(jobs);
  if (!image.signal.aborted) performance.mark('oci:checks-done');
}
