import type { LayerJobProgress } from '../../worker/layer-job.ts';
import type { LoadedImage } from '../state/loaded-image.ts';

/** What a layer job is told about its layer. */
export interface LayerClaim {
  digest: string;
  diffId: string | null;
  mediaType: string;
  /** Its listing hashes the raw bytes too (see LayerJobArgs.hashRaw); else a worker reads them again. */
  hashRaw?: boolean;
}

/** Report a layer job's progress under `key` (the first report starts the clock). */
export function progressTo(image: LoadedImage, key: string) {
  return (p: LayerJobProgress): void => {
    if (p.bytes === 0 && !image.progress.get(key)) image.progress.start(key, p.total);
    else image.progress.report(key, p.bytes, p.total, p.uncompressed);
  };
}

/** Record a finished layer job as a performance measure (`oci:index sha256:…`), for the benchmarks. */
export function measured<T>(image: LoadedImage, key: string, name: string) {
  return (result: T): T => {
    const started = image.progress.get(key)?.startedAt;
    if (started !== undefined)
      performance.measure(name, { start: started, end: performance.now() });
    return result;
  };
}
