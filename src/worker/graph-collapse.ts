import { defaultImage, type RunnableFacts } from '../core/graph/choose-image.ts';
import type { LayoutEdge } from './graph-layout.ts';

/**
 * An index listing more manifests than this draws them as one group node (searchable, each
 * one a click away) instead of a node each: regclient's testrepo (92 nodes, at most 6 per index)
 * stays whole, a 10,000-manifest index becomes a handful of nodes.
 */
export const COLLAPSE_AT = 24;

/** The id of the group node that stands for an index's hidden manifests. */
export const groupId = (indexId: string): string => `group:${indexId}`;

/** Manifests of one index drawn as one node: the ones not shown, in index order. */
export interface GraphGroup {
  id: string;
  /** The index (or top document) that lists them. */
  parent: string;
  /** The hidden children, in the parent's order. */
  members: string[];
  /** How many manifests the parent lists in all (shown ones included). */
  total: number;
}

/** What is drawn: the visible nodes, the groups, and the edges between them. */
export interface CollapsedGraph {
  nodeIds: string[];
  groups: GraphGroup[];
  edges: LayoutEdge[];
  /** Names the drawing (which nodes and groups), so a layout made for it can be reused. */
  key: string;
}

/**
 * The edges of a graph arranged for collapsing: out-edges and parents of each node, and each
 * index's manifests. It depends on the graph alone, so the page builds it once (in slices, see
 * collapseIndexSteps) and each move of the focus then costs only the visible part.
 */
export interface CollapseIndex {
  out: Map<string, LayoutEdge[]>;
  parents: Map<string, string[]>;
  children: Map<string, Set<string>>;
}

/** Builds the CollapseIndex, pausing (yielding) after every `every` edges. */
export function* collapseIndexSteps(
  edges: readonly LayoutEdge[],
  every = Infinity,
): Generator<void, CollapseIndex, void> {
  const out = new Map<string, LayoutEdge[]>();
  const parents = new Map<string, string[]>();
  const children = new Map<string, Set<string>>();
  for (let i = 0; i < edges.length; i++) {
    if (i > 0 && i % every === 0) yield;
    const e = edges[i]!;
    if (e.role === 'subject') continue;
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
    const ps = parents.get(e.to);
    if (ps) ps.push(e.from);
    else parents.set(e.to, [e.from]);
    if (e.role === 'manifests') {
      const cs = children.get(e.from);
      if (cs) cs.add(e.to);
      else children.set(e.from, new Set([e.to]));
    }
  }
  return { out, parents, children };
}

/** The CollapseIndex in one go. */
export function buildCollapseIndex(edges: readonly LayoutEdge[]): CollapseIndex {
  const steps = collapseIndexSteps(edges);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Collapse every index with more than `limit` manifests into a group node, keeping visible the
 * children on a path to a `focus` node (the manifest being looked at) and everything reachable
 * from a visible node (a config or layer shared with a hidden manifest is still drawn once).
 * Linear in nodes and edges: it runs in the worker at open; the page, when the focus moves,
 * passes the graph's CollapseIndex built beforehand (building it is most of the cost).
 */
export function collapseGraph(
  top: string,
  nodeIds: readonly string[],
  edges: readonly LayoutEdge[],
  focus: readonly string[],
  limit = COLLAPSE_AT,
  index: CollapseIndex = buildCollapseIndex(edges),
): CollapsedGraph {
  const { out, parents, children } = index;
  const collapsed = new Set<string>();
  for (const [id, cs] of children) if (cs.size > limit) collapsed.add(id);

  // Every node on a path from the top to a focus node stays visible.
  const keep = new Set<string>();
  const up = [...focus];
  while (up.length) {
    const id = up.pop()!;
    if (keep.has(id)) continue;
    keep.add(id);
    for (const p of parents.get(id) ?? []) up.push(p);
  }

  const visible = new Set<string>([top]);
  // Collapsed indexes reached, in the order they are reached (their groups' order).
  const reached: string[] = [];
  const queue = [top];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i]!;
    const folds = collapsed.has(u);
    if (folds) reached.push(u);
    for (const e of out.get(u) ?? []) {
      if (folds && e.role === 'manifests' && !keep.has(e.to)) continue;
      if (visible.has(e.to)) continue;
      visible.add(e.to);
      queue.push(e.to);
    }
  }

  const groups: GraphGroup[] = [];
  const groupEdges: LayoutEdge[] = [];
  for (const parent of reached) {
    // Each manifest once, in the index's order; one drawn by another path is not in the group.
    const listed = children.get(parent)!;
    const members: string[] = [];
    for (const m of listed) if (!keep.has(m) && !visible.has(m)) members.push(m);
    if (members.length === 0) continue;
    const id = groupId(parent);
    groups.push({ id, parent, members, total: listed.size });
    groupEdges.push({ from: parent, to: id, role: 'manifests', index: -1 });
  }
  const ids = nodeIds.filter((id) => visible.has(id));
  const shown = edges.filter((e) => visible.has(e.from) && visible.has(e.to));
  return {
    nodeIds: ids,
    groups,
    edges: [...shown, ...groupEdges],
    key: [...ids, ...groups.map((g) => `${g.id}:${g.members.length}`)].join('\n'),
  };
}

/** The manifests to keep in view when nothing is chosen: the index's default image (core's one rule). */
export function defaultFocus(images: readonly (RunnableFacts & { manifest: string })[]): string[] {
  const first = defaultImage(images);
  return first ? [first.manifest] : [];
}
