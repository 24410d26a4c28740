import { describe, expect, it } from 'vitest';
import {
  completeUtf8Length,
  countNewlines,
  decideView,
  hexRow,
  hexRowCount,
  leadingContinuationBytes,
  looksLikeSvg,
  PAGE_SIZE,
  pageCount,
  pageRange,
  splitLines,
  textOfPage,
} from './file-kind.ts';

const enc = new TextEncoder();
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : p)));

describe('decideView', () => {
  it.each<[string, Uint8Array, number | undefined, string]>([
    ['empty', bytes(), undefined, 'empty'],
    ['ascii text', bytes('hello\nworld\n'), undefined, 'text'],
    ['utf-8 text', bytes('café ✓ 漢字\n'), undefined, 'text'],
    ['utf-8 with a BOM', bytes([0xef, 0xbb, 0xbf], 'x'), undefined, 'text'],
    [
      'tabs, CRLF, form feed, ANSI colours',
      bytes('a\tb\r\n\f\x1b[31mred\x1b[0m\n'),
      undefined,
      'text',
    ],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), undefined, 'image:png'],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0]), undefined, 'image:jpeg'],
    ['gif', bytes('GIF89a', [1, 0]), undefined, 'image:gif'],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), undefined, 'image:webp'],
    [
      'svg',
      bytes('<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
      undefined,
      'image:svg',
    ],
    ['html is text, not svg', bytes('<html><svg></svg></html>'), undefined, 'text'],
    ['an ELF binary', bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), undefined, 'hex'],
    ['ISO-8859-1', bytes('caf', [0xe9], '\n'), undefined, 'hex'],
    ['UTF-16 with a BOM', bytes([0xff, 0xfe, 0x68, 0, 0x69, 0]), undefined, 'hex'],
    ['control characters', bytes('ab\x01\x02cd'), undefined, 'hex'],
    // The first page ends inside "é": fine when the file goes on, not when the file ends there.
    ['a character cut by the page end', bytes('caf', [0xc3]), 100, 'text'],
    ['a character cut by the file end', bytes('caf', [0xc3]), undefined, 'hex'],
  ])('%s → %s', (_name, head, size, want) => {
    const v = decideView(head, size);
    expect(v.kind === 'image' ? `image:${v.image}` : v.kind).toBe(want);
  });

  it('says why a file is shown as hex', () => {
    expect(decideView(bytes('caf', [0xe9]))).toMatchObject({
      reason: expect.stringContaining('ISO-8859-1'),
    });
    expect(decideView(bytes([0x7f, 0]))).toMatchObject({ reason: expect.stringContaining('NUL') });
  });

  it('gives the MIME type for an object URL', () => {
    expect(decideView(bytes([0xff, 0xd8, 0xff]))).toEqual({
      kind: 'image',
      image: 'jpeg',
      mime: 'image/jpeg',
    });
  });
});

describe('UTF-8 at page edges', () => {
  it.each<[string, number[], number]>([
    ['complete ascii', [0x61, 0x62], 2],
    ['a 2-byte char cut after its lead', [0x61, 0xc3], 1],
    ['a complete 2-byte char', [0x61, 0xc3, 0xa9], 3],
    ['a 3-byte char cut after 2 bytes', [0x61, 0xe2, 0x9c], 1],
    ['a 4-byte char cut after 3 bytes', [0xf0, 0x9f, 0x98], 0],
    ['a complete 4-byte char', [0xf0, 0x9f, 0x98, 0x80], 4],
  ])('completeUtf8Length: %s', (_name, b, want) => {
    expect(completeUtf8Length(new Uint8Array(b))).toBe(want);
  });

  it('decodes a text split across pages without losing or garbling a character', () => {
    const all = enc.encode('✓'.repeat(10));
    const [a, b] = [all.subarray(0, 16), all.subarray(16)];
    expect(leadingContinuationBytes(b)).toBe(2);
    expect(textOfPage(a, true, false)).toBe('✓'.repeat(5));
    // The page that starts mid-character skips its tail; the character was shown whole by no
    // page, so the reader lays pages out by decoding from the cut: the 6th ✓ straddles.
    expect(textOfPage(b, false, true)).toBe('✓'.repeat(4));
  });
});

describe('lines and pages', () => {
  it.each<[string, string[]]>([
    ['a\nb\n', ['a', 'b']],
    ['a\r\nb', ['a', 'b']],
    ['', ['']],
    ['\n\n', ['', '']],
    ['one', ['one']],
  ])('splitLines(%j)', (text, want) => {
    expect(splitLines(text)).toEqual(want);
  });

  it('counts newlines to number the lines of later pages', () => {
    expect(countNewlines(bytes('a\nb\nc'))).toBe(2);
  });

  it.each<[number, number, number, { start: number; end: number }]>([
    [0, 0, 1, { start: 0, end: 0 }],
    [10, 0, 1, { start: 0, end: 10 }],
    [PAGE_SIZE, 0, 1, { start: 0, end: PAGE_SIZE }],
    [PAGE_SIZE + 1, 1, 2, { start: PAGE_SIZE, end: PAGE_SIZE + 1 }],
    [3 * PAGE_SIZE, 2, 3, { start: 2 * PAGE_SIZE, end: 3 * PAGE_SIZE }],
    [3 * PAGE_SIZE, 9, 3, { start: 2 * PAGE_SIZE, end: 3 * PAGE_SIZE }], // clamped
    [3 * PAGE_SIZE, -1, 3, { start: 0, end: PAGE_SIZE }],
  ])('size %i page %i of %i', (size, k, pages, range) => {
    expect(pageCount(size)).toBe(pages);
    expect(pageRange(size, k)).toEqual(range);
  });
});

describe('hex rows', () => {
  const data = bytes('\x7fELF', [2, 1, 1, 0], 'abcdefgh', 'tail');

  it.each<[number, number, string, string, string]>([
    [0, 0, '00000000', '7f 45 4c 46 02 01 01 00  61 62 63 64 65 66 67 68', '.ELF....abcdefgh'],
    [1, 0, '00000010', '74 61 69 6c' + ' '.repeat(37), 'tail'],
    [1, 0x10000, '00010010', '74 61 69 6c' + ' '.repeat(37), 'tail'],
  ])('row %i from base %i', (row, base, offsetText, hex, ascii) => {
    const r = hexRow(data, row, base);
    expect(r).toEqual({ offset: base + row * 16, offsetText, hex, ascii });
    expect(r.hex).toHaveLength(16 * 3);
  });

  it('counts rows', () => {
    expect([0, 1, 16, 17, 64 * 1024].map(hexRowCount)).toEqual([0, 1, 1, 2, 4096]);
  });

  it('writes offsets past 4 GiB in full', () => {
    expect(hexRow(data, 0, 2 ** 33).offsetText).toBe('200000000');
  });

  it.each([
    ['<svg width="1"/>', true],
    ['\uFEFF<?xml version="1.0"?><!DOCTYPE svg><svg>', true],
    ['<svgfoo>', false],
    ['plain', false],
  ])('looksLikeSvg(%j) is %s', (text, want) => {
    expect(looksLikeSvg(text)).toBe(want);
  });
});
