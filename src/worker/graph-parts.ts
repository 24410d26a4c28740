import type { GraphEdge, GraphNode, ImageGraph, ImageSummary } from '../core/graph/model.ts';

/** Part of a graph sent ahead of the message that completes it: some nodes, edges or images. */
export interface GraphPart {
  nodes: GraphNode[];
  edges: GraphEdge[];
  images: ImageSummary[];
}

/** Items per part: a part of 1,000 manifest nodes takes the page ~10–20 ms to receive. */
export const PART_SIZE = 1000;

/**
 * Split a graph into parts to post one by one and what is left to post with the last message
 * (the graph with its lists emptied). A graph within one part is left whole (no parts).
 */
export function splitGraph(
  graph: ImageGraph,
  size = PART_SIZE,
): { parts: GraphPart[]; rest: ImageGraph } {
  const nodes = [...graph.nodes.values()];
  if (nodes.length + graph.edges.length + graph.images.length <= size)
    return { parts: [], rest: graph };
  const parts: GraphPart[] = [];
  const chunk = <T>(xs: readonly T[], key: keyof GraphPart): void => {
    for (let i = 0; i < xs.length; i += size) {
      const part: GraphPart = { nodes: [], edges: [], images: [] };
      (part[key] as T[]) = xs.slice(i, i + size);
      parts.push(part);
    }
  };
  chunk(nodes, 'nodes');
  chunk(graph.edges, 'edges');
  chunk(graph.images, 'images');
  return { parts, rest: { ...graph, nodes: new Map(), edges: [], images: [] } };
}

/** The graph put back together: the parts in the order they came, then what the last message held. */
export function joinGraph(parts: readonly GraphPart[], rest: ImageGraph): ImageGraph {
  if (parts.length === 0) return rest;
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const images: ImageSummary[] = [];
  for (const p of parts) {
    for (const n of p.nodes) nodes.set(n.id, n);
    for (const e of p.edges) edges.push(e);
    for (const i of p.images) images.push(i);
  }
  for (const [id, n] of rest.nodes) nodes.set(id, n);
  // The top node is the same object as `nodes`' first entry in the worker; keep it so here.
  const top = nodes.get(rest.top.id) ?? rest.top;
  return {
    ...rest,
    top,
    nodes,
    edges: [...edges, ...rest.edges],
    images: [...images, ...rest.images],
  };
}
