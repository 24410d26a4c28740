import { queryOptions } from '@tanstack/react-query';
import type { ExplorerApi } from '../../worker/api.ts';
import type { EncodedEntries } from '../../worker/entry-codec.ts';
import { diffIdOfReply, type LayerListingResult } from '../../worker/layer-job.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import { Priority } from '../../worker/priority.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
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
 * Diff_ids that follow their listing (`diffIdPending`): the listing is replied when the tar is
 * read, while WebCrypto still hashes the inflated layer; the layer's checks wait for it here.
 */
const laterDiffIds = new Map<string, Promise<string | null>>();

/**
 * A listing's diff_id: the one it carries, or the one that follows it (null: not computed, or
 * the image was closed first).
 */
export async function diffIdOf(
  inputKey: string,
  digest: string,
  listing: Pick<LayerListingResult, 'diffIdGot' | 'diffIdPending'>,
): Promise<string | null> {
  if (!listing.diffIdPending) return listing.diffIdGot;
  return (await laterDiffIds.get(spareKey(inputKey, digest))) ?? null;
}

/** Forget an input's spare listings and diff_ids still to come (another image was opened). */
export function dropSpareListings(inputKey: string): void {
  for (const k of spares.keys()) if (k.startsWith(`${inputKey}\n`)) spares.delete(k);
  for (const k of laterDiffIds.keys()) if (k.startsWith(`${inputKey}\n`)) laterDiffIds.delete(k);
}

/**
 * Query options for one layer's listing: its tar members and checkpoints, settled as soon as the
 * tar is read; its diff_id comes with it or follows (`diffIdOf`).
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
      const reply = await pool
        .call(
          'listLayer',
          { blob: stored.blob, ...layer, spare: true },
          {
            signal: image.signal,
            priority: Priority.listing,
            onProgress: progressTo(image, layer.digest),
          },
        )
        .then(measured(image, layer.digest, `oci:index ${layer.digest}`));
      const { spare, diffIdPort, ...result } = reply;
      if (spare) spares.set(spareKey(image.inputKey, layer.digest), spare);
      if (diffIdPort) {
        const later = diffIdOfReply(reply, image.signal).catch(() => null);
        laterDiffIds.set(spareKey(image.inputKey, layer.digest), later);
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
