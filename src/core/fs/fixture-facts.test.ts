import { describe, expect, it } from 'vitest';
import { buildFilesystem } from './merged-filesystem.ts';
import { notation, tarLayer } from './test-support.ts';
import type { LayerInput } from './types.ts';

// Facts from tests/fixtures/*.expected.json and README.md, turned into layers by hand; the
// end-to-end tests on the real archives live with the CLI.

const layers = (...specs: string[][]): LayerInput[] =>
  specs.map((s) => ({ entries: tarLayer(...s) }));

// dive/test-docker-image.tar: busybox (here one file with the layer's 1154361 bytes, and two of
// its 392 hardlinks) plus 13 RUN/ADD steps; 0-based layer numbers.
const DIVE_DOCKER = [
  ['bin/', 'bin/[:1154361', 'bin/[[ => bin/[', 'bin/sh => bin/[', 'etc/', 'tmp/'],
  ['somefile.txt:6405'],
  ['root/', 'root/example/', 'root/example/really/', 'root/example/really/nested/'],
  ['root/', 'root/example/', 'root/example/somefile1.txt:6405'],
  ['root/', 'root/example/', 'root/example/somefile1.txt:6405'],
  ['root/', 'root/example/', 'root/example/somefile2.txt:6405'],
  ['root/', 'root/example/', 'root/example/somefile3.txt:6405'],
  ['root/', 'root/example/', 'root/example/.wh.somefile3.txt', 'root/saved.txt:6405'],
  ['root/', 'root/.saved.txt:6405'],
  ['root/', 'root/.wh.example'],
  ['root/', 'root/.data/', 'root/.data/tag.sh:917', 'root/.data/test.sh:1270'],
  ['tmp/', 'tmp/saved.again1.txt:6405'],
  ['root/', 'root/.data/', 'root/.data/saved.again2.txt:6405'],
  ['root/', 'root/saved.txt:6405'],
];

// dive/test-kaniko-image.tar: the same recipe, but whiteouts come first and every layer has `/`.
const DIVE_KANIKO = DIVE_DOCKER.map((l) => [
  ...l.filter((p) => p.includes('.wh.')),
  './',
  ...l.filter((p) => !p.includes('.wh.')),
]);

describe('dive test images', () => {
  it.each([
    ['docker', DIVE_DOCKER],
    ['kaniko', DIVE_KANIKO],
  ])('%s: merged view, removals, waste', (_name, spec) => {
    const fs = buildFilesystem(layers(...spec));
    const paths = fs.listMerged().map((e) => e.path);
    for (const p of [
      '/somefile.txt',
      '/root/saved.txt',
      '/root/.saved.txt',
      '/root/.data/tag.sh',
      '/root/.data/test.sh',
      '/root/.data/saved.again2.txt',
      '/tmp/saved.again1.txt',
    ]) {
      expect(paths).toContain(p);
    }
    expect(paths.filter((p) => p.startsWith('/root/example'))).toEqual([]);
    expect(fs.pathsRemovedFromLowerLayers(7)).toEqual(['/root/example/somefile3.txt']);
    expect(fs.pathsRemovedFromLowerLayers(9)).toEqual([
      '/root/example',
      '/root/example/really',
      '/root/example/really/nested',
      '/root/example/somefile1.txt',
      '/root/example/somefile2.txt',
    ]);
    for (let n = 0; n < fs.layerCount; n++) {
      if (n !== 7 && n !== 9) expect(fs.pathsRemovedFromLowerLayers(n)).toEqual([]);
    }
    expect(fs.problems).toEqual([]);
    // dive's own expectations for this image (dive/image/docker/image_archive_analysis_test.go).
    const waste = fs.waste();
    expect(waste).toMatchObject({
      totalBytes: 1220598,
      userBytes: 66237,
      wastedBytes: 32025,
      efficiency: 0.9844212134184309,
    });
    expect(waste.wastedFiles).toEqual([
      { path: '/root/example/somefile1.txt', bytes: 12810, layers: [3, 4] },
      { path: '/root/saved.txt', bytes: 12810, layers: [7, 13] },
      { path: '/root/example/somefile3.txt', bytes: 6405, layers: [6, 7] },
    ]);
  });

  it('tells the story of root/example', () => {
    const fs = buildFilesystem(layers(...DIVE_DOCKER));
    const brief = (path: string) =>
      fs.historyOf(path).map((e) => [e.layer, e.action, e.marker?.path ?? e.entry?.path]);
    expect(brief('root/example/somefile3.txt')).toEqual([
      [6, 'added', '/root/example/somefile3.txt'],
      [7, 'deleted', '/root/example/.wh.somefile3.txt'],
    ]);
    expect(brief('/root/example/somefile1.txt')).toEqual([
      [3, 'added', '/root/example/somefile1.txt'],
      [4, 'modified', '/root/example/somefile1.txt'],
      [9, 'deleted', '/root/.wh.example'],
    ]);
    expect(brief('/root/example').map(([layer, action]) => `${layer}:${action}`)).toEqual([
      '2:added',
      '3:modified',
      '4:modified',
      '5:modified',
      '6:modified',
      '7:modified',
      '9:deleted',
    ]);
    expect(fs.get('/root/example', 8)).toMatchObject({ type: 'dir', layer: 7 });
    expect(fs.get('/root/example')).toBeUndefined();
    expect(fs.get('/bin/sh')).toMatchObject({
      type: 'hardlink',
      linkTarget: '/bin/[',
      size: 1154361,
    });
  });
});

describe('regclient layer.tar + layer-wh.tar', () => {
  const fs = buildFilesystem(
    layers(
      ['layer1.txt:2', 'layer2.txt:2', 'layer3.txt:2'],
      ['layer1.txt:2', '.wh.layer2.txt', 'layer3.txt:2', 'exdir/', 'exdir/.wh..wh..opq'],
    ),
  );

  it('leaves layer1.txt, layer3.txt and an empty exdir/', () => {
    expect(notation(fs.listMerged())).toEqual(['exdir/', 'layer1.txt:2', 'layer3.txt:2']);
    expect(fs.pathsRemovedFromLowerLayers(1)).toEqual(['/layer2.txt']);
  });

  it('lists the layer with its markers', () => {
    expect(fs.listLayer(1).map((e) => `${e.path} ${e.type}`)).toEqual([
      '/exdir dir',
      '/exdir opaque',
      '/layer1.txt file',
      '/layer2.txt whiteout',
      '/layer3.txt file',
    ]);
  });
});

describe('go-containerregistry mutate fixtures', () => {
  it.each<[string, string[][], string[]]>([
    ['whiteout_image', [['bar.txt', 'foo.txt'], ['.wh.foo.txt'], []], ['bar.txt']],
    ['whiteout_dir', [['a/foo'], ['b/bar'], ['.wh.a'], ['a/baz']], ['a/', 'a/baz', 'b/', 'b/bar']],
    [
      'overwritten_file',
      [['./', './foo.txt:4'], ['./', './bar.txt:4', './foo.txt -> bar.txt'], []],
      ['bar.txt:4', 'foo.txt -> bar.txt'],
    ],
    [
      'no_manifest (./foo/ and foo/ name one directory)',
      [['./foo/', 'foo/hey', 'foo/foo', 'foo/baz']],
      ['foo/', 'foo/baz', 'foo/foo', 'foo/hey'],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(notation(buildFilesystem(layers(...spec)).listMerged())).toEqual(expected);
  });
});

describe('moby emptyLayer.tar', () => {
  it('keeps tmp/ with its sticky mode across an empty layer', () => {
    const fs = buildFilesystem([
      { entries: [{ ...tarLayer('tmp/')[0]!, mode: 0o1777 }] },
      { entries: [] },
      { entries: tarLayer('tmp/foo') },
    ]);
    expect(notation(fs.listMerged())).toEqual(['tmp/', 'tmp/foo']);
    expect(fs.get('/tmp')!.mode).toBe(0o1777);
  });
});
