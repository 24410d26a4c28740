import type { GraphNode, ImageGraph, ImageSummary } from '../../core/graph/model.ts';

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

// Image summaries by manifest, made once per graph: a lookup per node must not scan every
// image (10,000 nodes × 10,000 images froze the tab).
const byManifest = new WeakMap<ImageGraph, Map<string, ImageSummary>>();

/** The image summary of a manifest (the first path that reaches it), found in constant time. */
export function imageOf(graph: ImageGraph, id: string): ImageSummary | undefined {
  let map = byManifest.get(graph);
  if (!map) {
    map = new Map();
    for (const i of graph.images) if (!map.has(i.manifest)) map.set(i.manifest, i);
    byManifest.set(graph, map);
  }
  return map.get(id);
}

/** What a manifest node is reached as: its platform(s) and ref names, from the image summaries. */
export function manifestFacts(
  graph: ImageGraph,
  id: string,
): { platform: string | null; refName: string | null; tags: string[] } | null {
  const img = imageOf(graph, id);
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
