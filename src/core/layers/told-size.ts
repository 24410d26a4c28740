import type { Compression } from './sniff-compression.ts';

/**
 * Past this inflated-to-compressed ratio a told size is not taken (ordinary layers compress
 * 2-10x; a decompression bomb ~1000x; a tar of 300,000 empty files 82x): such a stream is hashed
 * as it streams, never buffered, so a worker never holds a layer's worth of zeros or headers.
 */
export const BELIEVABLE_RATIO = 20;

/**
 * The uncompressed size a layer blob tells about itself, before it is read: a plain tar's is
 * its own size; a gzip's the trailer's ISIZE (the last 4 bytes: the size mod 2^32, of the last
 * member only when there are several); a zstd's the first frame's content size, when its header
 * holds one. Only a hint (any of them may be wrong, by accident or on purpose): a caller must
 * still cope with a stream of another length. Null when nothing is told, or when the told size
 * is past a believable ratio to the compressed bytes.
 */
export async function toldSize(
  blob: Blob,
  compression: Compression,
  head: Uint8Array,
): Promise<number | null> {
  if (compression === 'tar') return blob.size;
  let told: number | null = null;
  if (compression === 'gzip' && blob.size >= 18) {
    const tail = new Uint8Array(await blob.slice(blob.size - 4).arrayBuffer());
    told = new DataView(tail.buffer, tail.byteOffset, 4).getUint32(0, true);
  } else if (compression === 'zstd') {
    told = zstdContentSize(head);
  }
  if (told === null || told > BELIEVABLE_RATIO * Math.max(blob.size, 1)) return null;
  return told;
}

/** The Frame_Content_Size of the zstd frame at the start of `head` (RFC 8878 3.1.1.1), if present. */
export function zstdContentSize(head: Uint8Array): number | null {
  if (head.length < 5 || head[0] !== 0x28 || head[1] !== 0xb5 || head[2] !== 0x2f) return null;
  if (head[3] !== 0xfd) return null;
  const fhd = head[4]!;
  const fcsFlag = fhd >> 6;
  const singleSegment = (fhd >> 5) & 1;
  const didFlag = fhd & 3;
  const fcsBytes = fcsFlag === 0 ? singleSegment : 1 << fcsFlag;
  if (fcsBytes === 0) return null;
  const at = 5 + (singleSegment ? 0 : 1) + [0, 1, 2, 4][didFlag]!;
  if (head.length < at + fcsBytes) return null;
  const v = new DataView(head.buffer, head.byteOffset + at, fcsBytes);
  switch (fcsBytes) {
    case 1:
      return v.getUint8(0);
    case 2:
      return v.getUint16(0, true) + 256;
    case 4:
      return v.getUint32(0, true);
    default: {
      const big = v.getBigUint64(0, true);
      return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : null;
    }
  }
}
