import type { ImageGraph } from '../../core/graph/model.ts';
import { isEmptyHash, parseUrlState } from './url-state.ts';

/**
 * A view the page was opened on (`#image=sha256:…&view=fs&path=/etc/passwd`) before any image
 * was open. A dropped image cannot travel in a link, so the link waits for the user to drop the
 * image it was made from: it is restored when that image (same manifest digest) opens, and the
 * user is told when a different one does.
 */
export interface PendingLink {
  /** The hash as it was, restored once the right image opens. */
  hash: string;
  /** The image (manifest digest) the link shows, when it names one. */
  image: string | null;
  /** The selected graph node (a digest or the top document's name), when it names one. */
  node: string | null;
  /** The path in the filesystem view, when it names one. */
  path: string | null;
}

/** The link a hash holds, or null when it holds no view. */
export function pendingLinkOf(hash: string): PendingLink | null {
  if (isEmptyHash(hash)) return null;
  const { image, node, path } = parseUrlState(hash);
  return { hash: hash.startsWith('#') ? hash : `#${hash}`, image, node, path };
}

/**
 * Whether an opened image is the one a link was made from: it holds the link's image manifest
 * (when the link names one) and the link's node (when it names one). A link that names neither
 * shows a view any image has, so it fits any image.
 */
export function linkFits(link: PendingLink, graph: ImageGraph): boolean {
  if (link.image !== null && !graph.images.some((i) => i.manifest === link.image)) return false;
  if (link.node !== null && !graph.nodes.has(link.node) && graph.top.id !== link.node) return false;
  return true;
}
