import { blobOf } from '../testing/bytes.ts';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { constants, deflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTar } from '../testing/tar-writer.ts';
import { setHasherFactory, type HasherFactory } from '../verify/hasher.ts';
import { listLayer, ratioProblem, type LayerProgress } from './list-layer.ts';
import { streamFileRange } from './read-file.ts';

const GiB = 2 ** 30;
const MiB = 2 ** 20;

/**
 * A ~10 MB gzip that expands to 10 GiB: a tar header declaring a 10 GiB file, then zeros.
 * Each 1 MiB of zeros deflates on its own (sync flush, no reference before its start) to ~1 KB,
 * so the same segment is repeated instead of deflating 10 GiB here. The trailer's CRC is left
 * zero: these tests stop long before reaching it.
 */
function bomb(): Blob {
  const flush = { finishFlush: constants.Z_SYNC_FLUSH, level: 9 };
  const header = deflateRawSync(
    makeTar([{ path: 'zeros.bin', declaredSize: 10 * GiB }], { end: false }),
    flush,
  );
  const zeros = deflateRawSync(new Uint8Array(MiB), flush);
  const final = deflateRawSync(new Uint8Array(0)); // an empty final block
  const gzipHeader = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  const trailer = new Uint8Array(8);
  return blobOf(gzipHeader, header, ...Array<Uint8Array>(10 * 1024).fill(zeros), final, trailer);
}

const nodeHasher: HasherFactory = async (alg) => {
  const h = createHash(alg);
  return { update: (c) => void h.update(c), digestHex: () => h.digest('hex') };
};

/** JS heap plus ArrayBuffer memory of this thread, in bytes. */
function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

describe('a decompression bomb (~10 MB of gzip, 10 GiB of tar)', () => {
  const blob = bomb();
  // Test files run isolated, so installing node:crypto here (as the CLI does) affects no other file.
  beforeAll(() => setHasherFactory(nodeHasher));

  it('is about 10 MB', () => {
    expect(blob.size).toBeGreaterThan(9 * MiB);
    expect(blob.size).toBeLessThan(12 * MiB);
  });

  it.each([
    ['pako with checkpoints', undefined],
    ['native gzip', 0],
  ])('%s: stops at maxUncompressedBytes in bounded memory', async (_name, checkpointEvery) => {
    const base = memory();
    let peak = 0;
    const got = await listLayer(blob, {
      maxUncompressedBytes: 512 * MiB,
      checkpointEvery,
      onProgress: () => (peak = Math.max(peak, memory() - base)),
    });
    expect(got.problems.map((p) => p.code)).toEqual(['layer-too-large', 'layer-ratio-suspicious']);
    expect(got.problems[1]).toMatchObject({ severity: 'warning' });
    expect(got.problems[0]!.message).toMatch(/more than the 536870912-byte limit/);
    expect(got.entries).toMatchObject([{ path: 'zeros.bin', size: 10 * GiB }]);
    expect(got.diffId).toBeUndefined();
    expect(got.uncompressedSize).toBeLessThanOrEqual(512 * MiB);
    expect(got.checkpoints.length).toBeLessThanOrEqual(256);
    // Streaming 512 MiB must not hold it (measured: 34-42 MiB); slack for garbage not yet collected.
    expect(peak).toBeLessThan(160 * MiB);
  });

  it.each([
    ['pako with checkpoints', undefined],
    ['native gzip', 0],
  ])('an abort stops it promptly (%s)', async (_name, checkpointEvery) => {
    // "Promptly" in bytes, not milliseconds: wall time flakes on a loaded machine.
    const ac = new AbortController();
    let atAbort = 0;
    let last = 0;
    const onProgress = (p: LayerProgress): void => {
      last = p.uncompressedBytes;
      if (p.uncompressedBytes >= 256 * MiB && !ac.signal.aborted) {
        atAbort = p.uncompressedBytes;
        ac.abort();
      }
    };
    await expect(
      listLayer(blob, { signal: ac.signal, onProgress, checkpointEvery }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(atAbort).toBeGreaterThan(0);
    expect(last - atAbort).toBeLessThan(4 * MiB);
  });
});

describe('a zstd bomb (256 MiB of tar from a few kB)', () => {
  const SIZE = 256 * MiB;
  let blob: Blob;
  beforeAll(() => {
    const header = makeTar([{ path: 'zeros.bin', declaredSize: SIZE }], { end: false });
    // zstd's CLI does the compressing: a gigabyte never sits in this process.
    const zst = execFileSync('sh', ['-c', `{ cat; head -c ${SIZE} /dev/zero; } | zstd -q -3 -c`], {
      input: header,
      maxBuffer: 64 * MiB,
    });
    blob = blobOf(new Uint8Array(zst));
  });

  it('is flagged as a bomb when read to its end', async () => {
    expect(blob.size).toBeLessThan(256 * 1024);
    const got = await listLayer(blob, { diffId: false });
    expect(got.uncompressedSize).toBe(SIZE + 512);
    expect(got.problems.map((p) => [p.code, p.severity])).toContainEqual([
      'layer-ratio-suspicious',
      'warning',
    ]);
  });

  it('an abort stops it promptly', async () => {
    const ac = new AbortController();
    let atAbort = 0;
    let last = 0;
    const onProgress = (p: LayerProgress): void => {
      last = p.uncompressedBytes;
      if (p.uncompressedBytes >= 64 * MiB && !ac.signal.aborted) {
        atAbort = p.uncompressedBytes;
        ac.abort();
      }
    };
    await expect(listLayer(blob, { signal: ac.signal, onProgress })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(atAbort).toBeGreaterThan(0);
    expect(last - atAbort).toBeLessThan(4 * MiB);
  });
});

describe('a sparse file that is one huge hole', () => {
  it('an abort stops the zeros promptly', async () => {
    const ac = new AbortController();
    const file = { dataOffset: 0, size: 2 ** 50, sparseMap: [] };
    const layer = { blob: blobOf(new Uint8Array(0)), compression: 'tar' as const };
    const r = streamFileRange(layer, file, 0, file.size, ac.signal).getReader();
    let got = 0;
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await r.read();
          if (done) return;
          got += value.length;
          if (got >= 8 * MiB) ac.abort();
        }
      })(),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(got).toBeLessThan(9 * MiB);
  });
});

describe('ratioProblem', () => {
  it.each([
    ['an ordinary layer (3x)', 300 * MiB, 100 * MiB, false],
    ['a very compressible one (60x)', 600 * MiB, 10 * MiB, false],
    ['small, however compressible', 64 * MiB, 1024, false],
    ['a bomb (1000x)', GiB, MiB, true],
    ['just past 100x', 101 * MiB, MiB, true],
  ])('%s', (_name, out, read, flagged) => {
    const p = ratioProblem(out, read, 'sha256:x');
    expect(p !== undefined).toBe(flagged);
    if (p)
      expect(p).toMatchObject({
        code: 'layer-ratio-suspicious',
        severity: 'warning',
        where: 'sha256:x',
      });
  });
});
