import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileHashTap } from '../core/diff/hash-tap.ts';
import { listLayer, type LayerListing } from '../core/layers/list-layer.ts';
import { flip, noise } from '../core/testing/bytes.ts';
import { gzip, makeTar } from '../core/testing/tar-writer.ts';
import { FileBlob } from './file-blob.ts';
import { LayerPool, poolTap } from './layer-pool.ts';
import { useNodeHasher } from './node-hasher.ts';
import { repoRoot } from './testing/fixtures.ts';

// The threads run the built worker (dist-cli/cli/layer-worker.js): `npx tsc -p tsconfig.cli.json`.
const script = pathToFileURL(resolve(repoRoot, 'dist-cli/cli/layer-worker.js'));
const work = mkdtempSync(join(tmpdir(), 'layer-pool-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => {
  useNodeHasher();
  if (!existsSync(script)) throw new Error(`build the CLI first: ${script.pathname} is missing`);
});

function file(name: string, bytes: Uint8Array): Blob {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return FileBlob.of(path, bytes.length);
}

/** A gzip layer of `n` files of `size` bytes each, all named after `tag`. */
function layer(tag: string, n: number, size: number): Uint8Array {
  const tar = makeTar(
    Array.from({ length: n }, (_, i) => ({ path: `${tag}/f${i}`, content: noise(size, i + 7) })),
  );
  return gzip(tar, 1);
}

const opts = { verifyDigest: true, checkpointEvery: 0 };
const facts = (l: LayerListing): unknown => ({ ...l, checkpoints: l.checkpoints.length });

describe('LayerPool', () => {
  // Sizes out of order, more layers than threads: results must still go to their callers.
  const sizes = [3, 40, 1, 25, 8, 60];
  const blobs = sizes.map((n, i) => file(`l${i}.tgz`, layer(`layer${i}`, n, 20_000)));

  it.each([
    ['two worker threads', 2, 0],
    ['one worker thread and this thread', 1, 1],
  ])(
    'with %s, gives each caller its own layer, as listed in this thread',
    async (_n, size, local) => {
      const pool = new LayerPool(size, script, local);
      try {
        const got = await Promise.all(
          blobs.map((b, i) => pool.list(b, { ...opts, where: `l${i}` })),
        );
        for (const [i, b] of blobs.entries()) {
          expect(got[i]!.entries.length).toBe(sizes[i]);
          expect(got[i]!.entries[0]!.path).toBe(`layer${i}/f0`);
          expect(facts(got[i]!)).toEqual(facts(await listLayer(b, { ...opts, where: `l${i}` })));
        }
      } finally {
        await pool.close();
      }
    },
  );

  it('starts the largest of the layers submitted together first', async () => {
    // One thread: the jobs submitted together run one by one.
    const one = new LayerPool(1, script);
    const finished: number[] = [];
    try {
      await Promise.all(blobs.map((b, i) => one.list(b, opts).then(() => finished.push(i))));
    } finally {
      await one.close();
    }
    expect(finished).toEqual([5, 1, 3, 4, 0, 2]);
  });

  it('reports a layer it cannot read as that layer’s problem; the others list', async () => {
    const good = file('good.tgz', layer('good', 5, 10_000));
    const bad = flip(layer('bad', 5, 10_000), 3000, 0x55);
    const corrupt = file('corrupt.tgz', bad);
    const missing = new FileBlob(join(work, 'no-such-file'), 0, 1000) as unknown as Blob;
    const pool = new LayerPool(2, script);
    try {
      const [a, b, c] = await Promise.all([
        pool.list(good, { ...opts, where: 'layer 0' }),
        pool.list(missing, { ...opts, where: 'layer 1' }),
        pool.list(corrupt, { ...opts, where: 'layer 2' }),
      ]);
      expect(a!.entries).toHaveLength(5);
      expect(a!.problems).toEqual([]);
      expect(b!.entries).toEqual([]);
      expect(b!.problems).toMatchObject([
        { code: 'layer-unreadable', where: 'layer 1', message: expect.stringMatching(/ENOENT/) },
      ]);
      expect(c!.problems.map((p) => [p.code, p.where])).toContainEqual(['gzip-corrupt', 'layer 2']);
      // The pool still works after a failure.
      expect((await pool.list(good, opts)).entries).toHaveLength(5);
    } finally {
      await pool.close();
    }
  });

  it('a thread that dies takes only its layer down', async () => {
    // A worker script that exits on a file named *crash, and is the real worker otherwise.
    const crashing = join(work, 'crashing-worker.mjs');
    writeFileSync(
      crashing,
      `import { parentPort } from 'node:worker_threads';
import ${JSON.stringify(script.href)};
parentPort.on('message', (job) => { if (job.path.endsWith('crash')) process.exit(3); });`,
    );
    const good = file('good2.tgz', layer('good', 4, 10_000));
    const crash = file('crash', layer('crash', 4, 10_000));
    const pool = new LayerPool(1, pathToFileURL(crashing));
    try {
      const [a, b, c] = await Promise.all([
        pool.list(good, { ...opts, where: 'layer 0' }),
        pool.list(crash, { ...opts, where: 'layer 1' }),
        pool.list(good, { ...opts, where: 'layer 2' }),
      ]);
      expect(a!.entries).toHaveLength(4);
      expect(b!.problems).toMatchObject([
        { code: 'layer-unreadable', where: 'layer 1', message: expect.stringMatching(/code 3/) },
      ]);
      expect(c!.entries).toHaveLength(4);
    } finally {
      await pool.close();
    }
  });

  it('an abort rejects with its reason and stops the thread; the pool goes on', async () => {
    // ~100 MB of zeros in a 100 KB gzip: long enough to abort mid-layer.
    const big = file('big.tgz', gzip(makeTar([{ path: 'z', content: new Uint8Array(100 << 20) }])));
    const small = file('small.tgz', layer('small', 3, 5000));
    const pool = new LayerPool(2, script);
    try {
      const ac = new AbortController();
      const queued = new AbortController();
      const running = pool.list(big, { ...opts, signal: ac.signal });
      const waiting = pool.list(big, { ...opts, signal: queued.signal });
      queued.abort();
      await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
      await new Promise((r) => setTimeout(r, 30));
      const t0 = performance.now();
      ac.abort();
      await expect(running).rejects.toMatchObject({ name: 'AbortError' });
      expect(performance.now() - t0).toBeLessThan(250);
      expect((await pool.list(small, opts)).entries).toHaveLength(3);
    } finally {
      await pool.close();
    }
  });
});

describe('LayerPool with file hash taps', () => {
  const files = Array.from({ length: 5 }, (_, i) => noise(30_000 + i, i + 3));
  const tar = makeTar(files.map((content, i) => ({ path: `f${i}`, content })));
  const blob = file('tapped.tgz', gzip(tar, 1));
  const sha = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

  it("hashes each file in the worker thread and brings the digests back into the caller's tap", async () => {
    const pool = new LayerPool(1, script, 0);
    try {
      const tap = new FileHashTap();
      const listing = await pool.list(blob, { ...opts, ...poolTap(tap) });
      const offsets = listing.entries.map((e) => (e as { dataOffset: number }).dataOffset);
      expect(new Map(tap.digests)).toEqual(new Map(offsets.map((o, i) => [o, sha(files[i]!)])));
    } finally {
      await pool.close();
    }
  });

  it("lists a layer with hooks of this thread's own here, where they can be called", async () => {
    const pool = new LayerPool(1, script, 0);
    try {
      const seen: string[] = [];
      const listing = await pool.list(blob, { ...opts, onEntry: (e) => seen.push(e.path) });
      expect(seen).toEqual(['f0', 'f1', 'f2', 'f3', 'f4']);
      expect(listing.entries).toHaveLength(5);
    } finally {
      await pool.close();
    }
  });
});
