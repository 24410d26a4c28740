import { describe, expect, it } from 'vitest';
import { buildCollapseIndex, collapseGraph } from '../../../worker/graph-collapse.ts';
import type { LayoutEdge } from '../../../worker/graph-layout.ts';
import { collapseIndexFor, hasCollapseIndex, prepareCollapseIndex } from './collapse-index.ts';

/** top → n manifests (the first listed twice), each → its own config and one shared layer. */
function wide(n: number) {
  const ms = Array.from({ length: n }, (_, i) => `m${i}`);
  const edges: LayoutEdge[] = ms.flatMap((m, i) => [
    { from: 'top', to: m, role: 'manifests', index: i },
    { from: m, to: `c-${m}`, role: 'config', index: 0 },
    { from: m, to: 'shared', role: 'layers', index: 0 },
  ]);
  edges.push({ from: 'top', to: 'm0', role: 'manifests', index: n });
  return { nodes: ['top', ...ms, ...ms.map((m) => `c-${m}`), 'shared'], edges, ms };
}

const counting = () => {
  const pauses = { n: 0 };
  return { pauses, pause: () => ((pauses.n += 1), Promise.resolve()) };
};

describe('prepareCollapseIndex', () => {
  it('builds in slices the index buildCollapseIndex builds, and keeps it for the graph', async () => {
    const g = wide(5000);
    const { pauses, pause } = counting();
    expect(hasCollapseIndex(g.edges)).toBe(false);
    await prepareCollapseIndex(g.edges, new AbortController().signal, 0, pause);
    expect(pauses.n).toBeGreaterThanOrEqual(Math.floor(g.edges.length / 1024) - 1);
    expect(hasCollapseIndex(g.edges)).toBe(true);
    const index = collapseIndexFor(g.edges);
    expect(index).toEqual(buildCollapseIndex(g.edges));
    // A second preparation reuses it.
    await prepareCollapseIndex(g.edges, new AbortController().signal, 0, pause);
    expect(collapseIndexFor(g.edges)).toBe(index);
  });

  it('keeps nothing when aborted', async () => {
    const g = wide(5000);
    const abort = new AbortController();
    const pause = () => (abort.abort(new Error('new graph')), Promise.resolve());
    await expect(prepareCollapseIndex(g.edges, abort.signal, 0, pause)).rejects.toThrow(
      'new graph',
    );
    expect(hasCollapseIndex(g.edges)).toBe(false);
  });

  it.each([[[]], [['m7']], [['m0', 'm4999']], [['c-m3']]])(
    'draws with the prepared index what it draws without, focus %j',
    async (focus) => {
      const g = wide(5000);
      await prepareCollapseIndex(g.edges, new AbortController().signal);
      const prepared = collapseGraph('top', g.nodes, g.edges, focus, 24, collapseIndexFor(g.edges));
      expect(prepared).toEqual(collapseGraph('top', g.nodes, g.edges, focus, 24));
      expect(prepared.groups[0]!.members).toHaveLength(
        5000 - prepared.nodeIds.filter((id) => /^m\d/.test(id)).length,
      );
    },
  );
});
