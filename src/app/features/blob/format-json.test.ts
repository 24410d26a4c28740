import { describe, expect, it } from 'vitest';
import { formatJson, MAX_INDENT_LEVELS, visibleControls } from './format-json.ts';

describe('formatJson', () => {
  it.each([
    ['{}', '{}'],
    ['[ ]', '[]'],
    ['{"a":1}', '{\n  "a": 1\n}'],
    ['{"a":[1,2],"b":{}}', '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {}\n}'],
    ['{"s":"x, {y}: \\"z\\""}', '{\n  "s": "x, {y}: \\"z\\""\n}'],
    ['  true ', 'true'],
    [
      '{"_type":"https://in-toto.io/Statement/v0.1"}',
      '{\n  "_type": "https://in-toto.io/Statement/v0.1"\n}',
    ],
  ])('%s', (input, want) => {
    expect(formatJson(input)).toEqual({ text: want, truncated: false });
    expect(JSON.parse(formatJson(input).text)).toEqual(JSON.parse(input));
  });

  it('formats a 100,000-deep document without recursion, indents capped', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const { text: out, truncated } = formatJson(deep);
    expect(truncated).toBe(false);
    let widest = 0;
    let opened = 0;
    for (const l of out.split('\n')) {
      widest = Math.max(widest, l.length);
      if (l.endsWith('[')) opened++;
    }
    expect(widest).toBe(MAX_INDENT_LEVELS * 2 + 2);
    expect(opened).toBe(100_000 - 1);
  });

  it('stops once the output passes the limit', () => {
    const r = formatJson(JSON.stringify(Array.from({ length: 1000 }, (_, i) => i)), 100);
    expect(r.truncated).toBe(true);
    expect(r.text.length).toBeLessThan(120);
    expect(r.text.startsWith('[\n  0,\n  1,')).toBe(true);
  });

  it('keeps an unterminated string as it is', () => {
    expect(formatJson('{"a":"b').text).toBe('{\n  "a": "b');
  });
});

describe('visibleControls', () => {
  it.each([
    ['plain\ttext\n', 'plain\ttext\n'],
    ['a\u202eb', 'a⟨U+202E⟩b'],
    ['bell\u0007', 'bell␇'],
    ['nul\u0000del\u007f', 'nul␀del␡'],
  ])('%j', (input, want) => expect(visibleControls(input)).toBe(want));
});
