import { queryOptions } from '@tanstack/react-query';
import type { ExplorerApi } from '../../worker/api.ts';
import type { LayerVerifyResult } from '../../worker/layer-job.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import { Priority } from '../../worker/priority.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { verifyProgressKey } from '../state/progress-store.ts';
import { inputFilter } from './input-scope.ts';
import { measured, progressTo, type LayerClaim } from './layer-progress.ts';

const RESOURCE = 'layer-verify';

/** The key of one layer's phase 2 (verify): digest, diff_id and gzip checkpoints (LayerVerifyResult). */
export const layerVerifyKey = (digest: string, inputKey: string) =>
  [RESOURCE, { digest, inputKey }] as const;

/** Every layer verify pass of one input. */
export const layerVerifiesOf = (inputKey: string) => inputFilter(RESOURCE, inputKey);

/** Query options for one layer's phase 2 (verify): digest, diff_id, gzip checkpoints. */
export function layerVerifyQuery(
  image: LoadedImage,
  pool: WorkerPool<ExplorerApi>,
  layer: LayerClaim,
) {
  return {
    queryKey: layerVerifyKey(layer.digest, image.inputKey),
    queryFn: async (): Promise<LayerVerifyResult> => {
      const stored = image.store.get(layer.digest);
      if (!stored) throw new Error(`missing blob ${layer.digest}`);
      const key = verifyProgressKey(layer.digest);
      return pool
        .call(
          'verifyLayer',
          { blob: stored.blob, ...layer },
          { signal: image.signal, priority: Priority.verify, onProgress: progressTo(image, key) },
        )
        .then(measured(image, key, `oci:verify ${layer.digest}`));
    },
  };
}

/** Options to watch one layer's verify pass without starting it (the session starts it). */
export const watchLayerVerify = (digest: string, inputKey: string) =>
  queryOptions<LayerVerifyResult, Error, LayerVerifyResult, readonly unknown[]>({
    queryKey: layerVerifyKey(digest, inputKey),
    enabled: false,
  });
