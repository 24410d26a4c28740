import { flip } from '../testing/bytes.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../testing/fixtures.ts';
import { gzip, makeTar } from '../testing/tar-writer.ts';
import { sniffCompression, type Compression } from './sniff-compression.ts';

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
