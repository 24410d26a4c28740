import { availableParallelism } from 'node:os';
import { listImage, type ListedImage } from '../core/fs/list-image.ts';
import type { ImageSummary } from '../core/graph/model.ts';
import { mediaKind } from '../core/oci/media-types.ts';
import type { BlobStore } from '../core/store/blob-store.ts';
import { FileBlob } from './file-blob.ts';
import { LayerPool, listHere } from './layer-pool.ts';

// Below this many compressed bytes of layer files, starting threads (~40 ms each, loading the
// core) costs more than the parallel inflating saves.
const POOL_MIN_BYTES = 16 << 20;

/** Options of `listImage` the CLI passes through. */
type Options = NonNullable<Parameters<typeof listImage>[2]>;

/**
 * `listImage` the CLI's way: gzip through `listingInflate`, and the layers of a large image
 * spread over one thread per core, this one and worker threads (`OCI_EXPLORER_THREADS=N` sets
 * how many in all; 0 or 1: this thread only). Output is the same either way: each listing lands
 * at its layer's position. `layerHooks` other than `poolTap`'s keep their layers on this thread.
 */
export async function listImageHere(
  store: BlobStore,
  image: ImageSummary,
  opts: Omit<Options, 'listLayer'> = {},
): Promise<ListedImage> {
  const threads = threadCount(store, image);
  if (threads < 2) return listImage(store, image, { ...opts, listLayer: listHere });
  // This thread lists layers too: one worker fewer to start, and no core left waiting.
  const pool = new LayerPool(threads - 1, undefined, 1);
  try {
    return await listImage(store, image, {
      ...opts,
      concurrency: image.layers.length,
      listLayer: pool.list,
    });
  } finally {
    await pool.close();
  }
}

function threadCount(store: BlobStore, image: ImageSummary): number {
  const files = image.layers
    .filter((l) => mediaKind(l.descriptor.mediaType) === 'layer')
    .map((l) => store.get(l.descriptor.digest.value)?.blob)
    .filter((b): b is Blob => b instanceof FileBlob);
  const asked = process.env['OCI_EXPLORER_THREADS'];
  if (asked !== undefined && /^\d+$/.test(asked)) return Number(asked);
  const bytes = files.reduce((s, b) => s + b.size, 0);
  if (files.length < 2 || bytes < POOL_MIN_BYTES) return 1;
  return Math.min(availableParallelism(), files.length);
}
