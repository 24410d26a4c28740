import { ANNOTATIONS, mediaTypeInfo } from '../../core/oci/media-types.ts';
import { IMAGE_SPEC } from '../../core/oci/spec-links.ts';

/** An explanation shown on hover: a sentence and the spec section it comes from. */
export interface Explanation {
  title: string;
  text: string;
  href: string;
}

const SPEC = IMAGE_SPEC;

/** What a media type is, with its spec link; unknown types are explained as tolerated. */
export function explainMediaType(mediaType: string): Explanation {
  const info = mediaTypeInfo(mediaType);
  if (info) return { title: mediaType, text: info.description, href: info.spec };
  return {
    title: mediaType,
    text: 'not a media type this tool knows; the spec says to tolerate unknown types (an artifact, or a newer format)',
    href: `${SPEC}/descriptor.md#properties`,
  };
}

/** What an annotation key means, with its spec link; null for keys nobody standardised. */
export function explainAnnotation(key: string): Explanation | null {
  const text = ANNOTATIONS[key];
  const reserved = key.startsWith('org.opencontainers.');
  if (text) {
    const href = key.startsWith('org.opencontainers.image.')
      ? `${SPEC}/annotations.md#pre-defined-annotation-keys`
      : key.startsWith('containerd.io/snapshot/stargz') || key.startsWith('io.containers.estargz')
        ? 'https://github.com/containerd/stargz-snapshotter/blob/main/docs/estargz.md'
        : key.startsWith('vnd.docker.reference')
          ? 'https://github.com/moby/buildkit/blob/master/docs/attestations/attestation-storage.md'
          : key.startsWith('in-toto')
            ? 'https://github.com/moby/buildkit/blob/master/docs/attestations/attestation-storage.md'
            : `${SPEC}/annotations.md`;
    return { title: key, text, href };
  }
  if (reserved) {
    return {
      title: key,
      text: 'a key in the reserved org.opencontainers namespace that the spec does not define',
      href: `${SPEC}/annotations.md#rules`,
    };
  }
  return null;
}

/** A short name for a media type, for dense rows: `tar+gzip`, `oci manifest`, … */
export function shortMediaType(mediaType: string): string {
  const info = mediaTypeInfo(mediaType);
  if (info?.kind === 'layer') {
    const c = info.compression === 'none' ? 'tar' : `tar+${info.compression}`;
    return mediaType.includes('docker')
      ? `docker ${c}`
      : mediaType.includes('nondistributable')
        ? `${c} (nondist)`
        : c;
  }
  if (info) return `${mediaType.includes('docker') ? 'docker' : 'oci'} ${info.kind}`;
  const bare = mediaType.split(';')[0]!;
  return bare.length > 40 ? `${bare.slice(0, 38)}…` : bare;
}
