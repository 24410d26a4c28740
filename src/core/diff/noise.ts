import { pointerTokens } from './json-pointer.ts';

/** Which document of an image a JSON change belongs to. */
export type DocumentKind = 'index' | 'manifest' | 'config';

/**
 * Annotation and label keys that build tools stamp on every build (times, tool versions,
 * caches): a rebuild changes them without changing the image. Prefixes end with `.`.
 */
export const NOISE_ANNOTATIONS: readonly string[] = [
  'org.opencontainers.image.created',
  'org.label-schema.build-date',
  'build-date',
  'io.buildah.version',
  'moby.buildkit.',
  'com.docker.official-images.bashbrew.',
];

function isNoiseKey(key: string): boolean {
  return NOISE_ANNOTATIONS.some((n) => (n.endsWith('.') ? key.startsWith(n) : key === n));
}

/**
 * The noise filter (README "Compare two images"). Hidden unless `--strict`:
 * - config: `/created`, `/history/N/created`, build-tool labels (`/config/Labels/K`);
 * - any document: build-tool annotations (`/annotations/K`, `/manifests/N/annotations/K`);
 * - digests and sizes of the blobs the comparison reads by content (the config's descriptor,
 *   each layer's descriptor, the config's `rootfs.diff_ids`, an index's manifest descriptors):
 *   they change whenever a timestamp inside them does, and what they name is compared itself.
 */
export function isNoise(doc: DocumentKind, pointer: string): boolean {
  const t = pointerTokens(pointer);
  const n = t.length;
  if (n >= 2 && t[n - 2] === 'annotations' && isNoiseKey(t[n - 1]!)) return true;
  switch (doc) {
    case 'config':
      return (
        (n === 1 && t[0] === 'created') ||
        (n === 3 && t[0] === 'history' && t[2] === 'created') ||
        (n === 3 && t[0] === 'config' && t[1] === 'Labels' && isNoiseKey(t[2]!)) ||
        (n === 3 && t[0] === 'rootfs' && t[1] === 'diff_ids')
      );
    case 'manifest':
      return (
        (n === 2 && t[0] === 'config' && (t[1] === 'digest' || t[1] === 'size')) ||
        (n === 3 && t[0] === 'layers' && (t[2] === 'digest' || t[2] === 'size'))
      );
    case 'index':
      return n === 3 && t[0] === 'manifests' && (t[2] === 'digest' || t[2] === 'size');
  }
}
