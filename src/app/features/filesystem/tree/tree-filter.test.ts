import { describe, expect, it } from 'vitest';
import { TreeModel, type TreeEntry } from '../../../../core/fs/tree-model.ts';
import { applyFilter, applyFilterInSlices, compileFilter } from './tree-filter.ts';

/** `dirs` folders of `files` files each, with a few names the patterns below single out. */
function listing(dirs: number, files: number): TreeEntry[] {
  const out: TreeEntry[] = [];
  for (let d = 0; d < dirs; d++) {
    out.push({ path: `/d${d}`, type: 'dir', size: 0 });
    for (let f = 0; f < files; f++)
      out.push({ path: `/d${d}/${f % 97 === 0 ? 'Lib' : 'f'}${f}.so`, type: 'file', size: f });
  }
  return out;
}

const big = TreeModel.build(listing(60, 500)); // 30,060 nodes

/** A pause that counts itself and lets the rest of the test's microtasks run. */
function countingPause() {
  const pauses = { n: 0 };
  return { pauses, pause: () => ((pauses.n += 1), Promise.resolve()) };
}

describe('applyFilterInSlices', () => {
  it.each(['f1', 'lib', 'Lib', '*.so', 'd3/*', '/d1?/**/f2*', 'nothing-matches'])(
    'marks exactly what applyFilter marks for %s, pausing between slices',
    async (pattern) => {
      const filter = compileFilter(pattern)!;
      const whole = applyFilter(big, filter);
      const { pauses, pause } = countingPause();
      // A zero budget: a pause after every slice of nodes, the most interleaving there can be.
      const sliced = await applyFilterInSlices(big, filter, new AbortController().signal, 0, pause);
      expect(sliced.matches).toBe(whole.matches);
      expect(sliced.flags).toEqual(whole.flags);
      expect(sliced.ancestors).toEqual(whole.ancestors);
      expect(pauses.n).toBeGreaterThanOrEqual(Math.floor(big.size / 2048) - 1);
    },
  );

  it('does not pause while a slice is within its budget', async () => {
    const { pauses, pause } = countingPause();
    const match = await applyFilterInSlices(
      big,
      compileFilter('f1')!,
      new AbortController().signal,
      60_000,
      pause,
    );
    expect(match.matches).toBeGreaterThan(0);
    expect(pauses.n).toBe(0);
  });

  it('stops when aborted between slices', async () => {
    const abort = new AbortController();
    let pauses = 0;
    const pause = () => {
      if (++pauses === 2) abort.abort(new Error('typed on'));
      return Promise.resolve();
    };
    await expect(
      applyFilterInSlices(big, compileFilter('*.so')!, abort.signal, 0, pause),
    ).rejects.toThrow('typed on');
    expect(pauses).toBe(2);
  });
});
