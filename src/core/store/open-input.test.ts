import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LayoutBuilder, sha256, TestMediaType } from '../testing/layout-builder.ts';
import { makeTar, type TarSpec } from '../testing/tar-writer.ts';
import { fileSetFromEntries } from './file-set.ts';
import { UnreadableInputError } from './image-input.ts';
import { openBlob, openFileSet } from './open-input.ts';

const enc = new TextEncoder();
const FILE = [{ path: 'etc/hostname', content: 'box\n' }];

/** A clean layout with one image, as (path, bytes) pairs. */
function layout(): { files: [string, Uint8Array][]; manifest: string } {
  const b = new LayoutBuilder();
  const m = b.image([FILE]);
  const set = b.fileSet([m]);
  const files: [string, Uint8Array][] = [...b.files];
  files.push(['oci-layout', enc.encode('{"imageLayoutVersion":"1.0.0"}')]);
  files.push([
    'index.json',
    enc.encode(
      JSON.stringify({ schemaVersion: 2, mediaType: TestMediaType.index, manifests: [m] }),
    ),
  ]);
  expect(set.files.size).toBe(files.length);
  return { files, manifest: m.digest };
}

const folder = (files: [string, Uint8Array][]) =>
  fileSetFromEntries(files.map(([p, b]): [string, Blob] => [p, new Blob([b as BlobPart])]));
const tarOf = (files: [string, Uint8Array][]): Uint8Array =>
  makeTar(files.map(([path, content]): TarSpec => ({ path, content })));

describe('opening an input: the format comes from the content', () => {
  it.each([
    ['a layout folder', 'oci-layout', null],
    ['a layout in a folder of its own', 'oci-layout', null],
    ['an oci-archive tar', 'oci-archive', null],
    ['a gzipped oci-archive', 'oci-archive', 'gzip'],
  ] as const)('%s', async (what, format, wrapper) => {
    const { files, manifest } = layout();
    const input =
      what === 'a layout folder'
        ? await openFileSet(folder(files))
        : what === 'a layout in a folder of its own'
          ? await openFileSet(folder(files.map(([p, b]) => [`myimage/${p}`, b])))
          : await openBlob(
              new Blob([(wrapper ? gzipSync(tarOf(files)) : tarOf(files)) as BlobPart]),
            );
    expect([input.format, input.wrapper]).toEqual([format, wrapper]);
    expect(input.roots.map((r) => r.descriptor.digest.value)).toEqual([manifest]);
    expect(input.store.get(manifest)).toBeDefined();
    expect(input.problems).toEqual([]);
  });

  it('reads a docker save tar: one synthesized manifest per manifest.json entry', async () => {
    const layer = makeTar(FILE);
    const config = enc.encode(
      JSON.stringify({
        os: 'linux',
        architecture: 'amd64',
        rootfs: { type: 'layers', diff_ids: [sha256(layer)] },
      }),
    );
    const configName = `${sha256(config).slice(7)}.json`;
    const manifest = [{ Config: configName, RepoTags: ['box:1'], Layers: ['l1/layer.tar'] }];
    const input = await openBlob(
      new Blob([
        tarOf([
          ['manifest.json', enc.encode(JSON.stringify(manifest))],
          [configName, config],
          ['l1/layer.tar', layer],
        ]) as BlobPart,
      ]),
    );
    expect(input.format).toBe('docker-archive');
    expect(input.roots.map((r) => r.tags)).toEqual([['box:1']]);
    const root = input.store.get(input.roots[0]!.descriptor.digest.value)!;
    expect(root.synthesized).toBe(true);
    expect(input.store.get(sha256(layer))).toBeDefined();
  });

  it.each([
    // [what, change to the clean layout, codes]
    [
      'no oci-layout file',
      (f: [string, Uint8Array][]) => f.filter(([p]) => p !== 'oci-layout'),
      ['layout-header-missing'],
    ],
    [
      'a stray file under blobs/',
      (f: [string, Uint8Array][]) => [
        ...f,
        ['blobs/sha256/nothex', enc.encode('x')] as [string, Uint8Array],
      ],
      ['layout-stray-blob'],
    ],
  ])('reports %s and still opens', async (_, change, codes) => {
    const input = await openFileSet(folder(change(layout().files)));
    expect(input.problems.map((p) => p.code)).toEqual(codes);
    expect(input.roots).toHaveLength(1);
  });

  it.each([
    [
      'manifest.json that is not a list',
      [['manifest.json', enc.encode('{}')]],
      'docker-manifest-not-list',
    ],
  ] as const)('reports %s', async (_, files, code) => {
    const input = await openFileSet(folder(files.map(([p, b]) => [p, b])));
    expect(input.problems.map((p) => p.code)).toEqual([code]);
    expect(input.roots).toEqual([]);
  });

  it.each([
    ['an empty folder', () => openFileSet(folder([])), /holds no files/],
    [
      'a folder of other things',
      () => openFileSet(folder([['notes.txt', enc.encode('x')]])),
      /found: notes\.txt/,
    ],
    ['an empty file', () => openBlob(new Blob([])), /the file is empty/],
    [
      'a file that is not a tar',
      () => openBlob(new Blob(['just text, long enough'])),
      /not a tar archive/,
    ],
  ])('refuses %s, saying what it found', async (_, open, message) => {
    await expect(open()).rejects.toThrow(UnreadableInputError);
    await expect(open()).rejects.toThrow(message);
  });
});
