import { skipToken, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ImageSummary } from '../../core/graph/model.ts';
import type { ImageAnalysis } from '../../worker/analyze.ts';
import { explorerPool } from '../../worker/client.ts';
import { entryBuffers } from '../../worker/entry-codec.ts';
import type { LayerIndexResult } from '../../worker/layer-job.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { PRIORITY, takeSpareListings } from './jobs.ts';
import { queryKeys } from './keys.ts';
import { useCacheVersion } from './query-state.ts';

/**
 * The merged-filesystem facts of one image (net and wasted bytes per layer), computed in a
 * worker once every layer of the image has been listed; idle until then.
 */
export function useImageAnalysis(
  image: LoadedImage,
  summary: ImageSummary | null,
): UseQueryResult<ImageAnalysis> {
  const client = useQueryClient();
  const layers = summary?.layers;
  const version = useCacheVersion((key) => key[0] === 'layer' && key[2] === image.inputKey);
  const jobs = useMemo(() => {
    void version;
    return (layers ?? []).map(
      (l) =>
        client.getQueryData<LayerIndexResult>(
          queryKeys.layer(l.descriptor.digest.value, image.inputKey),
        ) ?? null,
    );
  }, [client, layers, image.inputKey, version]);
  const ready = layers !== undefined && layers.length > 0 && jobs.every((j) => j?.entries);
  return useQuery<ImageAnalysis>({
    queryKey: queryKeys.analysis(summary?.manifest ?? '', image.inputKey),
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
              priority: PRIORITY.analyze,
              transfer: moved?.flatMap(entryBuffers) ?? [],
            },
          );
        }
      : skipToken,
  });
}
