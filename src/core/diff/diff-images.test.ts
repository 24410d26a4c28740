import { describe, expect, it } from 'vitest';
import { loadGraph } from '../graph/load-graph.ts';
import type { ImageGraph } from '../graph/model.ts';
import { openFileSet } from '../store/open-input.ts';
import { LayoutBuilder, sha256, type DescriptorJson } from '../testing/layout-builder.ts';
import type { TarSpec } from '../testing/tar-writer.ts';
import { diffImages } from './diff-images.ts';
import { imageDocuments } from './image-documents.ts';
import { listImagePair } from './list-pair.ts';
import type { DiffOptions, ImageDiff } from './types.ts';

// Whole images built in the test, listed and compared as the CLI does (real tar reading and hashing).
async function graphOf(b: LayoutBuilder, manifests: DescriptorJson[]) {
  const input = await openFileSet(b.fileSet(manifests));
  return { input, graph: await loadGraph(input) };
}

async function compare(
  a: { input: Awaited<ReturnType<typeof openFileSet>>; graph: ImageGraph },
  b: { input: Awaited<ReturnType<typeof openFileSet>>; graph: ImageGraph },
  opts: DiffOptions = {},
  pick: [number, number] = [0, 0],
): Promise<ImageDiff & { reused: boolean[] }> {
  const ia = a.graph.images[pick[0]]!;
  const ib = b.graph.images[pick[1]]!;
  const listed = await listImagePair(
    { store: a.input.store, image: ia },
    { store: b.input.store, image: ib },
  );
  const d = await diffImages(
    { ...imageDocuments(a.graph, ia), listed: listed.a },
    { ...imageDocuments(b.graph, ib), listed: listed.b },
    { ...opts, hash: listed.hash },
  );
  const reused = listed.b.layers.map((l) =>
    listed.a.layers.some((x) => x.index && x.index === l.index),
  );
  return { ...d, reused };
}

const base: TarSpec[] = [
  { path: 'etc/', type: 'dir' },
  { path: 'etc/hostname', content: 'alpha\n' },
  { path: 'bin/', type: 'dir' },
  { path: 'bin/busybox', content: 'ELF....', mode: 0o755 },
  { path: 'bin/sh', type: 'hardlink', linkTarget: 'bin/busybox' },
];
const sparse = (data: string): TarSpec => ({
  path: 'disk.img',
  type: 'sparse',
  content: data,
  sparseRealSize: 1 << 16,
});
const flat = (data: string): TarSpec => {
  const bytes = new Uint8Array(1 << 16);
  bytes.set(new TextEncoder().encode(data));
  return { path: 'disk.img', content: bytes };
};
const withTime = (specs: TarSpec[], mtime: number): TarSpec[] =>
  specs.map((s) => ({ ...s, mtime }));

describe('diffImages', () => {
  it('a rebuild with new mtimes and a new created time: equal, unless strict', async () => {
    const one = new LayoutBuilder();
    const a = await graphOf(one, [
      one.image([withTime(base, 1)], { config: { created: '2024-01-01T00:00:00Z' } }),
    ]);
    const two = new LayoutBuilder();
    const b = await graphOf(two, [
      two.image([withTime(base, 2)], { config: { created: '2025-01-01T00:00:00Z' } }),
    ]);
    const loose = await compare(a, b);
    expect(loose.equal).toBe(true);
    expect(loose.files).toEqual([]);
    expect(loose.documents.config.filter((c) => c.noise).map((c) => c.pointer)).toEqual([
      '/created',
      '/rootfs/diff_ids/0',
    ]);
    expect(loose.documents.manifest.map((c) => [c.pointer, c.noise])).toEqual([
      ['/config/digest', true],
      ['/layers/0/digest', true],
    ]);
    const strict = await compare(a, b, { strict: true });
    expect(strict.equal).toBe(false);
    expect(strict.files.map((f) => `${f.path} ${f.fields?.join()}`)).toContain(
      '/etc/hostname mtime',
    );
    expect(strict.documents.config.every((c) => !c.noise)).toBe(true);
  });

  it('a shared base is read once and compared without hashing; the top layer by content', async () => {
    const one = new LayoutBuilder();
    const top = (s: string): TarSpec[] => [
      { path: 'etc/', type: 'dir' },
      { path: 'etc/hostname', content: s },
    ];
    const a = await graphOf(one, [one.image([base, top('gamma\n')])]);
    const two = new LayoutBuilder();
    const b = await graphOf(two, [two.image([base, top('delta\n')])]);
    const d = await compare(a, b);
    expect(d.reused).toEqual([true, false]);
    expect(d.layers.shared.map((l) => l.index)).toEqual([0]);
    expect(d.files.map((f) => [f.kind, f.path, f.a?.sha256?.length, f.b?.layer])).toEqual([
      ['content', '/etc/hostname', 64, 1],
    ]);
    expect(d.equal).toBe(false);
  });

  it('a corrupt copy of a shared layer is not trusted: B reads its own bytes', async () => {
    const one = new LayoutBuilder();
    const a = await graphOf(one, [one.image([base])]);
    const two = new LayoutBuilder();
    const m = two.image([base]);
    const layer = [...two.files.keys()].find(
      (k) => [...one.files.keys()].includes(k) && one.files.get(k)!.length > 1000,
    )!;
    two.files.set(layer, new Uint8Array(two.files.get(layer)!.length));
    const b = await graphOf(two, [m]);
    const d = await compare(a, b);
    expect(d.reused).toEqual([false]);
    expect(d.equal).toBe(false);
  });

  it('sparse files compare as they read: holes are zeros', async () => {
    const one = new LayoutBuilder();
    const a = await graphOf(one, [one.image([[sparse('data')]])]);
    const two = new LayoutBuilder();
    const b = await graphOf(two, [two.image([[flat('data')]]), two.image([[sparse('datb')]])]);
    expect((await compare(a, b, {}, [0, 0])).files).toEqual([]);
    const other = await compare(a, b, {}, [0, 1]);
    expect(other.files.map((f) => [f.kind, f.path, f.a?.size])).toEqual([
      ['content', '/disk.img', 1 << 16],
    ]);
  });

  it('answers file hashes from the listing pass; only sparse files need a second read', async () => {
    const one = new LayoutBuilder();
    const a = await graphOf(one, [one.image([base, [sparse('data')]])]);
    const two = new LayoutBuilder();
    const b = await graphOf(two, [two.image([base, [{ path: 'top', content: 'b' }]])]);
    const listed = await listImagePair(
      { store: a.input.store, image: a.graph.images[0]! },
      { store: b.input.store, image: b.graph.images[0]! },
    );
    // With the blobs gone, only what the listing pass hashed can answer.
    for (const l of [...listed.a.layers, ...listed.b.layers]) l.blob = null;
    expect(await listed.hash('a', '/etc/hostname')).toBe(
      sha256(new TextEncoder().encode('alpha\n')),
    );
    // B's base layer is A's, reused with its hashes; /bin/sh is a hardlink to busybox's bytes.
    expect(await listed.hash('b', '/bin/sh')).toBe(sha256(new TextEncoder().encode('ELF....')));
    expect(await listed.hash('b', '/top')).toBe(sha256(new TextEncoder().encode('b')));
    expect(await listed.hash('a', '/disk.img')).toBeNull();
  });

  it('two platforms of one index: the index document is the same, the config differs', async () => {
    const one = new LayoutBuilder();
    const amd = one.image([base], { platform: { os: 'linux', architecture: 'amd64' } });
    const arm = one.image(
      [[...base.slice(0, 3), { path: 'bin/busybox', content: 'ELF,,,,', mode: 0o755 }, base[4]!]],
      {
        platform: { os: 'linux', architecture: 'arm64' },
      },
    );
    const g = await graphOf(one, [one.index([amd, arm])]);
    const d = await compare(g, g, {}, [0, 1]);
    expect(d.documents.index).toEqual([]);
    expect(d.documents.config.filter((c) => !c.noise).map((c) => c.pointer)).toEqual([
      '/architecture',
    ]);
    expect(d.files.map((f) => `${f.kind} ${f.path}`)).toEqual([
      'content /bin/busybox',
      'content /bin/sh',
    ]);
  });
});
