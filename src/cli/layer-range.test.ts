import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { streamLayerRange, type LayerSource } from '../core/layers/read-file.ts';
import { flip, noise, sameBytes } from '../core/testing/bytes.ts';
import { concat, gzip, makeTar } from '../core/testing/tar-writer.ts';
import { FileBlob } from './file-blob.ts';
import { layerRange } from './layer-range.ts';

const work = mkdtempSync(join(tmpdir(), 'layer-range-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const tar = makeTar(
  Array.from({ length: 8 }, (_, i) => ({ path: `f${i}`, content: noise(400_000, i + 3) })),
);
function source(name: string, bytes: Uint8Array, compression: 'gzip' | 'tar'): LayerSource {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return { blob: FileBlob.of(path, bytes.length), compression, checkpoints: [] };
}

async function read(s: ReadableStream<Uint8Array>): Promise<{ bytes: Uint8Array; error?: string }> {
  const parts: Uint8Array[] = [];
  const r = s.getReader();
  try {
    for (;;) {
      const { done, value } = await r.read();
      if (done) return { bytes: concat(parts) };
      parts.push(value.slice());
    }
  } catch (e) {
    return { bytes: concat(parts), error: String(e) };
  }
}

describe('layerRange (node:zlib) reads what streamLayerRange reads', () => {
  const gz = source('l.tgz', gzip(tar), 'gzip');
  const corrupt = source('c.tgz', flip(gzip(tar), 1_000_000, 0x55), 'gzip');
  const plain = source('l.tar', tar, 'tar');
  it.each([
    ['the start', gz, 0, 1000],
    ['a middle range across chunks', gz, 700_001, 1_500_000],
    ['the last byte', gz, tar.length - 1, 1],
    ['nothing', gz, 5000, 0],
    ['past the end (an error)', gz, tar.length - 10, 20],
    ['a plain tar (the core)', plain, 512, 4096],
  ] as const)('%s', async (_name, src, offset, length) => {
    const ours = await read(layerRange(src, offset, length));
    const core = await read(streamLayerRange(src, offset, length));
    // sameBytes, not toEqual: a deep equal of megabytes element by element takes seconds.
    expect(ours.error).toBe(core.error);
    expect(sameBytes(ours.bytes, core.bytes)).toBe(true);
    if (!core.error)
      expect(sameBytes(ours.bytes, tar.subarray(offset, offset + length))).toBe(true);
  });

  it('fails as the core fails on corrupt data read to its end', async () => {
    // What corrupt deflate data decodes to before the error depends on where each inflater
    // notices; the error itself is pako's in both.
    const length = tar.length - 2_000_000;
    const ours = await read(layerRange(corrupt, 2_000_000, length));
    const core = await read(streamLayerRange(corrupt, 2_000_000, length));
    expect(ours.error).toMatch(/^DecompressError: gzip data is corrupt/);
    expect(ours.error).toBe(core.error);
  });
});
