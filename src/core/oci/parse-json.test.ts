import { describe, expect, it } from 'vitest';
import { parseJson } from './parse-json.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('parseJson', () => {
  it.each([
    {
      name: 'an object',
      bytes: utf8('{"a":[1,true,null]}'),
      value: { a: [1, true, null] },
      codes: [],
    },
    {
      name: 'a BOM is stripped, with a warning',
      bytes: Uint8Array.of(0xef, 0xbb, 0xbf, 0x7b, 0x7d),
      value: {},
      codes: ['json-bom'],
    },
    { name: 'non-ASCII text', bytes: utf8('{"é":"日本"}'), value: { é: '日本' }, codes: [] },
    {
      name: 'invalid UTF-8 inside a string still reads',
      bytes: Uint8Array.of(0x22, 0xc3, 0x28, 0x22),
      value: '\ufffd(',
      codes: ['json-invalid-utf8'],
    },
    {
      name: 'gzip bytes',
      bytes: Uint8Array.of(0x1f, 0x8b, 0x08, 0x00),
      value: undefined,
      codes: ['json-invalid-utf8'],
    },
    { name: 'an empty file', bytes: new Uint8Array(0), value: undefined, codes: ['json-invalid'] },
    { name: 'truncated JSON', bytes: utf8('{"a":1'), value: undefined, codes: ['json-invalid'] },
    { name: 'a trailing comma', bytes: utf8('[1,]'), value: undefined, codes: ['json-invalid'] },
  ])('$name', ({ bytes, value, codes }) => {
    const r = parseJson(bytes, 'doc');
    expect(r.value).toEqual(value);
    expect(r.problems.map((p) => p.code)).toEqual(codes);
    for (const p of r.problems) expect(p.where).toBe('doc');
  });

  it.each([
    { text: '{\n  "a": 1\n  "b": 2\n}', where: 'line 3 column 3 (offset 13)' },
    { text: 'invalid JSON', where: 'line 1 column 1 (offset 0); expected a value' },
    { text: '[1,\n]', where: 'line 2 column 1 (offset 4)' },
    { text: '{"a": tru}', where: 'line 1 column 7 (offset 6); expected "true"' },
  ])('names the position of the error in $text', ({ text, where }) => {
    const [p] = parseJson(utf8(text), 'doc').problems;
    expect(p?.code).toBe('json-invalid');
    expect(p?.message).toContain(where);
  });

  it('names the offending byte of invalid UTF-8', () => {
    const [p] = parseJson(Uint8Array.of(0x7b, 0x22, 0xe2, 0x82, 0x7d), 'doc').problems;
    expect(p?.message).toContain('byte 0x7d at offset 4');
  });

  it('never throws on random bytes', () => {
    let seed = 7;
    for (let n = 0; n < 200; n++) {
      const bytes = Uint8Array.from(
        { length: n },
        () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff,
      );
      expect(() => parseJson(bytes, 'doc')).not.toThrow();
    }
  });
});
