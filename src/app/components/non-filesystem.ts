import type { ImageSummary } from '../../core/graph/model.ts';
import { isLayerMediaType } from '../../core/oci/media-types.ts';

const SIGNATURE_TYPES: readonly string[] = [
  'application/vnd.dev.cosign.simplesigning.v1+json',
  'application/vnd.dev.cosign.artifact.sig.v1+json',
  'application/vnd.cncf.notary.signature',
  'application/vnd.dev.sigstore.bundle.v0.3+json',
  'application/vnd.dev.sigstore.bundle+json;version=0.3',
];

/**
 * Why a manifest holds no filesystem, in one sentence, or null when it is an image whose layers
 * can be merged. Attestations, signatures and artifacts carry blobs that are not layers: offering
 * a filesystem for them would wait forever for layers that are never listed.
 */
export function nonFilesystemReason(img: ImageSummary): string | null {
  const types = [
    img.artifactType,
    img.config?.mediaType,
    ...img.layers.map((l) => l.descriptor.mediaType),
  ];
  const anyLayer = img.layers.some((l) => isLayerMediaType(l.descriptor.mediaType));
  if (img.attestation)
    return 'This is an attestation manifest: in-toto statements (such as an SBOM or build provenance) about another image. Its blobs are documents, not filesystem layers; open them to read them.';
  if (types.some((t) => t && SIGNATURE_TYPES.includes(t)))
    return 'This is a signature manifest: it signs another image and holds no filesystem. Open its blobs to read them.';
  if (img.artifactType && !anyLayer)
    return `This is an artifact of type ${img.artifactType}: its blobs are not filesystem layers. Open them to read them.`;
  if (img.layers.length > 0 && !anyLayer)
    return 'None of this manifest’s blobs is a filesystem layer (their media types are not tar layers). Open them to read them.';
  return null;
}
