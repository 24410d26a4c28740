import type { FieldEntry, FieldTable } from './field-entries-oci.ts';
import { DOCKER_IMAGE_SPEC, SCHEMA1_SPEC } from './spec-links.ts';

const imageJson = `${DOCKER_IMAGE_SPEC}#image-json-field-descriptions`;
const archive = `${DOCKER_IMAGE_SPEC}#combined-image-json--filesystem-changeset-format`;
const CONTAINER_SETTING =
  'Docker records here a setting of the container the image was committed from; runtimes do not read it from the image.';

/** Run settings Docker writes in `config` / `container_config` beyond what OCI defines. */
export const DOCKER_RUN_CONFIG_FIELDS: Readonly<Record<string, string>> = {
  Hostname: `Host name of the build container. ${CONTAINER_SETTING}`,
  Domainname: `Domain name of the build container. ${CONTAINER_SETTING}`,
  AttachStdin: `Whether standard input was attached. ${CONTAINER_SETTING}`,
  AttachStdout: `Whether standard output was attached. ${CONTAINER_SETTING}`,
  AttachStderr: `Whether standard error was attached. ${CONTAINER_SETTING}`,
  Tty: `Whether a terminal was allocated. ${CONTAINER_SETTING}`,
  OpenStdin: `Whether standard input was kept open. ${CONTAINER_SETTING}`,
  StdinOnce: `Whether standard input closed after one attach. ${CONTAINER_SETTING}`,
  Image:
    'The image (ID or name) the build step started from; Docker writes it, runtimes ignore it.',
  OnBuild:
    'Dockerfile ONBUILD instructions, run when another image is built FROM this one (Docker only).',
  Shell: 'The shell used for the shell form of RUN, CMD and ENTRYPOINT (Dockerfile SHELL).',
  NetworkDisabled: `Whether networking was off. ${CONTAINER_SETTING}`,
  MacAddress: `MAC address of the build container. ${CONTAINER_SETTING}`,
  StopTimeout: 'Seconds to wait after the stop signal before killing the container (Docker).',
  'Healthcheck/Test':
    'The health test: ["NONE"], ["CMD", args…] or ["CMD-SHELL", command] (Dockerfile HEALTHCHECK).',
  'Healthcheck/Interval': 'Nanoseconds between two health checks.',
  'Healthcheck/Timeout': 'Nanoseconds a health check may take before it counts as failed.',
  'Healthcheck/StartPeriod': 'Nanoseconds after start during which failed checks do not count.',
  'Healthcheck/StartInterval': 'Nanoseconds between checks during the start period.',
  'Healthcheck/Retries': 'How many failures in a row make the container unhealthy.',
};

/** Top-level fields Docker writes in an image config beyond what OCI defines. */
export const DOCKER_CONFIG_FIELDS: Readonly<Record<string, FieldEntry>> = {
  container: {
    text: 'ID of the container Docker committed to make this image (the classic builder); informational.',
    href: imageJson,
  },
  container_config: {
    text: 'The settings of the build container for the last step (its Cmd shows that step); informational, runtimes use config instead.',
    href: imageJson,
  },
  docker_version: { text: 'The Docker version that built the image.', href: imageJson },
  id: { text: 'Legacy image ID (Docker v1 layer format).', href: imageJson },
  parent: { text: 'Legacy ID of the parent image (Docker v1 layer format).', href: imageJson },
  comment: { text: 'A free message recorded with the image.', href: imageJson },
  Size: { text: 'Legacy size of the layer in bytes (Docker v1 layer format).', href: imageJson },
};

/** `manifest.json` of a `docker save` archive: one entry per image. */
export const DOCKER_ARCHIVE_FIELDS: FieldTable = {
  entries: {
    '*/Config': {
      text: 'Path, inside the archive, of this image’s config JSON. Its sha256 is the image ID.',
      href: archive,
    },
    '*/RepoTags': {
      text: 'The names (repository:tag) this image was saved under; empty when saved by ID.',
      href: archive,
    },
    '*/Layers': {
      text: 'Paths, inside the archive, of the layer tars, base first; they pair with the config’s rootfs.diff_ids in order.',
      href: archive,
    },
    '*/Parent': {
      text: 'Image ID of the parent image, which must be in the same archive (legacy).',
      href: archive,
    },
    '*/LayerSources': {
      text: 'For layers that may not be redistributed (foreign layers): a descriptor per diff_id telling where the original blob lives. Written by Docker, not in the spec text.',
      href: archive,
    },
    '*/LayerSources/{}': {
      text: 'The diff_id of the layer this source is for: the sha256 of its uncompressed tar.',
      href: archive,
    },
  },
  maps: ['*/LayerSources'],
  descriptors: ['*/LayerSources/{}'],
};

/** `repositories` of a legacy `docker save` archive: repository → tag → image ID. */
export const DOCKER_REPOSITORIES_FIELDS: FieldTable = { entries: {}, maps: ['', '{}'] };

/** The deprecated Docker schema 1 manifest (signed or not). */
export const SCHEMA1_FIELDS: FieldTable = {
  entries: {
    schemaVersion: { text: 'Always 1 for this deprecated format.', href: SCHEMA1_SPEC },
    name: { text: 'The repository name the manifest was pushed to.', href: SCHEMA1_SPEC },
    tag: { text: 'The tag the manifest was pushed under.', href: SCHEMA1_SPEC },
    architecture: { text: 'The CPU architecture of the image.', href: SCHEMA1_SPEC },
    fsLayers: {
      text: 'The layers, newest first (the reverse of schema 2), by the digest of their compressed blob.',
      href: SCHEMA1_SPEC,
    },
    'fsLayers/*/blobSum': {
      text: 'Digest of the layer blob as stored (compressed).',
      href: SCHEMA1_SPEC,
    },
    history: {
      text: 'One entry per layer, newest first, each holding a v1 image JSON.',
      href: SCHEMA1_SPEC,
    },
    'history/*/v1Compatibility': {
      text: 'A legacy v1 image JSON (config and layer metadata) as a string.',
      href: SCHEMA1_SPEC,
    },
    signatures: {
      text: 'JSON Web Signatures over the manifest (signed schema 1). The signature hides the manifest’s digest, so it is no longer content-addressed.',
      href: SCHEMA1_SPEC,
    },
    'signatures/*/header': {
      text: 'The JWS unprotected header (key and algorithm).',
      href: SCHEMA1_SPEC,
    },
    'signatures/*/protected': {
      text: 'The JWS protected header, base64url, which says which bytes were signed.',
      href: SCHEMA1_SPEC,
    },
    'signatures/*/signature': { text: 'The signature, base64url.', href: SCHEMA1_SPEC },
  },
  // The JWS header's members (alg, jwk and its key parameters) belong to RFC 7515/7517.
  maps: ['signatures/*/header'],
};
