import { Graph, layout } from '@dagrejs/dagre';

import type { CollapsedGraph } from './graph-collapse.ts';
import { GROUP_HEIGHT, GROUP_WIDTH, NODE_HEIGHT, NODE_WIDTH } from './graph-size.ts';

export { NODE_HEIGHT, NODE_WIDTH };

/** What layout needs of an edge. */
export interface LayoutEdge {
  from: string;
  to: string;
  role: 'manifests' | 'config' | 'layers' | 'subject';
  index: number;
}

/** Top-left corner of every node, and the size of the whole drawing. */
export interface GraphLayout {
  positions: Record<string, { x: number; y: number }>;
  width: number;
  height: number;
  /** The drawing this layout is for (`CollapsedGraph.key`), when it was made for a collapsed graph. */
  key?: string;
}

/** Lay out a collapsed graph: its visible nodes and its group nodes (drawn larger). */
export function layoutCollapsed(c: CollapsedGraph): GraphLayout {
  const sizes: Record<string, { width: number; height: number }> = {};
  for (const g of c.groups) sizes[g.id] = { width: GROUP_WIDTH, height: GROUP_HEIGHT };
  const layout = layoutGraph([...c.nodeIds, ...c.groups.map((g) => g.id)], c.edges, sizes);
  return { ...layout, key: c.key };
}

/**
 * Lay the image graph out left to right with dagre (index → manifests → config and layers).
 * `subject` edges point back up the graph and are left out of ranking, so a referrer sits beside
 * its subject's siblings rather than dragging ranks around. Within a column, dagre's slots are
 * kept but nodes are reassigned to them in document order (config first, then layers in order),
 * because readers expect layer 0 above layer 1.
 */
export function layoutGraph(
  nodeIds: readonly string[],
  edges: readonly LayoutEdge[],
  sizes: Readonly<Record<string, { width: number; height: number }>> = {},
): GraphLayout {
  const g = new Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', ranksep: 64, nodesep: 12, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const size = (id: string) => sizes[id] ?? { width: NODE_WIDTH, height: NODE_HEIGHT };
  for (const id of nodeIds) g.setNode(id, size(id));
  const known = new Set(nodeIds);
  const ranked = edges.filter(
    (e) => e.role !== 'subject' && known.has(e.from) && known.has(e.to) && e.from !== e.to,
  );
  for (const e of ranked) if (!g.hasEdge(e.from, e.to)) g.setEdge(e.from, e.to);
  layout(g);

  const centre = new Map<string, { x: number; y: number }>();
  for (const id of nodeIds) {
    const n = g.node(id) as { x: number; y: number };
    centre.set(id, { x: n.x, y: n.y });
  }
  // Only same-sized nodes swap slots: a larger group node keeps the place dagre made for it.
  reorderColumns(
    nodeIds.filter((id) => !sizes[id]),
    ranked,
    centre,
  );

  const positions: Record<string, { x: number; y: number }> = {};
  for (const [id, c] of centre)
    positions[id] = { x: c.x - size(id).width / 2, y: c.y - size(id).height / 2 };
  const info = g.graph() as { width?: number; height?: number };
  return { positions, width: info.width ?? 0, height: info.height ?? 0 };
}

/** Where an edge's target comes among its parent's: the config first, then in the list's order. */
function documentOrder(e: LayoutEdge): number {
  return e.role === 'config' ? -1 : e.index;
}

/** Reassign the nodes of each column to the column's slots, sorted by (first parent's y, order in that parent). */
function reorderColumns(
  nodeIds: readonly string[],
  edges: readonly LayoutEdge[],
  centre: Map<string, { x: number; y: number }>,
): void {
  const firstParent = new Map<string, LayoutEdge>();
  for (const e of edges) if (!firstParent.has(e.to)) firstParent.set(e.to, e);
  const columns = new Map<number, string[]>();
  for (const id of nodeIds) {
    const x = Math.round(centre.get(id)!.x);
    const col = columns.get(x);
    if (col) col.push(id);
    else columns.set(x, [id]);
  }
  // Columns left to right, so each column sorts against its parents' final positions.
  for (const x of [...columns.keys()].sort((a, b) => a - b)) {
    const ids = columns.get(x)!;
    if (ids.length < 2) continue;
    const slots = ids.map((id) => centre.get(id)!.y).sort((a, b) => a - b);
    const key = (id: string): [number, number] => {
      const e = firstParent.get(id);
      if (!e) return [centre.get(id)!.y, 0];
      return [centre.get(e.from)?.y ?? 0, documentOrder(e)];
    };
    const sorted = [...ids].sort((a, b) => {
      const [pa, oa] = key(a);
      const [pb, ob] = key(b);
      return pa - pb || oa - ob;
    });
    sorted.forEach((id, i) => {
      centre.get(id)!.y = slots[i]!;
    });
  }
}

/** How far each level of the outline is indented, and the gap between its rows, in CSS pixels. */
export const OUTLINE_INDENT = 24;
const OUTLINE_GAP = 10;
const OUTLINE_MARGIN = 16;

/**
 * Lay a drawing out as an outline, for a pane too narrow for the left-to-right layout (a phone):
 * one node a row, each indented under the node that points to it, in document order (an index's
 * manifests in order; a manifest's config, then its layers in order). A node reached twice (a
 * shared blob) keeps its first place; `subject` edges do not place anything, and a node that no
 * other edge reaches starts a row of its own at the left. At most a few levels deep, it is about
 * one node wide, so it reads at full size and scrolls down.
 */
export function layoutOutline(c: CollapsedGraph): GraphLayout {
  const sizes = new Map<string, { width: number; height: number }>();
  for (const id of c.nodeIds) sizes.set(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const g of c.groups) sizes.set(g.id, { width: GROUP_WIDTH, height: GROUP_HEIGHT });
  const children = new Map<string, LayoutEdge[]>();
  const reached = new Set<string>();
  for (const e of c.edges) {
    if (e.role === 'subject' || !sizes.has(e.from) || !sizes.has(e.to) || e.from === e.to) continue;
    const list = children.get(e.from);
    if (list) list.push(e);
    else children.set(e.from, [e]);
    reached.add(e.to);
  }
  for (const list of children.values()) list.sort((a, b) => documentOrder(a) - documentOrder(b));

  const positions: Record<string, { x: number; y: number }> = {};
  let y = OUTLINE_MARGIN;
  let width = 0;
  // Depth first, in order, with an explicit stack: an index of 10,000 manifests is one level.
  const place = (root: string): void => {
    const stack: { id: string; depth: number }[] = [{ id: root, depth: 0 }];
    while (stack.length) {
      const { id, depth } = stack.pop()!;
      if (positions[id]) continue;
      const size = sizes.get(id)!;
      const x = OUTLINE_MARGIN + depth * OUTLINE_INDENT;
      positions[id] = { x, y };
      y += size.height + OUTLINE_GAP;
      width = Math.max(width, x + size.width);
      const next = children.get(id) ?? [];
      for (let i = next.length - 1; i >= 0; i--)
        if (!positions[next[i]!.to]) stack.push({ id: next[i]!.to, depth: depth + 1 });
    }
  };
  const all = [...c.nodeIds, ...c.groups.map((g) => g.id)];
  for (const id of all) if (!reached.has(id)) place(id);
  // Whatever only a cycle reaches (nothing should): placed at the left, in order.
  for (const id of all) place(id);
  return {
    positions,
    width: width + OUTLINE_MARGIN,
    height: y - OUTLINE_GAP + OUTLINE_MARGIN,
    key: `outline:${c.key}`,
  };
}
