import type { GraphNode, ImageGraph } from '../../../core/graph/model.ts';
import { parentsOf } from '../../components/node-kind.ts';
import { tokenizeJson } from './json-tokens.ts';
import type { InferredFacts } from './json-view.tsx';

/** Whether a document names its own media type (a top-level `mediaType` member). */
export function declaresMediaType(bytes: Uint8Array): boolean {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return tokenizeJson(text).tokens.some(
    (t) => t.kind === 'key' && t.at?.depth === 1 && t.key === 'mediaType',
  );
}

/**
 * What the tool supplied rather than read for a node's document: a manifest it wrote itself
 * (docker archives carry none), or a media type the document does not state (taken from the
 * descriptor that points at it, or, for index.json, from the image layout spec).
 */
export function inferredFacts(graph: ImageGraph, node: GraphNode): InferredFacts {
  const out: InferredFacts = {};
  if (node.synthesized) {
    out.document =
      'written by this tool: a docker archive carries no manifest, so this one is made from its manifest.json entry; its digest is of these bytes, not of anything in the archive.';
    return out;
  }
  if (!node.bytes || declaresMediaType(node.bytes)) return out;
  if (node.kind === 'top' && node.id === 'index.json') {
    out.mediaType = {
      value: node.mediaType,
      why: 'the image layout spec makes index.json an image index, and the file does not say so itself.',
    };
  } else if (node.kind === 'index' || node.kind === 'manifest') {
    const from = parentsOf(graph, node.id)[0];
    out.mediaType = {
      value: node.mediaType,
      why: from
        ? `taken from the descriptor that points at it (in ${from.from}).`
        : 'taken from the descriptor that points at it.',
    };
  }
  return out;
}
