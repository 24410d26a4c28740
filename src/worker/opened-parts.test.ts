import { describe, expect, it } from 'vitest';
import { fixtureSource, inProcess } from './testing/fixture-source.ts';
import { explorerApi, type OpenedImage } from './api.ts';
import { OpenedParts, splitOpened } from './opened-parts.ts';

const ONE = 'go-containerregistry/layout/test_index_one_image';

/** A structured clone as a message makes it (Node's file-backed Blobs cannot be cloned: kept as they are). */
function clone<T extends { blobs?: { blob?: Blob }[] }>(value: T): T {
  const blobs = (value.blobs ?? []).map((b) => b.blob);
  const bare = { ...value, blobs: value.blobs?.map((b) => ({ ...b, blob: undefined })) };
  const copy = structuredClone(bare) as T;
  copy.blobs?.forEach((b, i) => {
    if (blobs[i]) b.blob = blobs[i];
    else delete b.blob;
  });
  return copy;
}

describe('splitOpened and OpenedParts', () => {
  it.each([1, 2, 3, 1000])('put an image back together from parts of %i', async (size) => {
    const image: OpenedImage = await explorerApi.open(await fixtureSource(ONE), inProcess());
    const { parts, rest } = splitOpened(image, size);
    const count =
      image.graph.nodes.size +
      image.graph.edges.length +
      image.graph.images.length +
      image.blobs.length;
    if (size >= count + (image.files?.length ?? 0)) expect(parts).toHaveLength(0);
    else {
      expect(parts.length).toBeGreaterThan(1);
      for (const p of parts)
        for (const list of Object.values(p))
          expect((list as unknown[]).length).toBeLessThanOrEqual(size);
      expect(rest.graph.nodes.size).toBe(0);
      expect(rest.blobs).toEqual([]);
    }
    // The page side, from structured clones, as the messages bring them.
    const page = new OpenedParts(null);
    for (const p of parts) page.add(clone(p));
    const whole = page.finish(clone(rest));
    expect([...whole.graph.nodes.keys()]).toEqual([...image.graph.nodes.keys()]);
    expect(whole.graph.edges).toEqual(image.graph.edges);
    expect(whole.graph.images).toEqual(image.graph.images);
    expect(whole.graph.top).toBe(whole.graph.nodes.get(image.graph.top.id));
    expect(whole.blobs.map((b) => b.digest)).toEqual(image.blobs.map((b) => b.digest));
    expect(whole.files).toEqual(image.files);
    // The next image starts afresh.
    expect(page.finish(clone(rest)).graph.nodes.size).toBe(rest.graph.nodes.size);
  });
});
