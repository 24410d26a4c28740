/** The overview map's size and its margin from the pane's bottom-right corner (React Flow's default place). */
export const MINIMAP = { width: 150, height: 100, margin: 15 };

/**
 * True when the overview map, drawn in the pane's bottom-right corner, would cover part of a
 * node at this viewport: then it stays hidden unless asked for.
 */
export function minimapCovers(
  pane: { width: number; height: number },
  viewport: { x: number; y: number; zoom: number },
  nodes: readonly {
    position: { x: number; y: number };
    width?: number | undefined;
    height?: number | undefined;
  }[],
): boolean {
  const left = pane.width - MINIMAP.margin - MINIMAP.width;
  const top = pane.height - MINIMAP.margin - MINIMAP.height;
  const right = pane.width - MINIMAP.margin;
  const bottom = pane.height - MINIMAP.margin;
  return nodes.some((n) => {
    const x = n.position.x * viewport.zoom + viewport.x;
    const y = n.position.y * viewport.zoom + viewport.y;
    const w = (n.width ?? 0) * viewport.zoom;
    const h = (n.height ?? 0) * viewport.zoom;
    return x < right && x + w > left && y < bottom && y + h > top;
  });
}
