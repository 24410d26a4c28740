import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../core/graph/model.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { loadFixtureImage } from '../testing/load-fixture.ts';
import { summarize } from './check-summary.ts';
import { checkKey } from './checks.ts';
import { summarizeSliced, SUMMARY_AT_ONCE } from './live-summary.ts';

/** The fixture with `extra` more checkable blobs, some verified and some failed in the cache. */
async function largeImage(extra: number): Promise<{ image: LoadedImage; client: QueryClient }> {
  const base = await loadFixtureImage('go-containerregistry/layout/test_index_one_image');
  const nodes = new Map(base.graph.nodes);
  const store = new Map(base.store);
  for (let i = 0; i < extra; i++) {
    const id = `sha256:${i.toString(16).padStart(64, '0')}`;
    const n: GraphNode = { ...base.graph.top, id, kind: 'manifest', digest: id, source: id };
    nodes.set(id, n);
    store.set(id, { digest: id, source: id, size: 1, blob: new Blob(['x']) });
  }
  const image = { ...base, graph: { ...base.graph, nodes }, store };
  const client = new QueryClient();
  let i = 0;
  for (const n of nodes.values()) {
    const key = checkKey(image, n);
    if (!key || n.kind === 'layer') continue;
    if (i++ % 3 === 0)
      client.setQueryData(key, { state: 'verified', want: n.id, got: n.id, bytes: 1 });
    else if (i % 7 === 0)
      await client
        .prefetchQuery({
          queryKey: key,
          queryFn: () => Promise.reject(new Error('gone')),
          retry: false,
        })
        .catch(() => undefined);
  }
  return { image, client };
}

describe('summarizeSliced', () => {
  it('counts what summarize counts, over several tasks', async () => {
    const { image, client } = await largeImage(SUMMARY_AT_ONCE * 2);
    const whole = summarize(image, client.getQueryCache());
    expect(whole.verified).toBeGreaterThan(1000);
    expect(whole.problems.length).toBeGreaterThan(100);
    let turns = 0;
    const tick = setInterval(() => turns++, 0);
    // Slices of 8 ms: a slow enough cache read makes it take several.
    const cache = client.getQueryCache();
    const slow = new Proxy(cache, {
      get: (t, k) =>
        k === 'get'
          ? (hash: string) => {
              const until = performance.now() + 0.01;
              while (performance.now() < until);
              return t.get(hash);
            }
          : Reflect.get(t, k),
    });
    const sliced = await summarizeSliced(image, slow);
    clearInterval(tick);
    expect(sliced).toEqual(whole);
    expect(turns).toBeGreaterThan(0);
  });

  it('gives up when told to stop', async () => {
    const { image, client } = await largeImage(SUMMARY_AT_ONCE * 2);
    expect(await summarizeSliced(image, client.getQueryCache(), () => true)).toBeNull();
  });
});
