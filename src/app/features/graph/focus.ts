import type { ImageGraph } from '../../../core/graph/model.ts';
import { defaultFocus } from '../../../worker/graph-collapse.ts';

/** The manifests to keep drawn for a selected node: the node itself for an index or manifest, else the first image holding it. */
export function focusFor(graph: ImageGraph, selected: string): string[] {
  const node = graph.nodes.get(selected);
  if (!node) return defaultFocus(graph.images);
  if (node.kind === 'manifest' || node.kind === 'index') return [selected];
  const img = graph.images.find(
    (i) =>
      i.config?.digest.value === selected ||
      i.layers.some((l) => l.descriptor.digest.value === selected),
  );
  return img ? [img.manifest] : defaultFocus(graph.images);
}

/** The first focus: the selected node's (a deep link), else the worker's default, so its layout is reused. */
export function initialFocus(graph: ImageGraph, selected: string | null): string[] {
  return selected && selected !== graph.top.id
    ? focusFor(graph, selected)
    : defaultFocus(graph.images);
}
