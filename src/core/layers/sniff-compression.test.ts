import { flip } from '../testing/bytes.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../testing/fixtures.ts';
import { gzip, makeTar } from '../testing/tar-writer.ts';
import { firstBytesHex, sniffCompression, type Compression } from './sniff-compression.ts';

describe('sniffCompression', () => {
  const hello: [string, Compression][] = [
    ['Hello.gz', 'gzip'],
    ['Hello.zst', 'zstd'],
    ['Hello.bz2', 'bzip2'],
    ['Hello.xz', 'xz'],
    ['Hello.uncompressed', 'unknown'],
  ];
  it.each(hello)('containers-image compression/%s is %s', (file, want) => {
    const bytes = readFileSync(fixturePath(`containers-image/compression/${file}`));
    expect(sniffCompression(bytes)).toBe(want);
  });

  const badSum = flip(makeTar([{ path: 'a' }]), 0, 1);
  const v7BadSum = flip(makeTar([{ path: 'a' }], { format: 'v7' }), 0, 1);
  const built: [string, Uint8Array, Compression][] = [
    ['ustar tar', makeTar([{ path: 'a', content: 'x' }]), 'tar'],
    ['GNU tar', makeTar([{ path: 'a' }], { format: 'gnu' }), 'tar'],
    ['v7 tar (no magic, valid checksum)', makeTar([{ path: 'a' }], { format: 'v7' }), 'tar'],
    ['empty tar (zero blocks only)', makeTar([]), 'tar'],
    ['ustar magic with a bad checksum (the reader names the header)', badSum, 'tar'],
    ['v7 header with a bad checksum', v7BadSum, 'unknown'],
    ['gzip of a tar', gzip(makeTar([{ path: 'a' }])), 'gzip'],
    ['JSON', new TextEncoder().encode(`{"schemaVersion":2${' '.repeat(600)}}`), 'unknown'],
    ['nothing', new Uint8Array(0), 'unknown'],
    ['less than a block of text', new TextEncoder().encode('hello'), 'unknown'],
  ];
  it.each(built)('%s', (_name, bytes, want) => {
    expect(sniffCompression(bytes)).toBe(want);
  });
});

describe('firstBytesHex', () => {
  it.each([
    [[0x1f, 0x8b, 0x08, 0x00], 8, '1f 8b 08 00'],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 8, '01 02 03 04 05 06 07 08'],
    [[0xff], 4, 'ff'],
    [[], 8, ''],
  ])('%j → %s', (bytes, count, want) => {
    expect(firstBytesHex(new Uint8Array(bytes), count)).toBe(want);
  });
});
