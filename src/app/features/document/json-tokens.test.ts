import { describe, expect, it } from 'vitest';
import {
  formattedLines,
  MAX_JSON_DEPTH,
  pathOf,
  storedLines,
  tokenizeJson,
  type JsonLine,
} from './json-tokens.ts';

const join = (t: readonly { text: string }[]): string => t.map((x) => x.text).join('');
const tokens = (text: string) => tokenizeJson(text).tokens;
/** Lines as text, indented two spaces a level (as the view draws them). */
const show = (lines: readonly JsonLine[]): string =>
  lines.map((l) => '  '.repeat(l.depth) + join(l.tokens)).join('\n');

describe('tokenizeJson', () => {
  it.each([
    ['compact', '{"schemaVersion":2,"manifests":[]}'],
    [
      'indented with CRLF',
      '{\r\n  "a": [1, 2.50, -3e+2],\r\n  "b": {"c": null, "d": true}\r\n}\r\n',
    ],
    ['escapes and unicode', '{"k\\"ey":"v\\u00e9\\n","ünï":"名前"}'],
    ['not JSON at all', 'hello <world> {'],
    ['truncated', '{"a": "unterminated'],
  ])('keeps every byte (%s)', (_name, text) => {
    expect(join(tokens(text))).toBe(text);
    expect(
      storedLines(tokens(text))
        .map((l) => join(l.tokens))
        .join('\n'),
    ).toBe(text);
  });

  it('knows which key each value belongs to', () => {
    const t = tokens(
      '{"config":{"mediaType":"application/x","digest":"sha256:ab"},"layers":[{"mediaType":"t"}],"n":3}',
    );
    const mt = t.filter((x) => x.kind === 'string' && x.key === 'mediaType').map((x) => x.value);
    expect(mt).toEqual(['application/x', 't']);
    expect(t.find((x) => x.value === 'sha256:ab')).toMatchObject({
      key: 'digest',
      container: 'config',
    });
    expect(t.find((x) => x.text === '3')).toMatchObject({ kind: 'number', key: 'n' });
  });

  it('gives keys and values their path from the top', () => {
    const t = tokens(
      '{"layers":[{"digest":"a"},{"digest":"b","x":[1,[2]]}],"rootfs":{"diff_ids":["d"]}}',
    );
    const path = (pred: (x: (typeof t)[number]) => boolean) => pathOf(t.find(pred)?.at);
    expect(path((x) => x.value === 'b')).toEqual(['layers', 1, 'digest']);
    expect(path((x) => x.kind === 'key' && x.key === 'digest')).toEqual(['layers', 0, 'digest']);
    expect(path((x) => x.text === '2')).toEqual(['layers', 1, 'x', 1, 0]);
    expect(path((x) => x.kind === 'key' && x.key === 'diff_ids')).toEqual(['rootfs', 'diff_ids']);
    expect(path((x) => x.value === 'd')).toEqual(['rootfs', 'diff_ids', 0]);
  });

  it('marks keys inside an annotations object', () => {
    const t = tokens('{"annotations":{"org.opencontainers.image.created":"2024"},"x":{"y":1}}');
    expect(
      t.find((x) => x.kind === 'key' && x.key === 'org.opencontainers.image.created')?.container,
    ).toBe('annotations');
    expect(t.find((x) => x.kind === 'key' && x.key === 'y')?.container).toBe('x');
  });

  it('marks what is not JSON as invalid, and still colours the rest', () => {
    const t = tokens('{"a": nope, "b": 1}');
    expect(t.some((x) => x.kind === 'invalid' && x.text === 'nope')).toBe(true);
    expect(t.find((x) => x.text === '1')?.kind).toBe('number');
  });

  it('stops at the depth limit: a 100,000-deep document is kept whole, the rest as stored', () => {
    const n = 100_000;
    const text = `${'['.repeat(n)}"x"${']'.repeat(n)}`;
    const { tokens: t, cutAt } = tokenizeJson(text);
    expect(cutAt).toBe(MAX_JSON_DEPTH);
    expect(t.length).toBe(MAX_JSON_DEPTH + 1);
    expect(t.at(-1)).toMatchObject({ kind: 'rest' });
    expect(join(t)).toBe(text);
    const lines = formattedLines(t);
    expect(lines.length).toBe(MAX_JSON_DEPTH + 1);
    expect(lines.at(-1)!.depth).toBe(MAX_JSON_DEPTH);
    expect(join(lines.at(-1)!.tokens)).toBe(text.slice(MAX_JSON_DEPTH));
    expect(join(lines.flatMap((l) => l.tokens))).toBe(text);
  });

  it('reads a 10 MB document whole, and formats it one member a line', () => {
    const item = (i: number): string =>
      `{"digest":"sha256:${i.toString(16).padStart(64, '0')}","size":${i},"ok":true}`;
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 10 << 20; i++) {
      const s = item(i);
      parts.push(s);
      size += s.length + 1;
    }
    const text = `{"layers":[${parts.join(',')}]}`;
    expect(text.length).toBeGreaterThan(10 << 20);
    const { tokens: t, cutAt } = tokenizeJson(text);
    expect(cutAt).toBeNull();
    expect(join(t)).toBe(text);
    const last = t.filter((x) => x.kind === 'string').at(-1)!;
    expect(pathOf(last.at)).toEqual(['layers', parts.length - 1, 'digest']);
    const lines = formattedLines(t);
    // `{`, `"layers": [`, then per item `{` + 3 members + `}`, then `]` and `}`.
    expect(lines.length).toBe(2 + parts.length * 5 + 2);
    expect(
      lines
        .map((l) => join(l.tokens))
        .join('')
        .replace(/: /g, ':'),
    ).toBe(text);
    expect(Math.max(...lines.slice(0, 1000).map((l) => l.depth))).toBe(3);
  });
});

describe('formattedLines', () => {
  it('indents one member a line without changing any token', () => {
    const text = '{"a":[1,{"b":"c"}],"e":{},"f":[]}';
    const t = tokens(text);
    const lines = formattedLines(t);
    expect(show(lines)).toBe(
      '{\n  "a": [\n    1,\n    {\n      "b": "c"\n    }\n  ],\n  "e": {},\n  "f": []\n}',
    );
    const solid = (ts: readonly { kind: string; text: string }[]) =>
      ts.filter((x) => x.kind !== 'space').map((x) => x.text);
    expect(solid(lines.flatMap((l) => l.tokens))).toEqual(solid(t));
  });

  it('formats text that is not JSON without losing it', () => {
    expect(join(formattedLines(tokens('hello')).flatMap((l) => l.tokens))).toBe('hello');
  });
});
