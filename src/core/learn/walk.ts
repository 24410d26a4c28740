import type { ImageGraph, ImageSummary } from '../graph/model.ts';

/** Where a step of the walk takes the view: a node of the graph, or an image's merged filesystem. */
export type WalkTarget =
  { view: 'node'; node: string; image: string | null } | { view: 'filesystem'; image: string };

/** One step of the guided walk: where it goes and what it says there. */
export interface WalkStep {
  title: string;
  text: string;
  target: WalkTarget;
}

/** The image a walk follows: the first runnable one (not an attestation, not an artifact). */
export function walkImage(graph: ImageGraph): ImageSummary | null {
  return graph.images.find((i) => !i.attestation && !i.artifactType && i.config) ?? null;
}

/**
 * The lesson's order: the top document, the manifest, the config, the first layer, the merged
 * filesystem. Steps whose part the input lacks are left out.
 */
export function walkSteps(graph: ImageGraph): WalkStep[] {
  const img = walkImage(graph);
  const image = img?.manifest ?? null;
  const steps: WalkStep[] = [
    {
      title: graph.top.id,
      text:
        graph.top.id === 'index.json'
          ? "Start where every tool starts: index.json, the layout's entry point. Its manifests list points, by digest, to what the layout holds."
          : `Start where every tool starts: ${graph.top.id}, the archive's table of contents. It names each image's config and layers.`,
      target: { view: 'node', node: graph.top.id, image },
    },
  ];
  if (!img) return steps;
  if (graph.nodes.has(img.manifest))
    steps.push({
      title: 'The manifest',
      text: `The manifest${img.platform ? ` for ${img.platform}` : ''} is the image's entry point. It holds no files, only references: the config and ${img.layers.length} layer${img.layers.length === 1 ? '' : 's'}, each by digest and size.`,
      target: { view: 'node', node: img.manifest, image },
    });
  if (img.config && graph.nodes.has(img.config.digest.value))
    steps.push({
      title: 'The config',
      text: 'The config is what a runtime reads to create the container: the command (Cmd, Entrypoint), the environment, the history of the build, and rootfs.diff_ids, the hash of each layer once uncompressed.',
      target: { view: 'node', node: img.config.digest.value, image },
    });
  const first = img.layers[0];
  if (first && graph.nodes.has(first.descriptor.digest.value))
    steps.push({
      title: 'A layer',
      text: "A layer is a tar of files, usually gzip-compressed. Its digest hashes the compressed bytes; the config's diff_id hashes the tar inside. Layers are unpacked in order, each on top of the last.",
      target: { view: 'node', node: first.descriptor.digest.value, image },
    });
  steps.push({
    title: 'The merged filesystem',
    text: 'Unpack every layer in order, apply the whiteouts (.wh. files delete, .wh..wh..opq empties a folder), and this is the root filesystem a container starts from.',
    target: { view: 'filesystem', image: img.manifest },
  });
  return steps;
}
