import type { SparseRegion } from './sparse-map.ts';

/** Zeros are handed out in pieces of this size, so a huge hole never allocates its whole length. */
const ZERO_CHUNK = 64 << 10;

/** The stored bytes [from, to) of a sparse file's regions, as one stream (the caller opens it). */
export type OpenStored = (from: number, to: number) => ReadableStream<Uint8Array>;

/**
 * The logical bytes [offset, offset + length) of a sparse file: its holes as zeros, its regions
 * from the stored data (back to back in the archive, in map order). Only the stored bytes the
 * range needs are read.
 */
export function expandSparse(
  map: readonly SparseRegion[],
  offset: number,
  length: number,
  open: OpenStored,
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  const end = offset + length;
  // Where each region's bytes start in the stored data.
  const starts: number[] = [];
  let stored = 0;
  for (const r of map) {
    starts.push(stored);
    stored += r.length;
  }
  const hit = map
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.offset < end && r.offset + r.length > offset && r.length > 0);
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let carry: Uint8Array = new Uint8Array(0);
  if (hit.length > 0) {
    const first = hit[0]!;
    const last = hit[hit.length - 1]!;
    const from = starts[first.i]! + Math.max(0, offset - first.r.offset);
    const to = starts[last.i]! + Math.min(last.r.length, end - last.r.offset);
    reader = open(from, to).getReader();
  }
  let pos = offset;
  let next = 0;

  /** `n` stored bytes, in the order they come. */
  async function take(n: number): Promise<Uint8Array> {
    if (carry.length === 0) {
      const { done, value } = await reader!.read();
      if (done) throw new RangeError('the stored data of the sparse file ends early');
      carry = value;
    }
    const part = carry.subarray(0, Math.min(n, carry.length));
    carry = carry.subarray(part.length);
    return part;
  }

  return new ReadableStream<Uint8Array>(
    {
      async pull(c) {
        // A hole may be terabytes of zeros with no read in between: the signal is checked here.
        signal?.throwIfAborted();
        if (pos >= end) {
          await reader?.cancel('range read').catch(() => undefined);
          c.close();
          return;
        }
        const region = hit[next]?.r;
        if (!region || pos < region.offset) {
          const holeEnd = region ? Math.min(region.offset, end) : end;
          const n = Math.min(ZERO_CHUNK, holeEnd - pos);
          pos += n;
          c.enqueue(new Uint8Array(n));
          return;
        }
        const dataEnd = Math.min(region.offset + region.length, end);
        const part = await take(dataEnd - pos);
        pos += part.length;
        if (pos >= region.offset + region.length) next++;
        c.enqueue(part);
      },
      cancel(reason) {
        return reader?.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
