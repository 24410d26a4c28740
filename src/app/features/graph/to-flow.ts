import type { Edge, Node } from '@xyflow/react';
import type { GraphNode, ImageGraph } from '../../../core/graph/model.ts';
import type { GraphLayout } from '../../../worker/graph-layout.ts';
import { NODE_HEIGHT, NODE_WIDTH } from '../../../worker/graph-size.ts';
import { shortMediaType } from '../../components/explain.ts';
import { formatBytes, shortDigest } from '../../components/format.ts';
import { nodeKindWord, nodeSubtitle } from '../../components/node-kind.ts';

/** What a drawn node carries: the graph node and the line under its digest. */
export type OciNodeData = { node: GraphNode; subtitle: string };
/** A drawn node. */
export type OciFlowNode = Node<OciNodeData, 'oci'>;

/** The line a node box shows under its digest: the subtitle, else its name or media type and size. */
export function nodeDetail(node: GraphNode, subtitle: string): string {
  if (subtitle) return subtitle;
  return node.kind === 'top'
    ? node.id
    : `${shortMediaType(node.mediaType)} · ${formatBytes(node.size)}`;
}

/**
 * The accessible name of a node: first the words its box shows, in order (so a spoken command
 * naming what is seen finds it, WCAG 2.5.3), then the whole digest, then its state.
 */
export function nodeAccessibleName(graph: ImageGraph, node: GraphNode): string {
  const shown = node.digest ? shortDigest(node.digest, 12) : node.id;
  const seen = [
    nodeKindWord(node),
    shown,
    nodeDetail(node, nodeSubtitle(graph, node)),
    ...node.labels,
  ];
  const parts = [seen.join(' ')];
  if (node.digest) parts.push(`digest ${node.digest}`);
  if (!node.present) parts.push('missing');
  if (node.problems.length)
    parts.push(`${node.problems.length} problem${node.problems.length > 1 ? 's' : ''}`);
  return parts.join(', ');
}

/** Nodes and edges for @xyflow/react, positioned by the worker's layout. */
export function toFlow(
  graph: ImageGraph,
  layout: GraphLayout,
): { nodes: OciFlowNode[]; edges: Edge[] } {
  const nodes: OciFlowNode[] = [...graph.nodes.values()].map((n) => ({
    id: n.id,
    type: 'oci',
    position: layout.positions[n.id] ?? { x: 0, y: 0 },
    data: { node: n, subtitle: nodeSubtitle(graph, n) },
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    ariaLabel: nodeAccessibleName(graph, n),
    ariaRole: 'button',
    draggable: false,
    connectable: false,
  }));
  const seen = new Set<string>();
  const edges: Edge[] = [];
  for (const e of graph.edges) {
    if (!graph.nodes.has(e.from) || !graph.nodes.has(e.to)) continue;
    const id = `${e.from}>${e.to}>${e.role}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const subject = e.role === 'subject';
    edges.push({
      id,
      source: e.from,
      target: e.to,
      sourceHandle: subject ? 'subject-out' : 'out',
      targetHandle: subject ? 'subject-in' : 'in',
      type: subject ? 'smoothstep' : 'default',
      className: `edge-${e.role}`,
      focusable: false,
      selectable: false,
      ariaLabel: `${e.role} edge from ${e.from} to ${e.to}`,
      ...(subject ? { label: 'subject', animated: false } : {}),
    });
  }
  return { nodes, edges };
}
