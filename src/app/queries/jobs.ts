import type { QueryClient } from '@tanstack/react-query';
import { defaultImage } from '../../core/graph/choose-image.ts';
import type { GraphNode } from '../../core/graph/model.ts';
import type { ExplorerApi } from '../../worker/api.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import { Priority } from '../../worker/priority.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { blobCheckQuery } from './blob-check.ts';
import { poolHashCaps } from './hash-caps.ts';
import { layerListingQuery } from './layer-listing.ts';
import type { LayerClaim } from './layer-progress.ts';
import { layerVerifyQuery } from './layer-verify.ts';

/** True when this node's blob can be checked at all (present, stored, not written by this tool). */
export function isCheckable(image: LoadedImage, node: GraphNode): boolean {
  return node.kind !== 'top' && node.present && !node.synthesized && image.store.has(node.id);
}

/**
 * Every layer of the input once (shared layers once), in image order, that can be read; or only
 * those of the images `only` names. A registry image checks just the image being viewed: its
 * other platforms' layers stay in the registry until a view asks for them (`checkImage`).
 */
export function layerClaims(image: LoadedImage, only?: ReadonlySet<string>): LayerClaim[] {
  const out = new Map<string, LayerClaim>();
  for (const img of image.graph.images) {
    if (only && !only.has(img.manifest)) continue;
    for (const l of img.layers) {
      const digest = l.descriptor.digest.value;
      const node = image.graph.nodes.get(digest);
      if (out.has(digest) || !node || node.kind !== 'layer' || !isCheckable(image, node)) continue;
      out.set(digest, { digest, diffId: l.diffId, mediaType: l.descriptor.mediaType });
    }
  }
  return [...out.values()];
}

/** How long startChecks starts jobs in one task before the page gets a turn. */
const START_SLICE_MS = 8;

/**
 * Start every check for a freshly opened image, without waiting: documents first, then every
 * layer's listing (its one inflate, which also hashes the diff_id) and other blobs, and each
 * layer's raw-bytes hash (background: the pool runs it on a worker no listing is waiting for,
 * so the digests are hashed beside the last listings, never before one). Verification never
 * delays the tree: the graph is already on screen when this runs. Each node fills in as its job
 * settles. Resolves when every job has settled, marking `oci:layers-indexed`,
 * `oci:layers-verified` and `oci:checks-done` for the benchmarks. */
export async function startChecks(
  image: LoadedImage,
  queryClient: QueryClient,
  pool: WorkerPool<ExplorerApi>,
): Promise<void> {
  performance.mark('oci:checks-start');
  const jobs: Promise<unknown>[] = [];
  const nodes = [...image.graph.nodes.values()];
  // Starting a job costs the page 50 µs to 1 ms (a query, a message to a worker, more on a busy
  // machine): an index of 10,000 manifests would hold it for seconds in one task, so the page
  // gets a turn whenever a slice has run for START_SLICE_MS (200 jobs a slice took 100–200 ms).
  let sliceStart = performance.now();
  const breathe = async (): Promise<void> => {
    if (performance.now() - sliceStart < START_SLICE_MS) return;
    await new Promise((r) => setTimeout(r, 0));
    sliceStart = performance.now();
  };
  for (const n of nodes) {
    if (!isCheckable(image, n) || n.kind === 'layer' || n.kind === 'blob') continue;
    jobs.push(queryClient.prefetchQuery(blobCheckQuery(image, pool, n.id, Priority.document)));
    await breathe();
    if (image.signal.aborted) return;
  }
  // Largest first (as the CLI does): the last listing to end is then rarely a large layer
  // started behind smaller ones, and the page's every-layer-listed comes sooner.
  const layers = withRawHashing(
    image,
    pool,
    largestFirst(image, layerClaims(image, firstScope(image))),
  );
  const indexed = layers.map((l) => queryClient.prefetchQuery(layerListingQuery(image, pool, l)));
  // Each layer is inflated once, by its listing, which hashes the diff_id; the raw bytes are
  // hashed beside it (background, so listings come first), and the two meet in its checks.
  const verified = layers.map((l) =>
    queryClient.prefetchQuery(layerVerifyQuery(image, pool, l, queryClient)),
  );
  for (const n of nodes) {
    if (n.kind === 'blob' && isCheckable(image, n)) {
      jobs.push(queryClient.prefetchQuery(blobCheckQuery(image, pool, n.id, Priority.blob)));
      await breathe();
      if (image.signal.aborted) return;
    }
  }
  await Promise.all(indexed);
  if (image.signal.aborted) return;
  performance.mark('oci:layers-indexed');
  await Promise.all(verified);
  if (!image.signal.aborted) performance.mark('oci:layers-verified');
  await Promise.all(jobs);
  if (!image.signal.aborted) performance.mark('oci:checks-done');
}

/**
 * When the layers keep every worker busy listing, each listing hashes its layer's raw bytes too
 * (blobs up to the pool's raw cap, `poolHashCaps`): a separate hash would wait for a free worker
 * anyway, and read each blob a second time (~0.2 s for 129 MB in Chromium). With fewer layers
 * than workers, a worker that would sit idle hashes them beside the listings instead. Registry
 * blobs are left to their own hash.
 */
export function withRawHashing(
  image: LoadedImage,
  pool: Pick<WorkerPool<ExplorerApi>, 'size'>,
  layers: LayerClaim[],
): LayerClaim[] {
  if (image.format === 'registry' || layers.length < pool.size) return layers;
  const { raw } = poolHashCaps(pool);
  return layers.map((l) => {
    const size = image.store.get(l.digest)?.blob.size ?? Infinity;
    return size <= raw ? { ...l, hashRaw: true } : l;
  });
}

/** Layers in order of their blobs' sizes, largest first (equal sizes keep their order). */
export function largestFirst(image: LoadedImage, layers: LayerClaim[]): LayerClaim[] {
  const size = (l: LayerClaim): number => image.store.get(l.digest)?.blob.size ?? 0;
  return [...layers].sort((a, b) => size(b) - size(a));
}

/** What the first checks cover: everything, or for a registry image the default image alone. */
function firstScope(image: LoadedImage): ReadonlySet<string> | undefined {
  if (image.format !== 'registry') return undefined;
  const first = defaultImage(image.graph.images);
  return new Set(first ? [first.manifest] : []);
}

/**
 * List and verify one image's layers when a view turns to it (a registry image's other
 * platforms are fetched only then). Jobs already done or running are not started again.
 */
export async function checkImage(
  image: LoadedImage,
  queryClient: QueryClient,
  pool: WorkerPool<ExplorerApi>,
  manifest: string,
): Promise<void> {
  const layers = layerClaims(image, new Set([manifest]));
  await Promise.all([
    ...layers.map((l) => queryClient.prefetchQuery(layerListingQuery(image, pool, l))),
    ...layers.map((l) => queryClient.prefetchQuery(layerVerifyQuery(image, pool, l, queryClient))),
  ]);
}
