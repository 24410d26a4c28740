import { describe, expect, it } from 'vitest';
import { decodeName } from './decode-name.ts';
import { hasUnsafe, visible, visibleSegments } from './visible.ts';

describe('visible', () => {
  it.each([
    ['plain', 'usr/bin/env', 'usr/bin/env'],
    ['unicode letters kept', 'café/日本/😀', 'café/日本/😀'],
    ['ESC', 'a\x1b]0;pwned\x07b', 'a\\x1b]0;pwned\\x07b'],
    ['newline and tab named', 'a\nb\tc', 'a\\nb\\tc'],
    ['carriage return', 'a\rb', 'a\\x0db'],
    ['NUL', 'a\0b', 'a\\x00b'],
    ['DEL', 'a\x7fb', 'a\\x7fb'],
    ['C1 (CSI, NEL)', 'a\x9b2Jb\x85', 'a\\x9b2Jb\\x85'],
    ['backslash doubled', 'C:\\x1b', 'C:\\\\x1b'],
    ['RLO', 'evil\u202Etxt.exe', 'evil\\u202etxt.exe'],
    [
      'every direction mark',
      '\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069',
      '\\u061c\\u200e\\u200f\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069',
    ],
    ['escaped non-UTF-8 byte', 'a\udcffb', 'a\\xffb'],
    ['other lone surrogates', '\ud800x\udc00', '\\ud800x\\udc00'],
    ['pair kept', '\ud83d\ude00', '\ud83d\ude00'],
    ['high surrogate at the end', 'x\ud83d', 'x\\ud83d'],
  ])('%s', (_name, input, want) => {
    expect(visible(input)).toBe(want);
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(visible(input)).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  });

  it('never leaves a control character, whatever the input', () => {
    let all = '';
    for (let c = 0; c < 0x200; c++) all += String.fromCharCode(c);
    const out = visible(all);
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(out).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
    expect(out.split('\n')).toHaveLength(1);
  });
});

describe('visibleSegments', () => {
  it.each([
    ['clean', 'abc', [{ text: 'abc', escaped: false }]],
    ['empty', '', []],
    [
      'marks between text',
      'a\x1b\u202eb',
      [
        { text: 'a', escaped: false },
        { text: '\\x1b', escaped: true },
        { text: '\\u202e', escaped: true },
        { text: 'b', escaped: false },
      ],
    ],
    ['backslash', '\\', [{ text: '\\\\', escaped: true }]],
  ])('%s', (_name, input, want) => {
    const segs = visibleSegments(input);
    expect(segs).toEqual(want);
    expect(segs.map((s) => s.text).join('')).toBe(visible(input));
  });
});

describe('decodeName', () => {
  const b = (...xs: number[]): Uint8Array => new Uint8Array(xs);
  it.each([
    ['ascii', b(0x61, 0x62), 'ab'],
    ['valid UTF-8', new TextEncoder().encode('café😀'), 'café😀'],
    ['one invalid byte', b(0x61, 0xff, 0x62), 'a\udcffb'],
    ['Latin-1 name', b(0x63, 0x61, 0x66, 0xe9), 'caf\udce9'],
    ['truncated sequence', b(0xe2, 0x82), '\udce2\udc82'],
    ['overlong slash', b(0xc0, 0xaf), '\udcc0\udcaf'],
    ['encoded surrogate', b(0xed, 0xa0, 0x80), '\udced\udca0\udc80'],
    ['past U+10FFFF', b(0xf4, 0x90, 0x80, 0x80), '\udcf4\udc90\udc80\udc80'],
    ['valid after invalid', b(0xff, 0xc3, 0xa9), '\udcffé'],
  ])('%s', (_name, input, want) => {
    expect(decodeName(input)).toBe(want);
  });

  it('keeps two names that differ only in invalid bytes apart, and shows the bytes', () => {
    const one = decodeName(b(0x61, 0xfe));
    const two = decodeName(b(0x61, 0xff));
    expect(one).not.toBe(two);
    expect(visible(one)).toBe('a\\xfe');
    expect(visible(two)).toBe('a\\xff');
    expect(one).not.toContain('\ufffd');
  });
});

describe('visibleSegments on a screen (marks styled, backslashes kept)', () => {
  const SCREEN = { backslash: false } as const;
  it.each([
    ['plain', 'abc', [['abc', false]]],
    ['a JSON escape stays as written', '"a\\u001b"', [['"a\\u001b"', false]]],
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
        ['\\n', true],
        ['b', false],
      ],
    ],
    ['unicode kept', 'é名前', [['é名前', false]]],
  ] as const)('%s', (_n, text, want) => {
    expect(visibleSegments(text, SCREEN).map((x) => [x.text, x.escaped])).toEqual(want);
    expect(hasUnsafe(text, SCREEN)).toBe(want.some(([, e]) => e));
  });
});
