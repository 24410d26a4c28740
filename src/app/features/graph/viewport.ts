/** A React Flow viewport: translation and zoom. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** The smallest zoom a first view uses: below it a node's label cannot be read. */
export const MIN_READABLE_ZOOM = 0.5;

/**
 * A graph pane narrower than this (CSS pixels) draws the outline (`layoutOutline`) when the
 * left-to-right drawing does not fit it at MIN_READABLE_ZOOM: at 390 pixels (a phone) an index,
 * a manifest and its blobs (three columns of 248-pixel nodes, ~900 pixels) were drawn with
 * ~5-pixel labels and the layers past the right edge. Wider panes (a desktop's graph pane is
 * ~490–730 pixels) keep the left-to-right drawing.
 */
export const NARROW_PANE = 600;

/** Whether a pane `paneWidth` wide shows a left-to-right drawing `drawingWidth` wide as an outline. */
export function showsOutline(paneWidth: number, drawingWidth: number): boolean {
  return paneWidth > 0 && paneWidth < NARROW_PANE && drawingWidth * MIN_READABLE_ZOOM > paneWidth;
}

/**
 * The first view of a graph: zoomed to fit the pane (never past 100 %), centred. A drawing too
 * big to fit at a readable zoom starts at its top-left corner, where reading starts (the top
 * document on the left, a manifest's config above its layers), rather than at its middle. An
 * outline (`outline`) is fitted to the pane's width and starts at its top.
 */
export function initialViewport(
  box: { width: number; height: number },
  graph: { width: number; height: number },
  opts: { outline?: boolean } = {},
): Viewport {
  const across = box.width / Math.max(graph.width, 1);
  const zoom = opts.outline
    ? // An outline is read down: fitted to the pane's width (never past 100 %), from its top.
      Math.min(1, across)
    : Math.max(Math.min(across, box.height / Math.max(graph.height, 1), 1), MIN_READABLE_ZOOM);
  // Centred where it fits, else from its left or top edge.
  const x = graph.width * zoom <= box.width ? (box.width - graph.width * zoom) / 2 : 0;
  const y = graph.height * zoom <= box.height ? (box.height - graph.height * zoom) / 2 : 0;
  return { x, y, zoom };
}
