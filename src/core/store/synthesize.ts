import { makeDigest } from '../oci/digest.ts';
import { MediaType } from '../oci/media-types.ts';
import type { Descriptor, Platform } from '../oci/types.ts';
import { hashBytes } from '../verify/hash-blob.ts';
import type { MapBlobStore } from './blob-store.ts';

const encoder = new TextEncoder();

/** Store a JSON document this tool wrote (docker archives carry no manifests); returns its digest and size. */
export async function storeSynthesized(
  store: MapBlobStore,
  json: unknown,
  source: string,
): Promise<{ digest: string; size: number }> {
  const bytes = encoder.encode(JSON.stringify(json, null, 2));
  const digest = await hashBytes(bytes);
  store.add({
    digest,
    blob: new Blob([bytes]),
    source: `(synthesized from ${source})`,
    synthesized: true,
  });
  return { digest, size: bytes.length };
}

/** Synthesize and store a Docker schema 2 manifest over a config and layers; returns its descriptor. */
export async function synthesizeManifest(
  store: MapBlobStore,
  config: { digest: string; size: number },
  layers: readonly Descriptor[],
  source: string,
  platform: Platform | undefined,
): Promise<Descriptor> {
  const manifest = await storeSynthesized(
    store,
    {
      schemaVersion: 2,
      mediaType: MediaType.dockerManifest,
      config: { mediaType: MediaType.dockerConfig, size: config.size, digest: config.digest },
      layers: layers.map((l) => ({ mediaType: l.mediaType, size: l.size, digest: l.digest.value })),
    },
    source,
  );
  return {
    mediaType: MediaType.dockerManifest,
    digest: makeDigest('sha256', manifest.digest.slice('sha256:'.length)),
    size: manifest.size,
    ...(platform ? { platform } : {}),
  };
}
