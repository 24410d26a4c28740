import type { KnownAlgorithm } from '../oci/digest.ts';
import { createHasher } from './hasher.ts';

/** Progress of a streaming read: bytes done of total. */
export type ProgressFn = (done: number, total: number) => void;

/** A platform's faster way to hash a blob it recognises (the CLI: files read into one reused buffer); null to decline. */
export type BlobDigester = (
  blob: Blob,
  algorithm: KnownAlgorithm,
  opts: { signal?: AbortSignal; onProgress?: ProgressFn },
) => Promise<{ digest: string; bytes: number }> | null;

let blobDigester: BlobDigester | null = null;

/** Install a platform fast path for hashing whole blobs. */
export function setBlobDigester(d: BlobDigester | null): void {
  blobDigester = d;
}

/** Stream a Blob through a hash; returns `algorithm:hex` and the number of bytes read. */
export async function hashBlobCounted(
  blob: Blob,
  algorithm: KnownAlgorithm = 'sha256',
  opts: { signal?: AbortSignal; onProgress?: ProgressFn } = {},
): Promise<{ digest: string; bytes: number }> {
  const fast = blobDigester?.(blob, algorithm, opts);
  if (fast) return fast;
  const hasher = await createHasher(algorithm);
  const reader = blob.stream().getReader();
  let bytes = 0;
  try {
    for (;;) {
      opts.signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      hasher.update(value);
      bytes += value.length;
      opts.onProgress?.(bytes, blob.size);
    }
  } finally {
    reader.releaseLock();
  }
  return { digest: `${algorithm}:${hasher.digestHex()}`, bytes };
}

/** The sha256 (or sha512) digest string of a Blob's bytes. */
export async function hashBlob(blob: Blob, algorithm: KnownAlgorithm = 'sha256'): Promise<string> {
  return (await hashBlobCounted(blob, algorithm)).digest;
}

/** The digest string of some bytes. */
export async function hashBytes(
  bytes: Uint8Array,
  algorithm: KnownAlgorithm = 'sha256',
): Promise<string> {
  const hasher = await createHasher(algorithm);
  hasher.update(bytes);
  return `${algorithm}:${hasher.digestHex()}`;
}
