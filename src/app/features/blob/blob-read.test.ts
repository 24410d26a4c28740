import { describe, expect, it } from 'vitest';
import { hexDump, shapeOf } from './blob-read.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const shape = (bytes: Uint8Array, mediaType = 'application/octet-stream') =>
  shapeOf(bytes, bytes.length, mediaType, () => Promise.resolve(bytes));

describe('shapeOf', () => {
  it.each([
    [
      'an in-toto statement',
      enc('{"_type":"https://in-toto.io/Statement/v0.1","subject":[]}'),
      'application/vnd.in-toto+json',
      'json',
    ],
    ['JSON under an unknown media type', enc('[1,2]'), 'application/octet-stream', 'json'],
    ['broken JSON', enc('{"a":'), 'application/json', 'text'],
    ['plain text', enc('hello\nworld\n'), 'text/plain', 'text'],
    [
      'an SVG (text, never a document)',
      enc('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'image/svg+xml',
      'text',
    ],
    [
      'a PNG',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
      'image/png',
      'image',
    ],
    [
      'gzip bytes',
      new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]),
      'application/vnd.oci.image.layer.v1.tar+gzip',
      'hex',
    ],
    ['nothing', new Uint8Array(0), 'application/json', 'empty'],
  ])('%s', async (_, bytes, mediaType, kind) => {
    expect((await shape(bytes, mediaType)).kind).toBe(kind);
  });

  it('formats JSON into lines', async () => {
    const s = await shape(enc('{"a":[1]}'));
    expect(s).toEqual({
      kind: 'json',
      lines: ['{', '  "a": [', '    1', '  ]', '}'],
      truncated: false,
    });
  });
});

describe('hexDump', () => {
  it('lays out offset, bytes and ASCII', () => {
    const bytes = enc('insert bytes here, 20');
    expect(hexDump(bytes, 0x10).split('\n')).toEqual([
      '00000010  69 6e 73 65 72 74 20 62  79 74 65 73 20 68 65 72  |insert bytes her|',
      '00000020  65 2c 20 32 30                                    |e, 20|',
    ]);
  });
});
