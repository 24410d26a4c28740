/**
 * Where the specs live, pinned to release tags so a link keeps saying what it said when it was
 * written (`main` moves). Checked: image-spec v1.1.1 is the latest release; docker-image-spec
 * v1.3.1 holds Docker's config and `docker save` formats.
 */
export const IMAGE_SPEC_TAG = 'v1.1.1';

/** Base URL of the image-spec's markdown pages at the release tag. */
export const IMAGE_SPEC = `https://github.com/opencontainers/image-spec/blob/${IMAGE_SPEC_TAG}`;

/** Docker's image spec (config fields OCI lacks, and the `docker save` archive). */
export const DOCKER_IMAGE_SPEC = 'https://github.com/moby/docker-image-spec/blob/v1.3.1/spec.md';

const DISTRIBUTION_SPEC =
  'https://github.com/distribution/distribution/blob/v3.1.1/docs/content/spec';

/** The deprecated Docker schema 1 manifest, documented by the distribution project. */
export const SCHEMA1_SPEC = `${DISTRIBUTION_SPEC}/deprecated-schema-v1.md`;

/** Docker's schema 2 manifest and manifest list. */
export const DOCKER_MANIFEST_SPEC = `${DISTRIBUTION_SPEC}/manifest-v2-2.md`;

/** An image-spec page (and section) at the release tag, e.g. `imageSpec('config.md', 'properties')`. */
export function imageSpec(page: string, anchor?: string): string {
  return anchor ? `${IMAGE_SPEC}/${page}#${anchor}` : `${IMAGE_SPEC}/${page}`;
}

/**
 * The URL of the spec section a problem's `rule` names, or null when it names none. Rules read
 * `image-spec <page>.md#<anchor> (detail)` or `distribution <page>.md`; anything else (GNU tar,
 * docker behaviour) has no page to link.
 */
export function ruleHref(rule: string | undefined): string | null {
  if (!rule) return null;
  const oci = /^image-spec ([a-z0-9-]+\.md)(?:#([a-z0-9-]+))?/.exec(rule);
  if (oci) return imageSpec(oci[1]!, oci[2]);
  if (/^distribution deprecated-schema-v1\.md/.test(rule)) return SCHEMA1_SPEC;
  return null;
}
