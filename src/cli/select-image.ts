import type { ImageGraph, ImageSummary } from '../core/graph/model.ts';
import { parsePlatform, platformMatches } from '../core/oci/platform.ts';
import { UsageError } from './args.ts';

/**
 * Choose one image: by `--image` (a manifest digest or a unique prefix of its hex), by
 * `--platform` (first match wins, attestations skipped), or the only / first runnable image.
 */
export function selectImage(
  graph: ImageGraph,
  opts: { image?: string | undefined; platform?: string | undefined },
): { image: ImageSummary; note: string | null } {
  const candidates = graph.images;
  if (candidates.length === 0)
    throw new UsageError('the input holds no image manifest that could be read (see `inspect`)');
  if (opts.image) {
    const want = opts.image.startsWith('sha256:') ? opts.image : `sha256:${opts.image}`;
    const found = candidates.filter((im) => im.manifest.startsWith(want));
    if (found.length !== 1)
      throw new UsageError(
        `--image ${opts.image} matches ${found.length} image manifests; give more of the digest`,
      );
    return { image: found[0]!, note: null };
  }
  const runnable = candidates.filter((im) => !im.attestation && im.configDocument !== null);
  if (opts.platform) {
    const wanted = parsePlatform(opts.platform);
    if (!wanted)
      throw new UsageError(`--platform must look like os/arch[/variant], got "${opts.platform}"`);
    const found = runnable.find((im) => {
      const cfg = im.configDocument!;
      const p = im.platform
        ? parsePlatform(im.platform)
        : {
            os: cfg.os,
            architecture: cfg.architecture,
            ...(cfg.variant ? { variant: cfg.variant } : {}),
          };
      return p !== undefined && platformMatches(wanted, p);
    });
    if (!found)
      throw new UsageError(
        `no image for platform ${opts.platform}; the input has: ${runnable.map((im) => im.platform ?? '(no platform)').join(', ')}`,
      );
    return { image: found, note: null };
  }
  const pick = runnable[0] ?? candidates[0]!;
  const note =
    runnable.length > 1
      ? `${runnable.length} images; showing ${pick.platform ?? pick.manifest} (choose with --platform or --image)`
      : null;
  return { image: pick, note };
}
