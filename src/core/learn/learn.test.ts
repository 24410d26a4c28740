import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPath, useNodeHasher } from '../../cli/node-io.ts';
import { loadGraph } from '../graph/load-graph.ts';
import type { ImageGraph } from '../graph/model.ts';
import type { ImageInput } from '../store/image-input.ts';
import { fixturePath } from '../testing/fixtures.ts';
import { aboutInput, aboutNode } from './about.ts';
import { inputFiles } from './input-files.ts';
import { pullChoices } from './platform-pick.ts';
import { walkSteps } from './walk.ts';

useNodeHasher();

const DEMO_SCRIPT = fileURLToPath(new URL('../../../scripts/demo/build-demo.mjs', import.meta.url));
let demoDir = '';
beforeAll(() => {
  demoDir = mkdtempSync(join(tmpdir(), 'learn-demo-'));
  execFileSync(process.execPath, [DEMO_SCRIPT, demoDir], { stdio: 'pipe' });
});
afterAll(() => rmSync(demoDir, { recursive: true, force: true }));

async function open(path: string): Promise<{ input: ImageInput; graph: ImageGraph }> {
  const input = await openPath(path);
  return { input, graph: await loadGraph(input) };
}
const demo = (file: string) => open(join(demoDir, file));
const text = (a: { sentences: string[] } | null): string => a?.sentences.join(' ') ?? '';

describe('aboutNode', () => {
  it('counts an index’s images, platforms and attestation', async () => {
    const { graph } = await demo('demo-multiplatform.oci.tar');
    const index = [...graph.nodes.values()].find((n) => n.kind === 'index')!;
    const a = aboutNode(graph, index)!;
    expect(a.title).toBe('About this index');
    expect(text(a)).toMatch(
      /lists 2 images, one per platform, and 1 attestation \(linux\/amd64, linux\/arm64\/v8\)/,
    );
    expect(text(a)).toMatch(/optional/);
    expect(a.links.map((l) => l.href)).toContain(
      'https://github.com/opencontainers/image-spec/blob/v1.1.1/image-index.md',
    );
    expect(text(aboutNode(graph, graph.top))).toMatch(/^This index lists 1 nested index\. /);
    const shared = graph.images[0]!.layers[1]!.descriptor.digest.value;
    expect(text(aboutNode(graph, graph.nodes.get(shared)!))).toMatch(/Shared by 2 images/);
    const att = [...graph.nodes.values()].find((n) => n.labels.includes('attestation'))!;
    expect(text(aboutNode(graph, att))).toMatch(/attestation manifest/);
  });

  it.each([
    [
      'manifest',
      /entry point of one image: it holds references, not data — one config and 5 layers/,
    ],
    ['config', /what a runtime reads to create the container.*rootfs\.diff_ids lists 5 diff_ids/],
    [
      'layer',
      /This is layer 1 of 5.*gzip-compressed: its digest hashes the compressed blob, while its diff_id \(sha256:/,
    ],
  ] as const)('explains a %s of the five-layer demo', async (kind, re) => {
    const { graph } = await demo('demo-layers.oci.tar');
    const img = graph.images[0]!;
    const id =
      kind === 'manifest'
        ? img.manifest
        : kind === 'config'
          ? img.config!.digest.value
          : img.layers[0]!.descriptor.digest.value;
    const a = aboutNode(graph, graph.nodes.get(id)!)!;
    expect(a.title).toBe(`About this ${kind}`);
    expect(text(a)).toMatch(re);
    if (kind === 'layer')
      expect(a.links.map((l) => l.href)).toContain(
        'https://github.com/opencontainers/image-spec/blob/v1.1.1/layer.md#whiteouts',
      );
  });

  it('says when index.json does not state its media type', async () => {
    const { graph } = await open(fixturePath('go-containerregistry/layout/test_index'));
    expect(text(aboutNode(graph, graph.top))).toMatch(/does not state its mediaType.*inferred/);
  });

  it('reads a top document once to tell whether it states its media type', async () => {
    const { graph } = await open(fixturePath('go-containerregistry/layout/test_index'));
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const first = text(aboutNode(graph, graph.top));
      const reads = parse.mock.calls.length;
      expect(text(aboutNode(graph, graph.top))).toBe(first);
      expect(parse.mock.calls.length).toBe(reads);
    } finally {
      parse.mockRestore();
    }
  });
});

describe('aboutInput', () => {
  it.each([
    [
      'go-containerregistry/layout/test_index_one_image',
      'About this layout',
      /imageLayoutVersion 1\.0\.0.*3 blobs/,
    ],
    ['dive/test-oci-gzip-image.tar', 'About this archive', /tar of an OCI image layout/],
    ['dive/test-docker-image.tar', 'About this archive', /legacy docker save archive/],
  ])('%s', async (rel, title, re) => {
    const { input, graph } = await open(fixturePath(rel));
    const a = aboutInput(graph, {
      format: input.format,
      layoutVersion: input.layoutVersion,
      blobCount: input.store.list().length,
    });
    expect(a.title).toBe(title);
    expect(text(a)).toMatch(re);
  });
});

describe('inputFiles', () => {
  it('lists a layout as the disk holds it, in tree order, each file with its node', async () => {
    const { input, graph } = await open(
      fixturePath('go-containerregistry/layout/test_index_one_image'),
    );
    const files = inputFiles(graph, { ...input, blobs: input.store.list() });
    const blobs = input.store
      .list()
      .map((b) => b.source)
      .sort();
    expect(files.map((f) => f.path)).toEqual([...blobs, 'index.json', 'oci-layout']);
    const at = (p: string) => files.find((f) => f.path === p)!;
    expect(at('oci-layout').note).toBe('imageLayoutVersion 1.0.0');
    expect(at('oci-layout').size).toBeGreaterThan(0);
    expect(at('index.json').node).toBe('index.json');
    for (const f of files.filter((x) => x.path.startsWith('blobs/'))) {
      expect(f.path).toMatch(/^blobs\/sha256\/[0-9a-f]{64}$/);
      expect(f.node).toBe(`sha256:${f.path.slice(13)}`);
      expect(f.size).toBe(graph.nodes.get(f.node!)!.size);
    }
  });

  it('lists every member of a docker save archive, the ones no node stands for too', async () => {
    const { input, graph } = await open(fixturePath('dive/test-docker-image.tar'));
    const files = inputFiles(graph, { ...input, blobs: input.store.list() });
    const paths = files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(files.find((f) => f.path === 'manifest.json')!.note).toBe('entry point');
    expect(paths.some((p) => p.endsWith('/layer.tar'))).toBe(true);
    // Members that are no blob of the graph (legacy per-layer json, VERSION) are listed as held.
    const plain = files.filter((f) => f.node === null && f.note === null);
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.some((f) => /(^|\/)(json|VERSION|repositories)$/.test(f.path))).toBe(true);
    expect(paths.some((p) => p.startsWith('('))).toBe(false);
    expect(paths.length).toBe(input.files!.length);
  });

  it('without a file list (an older caller), lists the blobs it knows', async () => {
    const { input, graph } = await open(fixturePath('dive/test-docker-image.tar'));
    const files = inputFiles(graph, { ...input, files: null, blobs: input.store.list() });
    expect(files[0]!.path).toBe('manifest.json');
  });
});

describe('pullChoices', () => {
  it('says which manifest each platform pulls, and that none fits arm/v7', async () => {
    const { graph } = await demo('demo-multiplatform.oci.tar');
    const index = [...graph.nodes.values()].find((n) => n.kind === 'index')!;
    const choices = pullChoices(index);
    const by = new Map(choices.map((c) => [c.platform, c]));
    const amd = graph.images.find((i) => i.platform === 'linux/amd64')!.manifest;
    const arm = graph.images.find((i) => i.platform === 'linux/arm64/v8')!.manifest;
    expect(by.get('linux/amd64')!.manifest).toBe(amd);
    expect(by.get('linux/arm64/v8')!.manifest).toBe(arm);
    expect(by.get('linux/arm/v7')!.manifest).toBeNull();
    expect(by.get('linux/arm/v7')!.reason).toMatch(/pull fails/);
    expect(choices.some((c) => c.platform.startsWith('unknown'))).toBe(false);
  });
});

describe('walkSteps', () => {
  it('goes index.json → manifest → config → layer → filesystem', async () => {
    const { graph } = await demo('demo-layers.oci.tar');
    const img = graph.images[0]!;
    expect(walkSteps(graph).map((s) => s.target)).toEqual([
      { view: 'node', node: 'index.json', image: img.manifest },
      { view: 'node', node: img.manifest, image: img.manifest },
      { view: 'node', node: img.config!.digest.value, image: img.manifest },
      { view: 'node', node: img.layers[0]!.descriptor.digest.value, image: img.manifest },
      { view: 'filesystem', image: img.manifest },
    ]);
  });
});
