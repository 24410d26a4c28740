/**
 * TanStack Query keys. Results are content-addressed: the digest comes first. The input's key
 * comes last because a digest is only a claim until the bytes are hashed: two inputs may store
 * different bytes under one digest, and each must be checked on its own.
 */
export const queryKeys = {
  /** The hash of one blob (documents and non-layer blobs). */
  blob: (digest: string, inputKey: string) => ['blob', digest, inputKey] as const,
  /** One layer's job: digest, decompression, diff_id, listing. */
  layer: (digest: string, inputKey: string) => ['layer', digest, inputKey] as const,
  /** An image's merged filesystem facts (net and wasted bytes per layer). */
  analysis: (manifest: string, inputKey: string) => ['analysis', manifest, inputKey] as const,
};
