import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_MIN_BLOB, listLayer } from '../core/layers/list-layer.ts';
import { noise } from '../core/testing/bytes.ts';
import { FIXTURES, fixtureBlob } from '../core/testing/fixtures.ts';
import { concat, gzip, makeTar } from '../core/testing/tar-writer.ts';
import { decodeEntries, EntryEncoder } from './entry-codec.ts';
import {
  APP_CHECKPOINT_EVERY,
  hashesOfReply,
  hashLayerJob,
  layerVerifyResult,
  listLayerJob,
  type LayerJobProgress,
} from './layer-job.ts';
import type { CallContext } from './rpc.ts';

// The one pass (a layer inflated once: listing, checkpoints and diff_id, its raw bytes hashed
// beside it) must find exactly what the two passes found before it: a listing pass with no
// hashing, then a verify pass that inflated the layer again to hash it.

const sha256 = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function ctx(): CallContext<LayerJobProgress> {
  return { signal: new AbortController().signal, progress: () => undefined, transfer: () => {} };
}

/** The two passes as they were, each reading its own copy of every chunk. */
async function twoPass(blob: Blob, digest: string, checkpointEvery: number) {
  const keepsChunks = { onUncompressed: () => undefined, where: digest };
  const listing = await listLayer(blob, { diffId: false, checkpointEvery, ...keepsChunks });
  const verify = await listLayer(blob, { verifyDigest: true, checkpointEvery: 0, ...keepsChunks });
  return { listing, verify };
}

/** The one pass, as the page runs it. */
async function onePass(blob: Blob, digest: string, diffId: string | null) {
  const args = { blob, digest, diffId, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' };
  const [reply, hashed] = await Promise.all([listLayerJob(args, ctx()), hashLayerJob(args, ctx())]);
  // The diff_id follows the listing when WebCrypto hashes it whole, as the page waits for it.
  const listing = { ...reply, diffIdGot: (await hashesOfReply(reply)).diffId };
  return { listing, checks: layerVerifyResult(args, listing, hashed) };
}

/** Every blob of the fixture layouts (the layers among them, and blobs that are not layers). */
function fixtureBlobs(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\/blobs\/sha256\/[0-9a-f]{64}$/.test(path)) out.push(relative(FIXTURES, path));
    }
  };
  walk(FIXTURES);
  return out.sort();
}

async function expectSame(blob: Blob): Promise<void> {
  const every = blob.size >= CHECKPOINT_MIN_BLOB ? APP_CHECKPOINT_EVERY : 0;
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const digest = sha256(bytes);
  const before = await twoPass(blob, digest, every);
  const claimed = before.verify.diffId ?? null;
  const { listing, checks } = await onePass(blob, digest, claimed);
  expect(listing.compression).toBe(before.listing.compression);
  expect(listing.entryCount ?? 0).toBe(before.listing.entryCount);
  if (listing.entries) {
    // Through the same codec, so fields it does not carry are compared as it carries them.
    const reference = new EntryEncoder();
    for (const e of before.listing.entries) reference.add(e);
    expect(decodeEntries(listing.entries)).toEqual(decodeEntries(reference.finish()));
  } else {
    expect(before.listing.entryCount).toBe(0);
  }
  expect(listing.problems).toEqual(before.listing.problems);
  expect(listing.diffIdGot).toBe(before.verify.diffId ?? null);
  expect(checks.digest).toEqual({ state: 'verified', want: digest, got: before.verify.digest });
  expect(checks.diffId.got).toBe(before.verify.diffId ?? null);
  expect(listing.checkpoints.map(({ window, ...c }) => ({ ...c, w: sha256(window) }))).toEqual(
    before.listing.checkpoints.map(({ window, ...c }) => ({ ...c, w: sha256(window) })),
  );
}

describe('one pass per layer, against the two passes it replaces', () => {
  const blobs = fixtureBlobs();

  it('finds the fixtures’ blobs', () => {
    expect(blobs.length).toBeGreaterThan(50);
  });

  it('gives the same listing, problems, digest and diff_id on every fixture blob', async () => {
    for (const rel of blobs) await expectSame(await fixtureBlob(rel));
  });

  it('gives the same checkpoints, windows and diff_id on a large layer of many blocks', async () => {
    const tar = makeTar(
      Array.from({ length: 40 }, (_, i) => ({ path: `d/f${i}`, content: noise(256 << 10, i + 7) })),
    );
    const gz = gzip(tar);
    expect(gz.length).toBeGreaterThanOrEqual(CHECKPOINT_MIN_BLOB);
    await expectSame(new Blob([gz]));
    const { listing } = await onePass(new Blob([gz]), sha256(gz), sha256(tar));
    expect(listing.checkpoints.length).toBeGreaterThan(2);
    expect(listing.diffIdGot).toBe(sha256(tar));
    const names = decodeEntries(listing.entries!).map((e) => e.path);
    expect(names).toEqual(Array.from({ length: 40 }, (_, i) => `d/f${i}`));
  });

  it('reads a layer of several gzip members as one stream, as before', async () => {
    const tar = makeTar([
      { path: 'a', content: noise(70_000, 1) },
      { path: 'b', content: noise(90_000, 2) },
    ]);
    const gz = concat([gzip(tar.subarray(0, 40_000)), gzip(tar.subarray(40_000))]);
    await expectSame(new Blob([gz]));
    expect((await onePass(new Blob([gz]), sha256(gz), null)).listing.diffIdGot).toBe(sha256(tar));
  });

  it('a cut or corrupt layer: the same problems, no diff_id, its digest still checked', async () => {
    const tar = makeTar([{ path: 'a', content: noise(300_000, 3) }]);
    const gz = gzip(tar);
    const cut = gz.slice(0, gz.length >> 1);
    const bad = gz.slice();
    bad[gz.length >> 1]! ^= 0xff;
    for (const b of [cut, bad]) {
      await expectSame(new Blob([b]));
      const { listing, checks } = await onePass(new Blob([b]), sha256(b), sha256(tar));
      expect(listing.problems.map((p) => p.code)).toContain(
        b === cut ? 'gzip-truncated' : 'gzip-corrupt',
      );
      expect(checks.diffId.state).toBe('not-computed');
      expect(checks.digest.state).toBe('verified');
    }
  });
});
