/** A React Flow viewport: translation and zoom. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** The smallest zoom a first view uses: below it a node's label cannot be read. */
export const MIN_READABLE_ZOOM = 0.5;

/**
 * The first view of a graph: zoomed to fit the pane (never past 100 %), centred. A drawing too
 * big to fit at a readable zoom starts at its top-left corner, where reading starts (the top
 * document on the left, a manifest's config above its layers), rather than at its middle.
 */
export function initialViewport(
  box: { width: number; height: number },
  graph: { width: number; height: number },
): Viewport {
  const fit = Math.min(
    box.width / Math.max(graph.width, 1),
    box.height / Math.max(graph.height, 1),
    1,
  );
  const zoom = Math.max(fit, MIN_READABLE_ZOOM);
  const x = graph.width * zoom <= box.width ? (box.width - graph.width * zoom) / 2 : 0;
  const y = graph.height * zoom <= box.height ? (box.height - graph.height * zoom) / 2 : 0;
  return { x, y, zoom };
}
