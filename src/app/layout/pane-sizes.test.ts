import { describe, expect, it } from 'vitest';
import { clampSizes, DEFAULT_SIZES, parseSizes } from './pane-sizes.ts';

describe('parseSizes', () => {
  it.each([
    ['nothing stored', null, DEFAULT_SIZES],
    ['not JSON', '{graph', DEFAULT_SIZES],
    ['not an object', '42', DEFAULT_SIZES],
    [
      'a valid set',
      '{"graph":40,"details":25,"bottom":30}',
      { graph: 40, details: 25, bottom: 30 },
    ],
    ['a missing key takes its default', '{"graph":40}', { ...DEFAULT_SIZES, graph: 40 }],
    ['a string is not a size', '{"graph":"40"}', DEFAULT_SIZES],
    [
      'out of bounds is clamped',
      '{"graph":5,"details":90,"bottom":99}',
      { graph: 20, details: 45, bottom: 75 },
    ],
  ])('%s', (_name, text, want) => {
    expect(parseSizes(text)).toEqual(want);
  });
});

describe('clampSizes', () => {
  it('leaves the filesystem column its share when graph and details both grow', () => {
    const s = clampSizes({ graph: 60, details: 45, bottom: 30 });
    expect(s.graph).toBe(60);
    expect(100 - s.graph - s.details).toBeGreaterThanOrEqual(24);
  });
});
