import { describe, expect, it } from 'vitest';
import { minimapCovers } from './minimap-fit.ts';

const pane = { width: 800, height: 600 };
const node = (x: number, y: number) => ({ position: { x, y }, width: 248, height: 62 });

describe('minimapCovers', () => {
  it.each([
    ['a node in the top-left corner', [node(0, 0)], { x: 0, y: 0, zoom: 1 }, false],
    ['a node under the map', [node(600, 500)], { x: 0, y: 0, zoom: 1 }, true],
    ['the same node panned away', [node(600, 500)], { x: -400, y: -400, zoom: 1 }, false],
    ['the same node zoomed out', [node(600, 500)], { x: 0, y: 0, zoom: 0.5 }, false],
    ['a node just left of the map', [node(386, 500)], { x: 0, y: 0, zoom: 1 }, false],
    ['a node touching it by one pixel', [node(388, 500)], { x: 0, y: 0, zoom: 1 }, true],
  ])('%s', (_, nodes, viewport, covers) => {
    expect(minimapCovers(pane, viewport, nodes)).toBe(covers);
  });
});
