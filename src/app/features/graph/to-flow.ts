import type { Edge, Node } from '@xyflow/react';
import type { GraphNode, ImageGraph } from '../../../core/graph/model.ts';
import type { CollapsedGraph, GraphGroup } from '../../../worker/graph-collapse.ts';
import type { GraphLayout } from '../../../worker/graph-layout.ts';
import { GROUP_HEIGHT, GROUP_WIDTH, NODE_HEIGHT, NODE_WIDTH } from '../../../worker/graph-size.ts';
import { shortMediaType } from '../../components/explain.ts';
import { formatBytes, shortDigest } from '../../components/format.ts';
import { nodeKindWord, nodeSubtitle } from '../../components/node-kind.ts';

/** What a drawn node carries: the graph node and the line under its digest. */
export type OciNodeData = { node: GraphNode; subtitle: string };
/** A drawn blob or document node. */
export type OciFlowNode = Node<OciNodeData, 'oci'>;
/** What a group node carries: the group (an index's hidden manifests). */
export type GroupNodeData = { group: GraphGroup };
/** A drawn group node. */
export type GroupFlowNode = Node<GroupNodeData, 'manifest-group'>;
/** Any drawn node. */
export type FlowNode = OciFlowNode | GroupFlowNode;

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

/**
 * Nodes and edges for @xyflow/react: the drawn part of the graph, positioned by `layout`. In an
 * outline (`layoutOutline`) an edge leaves its node's bottom-left corner for the child's left
 * side, as the lines of a tree do.
 */
export function toFlow(
  graph: ImageGraph,
  drawn: CollapsedGraph,
  layout: GraphLayout,
  outline = false,
): { nodes: FlowNode[]; edges: Edge[] } {
  const nodes: FlowNode[] = [];
  for (const id of drawn.nodeIds) {
    const n = graph.nodes.get(id);
    if (!n) continue;
    nodes.push({
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
    });
  }
  for (const g of drawn.groups) {
    nodes.push({
      id: g.id,
      type: 'manifest-group',
      position: layout.positions[g.id] ?? { x: 0, y: 0 },
      data: { group: g },
      width: GROUP_WIDTH,
      height: GROUP_HEIGHT,
      ariaLabel: `${g.members.length} more manifests of ${g.parent}, as a searchable list`,
      ariaRole: 'group',
      draggable: false,
      connectable: false,
      selectable: false,
      focusable: false,
    });
  }
  const seen = new Set<string>();
  const edges: Edge[] = [];
  for (const e of drawn.edges) {
    const id = `${e.from}>${e.to}>${e.role}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const subject = e.role === 'subject';
    edges.push({
      id,
      source: e.from,
      target: e.to,
      sourceHandle: subject ? 'subject-out' : outline ? 'tree-out' : 'out',
      targetHandle: subject ? 'subject-in' : 'in',
      type: subject || outline ? 'smoothstep' : 'default',
      className: `edge-${e.role}`,
      focusable: false,
      selectable: false,
      ariaLabel: `${e.role} edge from ${e.from} to ${e.to}`,
      ...(e.index < 0 ? { className: 'edge-group' } : {}),
      ...(subject ? { label: 'subject', animated: false } : {}),
    });
  }
  return { nodes, edges };
}
