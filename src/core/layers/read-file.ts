import { decompressStream, resumeGunzip } from './decompress.ts';
import { findCheckpoint, type GzipCheckpoint } from './gzip-checkpoints.ts';
import type { Compression } from './sniff-compression.ts';
import type { SparseRegion } from './sparse-map.ts';
import { expandSparse } from './sparse-stream.ts';
import type { TarEntry } from './tar-entry.ts';

/** A layer blob and what its index learned about reaching into it. */
export interface LayerSource {
  blob: Blob;
  compression: Compression;
  /** gzip checkpoints from `listLayer`, in stream order (optional: without them, reads start at byte 0). */
  checkpoints?: readonly GzipCheckpoint[];
  /** A kept copy of the uncompressed stream (see `onUncompressed`); read instead of decompressing. */
  uncompressed?: Blob;
}

/**
 * Stream bytes [offset, offset + length) of a layer's uncompressed tar without holding the layer:
 * a plain tar is sliced; gzip resumes at the last checkpoint at or before `offset` (the native
 * inflater primed with the saved 32 KiB window, see `resumeGunzip`) or inflates from the start;
 * zstd inflates from the start. Decoding stops as soon as the range is delivered. Measured
 * reasons: README.md.
 */
export function streamLayerRange(
  layer: LayerSource,
  offset: number,
  length: number,
  signal?: AbortSignal,
  /** Told, as the decoder passes them, how many of the bytes before the range were inflated. */
  onApproach?: (p: { inflated: number; before: number }) => void,
): ReadableStream<Uint8Array> {
  const { compression } = layer;
  const blob = layer.uncompressed ?? layer.blob;
  if (compression === 'tar' || layer.uncompressed) {
    if (offset + length > blob.size) return failing(rangeError(offset, length, blob.size));
    const plain = blob.slice(offset, offset + length).stream();
    return signal ? plain.pipeThrough(new TransformStream(), { signal }) : plain;
  }
  const cp = compression === 'gzip' ? findCheckpoint(layer.checkpoints ?? [], offset) : undefined;
  const source = cp
    ? resumeGunzip(blob, cp, signal)
    : decompressStream(blob.stream(), compression, signal, { reopen: () => blob.stream() });
  return window(source, offset - (cp?.out ?? 0), length, offset, onApproach);
}

/** Where a file's bytes are in its layer's stream: `size` bytes at `dataOffset`, or a sparse map. */
export interface FileData {
  dataOffset: number;
  /** The file's logical size (a sparse file's real size). */
  size: number;
  /** A sparse file's regions, stored back to back from `dataOffset`; the rest reads as zeros. Null: a sparse file whose map was unreadable. */
  sparseMap?: readonly SparseRegion[] | null | undefined;
}

/**
 * Stream the file's logical bytes [offset, offset + length): a plain file is a range of the
 * layer; a sparse file gives its holes as zeros and reads only the stored regions it needs.
 */
export function streamFileRange(
  layer: LayerSource,
  file: FileData,
  offset: number,
  length: number,
  signal?: AbortSignal,
  onApproach?: (p: { inflated: number; before: number }) => void,
): ReadableStream<Uint8Array> {
  if (file.sparseMap === null)
    return failing(new Error('a sparse file whose map could not be read (see the layer problems)'));
  if (!file.sparseMap)
    return streamLayerRange(layer, file.dataOffset + offset, length, signal, onApproach);
  return expandSparse(
    file.sparseMap,
    offset,
    length,
    (from, to) => streamLayerRange(layer, file.dataOffset + from, to - from, signal, onApproach),
    signal,
  );
}

/** The bytes of one regular member of the layer (hardlinks must be resolved by the caller). */
export async function readLayerFile(
  layer: LayerSource,
  entry: Pick<TarEntry, 'path' | 'dataOffset' | 'size' | 'sparse' | 'sparseMap' | 'type'>,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  if (entry.type !== 'file')
    throw new Error(`"${entry.path}" is a ${entry.type}, not a regular file`);
  if (entry.sparse && !entry.sparseMap)
    throw new Error(`"${entry.path}" is a sparse file whose map could not be read`);
  const out = new Uint8Array(entry.size);
  let at = 0;
  const r = streamFileRange(layer, entry, 0, entry.size, signal).getReader();
  for (;;) {
    const { done, value } = await r.read();
    if (done) break;
    out.set(value, at);
    at += value.length;
  }
  return out;
}

/** Drop `skip` bytes, pass `length` bytes, then cancel the source; error if it ends first. */
function window(
  source: ReadableStream<Uint8Array>,
  skip: number,
  length: number,
  offset: number,
  onSkip?: (p: { inflated: number; before: number }) => void,
): ReadableStream<Uint8Array> {
  const r = source.getReader();
  let toSkip = skip;
  let left = length;
  return new ReadableStream<Uint8Array>(
    {
      async pull(c) {
        while (left > 0) {
          const { done, value } = await r.read();
          if (done) {
            c.error(
              new RangeError(
                `the layer's stream ends ${left} bytes before the end of the range [${offset}, ${offset + length})`,
              ),
            );
            return;
          }
          let chunk = value;
          if (toSkip > 0) {
            const drop = Math.min(toSkip, chunk.length);
            toSkip -= drop;
            chunk = chunk.subarray(drop);
            onSkip?.({ inflated: skip - toSkip, before: skip });
          }
          if (chunk.length === 0) continue;
          const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
          left -= part.length;
          c.enqueue(part);
          if (left === 0) break;
          return;
        }
        await r.cancel('range read').catch(() => undefined);
        c.close();
      },
      cancel(reason) {
        return r.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function rangeError(offset: number, length: number, size: number): RangeError {
  return new RangeError(
    `range [${offset}, ${offset + length}) runs past the end of the ${size}-byte layer`,
  );
}

function failing(e: unknown): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(c) {
      c.error(e);
    },
  });
}
