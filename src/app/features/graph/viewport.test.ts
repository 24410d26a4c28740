import { describe, expect, it } from 'vitest';
import { initialViewport } from './viewport.ts';

describe('initialViewport', () => {
  it('centres a graph that fits, at most at 100 %', () => {
    expect(
      initialViewport({ width: 1000, height: 600 }, { width: 500, height: 200 }, { x: 0, y: 50 }),
    ).toEqual({ x: 250, y: 200, zoom: 1 });
  });

  it('shrinks a graph to fit down to 75 %', () => {
    const v = initialViewport({ width: 800, height: 600 }, { width: 1000, height: 400 }, undefined);
    expect(v.zoom).toBeCloseTo(0.8);
  });

  it('starts a graph too big to read whole at its left edge, level with the top document', () => {
    const v = initialViewport(
      { width: 800, height: 600 },
      { width: 2000, height: 4000 },
      { x: 16, y: 1969 },
    );
    expect(v.zoom).toBe(0.75);
    expect(v.x).toBe(8);
    const rootOnScreen = v.y + (1969 + 31) * 0.75;
    expect(rootOnScreen).toBeCloseTo(300);
  });
});
