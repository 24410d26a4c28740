import { describe, expect, it } from 'vitest';
import type { DirDelta, FileDiff, FileSide, JsonChange } from '../../../core/diff/types.ts';
import {
  fileDelta,
  formatDelta,
  kindCounts,
  shownChanges,
  sortedDirs,
  valueText,
  visibleFiles,
} from './compare-model.ts';

const side = (size: number, type: FileSide['type'] = 'file'): FileSide => ({
  type,
  size,
  mode: 0o644,
  uid: 0,
  gid: 0,
  layer: 0,
  mtime: 0,
});

const files: FileDiff[] = [
  { kind: 'content', path: '/etc/b', a: side(10), b: side(30) },
  { kind: 'added', path: '/usr/big', b: side(5000) },
  { kind: 'removed', path: '/tmp/x', a: side(700) },
  { kind: 'metadata', path: '/etc/a', a: side(4), b: side(4), fields: ['mode'] },
  { kind: 'type', path: '/bin/sh', a: side(9, 'symlink'), b: side(100) },
];

describe('formatDelta', () => {
  it.each([
    [0, '0 B'],
    [12, '+12 B'],
    [-340, '−340 B'],
    [1200, '+1.20 kB'],
    [-2_500_000, '−2.50 MB'],
  ])('%d → %s', (n, want) => expect(formatDelta(n)).toBe(want));
});

describe('fileDelta', () => {
  it.each([
    ['grown', 0, 20],
    ['added', 1, 5000],
    ['removed', 2, -700],
    ['metadata only', 3, 0],
    // A symlink's size is its target's length, not bytes the image stores as a file.
    ['symlink replaced by a file', 4, 100],
  ])('%s', (_what, i, want) => expect(fileDelta(files[i]!)).toBe(want));
});

describe('visibleFiles', () => {
  const all = new Set(['added', 'removed', 'content', 'metadata', 'type'] as const);
  it.each([
    ['by path', all, '', 'path', ['/bin/sh', '/etc/a', '/etc/b', '/tmp/x', '/usr/big']],
    [
      'by size change either way',
      all,
      '',
      'delta',
      ['/usr/big', '/tmp/x', '/bin/sh', '/etc/b', '/etc/a'],
    ],
    ['only some kinds', new Set(['added', 'removed'] as const), '', 'path', ['/tmp/x', '/usr/big']],
    ['a path filter, any case', all, 'ETC', 'path', ['/etc/a', '/etc/b']],
  ] as const)('%s', (_what, kinds, query, order, want) => {
    expect(visibleFiles(files, kinds, query, order).map((f) => f.path)).toEqual(want);
  });

  it('counts each kind', () => {
    expect(kindCounts(files)).toEqual({ added: 1, removed: 1, content: 1, metadata: 1, type: 1 });
  });
});

describe('sortedDirs', () => {
  const dirs: DirDelta[] = [
    { path: '/a', bytesA: 10, bytesB: 5, delta: -5 },
    { path: '/b', bytesA: 0, bytesB: 100, delta: 100 },
    { path: '/c', bytesA: 300, bytesB: 0, delta: -300 },
  ];
  it.each([
    ['delta', ['/c', '/b', '/a']],
    ['path', ['/a', '/b', '/c']],
    ['growth', ['/b', '/a', '/c']],
    ['shrink', ['/c', '/a', '/b']],
  ] as const)('%s', (order, want) => {
    expect(sortedDirs(dirs, order).map((d) => d.path)).toEqual(want);
  });
});

describe('shownChanges', () => {
  it('hides the noise and counts it', () => {
    const changes: JsonChange[] = [
      { op: 'changed', pointer: '/created', a: 'x', b: 'y', noise: true },
      { op: 'added', pointer: '/config/Env/1', b: 'A=1', noise: false },
    ];
    expect(shownChanges(changes)).toEqual({ shown: [changes[1]], hidden: 1 });
  });
});

describe('valueText', () => {
  it.each([
    ['absent', undefined, 5, { text: '', cut: false }],
    ['a string, quoted', 'a"b', 99, { text: '"a\\"b"', cut: false }],
    ['an object', { k: [1, null] }, 99, { text: '{"k":[1,null]}', cut: false }],
    ['cut when long', 'abcdefgh', 4, { text: '"abc…', cut: true }],
  ])('%s', (_what, v, max, want) => expect(valueText(v, max)).toEqual(want));
});
