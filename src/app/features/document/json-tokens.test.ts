import { describe, expect, it } from 'vitest';
import { indentTokens, tokenizeJson } from './json-tokens.ts';

const join = (t: { text: string }[]): string => t.map((x) => x.text).join('');

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
    expect(join(tokenizeJson(text))).toBe(text);
  });

  it('knows which key each value belongs to', () => {
    const t = tokenizeJson(
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

  it('marks keys inside an annotations object', () => {
    const t = tokenizeJson(
      '{"annotations":{"org.opencontainers.image.created":"2024"},"x":{"y":1}}',
    );
    expect(
      t.find((x) => x.kind === 'key' && x.key === 'org.opencontainers.image.created')?.container,
    ).toBe('annotations');
    expect(t.find((x) => x.kind === 'key' && x.key === 'y')?.container).toBe('x');
  });

  it('gives array items the array key', () => {
    const t = tokenizeJson('{"diff_ids":["sha256:1","sha256:2"]}');
    expect(
      t.filter((x) => x.key === 'diff_ids' && x.kind === 'string').map((x) => x.value),
    ).toEqual(['sha256:1', 'sha256:2']);
  });

  it('marks what is not JSON as invalid, and still colours the rest', () => {
    const t = tokenizeJson('{"a": nope, "b": 1}');
    expect(t.some((x) => x.kind === 'invalid' && x.text === 'nope')).toBe(true);
    expect(t.find((x) => x.text === '1')?.kind).toBe('number');
  });
});

describe('indentTokens', () => {
  it('re-indents without changing any token', () => {
    const text = '{"a":[1,{"b":"c"}],"e":{},"f":[]}';
    const tokens = tokenizeJson(text);
    const indented = indentTokens(tokens);
    expect(join(indented)).toBe(
      '{\n  "a": [\n    1,\n    {\n      "b": "c"\n    }\n  ],\n  "e": {},\n  "f": []\n}',
    );
    const solid = (ts: { kind: string; text: string }[]) =>
      ts.filter((x) => x.kind !== 'space').map((x) => x.text);
    expect(solid(indented)).toEqual(solid(tokens));
  });
});
