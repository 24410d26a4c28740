import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { ExplorerApi } from '../../worker/api.ts';
import {
  layerVerifyResult,
  type LayerListingResult,
  type LayerVerifyResult,
} from '../../worker/layer-job.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import { Priority } from '../../worker/priority.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { verifyProgressKey } from '../state/progress-store.ts';
import { poolHashCaps } from './hash-caps.ts';
import { inputFilter } from './input-scope.ts';
import { hashesOf, layerListingKey, layerListingQuery } from './layer-listing.ts';
import { measured, progressTo, type LayerClaim } from './layer-progress.ts';

const RESOURCE = 'layer-verify';

/** The key of one layer's checks: its digest and diff_id (LayerVerifyResult). */
export const layerVerifyKey = (digest: string, inputKey: string) =>
  [RESOURCE, { digest, inputKey }] as const;

/** Every layer's checks of one input. */
export const layerVerifiesOf = (inputKey: string) => inputFilter(RESOURCE, inputKey);

/**
 * Query options for one layer's checks. Its raw bytes are hashed into the digest in a worker
 * (no inflate) while another worker's listing of the layer, the layer's one inflate, hashes the
 * diff_id, or by the listing too when the claim says so (`hashRaw`); both settle here. The
 * listing is the same query the session started (not run again).
 */
export function layerVerifyQuery(
  image: LoadedImage,
  pool: WorkerPool<ExplorerApi>,
  layer: LayerClaim,
  queryClient: QueryClient,
) {
  return {
    queryKey: layerVerifyKey(layer.digest, image.inputKey),
    queryFn: async (): Promise<LayerVerifyResult> => {
      const stored = image.store.get(layer.digest);
      if (!stored) throw new Error(`missing blob ${layer.digest}`);
      const key = verifyProgressKey(layer.digest);
      const hashLayer = () =>
        pool.call(
          'hashLayer',
          { blob: stored.blob, digest: layer.digest, wholeDigestMax: poolHashCaps(pool).raw },
          { signal: image.signal, priority: Priority.verify, onProgress: progressTo(image, key) },
        );
      // A listing asked to hash the raw bytes (`hashRaw`) brings the digest; else a worker reads
      // the blob again for it, beside the listing.
      const hashing = layer.hashRaw ? null : hashLayer();
      const [separate, listing] = await Promise.all([
        hashing,
        listingOf(queryClient, image, pool, layer),
      ]);
      let hashed = separate;
      if (!hashed && listing?.digestGot) {
        const bytes = listing.compressedBytes;
        hashed = { digest: listing.digestGot, bytes, ms: listing.ms };
        progressTo(image, key)({ bytes, total: bytes, uncompressed: 0 });
      }
      hashed ??= await hashLayer();
      return measured<LayerVerifyResult>(
        image,
        key,
        `oci:verify ${layer.digest}`,
      )(layerVerifyResult(layer, listing, hashed));
    },
  };
}

/**
 * The layer's listing with its hashes (which may follow the listing: the check waits for them),
 * or null when the listing failed (its error is its own).
 */
async function listingOf(
  queryClient: QueryClient,
  image: LoadedImage,
  pool: WorkerPool<ExplorerApi>,
  layer: LayerClaim,
): Promise<LayerListingResult | null> {
  const state = queryClient.getQueryState(layerListingKey(layer.digest, image.inputKey));
  if (state?.status === 'error') return null;
  let listing: LayerListingResult;
  try {
    listing = await queryClient.ensureQueryData(layerListingQuery(image, pool, layer));
  } catch {
    image.signal.throwIfAborted();
    return null;
  }
  const hashes = await hashesOf(image.inputKey, layer.digest, listing);
  image.signal.throwIfAborted();
  return { ...listing, diffIdGot: hashes.diffId, digestGot: hashes.digest, hashesPending: false };
}

/** Options to watch one layer's verify pass without starting it (the session starts it). */
export const watchLayerVerify = (digest: string, inputKey: string) =>
  queryOptions<LayerVerifyResult, Error, LayerVerifyResult, readonly unknown[]>({
    queryKey: layerVerifyKey(digest, inputKey),
    enabled: false,
  });
