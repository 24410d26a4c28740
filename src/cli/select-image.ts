import { chooseImage } from '../core/graph/choose-image.ts';
import type { ImageGraph, ImageSummary } from '../core/graph/model.ts';
import { UsageError } from './args.ts';

/**
 * Choose one image as `--image` / `--platform` ask, else the default image of the input
 * (core/graph/choose-image.ts); a choice that cannot be made is a usage error.
 */
export function selectImage(
  graph: ImageGraph,
  opts: { image?: string | undefined; platform?: string | undefined },
): { image: ImageSummary; note: string | null } {
  const choice = chooseImage(graph.images, { digest: opts.image, platform: opts.platform });
  if (!choice.ok) {
    switch (choice.why) {
      case 'no-images':
        throw new UsageError(
          'the input holds no image manifest that could be read (see `inspect`)',
        );
      case 'digest-not-unique':
        throw new UsageError(
          `--image ${opts.image} matches ${choice.matches} image manifests; give more of the digest`,
        );
      case 'platform-invalid':
        throw new UsageError(`--platform must look like os/arch[/variant], got "${opts.platform}"`);
      case 'platform-absent':
        throw new UsageError(
          `no image for platform ${opts.platform}; the input has: ${choice.available.join(', ')}`,
        );
    }
  }
  const { image, runnable } = choice;
  const note =
    !opts.image && !opts.platform && runnable.length > 1
      ? `${runnable.length} images; showing ${image.platform ?? image.manifest} (choose with --platform or --image)`
      : null;
  return { image, note };
}
