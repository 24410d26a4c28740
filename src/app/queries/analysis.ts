import { skipToken, useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ImageSummary } from '../../core/graph/model.ts';
import type { ImageAnalysis } from '../../worker/analyze.ts';
import { fsClient } from '../../worker/client.ts';
import type { LayerListingResult } from '../../worker/layer-job.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { fsImageKey } from './filesystem.ts';
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
 * The merged-filesystem facts of one image (net and wasted bytes per layer), computed once every
 * layer of the image has been listed, in the filesystem worker: the filesystem it merges for
 * them is the one the tree and file reads then use (one merge, one copy of the listings there).
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
          return fsClient().analysis(
            {
              key: fsImageKey(summary!.manifest, image.inputKey),
              layers: names.map((name, i) => ({ name, entries: jobs[i]!.entries! })),
              blobs: [],
              blobsVersion: '',
              // The listing workers' spare copies, moved when the worker first needs them.
              takeSpares: () => takeSpareListings(image.inputKey, names),
            },
            { signal: image.signal },
          );
        }
      : skipToken,
  });
}
