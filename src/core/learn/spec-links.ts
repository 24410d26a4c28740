/** The image-spec release whose pages the explanations link (its latest release tag, not `main`). */
export const SPEC_TAG = 'v1.1.1';

const BASE = `https://github.com/opencontainers/image-spec/blob/${SPEC_TAG}`;

/** A link to a section of the image-spec at the pinned release. */
export interface SpecLink {
  label: string;
  href: string;
}

/** The spec sections the explanations cite; one place, so the tag changes once. */
export const SpecLinks = {
  layout: { label: 'image-layout.md', href: `${BASE}/image-layout.md` },
  layoutHeader: {
    label: 'image-layout.md#oci-layout-file',
    href: `${BASE}/image-layout.md#oci-layout-file`,
  },
  layoutIndex: {
    label: 'image-layout.md#indexjson-file',
    href: `${BASE}/image-layout.md#indexjson-file`,
  },
  layoutBlobs: { label: 'image-layout.md#blobs', href: `${BASE}/image-layout.md#blobs` },
  index: { label: 'image-index.md', href: `${BASE}/image-index.md` },
  platform: {
    label: 'image-index.md#image-index-property-descriptions',
    href: `${BASE}/image-index.md#image-index-property-descriptions`,
  },
  manifest: { label: 'manifest.md', href: `${BASE}/manifest.md` },
  artifacts: {
    label: 'manifest.md#guidelines-for-artifact-usage',
    href: `${BASE}/manifest.md#guidelines-for-artifact-usage`,
  },
  config: { label: 'config.md', href: `${BASE}/config.md` },
  layerIds: { label: 'config.md#layer-diffid', href: `${BASE}/config.md#layer-diffid` },
  layer: { label: 'layer.md', href: `${BASE}/layer.md` },
  whiteouts: { label: 'layer.md#whiteouts', href: `${BASE}/layer.md#whiteouts` },
  opaque: { label: 'layer.md#opaque-whiteout', href: `${BASE}/layer.md#opaque-whiteout` },
  descriptor: { label: 'descriptor.md', href: `${BASE}/descriptor.md` },
  digests: { label: 'descriptor.md#digests', href: `${BASE}/descriptor.md#digests` },
} as const satisfies Record<string, SpecLink>;
