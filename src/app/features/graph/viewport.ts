import { NODE_HEIGHT } from '../../../worker/graph-size.ts';

/** A React Flow viewport: translation and zoom. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The first view of a graph: zoomed to fit, but never so small that labels cannot be read
 * (0.75); a graph too big for that starts at its left edge, level with the top document,
 * where reading starts.
 */
export function initialViewport(
  box: { width: number; height: number },
  graph: { width: number; height: number },
  root: { x: number; y: number } | undefined,
): Viewport {
  const fit = Math.min(
    box.width / Math.max(graph.width, 1),
    box.height / Math.max(graph.height, 1),
    1,
  );
  const zoom = Math.max(fit, 0.75);
  const x = graph.width * zoom <= box.width ? (box.width - graph.width * zoom) / 2 : 8;
  if (graph.height * zoom <= box.height)
    return { x, y: (box.height - graph.height * zoom) / 2, zoom };
  const rootCentre = (root?.y ?? 0) + NODE_HEIGHT / 2;
  const y = Math.min(
    8,
    Math.max(box.height - graph.height * zoom - 8, box.height / 2 - rootCentre * zoom),
  );
  return { x, y, zoom };
}
