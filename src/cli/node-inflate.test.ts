import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { listLayer, type LayerListing } from '../core/layers/list-layer.ts';
import { flip, noise, sameBytes } from '../core/testing/bytes.ts';
import { fixturePath } from '../core/testing/fixtures.ts';
import { concat, gzip, makeTar } from '../core/testing/tar-writer.ts';
import { FileBlob } from './file-blob.ts';
import { nodeInflate } from './node-inflate.ts';

const work = mkdtempSync(join(tmpdir(), 'node-inflate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The bytes as a FileBlob over a temp file (the CLI's own kind of blob). */
function fileBlob(name: string, bytes: Uint8Array): Blob {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return FileBlob.of(path, bytes.length);
}

// Big enough for several 1 MiB reads and 256 KiB outputs, with a file in every part.
const plain = makeTar(
  Array.from({ length: 12 }, (_, i) => ({ path: `f${i}.bin`, content: noise(300_000, i + 1) })),
);
const gz = gzip(plain);
const second = makeTar([{ path: 'later.txt', content: noise(70_000, 99) }]);
const zstd = new Uint8Array(
  readFileSync(fixturePath('go-containerregistry/crane/content.tar.zst')),
);

/** What a listing says: entries, sizes, digests and problems. */
const facts = (l: LayerListing): unknown => ({ ...l, checkpoints: l.checkpoints.length });

// Clean layers list exactly as the core lists them. On bad data the problems (the core's own
// inflater's wording, from the fallback) and digests are the same; how many entries come before the error depends
// on each inflater's output chunking, so those only have to agree as far as both got.
const cases: [string, Uint8Array, 'clean' | 'bad'][] = [
  ['a gzip layer', gz, 'clean'],
  ['multi-member gzip (eStargz)', concat([gz, gzip(second)]), 'clean'],
  ['zero padding after the member', concat([gz, new Uint8Array(3000)]), 'clean'],
  ['megabytes of zeros after the member', concat([gz, new Uint8Array(5 << 20)]), 'clean'],
  ['a plain tar', plain, 'clean'],
  ['a zstd layer', zstd, 'clean'],
  ['zeros, then junk after the member', concat([gz, new Uint8Array(10), Uint8Array.of(7)]), 'bad'],
  ['junk after the member', concat([gz, new TextEncoder().encode('junk!')]), 'bad'],
  ['corrupt gzip', flip(gz, gz.length >> 1, 0x55), 'bad'],
  ['corrupt in the first chunk', flip(gz, 200, 0x55), 'bad'],
  ['truncated gzip', gz.subarray(0, 1_500_000), 'bad'],
  ['truncated in the trailer', gz.subarray(0, gz.length - 3), 'bad'],
];

describe('listLayer through node:zlib (the CLI) matches the core decoders', () => {
  it.each(cases)('%s', async (name, bytes, kind) => {
    const blob = fileBlob(name.replace(/\W+/g, '-'), bytes);
    const opts = { verifyDigest: true, checkpointEvery: 0, where: 'layer 0' };
    const ours = await listLayer(blob, { ...opts, inflate: nodeInflate });
    const core = await listLayer(blob, opts);
    if (kind === 'clean') {
      expect(facts(ours)).toEqual(facts(core));
      expect(facts(ours)).toEqual(facts(await listLayer(blob, { ...opts, gzipEngine: 'pako' })));
      expect(ours.entries.length).toBeGreaterThan(0);
      expect(ours.diffId).toMatch(/^sha256:/);
      return;
    }
    expect(ours.problems).toEqual(core.problems);
    expect(ours.problems.some((p) => p.code.startsWith('gzip-'))).toBe(true);
    expect([ours.digest, ours.diffId, ours.compressedSize]).toEqual([
      core.digest,
      undefined,
      bytes.length,
    ]);
    const both = Math.min(ours.entries.length, core.entries.length);
    expect(ours.entries.slice(0, both)).toEqual(core.entries.slice(0, both));
  });

  it('reads a Blob that is not a file through its stream', async () => {
    const ours = await listLayer(new Blob([gz]), { inflate: nodeInflate, checkpointEvery: 0 });
    const core = await listLayer(new Blob([gz]), { checkpointEvery: 0 });
    expect(facts(ours)).toEqual(facts(core));
  });

  it('names corrupt and truncated data as the core does', async () => {
    const corrupt = await listLayer(fileBlob('c', flip(gz, gz.length >> 1, 0x55)), {
      inflate: nodeInflate,
      checkpointEvery: 0,
    });
    expect(corrupt.problems.map((p) => p.code)).toContain('gzip-corrupt');
    expect(corrupt.diffId).toBeUndefined();
    const cut = await listLayer(fileBlob('t', gz.subarray(0, 1_500_000)), {
      inflate: nodeInflate,
      checkpointEvery: 0,
    });
    expect(cut.problems[0]?.message).toMatch(/^gzip stream ended early after \d+ compressed bytes/);
  });
});

/** Everything the host decoder yields for a blob, or null when it leaves the blob to the core. */
async function drain(blob: Blob, compression: 'gzip' | 'zstd' | 'tar'): Promise<Uint8Array | null> {
  const seen: number[] = [];
  const it = nodeInflate(blob, compression, {
    see: (c, pos) => void seen.push(pos + c.length),
    fallback: () => {
      throw new Error('no fallback expected');
    },
  });
  if (!it) return null;
  const parts: Uint8Array[] = [];
  for await (const c of it) parts.push(c.slice());
  expect(Math.max(...seen)).toBe(blob.size);
  return concat(parts);
}

describe('nodeInflate', () => {
  it('inflates gzip itself (no fallback), with every compressed byte seen', async () => {
    const out = await drain(fileBlob('d.gz', gz), 'gzip');
    expect(sameBytes(out!, new Uint8Array(gunzipSync(gz)))).toBe(true);
  });

  it('passes a plain tar through', async () => {
    expect(sameBytes((await drain(fileBlob('d.tar', plain), 'tar'))!, plain)).toBe(true);
  });

  it('leaves zstd to the core', async () => {
    expect(await drain(fileBlob('d.zst', zstd), 'zstd')).toBeNull();
  });

  it('stops with the abort reason', async () => {
    const ac = new AbortController();
    const it = nodeInflate(fileBlob('a.gz', gz), 'gzip', {
      see: () => undefined,
      fallback: () => new Blob([]).stream(),
      signal: ac.signal,
    })!;
    const iter = it[Symbol.asyncIterator]();
    await iter.next();
    ac.abort();
    await expect(iter.next()).rejects.toMatchObject({ name: 'AbortError' });
  });
});
