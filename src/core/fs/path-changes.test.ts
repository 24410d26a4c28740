import { describe, expect, it } from 'vitest';
import { buildFilesystem } from './merged-filesystem.ts';
import { deletedPaths, layerChanges } from './path-changes.ts';
import { tarLayer } from './test-support.ts';

const build = (...specs: string[][]) =>
  buildFilesystem(specs.map((s) => ({ entries: tarLayer(...s) })));

/** A change as `path change [entry layer, size] (marker@layer)`. */
const show = (c: {
  path: string;
  change?: string;
  entry: { layer: number; size: number };
  removedBy: { kind: string; path: string; layer: number } | null;
}) =>
  `${c.path}${c.change ? ` ${c.change}` : ''} [${c.entry.layer},${c.entry.size}]` +
  (c.removedBy ? ` (${c.removedBy.kind}:${c.removedBy.path}@${c.removedBy.layer})` : '');

describe('layerChanges', () => {
  it.each<[string, string[][], number, string[]]>([
    ['added', [['a:1']], 0, ['/a added [0,1]']],
    ['modified', [['a:1'], ['a:5']], 1, ['/a modified [1,5]']],
    ['whiteout', [['d/', 'd/a:3'], ['d/.wh.a']], 1, ['/d/a deleted [0,3] (whiteout:/d/.wh.a@1)']],
    [
      'opaque',
      [
        ['d/', 'd/a:3', 'd/b:4'],
        ['d/', 'd/.wh..wh..opq', 'd/c:1'],
      ],
      1,
      [
        '/d modified [1,0]',
        '/d/a deleted [0,3] (opaque:/d/.wh..wh..opq@1)',
        '/d/b deleted [0,4] (opaque:/d/.wh..wh..opq@1)',
        '/d/c added [1,1]',
      ],
    ],
    [
      'a file replacing a directory',
      [['d/', 'd/a:2'], ['d:7']],
      1,
      ['/d modified [1,7]', '/d/a deleted [0,2] (replaced:/d@1)'],
    ],
  ])('%s', (_name, layers, n, want) => {
    expect(layerChanges(build(...layers), n).map(show)).toEqual(want);
  });
});

describe('deletedPaths', () => {
  const fs = build(
    ['etc/', 'etc/motd:10', 'var/', 'var/cache/', 'var/cache/x:5'],
    ['etc/motd:20'],
    ['etc/.wh.motd', 'var/cache/', 'var/cache/.wh..wh..opq'],
    ['etc/motd:30'],
  );

  it.each<[number, string[]]>([
    [1, []],
    [
      2,
      [
        '/etc/motd [1,20] (whiteout:/etc/.wh.motd@2)',
        '/var/cache/x [0,5] (opaque:/var/cache/.wh..wh..opq@2)',
      ],
    ],
    // motd comes back in layer 3: no longer a deleted path.
    [3, ['/var/cache/x [0,5] (opaque:/var/cache/.wh..wh..opq@2)']],
  ])('after layer %i', (n, want) => {
    expect(deletedPaths(fs, n).map(show)).toEqual(want);
  });

  it('defaults to the last layer', () => {
    expect(deletedPaths(fs).map((d) => d.path)).toEqual(['/var/cache/x']);
  });
});
