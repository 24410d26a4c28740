import { describe, expect, it } from 'vitest';
import { initialViewport, MIN_READABLE_ZOOM } from './viewport.ts';

describe('initialViewport', () => {
  it.each([
    // pane, drawing → viewport
    ['a small graph, centred at 100 %', [1000, 600], [500, 200], { x: 250, y: 200, zoom: 1 }],
    ['a wide graph, shrunk to fit', [800, 600], [1000, 400], { x: 0, y: 140, zoom: 0.8 }],
    ['a tall column, shrunk to fit', [800, 600], [700, 1000], { x: 190, y: 0, zoom: 0.6 }],
    [
      'a graph too big to read whole: its top-left corner at the floor zoom',
      [800, 600],
      [4000, 4000],
      { x: 0, y: 0, zoom: MIN_READABLE_ZOOM },
    ],
    [
      'too tall only: centred across, top edge down',
      [800, 600],
      [600, 4000],
      { x: 250, y: 0, zoom: MIN_READABLE_ZOOM },
    ],
  ])('%s', (_, [bw, bh], [gw, gh], want) => {
    const v = initialViewport({ width: bw!, height: bh! }, { width: gw!, height: gh! });
    expect(v.zoom).toBeCloseTo(want.zoom);
    expect(v.x).toBeCloseTo(want.x);
    expect(v.y).toBeCloseTo(want.y);
  });
});
