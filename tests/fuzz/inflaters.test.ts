import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decompressStream } from '../../src/core/layers/decompress.ts';
import { DecompressError } from '../../src/core/layers/decompress-error.ts';
import { listLayer } from '../../src/core/layers/list-layer.ts';
import type { Compression } from '../../src/core/layers/sniff-compression.ts';
import { blobOf, noise } from '../../src/core/testing/bytes.ts';
import { makeTar } from '../../src/core/testing/tar-writer.ts';
import { fuzzOptions, fuzzTimeout } from './fuzz-runs.ts';

// The gzip and zstd inflaters take any bytes: they deliver output or fail with a
// DecompressError (never another error, never a hang), and what they deliver stays within the
// format's own bound on expansion. listLayer over the same bytes never rejects.

/** Most output one compressed byte can give: deflate's 1032:1; a zstd RLE block 128 KiB per 4 bytes. */
const BOUND: Record<'gzip' | 'zstd', number> = { gzip: 1032, zstd: 32768 };
/** Stop reading past this: a runaway stream is a failure, not a wait. */
const CAP = 256 << 20;

const tars = [
  makeTar([
    { path: 'a.txt', content: noise(3000, 7) },
    { path: 'd/', type: 'dir' },
  ]),
  makeTar([
    { path: 'zeros', content: new Uint8Array(200_000) },
    { path: 'l', type: 'symlink', linkTarget: 'a' },
  ]),
  makeTar([{ path: 'x'.repeat(150), content: 'hello' }]),
];
const seeds: Record<'gzip' | 'zstd', Uint8Array[]> = { gzip: [], zstd: [] };

beforeAll(() => {
  seeds.gzip = tars.map((t) => new Uint8Array(gzipSync(t)));
  // Two gzip members back to back (eStargz's shape).
  seeds.gzip.push(new Uint8Array(Buffer.concat([gzipSync(tars[0]!), gzipSync(tars[2]!)])));
  seeds.zstd = tars.map(
    (t) => new Uint8Array(execFileSync('zstd', ['-q', '-c', '-3'], { input: t })),
  );
});

async function drain(bytes: Uint8Array, c: Compression): Promise<{ out: number; error?: unknown }> {
  const r = decompressStream(blobOf(bytes).stream(), c).getReader();
  let out = 0;
  try {
    for (;;) {
      const { done, value } = await r.read();
      if (done) return { out };
      out += value.length;
      if (out > CAP) {
        await r.cancel();
        return { out };
      }
    }
  } catch (error) {
    return { out, error };
  }
}

const mutation = fc.record({
  seed: fc.nat(),
  flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
  cut: fc.option(fc.nat()),
  tail: fc.uint8Array({ maxLength: 40 }),
});

/** One mutation drawn by `mutation`. */
type Mutation = { seed: number; flips: [number, number][]; cut: number | null; tail: Uint8Array };

function mutate(list: Uint8Array[], m: Mutation): Uint8Array {
  const base = list[m.seed % list.length]!.slice();
  for (const [at, v] of m.flips) base[at % base.length] = v;
  const cut = m.cut === null ? base : base.subarray(0, m.cut % (base.length + 1));
  return Buffer.concat([cut, m.tail]);
}

describe.each(['gzip', 'zstd'] as const)('fuzz: %s inflater', (c) => {
  it(
    'mutated streams: output or a DecompressError, within the expansion bound',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutation, async (m) => {
          const bytes = mutate(seeds[c], m);
          const { out, error } = await drain(bytes, c);
          if (error !== undefined) expect(error).toBeInstanceOf(DecompressError);
          expect(out).toBeLessThanOrEqual(BOUND[c] * bytes.length + (1 << 17));
        }),
        fuzzOptions(30),
      );
    },
    fuzzTimeout(),
  );

  it(
    'random bytes behind the magic',
    async () => {
      const magic = c === 'gzip' ? [0x1f, 0x8b, 8] : [0x28, 0xb5, 0x2f, 0xfd];
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (rest) => {
          const bytes = new Uint8Array([...magic, ...rest]);
          const { out, error } = await drain(bytes, c);
          if (error !== undefined) expect(error).toBeInstanceOf(DecompressError);
          expect(out).toBeLessThanOrEqual(BOUND[c] * bytes.length + (1 << 17));
        }),
        fuzzOptions(30),
      );
    },
    fuzzTimeout(),
  );

  it(
    'listLayer never rejects on mutated layers and reports what it could not read',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutation, async (m) => {
          const bytes = mutate(seeds[c], m);
          const got = await listLayer(blobOf(bytes), { maxUncompressedBytes: CAP });
          expect(got.entries.length).toBeLessThanOrEqual(Math.ceil(got.uncompressedSize / 512));
          if (got.diffId === undefined) expect(got.problems.length).toBeGreaterThan(0);
        }),
        fuzzOptions(20),
      );
    },
    fuzzTimeout(),
  );
});
