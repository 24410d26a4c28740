import { createHasher, type Hasher } from './hasher.ts';

/** A byte range of a stream to hash, named by `key`. */
export interface HashRange {
  key: string;
  offset: number;
  length: number;
}

/**
 * Hash many byte ranges of one stream in a single pass (e.g. every file's content in an
 * uncompressed layer, by its data offset). Ranges may come in any order; overlapping
 * ranges are fine. Returns key → `sha256:<hex>`.
 */
export async function hashRanges(
  stream: ReadableStream<Uint8Array>,
  ranges: readonly HashRange[],
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  const sorted = [...ranges].sort((a, b) => a.offset - b.offset);
  const out = new Map<string, string>();
  const active: { range: HashRange; hasher: Hasher; done: number }[] = [];
  let nextRange = 0;
  let pos = 0;
  const finish = (a: (typeof active)[number]): void => {
    out.set(a.range.key, `sha256:${a.hasher.digestHex()}`);
  };
  // Empty ranges hash to the empty digest without needing any bytes.
  for (const r of sorted)
    if (r.length === 0) finish({ range: r, hasher: await emptyHasher(), done: 0 });
  const reader = stream.getReader();
  try {
    while (nextRange < sorted.length || active.length > 0) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      const end = pos + value.length;
      while (nextRange < sorted.length && sorted[nextRange]!.offset < end) {
        const r = sorted[nextRange++]!;
        if (r.length > 0) active.push({ range: r, hasher: await createHasher('sha256'), done: 0 });
      }
      for (let i = active.length - 1; i >= 0; i--) {
        const a = active[i]!;
        const from = Math.max(a.range.offset + a.done, pos);
        const to = Math.min(a.range.offset + a.range.length, end);
        if (to > from) {
          a.hasher.update(value.subarray(from - pos, to - pos));
          a.done += to - from;
        }
        if (a.done === a.range.length) {
          finish(a);
          active.splice(i, 1);
        }
      }
      pos = end;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return out;
}

async function emptyHasher(): Promise<Hasher> {
  return createHasher('sha256');
}
