import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadGraph } from '../core/graph/load-graph.ts';
import type { ImageGraph } from '../core/graph/model.ts';
import { feedFiles } from './file-feed.ts';
import { COLLAPSE_AT } from './graph-collapse.ts';
import { openFeed, relativePaths } from './open-feed.ts';
import { memoryChannel } from './testing/memory-channel.ts';

const sha = (b: string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** A layout folder `big/` whose index lists `count` manifests over one config and one layer. */
function bigLayout(count: number): { entries: [string, Blob][]; manifests: string[] } {
  const files = new Map<string, string>();
  const put = (body: string): string => {
    const d = sha(body);
    files.set(`big/blobs/sha256/${d.slice(7)}`, body);
    return d;
  };
  const layer = 'not really a tar';
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: [sha(layer)] },
  });
  const c = {
    mediaType: 'application/vnd.oci.image.config.v1+json',
    digest: put(config),
    size: config.length,
  };
  const l = {
    mediaType: 'application/vnd.oci.image.layer.v1.tar',
    digest: put(layer),
    size: layer.length,
  };
  const manifests: string[] = [];
  const descriptors = [];
  for (let i = 0; i < count; i++) {
    const m = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: c,
      layers: [l],
      annotations: { n: String(i) },
    });
    const digest = put(m);
    manifests.push(digest);
    descriptors.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest,
      size: m.length,
    });
  }
  files.set('big/oci-layout', JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  files.set('big/index.json', JSON.stringify({ schemaVersion: 2, manifests: descriptors }));
  return { entries: [...files].map(([p, body]) => [p, new Blob([body])]), manifests };
}

describe('openFeed', () => {
  it('previews a large index from the files it asks for, then opens the whole folder', async () => {
    const { entries, manifests } = bigLayout(COLLAPSE_AT + 6);
    const [page, worker] = memoryChannel();
    let preview: { graph: ImageGraph; stored: number } | null = null;
    const controller = new AbortController();
    const opening = openFeed(
      { kind: 'folder-feed', name: 'big', paths: entries.map(([p]) => p), port: worker },
      {
        signal: controller.signal,
        preview: (graph, fed) => (preview = { graph, stored: fed.input.store.list().length }),
      },
    );
    // One file per task, the index last: the preview must ask for what it needs.
    const files = entries.map(([, b]) => b);
    await feedFiles(page, files, { sliceMs: 0, first: [entries.length - 1] });
    const { input, entryOf } = await opening;

    const p = preview as { graph: ImageGraph; stored: number } | null;
    expect(p?.graph.partial).toBe(true);
    // Read: the first manifest, its config and layer; the others are nodes as index.json tells.
    expect(p?.stored).toBe(3);
    expect(p?.graph.images.map((i) => i.manifest)).toEqual([manifests[0]]);
    const unread = manifests.slice(1).map((d) => p?.graph.nodes.get(d));
    expect(unread.every((n) => n?.present && n.document === null && n.problems.length === 0)).toBe(
      true,
    );
    expect(p?.graph.edges.filter((e) => e.role === 'manifests')).toHaveLength(manifests.length);

    // The whole folder, with each blob's position in the page's files.
    const whole = await loadGraph(input);
    expect(whole.partial).toBeUndefined();
    expect(whole.images).toHaveLength(manifests.length);
    for (const b of input.store.list()) expect(files[entryOf(b.blob)!]).toBe(b.blob);
  });

  it('opens a small layout without a preview', async () => {
    const { entries } = bigLayout(3);
    const [page, worker] = memoryChannel();
    let previewed = false;
    const opening = openFeed(
      { kind: 'folder-feed', name: 'big', paths: entries.map(([p]) => p), port: worker },
      { signal: new AbortController().signal, preview: () => (previewed = true) },
    );
    await feedFiles(
      page,
      entries.map(([, b]) => b),
    );
    expect((await loadGraph((await opening).input)).images).toHaveLength(3);
    expect(previewed).toBe(false);
  });
});

describe('relativePaths', () => {
  it.each([
    [
      ['img/index.json', 'img/blobs/sha256/a'],
      ['index.json', 'blobs/sha256/a'],
    ],
    [
      ['./index.json', 'blobs//sha256/a'],
      ['index.json', 'blobs/sha256/a'],
    ],
    [
      ['a/x', 'b/y'],
      ['a/x', 'b/y'],
    ],
    [
      ['img/index.json', 'index.json'],
      ['img/index.json', 'index.json'],
    ],
  ])('%j → %j', (paths, want) => expect(relativePaths(paths)).toEqual(want));
});
