import { decompressStream } from '../core/layers/decompress.ts';
import { streamLayerRange, type LayerSource } from '../core/layers/read-file.ts';
import { nodeInflate } from './node-inflate.ts';

/**
 * Bytes [offset, offset + length) of a layer's uncompressed stream, as the core's
 * `streamLayerRange` gives them, but a gzip layer without checkpoints (a blob under 4 MiB, or an
 * index made without them) inflates through node:zlib, ~3x faster than Node's
 * DecompressionStream. Everything else is the core's.
 */
export function layerRange(
  source: LayerSource,
  offset: number,
  length: number,
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  const { blob, compression } = source;
  if (compression !== 'gzip' || source.uncompressed || source.checkpoints?.length)
    return streamLayerRange(source, offset, length, signal);
  const it = nodeInflate(blob, compression, {
    see: () => undefined,
    fallback: () => decompressStream(blob.stream(), compression, signal),
    ...(signal ? { signal } : {}),
  })![Symbol.asyncIterator]();
  let skip = offset;
  let left = length;
  return new ReadableStream<Uint8Array>(
    {
      async pull(c) {
        while (left > 0) {
          const { done, value } = await it.next();
          if (done) {
            c.error(
              new RangeError(
                `the layer's stream ends ${left} bytes before the end of the range [${offset}, ${offset + length})`,
              ),
            );
            return;
          }
          const drop = Math.min(skip, value.length);
          skip -= drop;
          if (drop === value.length) continue;
          const part = value.subarray(drop, drop + Math.min(left, value.length - drop));
          left -= part.length;
          c.enqueue(part);
          if (left > 0) return;
        }
        await it.return?.();
        c.close();
      },
      async cancel() {
        await it.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
