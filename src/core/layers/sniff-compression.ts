import { decodeTarHeader } from './tar-header.ts';

/** What a layer blob's first bytes say it is; only `gzip`, `zstd` and `tar` are read further. */
export type Compression = 'gzip' | 'zstd' | 'tar' | 'bzip2' | 'xz' | 'unknown';

/** Bytes to pass to `sniffCompression` for a sure answer (one tar header block). */
export const SNIFF_BYTES = 512;

/**
 * Name the format from its magic bytes (pass at least the first 512 bytes): gzip `1f 8b`,
 * zstd `28 b5 2f fd`, tar by the ustar magic at 257 or, for v7 headers, a valid header
 * checksum; bzip2 and xz are recognised only to be reported as unsupported.
 */
export function sniffCompression(head: Uint8Array): Compression {
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  if (startsWith(head, [0x42, 0x5a, 0x68])) return 'bzip2';
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (head.length >= 512 && looksLikeTar(head.subarray(0, 512))) return 'tar';
  return 'unknown';
}

/** Whether a compression value names something this module can decompress. */
export function isReadable(c: Compression): c is 'gzip' | 'zstd' | 'tar' {
  return c === 'gzip' || c === 'zstd' || c === 'tar';
}

function looksLikeTar(block: Uint8Array): boolean {
  // An all-zero first block is an empty archive (just the end marker).
  // With the ustar magic a bad checksum is still a tar (the reader then names the bad header).
  if (startsWith(block.subarray(257), USTAR)) return true;
  return decodeTarHeader(block).kind !== 'bad-checksum';
}

const USTAR = [0x75, 0x73, 0x74, 0x61, 0x72]; // 'ustar'

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false;
  return true;
}

/** The first bytes of some data in hex (`1f 8b 08 00 …`), for a message saying what came instead. */
export function firstBytesHex(head: Uint8Array, count = 8): string {
  return [...head.subarray(0, count)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}
