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
 * Collapse every index with more than `limit` manifests into a group node, keeping visible the
 * children on a path to a `focus` node (the manifest being looked at) and everything reachable
 * from a visible node (a config or layer shared with a hidden manifest is still drawn once).
 * Linear in nodes and edges: it runs in the worker at open and on the page when focus moves.
 */
export function collapseGraph(
  top: string,
  nodeIds: readonly string[],
  edges: readonly LayoutEdge[],
  focus: readonly string[],
  limit = COLLAPSE_AT,
): CollapsedGraph {
  const out = new Map<string, LayoutEdge[]>();
  const parents = new Map<string, string[]>();
  const children = new Map<string, Set<string>>();
  for (const e of edges) {
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
  const hidden = new Map<string, { members: string[]; seen: Set<string> }>();
  const queue = [top];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i]!;
    for (const e of out.get(u) ?? []) {
      if (e.role === 'manifests' && collapsed.has(u) && !keep.has(e.to)) {
        let h = hidden.get(u);
        if (!h) hidden.set(u, (h = { members: [], seen: new Set() }));
        if (!h.seen.has(e.to)) {
          h.seen.add(e.to);
          h.members.push(e.to);
        }
        continue;
      }
      if (visible.has(e.to)) continue;
      visible.add(e.to);
      queue.push(e.to);
    }
  }

  const groups: GraphGroup[] = [];
  const groupEdges: LayoutEdge[] = [];
  for (const [parent, h] of hidden) {
    const members = h.members.filter((m) => !visible.has(m));
    if (members.length === 0) continue;
    const id = groupId(parent);
    groups.push({ id, parent, members, total: children.get(parent)!.size });
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
