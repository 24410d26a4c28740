import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { listLayer } from '../layers/list-layer.ts';
import { makeTar, type TarSpec } from '../testing/tar-writer.ts';
import { FileHashTap } from './hash-tap.ts';

const sha = (s: string | Uint8Array): string =>
  `sha256:${createHash('sha256').update(s).digest('hex')}`;
const big = 'x'.repeat(3000) + 'y'.repeat(2000);
const specs: TarSpec[] = [
  { path: 'd/', type: 'dir' },
  { path: 'd/empty', content: '' },
  { path: 'd/small', content: 'hello\n' },
  { path: 'd/big', content: big },
  { path: 'd/link', type: 'symlink', linkTarget: 'small' },
  { path: 'd/hard', type: 'hardlink', linkTarget: 'd/small' },
  { path: 'd/sparse', type: 'sparse', content: 'data', sparseRealSize: 1 << 16 },
  { path: 'd/last', content: 'the end' },
];
const want = {
  '/d/empty': sha(''),
  '/d/small': sha('hello\n'),
  '/d/big': sha(big),
  '/d/last': sha('the end'),
};

describe('FileHashTap', () => {
  it.each([1, 7, 512, 513, 4096, 1 << 20])(
    'hashes every regular file, fed in %i-byte chunks',
    async (step) => {
      const tar = makeTar(specs);
      const listing = await listLayer(new Blob([tar]));
      const tap = new FileHashTap();
      for (const e of listing.entries) tap.entry(e);
      for (let at = 0; at < tar.length; at += step)
        await tap.chunk(tar.subarray(at, at + step), at);
      const byPath = Object.fromEntries(
        listing.entries
          .filter((e) => tap.digests.has(e.dataOffset))
          .map((e) => [`/${e.path}`, tap.digests.get(e.dataOffset)]),
      );
      // Symlinks, hardlinks and directories have no bytes of their own; a sparse file is left out.
      expect(byPath).toEqual(want);
    },
  );

  it('works inside listLayer: entries arrive before their bytes', async () => {
    const tap = new FileHashTap();
    const listing = await listLayer(new Blob([makeTar(specs)]), {
      onEntry: tap.entry,
      onUncompressed: tap.chunk,
    });
    const big = listing.entries.find((e) => e.path === 'd/big')!;
    expect(tap.digests.get(big.dataOffset)).toBe(want['/d/big']);
    expect(tap.digests.size).toBe(4);
  });

  it('leaves out a file the stream cuts short', async () => {
    const tar = makeTar(specs);
    const listing = await listLayer(new Blob([tar]));
    const tap = new FileHashTap();
    for (const e of listing.entries) tap.entry(e);
    const big = listing.entries.find((e) => e.path === 'd/big')!;
    await tap.chunk(tar.subarray(0, big.dataOffset + 100), 0);
    expect(tap.digests.has(big.dataOffset)).toBe(false);
    expect(tap.digests.get(listing.entries.find((e) => e.path === 'd/small')!.dataOffset)).toBe(
      want['/d/small'],
    );
  });
});
