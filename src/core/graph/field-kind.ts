import type { FieldDocumentKind } from '../oci/field-dictionary.ts';
import type { GraphNode } from './model.ts';

/** Which field dictionary explains a node's JSON, or null when its bytes are no known document. */
export function fieldKindOfNode(node: GraphNode): FieldDocumentKind | null {
  if (node.kind === 'top') {
    if (node.id === 'index.json') return 'index';
    if (node.id === 'manifest.json') return 'docker-archive-manifest';
    if (node.id === 'repositories') return 'docker-repositories';
    return null;
  }
  if (node.labels.includes('schema1')) return 'manifest-schema1';
  if (node.kind === 'index' || node.kind === 'manifest' || node.kind === 'config') {
    // A config node of an artifact may hold any JSON; only an image config has these fields.
    return node.kind === 'config' && node.document?.kind !== 'config' ? null : node.kind;
  }
  return null;
}
