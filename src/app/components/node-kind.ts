import type { GraphNode, ImageGraph } from '../../core/graph/model.ts';

/**
 * The word a node is called by, first in its accessible name: `index`, `manifest`, `config`,
 * `layer`, `blob`. The top document is the layout's `index` (index.json) or the archive's
 * `manifest` list (manifest.json of a docker save), a pre-1.10 archive's `repositories`, or a
 * registry image's `reference`.
 */
export function nodeKindWord(node: GraphNode): string {
  if (node.kind !== 'top') return node.kind;
  if (node.id === 'index.json') return 'index';
  if (node.id === 'manifest.json') return 'manifest';
  if (node.id === 'repositories') return 'archive';
  // A registry image's top is its reference (`host/repo:tag`).
  return 'reference';
}

/** What a manifest node is reached as: its platform(s) and ref names, from the image summaries. */
export function manifestFacts(
  graph: ImageGraph,
  id: string,
): { platform: string | null; refName: string | null; tags: string[] } | null {
  const img = graph.images.find((i) => i.manifest === id);
  return img ? { platform: img.platform, refName: img.refName, tags: img.tags } : null;
}

/** The parents of a node (who references it), with the role of the reference. */
export function parentsOf(
  graph: ImageGraph,
  id: string,
): { from: string; role: string; index: number }[] {
  return graph.edges
    .filter((e) => e.to === id)
    .map((e) => ({ from: e.from, role: e.role, index: e.index }));
}

/** A short line describing what the node is (platform, ref, labels). */
export function nodeSubtitle(graph: ImageGraph, node: GraphNode): string {
  const parts: string[] = [];
  const facts = node.kind === 'manifest' ? manifestFacts(graph, node.id) : null;
  if (facts?.platform) parts.push(facts.platform);
  if (facts?.refName) parts.push(facts.refName);
  return parts.join(' · ');
}
