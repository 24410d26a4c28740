import { createHash } from 'node:crypto';
import { setBlobDigester } from '../core/verify/hash-blob.ts';
import { setHasherFactory } from '../core/verify/hasher.ts';
import { FileBlob } from './file-blob.ts';

/** Use node:crypto for hashing: it uses the CPU's SHA instructions (~5x hash-wasm here). */
export function useNodeHasher(): void {
  setHasherFactory(async (algorithm) => {
    const h = createHash(algorithm);
    return { update: (c) => void h.update(c), digestHex: () => h.digest('hex') };
  });
  // Whole files hash through two reused buffers, the next read beside this chunk's hashing:
  // fresh buffers per chunk cost more in page faults than the hashing itself (measured on the
  // bench image).
  setBlobDigester((blob, algorithm, opts) => {
    if (!(blob instanceof FileBlob)) return null;
    const h = createHash(algorithm);
    let done = 0;
    return blob
      .forEachChunk((chunk) => {
        h.update(chunk);
        done += chunk.length;
        opts.onProgress?.(done, blob.size);
      }, opts.signal)
      .then((bytes) => ({ digest: `${algorithm}:${h.digest('hex')}`, bytes }));
  });
}
