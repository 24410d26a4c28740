import { skipToken, useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ImageSummary } from '../../core/graph/model.ts';
import type { ImageAnalysis } from '../../worker/analyze.ts';
import { explorerPool } from '../../worker/client.ts';
import { entryBuffers } from '../../worker/entry-codec.ts';
import type { LayerListingResult } from '../../worker/layer-job.ts';
import { Priority } from '../../worker/priority.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { inputFilter } from './input-scope.ts';
import { takeSpareListings, watchLayerListing } from './layer-listing.ts';

const RESOURCE = 'analysis';

/** The key of an image's merged filesystem facts (net and wasted bytes per layer). */
export const analysisKey = (manifest: string, inputKey: string) =>
  [RESOURCE, { manifest, inputKey }] as const;

/** Every analysis of one input. */
export const analysesOf = (inputKey: string) => inputFilter(RESOURCE, inputKey);

/** Each listing's data, or null while it is not listed (a stable array while nothing changes). */
const listingsOf = (results: UseQueryResult<LayerListingResult>[]): (LayerListingResult | null)[] =>
  results.map((r) => r.data ?? null);

/**
 * The merged-filesystem facts of one image (net and wasted bytes per layer), computed in a
 * worker once every layer of the image has been listed; idle until then.
 */
export function useImageAnalysis(
  image: LoadedImage,
  summary: ImageSummary | null,
): UseQueryResult<ImageAnalysis> {
  const layers = summary?.layers;
  const jobs = useQueries({
    queries: (layers ?? []).map((l) =>
      watchLayerListing(l.descriptor.digest.value, image.inputKey),
    ),
    combine: listingsOf,
  });
  const ready = layers !== undefined && layers.length > 0 && jobs.every((j) => j?.entries);
  return useQuery<ImageAnalysis>({
    queryKey: analysisKey(summary?.manifest ?? '', image.inputKey),
    queryFn: ready
      ? () => {
          const names = layers.map((l) => l.descriptor.digest.value);
          // Move the workers' spare copies when there are (nothing copied on this thread);
          // clone the cached listings otherwise (a layer shared with an image merged before).
          const moved = takeSpareListings(image.inputKey, names);
          return explorerPool().call(
            'analyze',
            {
              layers: names.map((name, i) => ({ name, entries: moved?.[i] ?? jobs[i]!.entries! })),
            },
            {
              signal: image.signal,
              priority: Priority.analyze,
              transfer: moved?.flatMap(entryBuffers) ?? [],
            },
          );
        }
      : skipToken,
  });
}
