import { blobOf, noise, sameBytes } from '../testing/bytes.ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { concat, gzip, makeTar } from '../testing/tar-writer.ts';
import { resumeGunzip } from './decompress.ts';
import { expectDecompressError } from '../testing/expect-decompress-error.ts';
import type { GzipCheckpoint } from './gzip-checkpoints.ts';
import { listLayer } from './list-layer.ts';

/** Incompressible bytes: deflate stores them, and stored blocks end byte-aligned (checkpoints). */
function random(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) out[i] = (x = (x * 1664525 + 1013904223) >>> 0) >>> 24;
  return out;
}
const tar = makeTar(
  Array.from({ length: 30 }, (_, i) => ({
    path: `f${i}`,
    content: i % 3 === 1 ? random(30_000 + i * 101, i) : noise(40_000 + i * 513, i + 1),
  })),
);
const single = gzip(tar);
/** Members that cut files at odd offsets, as eStargz's do. */
const multi = concat(
  [0, 300_001, 700_003, tar.length]
    .slice(1)
    .map((end, i, ends) => gzip(tar.subarray(i === 0 ? 0 : ends[i - 1]!, end))),
);

async function checkpointsOf(gz: Uint8Array): Promise<GzipCheckpoint[]> {
  const idx = await listLayer(blobOf(gz), { checkpointEvery: 64 << 10 });
  expect(idx.problems).toEqual([]);
  return idx.checkpoints;
}

/** The first `n` bytes of a stream (then cancelled), or all of it; and its error, if any. */
async function take(
  s: ReadableStream<Uint8Array>,
  n = Infinity,
): Promise<{ out: Uint8Array; error?: unknown }> {
  const r = s.getReader();
  const parts: Uint8Array[] = [];
  let got = 0;
  try {
    while (got < n) {
      const { done, value } = await r.read();
      if (done) break;
      parts.push(value);
      got += value.length;
    }
    await r.cancel();
  } catch (error) {
    return { out: concat(parts), error };
  }
  const out = concat(parts);
  return { out: out.subarray(0, Math.min(n, out.length)) };
}

/** Records the formats asked of the platform's DecompressionStream and the bytes fed to each. */
function recordNative(): { formats: string[]; fed: Uint8Array[][]; out: number } {
  const Real = globalThis.DecompressionStream;
  const seen = { formats: [] as string[], fed: [] as Uint8Array[][], out: 0 };
  class Recording extends TransformStream<Uint8Array, Uint8Array> {
    constructor(format: CompressionFormat) {
      seen.formats.push(format);
      const inner = new Real(format) as unknown as TransformStream<Uint8Array, Uint8Array>;
      const w = inner.writable.getWriter();
      const r = inner.readable.getReader();
      const fed: Uint8Array[] = [];
      seen.fed.push(fed);
      const drain = async (c: TransformStreamDefaultController<Uint8Array>): Promise<void> => {
        for (;;) {
          const { done, value } = await r.read();
          if (done) return;
          seen.out += value.length;
          c.enqueue(value);
        }
      };
      let drained: Promise<void> | undefined;
      super({
        start: (c) => void (drained = drain(c)),
        transform: async (chunk) => {
          fed.push(chunk.slice());
          await w.write(chunk);
        },
        flush: async () => {
          await w.close();
          await drained;
        },
      });
    }
  }
  vi.stubGlobal('DecompressionStream', Recording);
  return seen;
}

afterEach(() => void vi.unstubAllGlobals());

describe('resumeGunzip: the layer from a checkpoint on', () => {
  it.each([
    ['one member', single],
    ['several members', multi],
  ])('%s: from every checkpoint, wasm, native and pako give the same bytes', async (_n, gz) => {
    const cps = await checkpointsOf(gz);
    expect(cps.length).toBeGreaterThan(5);
    const blob = blobOf(gz);
    for (const cp of cps) {
      const want = tar.subarray(cp.out, cp.out + 150_000);
      const wasm = await take(resumeGunzip(blob, cp), want.length);
      expect(wasm.error).toBeUndefined();
      expect(sameBytes(wasm.out, want), `wasm from ${cp.kind} ${cp.out}`).toBe(true);
      // The others resume only on byte boundaries (pako has no way to take the extra bits).
      if (cp.bits) continue;
      const native = await take(
        resumeGunzip(blob, cp, undefined, { gzipEngine: 'native' }),
        want.length,
      );
      const pako = await take(
        resumeGunzip(blob, cp, undefined, { gzipEngine: 'pako' }),
        want.length,
      );
      expect(native.error).toBeUndefined();
      expect(sameBytes(native.out, want), `native from ${cp.kind} ${cp.out}`).toBe(true);
      expect(sameBytes(pako.out, want), `pako from ${cp.kind} ${cp.out}`).toBe(true);
    }
  });

  it('the platform inflater does the work, its window given as a stored block', async () => {
    const cps = await checkpointsOf(single);
    const cp = cps.find((c) => c.kind === 'block' && !c.bits && c.window.length === 32 * 1024)!;
    const seen = recordNative();
    const { out } = await take(
      resumeGunzip(blobOf(single), cp, undefined, { gzipEngine: 'native' }),
      100_000,
    );
    expect(sameBytes(out, tar.subarray(cp.out, cp.out + 100_000))).toBe(true);
    expect(seen.formats).toEqual(['deflate-raw']);
    // The bytes came from it (the window, then the layer), not from a fallback.
    expect(seen.out).toBeGreaterThanOrEqual(cp.window.length + 100_000);
    const head = concat(seen.fed[0]!);
    // BFINAL 0 / BTYPE 00, LEN 32768, NLEN its complement, then the window itself.
    expect([...head.subarray(0, 5)]).toEqual([0, 0x00, 0x80, 0xff, 0x7f]);
    expect(sameBytes(head.subarray(5, 5 + cp.window.length), cp.window)).toBe(true);
  });

  it('reads on past the end of a member, to the end of the layer', async () => {
    const cps = await checkpointsOf(multi);
    const cp = cps.find((c) => c.kind === 'block' && c.out < 300_001)!;
    const { out, error } = await take(resumeGunzip(blobOf(multi), cp));
    expect(error).toBeUndefined();
    expect(sameBytes(out, tar.subarray(cp.out))).toBe(true);
  });

  it('when the platform inflater fails midway, pako goes on after what was delivered', async () => {
    const cps = await checkpointsOf(single);
    const cp = cps.find((c) => c.kind === 'block' && !c.bits && c.window.length > 0)!;
    /** Gives ~40 KiB of real output (window included), then fails as on unreadable input. */
    class FailsMidway extends TransformStream<Uint8Array, Uint8Array> {
      constructor() {
        const fed: Uint8Array[] = [];
        super({
          transform: (chunk, c) => {
            fed.push(chunk.slice());
            if (fed.length === 4) {
              c.enqueue(tar.subarray(cp.out - cp.window.length, cp.out + 8_000).slice());
              throw new TypeError('The compressed data was not valid.');
            }
          },
        });
      }
    }
    vi.stubGlobal('DecompressionStream', FailsMidway);
    const { out, error } = await take(
      resumeGunzip(blobOf(single), cp, undefined, { gzipEngine: 'native' }),
      120_000,
    );
    expect(error).toBeUndefined();
    expect(sameBytes(out, tar.subarray(cp.out, cp.out + 120_000))).toBe(true);
  });

  it('corrupt data after the checkpoint: the inflater names it, with its offset', async () => {
    const cps = await checkpointsOf(single);
    const cp = cps.find((c) => c.kind === 'block' && c.out > 200_000)!;
    const bad = single.slice();
    bad.fill(0xff, cp.in + 1_000, cp.in + 60_000);
    const { error } = await take(resumeGunzip(blobOf(bad), cp));
    expectDecompressError(error, 'gzip-corrupt', /near compressed byte \d+/);
  });

  it('a layer cut short after the checkpoint says it ended early', async () => {
    const cps = await checkpointsOf(single);
    const cp = cps.find((c) => c.kind === 'block' && c.out > 200_000)!;
    const { error } = await take(resumeGunzip(blobOf(single.subarray(0, cp.in + 5_000)), cp));
    expectDecompressError(error, 'gzip-truncated');
  });
});
