import { blobOf, noise, sameBytes } from '../testing/bytes.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { archiveMember, fixtureBlob, fixturePath } from '../testing/fixtures.ts';
import { concat, gzip, makeTar, type TarSpec } from '../testing/tar-writer.ts';
import { WINDOW } from './window-history.ts';
import { listLayer, type ListLayerOptions } from './list-layer.ts';
import { readLayerFile, streamLayerRange, type LayerSource } from './read-file.ts';

/** A Blob in 64 KiB parts, so its stream comes in 64 KiB chunks as a file's does (one part is one chunk). */
function chunked(bytes: Uint8Array): Blob {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += 65536) parts.push(bytes.subarray(i, i + 65536));
  return blobOf(...parts);
}

/** A Blob stand-in that counts the bytes its streams deliver (to prove reads stop early). */
function counting(blob: Blob, counter = { bytes: 0 }): Blob & { counter: { bytes: number } } {
  const wrapped = {
    counter,
    size: blob.size,
    slice: (start?: number, end?: number) => counting(blob.slice(start, end), counter),
    stream: () =>
      blob.stream().pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, c) {
            counter.bytes += chunk.length;
            c.enqueue(chunk);
          },
        }),
      ),
    arrayBuffer: () => blob.arrayBuffer(),
  };
  return wrapped as unknown as Blob & { counter: { bytes: number } };
}

const random = (n: number, seed: number): Uint8Array => {
  // Incompressible bytes make deflate write stored blocks, which end byte-aligned.
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) out[i] = (x = (x * 1664525 + 1013904223) >>> 0) >>> 24;
  return out;
};

const specs: TarSpec[] = [];
for (let i = 0; i < 60; i++) {
  specs.push({
    path: `dir${i % 4}/file-${i}.txt`,
    content: i % 7 === 3 ? random(20_000 + i * 1000, i) : noise(10_000 + i * 997, i),
  });
}
specs.push({ path: 'empty' }, { path: 'last.bin', content: noise(250_000, 99) });
const tar = makeTar(specs);
const contents = new Map(
  specs.map((s) => [
    s.path,
    typeof s.content === 'string'
      ? new TextEncoder().encode(s.content)
      : (s.content ?? new Uint8Array(0)),
  ]),
);

/** Split the tar at odd offsets and gzip each part: a multi-member stream whose members cut files. */
const multiMember = concat(
  [0, 100_000, 333_333, 1_000_001, tar.length]
    .slice(1)
    .map((end, i, ends) => gzip(tar.subarray(i === 0 ? 0 : ends[i - 1]!, end))),
);

describe('readLayerFile gives every file back, whatever the layer format', () => {
  const layers: [string, Uint8Array, ListLayerOptions][] = [
    ['plain tar (a slice)', tar, {}],
    ['gzip with checkpoints every 64 KiB', gzip(tar), { checkpointEvery: 64 << 10 }],
    ['gzip without checkpoints (inflate from the start)', gzip(tar), { checkpointEvery: 0 }],
    ['multi-member gzip with checkpoints', multiMember, { checkpointEvery: 64 << 10 }],
  ];
  it.each(layers)('%s', async (_name, bytes, opts) => {
    const blob = blobOf(bytes);
    const idx = await listLayer(blob, opts);
    expect(idx.problems).toEqual([]);
    if (opts.checkpointEvery) {
      expect(idx.checkpoints.length).toBeGreaterThan(10);
      for (const c of idx.checkpoints) expect(c.window.length).toBeLessThanOrEqual(WINDOW);
    } else expect(idx.checkpoints).toEqual([]);
    const layer: LayerSource = { blob, compression: idx.compression, checkpoints: idx.checkpoints };
    for (const e of idx.entries) {
      const got = await readLayerFile(layer, e);
      expect(sameBytes(got, contents.get(e.path)!), e.path).toBe(true);
    }
  });

  it('resumes at member starts too (multi-member, pako)', async () => {
    // pako stops only at byte-aligned blocks, so a member start often comes first.
    const idx = await listLayer(new Blob([multiMember]), {
      checkpointEvery: 64 << 10,
      gzipEngine: 'pako',
    });
    expect(new Set(idx.checkpoints.map((c) => c.kind))).toEqual(new Set(['block', 'member']));
  });

  it('with checkpoints, a file deep in the layer reads only a little of the blob', async () => {
    const gz = gzip(tar);
    const idx = await listLayer(new Blob([gz]), { checkpointEvery: 64 << 10 });
    const blob = counting(chunked(gz));
    const last = idx.entries.find((e) => e.path === 'last.bin')!;
    const got = await readLayerFile(
      { blob, compression: 'gzip', checkpoints: idx.checkpoints },
      last,
    );
    expect(sameBytes(got, contents.get('last.bin')!)).toBe(true);
    expect(blob.counter.bytes).toBeLessThan(gz.length / 3);
  });

  it('without checkpoints, reading stops once the file is read', async () => {
    const big = makeTar(
      Array.from({ length: 40 }, (_, i) => ({ path: `f${i}`, content: noise(250_000, i + 1) })),
    );
    const gz = gzip(big);
    const idx = await listLayer(new Blob([gz]), { checkpointEvery: 0 });
    const blob = counting(chunked(gz));
    await readLayerFile({ blob, compression: 'gzip' }, idx.entries[0]!);
    // Stream pipes read ahead a few chunks; what matters is that the rest is never read.
    expect(blob.counter.bytes).toBeLessThan(gz.length / 4);
  });

  it.each(['zstd', 'gzip', 'estargz', 'uncompressed'])('dive %s layer: README.md', async (kind) => {
    const doc = JSON.parse(
      readFileSync(fixturePath(`dive/test-oci-${kind}-image.expected.json`), 'utf8'),
    ) as { images: { layers: { digest: string }[] }[] };
    const digest = doc.images[0]!.layers[0]!.digest.slice(7);
    const blob = await archiveMember(
      await fixtureBlob(`dive/test-oci-${kind}-image.tar`),
      `blobs/sha256/${digest}`,
    );
    const idx = await listLayer(blob);
    const readme = await readLayerFile({ blob, compression: idx.compression }, idx.entries[0]!);
    expect(readme.length).toBe(11189);
    expect(new TextDecoder().decode(readme.subarray(0, 6))).toBe('# dive');
  });
});

describe('a kept uncompressed copy (the zstd route to fast reads)', () => {
  it('listLayer hands out the stream; readLayerFile slices the copy', async () => {
    const blob = await fixtureBlob('go-containerregistry/crane/content.tar.zst');
    const parts: Uint8Array[] = [];
    let expected = 0;
    const idx = await listLayer(blob, {
      onUncompressed: (chunk, offset) => {
        expect(offset).toBe(expected);
        expected += chunk.length;
        parts.push(chunk.slice());
      },
    });
    const copy = counting(blobOf(...parts));
    const bat = idx.entries.find((e) => e.path === './bat')!;
    const got = await readLayerFile({ blob, compression: 'zstd', uncompressed: copy }, bat);
    expect(new TextDecoder().decode(got)).toBe('bat\n');
    expect(copy.counter.bytes).toBe(bat.size);
  });
});

describe('readLayerFile refuses what it cannot give', () => {
  const blob = new Blob([tar]);
  const layer: LayerSource = { blob, compression: 'tar' };
  it.each([
    [
      'a directory',
      { path: 'd/', type: 'dir', size: 0, dataOffset: 512 } as const,
      /"d\/" is a dir, not a regular file/,
    ],
    [
      'a sparse file',
      { path: 's', type: 'file', size: 10, dataOffset: 512, sparse: true } as const,
      /sparse file whose map could not be read/,
    ],
    [
      'a range past the end',
      { path: 'x', type: 'file', size: 10, dataOffset: tar.length - 5 } as const,
      /runs past the end/,
    ],
  ])('%s', async (_name, entry, message) => {
    await expect(readLayerFile(layer, entry)).rejects.toThrow(message);
  });

  it('a range past the end of a gzip stream', async () => {
    const gzLayer: LayerSource = { blob: new Blob([gzip(tar)]), compression: 'gzip' };
    await expect(
      readLayerFile(gzLayer, { path: 'x', type: 'file', size: 10, dataOffset: tar.length - 5 }),
    ).rejects.toThrow(/ends 5 bytes before the end of the range/);
  });

  it('streams a range in pieces', async () => {
    const r = streamLayerRange(layer, 512, 1000).getReader();
    let n = 0;
    for (let x = await r.read(); !x.done; x = await r.read()) n += x.value.length;
    expect(n).toBe(1000);
  });
});
