import { blobOf, flip, noise } from '../testing/bytes.ts';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { archiveMember, fixtureBlob, fixturePath } from '../testing/fixtures.ts';
import { concat, gzip, makeTar } from '../testing/tar-writer.ts';
import { listLayer, type LayerProgress, type ListLayerOptions } from './list-layer.ts';

const README = { path: 'README.md', type: 'file', size: 11189, mode: 0o644 };
const DIVE_DIFF_ID = 'sha256:356d5e7f4012d87cb1078ac1f480e90528eec4940ce45c50380321436db38758';

/** The layer blob of a dive one-layer OCI archive, by its digest. */
async function diveLayer(kind: string, digest: string): Promise<Blob> {
  return archiveMember(
    await fixtureBlob(`dive/test-oci-${kind}-image.tar`),
    `blobs/sha256/${digest}`,
  );
}

function layerDigest(kind: string): string {
  const doc = JSON.parse(
    readFileSync(fixturePath(`dive/test-oci-${kind}-image.expected.json`), 'utf8'),
  ) as {
    images: { layers: { digest: string }[] }[];
  };
  return doc.images[0]!.layers[0]!.digest.slice('sha256:'.length);
}

describe('listLayer on real layers', () => {
  it.each([
    ['gzip', 'gzip', DIVE_DIFF_ID, 12800],
    ['zstd', 'zstd', DIVE_DIFF_ID, 12800],
    ['uncompressed', 'tar', DIVE_DIFF_ID, 12800],
    [
      'estargz',
      'gzip',
      'sha256:2b3dbfdf131b60e153f6c11e1781c35dcaab001dde8f65c5efaad5813817800e',
      14848,
    ],
  ])('dive %s OCI archive', async (kind, compression, diffId, size) => {
    const digest = layerDigest(kind);
    const got = await listLayer(await diveLayer(kind, digest), { verifyDigest: true });
    expect(got).toMatchObject({
      compression,
      diffId,
      uncompressedSize: size,
      digest: `sha256:${digest}`,
      problems: [],
    });
    expect(got.entries).toMatchObject([README]);
    if (kind === 'estargz') {
      // The TOC sits after the end-of-archive blocks: listed apart, hashed into the diff_id.
      expect(got.trailingEntries).toMatchObject([{ path: 'stargz.index.json', estargz: 'toc' }]);
    } else expect(got.trailingEntries).toEqual([]);
  });

  it('moby xattr layer: binary security.capability kept as bytes', async () => {
    const got = await listLayer(await fixtureBlob('moby/tarsum-legacy-layers/xattr/layer.tar'));
    expect(got.problems).toEqual([]);
    expect(got.entries).toMatchObject([{ path: 'file', type: 'file', format: 'pax' }]);
    const cap = got.entries[0]!.xattrs?.['security.capability'];
    expect(Buffer.from(cap!).toString('hex')).toBe('01000002c0000000000000000000000000000000');
  });

  it('moby 46af… layer: symlinks into /proc', async () => {
    const got = await listLayer(
      await fixtureBlob(
        'moby/tarsum-legacy-layers/46af0962ab5afeb5ce6740d4d91652e69206fc991fd5328c1a94d364ad00e457/layer.tar',
      ),
    );
    expect(got.problems).toEqual([]);
    const links = Object.fromEntries(
      got.entries.filter((e) => e.type === 'symlink').map((e) => [e.path, e.linkTarget]),
    );
    expect(links).toEqual({
      'dev/core': '/proc/kcore',
      'dev/stderr': '/proc/self/fd/2',
      'dev/stdout': '/proc/self/fd/1',
      'dev/fd': '/proc/self/fd',
      'dev/ptmx': 'pts/ptmx',
      'dev/stdin': '/proc/self/fd/0',
    });
  });

  it('crane content.tar.zst: diff_id as go-containerregistry records it', async () => {
    const got = await listLayer(await fixtureBlob('go-containerregistry/crane/content.tar.zst'));
    expect(got).toMatchObject({
      compression: 'zstd',
      diffId: 'sha256:3610aa5267a210147ba6ca02cdd87610dfc08522de9c5f5015edd8ee14853fd8',
      problems: [],
    });
    expect(got.entries.map((e) => e.path)).toEqual(['./', './bat', './baz']);
  });

  it.each([
    ['layer.tar', ['layer1.txt', 'layer2.txt', 'layer3.txt']],
    [
      'layer-wh.tar',
      ['layer1.txt', '.wh.layer2.txt', 'layer3.txt', 'exdir/', 'exdir/.wh..wh..opq'],
    ],
  ])('regclient %s', async (file, paths) => {
    const got = await listLayer(await fixtureBlob(`regclient/${file}`));
    expect(got.problems).toEqual([]);
    expect(got.entries.map((e) => e.path)).toEqual(paths);
    expect(got.entries[0]).toMatchObject({
      uname: 'bmitch',
      gname: 'bmitch',
      size: 2,
      mode: 0o644,
    });
  });

  it('a 0-byte layer.tar (old docker save) is an empty layer', async () => {
    const got = await listLayer(new Blob([]));
    expect(got).toMatchObject({
      compression: 'tar',
      entries: [],
      problems: [],
      uncompressedSize: 0,
    });
    expect(got.diffId).toBe(
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('reports progress up to the whole blob', async () => {
    const tar = makeTar([{ path: 'big', content: noise(3 << 20) }]);
    const seen: LayerProgress[] = [];
    const blob = new Blob([gzip(tar)]);
    await listLayer(blob, { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toEqual({
      compressedBytes: blob.size,
      uncompressedBytes: tar.length,
      totalCompressed: blob.size,
    });
  });
});

describe('listLayer on bad input: problems, never a throw', () => {
  const tar = makeTar([
    { path: 'one', content: noise(1000, 1) },
    { path: 'two', content: noise(400_000, 2) },
    { path: 'three', content: 'x' },
  ]);
  const gz = gzip(tar);
  // The second header: after one header and 1024 bytes of padded data.
  const badSum = flip(tar, 1536 + 5, 1);
  const corrupt = flip(gz, gz.length >> 1, 0x55);
  const zst = new Uint8Array(
    readFileSync(fixturePath('go-containerregistry/crane/content.tar.zst')),
  );

  const cases: [string, Uint8Array, string[], string, RegExp][] = [
    [
      'truncated gzip',
      gz.subarray(0, gz.length >> 1),
      ['one', 'two'],
      'gzip-truncated',
      /^gzip stream ended early after \d+ compressed bytes/,
    ],
    [
      'corrupt gzip',
      corrupt,
      ['one', 'two'],
      'gzip-corrupt',
      /^gzip data is corrupt near compressed byte/,
    ],
    [
      'truncated zstd',
      zst.subarray(0, zst.length - 10),
      [],
      'zstd-truncated',
      /^zstd stream ended early after \d+ compressed bytes/,
    ],
    [
      'bad header checksum',
      badSum,
      ['one'],
      'tar-bad-checksum',
      /tar header at byte 1536 has a bad checksum/,
    ],
    [
      'member longer than the stream',
      tar.subarray(0, 300_000),
      ['one', 'two'],
      'tar-truncated',
      /"two" declares 400000 bytes of data but the stream ends after 297952 of them \(truncated at byte 300000\)/,
    ],
    [
      'not a tar at all',
      new TextEncoder().encode('{"not":"a layer"}'.padEnd(600)),
      [],
      'layer-not-filesystem',
      /not a filesystem layer: expected a tar, gzip or zstd stream, found unrecognised data \(first bytes 7b 22 6e/,
    ],
    [
      'bzip2',
      readFileSync(fixturePath('containers-image/compression/Hello.bz2')),
      [],
      'layer-not-filesystem',
      /found bzip2-compressed data/,
    ],
  ];
  it.each(cases)('%s', async (_name, bytes, paths, code, message) => {
    const got = await listLayer(blobOf(bytes), { verifyDigest: true });
    expect(got.entries.map((e) => e.path)).toEqual(paths);
    expect(got.problems.map((p) => p.code)).toEqual([code]);
    expect(got.problems[0]!.message).toMatch(message);
    expect(got.problems[0]!.severity).toBe('error');
    // The raw digest is still complete, so a digest mismatch can be told apart from bad content.
    expect(got.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('a pako-checkpointed gzip keeps the entries read before the cut too', async () => {
    const got = await listLayer(new Blob([gz.subarray(0, gz.length >> 1)]), {
      checkpointEvery: 64 << 10,
    });
    expect(got.entries.map((e) => e.path)).toEqual(['one', 'two']);
    expect(got.problems.map((p) => p.code)).toEqual(['gzip-truncated']);
    expect(got.diffId).toBeUndefined();
  });

  it('multi-member gzip (eStargz-like) read with checkpoints on', async () => {
    const parts = [
      makeTar([{ path: 'a', content: noise(300_000) }], { end: false }),
      makeTar([{ path: 'b' }]),
    ];
    const got = await listLayer(new Blob([concat(parts.map((p) => gzip(p)))]), {
      checkpointEvery: 64 << 10,
    });
    expect(got.problems).toEqual([]);
    expect(got.entries.map((e) => e.path)).toEqual(['a', 'b']);
  });

  it('an abort rejects with the abort reason', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(listLayer(new Blob([gz]), { signal: ac.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('listLayer with the diff_id hashed whole (the size the layer tells)', () => {
  it.each(['gzip', 'zstd', 'uncompressed', 'estargz'])(
    'dive %s: the same diff_id as streamed, now or after the listing',
    async (kind) => {
      const blob = await diveLayer(kind, layerDigest(kind));
      const streamed = await listLayer(blob);
      const whole = await listLayer(blob, { diffIdWholeMax: 1 << 20 });
      expect(whole.diffId).toBe(streamed.diffId);
      const later = await listLayer(blob, { diffIdWholeMax: 1 << 20, diffIdLater: true });
      expect(later.entries).toEqual(streamed.entries);
      const got = later.diffId ?? (await later.diffIdLater);
      expect(got).toBe(streamed.diffId);
      expect(got).toMatch(/^sha256:[0-9a-f]{64}$/);
    },
  );

  it('a layer cut short has no diff_id either way', async () => {
    const gz = gzip(makeTar([{ path: 'a', content: noise(300_000, 3) }]));
    const cut = new Blob([gz.slice(0, gz.length >> 1)]);
    const r = await listLayer(cut, { diffIdWholeMax: 1 << 20, diffIdLater: true });
    expect(r.diffId).toBeUndefined();
    expect(r.diffIdLater).toBeUndefined();
    expect(r.problems.length).toBeGreaterThan(0);
  });
});

describe('listLayer with the raw digest hashed on another thread', () => {
  const tar = makeTar([
    { path: 'a', content: noise(300_000, 3) },
    { path: 'b', content: noise(50_000, 4) },
  ]);
  const gz = gzip(tar);
  const sha = async (b: Uint8Array<ArrayBuffer>): Promise<string> =>
    `sha256:${Buffer.from(await crypto.subtle.digest('SHA-256', b)).toString('hex')}`;
  /** The layer listed with both digests hashed whole, after it, the raw one offered `elsewhere`. */
  const listed = (elsewhere: ListLayerOptions['hashRawElsewhere']) =>
    listLayer(new Blob([gz]), {
      verifyDigest: true,
      digestWholeMax: 1 << 20,
      diffIdWholeMax: 1 << 20,
      diffIdLater: true,
      hashRawElsewhere: elsewhere,
    });

  it('hands the raw bytes over first, before this thread hashes the diff_id, with the same digests', async () => {
    const order: string[] = [];
    const subtle = crypto.subtle;
    const digest = subtle.digest.bind(subtle);
    const spy = vi.spyOn(subtle, 'digest').mockImplementation((alg, data) => {
      order.push(`here ${(data as Uint8Array).byteLength}`);
      return digest(alg, data);
    });
    try {
      const r = await listed(() => (b) => {
        order.push(`elsewhere ${b.length}`);
        const h = createHash('sha256').update(b).digest();
        return Promise.resolve(h.buffer.slice(h.byteOffset, h.byteOffset + h.length));
      });
      expect(await r.digestLater).toBe(await sha(gz));
      expect(await r.diffIdLater).toBe(await sha(tar));
      // The raw bytes went to the other thread before this one hashed the diff_id.
      expect(order.slice(0, 2)).toEqual([`elsewhere ${gz.length}`, `here ${tar.length}`]);
    } finally {
      spy.mockRestore();
    }
  });

  it('hashes both here, the diff_id first, when no other thread is offered', async () => {
    const r = await listed(() => undefined);
    expect(await r.digestLater).toBe(await sha(gz));
    expect(await r.diffIdLater).toBe(await sha(tar));
  });

  it('a failing hasher elsewhere leaves the digest not computed, never a wrong one', async () => {
    const r = await listed(() => () => Promise.reject(new Error('the hashing worker stopped')));
    expect(await r.digestLater).toBeUndefined();
    expect(await r.diffIdLater).toBe(await sha(tar));
  });
});

describe('listLayer without the diff_id hash', () => {
  it('lists the same entries and leaves diffId unset', async () => {
    const tar = makeTar([
      { path: 'a.txt', content: 'hello' },
      { path: 'd', type: 'dir' },
    ]);
    const withHash = await listLayer(new Blob([gzip(tar)]));
    const without = await listLayer(new Blob([gzip(tar)]), { diffId: false });
    expect(without.entries).toEqual(withHash.entries);
    expect(withHash.diffId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(without.diffId).toBeUndefined();
    expect(without.problems).toEqual([]);
  });
});

describe('listLayer with an entry sink', () => {
  it('hands each member to takeEntry in order, keeps none, and counts them', async () => {
    const tar = makeTar([
      { path: 'a.txt', content: 'hello' },
      { path: 'd', type: 'dir' },
      { path: 'd/b', content: 'x' },
    ]);
    const kept = await listLayer(new Blob([gzip(tar)]));
    const seen: string[] = [];
    const sunk = await listLayer(new Blob([gzip(tar)]), { takeEntry: (e) => seen.push(e.path) });
    expect(seen).toEqual(kept.entries.map((e) => e.path));
    expect(sunk.entries).toEqual([]);
    expect(sunk.entryCount).toBe(3);
    expect(kept.entryCount).toBe(3);
    expect(sunk.diffId).toBe(kept.diffId);
  });
});

describe('listLayer as a background pass', () => {
  it('waits at its gate before each chunk, and ends as without one once let through', async () => {
    const tar = makeTar(
      Array.from({ length: 40 }, (_, i) => ({ path: `f${i}`, content: noise(50_000, i + 1) })),
    );
    const gz = gzip(tar);
    let open = false;
    let waiting: (() => void) | null = null;
    let asked = 0;
    const gated = listLayer(blobOf(gz), {
      beforeChunk: () => {
        asked++;
        if (open) return undefined;
        return new Promise<void>((r) => (waiting = r));
      },
    });
    let done = false;
    void gated.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 50));
    // Held at the first chunk: nothing read past it.
    expect(done).toBe(false);
    expect(asked).toBe(1);
    open = true;
    waiting!();
    const result = await gated;
    expect(asked).toBeGreaterThan(10);
    expect(result).toEqual(await listLayer(blobOf(gz)));
  });
});
