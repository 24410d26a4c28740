import { describe, expect, it } from 'vitest';
import { hasHidden, visibleSegments } from './visible-marks.ts';

describe('visibleSegments', () => {
  it.each([
    ['plain', 'abc', [['abc', false]]],
    ['empty', '', [['', false]]],
    [
      'ESC',
      'a\u001b[2Jb',
      [
        ['a', false],
        ['\\x1b', true],
        ['[2Jb', false],
      ],
    ],
    [
      'BEL and DEL',
      '\u0007\u007f',
      [
        ['\\x07', true],
        ['\\x7f', true],
      ],
    ],
    [
      'C1',
      'x\u009b',
      [
        ['x', false],
        ['\\x9b', true],
      ],
    ],
    [
      'RLO',
      'evil\u202egnp.exe',
      [
        ['evil', false],
        ['\\u202e', true],
        ['gnp.exe', false],
      ],
    ],
    [
      'isolates and marks',
      '\u2066\u200f\u061c',
      [
        ['\\u2066', true],
        ['\\u200f', true],
        ['\\u061c', true],
      ],
    ],
    [
      'newline',
      'a\nb',
      [
        ['a', false],
        ['\\x0a', true],
        ['b', false],
      ],
    ],
    ['unicode kept', 'é名前', [['é名前', false]]],
  ] as const)('%s', (_n, text, want) => {
    expect(visibleSegments(text).map((s) => [s.text, s.escaped])).toEqual(want);
    expect(hasHidden(text)).toBe(want.some(([, e]) => e));
  });
});
