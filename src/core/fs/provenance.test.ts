import { describe, expect, it } from 'vitest';
import { buildFilesystem } from './merged-filesystem.ts';
import { notation, tarLayer } from './test-support.ts';
import type { PathEvent } from './types.ts';

const build = (...specs: string[][]) =>
  buildFilesystem(specs.map((s) => ({ entries: tarLayer(...s) })));

/** An event as `layer:action`, with `@marker-kind:marker-path` for deletions and `(implicit)`. */
const story = (events: readonly PathEvent[]) =>
  events.map(
    (e) =>
      `${e.layer}:${e.action}` +
      (e.marker ? `@${e.marker.kind}:${e.marker.path}` : '') +
      (e.implicit ? '(implicit)' : ''),
  );

describe('historyOf', () => {
  it.each<[string, string[][], string, string[]]>([
    ['added once', [['a']], '/a', ['0:added']],
    ['added then modified', [['a:1'], ['a:2'], ['b']], '/a', ['0:added', '1:modified']],
    ['a second write by the same layer is one event', [['a:1', 'a:2']], '/a', ['0:added']],
    ['implicit parent', [['d/x']], '/d', ['0:added(implicit)']],
    ['implicit, then declared by the same layer', [['d/x', 'd/']], '/d', ['0:added']],
    [
      'implicit, then declared by a later layer',
      [['d/x'], ['d/']],
      '/d',
      ['0:added(implicit)', '1:modified'],
    ],
    ['deleted by a whiteout', [['a'], ['.wh.a']], '/a', ['0:added', '1:deleted@whiteout:/.wh.a']],
    [
      'deleted with its parent',
      [['d/a'], ['.wh.d']],
      '/d/a',
      ['0:added', '1:deleted@whiteout:/.wh.d'],
    ],
    [
      'deleted by an opaque marker',
      [['d/a'], ['d/.wh..wh..opq']],
      '/d/a',
      ['0:added', '1:deleted@opaque:/d/.wh..wh..opq'],
    ],
    [
      'deleted because a file replaced its parent',
      [['d/a'], ['d']],
      '/d/a',
      ['0:added', '1:deleted@replaced:/d'],
    ],
    [
      'the replaced directory itself is modified',
      [['d/a'], ['d']],
      '/d',
      ['0:added(implicit)', '1:modified'],
    ],
    [
      'whiteout + re-add in the same layer',
      [['a:1'], ['a:2', '.wh.a']],
      '/a',
      ['0:added', '1:deleted@whiteout:/.wh.a', '1:added'],
    ],
    [
      'opaque, then re-add a child in the same layer',
      [['d/a:1'], ['d/.wh..wh..opq', 'd/a:2']],
      '/d/a',
      ['0:added', '1:deleted@opaque:/d/.wh..wh..opq', '1:added'],
    ],
    [
      'deleted and re-added later',
      [['a'], ['.wh.a'], ['a']],
      '/a',
      ['0:added', '1:deleted@whiteout:/.wh.a', '2:added'],
    ],
    ['never present', [['a']], '/zzz', []],
  ])('%s', (_name, specs, path, expected) => {
    expect(story(build(...specs).historyOf(path))).toEqual(expected);
  });

  it('gives the entry written and the marker entry that deleted', () => {
    const fs = build(['x/', 'x/f:3'], ['x/.wh.f']);
    const [added, deleted] = fs.historyOf('x/f');
    expect(added!.entry).toMatchObject({ path: '/x/f', type: 'file', size: 3, index: 1 });
    expect(deleted!.entry).toMatchObject({
      path: '/x/f',
      type: 'whiteout',
      markerPath: '/x/.wh.f',
      index: 0,
    });
  });

  it('accepts uncleaned paths in queries', () => {
    const fs = build(['etc/os-release']);
    expect(fs.historyOf('./etc/os-release')).toHaveLength(1);
    expect(fs.historyOf('../x')).toEqual([]);
    expect(fs.get('etc/os-release')).toBeDefined();
  });
});

describe('layerDiff and views at layer N', () => {
  const fs = build(
    ['etc/', 'etc/a', 'etc/b', 'var/log/x'],
    ['etc/a:5', 'etc/.wh.b', 'etc/c', 'var/.wh.log'],
    ['.wh.etc', 'etc/', 'etc/d'],
  );

  it.each<[number, string[]]>([
    [
      0,
      [
        'added /etc',
        'added /etc/a',
        'added /etc/b',
        'added /var',
        'added /var/log',
        'added /var/log/x',
      ],
    ],
    [
      1,
      [
        'modified /etc/a',
        'deleted /etc/b',
        'added /etc/c',
        'deleted /var/log',
        'deleted /var/log/x',
      ],
    ],
    [2, ['modified /etc', 'deleted /etc/a', 'deleted /etc/c', 'added /etc/d']],
  ])('layer %i against the layers below', (layer, expected) => {
    expect(fs.layerDiff(layer).map((d) => `${d.change} ${d.path}`)).toEqual(expected);
  });

  it.each<[number, string[]]>([
    [0, ['etc/', 'etc/a', 'etc/b', 'var/', 'var/log/', 'var/log/x']],
    [1, ['etc/', 'etc/a:5', 'etc/c', 'var/']],
    [2, ['etc/', 'etc/d', 'var/']],
  ])('merged view up to layer %i', (layer, expected) => {
    expect(notation(fs.listMerged(layer))).toEqual(expected);
    expect(fs.view(layer).count).toBe(expected.length);
  });

  it('lists removals per layer', () => {
    expect(fs.pathsRemovedFromLowerLayers(1)).toEqual(['/etc/b', '/var/log', '/var/log/x']);
    expect(fs.pathsRemovedFromLowerLayers(2)).toEqual(['/etc', '/etc/a', '/etc/c']);
  });

  it('refuses a layer that does not exist', () => {
    expect(() => fs.listLayer(3)).toThrow(RangeError);
    expect(() => fs.view(-1)).toThrow(RangeError);
  });
});

describe('listLayer', () => {
  it('sorts the change set by path and keeps markers', () => {
    const fs = build(['z', 'a/'], ['a/.wh..wh..opq', 'b/', '.wh.z', 'a/x']);
    expect(fs.listLayer(1).map((e) => `${e.type} ${e.path} ${e.markerPath ?? ''}`.trim())).toEqual([
      'opaque /a /a/.wh..wh..opq',
      'file /a/x',
      'dir /b',
      'whiteout /z /.wh.z',
    ]);
  });
});

describe('tree queries', () => {
  const fs = build([
    'usr/bin/a:10',
    'usr/bin/b:20',
    'usr/lib/c:5',
    'usr/bin/h => usr/bin/a',
    'top:1',
  ]);

  it('lists children sorted', () => {
    expect(
      fs
        .view()
        .children('/')
        .map((e) => e.path),
    ).toEqual(['/top', '/usr']);
    expect(
      fs
        .view()
        .children('/usr/bin')
        .map((e) => e.path),
    ).toEqual(['/usr/bin/a', '/usr/bin/b', '/usr/bin/h']);
    expect(fs.view().children('/top')).toEqual([]);
  });

  it.each([
    ['/', 36],
    ['/usr', 35],
    ['/usr/bin', 30],
    ['/usr/lib', 5],
    ['/usr/bin/a', 10],
    ['/nothing', 0],
  ])('dirSize(%s) = %i (a hardlink adds nothing)', (path, size) => {
    expect(fs.view().dirSize(path)).toBe(size);
  });
});
