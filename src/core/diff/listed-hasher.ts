import { contentDigests } from '../fs/content-digests.ts';
import type { ListedImage } from '../fs/list-image.ts';
import type { MergedEntry } from '../fs/types.ts';
import type { ContentHash, Side } from './diff-filesystems.ts';

interface Waiting {
  entry: MergedEntry;
  resolve: (digest: string | null) => void;
  reject: (e: unknown) => void;
}

/**
 * A ContentHash over two listed images that batches: the calls made in one synchronous burst
 * are answered together, with one streaming pass per layer that holds any of the asked files
 * (read only up to the last of them), through the same hashing as `ls --sha256`.
 */
export function listedImagesHasher(
  images: Record<Side, ListedImage>,
  signal?: AbortSignal,
): ContentHash {
  let pending: Record<Side, Waiting[]> | null = null;
  const flush = async (batch: Record<Side, Waiting[]>): Promise<void> => {
    for (const side of ['a', 'b'] as const) {
      const waiting = batch[side];
      if (!waiting.length) continue;
      try {
        const digests = await contentDigests(
          images[side],
          waiting.map((w) => w.entry),
          signal,
        );
        for (const w of waiting) w.resolve(digests.get(w.entry.path) ?? null);
      } catch (e) {
        for (const w of waiting) w.reject(e);
      }
    }
  };
  return (side, path) =>
    new Promise((resolve, reject) => {
      const entry = images[side].fs.get(path);
      if (!entry?.content) {
        resolve(null);
        return;
      }
      if (!pending) {
        const batch: Record<Side, Waiting[]> = { a: [], b: [] };
        pending = batch;
        // After the caller's synchronous burst of calls: hash them all in one go.
        void Promise.resolve().then(() => {
          pending = null;
          return flush(batch);
        });
      }
      pending[side].push({ entry, resolve, reject });
    });
}
