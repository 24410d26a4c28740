/**
 * TanStack Query keys. Results are content-addressed: the digest comes first. The input's key
 * comes last because a digest is only a claim until the bytes are hashed: two inputs may store
 * different bytes under one digest, and each must be checked on its own.
 */
export const queryKeys = {
  /** The hash of one blob (documents and non-layer blobs). */
  blob: (digest: string, inputKey: string) => ['blob', digest, inputKey] as const,
  /** One layer's phase 1 (index): its tar listing, nothing hashed (LayerIndexResult). */
  layer: (digest: string, inputKey: string) => ['layer', digest, inputKey] as const,
  /** One layer's phase 2 (verify): digest, diff_id and gzip checkpoints (LayerVerifyResult). */
  layerVerify: (digest: string, inputKey: string) => ['layer-verify', digest, inputKey] as const,
  /** An image's merged filesystem facts (net and wasted bytes per layer). */
  analysis: (manifest: string, inputKey: string) => ['analysis', manifest, inputKey] as const,
};
