import { shortDigest } from '../../components/format.ts';
import type { PendingLink } from '../../state/deep-link.ts';

/** What a link shows, in words: `/etc/passwd in image sha256:0123456789ab`. */
function linkTarget(link: PendingLink): string {
  const where =
    link.path ?? (link.node && link.node !== link.image ? shortDigest(link.node) : null);
  const image = link.image ? `image ${shortDigest(link.image)}` : 'an image';
  return where ? `${where} in ${image}` : image;
}

/** On the start page: the link names a view of an image that only its owner has. */
export function LinkWaiting({ link }: { link: PendingLink }) {
  return (
    <div className="link-note" role="note" aria-label="Linked view">
      <strong>This link shows {linkTarget(link)}.</strong> That image was opened from a file, which
      never leaves the computer it is on: drop or pick the same image here and the linked view
      opens.
    </div>
  );
}

/** Over the workspace: the opened image is not the one the link was made for. */
export function LinkMismatch({
  link,
  opened,
  images,
  onDismiss,
}: {
  link: PendingLink;
  opened: string;
  images: readonly string[];
  onDismiss: () => void;
}) {
  const holds =
    images.length === 0
      ? 'holds no image manifest'
      : `holds ${images.length === 1 ? 'image' : 'images'} ${images
          .slice(0, 3)
          .map((d) => shortDigest(d))
          .join(', ')}${images.length > 3 ? ', …' : ''}`;
  return (
    <div className="link-note link-mismatch" role="alert">
      <span>
        <strong>This is a different image from the one the link was made for.</strong> The link
        shows {linkTarget(link)}; <span className="mono">{opened}</span> {holds}. It opens at its
        start; drop the image the link was made from to see the linked view.
      </span>
      <button type="button" className="btn btn-small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
