import { describe, expect, it } from 'vitest';
import { compareLayers } from './compare-layers.ts';

const m = (...layers: [string, number][]): unknown => ({
  layers: layers.map(([digest, size]) => ({ digest, size })),
});
const cfg = (...ids: string[]): unknown => ({ rootfs: { diff_ids: ids } });

describe('compareLayers', () => {
  it.each<
    [
      string,
      unknown,
      unknown,
      unknown,
      unknown,
      {
        shared: number;
        aAfter: number;
        bAfter: number;
        bytesA: number;
        bytesB: number;
        same: string[];
      },
    ]
  >([
    [
      'identical',
      m(['x', 1], ['y', 2]),
      m(['x', 1], ['y', 2]),
      undefined,
      undefined,
      { shared: 2, aAfter: 0, bAfter: 0, bytesA: 0, bytesB: 0, same: ['x', 'y'] },
    ],
    [
      'B adds a layer on top',
      m(['x', 1]),
      m(['x', 1], ['z', 30]),
      undefined,
      undefined,
      { shared: 1, aAfter: 0, bAfter: 1, bytesA: 0, bytesB: 30, same: ['x'] },
    ],
    [
      'diverge after the base',
      m(['x', 1], ['a', 10]),
      m(['x', 1], ['b', 20], ['c', 5]),
      undefined,
      undefined,
      { shared: 1, aAfter: 1, bAfter: 2, bytesA: 10, bytesB: 25, same: ['x'] },
    ],
    [
      'a shared blob above a divergence is not base',
      m(['x', 1], ['s', 7]),
      m(['y', 1], ['s', 7]),
      undefined,
      undefined,
      { shared: 0, aAfter: 2, bAfter: 2, bytesA: 8, bytesB: 8, same: ['s'] },
    ],
    [
      'recompressed layer: same diff_id counts as shared',
      m(['gz', 5], ['t', 1]),
      m(['zst', 4], ['u', 1]),
      cfg('d1', 'd2'),
      cfg('d1', 'd3'),
      { shared: 1, aAfter: 1, bAfter: 1, bytesA: 1, bytesB: 1, same: [] },
    ],
    [
      'no layers in malformed documents',
      { layers: 'x' },
      null,
      undefined,
      undefined,
      { shared: 0, aAfter: 0, bAfter: 0, bytesA: 0, bytesB: 0, same: [] },
    ],
  ])('%s', (_, ma, mb, ca, cb, want) => {
    const r = compareLayers(ma, mb, ca, cb);
    expect({
      shared: r.shared.length,
      aAfter: r.aAfter.length,
      bAfter: r.bAfter.length,
      bytesA: r.bytesAfterA,
      bytesB: r.bytesAfterB,
      same: r.sameBlobs,
    }).toEqual(want);
  });

  it('names layers by position with their diff_ids', () => {
    const r = compareLayers(
      m(['x', 1], ['a', 2]),
      m(['x', 1], ['b', 3]),
      cfg('dx', 'da'),
      cfg('dx', 'db'),
    );
    expect(r.shared).toEqual([{ digest: 'x', size: 1, diffId: 'dx', index: 0 }]);
    expect(r.bAfter).toEqual([{ digest: 'b', size: 3, diffId: 'db', index: 1 }]);
  });
});
