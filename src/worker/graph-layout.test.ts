import { describe, expect, it } from 'vitest';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, type LayoutEdge } from './graph-layout.ts';

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
