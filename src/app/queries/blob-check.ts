import { queryOptions } from '@tanstack/react-query';
import { algorithmOf } from '../../core/oci/digest.ts';
import { compareDigest, type DigestCheck } from '../../core/verify/check.ts';
import type { ExplorerApi } from '../../worker/api.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import type { Priority } from '../../worker/priority.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { inputFilter } from './input-scope.ts';

/** The outcome of hashing one blob: the core's digest check, and how many bytes were read. */
export type BlobCheck = DigestCheck & { bytes: number };

const RESOURCE = 'blob';

/** The key of one blob's hash (documents and non-layer blobs). */
export const blobCheckKey = (digest: string, inputKey: string) =>
  [RESOURCE, { digest, inputKey }] as const;

/** Every blob hash of one input (to drop them when another input opens). */
export const blobChecksOf = (inputKey: string) => inputFilter(RESOURCE, inputKey);

/** Query options for one blob's hash. */
export function blobCheckQuery(
  image: LoadedImage,
  pool: WorkerPool<ExplorerApi>,
  digest: string,
  priority: Priority,
) {
  return {
    queryKey: blobCheckKey(digest, image.inputKey),
    queryFn: async (): Promise<BlobCheck> => {
      const stored = image.store.get(digest);
      const alg = algorithmOf(digest);
      if (!stored || !alg) return { state: 'unverifiable', want: digest, got: null, bytes: 0 };
      // A document the worker read whole while opening comes hashed (api.ts documentHashes).
      if (stored.sha256 && alg === 'sha256')
        return { ...compareDigest(digest, stored.sha256), bytes: stored.size };
      const { digest: got, bytes } = await pool.call(
        'hash',
        { blob: stored.blob, algorithm: alg },
        {
          signal: image.signal,
          priority,
          onProgress: (p) => image.progress.report(digest, p.bytes, p.total),
        },
      );
      return { ...compareDigest(digest, got), bytes };
    },
  };
}

/** Options to watch one blob's hash without starting it (the session starts it). */
export const watchBlobCheck = (digest: string, inputKey: string) =>
  queryOptions<BlobCheck, Error, BlobCheck, readonly unknown[]>({
    queryKey: blobCheckKey(digest, inputKey),
    enabled: false,
  });
