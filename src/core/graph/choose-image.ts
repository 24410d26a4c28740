import { parsePlatform, platformMatches } from '../oci/platform.ts';
import type { Platform } from '../oci/types.ts';
import type { ImageSummary } from './model.ts';

/** What tells a runnable image from an attestation, an artifact or an unreadable one. */
export type RunnableFacts = Pick<ImageSummary, 'attestation' | 'artifactType' | 'configDocument'>;

/**
 * True for an image one can run: it has an image config that could be read and is neither an
 * attestation nor an artifact.
 */
export function isRunnable(image: RunnableFacts): boolean {
  return !image.attestation && image.artifactType === null && image.configDocument !== null;
}

/**
 * The image an index stands for when nothing else is asked: the first runnable one (see
 * `isRunnable`), in index order; the first image at all when none is runnable; null for none.
 * The CLI's `ls`/`cat` and the app open this one.
 */
export function defaultImage<T extends RunnableFacts>(images: readonly T[]): T | null {
  return images.find(isRunnable) ?? images[0] ?? null;
}

/** The platform an image runs on: its index entry's, else its config's. */
export function platformOf(image: ImageSummary): Platform | undefined {
  if (image.platform) return parsePlatform(image.platform);
  const cfg = image.configDocument;
  if (!cfg) return undefined;
  return cfg.variant
    ? { os: cfg.os, architecture: cfg.architecture, variant: cfg.variant }
    : { os: cfg.os, architecture: cfg.architecture };
}

/** Which image was chosen, or why none could be. */
export type ImageChoice =
  | { ok: true; image: ImageSummary; runnable: readonly ImageSummary[] }
  | { ok: false; why: 'no-images' }
  | { ok: false; why: 'digest-not-unique'; matches: number }
  | { ok: false; why: 'platform-invalid' }
  | { ok: false; why: 'platform-absent'; available: string[] };

/**
 * Choose one image: by `digest` (a manifest digest, or a unique prefix of its hex), else by
 * `platform` (`os/arch[/variant]`; the first runnable match), else `defaultImage`.
 */
export function chooseImage(
  images: readonly ImageSummary[],
  by: { digest?: string | undefined; platform?: string | undefined } = {},
): ImageChoice {
  const runnable = images.filter(isRunnable);
  if (images.length === 0) return { ok: false, why: 'no-images' };
  if (by.digest) {
    const want = by.digest.startsWith('sha256:') ? by.digest : `sha256:${by.digest}`;
    const found = images.filter((im) => im.manifest.startsWith(want));
    if (found.length !== 1) return { ok: false, why: 'digest-not-unique', matches: found.length };
    return { ok: true, image: found[0]!, runnable };
  }
  if (by.platform) {
    const wanted = parsePlatform(by.platform);
    if (!wanted) return { ok: false, why: 'platform-invalid' };
    const found = runnable.find((im) => {
      const p = platformOf(im);
      return p !== undefined && platformMatches(wanted, p);
    });
    if (!found)
      return {
        ok: false,
        why: 'platform-absent',
        available: runnable.map((im) => im.platform ?? '(no platform)'),
      };
    return { ok: true, image: found, runnable };
  }
  return { ok: true, image: defaultImage(images)!, runnable };
}
