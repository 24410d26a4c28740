import { describe, expect, it } from 'vitest';
import { formatCount } from './format.ts';

describe('formatCount', () => {
  it('writes integers as en-US does, thousands separated by commas', () => {
    const en = new Intl.NumberFormat('en-US');
    for (const n of [
      0,
      7,
      12,
      999,
      1000,
      1001,
      12_345,
      999_999,
      1_000_000,
      300_000,
      1_234_567_890,
      -1,
      -999,
      -1000,
      -1_234_567,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
    ])
      expect(formatCount(n)).toBe(en.format(n));
  });

  it('hands fractions, huge numbers and non-numbers to Intl', () => {
    expect(formatCount(1234.5)).toBe('1,234.5');
    expect(formatCount(2 ** 60)).toBe(new Intl.NumberFormat('en-US').format(2 ** 60));
    expect(formatCount(Number.NaN)).toBe('NaN');
  });

  it('writes a negative zero as 0 (Intl writes -0)', () => {
    expect(formatCount(-0)).toBe('0');
  });
});
