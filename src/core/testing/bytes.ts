/** Deterministic pseudo-random letters: compressible (~60 %) but never trivially, so deflate makes real Huffman blocks. */
export function noise(n: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  let x = seed | 0 || 1;
  for (let i = 0; i < n; i++) {
    // xorshift32
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = 97 + ((x >>> 0) % 12);
  }
  return out;
}

/** Whether two byte arrays are equal (fast: vitest's deep equality is slow on large typed arrays). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** A copy of `bytes` with `mask` XORed into the byte at `index` (to corrupt data on purpose). */
export function flip(bytes: Uint8Array, index: number, mask = 0xff): Uint8Array<ArrayBuffer> {
  const out = bytes.slice();
  out[index] = out[index]! ^ mask;
  return out;
}

/** A Blob of byte arrays (whatever their buffer type). */
export function blobOf(...parts: Uint8Array[]): Blob {
  return new Blob(parts.map((p) => p.slice()));
}
