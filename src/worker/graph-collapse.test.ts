import { describe, expect, it } from 'vitest';
import type { ImageConfig } from '../core/oci/types.ts';
import { collapseGraph, defaultFocus, groupId } from './graph-collapse.ts';
import type { LayoutEdge } from './graph-layout.ts';

const edge = (from: string, to: string, role: LayoutEdge['role'], index = 0): LayoutEdge => ({
  from,
  to,
  role,
  index,
});

/** top → n manifests, each → its own config and one shared layer. */
function wide(n: number) {
  const ms = Array.from({ length: n }, (_, i) => `m${i}`);
  const nodes = ['top', ...ms, ...ms.map((m) => `c-${m}`), 'shared'];
  const edges = ms.flatMap((m, i) => [
    edge('top', m, 'manifests', i),
    edge(m, `c-${m}`, 'config'),
    edge(m, 'shared', 'layers'),
  ]);
  return { nodes, edges, ms };
}

describe('collapseGraph', () => {
  it.each([
    // manifests, limit, focus → visible manifests, group members
    [3, 5, [], ['m0', 'm1', 'm2'], 0],
    [5, 5, [], ['m0', 'm1', 'm2', 'm3', 'm4'], 0],
    [6, 5, [], [], 6],
    [6, 5, ['m3'], ['m3'], 5],
    [10_000, 24, ['m9999'], ['m9999'], 9_999],
    [10_000, 24, ['m1', 'm2'], ['m1', 'm2'], 9_998],
  ])('%i manifests, limit %i, focus %j', (n, limit, focus, shown, members) => {
    const g = wide(n);
    const c = collapseGraph('top', g.nodes, g.edges, focus, limit);
    expect(c.nodeIds.filter((id) => /^m\d+$/.test(id))).toEqual(shown);
    expect(c.groups.reduce((s, x) => s + x.members.length, 0)).toBe(members);
    if (members) {
      expect(c.groups[0]).toMatchObject({ id: groupId('top'), parent: 'top', total: n });
      expect(c.edges).toContainEqual(edge('top', groupId('top'), 'manifests', -1));
    }
    // A hidden manifest's own config is hidden with it; a shown one's config is drawn.
    for (const m of shown) expect(c.nodeIds).toContain(`c-${m}`);
    expect(c.nodeIds.filter((id) => id.startsWith('c-'))).toHaveLength(shown.length);
    // Every edge joins two drawn things.
    const drawn = new Set([...c.nodeIds, ...c.groups.map((x) => x.id)]);
    for (const e of c.edges) expect(drawn.has(e.from) && drawn.has(e.to)).toBe(true);
  });

  it('keeps a nested index on the path to the focus, and collapses its own long list', () => {
    const inner = Array.from({ length: 30 }, (_, i) => `i${i}`);
    const outer = Array.from({ length: 30 }, (_, i) => `o${i}`);
    const edges = [
      ...outer.map((m, i) => edge('top', m, 'manifests', i)),
      edge('top', 'idx', 'manifests', 30),
      ...inner.map((m, i) => edge('idx', m, 'manifests', i)),
    ];
    const c = collapseGraph('top', ['top', ...outer, 'idx', ...inner], edges, ['i7'], 24);
    expect(c.nodeIds).toEqual(['top', 'idx', 'i7']);
    expect(c.groups.map((g) => [g.parent, g.members.length])).toEqual([
      ['top', 30],
      ['idx', 29],
    ]);
  });

  it('draws a manifest that a visible index also lists, and leaves it out of the group', () => {
    const ms = Array.from({ length: 30 }, (_, i) => `m${i}`);
    const edges = [
      ...ms.map((m, i) => edge('top', m, 'manifests', i)),
      edge('top', 'small', 'manifests', 30),
      edge('small', 'm5', 'manifests', 0),
    ];
    const c = collapseGraph('top', ['top', ...ms, 'small'], edges, ['small'], 24);
    expect(c.nodeIds).toEqual(['top', 'm5', 'small']);
    expect(c.groups[0]!.members).not.toContain('m5');
    expect(c.groups[0]!.members).toHaveLength(29);
  });

  it('keeps subject edges only between drawn nodes, and names the drawing by its key', () => {
    const g = wide(30);
    const edges = [...g.edges, edge('m1', 'm0', 'subject')];
    const a = collapseGraph('top', g.nodes, edges, ['m1'], 24);
    expect(a.edges.some((e) => e.role === 'subject')).toBe(false);
    const b = collapseGraph('top', g.nodes, edges, ['m1', 'm0'], 24);
    expect(b.edges).toContainEqual(edge('m1', 'm0', 'subject'));
    expect(a.key).not.toBe(b.key);
    expect(collapseGraph('top', g.nodes, edges, ['m1'], 24).key).toBe(a.key);
  });
});

describe('defaultFocus', () => {
  it('takes the default image: skips attestations, artifacts and unreadable configs, else the first', () => {
    const config = { os: 'linux', architecture: 'amd64' } as ImageConfig;
    const img = (manifest: string, attestation = false, artifactType: string | null = null) => ({
      manifest,
      attestation,
      artifactType,
      configDocument: config,
    });
    expect(defaultFocus([img('a', true), img('b')])).toEqual(['b']);
    expect(defaultFocus([img('a', false, 'x'), img('b', true)])).toEqual(['a']);
    expect(defaultFocus([{ ...img('a'), configDocument: null }, img('b')])).toEqual(['b']);
    expect(defaultFocus([])).toEqual([]);
  });
});
