import { describe, expect, it } from 'vitest';
import { initialViewport, MIN_READABLE_ZOOM, NARROW_PANE, showsOutline } from './viewport.ts';

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

describe('initialViewport of an outline', () => {
  it.each([
    [
      'narrower than the pane: centred across, from the top',
      [390, 600],
      [352, 2000],
      { x: 19, y: 0, zoom: 1 },
    ],
    [
      'wider than the pane: fitted to its width',
      [300, 600],
      [352, 2000],
      { x: 0, y: 0, zoom: 300 / 352 },
    ],
    ['short: centred both ways', [390, 600], [352, 400], { x: 19, y: 100, zoom: 1 }],
  ])('%s', (_, [bw, bh], [gw, gh], want) => {
    const v = initialViewport(
      { width: bw!, height: bh! },
      { width: gw!, height: gh! },
      { outline: true },
    );
    expect(v.zoom).toBeCloseTo(want.zoom);
    expect(v.x).toBeCloseTo(want.x);
    expect(v.y).toBeCloseTo(want.y);
  });

  it('is for narrow panes the left-to-right drawing does not fit at a readable zoom', () => {
    // An index, a manifest and its blobs: three columns of nodes and two gaps between them.
    const threeColumns = 3 * 248 + 2 * 64 + 32;
    expect(showsOutline(390, threeColumns)).toBe(true); // a phone
    expect(showsOutline(486, threeColumns)).toBe(false); // fits at the floor zoom
    expect(showsOutline(486, 4 * 248 + 3 * 64 + 32)).toBe(true); // an index of indexes does not
    expect(showsOutline(NARROW_PANE, 4000)).toBe(false); // a desktop's pane keeps it
    expect(showsOutline(0, threeColumns)).toBe(false); // not measured yet
  });
});
