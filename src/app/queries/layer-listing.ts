import { queryOptions } from '@tanstack/react-query';
import type { ExplorerApi } from '../../worker/api.ts';
import type { EncodedEntries } from '../../worker/entry-codec.ts';
import {
  hashesOfReply,
  type LayerListingResult,
  type ListingHashes,
} from '../../worker/layer-job.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import { Priority } from '../../worker/priority.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { verifyProgressKey } from '../state/progress-store.ts';
import { poolHashCaps } from './hash-caps.ts';
import { inputFilter } from './input-scope.ts';
import { measured, progressTo, type LayerClaim } from './layer-progress.ts';

const RESOURCE = 'layer';

/** The key of one layer's phase 1 (listing): its tar members, nothing hashed (LayerListingResult). */
export const layerListingKey = (digest: string, inputKey: string) =>
  [RESOURCE, { digest, inputKey }] as const;

/** Every layer listing of one input. */
export const layerListingsOf = (inputKey: string) => inputFilter(RESOURCE, inputKey);

/**
 * Spare copies of listings, made by the listing workers and moved here, waiting to be moved on to
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

/**
 * Hashes that follow their listing (`hashesPending`): the listing is replied when the tar is
 * read, and the diff_id (and the raw digest, when the listing hashes it) are hashed whole after
 * it; the layer's checks wait for them here.
 */
const laterHashes = new Map<string, Promise<ListingHashes | null>>();

/**
 * A listing's hashes: those it carries, or those that follow it (null fields: not computed, or
 * the image was closed first).
 */
export async function hashesOf(
  inputKey: string,
  digest: string,
  listing: Pick<LayerListingResult, 'diffIdGot' | 'digestGot' | 'hashesPending'>,
): Promise<ListingHashes> {
  if (!listing.hashesPending) return { diffId: listing.diffIdGot, digest: listing.digestGot };
  const later = await laterHashes.get(spareKey(inputKey, digest));
  return later ?? { diffId: null, digest: null };
}

/** Forget an input's spare listings and diff_ids still to come (another image was opened). */
export function dropSpareListings(inputKey: string): void {
  for (const k of spares.keys()) if (k.startsWith(`${inputKey}\n`)) spares.delete(k);
  for (const k of laterHashes.keys()) if (k.startsWith(`${inputKey}\n`)) laterHashes.delete(k);
}

/**
 * Query options for one layer's listing: its tar members and checkpoints, settled as soon as the
 * tar is read; its hashes come with it or follow (`hashesOf`).
 */
export function layerListingQuery(
  image: LoadedImage,
  pool: WorkerPool<ExplorerApi>,
  layer: LayerClaim,
) {
  return {
    queryKey: layerListingKey(layer.digest, image.inputKey),
    queryFn: async (): Promise<LayerListingResult> => {
      const stored = image.store.get(layer.digest);
      if (!stored) throw new Error(`missing blob ${layer.digest}`);
      const listed = progressTo(image, layer.digest);
      const caps = poolHashCaps(pool);
      // A listing that hashes the raw bytes too reads them for both: the digest's bar fills with it.
      const digested = layer.hashRaw ? progressTo(image, verifyProgressKey(layer.digest)) : null;
      const reply = await pool
        .call(
          'listLayer',
          {
            blob: stored.blob,
            ...layer,
            spare: true,
            diffIdWholeMax: caps.diffId,
            wholeDigestMax: caps.raw,
          },
          {
            signal: image.signal,
            priority: Priority.listing,
            onProgress: (p) => {
              listed(p);
              digested?.({ ...p, uncompressed: 0 });
            },
          },
        )
        .then(measured(image, layer.digest, `oci:index ${layer.digest}`));
      const { spare, hashesPort, ...result } = reply;
      if (spare) spares.set(spareKey(image.inputKey, layer.digest), spare);
      if (hashesPort) {
        const later = hashesOfReply(reply, image.signal).catch(() => null);
        laterHashes.set(spareKey(image.inputKey, layer.digest), later);
      }
      return result;
    },
  };
}

/**
 * Options to watch one layer's listing without starting it: the session starts every check
 * (startChecks, in its order of priorities); views only read the results as they come.
 */
export const watchLayerListing = (digest: string, inputKey: string) =>
  queryOptions<LayerListingResult, Error, LayerListingResult, readonly unknown[]>({
    queryKey: layerListingKey(digest, inputKey),
    enabled: false,
  });
