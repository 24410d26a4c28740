import { describe, expect, it } from 'vitest';
import {
  layoutGraph,
  layoutOutline,
  NODE_HEIGHT,
  NODE_WIDTH,
  OUTLINE_INDENT,
  type LayoutEdge,
} from './graph-layout.ts';
import { GROUP_HEIGHT, GROUP_WIDTH } from './graph-size.ts';

const edge = (from: string, to: string, role: LayoutEdge['role'], index = 0): LayoutEdge => ({
  from,
  to,
  role,
  index,
});

describe('graph layout', () => {
  it('puts each level in its own column, left to right', () => {
    const nodes = ['top', 'idx', 'm1', 'm2', 'c1', 'l1'];
    const edges = [
      edge('top', 'idx', 'manifests'),
      edge('idx', 'm1', 'manifests', 0),
      edge('idx', 'm2', 'manifests', 1),
      edge('m1', 'c1', 'config'),
      edge('m1', 'l1', 'layers'),
    ];
    const { positions, width, height } = layoutGraph(nodes, edges);
    expect(positions.top!.x).toBeLessThan(positions.idx!.x);
    expect(positions.idx!.x).toBeLessThan(positions.m1!.x);
    expect(positions.m1!.x).toBe(positions.m2!.x);
    expect(positions.m1!.x).toBeLessThan(positions.c1!.x);
    expect(width).toBeGreaterThanOrEqual(4 * NODE_WIDTH);
    expect(height).toBeGreaterThanOrEqual(2 * NODE_HEIGHT);
  });

  it('keeps the config first and the layers in order, top to bottom', () => {
    const layers = Array.from({ length: 12 }, (_, i) => `l${i}`);
    const edges = [edge('m', 'c', 'config'), ...layers.map((l, i) => edge('m', l, 'layers', i))];
    const { positions } = layoutGraph(['m', 'c', ...[...layers].reverse()], edges);
    const ys = ['c', ...layers].map((id) => positions[id]!.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  it('draws a blob shared by two manifests once, and leaves subject edges out of ranking', () => {
    const edges = [
      edge('top', 'a', 'manifests', 0),
      edge('top', 'b', 'manifests', 1),
      edge('a', 'shared', 'layers'),
      edge('b', 'shared', 'layers'),
      edge('b', 'a', 'subject'),
    ];
    const { positions } = layoutGraph(['top', 'a', 'b', 'shared'], edges);
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'shared', 'top']);
    expect(positions.a!.x).toBe(positions.b!.x);
  });
});

describe('outline layout (a narrow pane)', () => {
  const drawing = (nodeIds: string[], edges: LayoutEdge[], groups: string[] = []) => ({
    nodeIds,
    edges,
    groups: groups.map((id) => ({ id, parent: 'idx', members: [] as string[], total: 0 })),
    key: 'k',
  });

  it('puts one node a row, each indented under the node that points to it, in document order', () => {
    const edges = [
      edge('top', 'idx', 'manifests'),
      edge('idx', 'm2', 'manifests', 1),
      edge('idx', 'm1', 'manifests', 0),
      edge('m1', 'l1', 'layers', 1),
      edge('m1', 'l0', 'layers', 0),
      edge('m1', 'c1', 'config'),
      edge('m2', 'c2', 'config'),
    ];
    const { positions, width, height } = layoutOutline(
      drawing(['c2', 'l1', 'top', 'm2', 'idx', 'l0', 'c1', 'm1'], edges),
    );
    const rows = Object.entries(positions)
      .sort(([, a], [, b]) => a.y - b.y)
      .map(([id, p]) => [id, (p.x - positions.top!.x) / OUTLINE_INDENT]);
    expect(rows).toEqual([
      ['top', 0],
      ['idx', 1],
      ['m1', 2],
      ['c1', 3],
      ['l0', 3],
      ['l1', 3],
      ['m2', 2],
      ['c2', 3],
    ]);
    // No two rows overlap, and the drawing holds them all.
    const ys = rows.map(([id]) => positions[id as string]!.y);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThan(NODE_HEIGHT);
    expect(width).toBeGreaterThanOrEqual(positions.c1!.x + NODE_WIDTH);
    expect(width).toBeLessThan(NODE_WIDTH + 4 * OUTLINE_INDENT + 40);
    expect(height).toBeGreaterThanOrEqual(positions.c2!.y + NODE_HEIGHT);
  });

  it('places a shared blob once, under its first parent; subject edges place nothing', () => {
    const edges = [
      edge('top', 'a', 'manifests', 0),
      edge('top', 'b', 'manifests', 1),
      edge('a', 'shared', 'layers', 0),
      edge('b', 'shared', 'layers', 0),
      edge('sig', 'a', 'subject'),
    ];
    const { positions } = layoutOutline(drawing(['top', 'a', 'b', 'shared', 'sig'], edges));
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'shared', 'sig', 'top']);
    expect(positions.shared!.y).toBeGreaterThan(positions.a!.y);
    expect(positions.shared!.y).toBeLessThan(positions.b!.y);
    // A referrer that only a subject edge joins starts a row of its own at the left.
    expect(positions.sig!.x).toBe(positions.top!.x);
  });

  it('gives a group node its own size, and lays out 10,000 manifests of one index', () => {
    const manifests = Array.from({ length: 10_000 }, (_, i) => `m${i}`);
    const edges = [
      ...manifests.map((m, i) => edge('idx', m, 'manifests', i)),
      edge('idx', 'group:idx', 'manifests', -1),
    ];
    const { positions, height } = layoutOutline(
      drawing(['idx', ...manifests], edges, ['group:idx']),
    );
    expect(positions.m9999!.y).toBeGreaterThan(positions.m0!.y);
    expect(height).toBeGreaterThanOrEqual(10_000 * NODE_HEIGHT + GROUP_HEIGHT);
    expect(positions['group:idx']!.x + GROUP_WIDTH).toBeLessThanOrEqual(
      OUTLINE_INDENT + GROUP_WIDTH + 40,
    );
  });
});
