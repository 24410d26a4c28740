import { DOCKER_MANIFEST_SPEC, IMAGE_SPEC, SCHEMA1_SPEC } from './spec-links.ts';

/** Every media type of the OCI image-spec and Docker's image formats, and what each one is. */
export const MediaType = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociDescriptor: 'application/vnd.oci.descriptor.v1+json',
  ociLayoutHeader: 'application/vnd.oci.layout.header.v1+json',
  ociEmpty: 'application/vnd.oci.empty.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  ociLayerNondist: 'application/vnd.oci.image.layer.nondistributable.v1.tar',
  ociLayerNondistGzip: 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  ociLayerNondistZstd: 'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestV1: 'application/vnd.docker.distribution.manifest.v1+json',
  dockerManifestV1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  dockerLayerZstd: 'application/vnd.docker.image.rootfs.diff.tar.zstd',
  dockerForeignLayerGzip: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
  dockerPluginConfig: 'application/vnd.docker.plugin.v1+json',
  inTotoAttestation: 'application/vnd.in-toto+json',
} as const;

/** What a media type denotes, as far as this tool reads it. */
export type MediaKind =
  | 'index'
  | 'manifest'
  | 'manifest-schema1'
  | 'config'
  | 'layer'
  | 'empty'
  | 'descriptor'
  | 'layout-header'
  | 'unknown';

/** One entry of the media-type catalogue: its kind and a one-line explanation, with a spec link. */
export interface MediaTypeInfo {
  kind: MediaKind;
  /** Compression the media type claims (the bytes are still sniffed). */
  compression?: 'none' | 'gzip' | 'zstd';
  description: string;
  spec: string;
}

const SPEC = IMAGE_SPEC;
const DOCKER = DOCKER_MANIFEST_SPEC;

/** The catalogue: every known media type with its kind, description and spec link. */
export const MEDIA_TYPES: Readonly<Record<string, MediaTypeInfo>> = {
  [MediaType.ociIndex]: {
    kind: 'index',
    description: 'OCI image index: a list of manifests, usually one per platform',
    spec: `${SPEC}/image-index.md`,
  },
  [MediaType.ociManifest]: {
    kind: 'manifest',
    description: 'OCI image manifest: one config and an ordered list of layers',
    spec: `${SPEC}/manifest.md`,
  },
  [MediaType.ociConfig]: {
    kind: 'config',
    description: 'OCI image configuration: platform, run settings, rootfs diff_ids and history',
    spec: `${SPEC}/config.md`,
  },
  [MediaType.ociDescriptor]: {
    kind: 'descriptor',
    description: 'OCI content descriptor (a pointer: media type, digest, size)',
    spec: `${SPEC}/descriptor.md`,
  },
  [MediaType.ociLayoutHeader]: {
    kind: 'layout-header',
    description: 'the oci-layout file of an image layout',
    spec: `${SPEC}/image-layout.md`,
  },
  [MediaType.ociEmpty]: {
    kind: 'empty',
    description:
      'the empty descriptor: the two bytes `{}`, used as a placeholder config by artifacts',
    spec: `${SPEC}/manifest.md#guidance-for-an-empty-descriptor`,
  },
  [MediaType.ociLayer]: {
    kind: 'layer',
    compression: 'none',
    description: 'filesystem layer: an uncompressed tar changeset',
    spec: `${SPEC}/layer.md`,
  },
  [MediaType.ociLayerGzip]: {
    kind: 'layer',
    compression: 'gzip',
    description: 'filesystem layer: a gzip-compressed tar changeset',
    spec: `${SPEC}/layer.md#gzip-media-types`,
  },
  [MediaType.ociLayerZstd]: {
    kind: 'layer',
    compression: 'zstd',
    description: 'filesystem layer: a zstd-compressed tar changeset',
    spec: `${SPEC}/layer.md#zstd-media-types`,
  },
  [MediaType.ociLayerNondist]: {
    kind: 'layer',
    compression: 'none',
    description: 'non-distributable layer (deprecated): an uncompressed tar changeset',
    spec: `${SPEC}/layer.md#non-distributable-layers`,
  },
  [MediaType.ociLayerNondistGzip]: {
    kind: 'layer',
    compression: 'gzip',
    description: 'non-distributable layer (deprecated), gzip-compressed',
    spec: `${SPEC}/layer.md#non-distributable-layers`,
  },
  [MediaType.ociLayerNondistZstd]: {
    kind: 'layer',
    compression: 'zstd',
    description: 'non-distributable layer (deprecated), zstd-compressed',
    spec: `${SPEC}/layer.md#non-distributable-layers`,
  },
  [MediaType.dockerManifestList]: {
    kind: 'index',
    description: 'Docker manifest list (the Docker form of an image index)',
    spec: DOCKER,
  },
  [MediaType.dockerManifest]: {
    kind: 'manifest',
    description: 'Docker image manifest, schema 2',
    spec: DOCKER,
  },
  [MediaType.dockerManifestV1]: {
    kind: 'manifest-schema1',
    description: 'Docker image manifest, schema 1 (deprecated; no content-addressed config)',
    spec: SCHEMA1_SPEC,
  },
  [MediaType.dockerManifestV1Signed]: {
    kind: 'manifest-schema1',
    description: 'Docker image manifest, schema 1, signed (deprecated)',
    spec: SCHEMA1_SPEC,
  },
  [MediaType.dockerConfig]: {
    kind: 'config',
    description: 'Docker image configuration (same shape as the OCI config)',
    spec: DOCKER,
  },
  [MediaType.dockerLayer]: {
    kind: 'layer',
    compression: 'none',
    description: 'Docker filesystem layer, uncompressed tar',
    spec: DOCKER,
  },
  [MediaType.dockerLayerGzip]: {
    kind: 'layer',
    compression: 'gzip',
    description: 'Docker filesystem layer, gzip-compressed tar',
    spec: DOCKER,
  },
  [MediaType.dockerLayerZstd]: {
    kind: 'layer',
    compression: 'zstd',
    description: 'Docker filesystem layer, zstd-compressed tar',
    spec: DOCKER,
  },
  [MediaType.dockerForeignLayerGzip]: {
    kind: 'layer',
    compression: 'gzip',
    description: 'Docker foreign layer (fetched from its urls), gzip-compressed tar',
    spec: DOCKER,
  },
  [MediaType.dockerPluginConfig]: {
    kind: 'config',
    description: 'Docker plugin configuration',
    spec: DOCKER,
  },
  [MediaType.inTotoAttestation]: {
    kind: 'unknown',
    description: 'in-toto attestation statement (SBOM or provenance), as BuildKit attaches them',
    spec: 'https://github.com/in-toto/attestation',
  },
};

/** Look up a media type (parameters after `;` ignored); unknown types are tolerated as `unknown`. */
export function mediaTypeInfo(mediaType: string | undefined | null): MediaTypeInfo | undefined {
  if (!mediaType) return undefined;
  const bare = mediaType.split(';')[0]!.trim();
  const known = MEDIA_TYPES[bare];
  if (known) return known;
  // The spec lets layers use +gzip / +zstd suffixes of other tar types (e.g. application/tar+gzip).
  if (/(^|[./])tar(\+gzip|\.gzip)$/.test(bare))
    return {
      kind: 'layer',
      compression: 'gzip',
      description: 'tar+gzip content with a non-standard media type',
      spec: `${SPEC}/layer.md`,
    };
  if (/(^|[./])tar(\+zstd|\.zstd)$/.test(bare))
    return {
      kind: 'layer',
      compression: 'zstd',
      description: 'tar+zstd content with a non-standard media type',
      spec: `${SPEC}/layer.md`,
    };
  if (/(^|[./])tar$/.test(bare))
    return {
      kind: 'layer',
      compression: 'none',
      description: 'tar content with a non-standard media type',
      spec: `${SPEC}/layer.md`,
    };
  return undefined;
}

/** The kind of a media type, `unknown` when it is not one of ours. */
export function mediaKind(mediaType: string | undefined | null): MediaKind {
  return mediaTypeInfo(mediaType)?.kind ?? 'unknown';
}

/** True for media types whose content is a filesystem changeset (tar, maybe compressed). */
export function isLayerMediaType(mediaType: string | undefined | null): boolean {
  return mediaKind(mediaType) === 'layer';
}

/** Well-known annotation keys, explained (image-spec annotations.md and common de-facto keys). */
export const ANNOTATIONS: Readonly<Record<string, string>> = {
  'org.opencontainers.image.ref.name':
    'the reference name (tag) of this manifest within an image layout',
  'org.opencontainers.image.created': 'date and time the image was built (RFC 3339)',
  'org.opencontainers.image.authors': 'contact details of the people responsible for the image',
  'org.opencontainers.image.url': 'URL to find more information on the image',
  'org.opencontainers.image.documentation': 'URL to get documentation on the image',
  'org.opencontainers.image.source': 'URL to get the source code for building the image',
  'org.opencontainers.image.version': 'version of the packaged software',
  'org.opencontainers.image.revision': 'source control revision identifier',
  'org.opencontainers.image.vendor': 'name of the distributing entity',
  'org.opencontainers.image.licenses': 'SPDX license expression of the contained software',
  'org.opencontainers.image.title':
    'human-readable title of the image (or, on a layer, its file name)',
  'org.opencontainers.image.description': 'human-readable description of the software',
  'org.opencontainers.image.base.digest': 'digest of the image this one is based on',
  'org.opencontainers.image.base.name': 'image reference of the image this one is based on',
  'io.containerd.image.name': 'the full image name containerd or Docker recorded for this manifest',
  'vnd.docker.reference.digest':
    'BuildKit attestation: digest of the image manifest this attestation describes',
  'vnd.docker.reference.type': 'BuildKit attestation: the relationship (attestation-manifest)',
  'in-toto.io/predicate-type': 'in-toto predicate type of an attestation layer (SBOM, provenance)',
  'containerd.io/snapshot/stargz/toc.digest':
    'eStargz: digest of the table of contents stored at the end of the layer',
  'io.containers.estargz.uncompressed-size': 'eStargz: size of the layer after decompression',
};
