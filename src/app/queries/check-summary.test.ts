import { hashKey, QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { problem } from '../../core/oci/problem.ts';
import type { GraphNode } from '../../core/graph/model.ts';
import { loadFixtureImage } from '../testing/load-fixture.ts';
import { fastHashKey, sameProblems, summarize } from './check-summary.ts';
import { checkKey, listingKey } from './checks.ts';

const a = problem('error', 'size-mismatch', 'sha256:a', 'size mismatch');
const b = problem('warning', 'media-type-missing', 'sha256:a', 'mediaType is not set');

describe('sameProblems', () => {
  // [what, first, second, same]
  const cases: [string, (typeof a)[], (typeof a)[], boolean][] = [
    ['both empty', [], [], true],
    ['equal lists built apart', [a, b], [{ ...a }, { ...b }], true],
    ['another order', [a, b], [b, a], false],
    ['one more', [a], [a, b], false],
    ['another message', [a], [{ ...a, message: 'other' }], false],
  ];
  it.each(cases)('%s', (_what, x, y, same) => expect(sameProblems(x, y)).toBe(same));
});

describe('fastHashKey', () => {
  const cases: [string, QueryKey][] = [
    ['a check key', ['blob', { digest: 'sha256:a', inputKey: 'folder:x' }]],
    ['keys out of order', ['blob', { inputKey: 'folder:x', digest: 'sha256:a' }]],
    ['nested out of order', ['x', { a: { z: 1, b: [{ y: 2, c: 3 }] } }]],
    ['no objects', ['no-check']],
    ['undefined members', ['x', { a: undefined, b: 1 }]],
  ];
  it.each(cases)('%s hashes as hashKey does', (_what, key) =>
    expect(fastHashKey(key)).toBe(hashKey(key)),
  );

  it('agrees with hashKey on every check key of an image', async () => {
    const image = await loadFixtureImage('go-containerregistry/layout/test_index_one_image');
    for (const n of image.graph.nodes.values()) {
      for (const key of [checkKey(image, n), listingKey(image, n)])
        if (key) expect(fastHashKey(key)).toBe(hashKey(key));
    }
  });
});

describe('summarize', () => {
  it('counts settled checks and gathers their problems, from the cache as it is', async () => {
    const image = await loadFixtureImage('go-containerregistry/layout/test_index_one_image');
    const client = new QueryClient();
    const checkable = [...image.graph.nodes.values()].filter((n) => checkKey(image, n) !== null);
    const layers = checkable.filter((n) => n.kind === 'layer');
    const before = summarize(image, client.getQueryCache());
    expect(before).toMatchObject({ total: checkable.length, settled: 0, problems: [] });
    expect(before.layersTotal).toBe(layers.length);

    // One document verifies, another fails to read: two settled, one problem named on it.
    const docs = checkable.filter((n): n is GraphNode => n.kind !== 'layer');
    const [good, bad] = docs;
    client.setQueryData(checkKey(image, good!)!, {
      state: 'verified',
      want: good!.id,
      got: good!.id,
      bytes: 1,
    });
    await client
      .prefetchQuery({
        queryKey: checkKey(image, bad!)!,
        queryFn: () => Promise.reject(new Error('the disk is gone')),
        retry: false,
      })
      .catch(() => undefined);
    const after = summarize(image, client.getQueryCache());
    expect(after.settled).toBe(2);
    expect(after.verified).toBe(1);
    expect(after.problems.map((p) => p.where)).toEqual([bad!.id]);
    // A layer counts as listed once its index query is in, whatever its verify pass says.
    expect(layers.length).toBeGreaterThan(0);
    client.setQueryData(listingKey(image, layers[0]!)!, { entries: null, problems: [] });
    expect(summarize(image, client.getQueryCache()).layersIndexed).toBe(1);
  });
});
