import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { noise } from '../core/testing/bytes.ts';
import { concat, gzip, makeTar } from '../core/testing/tar-writer.ts';
import { decodeEntries } from './entry-codec.ts';
import { packWindows } from '../core/layers/gzip-checkpoints.ts';
import {
  wholeHashCaps,
  WHOLE_DIGEST_MAX,
  hashesOfReply,
  hashLayerJob,
  layerVerifyResult,
  listLayerJob,
  workerIdle,
  type LayerJobArgs,
  type LayerJobProgress,
} from './layer-job.ts';
import type { CallContext } from './rpc.ts';

const sha256 = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** A call context that records progress and transfers. */
function context(signal = new AbortController().signal) {
  const progress: LayerJobProgress[] = [];
  const transfers: Transferable[] = [];
  const ctx: CallContext<LayerJobProgress> = {
    signal,
    progress: (p) => progress.push(p),
    transfer: (...t) => transfers.push(...t),
  };
  return { ctx, progress, transfers };
}

/** A gzip layer of `files` files of `each` bytes (noise, so deflate makes real blocks). */
function layer(files: number, each: number) {
  const tar = makeTar(
    Array.from({ length: files }, (_, i) => ({
      path: `data/f${i}.txt`,
      content: noise(each, i + 1),
    })),
  );
  const gz = gzip(tar);
  return {
    blob: new Blob([gz]),
    digest: sha256(gz),
    diffId: sha256(tar),
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    tarBytes: tar.length,
  };
}

/** A layer's checks as the page makes them: its one listing and its raw hash, side by side. */
async function verifyLayer(l: LayerJobArgs, ctx = context().ctx) {
  const [listing, hashed] = await Promise.all([
    listLayerJob(l, context().ctx),
    hashLayerJob(l, ctx),
  ]);
  return layerVerifyResult(
    l,
    { ...listing, diffIdGot: (await hashesOfReply(listing)).diffId },
    hashed,
  );
}

describe('layer jobs: one listing pass (with the diff_id), the raw bytes hashed beside it', () => {
  it('the listing lists the entries, transfers them, and hashes the uncompressed stream', async () => {
    const l = layer(20, 3000);
    const { ctx, progress, transfers } = context();
    const r = await listLayerJob(l, ctx);
    expect(r.compression).toBe('gzip');
    expect(r.entryCount).toBe(20);
    expect(r.uncompressedBytes).toBe(l.tarBytes);
    expect(decodeEntries(r.entries!).filter((e) => e.type === 'file')).toHaveLength(20);
    expect(r.problems).toEqual([]);
    // The listing's four column buffers, and the port its diff_id follows on (hashed whole).
    expect(transfers).toHaveLength(5);
    expect(transfers[4] === r.hashesPort).toBe(true);
    expect(progress[0]).toEqual({ bytes: 0, total: l.blob.size, uncompressed: 0 });
    expect(progress.at(-1)!.uncompressed).toBe(l.tarBytes);
    expect(r.hashesPending).toBe(true);
    expect((await hashesOfReply(r)).diffId).toBe(l.diffId);
    expect(r).not.toHaveProperty('digest');
  });

  it('phase 1 can send a spare copy of the listing, in buffers of its own, also moved', async () => {
    const l = layer(5, 100);
    const { ctx, transfers } = context();
    const r = await listLayerJob({ ...l, spare: true }, ctx);
    expect(decodeEntries(r.spare!)).toEqual(decodeEntries(r.entries!));
    expect(r.spare!.text).not.toBe(r.entries!.text);
    // Four column buffers each, and the port the diff_id follows on.
    expect(transfers).toHaveLength(9);
    expect(new Set(transfers).size).toBe(9);
    expect((await listLayerJob(l, context().ctx)).spare).toBeNull();
  });

  it('verifies digest and diff_id, with the listing’s entry count and size', async () => {
    const l = layer(20, 3000);
    const { ctx, progress } = context();
    const r = await verifyLayer(l, ctx);
    expect(r.digest).toEqual({ state: 'verified', want: l.digest, got: l.digest });
    expect(r.diffId).toEqual({ state: 'verified', want: l.diffId, got: l.diffId });
    expect(r.entryCount).toBe(20);
    expect(r.uncompressedBytes).toBe(l.tarBytes);
    expect(r.problems).toEqual([]);
    expect(progress.at(-1)).toEqual({ bytes: l.blob.size, total: l.blob.size, uncompressed: 0 });
  });

  it.each([
    ['whole, by the platform', undefined],
    ['streamed, past the size the platform hashes whole', 0],
  ])('the hash job reads the raw bytes only, in the claimed algorithm (%s)', async (_, max) => {
    const l = layer(8, 300_000);
    const gz = new Uint8Array(await l.blob.arrayBuffer());
    const sha512 = `sha512:${createHash('sha512').update(gz).digest('hex')}`;
    const opts = { wholeDigestMax: max };
    const { ctx, progress } = context();
    expect(await hashLayerJob({ ...l, ...opts }, ctx)).toMatchObject({
      digest: l.digest,
      bytes: gz.length,
    });
    // Streaming reports progress as it goes; either way the last report is the whole blob.
    expect(progress.length).toBeGreaterThan(max === 0 ? 2 : 1);
    expect(progress.at(-1)!.bytes).toBe(gz.length);
    const other = await hashLayerJob({ ...l, ...opts, digest: sha512 }, context().ctx);
    expect(other.digest).toBe(sha512);
    const odd = await hashLayerJob({ ...l, ...opts, digest: 'md5:abc' }, context().ctx);
    expect(odd.digest).toBeNull();
  });

  it('says the layer changed when its two reads saw different sizes', async () => {
    const l = layer(3, 100);
    const listing = await listLayerJob(l, context().ctx);
    const hashed = await hashLayerJob(l, context().ctx);
    const r = layerVerifyResult(l, listing, { ...hashed, bytes: hashed.bytes + 1 });
    expect(r.problems.map((p) => [p.code, p.where])).toEqual([['layer-changed', l.digest]]);
  });

  it('the listing makes no checkpoints for a small blob: inflating it from the start is fast enough', async () => {
    const r = await listLayerJob(layer(20, 3000), context().ctx);
    expect(r.checkpoints).toEqual([]);
    expect(r.spareWindows).toBeNull();
  });

  it('reports mismatches with what was wanted and what came, each on its own check', async () => {
    const l = layer(3, 100);
    const wrong = `sha256:${'0'.repeat(64)}`;
    const r = await verifyLayer({ ...l, digest: wrong, diffId: wrong });
    expect(r.digest).toEqual({ state: 'mismatch', want: wrong, got: l.digest });
    expect(r.diffId).toEqual({ state: 'mismatch', want: wrong, got: l.diffId });
    const badDigest = await verifyLayer({ ...l, digest: wrong });
    expect(badDigest.digest.state).toBe('mismatch');
    expect(badDigest.diffId.state).toBe('verified');
    const badDiff = await verifyLayer({ ...l, diffId: wrong });
    expect(badDiff.digest.state).toBe('verified');
    expect(badDiff.diffId.state).toBe('mismatch');
    const none = await verifyLayer({ ...l, diffId: null });
    expect(none.diffId).toEqual({ state: 'unknown', want: null, got: l.diffId });
  });

  it('the listing keeps gzip checkpoints of a large layer and moves their windows', async () => {
    const l = layer(40, 256 * 1024); // 10 MiB of tar, over 4 MiB gzipped
    expect(l.blob.size).toBeGreaterThanOrEqual(4 << 20);
    const { ctx, transfers } = context();
    const r = await listLayerJob(l, ctx);
    expect(r.entryCount).toBe(40);
    expect(r.checkpoints.length).toBeGreaterThan(0);
    expect(r.checkpoints.some((c) => c.kind === 'block' && c.window.length === 32768)).toBe(true);
    // Every window is a view of one buffer, and that buffer is moved, not copied; so is its
    // spare copy, for the page to hand on to the filesystem worker.
    const buffer = r.checkpoints[0]!.window.buffer;
    for (const c of r.checkpoints) expect(c.window.buffer).toBe(buffer);
    // (After the listing's own column buffers, before the port its diff_id follows on.)
    expect(transfers.slice(-3, -1)).toEqual([buffer, r.spareWindows]);
    expect(transfers.at(-1) === r.hashesPort).toBe(true);
    expect(r.spareWindows).not.toBe(buffer);
    expect(new Uint8Array(r.spareWindows!)).toEqual(new Uint8Array(buffer));
  });

  it('a bomb in one pass: the ratio warning on its layer, its diff_id still hashed', async () => {
    const tar = makeTar([{ path: 'zeros', content: new Uint8Array(65 << 20) }]);
    const gz = gzip(tar, 9);
    const l = {
      blob: new Blob([gz]),
      digest: sha256(gz),
      diffId: sha256(tar),
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    };
    const r = await listLayerJob(l, context().ctx);
    expect(r.problems.map((p) => [p.code, p.where])).toEqual([
      ['layer-ratio-suspicious', l.digest],
    ]);
    expect((await hashesOfReply(r)).diffId).toBe(l.diffId);
    expect(r.uncompressedBytes).toBe(tar.length);
  });

  it('both jobs stop when aborted', async () => {
    const l = layer(40, 64 * 1024);
    for (const job of [listLayerJob, hashLayerJob]) {
      const abort = new AbortController();
      const { ctx } = context(abort.signal);
      const run = job(l, ctx);
      abort.abort(new DOMException('stop', 'AbortError'));
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    }
  });

  it('a blob that is not a layer: the listing says so, its digest is still checked', async () => {
    const bytes = new TextEncoder().encode('{"not":"a layer"}');
    const l = {
      blob: new Blob([bytes]),
      digest: sha256(bytes),
      diffId: null,
      mediaType: 'application/vnd.oci.image.layer.v1.tar',
    };
    const listed = await listLayerJob(l, context().ctx);
    expect(listed.entries).toBeNull();
    expect(listed.problems.map((p) => p.code)).toEqual(['layer-not-filesystem']);
    const checked = await verifyLayer(l);
    expect(checked.digest.state).toBe('verified');
    expect(checked.diffId.state).toBe('not-computed');
  });
});

describe('packWindows', () => {
  it('copies the windows back to back into one buffer and keeps the rest of each checkpoint', () => {
    const cps = [
      { out: 0, in: 0, kind: 'member' as const, window: new Uint8Array(0) },
      { out: 10, in: 4, kind: 'block' as const, window: Uint8Array.of(1, 2, 3) },
      { out: 20, in: 8, kind: 'block' as const, window: new Uint8Array(new ArrayBuffer(64), 8, 2) },
    ];
    cps[2]!.window.set([7, 8]);
    const packed = packWindows(cps);
    expect(packed.map(({ out, in: at, kind }) => [out, at, kind])).toEqual(
      cps.map(({ out, in: at, kind }) => [out, at, kind]),
    );
    expect(packed.map((c) => [...c.window])).toEqual([[], [1, 2, 3], [7, 8]]);
    expect(packed[1]!.window.buffer).toBe(packed[2]!.window.buffer);
    expect(packed[1]!.window.buffer.byteLength).toBe(5);
    expect(packWindows([])).toEqual([]);
  });
});

describe('the diff_id hashed whole by WebCrypto, or streamed', () => {
  it('keeps every worker within one budget: half the told memory (4 GiB at most), 1 GiB untold', () => {
    const MiB = 1 << 20;
    // 2 cores, 8 GiB or more: 3 workers (the spare counted), the caps as measured on the bench.
    expect(wholeHashCaps(8, 3)).toEqual({ diffId: 512 * MiB, raw: 128 * MiB });
    expect(wholeHashCaps(64, 3)).toEqual(wholeHashCaps(8, 3));
    // An 8-core phone of 4 GiB: 8 workers share 2 GiB, 256 MiB each.
    expect(wholeHashCaps(4, 8)).toEqual({ diffId: 64 * MiB, raw: 64 * MiB });
    // Nothing told (not Chromium), 2 cores: 1 GiB for 3 workers, ~85 MiB each.
    expect(wholeHashCaps(undefined, 3)).toEqual({ diffId: 89_478_485, raw: 89_478_485 });
    expect(wholeHashCaps(Number.NaN, 3)).toEqual(wholeHashCaps(undefined, 3));
    for (const memory of [undefined, 0.25, 0.5, 1, 2, 4, 8, 16]) {
      const told = memory === undefined ? 1024 * MiB : Math.min(8, memory) * 512 * MiB;
      for (let workers = 1; workers <= 64; workers++) {
        const { diffId, raw } = wholeHashCaps(memory, workers);
        // Each worker may hold both buffers, each twice for a moment, all at once.
        expect(workers * 2 * (diffId + raw)).toBeLessThanOrEqual(told);
        expect(raw).toBeLessThanOrEqual(WHOLE_DIGEST_MAX);
        expect(diffId).toBeLessThanOrEqual(512 * MiB);
        expect(Math.min(diffId, raw)).toBeGreaterThan(0);
      }
    }
    // More workers, smaller caps; never larger than with fewer.
    expect(wholeHashCaps(8, 8).diffId).toBeLessThan(wholeHashCaps(8, 3).diffId);
  });

  const tar = makeTar(
    Array.from({ length: 6 }, (_, i) => ({ path: `f${i}`, content: noise(40_000, i + 9) })),
  );
  const kinds = {
    // One gzip member: its ISIZE tells the inflated size, so the stream is buffered and hashed whole.
    whole: { gz: gzip(tar), max: undefined, pending: true },
    // Two members: the trailer tells the last member's size only (less than the stream), so the
    // buffer overflows and the stream goes on through the streaming hasher.
    'isize lying': {
      gz: concat([gzip(tar.subarray(0, 100_000)), gzip(tar.subarray(100_000))]),
      max: undefined,
      pending: false,
    },
    // Larger than the most hashed whole: streamed from the start.
    streamed: { gz: gzip(tar), max: 1000, pending: false },
  };

  it.each(Object.entries(kinds))(
    '%s: the right diff_id verifies, a wrong one is caught',
    async (_, { gz, max, pending }) => {
      const args = {
        blob: new Blob([gz]),
        digest: sha256(gz),
        diffId: sha256(tar),
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        diffIdWholeMax: max,
      };
      const wrong = `sha256:${'1'.repeat(64)}`;
      for (const diffId of [sha256(tar), wrong]) {
        const listing = await listLayerJob({ ...args, diffId }, context().ctx);
        expect(listing.hashesPending).toBe(pending);
        const r = layerVerifyResult(
          { ...args, diffId },
          { ...listing, diffIdGot: (await hashesOfReply(listing)).diffId },
          await hashLayerJob(args, context().ctx),
        );
        expect(r.digest.state).toBe('verified');
        expect(r.diffId).toEqual({
          state: diffId === wrong ? 'mismatch' : 'verified',
          want: diffId,
          got: sha256(tar),
        });
      }
    },
  );

  it('the listing is replied before the whole diff_id is hashed, which follows on its port', async () => {
    const gz = gzip(tar);
    const { ctx, transfers } = context();
    const listing = await listLayerJob(
      { blob: new Blob([gz]), digest: sha256(gz), diffId: null, mediaType: 'x' },
      ctx,
    );
    // The listing is complete, its diff_id not yet computed: it comes on the moved port.
    expect(listing.entryCount).toBe(6);
    expect(listing.diffIdGot).toBeNull();
    expect(listing.hashesPending).toBe(true);
    expect(transfers.includes(listing.hashesPort!)).toBe(true);
    expect((await hashesOfReply(listing)).diffId).toBe(sha256(tar));
  });
});

describe('a listing’s hashing after its reply', () => {
  it('waits for the worker’s next call, and starts at once when the pool says nothing is queued', async () => {
    const l = layer(6, 20_000);
    // The wait's timer never fires here: only the pool's word can start the hashing.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const listing = await listLayerJob({ ...l, hashRaw: true }, context().ctx);
      let came = false;
      const hashes = hashesOfReply(listing).then((h) => ((came = true), h));
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      expect(came).toBe(false);
      // Alone: the raw digest would go to the hashing worker, which Node has not (hashed here).
      workerIdle(true);
      expect(await hashes).toEqual({ diffId: l.diffId, digest: l.digest });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the raw digest hashed by the listing (hashRaw)', () => {
  it('comes with the diff_id after the listing; a wrong claimed digest is caught', async () => {
    const l = layer(6, 20_000);
    const wrong = `sha256:${'2'.repeat(64)}`;
    for (const digest of [l.digest, wrong]) {
      const listing = await listLayerJob({ ...l, digest, hashRaw: true }, context().ctx);
      expect(listing.hashesPending).toBe(true);
      expect(listing.digestGot).toBeNull();
      const hashes = await hashesOfReply(listing);
      expect(hashes).toEqual({ diffId: l.diffId, digest: l.digest });
      const r = layerVerifyResult(
        { ...l, digest },
        { ...listing, diffIdGot: hashes.diffId },
        { digest: hashes.digest, bytes: listing.compressedBytes, ms: 0 },
      );
      expect(r.digest.state).toBe(digest === wrong ? 'mismatch' : 'verified');
    }
  });

  it('is not asked of a digest in another algorithm, nor without hashRaw', async () => {
    const l = layer(2, 1000);
    for (const args of [{ ...l }, { ...l, hashRaw: true, digest: 'sha512:abc' }]) {
      const listing = await listLayerJob(args, context().ctx);
      expect((await hashesOfReply(listing)).digest).toBeNull();
    }
  });
});
