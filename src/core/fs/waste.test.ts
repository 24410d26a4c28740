import { describe, expect, it } from 'vitest';
import { buildFilesystem } from './merged-filesystem.ts';
import { tarLayer } from './test-support.ts';

const build = (...specs: string[][]) =>
  buildFilesystem(specs.map((s) => ({ entries: tarLayer(...s) })));

describe('layerSizes', () => {
  it.each<[string, string[][], [number, number, number][]]>([
    [
      'nothing overwritten',
      [['a:10', 'b:5'], ['c:1']],
      [
        [15, 15, 0],
        [1, 1, 0],
      ],
    ],
    [
      'overwritten by a later layer',
      [['a:10'], ['a:7']],
      [
        [10, 0, 10],
        [7, 7, 0],
      ],
    ],
    [
      'deleted by a whiteout',
      [['a:10', 'b:1'], ['.wh.a']],
      [
        [11, 1, 10],
        [0, 0, 0],
      ],
    ],
    [
      'deleted by an opaque marker',
      [['d/a:10'], ['d/.wh..wh..opq']],
      [
        [10, 0, 10],
        [0, 0, 0],
      ],
    ],
    [
      'deleted because a file replaced the directory',
      [['d/a:10'], ['d:3']],
      [
        [10, 0, 10],
        [3, 3, 0],
      ],
    ],
    ['written twice in one layer', [['a:10', 'a:4']], [[14, 4, 10]]],
    [
      'kept alive by a hardlink after its name is deleted',
      [['a:10'], ['h => a'], ['.wh.a']],
      [
        [10, 10, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
    ],
    ['shared by two names, counted once', [['a:10', 'h => a']], [[10, 10, 0]]],
  ])('%s', (_name, specs, expected) => {
    const sizes = build(...specs).layerSizes();
    expect(sizes.map((s) => [s.totalBytes, s.netBytes, s.hiddenBytes])).toEqual(expected);
  });

  it('counts files and hardlinks, not markers or directories', () => {
    expect(build(['d/', 'a:1', 'h => a', 'l -> a', '.wh.zz']).layerSizes()[0]!.fileCount).toBe(2);
  });
});

// Expected numbers follow dive's definitions (see waste.ts): occurrences per path per layer,
// wasted = Σ occurrences of paths seen twice or more, efficiency = Σ min / Σ all.
describe('waste (dive definitions)', () => {
  it.each<
    [string, string[][], number, number, { path: string; bytes: number; layers: number[] }[]]
  >([
    ['an empty image', [[]], 0, 1, []],
    ['no duplicates', [['a:10'], ['b:10']], 0, 1, []],
    [
      'a file written twice: both copies count',
      [['a:100'], ['a:100']],
      200,
      0.5,
      [{ path: '/a', bytes: 200, layers: [0, 1] }],
    ],
    [
      'a file rewritten smaller',
      [['a:100', 'b:100'], ['a:50']],
      150,
      (50 + 100) / (150 + 100),
      [{ path: '/a', bytes: 150, layers: [0, 1] }],
    ],
    [
      'a deleted file',
      [['a:100', 'b:300'], ['.wh.a']],
      100,
      300 / 400,
      [{ path: '/a', bytes: 100, layers: [0, 1] }],
    ],
    // dive sizes a directory whiteout by the bytes below it; the directory itself was never a
    // leaf, so it is one occurrence and not waste.
    ['a deleted directory that held files', [['d/a:100', 'b:300'], ['.wh.d']], 0, 1, []],
    ['a deleted empty directory, whiteout sized 0', [['d/', 'b:300'], ['.wh.d']], 0, 1, []],
    [
      'a second write in the same layer replaces the first',
      [['a:100', 'a:40'], ['a:10']],
      50,
      10 / 50,
      [{ path: '/a', bytes: 50, layers: [0, 1] }],
    ],
    [
      'a whiteout and a write in the same layer are two occurrences',
      [['a:100'], ['.wh.a', 'a:10']],
      110,
      0,
      [{ path: '/a', bytes: 110, layers: [0, 1, 1] }],
    ],
    ['a 0-byte duplicate is waste of 0 and not listed', [['e'], ['e']], 0, 1, []],
    [
      'largest first',
      [
        ['a:1', 'b:5', 'c:3'],
        ['a:1', 'b:5', 'c:3'],
      ],
      18,
      0.5,
      [
        { path: '/b', bytes: 10, layers: [0, 1] },
        { path: '/c', bytes: 6, layers: [0, 1] },
        { path: '/a', bytes: 2, layers: [0, 1] },
      ],
    ],
  ])('%s', (_name, specs, wastedBytes, efficiency, wastedFiles) => {
    const waste = build(...specs).waste();
    expect(waste.wastedBytes).toBe(wastedBytes);
    expect(waste.efficiency).toBeCloseTo(efficiency, 12);
    expect(waste.efficiency).toBeGreaterThanOrEqual(0);
    expect(waste.efficiency).toBeLessThanOrEqual(1);
    expect(waste.wastedFiles).toEqual(wastedFiles);
  });

  it('reports totals beside dive numbers', () => {
    expect(build(['a:100', 'b:1'], ['a:40'], ['.wh.b']).waste()).toMatchObject({
      totalBytes: 141,
      finalBytes: 40,
      hiddenBytes: 101,
      userBytes: 40,
    });
  });
});
