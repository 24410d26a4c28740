import { createSHA256, createSHA512 } from 'hash-wasm';
import type { KnownAlgorithm } from '../oci/digest.ts';

/** An incremental hash: feed chunks, then read the lowercase hex digest once. */
export interface Hasher {
  update(chunk: Uint8Array): void;
  digestHex(): string;
}

/** Lowercase hex of a digest's bytes (as WebCrypto's `digest` returns them). */
export function hexOf(bytes: ArrayBuffer | Uint8Array): string {
  let out = '';
  for (const b of bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes))
    out += b.toString(16).padStart(2, '0');
  return out;
}

/** Makes hashers; the platform registers its fastest one (Node: node:crypto; browser: hash-wasm). */
export type HasherFactory = (algorithm: KnownAlgorithm) => Promise<Hasher>;

// hash-wasm is the fastest streaming SHA-256 measured in a browser worker (177 MB/s, see docs/decisions.md).
const wasmFactory: HasherFactory = async (algorithm) => {
  const h = algorithm === 'sha512' ? await createSHA512() : await createSHA256();
  h.init();
  return {
    update: (chunk) => {
      h.update(chunk);
    },
    digestHex: () => h.digest('hex'),
  };
};

let factory: HasherFactory = wasmFactory;

/** Replace the hasher implementation (the CLI installs node:crypto, several times faster). */
export function setHasherFactory(f: HasherFactory): void {
  factory = f;
}

/** A new incremental hasher for the algorithm. */
export function createHasher(algorithm: KnownAlgorithm): Promise<Hasher> {
  return factory(algorithm);
}
