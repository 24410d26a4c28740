import type { ImageGraph, ImageSummary } from '../graph/model.ts';

function parsed(bytes: Uint8Array | null | undefined): unknown {
  if (!bytes) return null;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    // Unparseable documents are the graph's problems to report; here they compare as null.
    return null;
  }
}

/**
 * The parsed documents of one image for a comparison: its manifest, its config, and the index
 * blob that lists it (not the top `index.json` of a layout: that is a folder's list of names,
 * not part of any image).
 */
export function imageDocuments(
  graph: ImageGraph,
  image: ImageSummary,
): { index?: unknown; manifest: unknown; config: unknown } {
  const manifest = parsed(graph.nodes.get(image.manifest)?.bytes);
  const configDigest = image.config?.digest.value;
  const config = configDigest ? parsed(graph.nodes.get(configDigest)?.bytes) : null;
  const parent = graph.edges.find(
    (e) =>
      e.role === 'manifests' &&
      e.to === image.manifest &&
      graph.nodes.get(e.from)?.kind === 'index',
  );
  return parent
    ? { index: parsed(graph.nodes.get(parent.from)?.bytes), manifest, config }
    : { manifest, config };
}
