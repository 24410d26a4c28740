import type { Descriptor } from '../oci/types.ts';
import type { GraphNode, ImageGraph } from './model.ts';

/** A descriptor that carries its content in `data`, and the node of the document that holds it. */
export interface EmbeddedData {
  node: GraphNode;
  descriptor: Descriptor & { data: Uint8Array };
}

/**
 * Every descriptor with embedded `data` in the graph's indexes and manifests (config, layers,
 * index entries and `subject`), once per document and digest, in document order.
 */
export function embeddedData(graph: ImageGraph): EmbeddedData[] {
  const out: EmbeddedData[] = [];
  for (const node of graph.nodes.values()) {
    const doc = node.document;
    if (!doc || (doc.kind !== 'manifest' && doc.kind !== 'index')) continue;
    const list: Descriptor[] =
      doc.kind === 'manifest' ? [doc.config, ...doc.layers] : [...doc.manifests];
    if (doc.subject) list.push(doc.subject);
    const seen = new Set<string>();
    for (const d of list) {
      if (!hasData(d) || seen.has(d.digest.value)) continue;
      seen.add(d.digest.value);
      out.push({ node, descriptor: d });
    }
  }
  return out;
}

function hasData(d: Descriptor): d is Descriptor & { data: Uint8Array } {
  return d.data !== undefined;
}
