import { describe, expect, it } from 'vitest';
import { LayoutBuilder, type DescriptorJson } from '../testing/layout-builder.ts';
import { openFileSet } from '../store/open-input.ts';
import { loadGraph, MAX_DOCUMENT_BYTES } from './load-graph.ts';
import type { ImageGraph } from './model.ts';

const FILE = [{ path: 'etc/hostname', content: 'box\n' }];

async function graphOf(b: LayoutBuilder, manifests: DescriptorJson[]): Promise<ImageGraph> {
  return loadGraph(await openFileSet(b.fileSet(manifests)));
}

const codes = (g: ImageGraph): string[] => g.problems.map((p) => p.code);

describe('loadGraph', () => {
  it('walks index → manifest → config and layers, each blob a node once', async () => {
    const b = new LayoutBuilder();
    const m = b.image([FILE, [{ path: 'etc/motd', content: 'hi' }]]);
    const g = await graphOf(b, [m]);
    expect(codes(g)).toEqual([]);
    const kinds = [...g.nodes.values()].map((n) => n.kind).sort();
    expect(kinds).toEqual(['config', 'layer', 'layer', 'manifest', 'top']);
    expect(g.edges.map((e) => `${e.role}${e.index}`)).toEqual([
      'manifests0',
      'config0',
      'layers0',
      'layers1',
    ]);
    expect(g.images).toHaveLength(1);
    expect(g.images[0]!.layers.map((l) => l.diffId)).toEqual(
      g.images[0]!.configDocument!.diffIds.map((d) => d.value),
    );
  });

  it('draws a layer shared by two images once, with an edge from each', async () => {
    const b = new LayoutBuilder();
    const one = b.image([FILE], { platform: { os: 'linux', architecture: 'amd64' } });
    const two = b.image([FILE], { platform: { os: 'linux', architecture: 'arm64' } });
    const g = await graphOf(b, [one, two]);
    expect([...g.nodes.values()].filter((n) => n.kind === 'layer')).toHaveLength(1);
    expect(g.edges.filter((e) => e.role === 'layers')).toHaveLength(2);
    expect(g.images.map((i) => i.platform)).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it.each([
    ['a missing layer', 'blob-missing', 'layer'],
    ['a missing config', 'blob-missing', 'config'],
  ] as const)('puts %s on its own node (%s)', async (_, code, kind) => {
    const b = new LayoutBuilder();
    const m = b.image([FILE]);
    const g0 = await graphOf(b, [m]);
    const node = [...g0.nodes.values()].find((n) => n.kind === kind)!;
    b.remove({ mediaType: '', digest: node.id, size: 0 });
    const g = await graphOf(b, [m]);
    const missing = g.nodes.get(node.id)!;
    expect(missing.present).toBe(false);
    expect(missing.problems.map((p) => p.code)).toEqual([code]);
    expect(missing.problems[0]!.where).toBe(node.id);
  });

  it.each([
    // [sizes the two references declare, size-mismatch problems expected]
    [[4, 4], 1],
    [[4, 5], 2],
    [[null, 4], 1],
  ] as const)('checks each reference’s size: declared %j → %i problem(s)', async (sizes, count) => {
    const b = new LayoutBuilder();
    const data = b.blob('12345678', 'application/octet-stream');
    // Two different manifests (their annotations differ), each referring to the same blob.
    const ref = (size: number | null, n: number) =>
      b.json(
        {
          schemaVersion: 2,
          annotations: { n: String(n) },
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          artifactType: 'application/x-test',
          config: b.blob('{}', 'application/vnd.oci.empty.v1+json'),
          layers: [{ ...data, size: size ?? data.size }],
        },
        'application/vnd.oci.image.manifest.v1+json',
      );
    const g = await graphOf(b, [ref(sizes[0], 1), ref(sizes[1], 2)]);
    expect(g.edges.filter((e) => e.to === data.digest)).toHaveLength(2);
    const node = g.nodes.get(data.digest)!;
    expect(node.problems.filter((p) => p.code === 'size-mismatch')).toHaveLength(count);
  });

  it('follows nested indexes; an entry without a ref name takes its parent’s', async () => {
    const b = new LayoutBuilder();
    const inner = b.index([b.image([FILE])]);
    const g = await graphOf(b, [
      { ...inner, annotations: { 'org.opencontainers.image.ref.name': 'v1' } },
    ]);
    expect(g.images.map((i) => [i.refName, i.tags])).toEqual([['v1', ['v1']]]);
    expect([...g.nodes.values()].map((n) => n.kind)).toContain('index');
  });

  it('stops at indexes nested more than 16 deep', async () => {
    const b = new LayoutBuilder();
    let top = b.index([b.image([FILE])]);
    for (let i = 0; i < 17; i++) top = b.index([top]);
    const g = await graphOf(b, [top]);
    expect(codes(g)).toEqual(['index-too-deep']);
    expect(g.images).toEqual([]);
  });

  it('does not read a document over the size limit', async () => {
    const b = new LayoutBuilder();
    const big = b.blob(
      new Uint8Array(MAX_DOCUMENT_BYTES + 1),
      'application/vnd.oci.image.manifest.v1+json',
    );
    const g = await graphOf(b, [big]);
    expect(codes(g)).toEqual(['document-too-large']);
    expect(g.nodes.get(big.digest)!.bytes).toBeNull();
  });

  it.each([
    // [what, config override, codes]
    [
      'a config with fewer diff_ids',
      { rootfs: { type: 'layers', diff_ids: [] } },
      ['diff-ids-count-mismatch'],
    ],
    [
      'a bad config of an image',
      { rootfs: { type: 'nope', diff_ids: [] } },
      ['rootfs-type-invalid'],
    ],
  ] as const)('reports %s', async (_, config, want) => {
    const b = new LayoutBuilder();
    const g = await graphOf(b, [b.image([FILE], { config })]);
    expect(codes(g)).toEqual(expect.arrayContaining([...want]));
    expect(g.problems.every((p) => p.severity === 'error')).toBe(true);
  });

  it("reports an artifact's odd config as a warning, named as such", async () => {
    const b = new LayoutBuilder();
    const m = b.json(
      {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: 'application/x-test',
        config: b.json({ rootfs: { type: 'nope' } }, 'application/vnd.oci.image.config.v1+json'),
        layers: [b.blob('x', 'application/octet-stream')],
      },
      'application/vnd.oci.image.manifest.v1+json',
    );
    const g = await graphOf(b, [m]);
    expect(g.problems.length).toBeGreaterThan(0);
    for (const p of g.problems) {
      expect(p.severity).toBe('warning');
      expect(p.message).toMatch(/\(config of an artifact or attestation manifest\)$/);
    }
    expect(g.nodes.get(m.digest)!.labels).toContain('artifact');
  });

  it('warns when index.json gives one ref name to two manifests', async () => {
    const b = new LayoutBuilder();
    const ref = { annotations: { 'org.opencontainers.image.ref.name': 'latest' } };
    const g = await graphOf(b, [
      { ...b.image([FILE]), ...ref },
      { ...b.image([[{ path: 'b' }]]), ...ref },
    ]);
    expect(g.problems.map((p) => [p.code, p.where])).toEqual([
      ['ref-name-duplicate', 'index.json'],
    ]);
  });
});
