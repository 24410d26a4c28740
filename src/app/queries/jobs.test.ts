// @vitest-environment jsdom
import { QueryClient } from '@tanstack/react-query';
import { defaultImage } from '../../core/graph/choose-image.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { explorerApi, type ExplorerApi } from '../../worker/api.ts';
import type { LayerListingResult, LayerVerifyResult } from '../../worker/layer-job.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import type { CallContext } from '../../worker/rpc.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { verifyProgressKey } from '../state/progress-store.ts';
import { loadFixtureImage } from '../testing/load-fixture.ts';
import { Priority } from '../../worker/priority.ts';
import { checkImage, layerClaims, startChecks } from './jobs.ts';
import { dropSpareListings, takeSpareListings } from './layer-listing.ts';
import { queryKeys } from './keys.ts';

const DIVE = 'dive/test-docker-image.tar';

interface Call {
  method: string;
  digest: string | undefined;
  priority: number | undefined;
  at: number;
  settled?: number;
}

/** A pool that runs the real worker API in-process, one call at a time, and logs each call. */
function inProcessPool(size = 64) {
  const log: Call[] = [];
  let clock = 0;
  let chain = Promise.resolve();
  const pool = {
    size,
    call(
      method: keyof ExplorerApi,
      args: { digest?: string },
      opts: { signal?: AbortSignal; priority?: number; onProgress?: (p: unknown) => void } = {},
    ) {
      const entry: Call = { method, digest: args.digest, priority: opts.priority, at: clock++ };
      log.push(entry);
      const ctx: CallContext<unknown> = {
        signal: opts.signal ?? new AbortController().signal,
        progress: (p) => opts.onProgress?.(p),
        transfer: () => {},
      };
      const fn = explorerApi[method] as (a: unknown, c: CallContext<unknown>) => Promise<unknown>;
      const run = chain.then(() => fn(args, ctx));
      chain = run.then(
        () => undefined,
        () => undefined,
      );
      return run.finally(() => (entry.settled = clock++));
    },
  } as unknown as WorkerPool<ExplorerApi>;
  return { pool, log };
}

afterEach(() => performance.clearMarks());

describe('startChecks', () => {
  it('inflates each layer once (its listing) and hashes its raw bytes beside it, and fills both in', async () => {
    const image = await loadFixtureImage(DIVE);
    const client = new QueryClient();
    const { pool, log } = inProcessPool();
    await startChecks(image, client, pool);

    const layers = layerClaims(image);
    expect(layers.length).toBeGreaterThan(1);
    // No call inflates a layer a second time: the only layer calls are a listing and a hash.
    expect(log.filter((c) => c.method !== 'hash').map((c) => c.method)).toEqual(
      expect.arrayContaining(['listLayer', 'hashLayer']),
    );
    expect(log.every((c) => ['hash', 'listLayer', 'hashLayer'].includes(c.method))).toBe(true);
    for (const l of layers) {
      const index = log.filter((c) => c.method === 'listLayer' && c.digest === l.digest);
      const hashed = log.filter((c) => c.method === 'hashLayer' && c.digest === l.digest);
      expect(index).toHaveLength(1);
      expect(hashed).toHaveLength(1);
      // The listing is foreground, the raw hash background (the pool runs it where no listing waits).
      expect(index[0]!.priority).toBe(Priority.listing);
      expect(hashed[0]!.priority).toBe(Priority.verify);
      const listed = client.getQueryData<LayerListingResult>(
        queryKeys.layer(l.digest, image.inputKey),
      )!;
      const checked = client.getQueryData<LayerVerifyResult>(
        queryKeys.layerVerify(l.digest, image.inputKey),
      )!;
      expect(listed.entries).not.toBeNull();
      expect(checked.digest.state).toBe('verified');
      expect(checked.diffId.state).toBe('verified');
      expect(checked.entryCount).toBe(listed.entryCount);
      // Each job reported progress under its own key.
      expect(image.progress.get(l.digest)).toBeDefined();
      expect(image.progress.get(verifyProgressKey(l.digest))).toBeDefined();
    }
    // Documents are hashed before any layer is read; the other calls are the layers' jobs.
    const first = log.findIndex((c) => c.method !== 'hash');
    expect(log.slice(0, first).every((c) => c.priority === Priority.document)).toBe(true);
    const marks = [
      'oci:checks-start',
      'oci:layers-indexed',
      'oci:layers-verified',
      'oci:checks-done',
    ];
    const at = marks.map((m) => performance.getEntriesByName(m)[0]?.startTime ?? NaN);
    expect(at.every(Number.isFinite)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('settles each listing before its diff_id is hashed, and its check once that follows', async () => {
    const image = await loadFixtureImage(DIVE);
    const client = new QueryClient();
    const { pool, log } = inProcessPool();
    await startChecks(image, client, pool);
    const layers = layerClaims(image);
    for (const l of layers) {
      // The listing was replied with its diff_id still to come (hashed whole, after it)...
      const listed = client.getQueryData<LayerListingResult>(
        queryKeys.layer(l.digest, image.inputKey),
      )!;
      expect(listed.hashesPending).toBe(true);
      expect(listed.diffIdGot).toBeNull();
      // ...and the check waited for it.
      const checked = client.getQueryData<LayerVerifyResult>(
        queryKeys.layerVerify(l.digest, image.inputKey),
      )!;
      expect(checked.diffId).toEqual({ state: 'verified', want: l.diffId, got: l.diffId });
    }
    // Listings start largest first.
    const size = (d: string | undefined) => image.store.get(d!)!.blob.size;
    const sizes = log.filter((c) => c.method === 'listLayer').map((c) => size(c.digest));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(new Set(sizes).size).toBeGreaterThan(1);
  });

  it('with more layers than workers, each listing hashes its raw bytes too: no blob is read twice', async () => {
    const image = await loadFixtureImage(DIVE);
    const client = new QueryClient();
    const { pool, log } = inProcessPool(2);
    // Every progress report, in order: the digest's bar fills as the listing reads the bytes.
    const reports: string[] = [];
    const report = image.progress.report.bind(image.progress);
    image.progress.report = (key, ...rest) => {
      reports.push(key);
      report(key, ...rest);
    };
    await startChecks(image, client, pool);
    const layers = layerClaims(image);
    expect(layers.length).toBeGreaterThan(2);
    for (const l of layers) {
      const firstDigest = reports.indexOf(verifyProgressKey(l.digest));
      expect(firstDigest).toBeGreaterThanOrEqual(0);
      expect(firstDigest).toBeLessThan(reports.lastIndexOf(l.digest));
    }
    expect(log.filter((c) => c.method === 'hashLayer')).toEqual([]);
    for (const l of layers) {
      const checked = client.getQueryData<LayerVerifyResult>(
        queryKeys.layerVerify(l.digest, image.inputKey),
      )!;
      expect(checked.digest).toEqual({ state: 'verified', want: l.digest, got: l.digest });
      expect(checked.diffId).toEqual({ state: 'verified', want: l.diffId, got: l.diffId });
      expect(checked.problems).toEqual([]);
      expect(image.progress.get(verifyProgressKey(l.digest))).toBeDefined();
    }
  });

  it('keeps the workers’ spare listings to move to the merge once, all or none', async () => {
    const image = await loadFixtureImage(DIVE);
    const client = new QueryClient();
    await startChecks(image, client, inProcessPool().pool);
    const digests = layerClaims(image).map((l) => l.digest);
    expect(takeSpareListings(image.inputKey, [...digests, `sha256:${'0'.repeat(64)}`])).toBeNull();
    const moved = takeSpareListings(image.inputKey, digests)!;
    expect(moved).toHaveLength(digests.length);
    digests.forEach((d, i) =>
      expect(moved[i]!.count).toBe(
        client.getQueryData<LayerListingResult>(queryKeys.layer(d, image.inputKey))!.entryCount,
      ),
    );
    expect(takeSpareListings(image.inputKey, digests)).toBeNull();
    await startChecks({ ...image, inputKey: 'other' }, client, inProcessPool().pool);
    dropSpareListings('other');
    expect(takeSpareListings('other', digests)).toBeNull();
  });

  it('stops both jobs of each layer when another image is opened', async () => {
    const loaded = await loadFixtureImage(DIVE);
    const controller = new AbortController();
    const image: LoadedImage = { ...loaded, signal: controller.signal };
    const client = new QueryClient();
    const { pool } = inProcessPool();
    const done = startChecks(image, client, pool);
    controller.abort(new DOMException('Another image was opened', 'AbortError'));
    await done;
    expect(performance.getEntriesByName('oci:layers-indexed')).toHaveLength(0);
    expect(performance.getEntriesByName('oci:checks-done')).toHaveLength(0);
    for (const l of layerClaims(image)) {
      // Aborted while running, or never started (the start loop checks the signal between jobs).
      expect(['error', undefined]).toContain(
        client.getQueryState(queryKeys.layer(l.digest, image.inputKey))?.status,
      );
      expect(client.getQueryData(queryKeys.layerVerify(l.digest, image.inputKey))).toBeUndefined();
    }
  });
});

describe('checks of a registry image', () => {
  const MULTI = 'regclient/testrepo';

  it('cover the default image first, and another image only when a view asks for it', async () => {
    const opened = await loadFixtureImage(MULTI);
    const image = { ...opened, format: 'registry' } as LoadedImage;
    const images = image.graph.images.filter((i) => i.layers.length > 0);
    expect(images.length).toBeGreaterThan(1);
    const { pool, log } = inProcessPool();
    const qc = new QueryClient();
    await startChecks(image, qc, pool);
    const listed = () => new Set(log.filter((c) => c.method === 'listLayer').map((c) => c.digest));
    const first = layerClaims(image, new Set([defaultImage(image.graph.images)!.manifest]));
    const all = layerClaims(image);
    expect(all.length).toBeGreaterThan(first.length);
    expect([...listed()].sort()).toEqual(first.map((l) => l.digest).sort());

    // Turning to another image checks its layers, and only those.
    const other = images.find((i) =>
      i.layers.some((l) => !listed().has(l.descriptor.digest.value)),
    )!;
    await checkImage(image, qc, pool, other.manifest);
    for (const l of other.layers) expect(listed().has(l.descriptor.digest.value)).toBe(true);
  });
});
