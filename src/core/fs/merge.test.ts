import { describe, expect, it } from 'vitest';
import { buildFilesystem } from './merged-filesystem.ts';
import { notation, tarLayer } from './test-support.ts';

/** Merge layers written in the tarLayer notation and list the result in the same notation. */
function merged(layers: string[][]): string[] {
  return notation(buildFilesystem(layers.map((l) => ({ entries: tarLayer(...l) }))).listMerged());
}

// Each rule of image-spec layer.md ("Changeset over existing files", "Whiteouts", "Opaque
// Whiteout"), the containerd applier's behaviour where the spec is silent, and known bugs.
describe('merge: layer.md rules', () => {
  it.each<[string, string[][], string[]]>([
    ['extracts a layer without markers as a plain tar', [['a/', 'a/b:3']], ['a/', 'a/b:3']],
    ['creates implicit parent directories', [['a/b/c']], ['a/', 'a/b/', 'a/b/c']],
    [
      'cleans ./ prefixes and reads absolute names from the root',
      [['./a/', './a/b', '/c']],
      ['a/', 'a/b', 'c'],
    ],
    [
      'does not list the root entry (kaniko writes one)',
      [
        ['./', 'x'],
        ['/', 'y'],
      ],
      ['x', 'y'],
    ],
    ['a file over a file replaces it', [['f:1'], ['f:2']], ['f:2']],
    ['a directory over a directory keeps the children', [['d/', 'd/x'], ['d/']], ['d/', 'd/x']],
    ['a file replacing a directory removes the subtree', [['a/b/c', 'a/d'], ['a:9']], ['a:9']],
    [
      'a symlink replacing a directory removes the subtree',
      [['a/b'], ['a -> elsewhere']],
      ['a -> elsewhere'],
    ],
    ['a directory replacing a file', [['a:4'], ['a/', 'a/x']], ['a/', 'a/x']],
    [
      'a directory replacing a symlink does not follow it',
      [['t/f', 'a -> t'], ['a/']],
      ['a/', 't/', 't/f'],
    ],
    ['later entries of the same layer win', [['x:1', 'x:2']], ['x:2']],
    ['.wh.x deletes a file', [['a', 'b'], ['.wh.a']], ['b']],
    ['.wh.x deletes a directory and everything below', [['a/b/c', 'a/d', 'ab'], ['.wh.a']], ['ab']],
    [
      '.wh.x of a symlink removes the link, not its target',
      [['t/f', 'l -> t'], ['.wh.l']],
      ['t/', 't/f'],
    ],
    ['.wh.x for a missing path changes nothing', [['a'], ['.wh.zzz']], ['a']],
    ['whiteout markers never appear', [['a/x', 'a/y'], ['a/.wh.x']], ['a/', 'a/y']],
    [
      'layer.md changeset example',
      [
        ['etc/', 'etc/my-app-config', 'bin/', 'bin/my-app-binary', 'bin/my-app-tools:1'],
        [
          './etc/my-app.d/',
          './etc/my-app.d/default.cfg',
          './bin/my-app-tools:2',
          './etc/.wh.my-app-config',
        ],
      ],
      [
        'bin/',
        'bin/my-app-binary',
        'bin/my-app-tools:2',
        'etc/',
        'etc/my-app.d/',
        'etc/my-app.d/default.cfg',
      ],
    ],
    [
      'layer.md opaque example, marker first',
      [
        ['a/', 'a/b/', 'a/b/c/', 'a/b/c/bar'],
        ['a/', 'a/.wh..wh..opq', 'a/b/', 'a/b/c/', 'a/b/c/foo'],
      ],
      ['a/', 'a/b/', 'a/b/c/', 'a/b/c/foo'],
    ],
    [
      'layer.md opaque example, marker last: applied first whatever its position',
      [
        ['a/', 'a/b/', 'a/b/c/', 'a/b/c/bar'],
        ['a/', 'a/b/', 'a/b/c/', 'a/b/c/foo', 'a/.wh..wh..opq'],
      ],
      ['a/', 'a/b/', 'a/b/c/', 'a/b/c/foo'],
    ],
    [
      'layer.md opaque: hides all children of bin/, descendants included',
      [
        ['etc/my-app-config', 'bin/my-app-binary', 'bin/my-app-tools', 'bin/tools/my-app-tool-one'],
        ['bin/', 'bin/.wh..wh..opq'],
      ],
      ['bin/', 'etc/', 'etc/my-app-config'],
    ],
    [
      'layer.md: explicit whiteouts equivalent to the opaque marker',
      [
        ['etc/my-app-config', 'bin/my-app-binary', 'bin/my-app-tools', 'bin/tools/my-app-tool-one'],
        ['bin/', 'bin/.wh.my-app-binary', 'bin/.wh.my-app-tools', 'bin/.wh.tools'],
      ],
      ['bin/', 'etc/', 'etc/my-app-config'],
    ],
    [
      'opaque at the root hides every lower path',
      [
        ['a/b', 'c'],
        ['.wh..wh..opq', 'd'],
      ],
      ['d'],
    ],
    ['an opaque marker alone still leaves its directory', [['x'], ['d/.wh..wh..opq']], ['d/', 'x']],
    ['a whiteout marker alone still leaves its directory', [['x'], ['d/.wh.y']], ['d/', 'x']],
    [
      'opaque then re-add children in the same layer',
      [
        ['a/b:1', 'a/c:1'],
        ['a/.wh..wh..opq', 'a/b:2'],
      ],
      ['a/', 'a/b:2'],
    ],
    [
      'opaque does not hide siblings the same layer adds, even before the marker',
      [['a/old'], ['a/new', 'a/.wh..wh..opq']],
      ['a/', 'a/new'],
    ],
    [
      'a whiteout for a path the same layer adds (marker after) keeps it',
      [['x:1'], ['x:2', '.wh.x']],
      ['x:2'],
    ],
    [
      'a whiteout for a path the same layer adds (marker first) keeps it',
      [['x:1'], ['.wh.x', 'x:2']],
      ['x:2'],
    ],
    ['a whiteout in the first layer has nothing to delete', [['x', '.wh.x']], ['x']],
    [
      'whiteout + re-create a directory in the same layer drops the old children',
      [['a/foo'], ['.wh.a', 'a/', 'a/baz']],
      ['a/', 'a/baz'],
    ],
    [
      'whiteout after re-creating the directory in the same layer: same result',
      [['a/foo'], ['a/', 'a/baz', '.wh.a']],
      ['a/', 'a/baz'],
    ],
  ])('%s', (_name, layers, expected) => {
    expect(merged(layers)).toEqual(expected);
  });
});

describe('merge: the two flattening bugs crane shipped', () => {
  it('reads an opaque marker as a marker, not as a file named .wh..opq', () => {
    const result = merged([
      ['a/x', 'a/y'],
      ['a/', 'a/.wh..wh..opq'],
    ]);
    expect(result).toEqual(['a/']);
    expect(result.some((p) => p.includes('.wh.') || p.includes('.opq'))).toBe(false);
  });

  it('does not merge the old children back into a deleted, re-created directory', () => {
    // go-containerregistry mutate/whiteout_dir.tar: a/foo; b/bar; .wh.a; a/baz.
    expect(merged([['a/foo'], ['b/bar'], ['.wh.a'], ['a/baz']])).toEqual([
      'a/',
      'a/baz',
      'b/',
      'b/bar',
    ]);
  });
});
