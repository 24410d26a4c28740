import type { ImageGraph, ImageSummary } from '../../core/graph/model.ts';
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

/**
 * Why an input shows no image at all, in one sentence per cause: each manifest that is
 * referenced but missing is named (never "holds no image manifest" when one is referenced).
 */
export function noImageReasons(graph: ImageGraph): string[] {
  const manifests = [...graph.nodes.values()].filter((n) => n.kind === 'manifest');
  const missing = manifests.filter((n) => !n.present);
  if (missing.length > 0)
    return missing.map(
      (n) =>
        `manifest ${n.id} is referenced but missing: the input does not hold it, so its layers cannot be listed.`,
    );
  if (manifests.length > 0 && graph.images.length === 0)
    return [
      'No manifest of this input could be read, so there are no layers to list (see Problems).',
    ];
  return ['This input holds no image manifest, so there are no layers to list.'];
}
